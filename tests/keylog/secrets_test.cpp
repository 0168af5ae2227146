// tests/keylog/secrets_test.cpp — one connection's secrets from a key log.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "../support/hex.hpp"
#include "keylog_support.hpp"
#include "tlswire/keylog/secrets.hpp"

namespace tests_keylog_secrets {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;
using keylog_test::c_ap;
using keylog_test::c_hs;
using keylog_test::cr;
using keylog_test::s_ap;
using keylog_test::s_hs;

namespace {

constexpr std::string_view other = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

// line(label, random, secret) — one key log line with its LF.
std::string line(std::string_view l, std::string_view random, std::string_view secret) {
    return keylog_test::line(l, random, secret) + "\n";
}

constexpr std::string_view compile_time_log =
    "SERVER_HANDSHAKE_TRAFFIC_SECRET 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff "
    "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21\n"
    "SERVER_HANDSHAKE_TRAFFIC_SECRET cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7 "
    "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38\n";
constexpr std::array<std::uint8_t, 32> rfc8448_random{0xcb, 0x34, 0xec, 0xb1, 0xe7, 0x81, 0x63, 0xba,
                                                      0x1c, 0x38, 0xc6, 0xda, 0xcb, 0x19, 0x6a, 0x6d,
                                                      0xff, 0xa2, 0x1a, 0x8d, 0x99, 0x12, 0xec, 0x18,
                                                      0xa2, 0xef, 0x62, 0x83, 0x02, 0x4d, 0xec, 0xe7};
constexpr std::uint8_t first_server_hs_byte() {
    const auto s = keylog::secrets_for(compile_time_log, rfc8448_random);
    return s.server_handshake_traffic_secret ? s.server_handshake_traffic_secret->bytes[0] : 0;
}
static_assert(first_server_hs_byte() == 0xb6);  // this connection's, not the other one's (0xb3)

}  // namespace

TEST_CASE("keylog secrets: the lines of one client_random, in a log of several connections") {
    const std::string text = line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", other, s_hs) +
                             line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, c_hs) +
                             line("SERVER_HANDSHAKE_TRAFFIC_SECRET", cr, s_hs) +
                             line("CLIENT_TRAFFIC_SECRET_0", cr, c_ap) + line("SERVER_TRAFFIC_SECRET_0", cr, s_ap) +
                             line("SERVER_TRAFFIC_SECRET_1", cr, c_ap) + line("EXPORTER_SECRET", cr, c_hs) +
                             line("CLIENT_RANDOM", other, std::string(96, 'f'));
    const auto random = unhex(cr);
    const auto s = keylog::secrets_for(text, random);
    CHECK(hex(s.client_random) == cr);
    REQUIRE(s.client_handshake_traffic_secret);
    CHECK(hex(s.client_handshake_traffic_secret->view()) == c_hs);
    REQUIRE(s.server_handshake_traffic_secret);
    CHECK(hex(s.server_handshake_traffic_secret->view()) == s_hs);
    REQUIRE(s.client_application_traffic_secret_0);
    CHECK(hex(s.client_application_traffic_secret_0->view()) == c_ap);
    REQUIRE(s.server_application_traffic_secret_0);
    CHECK(hex(s.server_application_traffic_secret_0->view()) == s_ap);  // _1 does not replace _0
    REQUIRE(s.exporter_secret);
    CHECK(!s.master_secret);  // the other connection's
    CHECK(!s.client_early_traffic_secret);
    CHECK(!s.ech_secret);
    CHECK(!s.empty());

    const auto o = keylog::secrets_for(text, unhex(other));
    REQUIRE(o.master_secret);
    CHECK(o.master_secret->size == 48);
    REQUIRE(o.client_handshake_traffic_secret);
    CHECK(hex(o.client_handshake_traffic_secret->view()) == s_hs);

    CHECK(keylog::secrets_for(text, unhex(std::string(64, '7'))).empty());
    CHECK(keylog::secrets_for(text, unhex("0011")).empty());  // not a 32-byte random
}

TEST_CASE("keylog secrets: a repeated line is one secret; a conflicting one is reported, the first kept") {
    const std::string text = line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, c_hs) +
                             line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, c_hs) +
                             line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, s_hs) + "CLIENT_RANDOM xyz 00\n" +
                             line("ECH_CONFIG", cr, "fe0d0000") + line("ECH_CONFIG", cr, "fe0d0001");
    std::vector<keylog::line_error> errors;
    const auto s = keylog::secrets_for(text, unhex(cr), [&](const keylog::line_error& e) { errors.push_back(e); });
    REQUIRE(s.client_handshake_traffic_secret);
    CHECK(hex(s.client_handshake_traffic_secret->view()) == c_hs);
    CHECK(s.ech_config_hex == "fe0d0000");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].line == 3);
    CHECK(errors[0].error.code == errc::illegal_value);
    CHECK(text.substr(errors[0].error.offset, 64) == s_hs);
    CHECK(errors[1].line == 4);  // a malformed line of no connection is still reported
    CHECK(errors[1].error.where == std::string_view("client_random"));
}

}  // namespace tests_keylog_secrets
