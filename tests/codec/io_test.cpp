// tests/codec/io_test.cpp — codec/io.hpp: the parse, write (serialize and size) and visit passes a `wire(io, self)`
// description is walked with: mark/check, fail, at_end, strict vs lenient vs trusted, ctx(), and the codec.hpp entry
// points built on them.
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

namespace tests_codec_io {

namespace codec_io_test {
namespace {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

// struct { uint8 tag; uint16 lo; uint16 hi; } with the cross-field rule lo <= hi.
struct range {
    static constexpr std::string_view wire_name = "range";
    std::uint8_t tag{};
    std::uint16_t lo{};
    std::uint16_t hi{};
    static constexpr void wire(auto& io, auto& self) {
        io("tag", self.tag);
        const auto at = io.mark();
        io("lo", self.lo);
        io("hi", self.hi);
        io.check(self.lo <= self.hi, errc::illegal_value, "lo", at);
    }
};

// struct { uint8 version; } — strict: version must be 3.
struct versioned {
    static constexpr std::string_view wire_name = "versioned";
    std::uint8_t version{};
    static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("version", self.version);
        if (io.strict()) io.check(self.version == 3, errc::illegal_value, "version", at);
    }
};

// struct { uint8 a; [uint16 b;] } — b present when bytes remain.
struct optional_tail {
    static constexpr std::string_view wire_name = "optional_tail";
    std::uint8_t a{};
    bool has_b = false;
    std::uint16_t b{};
    static constexpr void wire(auto& io, auto& self) {
        io("a", self.a);
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            self.has_b = !io.at_end();
            if (self.has_b) io("b", self.b);
        } else if (self.has_b) {
            io("b", self.b);
        }
    }
};

// struct { uint8 v; uint8 w; } — v = 0 is refused by io.fail (at the cursor).
struct nonzero {
    static constexpr std::string_view wire_name = "nonzero";
    std::uint8_t v{};
    std::uint8_t w{};
    static constexpr void wire(auto& io, auto& self) {
        io("v", self.v);
        if (io.ok() && self.v == 0) io.fail(errc::illegal_value, "v");
        io("w", self.w);
    }
};

// struct { uint8 a; uint16 b; } — a must not be 0 (checked at a's mark).
struct first_wins {
    static constexpr std::string_view wire_name = "first_wins";
    std::uint8_t a{};
    std::uint16_t b = 0xffff;
    static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("a", self.a);
        io.check(self.a != 0, errc::illegal_value, "a", at);
        io("b", self.b);
    }
};

// struct { uint8 x; opaque name<1..255>; Range r; uint16 list<0..255>; }
struct mixed {
    static constexpr std::string_view wire_name = "mixed";
    std::uint8_t x{};
    bytes_view name{};
    range r{};
    list_of<std::uint16_t> values{};
    static constexpr void wire(auto& io, auto& self) {
        io("x", self.x);
        io("name", self.name, text<opaque<1, 1, 0xff>>{});
        io("r", self.r);
        io("values", self.values, vec<1, 0, 0xff>{});
    }
};

// struct { uint8 n; opaque data[n]; } — a length from an earlier field.
struct counted {
    static constexpr std::string_view wire_name = "counted";
    std::uint8_t n{};
    bytes_view data{};
    static constexpr void wire(auto& io, auto& self) {
        io("n", self.n);
        io("data", self.data, exactly{self.n});
    }
};

// A visitor that records each field: name, format and a printable value.
struct recorder {
    std::vector<std::string> fields;
    std::vector<std::uint16_t> versions;
    template <class T, class F>
    void field(std::string_view name, const T& value, const F&, const context& ctx) {
        std::string line(name);
        if constexpr (std::is_same_v<F, uint_<1>> || std::is_same_v<F, uint_<2>>)
            line += " uint" + std::to_string(8 * F::fixed_size) + "=" + std::to_string(value);
        else if constexpr (requires { F::is_text; })
            line += " text=" + std::string(as_text(value));
        else if constexpr (std::is_same_v<F, described_format>)
            line += std::string(" struct ") + std::string(T::wire_name);
        else if constexpr (std::is_same_v<F, vec<1, 0, 0xff>>)
            line += " vec size=" + std::to_string(value.size());
        else
            line += " other";
        fields.push_back(line);
        versions.push_back(ctx.version);
    }
};

// A constexpr visitor: counts fields and sums the integer ones.
struct summer {
    int fields = 0;
    std::uint32_t sum = 0;
    template <class T, class F>
    constexpr void field(name_ref, const T& value, const F&, const context&) {
        ++fields;
        if constexpr (std::is_integral_v<T>) sum += value;
    }
};

// --- compile-time properties and constexpr checks ---------------------------------

static_assert(parse_io::parsing && !parse_io::writing && !parse_io::visiting);
static_assert(!write_io::parsing && write_io::writing && !write_io::visiting);
static_assert(!visit_io<recorder>::parsing && !visit_io<recorder>::writing && visit_io<recorder>::visiting);

constexpr bool check_fails_at_mark() {
    constexpr std::array<std::uint8_t, 5> in{0x07, 0x00, 0x05, 0x00, 0x03};
    const auto m = parse<range>(in);
    return !m && m.err().code == errc::illegal_value && m.err().offset == 1 && m.err().where == "lo";
}

constexpr bool writer_ignores_check() {
    const range bad{7, 5, 3};
    std::array<std::uint8_t, 5> out{};
    const auto n = serialize(bad, out);
    constexpr std::array<std::uint8_t, 5> want{0x07, 0x00, 0x05, 0x00, 0x03};
    return n && *n == 5 && equal_bytes(bytes_view(out), want);
}

constexpr bool lenient_accepts() {
    constexpr std::array<std::uint8_t, 1> in{0x02};
    const auto strict = parse<versioned>(in);
    const auto lenient = parse<versioned>(in, context{.mode = strictness::lenient});
    return !strict && strict.err().code == errc::illegal_value && lenient && lenient->version == 2;
}

constexpr bool visit_in_constexpr() {
    summer s;
    visit(range{1, 2, 3}, s);
    return s.fields == 3 && s.sum == 6;
}

static_assert(check_fails_at_mark());
static_assert(writer_ignores_check());
static_assert(lenient_accepts());
static_assert(visit_in_constexpr());

// --- run-time cases -------------------------------------------------------------

TEST_CASE("codec io: check() fails a parse at the marked offset; writers and sizes ignore it") {
    const auto good = unhex("07 0003 0005");
    const auto m = parse<range>(good);
    REQUIRE(m);
    CHECK(m->lo == 3);
    CHECK(m->hi == 5);

    const auto bad = unhex("07 0005 0003");
    const auto r = parse<range>(bad);
    REQUIRE_FALSE(r);
    CHECK(r.err().code == errc::illegal_value);
    CHECK(r.err().offset == 1);  // lo's offset, not the cursor's (5)
    CHECK(r.err().where == "lo");
    CHECK(check_fails_at_mark());

    // The writer emits anything: the rule is the parser's.
    const range value{7, 5, 3};
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(value, out));
    CHECK(hex(out) == hex(bad));
    const auto size = encoded_size(value);
    REQUIRE(size);
    CHECK(*size == 5);
    CHECK(writer_ignores_check());

    // Marks are absolute: the same bytes at base 40.
    error e;
    reader rd(bad, e, 40);
    range v{};
    described_format::read(rd, v, range::wire_name, {});
    CHECK(e.code == errc::illegal_value);
    CHECK(e.offset == 41);
}

TEST_CASE("codec io: strict, lenient and trusted") {
    const auto in = unhex("02");
    const auto strict = parse<versioned>(in);
    REQUIRE_FALSE(strict);
    CHECK(strict.err().code == errc::illegal_value);
    CHECK(strict.err().offset == 0);
    CHECK(strict.err().where == "version");
    const auto lenient = parse<versioned>(in, context{.mode = strictness::lenient});
    REQUIRE(lenient);
    CHECK(lenient->version == 2);
    CHECK(lenient_accepts());

    // Trusted bytes (validated before): neither strict rules nor check() run,
    // though the context is strict.
    {
        error e;
        reader r(in, e, 0, reader::trusted);
        versioned v{};
        described_format::read(r, v, versioned::wire_name, {});
        CHECK_FALSE(e);
        CHECK(v.version == 2);
    }
    {
        const auto bad = unhex("07 0005 0003");
        error e;
        reader r(bad, e, 0, reader::trusted);
        range v{};
        described_format::read(r, v, range::wire_name, {});
        CHECK_FALSE(e);
        CHECK(v.lo == 5);
    }
    // ...but bounds still are.
    {
        const auto shorter = unhex("07 0005");
        error e;
        reader r(shorter, e, 0, reader::trusted);
        range v{};
        described_format::read(r, v, range::wire_name, {});
        CHECK(e.code == errc::truncated);
        CHECK(e.offset == 3);
        CHECK(e.where == "hi");
    }

    // io.strict() itself, per pass.
    const context strict_ctx{};
    const context lenient_ctx{.mode = strictness::lenient};
    error e;
    reader untrusted(in, e), trusted(in, e, 0, reader::trusted);
    CHECK(parse_io(untrusted, strict_ctx).strict());
    CHECK_FALSE(parse_io(untrusted, lenient_ctx).strict());
    CHECK_FALSE(parse_io(trusted, strict_ctx).strict());
    CHECK_FALSE(parse_io(trusted, lenient_ctx).strict());
    writer w;
    CHECK(write_io(w, strict_ctx).strict());
    CHECK_FALSE(write_io(w, lenient_ctx).strict());
    recorder rec;
    CHECK(visit_io<recorder>(rec, strict_ctx).strict());
    CHECK_FALSE(visit_io<recorder>(rec, lenient_ctx).strict());
}

TEST_CASE("codec io: fail() stops a parse at the cursor and a write at the output offset") {
    const auto in = unhex("00 09");
    const auto m = parse<nonzero>(in);
    REQUIRE_FALSE(m);
    CHECK(m.err().code == errc::illegal_value);
    CHECK(m.err().offset == 1);  // after v: fail() reports where the cursor is
    CHECK(m.err().where == "v");
    const auto ok_in = unhex("01 09");
    const auto ok = parse<nonzero>(ok_in);
    REQUIRE(ok);
    CHECK(ok->w == 9);

    std::vector<std::uint8_t> out;
    const auto n = serialize(nonzero{0, 9}, out);
    REQUIRE_FALSE(n);
    CHECK(n.err().code == errc::illegal_value);
    CHECK(n.err().offset == 1);
    CHECK(n.err().where == "v");
    CHECK(encoded_size(nonzero{0, 9}).err().code == errc::illegal_value);
    recorder rec;
    visit(nonzero{0, 9}, rec);  // visiting has no rule to enforce
    CHECK(rec.fields.size() == 2);
}

TEST_CASE("codec io: the first error is kept; later fields read quietly as zero") {
    const auto in = unhex("00 1234");
    error e;
    reader r(in, e);
    first_wins v{};
    described_format::read(r, v, first_wins::wire_name, {});
    CHECK(e.code == errc::illegal_value);
    CHECK(e.offset == 0);
    CHECK(e.where == "a");
    CHECK(v.b == 0);  // read from the failed reader: zeros, no second error
    const auto m = parse<first_wins>(in);
    REQUIRE_FALSE(m);
    CHECK(m.err() == e);
}

TEST_CASE("codec io: at_end() for an optional trailing field") {
    const auto short_in = unhex("05");
    const auto a = parse<optional_tail>(short_in);
    REQUIRE(a);
    CHECK(a->a == 5);
    CHECK_FALSE(a->has_b);
    const auto long_in = unhex("05 0102");
    const auto b = parse<optional_tail>(long_in);
    REQUIRE(b);
    CHECK(b->has_b);
    CHECK(b->b == 0x0102);
    const auto too_long = unhex("05 010203");
    const auto c = parse<optional_tail>(too_long);
    REQUIRE_FALSE(c);
    CHECK(c.err().code == errc::trailing_data);
    CHECK(c.err().offset == 3);

    std::vector<std::uint8_t> out;
    REQUIRE(serialize(*a, out));
    CHECK(hex(out) == "05");
    out.clear();
    REQUIRE(serialize(*b, out));
    CHECK(hex(out) == "050102");
    // Writers and visitors are never "at the end".
    writer w;
    CHECK_FALSE(write_io(w, {}).at_end());
    recorder rec;
    CHECK_FALSE(visit_io<recorder>(rec, {}).at_end());
}

TEST_CASE("codec io: a parse_io driven by hand") {
    const auto in = unhex("aa 0003 626262 ff");
    const context ctx{.version = 0x0303};
    error e;
    reader r(in, e, 10);
    parse_io io(r, ctx);
    CHECK(&io.ctx() == &ctx);
    CHECK(&io.in() == &r);
    CHECK(io.mark() == 10);
    std::uint8_t a = 0;
    io("a", a);
    CHECK(a == 0xaa);
    CHECK(io.mark() == 11);
    bytes_view s;
    io("s", s, opaque<2, 0, 0xffff>{});
    CHECK(hex(s) == "626262");
    CHECK(io.mark() == 16);
    CHECK_FALSE(io.at_end());
    std::uint8_t last = 0;
    io("last", last);
    CHECK(io.at_end());
    CHECK(io.ok());
    std::uint8_t more = 0x55;
    io("more", more);  // past the end
    CHECK_FALSE(io.ok());
    CHECK(more == 0);
    CHECK(e.code == errc::truncated);
    CHECK(e.offset == 17);
    CHECK(e.where == "more");
}

TEST_CASE("codec io: a write_io driven by hand; its mark is always 0") {
    const context ctx{.version = 0x0304};
    std::array<std::uint8_t, 8> buf{};
    writer w(buf);
    write_io io(w, ctx);
    CHECK(&io.ctx() == &ctx);
    CHECK(&io.out() == &w);
    io("a", std::uint8_t{0xaa});
    io("b", std::uint16_t{0x0102});
    const auto payload = unhex("cc");
    io("c", bytes_view(payload), opaque<1, 1, 0xff>{});
    CHECK(io.mark() == 0);
    io.check(false, errc::illegal_value, "ignored", 0);
    CHECK(io.ok());
    CHECK(hex(w.written()) == "aa010201cc");
    io("d", std::uint32_t{1});  // 4 more bytes in a buffer with 3 left
    CHECK_FALSE(io.ok());
    CHECK(w.err().code == errc::buffer_overflow);
    CHECK(w.err().offset == 8);
}

TEST_CASE("codec io: visit walks the fields in wire order with their formats and the context") {
    const auto in = unhex("01 03 616263 07 0001 0002 04 0009 000a");
    const context ctx{.version = 0x0303};
    const auto m = parse<mixed>(in, ctx);
    REQUIRE(m);
    recorder rec;
    visit(*m, rec, ctx);
    CHECK(rec.fields == std::vector<std::string>{"x uint8=1", "name text=abc", "r struct range", "values vec size=2"});
    CHECK(rec.versions == std::vector<std::uint16_t>(4, 0x0303));
    // A nested structure is handed over whole (the visitor may visit it in turn).
    recorder inner;
    visit(m->r, inner);
    CHECK(inner.fields == std::vector<std::string>{"tag uint8=7", "lo uint16=1", "hi uint16=2"});
    CHECK(visit_in_constexpr());
}

TEST_CASE("codec io: a format argument computed from an earlier field") {
    const auto in = unhex("03 aabbcc");
    const auto m = parse<counted>(in);
    REQUIRE(m);
    CHECK(hex(m->data) == "aabbcc");
    const auto short_in = unhex("04 aabbcc");
    const auto r = parse<counted>(short_in);
    REQUIRE_FALSE(r);
    CHECK(r.err().code == errc::truncated);
    CHECK(r.err().offset == 1);
    CHECK(r.err().where == "data");
    // Writing checks the value against the length the struct itself claims.
    const auto three = unhex("aabbcc");
    std::vector<std::uint8_t> out;
    CHECK(serialize(counted{2, three}, out).err().code == errc::length_overflow);
    out.clear();
    REQUIRE(serialize(counted{3, three}, out));
    CHECK(hex(out) == "03aabbcc");
}

TEST_CASE("codec io: serialize into a vector appends; sizes and offsets count from the writer's start") {
    const auto in = unhex("01 03 616263 07 0001 0002 04 0009 000a");
    const auto m = parse<mixed>(in);
    REQUIRE(m);
    std::vector<std::uint8_t> out{0xde, 0xad};
    const auto n = serialize(*m, out);
    REQUIRE(n);
    CHECK(*n == in.size());
    CHECK(hex(out) == "dead" + hex(in));  // prefixes patched after the existing bytes

    mixed bad = *m;
    bad.name = {};  // below <1..255>
    const auto e = serialize(bad, out);
    REQUIRE_FALSE(e);
    CHECK(e.err().code == errc::length_overflow);
    CHECK(e.err().offset == 1);  // in this writer's output, not the vector's
    CHECK(e.err().where == "name");

    const auto size = encoded_size(*m);
    REQUIRE(size);
    CHECK(*size == in.size());
}

TEST_CASE("codec io: serialize into a fixed buffer: exact fit and buffer_overflow") {
    const auto in = unhex("01 03 616263 07 0001 0002 04 0009 000a");
    const auto m = parse<mixed>(in);
    REQUIRE(m);
    std::vector<std::uint8_t> exact(in.size());
    const auto n = serialize(*m, std::span<std::uint8_t>(exact));
    REQUIRE(n);
    CHECK(exact == in);
    std::vector<std::uint8_t> small(in.size() - 1);
    const auto k = serialize(*m, std::span<std::uint8_t>(small));
    REQUIRE_FALSE(k);
    CHECK(k.err().code == errc::buffer_overflow);
    CHECK(k.err().offset == small.size());
    std::span<std::uint8_t> none;
    CHECK(serialize(*m, none).err().code == errc::buffer_overflow);
}

}  // namespace
}  // namespace codec_io_test

}  // namespace tests_codec_io
