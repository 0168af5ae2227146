// tests/keylog/line_test.cpp — reading SSLKEYLOGFILE lines (RFC 9850 §2).
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "../support/hex.hpp"
#include "keylog_support.hpp"
#include "tlswire/keylog/line.hpp"

namespace tests_keylog_line {

using namespace tlswire;
using keylog::label;
using test_support::hex;
using namespace keylog_test;

namespace {

struct collected {
    std::vector<keylog::entry> entries;
    std::vector<keylog::line_error> errors;
};

collected read(std::string_view text) {
    collected c;
    keylog::parse(
        text, [&](const keylog::entry& e) { c.entries.push_back(e); },
        [&](const keylog::line_error& e) { c.errors.push_back(e); });
    return c;
}

// At compile time: how many secret lines a text has, and the first one's label.
constexpr std::size_t count_entries(std::string_view text) {
    std::size_t n = 0;
    keylog::parse(text, [&](const keylog::entry&) { ++n; }, [](const keylog::line_error&) {});
    return n;
}
constexpr std::size_t count_errors(std::string_view text) {
    std::size_t n = 0;
    keylog::parse(text, [](const keylog::entry&) {}, [&](const keylog::line_error&) { ++n; });
    return n;
}

}  // namespace

TEST_CASE("keylog: the TLS 1.3 labels of RFC 9850 §2.1, each to its secret and client_random") {
    const std::string text = "# a comment\n" + line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, c_hs) + "\n" +
                             line("SERVER_HANDSHAKE_TRAFFIC_SECRET", cr, s_hs) + "\n" +
                             line("CLIENT_TRAFFIC_SECRET_0", cr, c_ap) + "\n" +
                             line("SERVER_TRAFFIC_SECRET_0", cr, s_ap) + "\n" + line("EXPORTER_SECRET", cr, c_ap) +
                             "\n" + line("CLIENT_EARLY_TRAFFIC_SECRET", cr, s_ap) + "\n" +
                             line("EARLY_EXPORTER_SECRET", cr, c_hs) + "\n";
    const auto c = read(text);
    CHECK(c.errors.empty());
    REQUIRE(c.entries.size() == 7);
    const label want[] = {label::client_handshake_traffic_secret, label::server_handshake_traffic_secret,
                          label::client_traffic_secret,           label::server_traffic_secret,
                          label::exporter_secret,                 label::client_early_traffic_secret,
                          label::early_exporter_secret};
    const std::string_view secrets[] = {c_hs, s_hs, c_ap, s_ap, c_ap, s_ap, c_hs};
    for (std::size_t i = 0; i < 7; ++i) {
        CHECK(c.entries[i].label == want[i]);
        CHECK(c.entries[i].generation == 0);
        CHECK(hex(c.entries[i].client_random) == cr);
        CHECK(hex(c.entries[i].value.view()) == secrets[i]);
        CHECK(c.entries[i].line == i + 2);  // line 1 is the comment
        CHECK(text.substr(c.entries[i].offset, 10) == to_string(want[i]).substr(0, 10));
        CHECK(text.substr(c.entries[i].secret_offset, 64) == secrets[i]);
    }
}

TEST_CASE("keylog: CLIENT_RANDOM is a 48-byte master secret (RFC 9850 §2.2)") {
    const std::string ms(96, 'a');
    auto c = read(line("CLIENT_RANDOM", cr, ms));
    REQUIRE(c.entries.size() == 1);
    CHECK(c.entries[0].label == label::client_random);
    CHECK(c.entries[0].value.size == 48);
    CHECK(c.entries[0].value.bytes[47] == 0xaa);
    // A 32-byte value is not a master secret.
    c = read(line("CLIENT_RANDOM", cr, c_hs));
    CHECK(c.entries.empty());
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].error.code == errc::length_out_of_range);
    CHECK(c.errors[0].error.where == std::string_view("secret"));
    CHECK(c.errors[0].error.offset == 14 + 65);
}

TEST_CASE("keylog: ECH_SECRET and ECH_CONFIG (RFC 9850 §2.3)") {
    const std::string config = "fe0d003c" + std::string(120, '0');
    const std::string text = line("ECH_SECRET", cr, c_hs) + "\n" + line("ECH_CONFIG", cr, config);
    const auto c = read(text);  // entries view the text: it outlives them
    CHECK(c.errors.empty());
    REQUIRE(c.entries.size() == 2);
    CHECK(c.entries[0].label == label::ech_secret);
    CHECK(c.entries[0].value.size == 32);
    CHECK(c.entries[1].label == label::ech_config);
    CHECK(c.entries[1].value.size == 0);  // no size limit: kept as written
    CHECK(c.entries[1].secret_hex == config);
    // A KEM shared secret is at most 64 bytes (RFC 9180 §7.1).
    const auto big = read(line("ECH_SECRET", cr, std::string(130, '1')));
    CHECK(big.entries.empty());
    CHECK(big.errors.size() == 1);
}

TEST_CASE("keylog: line endings CRLF, CR and LF; upper- and lower-case hex (RFC 9850 §2)") {
    std::string upper(c_hs);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const std::string text = line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, upper) + "\r\n" +
                             line("SERVER_HANDSHAKE_TRAFFIC_SECRET", cr, s_hs) + "\r" +
                             line("CLIENT_TRAFFIC_SECRET_0", cr, c_ap) + "\n\n\r\n" +
                             line("SERVER_TRAFFIC_SECRET_0", cr, s_ap);
    const auto c = read(text);
    CHECK(c.errors.empty());
    REQUIRE(c.entries.size() == 4);
    CHECK(hex(c.entries[0].value.view()) == c_hs);
    CHECK(c.entries[0].line == 1);
    CHECK(c.entries[1].line == 2);
    CHECK(c.entries[2].line == 3);
    CHECK(c.entries[3].line == 6);  // "\n\n\r\n" after line 3: lines 4 and 5 are empty
}

TEST_CASE("keylog: deployed variants — traffic secrets without _0, with _N, trailing blanks") {
    const std::string text = line("CLIENT_TRAFFIC_SECRET", cr, c_ap) + "\n" + line("SERVER_TRAFFIC_SECRET_3", cr, s_ap) +
                             " \t\n" + line("CLIENT_TRAFFIC_SECRET_12", cr, c_ap);
    const auto c = read(text);
    CHECK(c.errors.empty());
    REQUIRE(c.entries.size() == 3);
    CHECK(c.entries[0].label == label::client_traffic_secret);
    CHECK(c.entries[0].generation == 0);
    CHECK(c.entries[1].label == label::server_traffic_secret);
    CHECK(c.entries[1].generation == 3);
    CHECK(c.entries[1].secret_hex == s_ap);
    CHECK(c.entries[2].generation == 12);
    // Not generations: a leading zero, a sign, no digits, a number over 2^32 — unknown labels, skipped.
    for (const char* l : {"CLIENT_TRAFFIC_SECRET_01", "CLIENT_TRAFFIC_SECRET_+1", "CLIENT_TRAFFIC_SECRET_",
                          "CLIENT_TRAFFIC_SECRET_4294967296", "CLIENT_TRAFFIC_SECRETX"}) {
        const auto u = read(line(l, cr, c_ap));
        CHECK_MESSAGE(u.entries.empty(), l);
        CHECK_MESSAGE(u.errors.empty(), l);
    }
}

TEST_CASE("keylog: unknown labels are skipped, malformed lines reported with line and offset, never fatal") {
    const std::string bad_cr = std::string(cr.substr(0, 63)) + "g";
    const std::string text = line("SOME_FUTURE_LABEL", cr, c_hs) + "\n" +                   // 1: skipped
                             line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", bad_cr, c_hs) + "\n" +  // 2: bad hex
                             line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr.substr(0, 62), c_hs) + "\n" +  // 3: short
                             line("SERVER_HANDSHAKE_TRAFFIC_SECRET", cr, c_hs.substr(1)) + "\n" +  // 4: odd
                             "CLIENT_TRAFFIC_SECRET_0 " + std::string(cr) + "\n" +                 // 5: no secret
                             "EXPORTER_SECRET\n" +                                                  // 6: nothing
                             line("EXPORTER_SECRET", cr, std::string(c_hs) + " 00") + "\n" +       // 7: 4 fields
                             line("EXPORTER_SECRET", cr, c_hs.substr(0, 40)) + "\n" +              // 8: 20 bytes
                             line("EXPORTER_SECRET", cr, c_hs);                                     // 9: good
    const auto c = read(text);
    REQUIRE(c.entries.size() == 1);
    CHECK(c.entries[0].line == 9);
    REQUIRE(c.errors.size() == 7);
    const std::size_t lines[] = {2, 3, 4, 5, 6, 7, 8};
    const errc codes[] = {errc::illegal_value,       errc::truncated, errc::length_not_multiple, errc::truncated,
                          errc::truncated,           errc::illegal_value, errc::length_out_of_range};
    const char* where[] = {"client_random", "client_random", "secret", "secret", "client_random", "secret", "secret"};
    for (std::size_t i = 0; i < 7; ++i) {
        CHECK(c.errors[i].line == lines[i]);
        CHECK(c.errors[i].error.code == codes[i]);
        CHECK(c.errors[i].error.where == std::string_view(where[i]));
    }
    // Offsets are absolute in the text: the bad digit of line 2 is its last client_random digit.
    const std::size_t line2 = text.find('\n') + 1;
    CHECK(c.errors[0].error.offset == line2 + 32 + 63);
    CHECK(text[c.errors[0].error.offset] == 'g');
    // Line 7's fourth field: the space inside the secret.
    CHECK(text[c.errors[5].error.offset] == ' ');
}

TEST_CASE("keylog: a byte order mark is reported once and skipped") {
    const auto c = read("\xEF\xBB\xBF" + line("EXPORTER_SECRET", cr, c_hs));
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].error.offset == 0);
    CHECK(c.errors[0].line == 1);
    REQUIRE(c.entries.size() == 1);
    CHECK(c.entries[0].offset == 3);
}

TEST_CASE("keylog: parsing works at compile time") {
    constexpr std::string_view text =
        "# RFC 8448 section 3\n"
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7 "
        "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21\n"
        "SERVER_HANDSHAKE_TRAFFIC_SECRET cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7 "
        "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38\n"
        "CLIENT_RANDOM cb34 00\n";
    static_assert(count_entries(text) == 2);
    static_assert(count_errors(text) == 1);
    CHECK(count_entries(text) == 2);
}

}  // namespace tests_keylog_line
