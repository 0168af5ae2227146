// tests/fuzz/harness_dtls.hpp — the DTLS fuzz properties (include/tlswire/dtls/),
// shared like harness.hpp's by the libFuzzer targets (targets.hpp) and the
// replay test.
//
// - dtls: the input as each DTLS structure (DTLSPlaintext, DTLSCiphertext,
//   the handshake fragment, HelloVerifyRequest, the DTLS ClientHello, ACK, a
//   DTLS 1.3 unified-header record), strict and lenient: the properties of
//   testing::check_parse (what parses re-serializes exactly, re-parses equal,
//   allocates nothing, ...); and the input as one datagram of records back to
//   back: every record lies inside it, in order, and re-serializes to its bytes.
// - dtls_reassembly: handshake messages built from the input, cut into
//   fragments, the fragments duplicated, overlapped and reordered as the
//   input says, written back to back as a datagram would carry them, read with
//   for_each_fragment and fed to dtls::reassembler: every message comes out
//   once, whole, in message_seq order, equal to what was cut, with every body
//   byte's origin pointing at that byte in the datagram — however it was cut.
//   Then the same datagram's fragments in reverse order give the same messages.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "harness.hpp"
#include "tlswire/dtls.hpp"

namespace fuzz {

inline int dtls(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    structures<dtls::plaintext, dtls::ciphertext, dtls::handshake, dtls::hello_verify_request, dtls::client_hello,
               dtls::ack>(data, size);
    const bytes_view in(data, size);
    for (const strictness mode : {strictness::strict, strictness::lenient}) {
        context ctx;
        ctx.mode = mode;
        const auto c13 = dtls::parse_ciphertext13(in, 0, ctx);
        if (c13) {
            std::vector<std::uint8_t> out;
            require(serialize(*c13, out, ctx, bounds::unchecked).has_value() && same(out, in));
        }
        std::size_t next = 0;
        (void)dtls::for_each_record(in, 1000, ctx, [&](const dtls::plaintext& r, std::size_t at) {
            require(at == 1000 + next);
            std::vector<std::uint8_t> out;
            require(serialize(r, out, ctx, bounds::unchecked).has_value());
            require(at - 1000 + out.size() <= size && same(out, in.subspan(at - 1000, out.size())));
            next += out.size();
        });
    }
    return 0;
}

namespace detail_dtls {
// A little generator fed by the input, so that a cut is the input's choice.
struct bytes_source {
    const std::uint8_t* p;
    std::size_t n;
    std::uint8_t next() noexcept {
        if (n == 0) return 0;
        --n;
        return *p++;
    }
};

struct fragment_spec {
    std::uint16_t message_seq;
    std::uint32_t offset, length;
};

// append_fragment — one handshake fragment of message m (type, body, seq) as on the wire.
inline void append_fragment(std::vector<std::uint8_t>& out, tlswire::handshake_type type,
                            const std::vector<std::uint8_t>& body, const fragment_spec& f) {
    using namespace tlswire;
    dtls::handshake h;
    h.msg_type = type;
    h.length = static_cast<std::uint32_t>(body.size());
    h.message_seq = f.message_seq;
    h.fragment_offset = f.offset;
    h.fragment = bytes_view(body.data() + f.offset, f.length);
    require(serialize(h, out, context{}).has_value());
}
}  // namespace detail_dtls

inline int dtls_reassembly(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    using namespace detail_dtls;
    bytes_source src{data, size};
    // The messages: up to 8, each a type byte, a length byte (0..255 body bytes) and its body.
    struct built {
        handshake_type type;
        std::vector<std::uint8_t> body;
    };
    std::vector<built> messages;
    const std::size_t count = src.next() % 8 + 1;
    for (std::size_t i = 0; i < count && src.n > 0; ++i) {
        built m{static_cast<handshake_type>(src.next()), {}};
        const std::size_t len = src.next();
        for (std::size_t j = 0; j < len; ++j) m.body.push_back(src.next());
        messages.push_back(std::move(m));
    }
    // The cut: each message into pieces of 1..16 bytes (or whole), some sent twice
    // or overlapping their neighbour, then the fragments reordered by swaps.
    std::vector<std::pair<std::size_t, fragment_spec>> fragments;  // (message index, fragment)
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const auto seq = static_cast<std::uint16_t>(i);
        const std::size_t n = messages[i].body.size();
        const std::uint8_t how = src.next();
        if (n == 0 || (how & 0x80) == 0x80) {
            fragments.push_back({i, {seq, 0, static_cast<std::uint32_t>(n)}});
            continue;
        }
        const std::size_t step = how % 16 + 1;
        for (std::size_t at = 0; at < n; at += step) {
            const std::uint8_t extra = src.next();
            const std::size_t back = (extra & 1) && at > 0 ? 1 : 0;  // overlap the previous piece by a byte
            const std::size_t len = std::min(step, n - at) + back;
            const fragment_spec f{seq, static_cast<std::uint32_t>(at - back), static_cast<std::uint32_t>(len)};
            fragments.push_back({i, f});
            if (extra & 2) fragments.push_back({i, f});  // a retransmission
        }
    }
    for (std::size_t k = 0; k + 1 < fragments.size(); ++k)
        if (src.next() & 1) std::swap(fragments[k], fragments[k + 1 + src.next() % (fragments.size() - k - 1)]);

    std::vector<std::uint8_t> datagram;
    for (const auto& [i, f] : fragments) append_fragment(datagram, messages[i].type, messages[i].body, f);

    // Feed the datagram's fragments (in `order`), check what comes out.
    auto run = [&](bool reverse) {
        std::vector<std::pair<dtls::handshake, std::size_t>> parsed;
        const auto r = dtls::for_each_fragment(bytes_view(datagram), 0, context{},
                                               [&](const dtls::handshake& h, std::size_t at) { parsed.push_back({h, at}); });
        require(r.has_value() && parsed.size() == fragments.size());
        if (reverse) std::reverse(parsed.begin(), parsed.end());
        dtls::reassembler ra(dtls::reassembler_limits{1u << 12, 1u << 16});
        std::size_t delivered = 0;
        for (const auto& [h, at] : parsed) {
            const auto fed = ra.feed(h, at, [&](const dtls::reassembled_message& m) {
                require(m.message_seq == delivered && delivered < messages.size());
                require(m.msg_type == messages[delivered].type);
                require(same(m.body, bytes_view(messages[delivered].body)));
                for (std::size_t b = 0; b < m.body.size(); ++b) {
                    const std::size_t o = m.origin.offset(b);
                    require(o < datagram.size() && datagram[o] == m.body[b]);
                }
                ++delivered;
            });
            require(fed.has_value());
            require(ra.buffered_bytes() <= ra.limits().max_buffered_bytes);
        }
        require(delivered == messages.size());
        require(ra.pending_messages() == 0 && ra.buffered_bytes() == 0);
    };
    run(false);
    run(true);
    return 0;
}

}  // namespace fuzz
