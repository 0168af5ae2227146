// tests/messages/hello_test.cpp — the version rules of ServerHello and
// HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4, §4.2.1), selected_version and
// client_hello::offers_tls13.
#include "messages_support.hpp"

namespace tests_messages_hello {

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

// Offsets in a ServerHello message: legacy_version 4, random 6, session id 38,
// cipher_suite 39, compression 41, extensions 42, first extension 44.
constexpr std::size_t suite_at = 39, compression_at = 41, extensions_at = 42, first_extension = 44;

std::string sh_hex(std::string_view version, std::string_view suite, std::string_view compression,
                   std::string_view extensions) {
    return handshake_hex(2, std::string(version) + random32 + "00" + std::string(suite) + std::string(compression) +
                                prefixed(2, extensions));
}

std::string hrr_hex(std::string_view suite, std::string_view extensions) {
    return handshake_hex(2, "0303" + hrr_random + "00" + std::string(suite) + "00" + prefixed(2, extensions));
}

void check_error(const error& e, errc code, std::size_t offset, std::string_view where) {
    CHECK(to_string(e.code) == to_string(code));
    CHECK(e.offset == offset);
    CHECK(e.where == where);
}

}  // namespace

TEST_CASE("rejects_tls13_only_extensions_in_a_tls12_server_hello (RFC 8446 §4.2.1)") {
    // supported_versions: "A server which negotiates a version of TLS prior to
    // TLS 1.3 ... MUST NOT send the "supported_versions" extension."
    const std::string with_sv = sh_hex("0303", "c02f", "00", reneg_ext + sv13_ext);
    check_error(rejection(with_sv, ctx12), errc::misplaced_extension, first_extension + 5, "supported_versions");
    // key_share and pre_shared_key are TLS 1.3 mechanisms.
    const std::string with_ks = sh_hex("0303", "c02f", "00", reneg_ext + ks_ext);
    check_error(rejection(with_ks, ctx12), errc::misplaced_extension, first_extension + 5, "key_share");
    const std::string with_psk = sh_hex("0303", "c02f", "00", ext_hex(0x0029, "0000"));
    check_error(rejection(with_psk, ctx12), errc::misplaced_extension, first_extension, "pre_shared_key");
    // TLS 1.0, and a DTLS 1.2 context, alike.
    check_error(rejection(sh_hex("0301", "c013", "00", ks_ext), ctx_for(0x0301)),
                errc::misplaced_extension, first_extension, "key_share");
    check_error(rejection(with_ks, ctx_for(0xfefd)), errc::misplaced_extension, first_extension + 5, "key_share");
    // Version unknown and no supported_versions: the ServerHello selects its
    // legacy_version, TLS 1.2, whose rules apply.
    check_error(rejection(with_ks, unknown), errc::misplaced_extension, first_extension + 5, "key_share");
    // Lenient keeps them; TLS 1.2 extensions are fine in strict mode.
    round_trip(with_sv, lenient(ctx12), "server_hello");
    round_trip(with_ks, lenient(ctx12), "server_hello");
    round_trip(sh_hex("0303", "c02f", "00", reneg_ext + ext_hex(0x0017, "")), ctx12, "server_hello");
    round_trip(sh_hex("0303", "c02f", "00", reneg_ext), unknown, "server_hello");
}

TEST_CASE("rejects_tls13_server_hello_without_supported_versions_or_with_another_version (RFC 8446 §4.2.1)") {
    check_error(rejection(sh_hex("0303", "1301", "00", ks_ext), ctx13), errc::missing_extension,
                extensions_at, "extensions");
    // A draft version (0x7f1c, draft 28) or DTLS 1.3 is not TLS 1.3: at selected_version.
    const std::size_t selected_at = first_extension + 40 + 4;
    check_error(rejection(sh_hex("0303", "1301", "00", ks_ext + ext_hex(0x002b, "7f1c")), ctx13),
                errc::illegal_value, selected_at, "selected_version");
    check_error(rejection(sh_hex("0303", "1301", "00", ks_ext + ext_hex(0x002b, "fefc")), ctx13),
                errc::illegal_value, selected_at, "selected_version");
    // TLS 1.2 there is refused by the extension's own rule, at the same place.
    check_error(rejection(sh_hex("0303", "1301", "00", ks_ext + ext_hex(0x002b, "0303")), ctx13),
                errc::illegal_value, selected_at, "selected_version");
    round_trip(sh_hex("0303", "1301", "00", ks_ext + sv13_ext), ctx13, "server_hello");
    round_trip(sh_hex("0303", "1301", "00", ks_ext), lenient(ctx13), "server_hello");
}

TEST_CASE("rejects_tls13_server_hello_and_hello_retry_request_with_a_tls12_cipher_suite (RFC 8446 §4.1.3)") {
    check_error(rejection(sh_hex("0303", "c02f", "00", ks_ext + sv13_ext), ctx13), errc::illegal_value, suite_at,
                "cipher_suite");
    check_error(rejection(sh_hex("0303", "0000", "00", ks_ext + sv13_ext), ctx13), errc::illegal_value, suite_at,
                "cipher_suite");
    check_error(rejection(hrr_hex("c02f", sv13_ext + ext_hex(0x0033, "001d")), unknown), errc::illegal_value,
                suite_at, "cipher_suite");
    // RFC 9150's integrity-only suites are TLS 1.3 suites.
    round_trip(sh_hex("0303", "c0b4", "00", ks_ext + sv13_ext), ctx13, "server_hello");
    round_trip(sh_hex("0303", "c02f", "00", ks_ext + sv13_ext), lenient(ctx13), "server_hello");

    using cs = cipher_suite;
    static_assert(tls13_cipher_suite(cs::TLS_AES_128_GCM_SHA256) && tls13_cipher_suite(cs::TLS_AES_256_GCM_SHA384) &&
                  tls13_cipher_suite(cs::TLS_CHACHA20_POLY1305_SHA256) && tls13_cipher_suite(cs::TLS_SHA384_SHA384) &&
                  tls13_cipher_suite(cs::TLS_SM4_GCM_SM3));
    static_assert(!tls13_cipher_suite(cs::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) &&
                  !tls13_cipher_suite(cs::TLS_NULL_WITH_NULL_NULL) &&
                  !tls13_cipher_suite(cs::TLS_EMPTY_RENEGOTIATION_INFO_SCSV) &&
                  !tls13_cipher_suite(cs::TLS_FALLBACK_SCSV) && !tls13_cipher_suite(static_cast<cs>(0x0a0a)));
    static_assert(tls13_cipher_suite(static_cast<cs>(0x13ff)));  // unregistered: not the registry's call
    CHECK(tls13_cipher_suite(cs::TLS_AES_128_GCM_SHA256));
}

TEST_CASE("rejects_hello_retry_request_without_supported_versions (RFC 8446 §4.1.4)") {
    check_error(rejection(hrr_hex("1301", ext_hex(0x0033, "001d")), unknown), errc::missing_extension,
                extensions_at, "extensions");
    round_trip(hrr_hex("1301", ext_hex(0x0033, "001d")), lenient(unknown), "hello_retry_request");
    const auto m = round_trip(hrr_hex("1301", sv13_ext + ext_hex(0x0033, "001d")), unknown,
                              "hello_retry_request");
    CHECK(selected_version(std::get<hello_retry_request>(m)) == protocol_version::tls13);
}

TEST_CASE("a ServerHello selecting TLS 1.3 follows TLS 1.3 rules when the context does not know the version") {
    // legacy_version MUST be 0x0303, legacy_compression_method 0 (RFC 8446 §4.1.3).
    check_error(rejection(sh_hex("0301", "1301", "00", ks_ext + sv13_ext), unknown), errc::illegal_value, 4,
                "legacy_version");
    check_error(rejection(sh_hex("0303", "1301", "01", ks_ext + sv13_ext), unknown), errc::illegal_value,
                compression_at, "legacy_compression_method");
    check_error(rejection(sh_hex("0303", "c02f", "00", ks_ext + sv13_ext), unknown), errc::illegal_value,
                suite_at, "cipher_suite");
    // Its extensions are checked as a TLS 1.3 ServerHello's: renegotiation_info
    // has no place there (RFC 8446 §4.2: illegal_parameter).
    check_error(rejection(sh_hex("0303", "1301", "00", ks_ext + sv13_ext + reneg_ext), unknown),
                errc::misplaced_extension, first_extension + 40 + 6, "renegotiation_info");
    round_trip(sh_hex("0301", "1301", "01", ks_ext + sv13_ext + reneg_ext), lenient(unknown),
               "server_hello");

    // A good one: its block is recorded as read in TLS 1.3.
    const auto m = round_trip(sh_hex("0303", "1301", "00", ks_ext + sv13_ext), unknown, "server_hello");
    const auto& sh = std::get<server_hello>(m);
    CHECK(selected_version(sh) == protocol_version::tls13);
    CHECK(sh.extensions.entries.ctx().version == 0x0304);
    const auto ks = sh.extensions.get<key_share_server_hello>(ctx13);
    REQUIRE(ks);
    REQUIRE(*ks);
    CHECK((*ks)->server_share.group == named_group::x25519);
}

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

}  // namespace tests_messages_hello
