// tests/messages/key_exchange_test.cpp — ServerKeyExchange under plain RSA:
// not legal (RFC 5246 and RFC 4346 §7.4.3), read leniently in RFC 2246
// §7.4.3's form.
#include <string>

#include "messages_support.hpp"
#include "tlswire/print.hpp"

namespace tests_messages_key_exchange {

using namespace messages_test;

namespace {

const context rsa12 = ctx_for(0x0303, cipher_suite::TLS_RSA_WITH_AES_128_GCM_SHA256);
const context rsa10 = ctx_for(0x0301, cipher_suite::TLS_RSA_WITH_AES_128_CBC_SHA);

// ServerRSAParams: rsa_modulus<1..2^16-1> 0x0101, rsa_exponent<1..2^16-1> 0x03.
const std::string rsa_params = "00020101" "000103";

}  // namespace

TEST_CASE("rejects_server_key_exchange_under_plain_rsa (RFC 5246 §7.4.3: \"It is not legal to send\")") {
    for (const context& c : {rsa12, rsa10}) {
        // Unsigned (the form tlswire used to accept) and signed alike.
        for (const std::string& body : {rsa_params, rsa_params + "0401" "0002aabb"}) {
            const error e = rejection(handshake_hex(12, body), c);
            CHECK(e.code == errc::unexpected_message);
            CHECK(e.offset == 4);
            CHECK(e.where == "server_key_exchange");
        }
    }
}

TEST_CASE("accepts_server_key_exchange_under_plain_rsa_leniently in RFC 2246 §7.4.3's form") {
    // TLS 1.2: params, then digitally-signed with its SignatureAndHashAlgorithm.
    auto m = round_trip(handshake_hex(12, rsa_params + "0401" "0003aabbcc"), lenient(rsa12), "server_key_exchange");
    const auto& ske = std::get<server_key_exchange>(m);
    CHECK(hex(ske.rsa.rsa_modulus) == "0101");
    CHECK(hex(ske.rsa.rsa_exponent) == "03");
    CHECK(hex(ske.params) == rsa_params);
    CHECK(ske.algorithm == signature_scheme::rsa_pkcs1_sha256);
    CHECK(hex(ske.signature) == "aabbcc");
    // TLS 1.0 (RFC 2246): the signature alone.
    m = round_trip(handshake_hex(12, rsa_params + "0002aabb"), lenient(rsa10), "server_key_exchange");
    CHECK(hex(std::get<server_key_exchange>(m).signature) == "aabb");
    // The signature is part of the form: params alone are truncated.
    const error e = rejection(handshake_hex(12, rsa_params), lenient(rsa10));
    CHECK(e.code == errc::truncated);
    CHECK(e.where == "signature");

    // It prints like the other signed ServerKeyExchanges.
    const auto bytes = unhex(handshake_hex(12, rsa_params + "0401" "0003aabbcc"));
    const auto parsed = parse_handshake(bytes, lenient(rsa12));
    REQUIRE(parsed);
    print::json_sink s;
    s.begin_object();
    print::print_handshake(s, bytes, *parsed, lenient(rsa12));
    s.end_object();
    CHECK(s.str() ==
          "{\"type\": \"server_key_exchange\", \"length\": 14, \"hex\": \"0c00000e000201010001030401" "0003aabbcc\", "
          "\"body\": {\"params\": {\"rsa_modulus\": \"0101\", \"rsa_exponent\": \"03\"}, \"algorithm\": "
          "\"rsa_pkcs1_sha256\", \"signature\": \"aabbcc\"}}\n");
}

TEST_CASE("server_key_exchange under RSA_EXPORT stays legal in strict mode (RFC 2246 §7.4.3)") {
    const context export10 = ctx_for(0x0301, cipher_suite::TLS_RSA_EXPORT_WITH_RC4_40_MD5);
    const auto m = round_trip(handshake_hex(12, rsa_params + "0002aabb"), export10, "server_key_exchange");
    CHECK(hex(std::get<server_key_exchange>(m).rsa.rsa_modulus) == "0101");
}

}  // namespace tests_messages_key_exchange
