// decryption/connection_keys.hpp: the connection decoder with a key log opens
// every protected record of the captured real-peer connections in
// vectors/captures (TLS 1.0–1.3, every AEAD and CBC suite there, HRR,
// resumption, mutual authentication, renegotiation under the previous keys),
// and the handshake messages it finds are exactly the ones the peers' own
// traces list (`expect.handshake_types`), each re-serializing byte for byte;
// a wrong secret leaves that side's records encrypted with the error, and no
// key log leaves them encrypted without one. (The OpenSSL backend: the
// openssl_ test beside this one.) And 0-RTT under the PSK's cipher suite
// where the server selected another (RFC 8448 §4 resealed).
#include <doctest/doctest.h>

#include <string>

#include "../support/rfc8448_connection.hpp"
#include "capture_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_decryption_connection_keys {

using namespace decryption_test;
using backend = tlswire::crypto::reference::backend;

TEST_CASE("every captured connection decrypts completely with its key log: the peers' own message list, byte for byte") {
    CHECK(check_all_captures<backend>() >= 317);
}

TEST_CASE("a wrong secret: that side's records stay encrypted and say why; the other side still decrypts") {
    for (const auto& c : load_captures()) {
        if (c.name != "tls13_default#0" && c.name != "tls12_ecdhe_rsa#0") continue;
        CAPTURE(c.name);
        // Change the last hex digit of the line's secret.
        const std::string label = c.name.rfind("tls13", 0) == 0 ? "SERVER_HANDSHAKE_TRAFFIC_SECRET " : "CLIENT_RANDOM ";
        std::string wrong = c.keylog;
        const auto at = wrong.find(label);
        REQUIRE(at != std::string::npos);
        const auto eol = wrong.find('\n', at);
        const std::size_t last = (eol == std::string::npos ? wrong.size() : eol) - 1;
        wrong[last] = wrong[last] == '0' ? '1' : '0';
        const seen s = decode<backend>(c, wrong);
        CHECK(s.encrypted > 0);
        CHECK(s.with_error == s.encrypted);
        if (label == "CLIENT_RANDOM ") {
            // TLS 1.2: one master secret for both sides.
            CHECK(s.decrypted_records == 0);
        } else {
            CHECK(s.decrypted_messages > 0);             // the client's Finished
            CHECK(joined(s.types[1]) == "server_hello");
        }
        // Without a key log: encrypted, as without keys, and no error.
        const seen none = decode<backend>(c, "");
        CHECK(none.encrypted > 0);
        CHECK(none.with_error == 0);
        CHECK(none.decrypted_records == 0);
    }
}

TEST_CASE("a decrypted renegotiation on a connection without renegotiation_info is refused when strict (RFC 5746)") {
    for (auto c : load_captures()) {
        if (c.name != "tls12_renegotiation_client#0") continue;
        // Take renegotiation_info (ff01 0001 00) out of the first ServerHello
        // and mend the lengths around it: the record's, the message's, the
        // extensions block's. Nothing protected depends on those bytes.
        bytes& s = c.s2c;
        REQUIRE(s[5] == 2);  // server_hello
        std::size_t p = 5 + 4 + 2 + 32;
        p += 1 + s[p];  // legacy_session_id_echo
        p += 2 + 1;     // cipher_suite, legacy_compression_method
        const std::size_t ext_len_at = p;
        const std::size_t ext_end = p + 2 + ((std::size_t{s[p]} << 8) | s[p + 1]);
        std::size_t at = p + 2;
        while (at < ext_end && !(s[at] == 0xff && s[at + 1] == 0x01)) at += 4 + ((std::size_t{s[at + 2]} << 8) | s[at + 3]);
        REQUIRE(at < ext_end);
        REQUIRE(hex(bytes(s.begin() + static_cast<std::ptrdiff_t>(at), s.begin() + static_cast<std::ptrdiff_t>(at + 5))) ==
                "ff01000100");
        s.erase(s.begin() + static_cast<std::ptrdiff_t>(at), s.begin() + static_cast<std::ptrdiff_t>(at + 5));
        auto shrink = [&](std::size_t pos, std::size_t width) {
            std::size_t v = 0;
            for (std::size_t i = 0; i < width; ++i) v = (v << 8) | s[pos + i];
            v -= 5;
            for (std::size_t i = 0; i < width; ++i) s[pos + i] = static_cast<std::uint8_t>(v >> (8 * (width - 1 - i)));
        };
        shrink(3, 2);
        shrink(6, 3);
        shrink(ext_len_at, 2);

        decryption::connection_keys<backend> keys(c.keylog);
        decryption::connection_decoder<backend> strict;
        strict.use_keys(keys);
        bool decrypted_renegotiation = false;
        const auto r = strict.decode(c.c2s, c.s2c, [&](const connection_event& ev) {
            if (ev.decrypted() && ev.kind == event_kind::handshake && std::holds_alternative<client_hello>(ev.handshake))
                decrypted_renegotiation = true;
        });
        REQUIRE_FALSE(r);
        CHECK(r.err().code == errc::unexpected_message);
        CHECK(r.err().where == "renegotiation");
        CHECK(strict.failed_direction() == direction::c2s);
        CHECK_FALSE(decrypted_renegotiation);  // refused before it is handed out

        decryption::connection_keys<backend> keys2(c.keylog);
        decryption::connection_decoder<backend> lenient(strictness::lenient);
        lenient.use_keys(keys2);
        int client_hellos = 0;
        CHECK(lenient.decode(c.c2s, c.s2c, [&](const connection_event& ev) {
            if (ev.kind == event_kind::handshake && std::holds_alternative<client_hello>(ev.handshake)) ++client_hellos;
        }));
        CHECK(client_hellos == 2);
        return;
    }
    FAIL("tls12_renegotiation_client is not among the captures");
}

TEST_CASE("0-RTT under the PSK's suite, another one selected: the early records open with it (RFC 8446 §4.2.10)") {
    // RFC 8448 §4 (0-RTT accepted, TLS_AES_128_GCM_SHA256) with the ServerHello
    // selecting TLS_CHACHA20_POLY1305_SHA256 (which the ClientHello offers, and
    // whose hash is the PSK's) and every record after the early ones resealed
    // under ChaCha20-Poly1305 keys from the same secrets: the early data and
    // EndOfEarlyData stay under the early secret's AES-128-GCM keys. So do
    // OpenSSL 3.0's peers when the resumption selects another suite
    // (tests/interop tls13_early_data_other_suite).
    const test_support::rfc8448_connection t = test_support::load_rfc8448_connection("resumed_0rtt.json");
    using H = backend::sha256;
    using C = backend::chacha20_poly1305;
    const auto& ks = t.json.at("key_schedule");
    auto epoch = [&](const char* name) {
        return tlswire::protection::tls13_epoch_from_secret<H, C>(unhex(ks.at(name).get<std::string>()));
    };
    auto client_handshake = epoch("client_handshake_traffic_secret");
    auto client_application = epoch("client_application_traffic_secret_0");
    auto server_handshake = epoch("server_handshake_traffic_secret");
    auto server_application = epoch("server_application_traffic_secret_0");
    bytes c2s, s2c;
    int client_protected = 0, server_protected = 0;
    for (const auto& r : t.json.at("records")) {
        bytes b = unhex(r.at("hex").get<std::string>());
        const bool to_server = r.at("dir") == "c2s";
        bytes& side = to_server ? c2s : s2c;
        if (!r.at("protected").get<bool>()) {
            if (!to_server) {
                // ServerHello: record header (5), handshake header (4),
                // legacy_version (2), random (32), legacy_session_id_echo.
                std::size_t at = 5 + 4 + 2 + 32;
                at += 1 + b[at];
                REQUIRE(hex(bytes(b.begin() + static_cast<std::ptrdiff_t>(at),
                                  b.begin() + static_cast<std::ptrdiff_t>(at + 2))) == "1301");
                b[at + 1] = 0x03;
            }
            side.insert(side.end(), b.begin(), b.end());
            continue;
        }
        const int k = to_server ? client_protected++ : server_protected++;
        if (to_server && k < 2) {  // the early data and EndOfEarlyData, as they were
            side.insert(side.end(), b.begin(), b.end());
            continue;
        }
        const std::string type = r.at("content_type").get<std::string>();
        const content_type ct = type == "handshake" ? content_type::handshake
                                : type == "alert"   ? content_type::alert
                                                    : content_type::application_data;
        const bytes plain = unhex(r.at("plaintext").get<std::string>());
        auto& e = to_server ? (k == 2 ? client_handshake : client_application)
                            : (k == 0 ? server_handshake : server_application);
        bytes out(plain.size() + 64);
        const auto sealed = tlswire::protection::tls13_seal(e, ct, plain, 0, out);
        REQUIRE(sealed);
        side.insert(side.end(), sealed->begin(), sealed->end());
    }
    REQUIRE(client_protected == 5);
    REQUIRE(server_protected == 3);

    decryption::connection_keys<backend> keys(t.keylog);
    decryption::connection_decoder<backend> dec;
    dec.use_keys(keys);
    std::string c2s_seen, s2c_seen, early_data;
    const auto r = dec.decode(c2s, s2c, [&](const connection_event& ev) {
        std::string what = ev.kind == event_kind::handshake          ? std::string(name_of(ev.handshake))
                           : ev.kind == event_kind::application_data ? "application_data"
                           : ev.kind == event_kind::alert            ? "alert"
                           : ev.kind == event_kind::encrypted        ? "encrypted"
                                                                     : "other";
        if (ev.decrypted()) {
            what += '@';
            what += epoch_name(ev.epoch);
        }
        std::string& seen_here = ev.dir == direction::c2s ? c2s_seen : s2c_seen;
        if (!seen_here.empty()) seen_here += ' ';
        seen_here += what;
        if (ev.kind == event_kind::application_data && ev.epoch.phase == key_phase::early)
            early_data = hex(bytes(ev.plaintext.begin(), ev.plaintext.end()));
    });
    REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset << " in " << r.err().where);
    CHECK(c2s_seen ==
          "client_hello application_data@early+0 end_of_early_data@early+0 finished@handshake+0 "
          "application_data@application+0 alert@application+0");
    CHECK(s2c_seen ==
          "server_hello encrypted_extensions@handshake+0 finished@handshake+0 application_data@application+0 "
          "alert@application+0");
    CHECK(early_data == "414243444546");
    CHECK(dec.ctx().cipher_suite == 0x1303);
}

}  // namespace tests_decryption_connection_keys
