// DTLS in the parse context (codec/context.hpp) and the TLS 1.3 hello rules
// with DTLS's version numbers (messages/hello.hpp): a DTLS 1.3 ServerHello
// has legacy_version 0xfefd (RFC 9147 §5.4) and selects 0xfefc in
// supported_versions; a DTLS 1.3 ClientHello has legacy_version {254,253}
// (§5.3). Strict parsing took TLS 1.3's 0x0303 / 0x0304 before the context
// knew it was DTLS. The hellos are the Illustrated DTLS Connection's
// (wolfSSL, illustrated_dtls13.hpp).
#include <doctest/doctest.h>

#include "connection_support.hpp"
#include "illustrated_dtls13.hpp"

namespace tests_dtls_context {

using namespace tlswire;

namespace {

// The message body of a one-record, unfragmented datagram (13-byte record
// header, 12-byte handshake header).
std::vector<std::uint8_t> body_of(std::size_t datagram) {
    const auto b = test_support::unhex(test_support::illustrated_dtls13::datagrams[datagram].hex);
    return std::vector<std::uint8_t>(b.begin() + 25, b.end());
}

context dtls_context(std::uint16_t version = 0) {
    context c;
    c.version = version;
    c.dtls = true;
    return c;
}

}  // namespace

static_assert(context{.version = 0xfefc}.is_tls13() && context{.version = 0xfefc}.is_dtls());
static_assert(!context{.version = 0xfefd}.is_tls13() && context{.version = 0xfefd}.is_dtls());
static_assert(context{.version = 0x0304, .dtls = true}.is_dtls() && !context{.version = 0x0304}.is_dtls());
static_assert(tls13_legacy_version(context{.dtls = true}) == protocol_version::dtls12);
static_assert(tls13_version(context{.version = 0xfefc}) == protocol_version::dtls13);
static_assert(tls13_legacy_version(context{}) == protocol_version::tls12);
static_assert(dtls::tls_context(context{.version = 0xfefc}).version == 0x0304 && dtls::tls_context(context{}).dtls);

TEST_CASE("dtls context: a DTLS 1.3 ServerHello parses strictly, in a DTLS 1.3 context and in one that knows only DTLS") {
    const auto sh = body_of(1);
    for (const context& c : {dtls_context(0xfefc), dtls_context()}) {
        CAPTURE(c.version);
        const auto m = dtls::parse_body(handshake_type::server_hello, bytes_view(sh.data(), sh.size()), 0, c);
        REQUIRE_MESSAGE(m, to_string(m.err().code) << " at " << m.err().offset << " in " << std::string(m.err().where));
        const auto& hm = std::get<handshake_message>(*m);
        const auto& s = std::get<server_hello>(hm);
        CHECK(s.legacy_version == protocol_version::dtls12);
        CHECK(selected_version(s) == protocol_version::dtls13);
        CHECK(s.cipher_suite == static_cast<cipher_suite>(0x1301));
    }
}

TEST_CASE("dtls context: the DTLS 1.3 ServerHello rules — legacy_version must be 0xfefd, supported_versions 0xfefc") {
    auto sh = body_of(1);
    // legacy_version 0x0303 (TLS 1.3's value) is not DTLS 1.3's.
    auto tls_legacy = sh;
    tls_legacy[0] = 0x03;
    tls_legacy[1] = 0x03;
    const auto bad = dtls::parse_body(handshake_type::server_hello, bytes_view(tls_legacy.data(), tls_legacy.size()), 0,
                                      dtls_context(0xfefc));
    REQUIRE_FALSE(bad);
    CHECK(bad.err().code == errc::illegal_value);
    CHECK(bad.err().offset == 0);
    CHECK(std::string(bad.err().where) == "legacy_version");
    context lenient = dtls_context(0xfefc);
    lenient.mode = strictness::lenient;
    CHECK(dtls::parse_body(handshake_type::server_hello, bytes_view(tls_legacy.data(), tls_legacy.size()), 0, lenient));
    // A DTLS 1.3 context, supported_versions selecting 0x0304 (TLS's number): refused at selected_version.
    const std::size_t sid = sh[34];
    const std::size_t ext = 2 + 32 + 1 + sid + 2 + 1 + 2;
    std::size_t at = ext, sv = 0;
    while (at + 4 <= sh.size()) {
        const std::size_t type = sh[at] << 8 | sh[at + 1], len = sh[at + 2] << 8 | sh[at + 3];
        if (type == 0x002b) sv = at + 4;
        at += 4 + len;
    }
    REQUIRE(sv != 0);
    REQUIRE(sh[sv] == 0xfe);
    REQUIRE(sh[sv + 1] == 0xfc);
    sh[sv] = 0x03;
    sh[sv + 1] = 0x04;
    const auto tls_selected = dtls::parse_body(handshake_type::server_hello, bytes_view(sh.data(), sh.size()), 0,
                                               dtls_context(0xfefc));
    REQUIRE_FALSE(tls_selected);
    CHECK(tls_selected.err().code == errc::illegal_value);
    CHECK(tls_selected.err().offset == sv);
    CHECK(std::string(tls_selected.err().where) == "selected_version");
}

TEST_CASE("dtls context: the TLS 1.3 ClientHello rule takes {254,253} in DTLS") {
    // The DTLS 1.3 ClientHello, its (empty) cookie removed: the TLS form of the same fields.
    auto ch = body_of(0);
    const std::size_t cookie_at = 2 + 32 + 1 + ch[34];
    REQUIRE(ch[cookie_at] == 0);
    CHECK(dtls::parse_body(handshake_type::client_hello, bytes_view(ch.data(), ch.size()), 0, dtls_context(0xfefc)));
    ch.erase(ch.begin() + static_cast<std::ptrdiff_t>(cookie_at));
    const bytes_view tls_form(ch.data(), ch.size());
    const auto in_dtls = parse<tlswire::client_hello>(tls_form, dtls_context(0x0304));
    REQUIRE_MESSAGE(in_dtls, to_string(in_dtls.err().code) << " at " << in_dtls.err().offset);
    CHECK(in_dtls->legacy_version == protocol_version::dtls12);
    // Read as TLS 1.3 (no DTLS in the context), legacy_version {254,253} is refused.
    context tls13;
    tls13.version = 0x0304;
    const auto in_tls = parse<tlswire::client_hello>(tls_form, tls13);
    REQUIRE_FALSE(in_tls);
    CHECK(in_tls.err().code == errc::illegal_value);
    CHECK(in_tls.err().offset == 0);
    CHECK(std::string(in_tls.err().where) == "legacy_version");
}

}  // namespace tests_dtls_context
