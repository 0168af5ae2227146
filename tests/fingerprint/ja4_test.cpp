// tests/fingerprint/ja4_test.cpp — JA4 and its _r, _o, _ro forms
// (fingerprint/ja4.hpp): JA4.md's worked example and each of its rules,
// every ClientHello of vectors/ against an oracle that reads the bytes by
// hand, hellos split over records and HelloRetryRequest flows, and the
// allocation-free sort.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "fingerprint_support.hpp"

namespace tests_fingerprint_ja4 {

using namespace tlswire;
using namespace fp_test;

namespace {

constexpr auto tcp = ja4_transport::tcp;

// JA4.md's example as a ClientHello: its 15 suites, its 16 extensions in its
// order (each with a body that parses strictly), its 8 signature algorithms,
// ALPN h2 then http/1.1, TLS 1.3 in supported_versions. With `grease`, GREASE
// goes everywhere Chrome puts it and more: a suite first, extensions first,
// in the middle and last, a group, a key share, a version, a signature
// algorithm (as Chrome 152 does) and an ALPN name first.
std::string ja4_example_hello(bool grease) {
    std::vector<std::uint16_t> suites{0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
                                      0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
    std::vector<std::uint16_t> sigs{0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};
    std::vector<std::uint16_t> groups{0x001d, 0x0017, 0x0018};
    std::vector<std::uint16_t> versions{0x0304, 0x0303};
    std::string share = "001d0020" + std::string(64, '9');
    std::vector<std::string> names{text_hex("h2"), text_hex("http/1.1")};
    if (grease) {
        suites.insert(suites.begin(), 0x0a0a);
        sigs.insert(sigs.begin() + 2, 0x9a9a);
        groups.insert(groups.begin(), 0x2a2a);
        versions.insert(versions.begin(), 0x7a7a);
        share = "8a8a000100" + share;
        names.insert(names.begin(), "3a3a");
    }
    std::vector<std::string> e{ext(0x001b, "020002"),
                               ext(0x0000, sni_body("example.com")),
                               ext(0x0033, be(share.size() / 2, 2) + share),
                               ext(0x0010, alpn_body(names)),
                               ext(0x4469, alpn_body({text_hex("h2")})),
                               ext(0x0017, ""),
                               ext(0x002d, "0101"),
                               ext(0x000d, u16_list(sigs)),
                               ext(0x0005, "0100000000"),
                               ext(0x0023, ""),
                               ext(0x0012, ""),
                               ext(0x002b, u16_list(versions, 1)),
                               ext(0xff01, "00"),
                               ext(0x000b, "0100"),
                               ext(0x000a, u16_list(groups)),
                               ext(0x0015, std::string(40, '0'))};
    if (grease) {
        e.insert(e.begin() + 8, ext(0x5a5a, "00"));
        e.insert(e.begin(), ext(0x1a1a, ""));
        e.push_back(ext(0xfafa, ""));
    }
    std::string all;
    for (const auto& x : e) all += x;
    return client_hello_hex(0x0303, suites, all);
}

// The same hello with GREASE (ja4_example_hello(true)), for constant evaluation.
constexpr std::array<std::uint8_t, 305> ja4_example_greased{
    0x01, 0x00, 0x01, 0x2d, 0x03, 0x03, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x00, 0x00, 0x20, 0x0a, 0x0a, 0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xc0, 0x2b, 0xc0, 0x2f, 0xc0,
    0x2c, 0xc0, 0x30, 0xcc, 0xa9, 0xcc, 0xa8, 0xc0, 0x13, 0xc0, 0x14, 0x00, 0x9c, 0x00, 0x9d, 0x00, 0x2f, 0x00,
    0x35, 0x01, 0x00, 0x00, 0xe4, 0x1a, 0x1a, 0x00, 0x00, 0x00, 0x1b, 0x00, 0x03, 0x02, 0x00, 0x02, 0x00, 0x00,
    0x00, 0x10, 0x00, 0x0e, 0x00, 0x00, 0x0b, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x63, 0x6f, 0x6d,
    0x00, 0x33, 0x00, 0x2b, 0x00, 0x29, 0x8a, 0x8a, 0x00, 0x01, 0x00, 0x00, 0x1d, 0x00, 0x20, 0x99, 0x99, 0x99,
    0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99,
    0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x00, 0x10, 0x00, 0x11, 0x00, 0x0f, 0x02,
    0x3a, 0x3a, 0x02, 0x68, 0x32, 0x08, 0x68, 0x74, 0x74, 0x70, 0x2f, 0x31, 0x2e, 0x31, 0x44, 0x69, 0x00, 0x05,
    0x00, 0x03, 0x02, 0x68, 0x32, 0x00, 0x17, 0x00, 0x00, 0x00, 0x2d, 0x00, 0x02, 0x01, 0x01, 0x00, 0x0d, 0x00,
    0x14, 0x00, 0x12, 0x04, 0x03, 0x08, 0x04, 0x9a, 0x9a, 0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08,
    0x06, 0x06, 0x01, 0x5a, 0x5a, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x23, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x07, 0x06, 0x7a, 0x7a, 0x03, 0x04, 0x03, 0x03,
    0xff, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0b, 0x00, 0x02, 0x01, 0x00, 0x00, 0x0a, 0x00, 0x0a, 0x00, 0x08, 0x2a,
    0x2a, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18, 0x00, 0x15, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xfa, 0xfa, 0x00, 0x00,
};

// RFC 8448 §3's ClientHello (vectors/rfc8448/simple_1rtt.json messages[0]), for constant evaluation.
constexpr std::array<std::uint8_t, 196> rfc8448_client_hello{
    0x01, 0x00, 0x00, 0xc0, 0x03, 0x03, 0xcb, 0x34, 0xec, 0xb1, 0xe7, 0x81, 0x63, 0xba, 0x1c, 0x38, 0xc6, 0xda,
    0xcb, 0x19, 0x6a, 0x6d, 0xff, 0xa2, 0x1a, 0x8d, 0x99, 0x12, 0xec, 0x18, 0xa2, 0xef, 0x62, 0x83, 0x02, 0x4d,
    0xec, 0xe7, 0x00, 0x00, 0x06, 0x13, 0x01, 0x13, 0x03, 0x13, 0x02, 0x01, 0x00, 0x00, 0x91, 0x00, 0x00, 0x00,
    0x0b, 0x00, 0x09, 0x00, 0x00, 0x06, 0x73, 0x65, 0x72, 0x76, 0x65, 0x72, 0xff, 0x01, 0x00, 0x01, 0x00, 0x00,
    0x0a, 0x00, 0x14, 0x00, 0x12, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18, 0x00, 0x19, 0x01, 0x00, 0x01, 0x01, 0x01,
    0x02, 0x01, 0x03, 0x01, 0x04, 0x00, 0x23, 0x00, 0x00, 0x00, 0x33, 0x00, 0x26, 0x00, 0x24, 0x00, 0x1d, 0x00,
    0x20, 0x99, 0x38, 0x1d, 0xe5, 0x60, 0xe4, 0xbd, 0x43, 0xd2, 0x3d, 0x8e, 0x43, 0x5a, 0x7d, 0xba, 0xfe, 0xb3,
    0xc0, 0x6e, 0x51, 0xc1, 0x3c, 0xae, 0x4d, 0x54, 0x13, 0x69, 0x1e, 0x52, 0x9a, 0xaf, 0x2c, 0x00, 0x2b, 0x00,
    0x03, 0x02, 0x03, 0x04, 0x00, 0x0d, 0x00, 0x20, 0x00, 0x1e, 0x04, 0x03, 0x05, 0x03, 0x06, 0x03, 0x02, 0x03,
    0x08, 0x04, 0x08, 0x05, 0x08, 0x06, 0x04, 0x01, 0x05, 0x01, 0x06, 0x01, 0x02, 0x01, 0x04, 0x02, 0x05, 0x02,
    0x06, 0x02, 0x02, 0x02, 0x00, 0x2d, 0x00, 0x02, 0x01, 0x01, 0x00, 0x1c, 0x00, 0x02, 0x40, 0x01,
};

template <std::size_t N>
constexpr bool fingerprints_as(const std::array<std::uint8_t, N>& bytes, std::string_view ja4_text,
                               std::string_view ja4_o_text) {
    const auto m = parse_handshake(bytes);
    if (!m || !std::holds_alternative<client_hello>(*m)) return false;
    const auto& ch = std::get<client_hello>(*m);
    return ja4(ch, tcp) == ja4_text && ja4_o(ch, tcp) == ja4_o_text;
}

// JA4.md "Example" and "Raw Output", at compile time: the example's hello
// (with GREASE everywhere) gives the published JA4 and JA4_o.
static_assert(fingerprints_as(ja4_example_greased, "t13d1516h2_8daaf6152771_e5627efa2ab1",
                              "t13d1516h2_acb858a92679_18f69afefd3d"));
// RFC 8448 §3's ClientHello: 3 suites, 9 extensions, SNI, no ALPN (the
// hashes are checked against the oracle's SHA-256 of the lists at run time).
static_assert(fingerprints_as(rfc8448_client_hello, "t13d030900_55b375c5d22e_59cd3dafc54d",
                              "t13d030900_85902d7a8465_a919eb4ef8fa"));

std::string str(std::string_view v) { return std::string(v); }

// hash12 — JA4.md: "sha256 hash ... truncated to 12 characters", or
// 000000000000 for an empty list.
std::string hash12(const std::string& list) { return list.empty() ? "000000000000" : sha256_hex(list).substr(0, 12); }

}  // namespace

TEST_CASE("JA4.md Example: the published list strings hash to the published values") {
    // "Cipher hash": the sorted list and its hash.
    CHECK(sha256_hex("002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9").substr(0, 12) ==
          "8daaf6152771");
    // "Extension hash": the sorted extensions (0000 and 0010 removed), "_", the signature algorithms.
    const std::string c = "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_"
                          "0403,0804,0401,0503,0805,0501,0806,0601";
    CHECK(sha256_hex(c) == "e5627efa2ab19723084c1033a96c694a45826ab5a460d2d3fd5ffcfe97161c95");
    // Without signature algorithms "the string ends without an underscore".
    CHECK(sha256_hex("0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01").substr(0, 12) ==
          "6d807ffa2a79");
}

TEST_CASE("JA4.md Example and Raw Output: JA4, JA4_r, JA4_o, JA4_ro of the example's ClientHello") {
    const std::string ja4_r_text =
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
        "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601";
    const std::string ja4_ro_text =
        "t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_"
        "001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_"
        "0403,0804,0401,0503,0805,0501,0806,0601";
    CHECK(test_support::hex(ja4_example_greased) == ja4_example_hello(true));
    for (const bool grease : {false, true}) {
        CAPTURE(grease);
        const auto p = parse_hex(ja4_example_hello(grease));
        REQUIRE(p.ok());
        const client_hello& ch = p.get();
        CHECK(ja4(ch, tcp) == "t13d1516h2_8daaf6152771_e5627efa2ab1");
        CHECK(ja4_r(ch, tcp) == ja4_r_text);
        CHECK(ja4_o(ch, tcp) == "t13d1516h2_acb858a92679_18f69afefd3d");
        CHECK(ja4_ro(ch, tcp) == ja4_ro_text);
        CHECK_FALSE(ja4_r(ch, tcp).truncated);
    }
    // The _o hash is of the _ro lists.
    const auto parts = split(ja4_ro_text, '_');
    REQUIRE(parts.size() == 4);
    CHECK(hash12(parts[1]) == "acb858a92679");
    CHECK(hash12(parts[2] + "_" + parts[3]) == "18f69afefd3d");
}

TEST_CASE("JA4: signature algorithms that are all GREASE leave c without its underscore (6d807ffa2a79)") {
    // The example hello, its signature_algorithms holding one GREASE value only: 000d stays in the
    // extension list, the algorithm list is empty — JA4.md's "no signature algorithms" case.
    std::string hex = ja4_example_hello(false);
    const std::string sigs = ext(0x000d, u16_list({0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601}));
    const auto at = hex.find(sigs);
    REQUIRE(at != std::string::npos);
    const std::string grease_only = ext(0x000d, u16_list({0x6a6a}));
    hex.replace(at, sigs.size(), grease_only);
    // The lengths shrank by 16 bytes: rebuild the three prefixes.
    const auto msg = unhex(hex);
    std::vector<std::uint8_t> fixed = msg;
    const std::size_t body = msg.size() - 4;
    fixed[1] = static_cast<std::uint8_t>(body >> 16);
    fixed[2] = static_cast<std::uint8_t>(body >> 8);
    fixed[3] = static_cast<std::uint8_t>(body);
    const std::size_t ext_at = 4 + 2 + 32 + 1 + 2 + 30 + 2;
    const std::size_t ext_len = fixed.size() - ext_at - 2;
    fixed[ext_at] = static_cast<std::uint8_t>(ext_len >> 8);
    fixed[ext_at + 1] = static_cast<std::uint8_t>(ext_len);
    const auto p = parse_hex(test_support::hex(fixed));
    REQUIRE(p.ok());
    CHECK(ja4(p.get(), tcp) == "t13d1516h2_8daaf6152771_6d807ffa2a79");
    CHECK(str(ja4_r(p.get(), tcp)).ends_with("_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01"));
}

TEST_CASE("JA4: the transport is the first character") {
    const auto p = parse_hex(ja4_example_hello(true));
    REQUIRE(p.ok());
    CHECK(ja4(p.get(), ja4_transport::tcp) == "t13d1516h2_8daaf6152771_e5627efa2ab1");
    CHECK(ja4(p.get(), ja4_transport::quic) == "q13d1516h2_8daaf6152771_e5627efa2ab1");
    CHECK(ja4(p.get(), ja4_transport::dtls) == "d13d1516h2_8daaf6152771_e5627efa2ab1");
    CHECK(str(ja4_ro(p.get(), ja4_transport::quic)).starts_with("q13d1516h2_1301,"));
}

namespace {
// version_chars — JA4's two version characters for a hello with this
// legacy_version and, when given, this supported_versions list.
std::string version_chars(std::uint16_t legacy, std::optional<std::vector<std::uint16_t>> versions) {
    std::string exts = ext(0, sni_body("example.com"));
    if (versions) exts += ext(43, u16_list(*versions, 1));
    context lenient;
    lenient.mode = strictness::lenient;  // e.g. 0x0304 in legacy_version breaks RFC 8446 §4.1.2's rule
    const auto p = parse_hex(client_hello_hex(legacy, {0x002f}, exts), lenient);
    REQUIRE(p.ok());
    return str(ja4(p.get(), tcp)).substr(1, 2);
}
}  // namespace

TEST_CASE("JA4: the version table, from supported_versions (highest, GREASE ignored) else legacy_version") {
    // Without supported_versions: legacy_version, the record layer's version never.
    CHECK(version_chars(0x0300, std::nullopt) == "s3");
    CHECK(version_chars(0x0301, std::nullopt) == "10");
    CHECK(version_chars(0x0302, std::nullopt) == "11");
    CHECK(version_chars(0x0303, std::nullopt) == "12");
    CHECK(version_chars(0x0304, std::nullopt) == "13");
    CHECK(version_chars(0x0002, std::nullopt) == "s2");
    CHECK(version_chars(0xfeff, std::nullopt) == "d1");
    CHECK(version_chars(0xfefd, std::nullopt) == "d2");
    CHECK(version_chars(0xfefc, std::nullopt) == "d3");
    CHECK(version_chars(0x0305, std::nullopt) == "00");
    CHECK(version_chars(0x0200, std::nullopt) == "00");
    // With it: its highest value, whatever legacy_version says.
    CHECK(version_chars(0x0303, std::vector<std::uint16_t>{0x0304, 0x0303}) == "13");
    CHECK(version_chars(0x0303, std::vector<std::uint16_t>{0x0303, 0x0304}) == "13");
    CHECK(version_chars(0x0301, std::vector<std::uint16_t>{0x0302, 0x0301}) == "11");
    CHECK(version_chars(0x0303, std::vector<std::uint16_t>{0x0303}) == "12");
    // GREASE is ignored, also where it is numerically highest.
    CHECK(version_chars(0x0303, std::vector<std::uint16_t>{0xfafa, 0x0304, 0x0303}) == "13");
    CHECK(version_chars(0x0303, std::vector<std::uint16_t>{0x0303, 0x1a1a}) == "12");
    // Only GREASE: as if absent.
    CHECK(version_chars(0x0302, std::vector<std::uint16_t>{0x2a2a}) == "11");
    // An unknown highest value: "00" (a draft-28 TLS 1.3 number is higher than 0x0304).
    CHECK(version_chars(0x0303, std::vector<std::uint16_t>{0x7f1c, 0x0304, 0x0303}) == "00");
    CHECK(version_chars(0x0303, std::vector<std::uint16_t>{0x0305, 0x0304}) == "00");
    // DTLS: the newest version is the highest (its number is the lowest).
    CHECK(version_chars(0xfefd, std::vector<std::uint16_t>{0xfefc, 0xfefd}) == "d3");
    CHECK(version_chars(0xfefd, std::vector<std::uint16_t>{0xfefd, 0xfeff}) == "d2");
    CHECK(version_chars(0xfeff, std::vector<std::uint16_t>{0xfeff}) == "d1");
}

TEST_CASE("JA4: SNI d or i, counts of suites and extensions without GREASE, capped at 99") {
    auto a_of = [](const std::string& hex) {
        const auto p = parse_hex(hex);
        REQUIRE(p.ok());
        return str(ja4(p.get(), tcp)).substr(0, 10);
    };
    CHECK(a_of(client_hello_hex(0x0303, {0x002f, 0x0035}, ext(0, sni_body("a.example")))) == "t12d020100");
    CHECK(a_of(client_hello_hex(0x0303, {0x002f, 0x0035}, ext(23, ""))) == "t12i020100");
    // SCSVs count like any suite; GREASE suites and extensions do not.
    CHECK(a_of(client_hello_hex(0x0303, {0x0a0a, 0x002f, 0x00ff, 0x5600, 0xfe00}, ext(0x3a3a, "") + ext(23, ""))) ==
          "t12i040100");
    // 99 and above.
    std::vector<std::uint16_t> suites;
    for (std::uint16_t i = 0; i < 120; ++i) suites.push_back(static_cast<std::uint16_t>(0x0100 + i));
    std::string many;
    for (std::uint16_t i = 0; i < 104; ++i) many += ext(static_cast<std::uint16_t>(0x1000 + i), "");
    CHECK(a_of(client_hello_hex(0x0303, suites, many)) == "t12i999900");
    suites.resize(99);
    CHECK(a_of(client_hello_hex(0x0303, suites, std::nullopt)) == "t12i990000");
    suites.resize(100);
    CHECK(a_of(client_hello_hex(0x0303, suites, std::nullopt)) == "t12i990000");
    suites.resize(9);
    CHECK(a_of(client_hello_hex(0x0303, suites, std::nullopt)) == "t12i090000");
}

namespace {
// alpn_chars — JA4's ALPN characters for a hello whose ALPN list holds these names (hex).
std::string alpn_chars(const std::vector<std::string>& names_hex) {
    const auto p = parse_hex(client_hello_hex(0x0303, {0x002f}, ext(16, alpn_body(names_hex))));
    REQUIRE(p.ok());
    return str(ja4(p.get(), tcp)).substr(8, 2);
}
}  // namespace

TEST_CASE("JA4: ALPN characters (JA4.md's examples, one-byte and non-alphanumeric names, GREASE)") {
    CHECK(alpn_chars({text_hex("h2")}) == "h2");
    CHECK(alpn_chars({text_hex("http/1.1")}) == "h1");
    CHECK(alpn_chars({text_hex("http/1.1"), text_hex("h2")}) == "h1");  // the first name, not the best
    CHECK(alpn_chars({text_hex("h3")}) == "h3");
    // "If the first ALPN value is only a single character, then that character is treated as both".
    CHECK(alpn_chars({text_hex("x")}) == "xx");
    CHECK(alpn_chars({text_hex("9")}) == "99");
    // JA4.md's non-alphanumeric examples, verbatim.
    CHECK(alpn_chars({"ab"}) == "ab");
    CHECK(alpn_chars({"abcd"}) == "ad");
    CHECK(alpn_chars({"30ab"}) == "3b");
    CHECK(alpn_chars({"3031abcd"}) == "3d");
    CHECK(alpn_chars({"30abcd31"}) == "01");
    // Boundaries of "alphanumeric" (0x30-0x39, 0x41-0x5A, 0x61-0x7A).
    CHECK(alpn_chars({text_hex("Zz")}) == "Zz");
    CHECK(alpn_chars({text_hex("a/")}) == "6f");  // '/' 0x2f
    CHECK(alpn_chars({text_hex("@a")}) == "41");  // '@' 0x40 before 'A'
    CHECK(alpn_chars({text_hex("a[")}) == "6b");  // '[' 0x5b after 'Z'
    CHECK(alpn_chars({text_hex("`a")}) == "61");  // '`' 0x60 before 'a'
    CHECK(alpn_chars({text_hex("a{")}) == "6b");  // '{' 0x7b after 'z'
    // Bytes outside ASCII follow the text (hex), not FoxIO's code ('9'): UTF-8 "é" is c3 a9.
    CHECK(alpn_chars({"c3a9"}) == "c9");
    CHECK(alpn_chars({text_hex("h") + "c3a9"}) == "69");
    // A GREASE name (RFC 8701 §2) is skipped like every GREASE value.
    CHECK(alpn_chars({"0a0a", text_hex("h2")}) == "h2");
    CHECK(alpn_chars({"fafa"}) == "00");
    // No ALPN extension: "00".
    const auto none = parse_hex(client_hello_hex(0x0303, {0x002f}, ext(23, "")));
    REQUIRE(none.ok());
    CHECK(str(ja4(none.get(), tcp)).substr(8, 2) == "00");
}

TEST_CASE("JA4: an ALPN extension with no usable name (a block built by hand) gives 00") {
    // A parse refuses these (ProtocolName<1..2^8-1>, protocol_name_list<2..2^16-1>): only a
    // hand-built block can hold them, and they count as no ALPN.
    const std::array<std::uint8_t, 2> empty_list{0x00, 0x00};
    const std::array<std::uint8_t, 3> empty_name{0x00, 0x01, 0x00};
    for (const bytes_view body : {bytes_view(empty_list), bytes_view(empty_name)}) {
        const std::array<extension, 1> exts{extension{extension_type::application_layer_protocol_negotiation, body}};
        const std::array<cipher_suite, 1> suites{cipher_suite{0x1301}};
        client_hello ch;
        ch.legacy_version = protocol_version::tls12;
        ch.cipher_suites = std::span<const cipher_suite>(suites);
        ch.extensions = extension_block(exts, message_kind::client_hello);
        CHECK(ja4(ch, tcp).view().substr(0, 10) == "t12i010100");
    }
}

TEST_CASE("JA4: empty lists hash to 000000000000; SNI and ALPN leave the sorted list, not the original one") {
    // No extensions at all (TLS 1.0 style).
    auto p = parse_hex(client_hello_hex(0x0301, {0x002f, 0x0035}, std::nullopt));
    REQUIRE(p.ok());
    CHECK(ja4(p.get(), tcp) == "t10i020000_" + hash12("002f,0035") + "_000000000000");
    CHECK(ja4_r(p.get(), tcp) == "t10i020000_002f,0035_");
    CHECK(ja4_o(p.get(), tcp) == "t10i020000_" + hash12("002f,0035") + "_000000000000");
    CHECK(ja4_ro(p.get(), tcp) == "t10i020000_002f,0035_");
    // Only SNI and ALPN: the sorted extension list is empty, the original one is not.
    p = parse_hex(client_hello_hex(0x0303, {0x1301}, ext(0, sni_body("example.com")) + ext(16, alpn_body({text_hex("h2")}))));
    REQUIRE(p.ok());
    CHECK(ja4(p.get(), tcp) == "t12d0102h2_" + hash12("1301") + "_000000000000");
    CHECK(ja4_r(p.get(), tcp) == "t12d0102h2_1301_");
    CHECK(ja4_o(p.get(), tcp) == "t12d0102h2_" + hash12("1301") + "_" + hash12("0000,0010"));
    CHECK(ja4_ro(p.get(), tcp) == "t12d0102h2_1301_0000,0010");
    // Only a GREASE suite: b is empty.
    p = parse_hex(client_hello_hex(0x0303, {0x0a0a}, ext(23, "")));
    REQUIRE(p.ok());
    CHECK(ja4(p.get(), tcp) == "t12i000100_000000000000_" + hash12("0017"));
    CHECK(ja4_r(p.get(), tcp) == "t12i000100__0017");
}

TEST_CASE("JA4: suites and extensions sorted, signature algorithms in wire order, GREASE out of each") {
    const std::string exts = ext(0xff01, "00") + ext(0x2a2a, "") + ext(13, u16_list({0x0601, 0x4a4a, 0x0403, 0x0201})) +
                             ext(10, u16_list({0x001d})) + ext(0, sni_body("x.example")) + ext(11, "0100");
    const auto p = parse_hex(client_hello_hex(0x0303, {0xc030, 0x1a1a, 0x009c, 0xc02f, 0x002f}, exts));
    REQUIRE(p.ok());
    CHECK(ja4_r(p.get(), tcp) == "t12d040500_002f,009c,c02f,c030_000a,000b,000d,ff01_0601,0403,0201");
    CHECK(ja4_ro(p.get(), tcp) == "t12d040500_c030,009c,c02f,002f_ff01,000d,000a,0000,000b_0601,0403,0201");
    // signature_algorithms_cert (50) and delegated_credential (34) are not signature algorithms here.
    const auto q = parse_hex(client_hello_hex(
        0x0303, {0x002f}, ext(50, u16_list({0x0807})) + ext(34, u16_list({0x0403})) + ext(13, u16_list({0x0804}))));
    REQUIRE(q.ok());
    CHECK(ja4_r(q.get(), tcp) == "t12i010300_002f_000d,0022,0032_0804");
}

TEST_CASE("JA4: fixed-capacity raw forms say when they are truncated; write_ja4_r never is") {
    const auto p = parse_hex(ja4_example_hello(false));
    REQUIRE(p.ok());
    const auto cut = ja4_r<20>(p.get(), tcp);
    CHECK(cut.truncated);
    CHECK(cut == "t13d1516h2_002f,0035");
    std::string whole;
    write_ja4_r(p.get(), tcp, [&](std::string_view s) { whole += s; });
    CHECK(whole == ja4_r(p.get(), tcp).view());
    std::string whole_o;
    write_ja4_ro(p.get(), tcp, [&](std::string_view s) { whole_o += s; });
    CHECK(whole_o == ja4_ro(p.get(), tcp).view());
}

TEST_CASE("for_each_sorted: both paths (inline sort and counting) order like std::sort, duplicates kept") {
    std::uint32_t state = 12345;
    auto next = [&] {
        state = state * 1103515245u + 12345u;
        return static_cast<std::uint16_t>(state >> 8);
    };
    for (const std::size_t n : {0u, 1u, 2u, 31u, 32u, 33u, 100u, 255u, 256u, 257u, 1000u, 32767u}) {
        for (const int spread : {0, 1, 2, 3}) {
            CAPTURE(n);
            CAPTURE(spread);
            std::vector<std::uint16_t> v(n);
            for (auto& x : v) {
                x = next();
                if (spread == 1) x &= 0x0f0f;  // many duplicates
                if (spread == 2) x = static_cast<std::uint16_t>(0xff00 | (x & 0x3));
            }
            if (spread == 3) {  // distinct values (the bitmap alone), shuffled
                // i * 40503 is a bijection of the 16-bit values (40503 is odd).
                for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint16_t>(i * 40503u);
                for (std::size_t i = n; i > 1; --i) std::swap(v[i - 1], v[next() % i]);
            }
            // Keys: skip values whose low bit is set, to exercise the filter.
            auto key = [](std::uint16_t x) { return (x & 1) ? -1 : static_cast<int>(x); };
            std::vector<std::uint16_t> want;
            for (const auto x : v)
                if (key(x) >= 0) want.push_back(x);
            std::sort(want.begin(), want.end());
            std::vector<std::uint16_t> got;
            detail::for_each_sorted(v, key, [&](std::uint16_t x) { got.push_back(x); });
            CHECK(got == want);
        }
    }
}

namespace {
// Both sort paths in constant evaluation: 40 values (inline) and 600 (counted),
// duplicates included; the result is ascending and keeps every value.
template <std::size_t N>
constexpr bool sorts_at_compile_time() {
    std::array<std::uint16_t, N> v{};
    std::uint32_t state = 99;
    for (auto& x : v) {
        state = state * 1103515245u + 12345u;
        x = static_cast<std::uint16_t>((state >> 9) & 0x3fff);
    }
    std::size_t n = 0, sum = 0, want = 0;
    int previous = -1;
    bool ascending = true;
    for (const auto x : v) want += x;
    detail::for_each_sorted(v, [](std::uint16_t x) { return static_cast<int>(x); }, [&](std::uint16_t x) {
        ascending = ascending && static_cast<int>(x) >= previous;
        previous = x;
        sum += x;
        ++n;
    });
    return ascending && n == N && sum == want;
}
static_assert(sorts_at_compile_time<40>());
static_assert(sorts_at_compile_time<600>());
}  // namespace

TEST_CASE("JA4: lists longer than the inline sort (300 suites, duplicates) are sorted exactly") {
    std::vector<std::uint16_t> suites;
    std::uint32_t state = 7;
    for (int i = 0; i < 300; ++i) {
        state = state * 1103515245u + 12345u;
        suites.push_back(static_cast<std::uint16_t>((state >> 8) & 0xc0ff));
    }
    suites.push_back(suites[0]);
    suites.push_back(0x0a0a);
    const auto p = parse_hex(client_hello_hex(0x0303, suites, ext(23, "")));
    REQUIRE(p.ok());
    const auto lists = read_hello(p.bytes);
    CHECK(ja4_r(p.get(), tcp) == "t12i990100_" + ja4_b_of(lists, true) + "_0017");
    CHECK(ja4(p.get(), tcp) == "t12i990100_" + hash12(ja4_b_of(lists, true)) + "_" + hash12("0017"));
    CHECK(ja4_ro(p.get(), tcp) == "t12i990100_" + ja4_b_of(lists, false) + "_0017");
}

TEST_CASE("JA4: the largest lists the RFC allows (32,767 suites with duplicates, 300 extensions) are exact and quick") {
    // Duplicates under every high byte: the worst case of the counting sort (one pass per high byte).
    std::vector<std::uint16_t> suites;
    for (std::uint32_t i = 0; i < 32767; ++i) suites.push_back(static_cast<std::uint16_t>((i % 256) << 8 | (i / 256) % 3));
    std::string exts;
    for (std::uint16_t i = 0; i < 300; ++i) exts += ext(static_cast<std::uint16_t>(0xe000 - 97 * i), "");
    context lenient;  // 65,534 bytes of suites leave no room for a 2^16-byte record, not for the parse
    const auto p = parse_hex(client_hello_hex(0x0303, suites, exts), lenient);
    REQUIRE(p.ok());
    const auto lists = read_hello(p.bytes);
    REQUIRE(lists.ok);
    const auto start = std::chrono::steady_clock::now();
    std::string raw;
    write_ja4_r(p.get(), tcp, [&](std::string_view s) { raw += s; });
    const auto fp = ja4(p.get(), tcp);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(raw == "t12i9999" + std::string("00_") + ja4_b_of(lists, true) + "_" + ja4_c_of(lists, true));
    CHECK(fp == "t12i999900_" + hash12(ja4_b_of(lists, true)) + "_" + hash12(ja4_c_of(lists, true)));
    CHECK(ja4_r(p.get(), tcp).truncated);
    CHECK(took < std::chrono::seconds(2));
    MESSAGE("JA4 + JA4_r of 32,767 suites and 300 extensions: "
            << std::chrono::duration_cast<std::chrono::microseconds>(took).count() << " us");
}

TEST_CASE("JA4: a ClientHello split over several records fingerprints as the whole message") {
    for (const auto& h : all_vector_hellos(true)) {
        if (h.origin != "bench/chrome_ch.msg.hex") continue;
        const auto whole = parse_handshake(h.bytes, h.ctx);
        REQUIRE(whole);
        const auto& ch = std::get<client_hello>(*whole);
        const std::string expect = str(ja4(ch, tcp));
        const std::string expect_r = str(ja4_r(ch, tcp));
        const std::string expect_3 = str(ja3(ch));
        CHECK(expect.starts_with("t13d"));
        for (const std::size_t n : {1u, 7u, 100u, 1000u}) {
            CAPTURE(n);
            const auto records = unhex(test_support::records_hex(test_support::hex(h.bytes), n));
            stream_decoder dec;
            int hellos = 0;
            REQUIRE(dec.decode(records, [&](const stream_event& ev) {
                const auto* c = std::get_if<client_hello>(&ev.handshake);
                if (!c) return;
                ++hellos;
                CHECK(ev.message.size() == h.bytes.size());
                CHECK(ja4(*c, tcp) == expect);
                CHECK(ja4_r(*c, tcp) == expect_r);
                CHECK(ja3(*c) == expect_3);
            }));
            CHECK(hellos == 1);
        }
        return;
    }
    FAIL("vectors/bench/chrome_ch.msg.hex is missing");
}

TEST_CASE("JA4: HelloRetryRequest flows fingerprint each ClientHello") {
    // RFC 8448 §5: ClientHello1, HelloRetryRequest, ClientHello2 (with the cookie, 002c).
    const auto ch1 = parse_hex(test_support::rfc8448_message("hello_retry_request", "client_hello", 0));
    const auto ch2 = parse_hex(test_support::rfc8448_message("hello_retry_request", "client_hello", 1));
    REQUIRE(ch1.ok());
    REQUIRE(ch2.ok());
    const std::string r1 = str(ja4_r(ch1.get(), tcp)), r2 = str(ja4_r(ch2.get(), tcp));
    CHECK(r1 == str(ja4(ch1.get(), tcp)).substr(0, 10) + "_" + ja4_b_of(read_hello(ch1.bytes), true) + "_" +
                    ja4_c_of(read_hello(ch1.bytes), true));
    CHECK(r2.find(",002c,") != std::string::npos);
    CHECK(r1.find("002c") == std::string::npos);
    CHECK(str(ja4(ch1.get(), tcp)) != str(ja4(ch2.get(), tcp)));
    // The captured OpenSSL flow, through the connection decoder: both ClientHellos, in order.
    const auto capture = test_support::load_json(test_support::vectors_dir() / "captures" / "tls13_hello_retry_request.json");
    const auto& conn = capture.at("connections").at(0);
    const auto c2s = unhex(conn.at("c2s").get<std::string>());
    const auto s2c = unhex(conn.at("s2c").get<std::string>());
    std::vector<std::string> seen;
    int retries = 0;
    connection_decoder dec;
    REQUIRE(dec.decode(c2s, s2c, [&](const connection_event& ev) {
        if (const auto* ch = std::get_if<client_hello>(&ev.handshake)) {
            seen.push_back(str(ja4(*ch, tcp)));
            const auto lists = read_hello(std::vector<std::uint8_t>(ev.message.begin(), ev.message.end()));
            const std::string tail = std::string("_") + ja4_b_of(lists, true) + "_" + ja4_c_of(lists, true);
            CHECK(str(ja4_r(*ch, tcp)).ends_with(tail));
        }
        if (std::holds_alternative<hello_retry_request>(ev.handshake)) ++retries;
    }));
    CHECK(retries == 1);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].starts_with("t13"));
    CHECK(seen[1].starts_with("t13"));
}

namespace {
// a_of — JA4's a part from the oracle's lists.
std::string a_of(const hello_lists& h) {
    std::uint16_t v = h.legacy_version;
    bool have = false;
    std::uint16_t best = 0;
    for (const auto x : h.supported_versions)
        if (!grease(x) && (!have || x > best)) {
            best = x;
            have = true;
        }
    if (have) v = best;
    std::string version = "00";
    if (v == 0x0304) version = "13";
    if (v == 0x0303) version = "12";
    if (v == 0x0302) version = "11";
    if (v == 0x0301) version = "10";
    if (v == 0x0300) version = "s3";
    auto two = [](std::size_t n) {
        const std::size_t x = std::min<std::size_t>(n, 99);
        return std::string(1, static_cast<char>('0' + x / 10)) + static_cast<char>('0' + x % 10);
    };
    const auto suites = static_cast<std::size_t>(std::count_if(h.suites.begin(), h.suites.end(), [](auto x) { return !grease(x); }));
    const auto exts = static_cast<std::size_t>(
        std::count_if(h.extension_types.begin(), h.extension_types.end(), [](auto x) { return !grease(x); }));
    const bool sni = std::find(h.extension_types.begin(), h.extension_types.end(), 0) != h.extension_types.end();
    std::string alpn = "00";
    for (const auto& name : h.alpn) {
        if (name.size() == 2 && name[0] == name[1] && (name[0] & 0x0f) == 0x0a) continue;
        auto alnum = [](std::uint8_t c) { return std::isalnum(c) != 0 && c < 0x80; };
        if (name.empty()) break;
        if (alnum(name.front()) && alnum(name.back())) alpn = std::string{static_cast<char>(name.front()), static_cast<char>(name.back())};
        else {
            const std::string hx = test_support::hex(name);
            alpn = std::string{hx.front(), hx.back()};
        }
        break;
    }
    return "t" + version + (sni ? "d" : "i") + two(suites) + two(exts) + alpn;
}
}  // namespace

TEST_CASE("JA4, JA4_r, JA4_o, JA4_ro of every ClientHello of vectors/ match the oracle") {
    const auto hellos = all_vector_hellos(true);
    CHECK(hellos.size() >= 50);
    for (const auto& h : hellos) {
        CAPTURE(h.origin);
        const auto m = parse_handshake(h.bytes, h.ctx);
        REQUIRE(m);
        const auto& ch = std::get<client_hello>(*m);
        const auto lists = read_hello(h.bytes);
        REQUIRE(lists.ok);
        const std::string a = a_of(lists);
        // The raw forms: the lists the hello carries.
        const auto r = ja4_r(ch, tcp);
        const auto ro = ja4_ro(ch, tcp);
        CHECK_FALSE(r.truncated);
        CHECK(r.view() == a + "_" + ja4_b_of(lists, true) + "_" + ja4_c_of(lists, true));
        CHECK(ro.view() == a + "_" + ja4_b_of(lists, false) + "_" + ja4_c_of(lists, false));
        // The hashed forms: the truncated SHA-256 of the raw parts (000000000000 for an empty list).
        auto hashed = [&](const std::string& raw, bool sorted) {
            const auto parts = split(raw, '_');
            REQUIRE(parts.size() >= 3);
            std::string c = parts[2];
            for (std::size_t i = 3; i < parts.size(); ++i) {
                c += '_';
                c += parts[i];
            }
            const std::string ext_list = split(c, '_')[0];
            CHECK(ext_list == join_hex(sorted ? [&] {
                auto e = lists.extension_types;
                e.erase(std::remove_if(e.begin(), e.end(), [](std::uint16_t t) { return t == 0 || t == 16; }), e.end());
                return e;
            }() : lists.extension_types, sorted));
            return parts[0] + "_" + hash12(parts[1]) + "_" + (ext_list.empty() ? "000000000000" : hash12(c));
        };
        CHECK(ja4(ch, tcp).view() == hashed(str(r), true));
        CHECK(ja4_o(ch, tcp).view() == hashed(str(ro), false));
        CHECK(ja4(ch, tcp).size == 36);
    }
    MESSAGE("JA4, JA4_r, JA4_o, JA4_ro of " << hellos.size() << " ClientHellos of vectors/");
}

}  // namespace tests_fingerprint_ja4
