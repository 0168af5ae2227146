// tests/messages/hello_test.cpp — the version rules of ServerHello and
// HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4, §4.2.1), selected_version and
// client_hello::offers_tls13.
#include "messages_support.hpp"

using namespace messages_test;

namespace {

const context unknown{};
const context ctx12 = ctx_for(0x0303, cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
const context ctx13 = ctx_for(0x0304, cipher_suite::TLS_AES_128_GCM_SHA256);

const std::string random32(64, '5');
const std::string hrr_random = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
const std::string ks_ext = ext_hex(0x0033, "001d" + prefixed(2, std::string(64, '7')));  // key_share, 40 bytes
const std::string reneg_ext = ext_hex(0xff01, "00");  // renegotiation_info, 5 bytes
const std::string sv13_ext = ext_hex(0x002b, "0304");  // supported_versions, 6 bytes

std::string sh_hex(std::string_view version, std::string_view suite, std::string_view compression,
                   std::string_view extensions) {
    return handshake_hex(2, std::string(version) + random32 + "00" + std::string(suite) + std::string(compression) +
                                prefixed(2, extensions));
}

std::string hrr_hex(std::string_view suite, std::string_view extensions) {
    return handshake_hex(2, "0303" + hrr_random + "00" + std::string(suite) + "00" + prefixed(2, extensions));
}

}  // namespace

TEST_CASE("selected_version: supported_versions' selected_version, else legacy_version (RFC 8446 §4.2.1)") {
    const auto tls12 = round_trip(sh_hex("0303", "c02f", "00", reneg_ext), ctx12, "server_hello");
    CHECK(selected_version(std::get<server_hello>(tls12)) == protocol_version::tls12);
    const auto tls10 = round_trip(handshake_hex(2, "0301" + random32 + "00" "c013" "00"), ctx_for(0x0301), "server_hello");
    CHECK(selected_version(std::get<server_hello>(tls10)) == protocol_version::tls10);
    const auto tls13 = round_trip(sh_hex("0303", "1301", "00", ks_ext + sv13_ext), ctx13, "server_hello");
    CHECK(selected_version(std::get<server_hello>(tls13)) == protocol_version::tls13);
    const auto hrr = round_trip(hrr_hex("1301", sv13_ext + ext_hex(0x0033, "001d")), unknown, "hello_retry_request");
    CHECK(selected_version(std::get<hello_retry_request>(hrr)) == protocol_version::tls13);
    // Built by hand: a body that is not a ProtocolVersion counts as absent.
    const auto good = unhex("0304");
    const auto bad = unhex("030403");
    const extension with_good[] = {{extension_type::supported_versions, good}};
    const extension with_bad[] = {{extension_type::supported_versions, bad}};
    server_hello sh;
    sh.legacy_version = protocol_version::tls12;
    CHECK(selected_version(sh) == protocol_version::tls12);
    sh.extensions = extension_block(with_good, message_kind::server_hello);
    CHECK(selected_version(sh) == protocol_version::tls13);
    sh.extensions = extension_block(with_bad, message_kind::server_hello);
    CHECK(selected_version(sh) == protocol_version::tls12);
}

TEST_CASE("client_hello::offers_tls13 reads the typed supported_versions list") {
    auto client_hello_with = [](std::string_view extensions) {
        return handshake_hex(1, "0303" + random32 + "00" "00021301" "0100" + prefixed(2, extensions));
    };
    const auto both = round_trip(client_hello_with(ext_hex(0x002b, "0403030304")), unknown, "client_hello");
    CHECK(client_hello::offers_tls13(std::get<client_hello>(both)));
    // GREASE first (RFC 8701), then TLS 1.3.
    const auto grease = round_trip(client_hello_with(ext_hex(0x002b, "040a0a0304")), unknown, "client_hello");
    CHECK(client_hello::offers_tls13(std::get<client_hello>(grease)));
    const auto only12 = round_trip(client_hello_with(ext_hex(0x002b, "020303")), unknown, "client_hello");
    CHECK_FALSE(client_hello::offers_tls13(std::get<client_hello>(only12)));
    const auto none = round_trip(client_hello_with(ext_hex(0xff01, "00")), ctx12, "client_hello");
    CHECK_FALSE(client_hello::offers_tls13(std::get<client_hello>(none)));
    // Odd bytes that the old byte loop would have matched (03 04 at an odd
    // position of a malformed list) do not count: the body is no version list.
    const auto odd = unhex("0503030304");
    const extension with_odd[] = {{extension_type::supported_versions, odd}};
    client_hello ch;
    ch.extensions = extension_block(with_odd, message_kind::client_hello);
    CHECK_FALSE(client_hello::offers_tls13(ch));
}
