// Unit tests for the wire layer (reader, writer, errors): every error path at
// run time. tests/constexpr/wire_constexpr_test.cpp runs the same checks in
// static_assert through the shared functions in wire_checks.hpp.
#include <doctest/doctest.h>

#include "../constexpr/wire_checks.hpp"

namespace tests_wire_wire {

using namespace tlswire;

TEST_CASE("wire checks also hold at run time") {
    CHECK(wire_checks::reads_integers());
    CHECK(wire_checks::truncation_reports_offset_and_field());
    CHECK(wire_checks::prefix_bounds_enforced());
    CHECK(wire_checks::prefix_longer_than_input_is_truncated());
    CHECK(wire_checks::trailing_bytes_rejected());
    CHECK(wire_checks::first_error_sticks());
    CHECK(wire_checks::nested_offsets_are_absolute());
    CHECK(wire_checks::writer_fills_prefixes());
    CHECK(wire_checks::writer_rejects_prefix_overflow());
    CHECK(wire_checks::writer_enforces_bounds_unless_unchecked());
    CHECK(wire_checks::writer_fixed_buffer_overflow());
    CHECK(wire_checks::writer_counts_without_target());
    CHECK(wire_checks::writer_rejects_too_wide_uint());
}

TEST_CASE("reader: every proper prefix of a nested structure is rejected as truncated") {
    // struct { uint16 a; opaque b<1..2^8-1>; uint24 c; }, serialized by hand.
    const std::uint8_t msg[] = {0x12, 0x34, 0x02, 0xaa, 0xbb, 0x00, 0x00, 0x07};
    auto parse = [](bytes_view in) {
        error e;
        reader r(in, e);
        r.u16("a");
        auto b = r.prefixed(1, 1, 0xff, "b");
        b.take_rest();
        r.u24("c");
        r.expect_end("s");
        return e;
    };
    CHECK_FALSE(parse(msg));
    for (std::size_t n = 0; n < sizeof msg; ++n) {
        const error e = parse(bytes_view(msg, n));
        CAPTURE(n);
        CHECK(e.code == errc::truncated);
        CHECK(e.offset <= n);
    }
}

TEST_CASE("writer into std::vector appends after existing contents") {
    std::vector<std::uint8_t> out{0xee};
    writer w(out);
    w.prefixed(1, 0, 0xff, "x", [](writer& c) { c.u16(0x0102); });
    REQUIRE(w.ok());
    CHECK(out == std::vector<std::uint8_t>{0xee, 0x02, 0x01, 0x02});
    CHECK(w.size() == 3);
    CHECK(w.written().size() == 3);
    CHECK(w.written()[0] == 0x02);
}

TEST_CASE("errc names") {
    CHECK(to_string(errc::truncated) == "truncated");
    CHECK(to_string(errc::trailing_data) == "trailing_data");
    CHECK(to_string(errc::length_overflow) == "length_overflow");
    CHECK(to_string(errc::bad_record_mac) == "bad_record_mac");
}

}  // namespace tests_wire_wire
