// tests/dtls/connection_support.hpp — what the DTLS connection decoder tests
// share: a capture's datagrams laid end to end (each datagram's offset is
// where it starts in that concatenation, as in a capture file), and a
// summary of the events a decode reported, copied out of the callback.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/dtls.hpp"

namespace test_support::dtls {

// datagrams — the bytes of every datagram in one buffer and their views.
struct datagrams {
    std::vector<std::uint8_t> bytes;
    std::vector<tlswire::dtls::datagram> list;
    std::string keylog;  // a capture's key log lines, if any

    // add(dir, b) — one more datagram at the end.
    void add(tlswire::direction dir, const std::vector<std::uint8_t>& b) {
        offsets.push_back({dir, bytes.size(), b.size()});
        bytes.insert(bytes.end(), b.begin(), b.end());
        rebuild();
    }
    // stream(dir) — one direction's datagrams back to back.
    [[nodiscard]] std::vector<std::uint8_t> stream(tlswire::direction dir) const {
        std::vector<std::uint8_t> out;
        for (const auto& o : offsets)
            if (o.dir == dir) out.insert(out.end(), bytes.begin() + static_cast<std::ptrdiff_t>(o.at),
                                         bytes.begin() + static_cast<std::ptrdiff_t>(o.at + o.size));
        return out;
    }

private:
    struct place {
        tlswire::direction dir;
        std::size_t at, size;
    };
    std::vector<place> offsets;
    void rebuild() {
        list.clear();
        for (const auto& o : offsets) list.push_back({o.dir, tlswire::bytes_view(bytes.data() + o.at, o.size), o.at});
    }
};

// load_datagrams(json) — a dtls_datagrams vector file's datagrams and key log.
inline datagrams load_datagrams(const nlohmann::json& v) {
    datagrams d;
    for (const auto& g : v.at("datagrams"))
        d.add(g.at("dir") == "c2s" ? tlswire::direction::c2s : tlswire::direction::s2c,
              test_support::unhex(g.at("hex").get<std::string>()));
    if (v.contains("keylog"))
        for (const auto& line : v.at("keylog")) d.keylog += line.get<std::string>() + "\n";
    return d;
}

// seen — one event, copied.
struct seen {
    tlswire::dtls::event_kind kind{};
    tlswire::direction dir{};
    std::size_t record_offset = 0;
    std::uint64_t epoch = 0, sequence_number = 0;
    bool unified = false, decrypted = false;
    tlswire::content_type type{};
    tlswire::handshake_type msg_type{};
    std::uint16_t message_seq = 0;
    std::uint16_t fragment_seq = 0;
    std::size_t fragment_at = 0;
    std::vector<std::uint8_t> body, plaintext;
    tlswire::dtls::finished_check finished{};
    std::size_t message_variant = 0;  // dtls::message's index: 0 TLS form, 1 DTLS ClientHello, 2 HelloVerifyRequest
};

inline seen copy(const tlswire::dtls::event& ev) {
    seen s;
    s.kind = ev.kind;
    s.dir = ev.dir;
    s.record_offset = ev.rec.offset;
    s.epoch = ev.rec.epoch;
    s.sequence_number = ev.rec.sequence_number;
    s.unified = ev.rec.unified;
    s.decrypted = ev.decrypted();
    s.type = ev.rec.type;
    s.msg_type = ev.msg_type;
    s.message_seq = ev.message_seq;
    s.fragment_seq = ev.fragment.message_seq;
    s.fragment_at = ev.fragment_at;
    s.body.assign(ev.body.begin(), ev.body.end());
    s.plaintext.assign(ev.plaintext.begin(), ev.plaintext.end());
    s.finished = ev.finished;
    s.message_variant = ev.msg.index();
    return s;
}

using reference_keys = tlswire::dtls::connection_keys<tlswire::crypto::reference::backend>;
using keyed_decoder = tlswire::dtls::basic_connection_decoder<reference_keys>;

// decode_all — every event of `d` with a plain decoder (or with keys).
inline tlswire::result<void> decode_all(const datagrams& d, std::vector<seen>& out,
                                        tlswire::dtls::decoder_options o = {}) {
    tlswire::dtls::connection_decoder dec(o);
    return dec.decode(d.list, [&](const tlswire::dtls::event& ev) { out.push_back(copy(ev)); });
}
inline tlswire::result<void> decode_with_keys(const datagrams& d, std::string_view keylog, std::vector<seen>& out,
                                              tlswire::dtls::decoder_options o = {}) {
    reference_keys keys(keylog);
    keyed_decoder dec(o);
    dec.use_keys(keys);
    return dec.decode(d.list, [&](const tlswire::dtls::event& ev) { out.push_back(copy(ev)); });
}

}  // namespace test_support::dtls
