// tests/decryption/capture_support.hpp — the captured real-peer connections
// of vectors/captures (with their key logs and the peers' own lists of the
// messages each side sent), decoded with decryption::connection_decoder over
// a backend.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/tlswire.hpp"

namespace decryption_test {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;
using bytes = std::vector<std::uint8_t>;

struct connection_capture {
    std::string name;
    bytes c2s, s2c;
    std::string keylog;
    nlohmann::json expect;
};

inline std::vector<connection_capture> load_captures() {
    std::vector<connection_capture> out;
    for (const auto& path : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(path);
        int i = 0;
        for (const auto& conn : capture.at("connections"))
            out.push_back({path.stem().string() + "#" + std::to_string(i++), unhex(conn.at("c2s").get<std::string>()),
                           unhex(conn.at("s2c").get<std::string>()), conn.at("keylog").get<std::string>(),
                           conn.at("expect")});
    }
    return out;
}

// What one decoding saw.
struct seen {
    std::vector<std::string> types[2];  // handshake message types, per direction
    int encrypted = 0;                   // protected records not opened
    int with_error = 0;                  // ... of which the keys failed on
    int decrypted_records = 0, decrypted_messages = 0, application_data = 0;
    std::vector<std::string> epochs[2];  // the epoch of each handshake message ("plaintext": none)
};

// "handshake+0", "application+N", "tls12+N": the phase and its generation.
inline std::string epoch_name(key_epoch e) { return std::string(to_string(e.phase)) + "+" + std::to_string(e.generation); }

template <class Backend>
seen decode(const connection_capture& c, std::string_view keylog, bool expect_success = true) {
    seen s;
    decryption::connection_keys<Backend> keys(keylog);
    decryption::connection_decoder<Backend> dec;
    dec.use_keys(keys);
    std::size_t last_record = ~std::size_t{0};
    const auto r = dec.decode(c.c2s, c.s2c, [&](const connection_event& ev) {
        const int d = ev.dir == direction::c2s ? 0 : 1;
        if (ev.decrypted() && ev.record_offset != last_record) ++s.decrypted_records;
        last_record = ev.decrypted() ? ev.record_offset : ~std::size_t{0};
        switch (ev.kind) {
            case event_kind::handshake: {
                // The traces name a HelloRetryRequest by its wire type (RFC 8446 §4.1.4).
                s.types[d].emplace_back(std::holds_alternative<hello_retry_request>(ev.handshake)
                                            ? "server_hello"
                                            : name_of(ev.handshake));
                std::vector<std::uint8_t> again;
                REQUIRE(serialize_handshake(ev.handshake, again, ev.ctx));
                CHECK(hex(again) == hex(ev.message));
                s.epochs[d].push_back(ev.decrypted() ? epoch_name(ev.epoch) : "plaintext");
                if (ev.decrypted()) ++s.decrypted_messages;
                break;
            }
            case event_kind::encrypted:
                ++s.encrypted;
                if (ev.decrypt_error) ++s.with_error;
                break;
            case event_kind::application_data: ++s.application_data; break;
            default: break;
        }
    });
    if (expect_success) CHECK_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset << " in " << r.err().where);
    return s;
}

// The names, comma-separated (doctest prints strings, not vectors).
inline std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
    return out;
}
inline std::string joined(const nlohmann::json& j) {
    std::vector<std::string> v;
    for (const auto& x : j) v.push_back(x.get<std::string>());
    return joined(v);
}


// check_all_captures<Backend>() — every connection decodes strictly with its
// key log, with no record left encrypted, and its handshake messages are the
// peers' list, each re-serializing byte for byte, under the keys they belong
// to. Returns the number of records decrypted.
template <class Backend>
int check_all_captures() {
    const auto captures = load_captures();
    REQUIRE(captures.size() >= 37);
    int records = 0, messages = 0;
    for (const auto& c : captures) {
        CAPTURE(c.name);
        const seen s = decode<Backend>(c, c.keylog);
        CHECK(s.encrypted == 0);
        CHECK(joined(s.types[0]) == joined(c.expect.at("handshake_types").at("c2s")));
        CHECK(joined(s.types[1]) == joined(c.expect.at("handshake_types").at("s2c")));
        records += s.decrypted_records;
        messages += s.decrypted_messages;
        // Where the keys of each message were: TLS 1.3's hellos in plaintext,
        // each side's flight through its Finished under the handshake keys,
        // what follows it (tickets, post-handshake authentication) under the
        // application keys (RFC 8446 §7.1, no KeyUpdate in these); TLS 1.0–1.2's first
        // Finished under the first keys, a renegotiation's messages until its
        // own ChangeCipherSpec too, its Finished under the next.
        const bool tls13 = c.expect.at("version") == "TLS 1.3";
        const auto hellos = std::count(s.types[0].begin(), s.types[0].end(), "client_hello");
        for (int d = 0; d < 2; ++d) {
            REQUIRE(s.epochs[d].size() == s.types[d].size());
            int finished = 0;
            for (std::size_t i = 0; i < s.types[d].size(); ++i) {
                const std::string& t = s.types[d][i];
                const std::string& e = s.epochs[d][i];
                CAPTURE(t);
                if (tls13) {
                    if (t == "client_hello" || t == "server_hello" || t == "hello_retry_request") CHECK(e == "plaintext");
                    else if (finished > 0) CHECK(e == "application+0");
                    else CHECK(e == "handshake+0");
                    if (t == "finished") ++finished;
                } else if (t == "finished") {
                    CHECK(e == "tls12+" + std::to_string(finished++));
                } else if (finished > 0) {
                    CHECK(e == "tls12+" + std::to_string(finished - 1));
                }
            }
            if (!tls13) CHECK(finished == hellos);
            if (tls13) CHECK(finished >= 1);
        }
    }
    MESSAGE("connections: " << captures.size() << ", decrypted records: " << records
                            << ", decrypted handshake messages: " << messages);
    CHECK(records >= 317);
    return records;
}

}  // namespace decryption_test
