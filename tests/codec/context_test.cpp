// tests/codec/context_test.cpp — codec/context.hpp: the context's defaults and helpers (strict, is_tls13,
// version_known, cipher_suite_known), and how a context reaches a description through parse, serialize,
// encoded_size, visit and an inner io with a changed context.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../support/hex.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_codec_context {

namespace codec_context_test {
namespace {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

// A structure whose layout the bytes do not say:
//   verify_data: 4 bytes in TLS 1.3, 2 before;
//   identity<0..255>: only from a client once a cipher suite is negotiated;
//   the whole structure: unsupported while the version is not known.
struct depends {
    static constexpr std::string_view wire_name = "depends";
    bytes_view verify_data{};
    bytes_view identity{};
    static constexpr void wire(auto& io, auto& self) {
        if (!io.ctx().version_known()) {
            io.fail(errc::unsupported, "depends");
            return;
        }
        io("verify_data", self.verify_data, exactly{io.ctx().is_tls13() ? std::size_t{4} : std::size_t{2}});
        if (io.ctx().sender == role::client && io.ctx().cipher_suite_known())
            io("identity", self.identity, opaque<1, 0, 0xff>{});
    }
};

// struct { uint8 a; <TLS 1.3 part> } — the second part is walked with an io
// whose context says TLS 1.3, whatever the caller's (the pattern of
// messages/tls13_only.hpp).
struct upgraded {
    static constexpr std::string_view wire_name = "upgraded";
    std::uint8_t a{};
    depends tail{};
    static constexpr void wire(auto& io, auto& self) {
        using IO = std::remove_cvref_t<decltype(io)>;
        io("a", self.a);
        context c = io.ctx();
        c.version = 0x0304;
        if constexpr (IO::parsing) {
            parse_io inner(io.in(), c);
            inner("tail", self.tail);
        } else if constexpr (IO::writing) {
            write_io inner(io.out(), c);
            inner("tail", self.tail);
        } else {
            io("tail", self.tail);
        }
    }
};

// depends items<0..255>;
struct holder {
    static constexpr std::string_view wire_name = "holder";
    list_of<depends> items{};
    static constexpr void wire(auto& io, auto& self) { io("items", self.items, vec<1, 0, 0xff>{}); }
};

// A visitor recording the context each field is visited with.
struct ctx_recorder {
    std::vector<context> seen;
    template <class T, class F>
    void field(std::string_view, const T&, const F&, const context& ctx) {
        seen.push_back(ctx);
    }
};

constexpr context tls12{.version = 0x0303};
constexpr context tls13{.version = 0x0304};
constexpr context tls13_client{.version = 0x0304, .cipher_suite = 0x1301, .sender = role::client};

// --- compile-time properties and constexpr checks ---------------------------------

static_assert(std::is_trivially_copyable_v<context>);
static_assert(std::is_same_v<std::underlying_type_t<strictness>, std::uint8_t>);
static_assert(std::is_same_v<std::underlying_type_t<role>, std::uint8_t>);

constexpr bool defaults() {
    constexpr context c{};
    return c.version == 0 && c.cipher_suite == 0 && c.sender == role::unknown && c.mode == strictness::strict &&
           c.strict() && !c.is_tls13() && !c.version_known() && !c.cipher_suite_known();
}
static_assert(defaults());
static_assert(context{.version = 0x0304}.is_tls13() && context{.version = 0x0304}.version_known());
static_assert(!context{.version = 0x0303}.is_tls13() && context{.version = 0x0303}.version_known());
static_assert(context{.version = 0x0300}.version_known() && !context{.version = 0x0300}.is_tls13());
static_assert(context{.cipher_suite = 0x1301}.cipher_suite_known() && !context{.version = 0x0304}.cipher_suite_known());
static_assert(!context{.mode = strictness::lenient}.strict());

constexpr bool context_drives_parse() {
    constexpr std::array<std::uint8_t, 7> in{0xa1, 0xa2, 0xa3, 0xa4, 0x02, 0xb1, 0xb2};
    const auto m13 = parse<depends>(in, tls13_client);
    const auto m12 = parse<depends>(in, tls12);      // 2-byte verify_data, no identity: trailing
    const auto none = parse<depends>(in);            // version unknown
    return m13 && m13->verify_data.size() == 4 && m13->identity.size() == 2 && !m12 &&
           m12.err().code == errc::trailing_data && m12.err().offset == 2 && !none &&
           none.err().code == errc::unsupported && none.err().offset == 0;
}
static_assert(context_drives_parse());

constexpr bool inner_context_in_constexpr() {
    constexpr std::array<std::uint8_t, 5> in{0x09, 0xa1, 0xa2, 0xa3, 0xa4};
    const auto m = parse<upgraded>(in, tls12);
    if (!m) return false;
    std::array<std::uint8_t, 5> out{};
    const auto n = serialize(*m, out, tls12);
    return m->tail.verify_data.size() == 4 && n && *n == 5 && equal_bytes(bytes_view(out), in);
}
static_assert(inner_context_in_constexpr());

// --- run-time cases -------------------------------------------------------------

TEST_CASE("codec context: defaults and helpers") {
    CHECK(defaults());
    const context c{};
    CHECK(c.strict());
    CHECK_FALSE(c.version_known());
    CHECK_FALSE(c.cipher_suite_known());
    CHECK_FALSE(c.is_tls13());

    // Only 0x0304 is TLS 1.3; every non-zero version is "known".
    for (const std::uint16_t v : {0x0300, 0x0301, 0x0302, 0x0303, 0x0304}) {
        CAPTURE(v);
        const context k{.version = v};
        CHECK(k.version_known());
        CHECK(k.is_tls13() == (v == 0x0304));
    }
    // 0 is TLS_NULL_WITH_NULL_NULL; any other suite is known.
    CHECK_FALSE(context{.cipher_suite = 0x0000}.cipher_suite_known());
    CHECK(context{.cipher_suite = 0x0001}.cipher_suite_known());
    CHECK(context{.cipher_suite = 0xc02f}.cipher_suite_known());
    CHECK(context{.mode = strictness::strict}.strict());
    CHECK_FALSE(context{.mode = strictness::lenient}.strict());
    // The helpers look at their own field only.
    const context lenient13{.version = 0x0304, .mode = strictness::lenient};
    CHECK(lenient13.is_tls13());
    CHECK_FALSE(lenient13.strict());
    CHECK_FALSE(lenient13.cipher_suite_known());
    CHECK(lenient13.sender == role::unknown);
}

TEST_CASE("codec context: the same bytes under different contexts") {
    const auto in = unhex("a1a2a3a4 02 b1b2");
    CHECK(context_drives_parse());
    {
        const auto m = parse<depends>(in, tls13_client);
        REQUIRE(m);
        CHECK(hex(m->verify_data) == "a1a2a3a4");
        CHECK(hex(m->identity) == "b1b2");
    }
    {
        // A server's message carries no identity: the same bytes have 3 left over.
        const context server{.version = 0x0304, .cipher_suite = 0x1301, .sender = role::server};
        const auto m = parse<depends>(in, server);
        REQUIRE_FALSE(m);
        CHECK(m.err().code == errc::trailing_data);
        CHECK(m.err().offset == 4);
        CHECK(m.err().where == "depends");
    }
    {
        // A client before a suite is negotiated: no identity either.
        const context client{.version = 0x0304, .sender = role::client};
        const auto four = unhex("a1a2a3a4");
        const auto m = parse<depends>(four, client);
        REQUIRE(m);
        CHECK(m->identity.empty());
    }
    {
        const auto two = unhex("a1a2");
        const auto m = parse<depends>(two, tls12);
        REQUIRE(m);
        CHECK(hex(m->verify_data) == "a1a2");
        CHECK_FALSE(parse<depends>(two, tls13));  // too short for TLS 1.3
    }
    {
        const auto m = parse<depends>(in);
        REQUIRE_FALSE(m);
        CHECK(m.err().code == errc::unsupported);
        CHECK(m.err().offset == 0);
        CHECK(m.err().where == "depends");
    }
}

TEST_CASE("codec context: serialize, encoded_size and visit see the caller's context") {
    const auto vd = unhex("a1a2a3a4");
    const auto id = unhex("b1b2");
    const depends v{vd, id};
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(v, out, tls13_client));
    CHECK(hex(out) == "a1a2a3a402b1b2");
    CHECK(*encoded_size(v, tls13_client) == 7);
    out.clear();
    REQUIRE(serialize(v, out, tls13));  // not a client: no identity written
    CHECK(hex(out) == "a1a2a3a4");
    CHECK(*encoded_size(v, tls13) == 4);
    // TLS 1.2 wants 2 bytes of verify_data; an unknown version, nothing at all.
    CHECK(serialize(v, out, tls12).err().code == errc::length_overflow);
    CHECK(encoded_size(v, tls12).err().code == errc::length_overflow);
    CHECK(serialize(v, out).err().code == errc::unsupported);
    CHECK(encoded_size(v).err().code == errc::unsupported);

    ctx_recorder rec;
    visit(v, rec, tls13_client);
    REQUIRE(rec.seen.size() == 2);
    for (const context& c : rec.seen) {
        CHECK(c.version == 0x0304);
        CHECK(c.cipher_suite == 0x1301);
        CHECK(c.sender == role::client);
    }
    ctx_recorder rec13;
    visit(v, rec13, tls13);
    CHECK(rec13.seen.size() == 1);  // the description branches on the context for visits too
}

TEST_CASE("codec context: an inner io with a changed context (TLS 1.3 rules inside a TLS 1.2 walk)") {
    const auto in = unhex("09 a1a2a3a4");
    CHECK(inner_context_in_constexpr());
    const auto m = parse<upgraded>(in, tls12);
    REQUIRE(m);
    CHECK(m->a == 9);
    CHECK(hex(m->tail.verify_data) == "a1a2a3a4");
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(*m, out, tls12));
    CHECK(hex(out) == hex(in));
    CHECK(*encoded_size(*m, tls12) == 5);
    // Errors inside the inner walk keep their absolute offsets and trailing
    // bytes are still caught by the outer parse.
    const auto cut = unhex("09 a1a2a3");
    const auto e = parse<upgraded>(cut, tls12);
    REQUIRE_FALSE(e);
    CHECK(e.err().code == errc::truncated);
    CHECK(e.err().offset == 1);
    CHECK(e.err().where == "verify_data");
    const auto longer = unhex("09 a1a2a3a4 ff");
    const auto t = parse<upgraded>(longer, tls12);
    REQUIRE_FALSE(t);
    CHECK(t.err().code == errc::trailing_data);
    CHECK(t.err().offset == 5);
    CHECK(t.err().where == "upgraded");
    // The inner context keeps the caller's other facts (suite and sender):
    // a TLS 1.2 client with a suite reads the identity too.
    const context client12{.version = 0x0303, .cipher_suite = 0xc02f, .sender = role::client};
    const auto with_id = unhex("09 a1a2a3a4 01 cc");
    const auto c = parse<upgraded>(with_id, client12);
    REQUIRE(c);
    CHECK(hex(c->tail.identity) == "cc");
    CHECK_FALSE(parse<upgraded>(with_id, tls12));
}

TEST_CASE("codec context: a list decodes its elements with the context it was parsed in") {
    const auto in = unhex("08 a1a2a3a4 b1b2b3b4");
    const auto m = parse<holder>(in, tls13);
    REQUIRE(m);
    CHECK(m->items.size() == 2);
    CHECK(m->items.ctx().version == 0x0304);
    std::vector<std::string> got;
    for (const depends& d : m->items) got.push_back(hex(d.verify_data));
    CHECK(got == std::vector<std::string>{"a1a2a3a4", "b1b2b3b4"});
    const auto m12 = parse<holder>(in, tls12);
    REQUIRE(m12);
    CHECK(m12->items.size() == 4);  // 2-byte elements
    CHECK(m12->items.ctx().version == 0x0303);
    CHECK_FALSE(parse<holder>(in));  // unsupported without a version
}

}  // namespace
}  // namespace codec_context_test

}  // namespace tests_codec_context
