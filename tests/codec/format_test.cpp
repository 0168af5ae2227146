// tests/codec/format_test.cpp — codec/format.hpp: every field format (uint_, fixed, opaque, text, exactly, rest,
// described_format, nested, vec, default_format_t) on structures built for the test: round trips byte for byte,
// bounds, truncation, trailing bytes, write-side overflow, absolute offsets.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../support/hex.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_codec_format {

namespace codec_format_test {
namespace {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

// --- test structures ----------------------------------------------------------

enum class shade : std::uint8_t { red = 1, green = 2 };
enum class code16 : std::uint16_t { small = 0x0012, big = 0x1234 };

// struct { uint8 a; uint16 b; uint24 c; uint32 d; uint64 e; Shade s; Code16 k; }
struct integers {
    static constexpr std::string_view wire_name = "integers";
    std::uint8_t a{};
    std::uint16_t b{};
    std::uint32_t c{};
    std::uint32_t d{};
    std::uint64_t e{};
    shade s{};
    code16 k{};
    static constexpr void wire(auto& io, auto& self) {
        io("a", self.a);
        io("b", self.b);
        io("c", self.c, uint_<3>{});
        io("d", self.d);
        io("e", self.e);
        io("s", self.s);
        io("k", self.k);
    }
};

// struct { Code16 k; } with k sent in a single byte.
struct narrow_enum {
    static constexpr std::string_view wire_name = "narrow_enum";
    code16 k{};
    static constexpr void wire(auto& io, auto& self) { io("k", self.k, uint_<1>{}); }
};

// struct { uint8 tag; opaque random[4]; }
struct with_fixed {
    static constexpr std::string_view wire_name = "with_fixed";
    std::uint8_t tag{};
    bytes_view random{};
    static constexpr void wire(auto& io, auto& self) {
        io("tag", self.tag);
        io("random", self.random, fixed<4>{});
    }
};

// struct { uint8 tag; opaque body<2..4>; }
struct with_opaque {
    static constexpr std::string_view wire_name = "with_opaque";
    std::uint8_t tag{};
    bytes_view body{};
    static constexpr void wire(auto& io, auto& self) {
        io("tag", self.tag);
        io("body", self.body, opaque<1, 2, 4>{});
    }
};

// struct { opaque a<0..2^16-1>; opaque b<1..2^24-1>; opaque c<0..2^32-1>; }
struct wide_opaques {
    static constexpr std::string_view wire_name = "wide_opaques";
    bytes_view a{};
    bytes_view b{};
    bytes_view c{};
    static constexpr void wire(auto& io, auto& self) {
        io("a", self.a, opaque<2, 0, 0xffff>{});
        io("b", self.b, opaque<3, 1, 0xffffff>{});
        io("c", self.c, opaque<4, 0, 0xffffffff>{});
    }
};

// struct { opaque blob<0..255>; } — the full range of a one-byte prefix.
struct byte_prefixed {
    static constexpr std::string_view wire_name = "byte_prefixed";
    bytes_view blob{};
    static constexpr void wire(auto& io, auto& self) { io("blob", self.blob, opaque<1, 0, 0xff>{}); }
};

// struct { opaque host<1..2^16-1>; } — text by definition.
struct with_text {
    static constexpr std::string_view wire_name = "with_text";
    bytes_view host{};
    static constexpr void wire(auto& io, auto& self) { io("host", self.host, text<opaque<2, 1, 0xffff>>{}); }
};

// struct { opaque verify_data[n]; } where n is 4 in TLS 1.3, 2 otherwise.
struct with_exactly {
    static constexpr std::string_view wire_name = "with_exactly";
    bytes_view verify_data{};
    static constexpr void wire(auto& io, auto& self) {
        io("verify_data", self.verify_data, exactly{io.ctx().is_tls13() ? std::size_t{4} : std::size_t{2}});
    }
};

// struct { uint8 kind; opaque body[...to the end]; }
struct with_rest {
    static constexpr std::string_view wire_name = "with_rest";
    std::uint8_t kind{};
    bytes_view body{};
    static constexpr void wire(auto& io, auto& self) {
        io("kind", self.kind);
        io("body", self.body, rest{});
    }
};

// struct { uint8 x; uint16 y; } Point;
struct point {
    static constexpr std::string_view wire_name = "point";
    std::uint8_t x{};
    std::uint16_t y{};
    static constexpr void wire(auto& io, auto& self) {
        io("x", self.x);
        io("y", self.y);
    }
};

// struct { Point from; Point to; uint8 flags; } — inline structures.
struct segment {
    static constexpr std::string_view wire_name = "segment";
    point from{};
    point to{};
    std::uint8_t flags{};
    static constexpr void wire(auto& io, auto& self) {
        io("from", self.from);                      // default_format_t<point>
        io("to", self.to, described_format{});      // the same, named
        io("flags", self.flags);
    }
};

// struct { Point p<2..6>; uint8 after; } — a structure in a length prefix.
struct boxed {
    static constexpr std::string_view wire_name = "boxed";
    point p{};
    std::uint8_t after{};
    static constexpr void wire(auto& io, auto& self) {
        io("p", self.p, nested<1, 2, 6>{});
        io("after", self.after);
    }
};

// A Point (3 bytes) in bounds it cannot meet: <4..6> and <1..2>.
struct boxed_too_small {
    static constexpr std::string_view wire_name = "boxed_too_small";
    point p{};
    static constexpr void wire(auto& io, auto& self) { io("p", self.p, nested<1, 4, 6>{}); }
};
struct boxed_too_big {
    static constexpr std::string_view wire_name = "boxed_too_big";
    point p{};
    static constexpr void wire(auto& io, auto& self) { io("p", self.p, nested<2, 1, 2>{}); }
};

// struct { uint8 kind; opaque body<..> to the end } inside a prefix, then a byte.
struct boxed_rest {
    static constexpr std::string_view wire_name = "boxed_rest";
    with_rest inner{};
    std::uint8_t trailer{};
    static constexpr void wire(auto& io, auto& self) {
        io("inner", self.inner, nested<1, 1, 0xff>{});
        io("trailer", self.trailer);
    }
};

// struct { uint8 tag; uint16 items<2..6>; }
struct u16_vec {
    static constexpr std::string_view wire_name = "u16_vec";
    std::uint8_t tag{};
    list_of<std::uint16_t> items{};
    static constexpr void wire(auto& io, auto& self) {
        io("tag", self.tag);
        io("items", self.items, vec<2, 2, 6>{});
    }
};

// struct { Shade kind; opaque name<1..2^8-1>; } Entry; Entry entries<1..2^16-1>;
struct entry {
    static constexpr std::string_view wire_name = "entry";
    shade kind{};
    bytes_view name{};
    static constexpr void wire(auto& io, auto& self) {
        io("kind", self.kind);
        io("name", self.name, opaque<1, 1, 0xff>{});
    }
};
struct entries {
    static constexpr std::string_view wire_name = "entries";
    list_of<entry> list{};
    static constexpr void wire(auto& io, auto& self) { io("list", self.list, vec<2, 1, 0xffff>{}); }
};

// opaque ProtocolName<1..2^8-1>; ProtocolName protocols<2..2^16-1>; (ALPN's shape)
struct protocols {
    static constexpr std::string_view wire_name = "protocols";
    list<bytes_view, opaque<1, 1, 0xff>> names{};
    static constexpr void wire(auto& io, auto& self) { io("names", self.names, vec<2, 2, 0xffff>{}); }
};

// opaque Pair[2]; Pair pairs<0..2^16-1>;
struct pairs {
    static constexpr std::string_view wire_name = "pairs";
    list<bytes_view, fixed<2>> items{};
    static constexpr void wire(auto& io, auto& self) { io("items", self.items, vec<2, 0, 0xffff>{}); }
};

// --- helpers ------------------------------------------------------------------

constexpr context tls13{.version = 0x0304};

// Parse `in`, re-serialize (vector, fixed buffer, size) and compare byte for byte.
template <class T>
void check_round_trip(const std::vector<std::uint8_t>& in, const context& ctx = {}) {
    const auto m = parse<T>(in, ctx);
    REQUIRE_MESSAGE(m.has_value(), to_string(m.err().code), " at ", m.err().offset, " in ", m.err().where);
    std::vector<std::uint8_t> out;
    const auto n = serialize(*m, out, ctx);
    REQUIRE(n.has_value());
    CHECK(*n == in.size());
    CHECK(hex(out) == hex(in));
    std::array<std::uint8_t, 512> buf{};
    const auto k = serialize(*m, std::span<std::uint8_t>(buf), ctx);
    REQUIRE(k.has_value());
    CHECK(hex(bytes_view(buf.data(), *k)) == hex(in));
    const auto size = encoded_size(*m, ctx);
    REQUIRE(size.has_value());
    CHECK(*size == in.size());
}

template <class T>
void check_rejected(const std::vector<std::uint8_t>& in, errc code, std::size_t offset, std::string_view where,
                    const context& ctx = {}) {
    const auto m = parse<T>(in, ctx);
    REQUIRE_FALSE(m.has_value());
    CHECK(to_string(m.err().code) == to_string(code));
    CHECK(m.err().offset == offset);
    CHECK(m.err().where == where);
}

template <class T>
void check_unwritable(const T& v, errc code, std::size_t offset, std::string_view where, const context& ctx = {}) {
    std::vector<std::uint8_t> out;
    const auto n = serialize(v, out, ctx);
    REQUIRE_FALSE(n.has_value());
    CHECK(to_string(n.err().code) == to_string(code));
    CHECK(n.err().offset == offset);
    CHECK(n.err().where == where);
    const auto size = encoded_size(v, ctx);  // the counting pass fails the same way
    REQUIRE_FALSE(size.has_value());
    CHECK(size.err() == n.err());
}

template <class T>
std::string unchecked_hex(const T& v) {
    std::vector<std::uint8_t> out;
    const auto n = serialize(v, out, {}, bounds::unchecked);
    REQUIRE_MESSAGE(n.has_value(), to_string(n.err().code));
    return hex(out);
}

template <class... B>
constexpr auto bytes_of(B... b) {
    return std::array<std::uint8_t, sizeof...(B)>{static_cast<std::uint8_t>(b)...};
}

// --- constexpr checks -----------------------------------------------------------

template <class T, std::size_t N>
constexpr bool round_trips(const std::array<std::uint8_t, N>& in, const context& ctx = {}) {
    const auto m = parse<T>(in, ctx);
    if (!m) return false;
    std::array<std::uint8_t, N + 8> out{};
    const auto n = serialize(*m, out, ctx);
    const auto size = encoded_size(*m, ctx);
    return n && size && *n == N && *size == N && equal_bytes(bytes_view(out.data(), *n), in);
}

template <class T, std::size_t N>
constexpr bool rejects(const std::array<std::uint8_t, N>& in, errc code, std::size_t offset, std::string_view where,
                       const context& ctx = {}) {
    const auto m = parse<T>(in, ctx);
    return !m && m.err().code == code && m.err().offset == offset && m.err().where == where;
}

constexpr bool integers_read_big_endian() {
    constexpr auto in = bytes_of(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e,
                                 0x0f, 0x10, 0x11, 0x12, 0x02, 0x12, 0x34);
    const auto m = parse<integers>(in);
    return m && m->a == 0x01 && m->b == 0x0203 && m->c == 0x040506 && m->d == 0x0708090a &&
           m->e == 0x0b0c0d0e0f101112 && m->s == shade::green && m->k == code16::big;
}

constexpr bool too_wide_value_is_length_overflow() {
    integers v{};
    v.c = 0x01000000;  // a uint24 holds at most 0xffffff
    std::array<std::uint8_t, 32> out{};
    const auto n = serialize(v, out);
    return !n && n.err().code == errc::length_overflow && n.err().offset == 3 && n.err().where == "c";
}

constexpr bool nested_body_bounds() {
    // The point's 3 bytes cannot fit <4..6>: refused, not written with a wrong length.
    std::array<std::uint8_t, 8> out{};
    const auto n = serialize(boxed_too_small{}, out);
    return !n && n.err().code == errc::length_overflow && n.err().offset == 0 && n.err().where == "p";
}

constexpr bool vec_of_entries() {
    constexpr auto in = bytes_of(0x00, 0x07, 0x01, 0x02, 'a', 'b', 0x02, 0x01, 'c');
    const auto m = parse<entries>(in);
    if (!m || m->list.size() != 2) return false;
    std::size_t name_bytes = 0;
    for (const entry& e : m->list) name_bytes += e.name.size();
    return name_bytes == 3 && round_trips<entries>(in);
}

static_assert(integers_read_big_endian());
static_assert(round_trips<integers>(bytes_of(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
                                             0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x02, 0x12, 0x34)));
static_assert(too_wide_value_is_length_overflow());
static_assert(round_trips<with_fixed>(bytes_of(0x07, 0xaa, 0xbb, 0xcc, 0xdd)));
static_assert(rejects<with_fixed>(bytes_of(0x07, 0xaa, 0xbb, 0xcc), errc::truncated, 1, "random"));
static_assert(round_trips<with_opaque>(bytes_of(0x07, 0x02, 0xaa, 0xbb)));
static_assert(rejects<with_opaque>(bytes_of(0x07, 0x01, 0xaa), errc::length_out_of_range, 1, "body"));
static_assert(rejects<with_opaque>(bytes_of(0x07, 0x03, 0xaa, 0xbb), errc::truncated, 1, "body"));
static_assert(rejects<with_opaque>(bytes_of(0x07, 0x02, 0xaa, 0xbb, 0xcc), errc::trailing_data, 4, "with_opaque"));
static_assert(round_trips<with_exactly>(bytes_of(1, 2, 3, 4), tls13));
static_assert(rejects<with_exactly>(bytes_of(1, 2, 3, 4), errc::trailing_data, 2, "with_exactly"));
static_assert(round_trips<boxed>(bytes_of(0x03, 0x01, 0x00, 0x02, 0x09)));
static_assert(rejects<boxed>(bytes_of(0x04, 0x01, 0x00, 0x02, 0xee, 0x09), errc::trailing_data, 4, "p"));
static_assert(nested_body_bounds());
static_assert(round_trips<u16_vec>(bytes_of(0x07, 0x00, 0x04, 0x01, 0x02, 0x03, 0x04)));
static_assert(rejects<u16_vec>(bytes_of(0x07, 0x00, 0x03, 0x01, 0x02, 0x03), errc::length_not_multiple, 3, "items"));
static_assert(vec_of_entries());

// default_format_t: integers and enums by width, described structures inline.
static_assert(std::is_same_v<default_format_t<std::uint8_t>, uint_<1>>);
static_assert(std::is_same_v<default_format_t<std::uint16_t>, uint_<2>>);
static_assert(std::is_same_v<default_format_t<std::uint32_t>, uint_<4>>);
static_assert(std::is_same_v<default_format_t<std::uint64_t>, uint_<8>>);
static_assert(std::is_same_v<default_format_t<shade>, uint_<1>>);
static_assert(std::is_same_v<default_format_t<code16>, uint_<2>>);
static_assert(std::is_same_v<default_format_t<point>, described_format>);
static_assert(std::is_same_v<list_of<std::uint16_t>, list<std::uint16_t, uint_<2>>>);
static_assert(std::is_same_v<list_of<point>, list<point, described_format>>);
static_assert(described<point> && described<entries> && !described<std::uint16_t> && !described<bytes_view>);
static_assert(uint_<3>::fixed_size == 3 && fixed<32>::fixed_size == 32);
static_assert(text<opaque<2, 1, 0xffff>>::is_text);
static_assert(std::is_base_of_v<opaque<2, 1, 0xffff>, text<opaque<2, 1, 0xffff>>>);
template <class F>
concept marked_text = requires { F::is_text; };
static_assert(marked_text<text<opaque<2, 1, 0xffff>>> && !marked_text<opaque<2, 1, 0xffff>>);

// --- run-time cases -------------------------------------------------------------

TEST_CASE("codec format uint_: every width big-endian, enums by their width, round trip") {
    const auto in = unhex("01 0203 040506 0708090a 0b0c0d0e0f101112 02 1234");
    check_round_trip<integers>(in);
    const auto m = parse<integers>(in);
    REQUIRE(m);
    CHECK(m->c == 0x040506u);
    CHECK(m->e == 0x0b0c0d0e0f101112ull);
    CHECK(m->s == shade::green);
    CHECK(m->k == code16::big);
    CHECK(integers_read_big_endian());
}

TEST_CASE("codec format uint_: each proper prefix is truncated at the field it cuts") {
    const auto in = unhex("01 0203 040506 0708090a 0b0c0d0e0f101112 02 1234");
    struct cut {
        std::size_t start;
        std::string_view field;
    };
    const cut fields[] = {{0, "a"}, {1, "b"}, {3, "c"}, {6, "d"}, {10, "e"}, {18, "s"}, {19, "k"}};
    for (std::size_t n = 0; n < in.size(); ++n) {
        CAPTURE(n);
        std::size_t i = 0;
        while (i + 1 < std::size(fields) && fields[i + 1].start <= n) ++i;
        const std::vector<std::uint8_t> prefix(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n));
        check_rejected<integers>(prefix, errc::truncated, fields[i].start, fields[i].field);
    }
    auto longer = in;
    longer.push_back(0);
    check_rejected<integers>(longer, errc::trailing_data, in.size(), "integers");
}

TEST_CASE("codec format uint_: a value wider than the field is length_overflow, not truncated") {
    integers v{};
    v.c = 0x01000000;
    check_unwritable(v, errc::length_overflow, 3, "c");
    CHECK(too_wide_value_is_length_overflow());

    narrow_enum n{code16::big};  // 0x1234 in one byte
    check_unwritable(n, errc::length_overflow, 0, "k");
    n.k = code16::small;  // 0x0012 fits
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(n, out));
    CHECK(hex(out) == "12");
    // Width overflow is an encoding impossibility: unchecked bounds do not lift it.
    n.k = code16::big;
    CHECK(serialize(n, out, {}, bounds::unchecked).err().code == errc::length_overflow);
}

TEST_CASE("codec format fixed<N>: exactly N bytes each way") {
    const auto in = unhex("07 aabbccdd");
    check_round_trip<with_fixed>(in);
    const auto m = parse<with_fixed>(in);
    REQUIRE(m);
    CHECK(m->random.size() == 4);
    CHECK(m->random.data() == in.data() + 1);  // a view into the input
    check_rejected<with_fixed>(unhex("07 aabbcc"), errc::truncated, 1, "random");
    check_rejected<with_fixed>(unhex("07"), errc::truncated, 1, "random");
    check_rejected<with_fixed>(unhex("07 aabbccdd ee"), errc::trailing_data, 5, "with_fixed");

    const auto three = unhex("aabbcc");
    const auto five = unhex("aabbccddee");
    check_unwritable(with_fixed{7, three}, errc::length_overflow, 1, "random");
    check_unwritable(with_fixed{7, five}, errc::length_overflow, 1, "random");
    // Unchecked bounds write the wrong size as given (for malformed test input).
    CHECK(unchecked_hex(with_fixed{7, three}) == "07aabbcc");
}

TEST_CASE("codec format opaque<L,Min,Max>: bounds, truncation, trailing bytes") {
    check_round_trip<with_opaque>(unhex("07 02 aabb"));      // Min
    check_round_trip<with_opaque>(unhex("07 04 aabbccdd"));  // Max
    {
        const auto in = unhex("07 03 aabbcc");
        const auto m = parse<with_opaque>(in);
        REQUIRE(m);
        CHECK(m->body.data() == in.data() + 2);
        CHECK(m->body.size() == 3);
    }
    // Errors about the length point at the length field (offset 1).
    check_rejected<with_opaque>(unhex("07 01 aa"), errc::length_out_of_range, 1, "body");
    check_rejected<with_opaque>(unhex("07 00"), errc::length_out_of_range, 1, "body");
    check_rejected<with_opaque>(unhex("07 05 aabbccddee"), errc::length_out_of_range, 1, "body");
    check_rejected<with_opaque>(unhex("07 03 aabb"), errc::truncated, 1, "body");
    check_rejected<with_opaque>(unhex("07"), errc::truncated, 1, "body");
    check_rejected<with_opaque>(unhex("07 02 aabb cc"), errc::trailing_data, 4, "with_opaque");
}

TEST_CASE("codec format opaque<L,Min,Max>: writing outside the bounds is length_overflow") {
    const auto one = unhex("aa");
    const auto five = unhex("aabbccddee");
    check_unwritable(with_opaque{7, one}, errc::length_overflow, 1, "body");
    check_unwritable(with_opaque{7, five}, errc::length_overflow, 1, "body");
    check_unwritable(with_opaque{7, {}}, errc::length_overflow, 1, "body");
    // bounds::unchecked writes out-of-bounds bodies with their true length...
    CHECK(unchecked_hex(with_opaque{7, one}) == "0701aa");
    CHECK(unchecked_hex(with_opaque{7, five}) == "0705aabbccddee");
    // ...but a body the prefix cannot express is refused even then.
    const std::vector<std::uint8_t> big(256, 0x5a);
    std::vector<std::uint8_t> out;
    const auto n = serialize(byte_prefixed{big}, out, {}, bounds::unchecked);
    REQUIRE_FALSE(n);
    CHECK(n.err().code == errc::length_overflow);
    CHECK(n.err().offset == 0);
    CHECK(n.err().where == "blob");
    const std::vector<std::uint8_t> max(255, 0x5a);
    out.clear();
    REQUIRE(serialize(byte_prefixed{max}, out));
    CHECK(out.size() == 256);
    CHECK(out[0] == 0xff);
}

TEST_CASE("codec format opaque: 2-, 3- and 4-byte length prefixes") {
    check_round_trip<wide_opaques>(unhex("0003 010203  000002 aabb  00000001 cc"));
    check_round_trip<wide_opaques>(unhex("0000  000001 aa  00000000"));
    check_rejected<wide_opaques>(unhex("0000  000000  00000000"), errc::length_out_of_range, 2, "b");
    check_rejected<wide_opaques>(unhex("0000  000001 aa  00000002 cc"), errc::truncated, 6, "c");
    check_rejected<wide_opaques>(unhex("0000  0000"), errc::truncated, 2, "b");

    // A 300-byte body gets 0x012c in its 2-byte prefix.
    const std::vector<std::uint8_t> body(300, 0x11);
    const auto one = unhex("ee");
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(wide_opaques{body, one, {}}, out));
    REQUIRE(out.size() == 2 + 300 + 3 + 1 + 4);
    CHECK(out[0] == 0x01);
    CHECK(out[1] == 0x2c);
    CHECK(hex(bytes_view(out).subspan(302)) == "000001ee00000000");
    check_round_trip<wide_opaques>(out);
}

TEST_CASE("codec format text<F>: the same bytes and bounds as F") {
    const auto in = unhex("0007 6578616d706c65");
    check_round_trip<with_text>(in);
    const auto m = parse<with_text>(in);
    REQUIRE(m);
    CHECK(as_text(m->host) == "example");
    check_rejected<with_text>(unhex("0000"), errc::length_out_of_range, 0, "host");
    check_rejected<with_text>(unhex("0008 6578616d706c65"), errc::truncated, 0, "host");
    check_unwritable(with_text{}, errc::length_overflow, 0, "host");
}

TEST_CASE("codec format exactly{n}: the length comes from the context") {
    const auto two = unhex("aabb");
    const auto four = unhex("aabbccdd");
    check_round_trip<with_exactly>(two);
    check_round_trip<with_exactly>(four, tls13);
    check_rejected<with_exactly>(two, errc::truncated, 0, "verify_data", tls13);
    check_rejected<with_exactly>(four, errc::trailing_data, 2, "with_exactly");
    check_rejected<with_exactly>(unhex("aa"), errc::truncated, 0, "verify_data");

    // Writing: the value must have exactly n bytes.
    check_unwritable(with_exactly{four}, errc::length_overflow, 0, "verify_data");
    check_unwritable(with_exactly{two}, errc::length_overflow, 0, "verify_data", tls13);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(with_exactly{four}, out, tls13));
    CHECK(hex(out) == "aabbccdd");
    CHECK(unchecked_hex(with_exactly{four}) == "aabbccdd");
}

TEST_CASE("codec format rest: every byte left in the enclosing structure") {
    check_round_trip<with_rest>(unhex("05"));
    check_round_trip<with_rest>(unhex("05 aabbcc"));
    {
        const auto in = unhex("05 aabbcc");
        const auto m = parse<with_rest>(in);
        REQUIRE(m);
        CHECK(m->body.data() == in.data() + 1);
        CHECK(m->body.size() == 3);
    }
    // Inside a prefix, rest stops at the prefix's end.
    const auto in = unhex("02 05aa 09");
    check_round_trip<boxed_rest>(in);
    const auto m = parse<boxed_rest>(in);
    REQUIRE(m);
    CHECK(hex(m->inner.body) == "aa");
    CHECK(m->trailer == 0x09);
    check_rejected<with_rest>({}, errc::truncated, 0, "kind");
}

TEST_CASE("codec format described_format: structures inline, errors name the innermost field") {
    const auto in = unhex("01 0002  03 0004  ff");
    check_round_trip<segment>(in);
    const auto m = parse<segment>(in);
    REQUIRE(m);
    CHECK(m->from.x == 1);
    CHECK(m->from.y == 2);
    CHECK(m->to.x == 3);
    CHECK(m->to.y == 4);
    CHECK(m->flags == 0xff);
    check_rejected<segment>(unhex("01 0002  03 00"), errc::truncated, 4, "y");
    check_rejected<segment>(unhex("01 0002  03 0004  ff 00"), errc::trailing_data, 7, "segment");
}

TEST_CASE("codec format nested<L,Min,Max>: a structure in a length prefix, consumed exactly") {
    check_round_trip<boxed>(unhex("03 010002 09"));
    const auto in = unhex("03 010002 09");
    const auto m = parse<boxed>(in);
    REQUIRE(m);
    CHECK(m->p.x == 1);
    CHECK(m->p.y == 2);
    CHECK(m->after == 9);

    // Body longer than the structure: trailing_data at its first extra byte, naming the field.
    check_rejected<boxed>(unhex("04 010002 ee 09"), errc::trailing_data, 4, "p");
    // Body shorter than the structure: the structure's own field is truncated at the body's end.
    check_rejected<boxed>(unhex("02 0100 09"), errc::truncated, 2, "y");
    // Length outside <2..6> or past the input: at the length field.
    check_rejected<boxed>(unhex("01 01 09"), errc::length_out_of_range, 0, "p");
    check_rejected<boxed>(unhex("07 01000200000000 09"), errc::length_out_of_range, 0, "p");
    check_rejected<boxed>(unhex("05 010002"), errc::truncated, 0, "p");
    check_rejected<boxed>(unhex("03 010002"), errc::truncated, 4, "after");
    check_rejected<boxed>(unhex("03 010002 09 00"), errc::trailing_data, 5, "boxed");

    // Writing a structure whose size is outside the bounds.
    check_unwritable(boxed_too_small{}, errc::length_overflow, 0, "p");
    check_unwritable(boxed_too_big{}, errc::length_overflow, 0, "p");
    CHECK(nested_body_bounds());
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(boxed_too_small{{1, 2}}, out, {}, bounds::unchecked));
    CHECK(hex(out) == "03010002");
}

TEST_CASE("codec format vec<L,Min,Max>: integer elements") {
    check_round_trip<u16_vec>(unhex("07 0002 0102"));            // Min
    check_round_trip<u16_vec>(unhex("07 0006 0102 0304 0506"));  // Max
    const auto in = unhex("07 0004 0102 0304");
    check_round_trip<u16_vec>(in);
    const auto m = parse<u16_vec>(in);
    REQUIRE(m);
    REQUIRE(m->items.size() == 2);
    std::vector<std::uint16_t> got(m->items.begin(), m->items.end());
    CHECK(got == std::vector<std::uint16_t>{0x0102, 0x0304});

    check_rejected<u16_vec>(unhex("07 0003 010203"), errc::length_not_multiple, 3, "items");  // at the body
    check_rejected<u16_vec>(unhex("07 0000"), errc::length_out_of_range, 1, "items");
    check_rejected<u16_vec>(unhex("07 0008 0102030405060708"), errc::length_out_of_range, 1, "items");
    check_rejected<u16_vec>(unhex("07 0006 0102"), errc::truncated, 1, "items");
    check_rejected<u16_vec>(unhex("07 00"), errc::truncated, 1, "items");
    check_rejected<u16_vec>(unhex("07 0004 0102 0304 ff"), errc::trailing_data, 7, "u16_vec");
}

TEST_CASE("codec format vec<L,Min,Max>: writing a list outside the bounds is length_overflow") {
    const std::uint16_t none[1] = {0};
    const std::uint16_t one[] = {0xaaaa};
    const std::uint16_t four[] = {1, 2, 3, 4};
    u16_vec v{7, one};
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(v, out));
    CHECK(hex(out) == "070002aaaa");
    check_unwritable(u16_vec{7, std::span<const std::uint16_t>(none, 0)}, errc::length_overflow, 1, "items");
    check_unwritable(u16_vec{7, four}, errc::length_overflow, 1, "items");
    check_unwritable(u16_vec{}, errc::length_overflow, 1, "items");  // a default list is empty
    CHECK(unchecked_hex(u16_vec{7, four}) == "070008" "0001000200030004");
}

TEST_CASE("codec format vec<L,Min,Max>: structure elements validated one by one, offsets absolute") {
    const auto in = unhex("0007 01 02 6162 02 01 63");
    check_round_trip<entries>(in);
    CHECK(vec_of_entries());
    const auto m = parse<entries>(in);
    REQUIRE(m);
    REQUIRE(m->list.size() == 2);
    std::vector<std::string> names;
    for (const entry& e : m->list) names.emplace_back(as_text(e.name));
    CHECK(names == std::vector<std::string>{"ab", "c"});

    // Second element's name: length 0 (below Min 1) at absolute offset 7.
    check_rejected<entries>(unhex("0006 01 02 6162 02 00"), errc::length_out_of_range, 7, "name");
    // Second element's name runs past the list body (even though the input goes on).
    check_rejected<entries>(unhex("0007 01 02 6162 02 02 63 64"), errc::truncated, 7, "name");
    // Second element cut after its kind.
    check_rejected<entries>(unhex("0005 01 02 6162 02"), errc::truncated, 7, "name");
    // The list body itself.
    check_rejected<entries>(unhex("0000"), errc::length_out_of_range, 0, "list");
    check_rejected<entries>(unhex("0009 01 02 6162"), errc::truncated, 0, "list");

    const entry built[] = {{shade::red, {}}};  // an empty name is below its Min
    check_unwritable(entries{built}, errc::length_overflow, 3, "name");
}

TEST_CASE("codec format vec<L,Min,Max>: opaque and fixed<N> elements") {
    {
        const auto in = unhex("0006 026832 026833");
        check_round_trip<protocols>(in);
        const auto m = parse<protocols>(in);
        REQUIRE(m);
        REQUIRE(m->names.size() == 2);
        std::vector<std::string> names;
        for (const bytes_view& n : m->names) names.emplace_back(as_text(n));
        CHECK(names == std::vector<std::string>{"h2", "h3"});
        check_rejected<protocols>(unhex("0004 026832 00"), errc::length_out_of_range, 5, "names");
        check_rejected<protocols>(unhex("0001 00"), errc::length_out_of_range, 0, "names");
    }
    {
        const auto in = unhex("0004 aabb ccdd");
        check_round_trip<pairs>(in);
        check_round_trip<pairs>(unhex("0000"));
        const auto m = parse<pairs>(in);
        REQUIRE(m);
        REQUIRE(m->items.size() == 2);
        std::vector<std::string> items;
        for (const bytes_view& p : m->items) items.push_back(hex(p));
        CHECK(items == std::vector<std::string>{"aabb", "ccdd"});
        check_rejected<pairs>(unhex("0003 aabbcc"), errc::length_not_multiple, 2, "items");
        // Built elements of the wrong size are refused element by element.
        const auto three = unhex("aabbcc");
        const bytes_view bad[] = {bytes_view(three)};
        check_unwritable(pairs{bad}, errc::length_overflow, 2, "items");
    }
}

TEST_CASE("codec format: offsets are absolute from a reader's base") {
    // The same bytes read at base 100: every error offset moves by 100.
    const auto in = unhex("0006 01 02 6162 02 00");
    error e;
    reader r(in, e, 100);
    entries v{};
    described_format::read(r, v, entries::wire_name, {});
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.offset == 107);
    CHECK(e.where == "name");

    const auto boxed_in = unhex("04 010002 ee 09");
    error e2;
    reader r2(boxed_in, e2, 1000);
    boxed b{};
    described_format::read(r2, b, boxed::wire_name, {});
    CHECK(e2.code == errc::trailing_data);
    CHECK(e2.offset == 1004);
    CHECK(e2.where == "p");

    // A format read from a sub-reader keeps counting from the outer input.
    const auto framed = unhex("ffff 07 0003 010203");
    error e3;
    reader outer(framed, e3);
    outer.u16("frame");
    u16_vec u{};
    described_format::read(outer, u, u16_vec::wire_name, {});
    CHECK(e3.code == errc::length_not_multiple);
    CHECK(e3.offset == 5);
    CHECK(e3.where == "items");
}

}  // namespace
}  // namespace codec_format_test

}  // namespace tests_codec_format
