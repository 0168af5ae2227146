// HelloVerifyRequest and the DTLS ClientHello (RFC 6347 §4.2.1, RFC 4347
// §4.2.1, RFC 9147 §5.3): hand-built messages, the cookie limits ±1 per
// version, the DTLS 1.3 rules, and the generic properties.
#include <doctest/doctest.h>

#include "dtls_support.hpp"

namespace tests_dtls_hello {

using namespace tlswire;
using test_support::hex;

namespace {

context with_version(std::uint16_t v) {
    context c;
    c.version = v;
    return c;
}

std::vector<std::uint8_t> hvr(std::uint16_t version, std::size_t cookie_length) {
    std::vector<std::uint8_t> b{static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version),
                                static_cast<std::uint8_t>(cookie_length)};
    for (std::size_t i = 0; i < cookie_length; ++i) b.push_back(static_cast<std::uint8_t>(i));
    return b;
}

// A DTLS ClientHello body by hand: client_version, random (32 x 0x11), an
// empty session_id, the cookie, two suites, the null compression method,
// and optionally supported_versions listing `versions`.
std::vector<std::uint8_t> client_hello(std::uint16_t version, std::size_t cookie_length,
                                       const std::vector<std::uint16_t>& versions = {}, bool extensions = true) {
    // (Sized first: g++ 12 -O3 warns falsely, -Warray-bounds, on inserting 32 bytes into a 2-byte vector.)
    std::vector<std::uint8_t> b(2 + 32, 0x11);
    b[0] = static_cast<std::uint8_t>(version >> 8);
    b[1] = static_cast<std::uint8_t>(version);
    b.push_back(0);  // session_id
    b.push_back(static_cast<std::uint8_t>(cookie_length));
    for (std::size_t i = 0; i < cookie_length; ++i) b.push_back(static_cast<std::uint8_t>(0xc0 + i));
    b.insert(b.end(), {0x00, 0x04, 0xc0, 0x2b, 0x13, 0x01});  // cipher_suites
    b.insert(b.end(), {0x01, 0x00});                          // compression_methods: null
    if (!extensions) return b;
    std::vector<std::uint8_t> ext;
    if (!versions.empty()) {
        const auto n = versions.size() * 2;
        ext.insert(ext.end(), {0x00, 0x2b, 0x00, static_cast<std::uint8_t>(n + 1), static_cast<std::uint8_t>(n)});
        for (const auto v : versions) {
            ext.push_back(static_cast<std::uint8_t>(v >> 8));
            ext.push_back(static_cast<std::uint8_t>(v));
        }
    }
    ext.insert(ext.end(), {0xff, 0x01, 0x00, 0x01, 0x00});  // renegotiation_info, empty
    b.push_back(static_cast<std::uint8_t>(ext.size() >> 8));
    b.push_back(static_cast<std::uint8_t>(ext.size()));
    b.insert(b.end(), ext.begin(), ext.end());
    return b;
}

template <class T>
result<T> parse_bytes(const std::vector<std::uint8_t>& b, const context& ctx = {}) {
    return parse<T>(bytes_view(b.data(), b.size()), ctx);
}

}  // namespace

TEST_CASE("hello_verify_request: hand-built, round trip, generic properties") {
    const auto b = hvr(0xfeff, 20);
    const auto m = parse_bytes<dtls::hello_verify_request>(b);
    REQUIRE(m);
    CHECK(m->server_version == protocol_version::dtls10);
    CHECK(m->cookie.size() == 20);
    const auto c = test_support::dtls::check_properties<dtls::hello_verify_request>(b);
    CHECK(c.prefixes == b.size());
    CHECK(c.prefixes_accepted == 0);
    CHECK(c.mutations == 2);
    CHECK(c.mutations_accepted == 0);
    test_support::dtls::check_properties<dtls::hello_verify_request>(hvr(0xfefd, 0));
}

TEST_CASE("hello_verify_request: the cookie limit ±1 — 32 in DTLS 1.0 (RFC 4347), 255 in DTLS 1.2 (RFC 6347)") {
    CHECK(parse_bytes<dtls::hello_verify_request>(hvr(0xfeff, 32), with_version(0xfeff)));
    const auto over = parse_bytes<dtls::hello_verify_request>(hvr(0xfeff, 33), with_version(0xfeff));
    REQUIRE_FALSE(over);
    CHECK(over.err().code == errc::length_out_of_range);
    CHECK(over.err().offset == 2);
    CHECK(over.err().where == "cookie");
    // A DTLS 1.2 server sends server_version DTLS 1.0 (RFC 6347 §4.2.1): the context decides.
    CHECK(parse_bytes<dtls::hello_verify_request>(hvr(0xfeff, 33), with_version(0xfefd)));
    CHECK(parse_bytes<dtls::hello_verify_request>(hvr(0xfeff, 255), with_version(0xfefd)));
    CHECK(parse_bytes<dtls::hello_verify_request>(hvr(0xfeff, 255)));
    context lenient = with_version(0xfeff);
    lenient.mode = strictness::lenient;
    CHECK(parse_bytes<dtls::hello_verify_request>(hvr(0xfeff, 33), lenient));
}

TEST_CASE("hello_verify_request: versions, and refused in DTLS 1.3 (RFC 9147 uses HelloRetryRequest)") {
    const auto tls = parse_bytes<dtls::hello_verify_request>(hvr(0x0303, 1));
    REQUIRE_FALSE(tls);
    CHECK(tls.err().code == errc::illegal_value);
    CHECK(tls.err().offset == 0);
    CHECK(tls.err().where == "server_version");
    CHECK_FALSE(parse_bytes<dtls::hello_verify_request>(hvr(0x0100, 1)));
    context lenient;
    lenient.mode = strictness::lenient;
    CHECK(parse_bytes<dtls::hello_verify_request>(hvr(0x0100, 1), lenient));
    const auto v13 = parse_bytes<dtls::hello_verify_request>(hvr(0xfefd, 1), with_version(0xfefc));
    REQUIRE_FALSE(v13);
    CHECK(v13.err().code == errc::unexpected_message);
    CHECK(v13.err().offset == 0);
}

TEST_CASE("dtls client_hello: hand-built, the cookie after the session id, generic properties") {
    const auto b = client_hello(0xfefd, 16);
    const auto ch = parse_bytes<dtls::client_hello>(b);
    REQUIRE(ch);
    CHECK(ch->legacy_version == protocol_version::dtls12);
    CHECK(ch->cookie.size() == 16);
    CHECK(ch->cookie[0] == 0xc0);
    CHECK(ch->cipher_suites.size() == 2);
    CHECK(ch->extensions.size() == 1);
    const auto c = test_support::dtls::check_properties<dtls::client_hello>(b);
    CHECK(c.prefixes == b.size());
    CHECK(c.mutations >= 8);  // session_id, cookie, cipher_suites, compression, extensions, one extension ±1
    test_support::dtls::check_properties<dtls::client_hello>(client_hello(0xfefd, 0, {}, false));
    // Without its cookie byte the same bytes are a TLS ClientHello with the same fields.
    auto tls_bytes = client_hello(0x0303, 0);
    tls_bytes.erase(tls_bytes.begin() + 35);
    const auto tls_ch = parse_bytes<tlswire::client_hello>(tls_bytes);
    REQUIRE(tls_ch);
    CHECK(tls_ch->cipher_suites.size() == 2);
}

TEST_CASE("dtls client_hello: cookie limits ±1 — 32 from a DTLS 1.0 client, 255 otherwise") {
    CHECK(parse_bytes<dtls::client_hello>(client_hello(0xfeff, 32)));
    const auto over = parse_bytes<dtls::client_hello>(client_hello(0xfeff, 33));
    REQUIRE_FALSE(over);
    CHECK(over.err().code == errc::length_out_of_range);
    CHECK(over.err().offset == 35);  // version(2) random(32) session_id(1)
    CHECK(over.err().where == "cookie");
    CHECK(parse_bytes<dtls::client_hello>(client_hello(0xfefd, 33)));
    CHECK(parse_bytes<dtls::client_hello>(client_hello(0xfefd, 255)));
    CHECK_FALSE(parse_bytes<dtls::client_hello>(client_hello(0xfefd, 33), with_version(0xfeff)));
    // client_version must be DTLS's.
    const auto tls = parse_bytes<dtls::client_hello>(client_hello(0x0303, 0));
    REQUIRE_FALSE(tls);
    CHECK(tls.err().code == errc::illegal_value);
    CHECK(tls.err().offset == 0);
    context lenient;
    lenient.mode = strictness::lenient;
    CHECK(parse_bytes<dtls::client_hello>(client_hello(0x0100, 0), lenient));
}

TEST_CASE("dtls client_hello: DTLS 1.3 rules (RFC 9147 §5.3)") {
    // Offering 0xfefc: legacy_version must be {254, 253}.
    CHECK(parse_bytes<dtls::client_hello>(client_hello(0xfefd, 0, {0xfefc, 0xfefd})));
    const auto v = parse_bytes<dtls::client_hello>(client_hello(0xfeff, 0, {0xfefc, 0xfefd}));
    REQUIRE_FALSE(v);
    CHECK(v.err().code == errc::illegal_value);
    CHECK(v.err().offset == 0);
    CHECK(v.err().where == "legacy_version");
    // A client offering 1.2 too may echo a DTLS 1.2 cookie; in a DTLS 1.3 context the cookie must be empty.
    CHECK(parse_bytes<dtls::client_hello>(client_hello(0xfefd, 8, {0xfefc, 0xfefd})));
    const auto ck = parse_bytes<dtls::client_hello>(client_hello(0xfefd, 8, {0xfefc}), with_version(0xfefc));
    REQUIRE_FALSE(ck);
    CHECK(ck.err().code == errc::illegal_value);
    CHECK(ck.err().offset == 35);
    CHECK(ck.err().where == "legacy_cookie");
    const auto none = parse_bytes<dtls::client_hello>(client_hello(0xfefd, 0, {}, false), with_version(0xfefc));
    // In a (D)TLS 1.3 context the extensions are the ClientHello's <8..2^16-1>
    // vector (RFC 8446 §4.1.2), not optional: their absence is a truncation.
    REQUIRE_FALSE(none);
    CHECK(none.err().code == errc::truncated);
    CHECK(none.err().offset == client_hello(0xfefd, 0, {}, false).size());
    // Compression other than the single null method, offering 1.3.
    auto comp = client_hello(0xfefd, 0, {0xfefc});
    comp[36 + 6] = 2;  // compression_methods length 2: {00, 01}
    comp.insert(comp.begin() + 36 + 8, 0x01);
    const auto cm = parse_bytes<dtls::client_hello>(comp);
    REQUIRE_FALSE(cm);
    CHECK(cm.err().code == errc::illegal_value);
    CHECK(cm.err().offset == 36 + 6);
    CHECK(cm.err().where == "legacy_compression_methods");
    CHECK(parse_bytes<dtls::client_hello>(comp, with_version(0xfefd)).err().code == errc::illegal_value);
}

}  // namespace tests_dtls_hello
