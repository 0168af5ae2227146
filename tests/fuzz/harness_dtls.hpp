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
// - dtls_connection: the DTLS connection decoder (dtls/connection.hpp) over
//   datagrams of both directions (or, in stream mode, each direction's
//   records back to back), with or without a key log (reference backend),
//   strict or lenient, with a connection ID length: every record an event
//   names lies inside its datagram (stream), every handshake message is
//   reported once, in message_seq order per direction, and re-serializes to
//   its body; without keys every body byte's origin holds that byte; an
//   error's offset is inside the input or at its end.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
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

// dtls_connection's input:
//   byte 0: bit 0 lenient, bit 1 a key log follows, bit 2 stream mode,
//           bits 3-4 the connection ID length (0, 1, 4 or 8 bytes);
//   with a key log: a 2-byte length and that many bytes of key log text;
//   then datagrams, each a 2-byte header (bit 15: sent by the server; the
//   other 15 bits its length, cut to what is left) and its bytes.
struct dtls_connection_input {
    bool lenient = false, stream = false;
    std::size_t connection_id_length = 0;
    std::string_view keylog{};
    bool keys = false;
    std::vector<tlswire::dtls::datagram> datagrams;
};

inline dtls_connection_input read_dtls_connection_input(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    dtls_connection_input in;
    if (size == 0) return in;
    constexpr std::array<std::size_t, 4> cid_lengths{0, 1, 4, 8};
    in.lenient = (data[0] & 1) != 0;
    in.keys = (data[0] & 2) != 0;
    in.stream = (data[0] & 4) != 0;
    in.connection_id_length = cid_lengths[(data[0] >> 3) & 3];
    std::size_t at = 1;
    if (in.keys && at + 2 <= size) {
        const std::size_t n = std::min<std::size_t>(std::size_t{data[at]} << 8 | data[at + 1], size - at - 2);
        in.keylog = std::string_view(reinterpret_cast<const char*>(data + at + 2), n);
        at += 2 + n;
    }
    while (at + 2 <= size) {
        const std::size_t h = std::size_t{data[at]} << 8 | data[at + 1];
        const std::size_t n = std::min<std::size_t>(h & 0x7fff, size - at - 2);
        in.datagrams.push_back({(h & 0x8000) != 0 ? direction::s2c : direction::c2s, bytes_view(data + at + 2, n), at + 2});
        at += 2 + n;
    }
    return in;
}

// write_dtls_connection_input — the inverse (seeds from captures): flags as byte 0 above.
inline std::vector<std::uint8_t> write_dtls_connection_input(std::uint8_t flags, std::string_view keylog,
                                                             const std::vector<tlswire::dtls::datagram>& datagrams) {
    std::vector<std::uint8_t> out{flags};
    if ((flags & 2) != 0) {
        const std::size_t n = std::min<std::size_t>(keylog.size(), 0xffff);
        out.push_back(static_cast<std::uint8_t>(n >> 8));
        out.push_back(static_cast<std::uint8_t>(n));
        out.insert(out.end(), keylog.begin(), keylog.begin() + static_cast<std::ptrdiff_t>(n));
    }
    for (const auto& d : datagrams) {
        const std::size_t n = std::min<std::size_t>(d.bytes.size(), 0x7fff);
        const std::size_t h = n | (d.dir == tlswire::direction::s2c ? 0x8000 : 0);
        out.push_back(static_cast<std::uint8_t>(h >> 8));
        out.push_back(static_cast<std::uint8_t>(h));
        out.insert(out.end(), d.bytes.begin(), d.bytes.begin() + static_cast<std::ptrdiff_t>(n));
    }
    return out;
}

inline int dtls_connection(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    using backend = crypto::reference::backend;
    const dtls_connection_input in = read_dtls_connection_input(data, size);
    // Stream mode: each direction's datagrams back to back, as `tlswire decode --dtls --c2s/--s2c` reads them.
    std::vector<std::uint8_t> streams[2];
    for (const auto& d : in.datagrams)
        streams[d.dir == direction::c2s ? 0 : 1].insert(streams[d.dir == direction::c2s ? 0 : 1].end(), d.bytes.begin(),
                                                         d.bytes.end());
    const auto run = [&](auto& dec) {
        std::size_t datagram_end = 0;  // datagram mode: the end of the datagram being fed
        int last_seq[2] = {-1, -1};
        const auto on_event = [&](const dtls::event& ev) {
            const int d = ev.dir == direction::c2s ? 0 : 1;
            // Where the record lies: inside its datagram, or inside its direction's stream.
            if (in.stream) {
                require(ev.rec.offset + ev.rec.size <= streams[d].size());
            } else {
                require(ev.datagram_offset <= ev.rec.offset && ev.rec.offset + ev.rec.size <= datagram_end);
                if (!ev.decrypted())
                    require(ev.rec.payload.empty() || ev.rec.payload.data() == data + ev.rec.offset + (ev.rec.size - ev.rec.payload.size()));
            }
            if (ev.kind != dtls::event_kind::handshake) return;
            // Each message once, in message_seq order (RFC 6347 §4.2.2).
            require(static_cast<int>(ev.message_seq) > last_seq[d]);
            last_seq[d] = ev.message_seq;
            std::vector<std::uint8_t> again;
            writer w(again, bounds::unchecked);
            dtls::write_body(w, ev.msg, ev.ctx);
            require(w.ok() && same(again, ev.body));
            if (!in.keys) {
                const bytes_view input = in.stream ? bytes_view(streams[d]) : bytes_view(data, size);
                for (std::size_t b = 0; b < ev.body.size(); ++b) {
                    const std::size_t o = ev.origin.offset(b);
                    require(o < input.size() && input[o] == ev.body[b]);
                }
            }
        };
        result<void> r{};
        if (in.stream) {
            r = dec.decode_streams(bytes_view(streams[0]), bytes_view(streams[1]), on_event);
        } else {
            for (const auto& d : in.datagrams) {
                datagram_end = d.offset + d.bytes.size();
                r = dec.feed(d, on_event);
                if (!r) break;
            }
            if (r) r = dec.finish();
        }
        if (!r) {
            const std::size_t limit = in.stream ? streams[dec.failed_direction() == direction::c2s ? 0 : 1].size() : size;
            require(r.err().offset <= limit);
        }
    };
    dtls::decoder_options options;
    options.mode = in.lenient ? strictness::lenient : strictness::strict;
    options.connection_id_length = in.connection_id_length;
    if (in.keys) {
        dtls::connection_keys<backend> keys(in.keylog);
        dtls::basic_connection_decoder<dtls::connection_keys<backend>> dec(options);
        dec.use_keys(keys);
        run(dec);
    } else {
        dtls::connection_decoder dec(options);
        run(dec);
    }
    return 0;
}

}  // namespace fuzz
