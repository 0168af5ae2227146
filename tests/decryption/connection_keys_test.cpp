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
