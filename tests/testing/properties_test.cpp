// tlswire/testing/properties.hpp: each property holds on real messages and
// streams, and each one reports its own name when a codec breaks it (small
// described structures below break one property each on purpose).
#include <doctest/doctest.h>

#include <string>

#include "../support/corpus.hpp"
#include "tlswire/testing/properties.hpp"

namespace tests_testing_properties {

using namespace tlswire;
using tlswire::testing::check_parse;

namespace {

// Each structure is one u8 `x` read by a format that misbehaves in one way.
template <class Format>
struct one_field {
    static constexpr std::string_view wire_name = "one_field";
    std::uint8_t x = 0;
    static constexpr void wire(auto& io, auto& self) { io("x", self.x, Format{}); }
};

// Writes nothing: what parsed does not re-serialize.
struct drops_on_write : uint_<1> {
    template <class T>
    static constexpr void write(writer&, const T&, name_ref, const context&) noexcept {}
};
// Allocates while parsing.
struct allocates_on_read : uint_<1> {
    template <class T>
    static void read(reader& r, T& out, name_ref name, const context& ctx) {
        const auto* p = new int(1);
        uint_<1>::read(r, out, name, ctx);
        out = static_cast<T>(out + *p - 1);
        delete p;
    }
};
// Reads a different value each time: a re-parse is not equal.
inline int reads = 0;
struct unstable_read : uint_<1> {
    template <class T>
    static void read(reader& r, T& out, name_ref name, const context& ctx) {
        uint_<1>::read(r, out, name, ctx);
        out = static_cast<T>(out + reads++);
    }
};
// Refuses only what a lenient parse reads.
struct refuses_leniently : uint_<1> {
    template <class T>
    static constexpr void read(reader& r, T& out, name_ref name, const context& ctx) noexcept {
        uint_<1>::read(r, out, name, ctx);
        if (!ctx.strict()) r.fail(errc::illegal_value, name);
    }
};
// Reports its error past the end of the input.
struct fails_far_away : uint_<1> {
    template <class T>
    static constexpr void read(reader& r, T& out, name_ref name, const context& ctx) noexcept {
        uint_<1>::read(r, out, name, ctx);
        r.fail_at(errc::illegal_value, 1000, name);
    }
};

const std::vector<std::uint8_t> one_byte{0x2a};

}  // namespace

TEST_CASE("testing properties: a well-behaved structure passes every check") {
    CHECK_FALSE(check_parse<one_field<uint_<1>>>(one_byte, {}).has_value());
    // A refused input is no violation when its error lies inside it.
    CHECK_FALSE(check_parse<one_field<uint_<1>>>(std::vector<std::uint8_t>{1, 2}, {}).has_value());
}

TEST_CASE("testing properties: each broken property is named") {
    const auto name = [](const tlswire::testing::verdict& v) { return v ? std::string(v->property) : std::string("none"); };
    CHECK(name(check_parse<one_field<drops_on_write>>(one_byte, {})) == "round_trip");
    CHECK(name(check_parse<one_field<unstable_read>>(one_byte, {})) == "reparse");
    CHECK(name(check_parse<one_field<refuses_leniently>>(one_byte, {})) == "lenient");
    const auto far = check_parse<one_field<fails_far_away>>(one_byte, {});
    CHECK(name(far) == "error_offset");
    CHECK(far->offset == 1000);
    // This test binary counts allocations (tests/vectors/no_allocation_test.cpp
    // includes count_allocations.hpp), so the allocation property is checked.
    REQUIRE(tlswire::testing::allocations_counted);
    CHECK(name(check_parse<one_field<allocates_on_read>>(one_byte, {})) == "allocation");
}

TEST_CASE("testing properties: every vector message passes check_handshake, and digests tell messages apart") {
    const auto corpus = test_support::load_message_corpus();
    REQUIRE(corpus.size() >= 100);
    std::size_t distinct = 0;
    std::uint64_t previous = 0;
    for (const auto& m : corpus) {
        const auto v = tlswire::testing::check_handshake(m.bytes, m.ctx);
        INFO(m.origin);
        CHECK_FALSE(v.has_value());
        const auto parsed = parse_handshake(m.bytes, m.ctx);
        REQUIRE(parsed.has_value());
        const std::uint64_t d = tlswire::testing::digest_of(*parsed, m.ctx);
        CHECK(d == tlswire::testing::digest_of(*parsed, m.ctx));
        if (d != previous) ++distinct;
        previous = d;
        // One byte changed inside a field changes the digest.
        if (m.bytes.size() > 8) {
            auto changed = m.bytes;
            changed.back() ^= 1;
            if (const auto p2 = parse_handshake(changed, m.ctx))
                CHECK(tlswire::testing::digest_of(*p2, m.ctx) != d);
        }
    }
    CHECK(distinct > corpus.size() / 2);
}

TEST_CASE("testing properties: a record stream re-cut into records of any size gives the same messages") {
    std::size_t streams = 0;
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        for (const auto& conn : capture.at("connections"))
            for (const char* dir : {"c2s", "s2c"}) {
                const auto side = test_support::unhex(conn.at(dir).get<std::string>());
                for (const std::size_t cut : {1, 5, 64, 1000, 16384}) {
                    INFO(file.string() << " " << dir << " cut " << cut);
                    CHECK_FALSE(tlswire::testing::check_record_split(side, {}, {}, cut).has_value());
                }
                ++streams;
            }
    }
    CHECK(streams >= 60);
}

}  // namespace tests_testing_properties
