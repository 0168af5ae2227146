// decryption/connection_keys.hpp: the connection decoder with a key log opens
// every protected record of the captured real-peer connections in
// vectors/captures (TLS 1.0–1.3, every AEAD and CBC suite there, HRR,
// resumption, mutual authentication, renegotiation under the previous keys),
// and the handshake messages it finds are exactly the ones the peers' own
// traces list (`expect.handshake_types`), each re-serializing byte for byte;
// a wrong secret leaves that side's records encrypted with the error, and no
// key log leaves them encrypted without one. (The OpenSSL backend: the
// openssl_ test beside this one.)
#include <doctest/doctest.h>

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

}  // namespace tests_decryption_connection_keys
