// tests/messages/tls13_only_test.cpp — the messages that exist only in TLS 1.3
// (messages/tls13_only.hpp): read with TLS 1.3 rules when the context does
// not know the version, refused by a strict parse in an earlier version.
#include "messages_support.hpp"

namespace tests_messages_tls13_only {

using namespace messages_test;

namespace {

const context unknown{};
const context ctx12 = ctx_for(0x0303);
const context ctx13 = ctx_for(0x0304, cipher_suite::TLS_AES_128_GCM_SHA256);

const std::string x25519_share = "001d" + prefixed(2, std::string(64, '7'));
// EncryptedExtensions carrying key_share, which RFC 8446 §4.2 allows only in
// ClientHello, ServerHello and HelloRetryRequest.
const std::string ee_with_key_share = handshake_hex(8, prefixed(2, ext_hex(0x0033, x25519_share)));

}  // namespace

TEST_CASE("rejects_encrypted_extensions_with_key_share_when_the_version_is_unknown (RFC 8446 §4.2)") {
    for (const context& c : {unknown, ctx13}) {
        const error e = rejection(ee_with_key_share, c);
        CHECK(e.code == errc::misplaced_extension);
        CHECK(e.offset == 4 + 2);
        CHECK(e.where == "key_share");
    }
    // The same through parse<T> on the body alone.
    const auto body = unhex(ee_with_key_share).size() - 4;
    const auto bytes = unhex(ee_with_key_share.substr(8));
    REQUIRE(bytes.size() == body);
    const auto ee = parse<encrypted_extensions>(bytes, unknown);
    REQUIRE_FALSE(ee);
    CHECK(ee.err().code == errc::misplaced_extension);
    CHECK(ee.err().offset == 2);
    // Lenient keeps it, byte for byte, and the block says it was read as TLS 1.3.
    const auto m = round_trip(ee_with_key_share, lenient(unknown), "encrypted_extensions");
    CHECK(std::get<encrypted_extensions>(m).extensions.entries.ctx().version == 0x0304);
}

TEST_CASE("rejects_tls13_only_messages_in_an_earlier_version (strict: errc::unexpected_message at the body)") {
    const std::string hrr_random = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
    const std::string hrr = handshake_hex(2, "0303" + hrr_random + "00" "1301" "00" +
                                             prefixed(2, ext_hex(0x002b, "0304") + ext_hex(0x0033, "001d")));
    struct sample {
        std::string hex;
        std::string_view name;
    };
    const sample samples[] = {
        {handshake_hex(8, "0000"), "encrypted_extensions"},
        {hrr, "hello_retry_request"},
        {handshake_hex(5, ""), "end_of_early_data"},
        {handshake_hex(24, "00"), "key_update"},
        {handshake_hex(254, std::string(64, 'a')), "message_hash"},
        {handshake_hex(25, "0002" "000400" + prefixed(3, "aabb")), "compressed_certificate"},
    };
    for (const sample& s : samples) {
        CAPTURE(s.name);
        // Every version before TLS 1.3, DTLS included.
        for (std::uint16_t v : {0x0300, 0x0301, 0x0302, 0x0303, 0xfeff, 0xfefd}) {
            CAPTURE(v);
            const error e = rejection(s.hex, ctx_for(v));
            CHECK(e.code == errc::unexpected_message);
            CHECK(e.offset == 4);
            CHECK(e.where == s.name);
        }
        // Lenient reads it (with TLS 1.3 rules); an unknown version and TLS 1.3 read it strictly.
        round_trip(s.hex, lenient(ctx12), s.name);
        round_trip(s.hex, unknown, s.name);
        round_trip(s.hex, ctx13, s.name);
    }
}

TEST_CASE("tls13-only messages keep their TLS 1.3 rules with the version unknown") {
    // KeyUpdate: only 0 and 1 (RFC 8446 §4.6.3).
    const error ku = rejection(handshake_hex(24, "02"), unknown);
    CHECK(ku.code == errc::illegal_value);
    CHECK(ku.where == "request_update");
    // message_hash: 32 or 48 bytes without a negotiated suite (RFC 8446 §4.4.1).
    const error mh = rejection(handshake_hex(254, std::string(40, 'a')), unknown);
    CHECK(mh.code == errc::length_out_of_range);
    CHECK(mh.where == "hash");
    // HelloRetryRequest: key_share is its selected_group form.
    const std::string hrr_random = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
    const auto m = round_trip(handshake_hex(2, "0303" + hrr_random + "00" "1301" "00" +
                                               prefixed(2, ext_hex(0x002b, "0304") + ext_hex(0x0033, "0017"))),
                              unknown, "hello_retry_request");
    const auto ks = std::get<hello_retry_request>(m).extensions.get<key_share_hello_retry_request>(ctx13);
    REQUIRE(ks);
    REQUIRE(*ks);
    CHECK((*ks)->selected_group == named_group::secp256r1);
}

TEST_CASE("before_tls13: the known versions before TLS 1.3") {
    static_assert(before_tls13(0x0300) && before_tls13(0x0301) && before_tls13(0x0302) && before_tls13(0x0303));
    static_assert(before_tls13(0xfeff) && before_tls13(0xfefd));
    static_assert(!before_tls13(0) && !before_tls13(0x0304) && !before_tls13(0xfefc) && !before_tls13(0x7f1c) &&
                  !before_tls13(0x0a0a));
    CHECK(before_tls13(0x0303));
}

}  // namespace tests_messages_tls13_only
