// tests/print/fields_test.cpp — printing parsed structures through the
// codec's field visitor: RFC field names, IANA names, hex, extensions with
// their decoded fields, and the handshake/record/error object shapes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "tlswire/print.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_print_fields {

using test_support::unhex;
using namespace tlswire;

namespace {

template <class F>
std::string json_of(F&& f) {
    print::json_sink s;
    s.begin_object();
    f(s);
    s.end_object();
    return s.str();
}

}  // namespace

TEST_CASE("print_fields: a ServerHello (RFC 8448 §3) by RFC field names and IANA names") {
    const auto bytes = unhex(
        "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c982"
        "8876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304");
    context ctx;
    ctx.version = 0x0304;
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE(m);
    const std::string j = json_of([&](print::sink& s) { print::print_handshake(s, bytes, *m, ctx); });
    CHECK(j ==
          "{\"type\": \"server_hello\", \"length\": 86, \"hex\": \"" + test_support::hex(bytes) +
              "\", \"body\": {\"legacy_version\": \"TLS 1.2\", \"random\": "
              "\"a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928\", \"legacy_session_id_echo\": "
              "\"\", \"cipher_suite\": \"TLS_AES_128_GCM_SHA256\", \"legacy_compression_method\": \"NULL\", "
              "\"extensions\": [{\"type\": \"key_share\", \"data\": "
              "\"001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f\", \"server_share\": "
              "{\"group\": \"x25519\", \"key_exchange\": "
              "\"c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f\"}}, {\"type\": "
              "\"supported_versions\", \"data\": \"0304\", \"selected_version\": \"TLS 1.3\"}]}}\n");
}

TEST_CASE("print_fields: a pre-TLS 1.3 hello without extensions prints no extensions key") {
    // ServerHello, TLS 1.2, no extensions field at all (RFC 5246 §7.4.1.3).
    const auto bytes = unhex("020000260303" + std::string(64, '2') + "00" "c02f" "00");
    context ctx;
    ctx.version = 0x0303;
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE(m);
    const std::string j = json_of([&](print::sink& s) { print::print_handshake(s, bytes, *m, ctx); });
    CHECK(j.find("\"extensions\"") == std::string::npos);
    CHECK(j.find("\"cipher_suite\": \"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"") != std::string::npos);
}

TEST_CASE("print_fields: unregistered values as hex, unknown handshake types by IANA name") {
    // A message type with no structure: hello_verify_request (3), kept as bytes.
    const auto hvr = unhex("03000003feff00");
    const auto m = parse_handshake(hvr);
    REQUIRE(m);
    const std::string j = json_of([&](print::sink& s) { print::print_handshake(s, hvr, *m, {}); });
    CHECK(j == "{\"type\": \"hello_verify_request\", \"length\": 3, \"hex\": \"03000003feff00\", \"body\": "
               "{\"body\": \"feff00\"}}\n");
    // An unregistered one: type 0x99.
    const auto odd = unhex("99000000");
    const auto m2 = parse_handshake(odd);
    REQUIRE(m2);
    CHECK(json_of([&](print::sink& s) { print::print_handshake(s, odd, *m2, {}); }).rfind("{\"type\": \"0x99\"", 0) ==
          0);
}

TEST_CASE("print_extension: unknown and GREASE types keep type and data only; ECH's own `type` is renamed") {
    context ctx;
    print::json_sink s;
    const auto data = unhex("0102");
    print::print_extension(s, extension{static_cast<extension_type>(0x3a3a), data}, message_kind::client_hello, ctx);
    CHECK(s.take() == "{\"type\": \"0x3a3a\", \"data\": \"0102\"}\n");
    // encrypted_client_hello (0xfe0d), inner form: ECHClientHelloType inner(1)
    // (a draft's enum with no IANA table here, so a number).
    const auto inner = unhex("01");
    print::print_extension(s, extension{extension_type::encrypted_client_hello, inner}, message_kind::client_hello,
                           ctx);
    CHECK(s.take() ==
          "{\"type\": \"encrypted_client_hello\", \"data\": \"01\", \"encrypted_client_hello.type\": 1}\n");
    // A body that does not decode (only reachable after a lenient parse): decode_error.
    const auto bad = unhex("0005");
    print::print_extension(s, extension{extension_type::supported_groups, bad}, message_kind::client_hello, ctx);
    const std::string j = s.take();
    CHECK(j.rfind("{\"type\": \"supported_groups\", \"data\": \"0005\", \"decode_error\": {\"code\": ", 0) == 0);
}

TEST_CASE("print_extension: host names and ALPN protocol names also print as text") {
    context ctx;
    print::json_sink s;
    // server_name: one host_name "example.com" (RFC 6066 §3).
    const auto sni = unhex("000e00000b6578616d706c652e636f6d");
    print::print_extension(s, extension{extension_type::server_name, sni}, message_kind::client_hello, ctx);
    CHECK(s.take() ==
          "{\"type\": \"server_name\", \"data\": \"000e00000b6578616d706c652e636f6d\", \"server_name_list\": "
          "[{\"name_type\": \"host_name\", \"name\": \"6578616d706c652e636f6d\", \"name_text\": \"example.com\"}]}\n");
    // ALPN: "h2", "http/1.1" (RFC 7301 §3.1), a list of strings beside the list of hex.
    const auto alpn = unhex("000c02683208687474702f312e31");
    print::print_extension(s, extension{extension_type::application_layer_protocol_negotiation, alpn},
                           message_kind::client_hello, ctx);
    CHECK(s.take() ==
          "{\"type\": \"application_layer_protocol_negotiation\", \"data\": \"000c02683208687474702f312e31\", "
          "\"protocol_name_list\": [\"6832\", \"687474702f312e31\"], \"protocol_name_list_text\": [\"h2\", "
          "\"http/1.1\"]}\n");
    // Bytes that are not printable text: a control, a backslash, well-formed
    // UTF-8 (é = c3 a9) kept, a lone continuation byte and a GREASE-like ID escaped.
    const auto odd = unhex("000a" "05" "61005cc3a9" "03" "80ff0a");
    print::print_extension(s, extension{extension_type::application_layer_protocol_negotiation, odd},
                           message_kind::client_hello, ctx);
    const std::string j = s.take();
    CHECK(j.find(R"("protocol_name_list_text": ["a\\x00\\\\)"
                 "\xc3\xa9"
                 R"(", "\\x80\\xff\\x0a"])") != std::string::npos);
}

TEST_CASE("print_alert, print_change_cipher_spec, print_encrypted, print_error") {
    const auto frag = unhex("0100");
    const alert a{alert_level::warning, alert_description::close_notify};
    CHECK(json_of([&](print::sink& s) { print::print_alert(s, frag, a); }) ==
          "{\"type\": \"alert\", \"length\": 2, \"hex\": \"0100\", \"body\": {\"level\": \"warning\", "
          "\"description\": \"close_notify\"}}\n");
    const auto one = unhex("01");
    CHECK(json_of([&](print::sink& s) { print::print_change_cipher_spec(s, one, change_cipher_spec{}); }) ==
          "{\"type\": \"change_cipher_spec\", \"length\": 1, \"hex\": \"01\", \"body\": {\"type\": 1}}\n");
    CHECK(json_of([&](print::sink& s) { print::print_encrypted(s, content_type::application_data, 42); }) ==
          "{\"type\": \"application_data\", \"encrypted\": true, \"length\": 42}\n");
    print::json_sink s;
    print::print_error(s, error{errc::truncated, 17, "cipher_suites"});
    CHECK(s.str() == "{\"error\": {\"code\": \"truncated\", \"offset\": 17, \"where\": \"cipher_suites\"}}\n");
}

TEST_CASE("print_sslv2_client_hello") {
    const auto bytes = unhex("801c01" "0301" "0003" "0000" "0010" "00002f" "000102030405060708090a0b0c0d0e0f");
    const auto h = parse_sslv2_client_hello(bytes);
    REQUIRE(h);
    CHECK(json_of([&](print::sink& s) { print::print_sslv2_client_hello(s, bytes, *h); }) ==
          "{\"type\": \"sslv2_client_hello\", \"length\": 28, \"hex\": \"" + test_support::hex(bytes) +
              "\", \"body\": {\"version\": \"TLS 1.0\", \"cipher_specs\": [\"TLS_RSA_WITH_AES_128_CBC_SHA\"], "
              "\"session_id\": \"\", \"challenge\": \"000102030405060708090a0b0c0d0e0f\"}}\n");
}

TEST_CASE("text and JSON render the same fields") {
    const auto bytes = unhex("0d00000b" "00" "0008" "000d00040002" "0403");  // TLS 1.3 CertificateRequest
    context ctx;
    ctx.version = 0x0304;
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE(m);
    print::text_sink t;
    t.begin_object();
    print::print_handshake(t, bytes, *m, ctx);
    t.end_object();
    CHECK(t.str() ==
          "- type: certificate_request\n"
          "  length: 11\n"
          "  hex: 0d00000b000008000d000400020403\n"
          "  body:\n"
          "    certificate_request_context: (empty)\n"
          "    extensions:\n"
          "      - type: signature_algorithms\n"
          "        data: 00020403\n"
          "        supported_signature_algorithms:\n"
          "          - ecdsa_secp256r1_sha256\n"
          "\n");
}

}  // namespace tests_print_fields
