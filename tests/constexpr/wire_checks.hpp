// wire_checks.hpp — checks of the wire layer written once as constexpr
// functions, so the same code runs in static_assert (wire_constexpr_test.cpp)
// and at run time (unit/wire_test.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "tlswire/wire.hpp"

namespace wire_checks {
using namespace tlswire;

constexpr bool reads_integers() {
    constexpr std::array<std::uint8_t, 10> in{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    error e;
    reader r(in, e);
    return r.u8("a") == 0x01 && r.u16("b") == 0x0203 && r.u24("c") == 0x040506 && r.u32("d") == 0x0708090a &&
           r.empty() && r.expect_end("s") && !e;
}

constexpr bool truncation_reports_offset_and_field() {
    constexpr std::array<std::uint8_t, 3> in{0, 1, 2};
    error e;
    reader r(in, e);
    r.u16("first");
    r.u16("second");  // only one byte left
    return e.code == errc::truncated && e.offset == 2 && e.where == "second" && r.u8("x") == 0;
}

constexpr bool prefix_bounds_enforced() {
    // opaque x<2..4> with a 1-byte length: 1 is below min, 5 above max.
    constexpr std::array<std::uint8_t, 2> low{0x01, 0xaa};
    constexpr std::array<std::uint8_t, 6> high{0x05, 1, 2, 3, 4, 5};
    constexpr std::array<std::uint8_t, 3> fine{0x02, 1, 2};
    error e1, e2, e3;
    reader r1(low, e1), r2(high, e2), r3(fine, e3);
    r1.prefixed(1, 2, 4, "x");
    r2.prefixed(1, 2, 4, "x");
    auto s = r3.prefixed(1, 2, 4, "x");
    return e1.code == errc::length_out_of_range && e1.offset == 0 && e1.where == "x" &&
           e2.code == errc::length_out_of_range && !e3 && s.remaining() == 2 && r3.empty();
}

constexpr bool prefix_longer_than_input_is_truncated() {
    constexpr std::array<std::uint8_t, 4> in{0x00, 0x05, 1, 2};
    error e;
    reader r(in, e);
    r.prefixed(2, 0, 0xffff, "body");
    return e.code == errc::truncated && e.offset == 0 && e.where == "body";
}

constexpr bool trailing_bytes_rejected() {
    constexpr std::array<std::uint8_t, 4> in{0x02, 0xaa, 0xbb, 0xcc};
    error e;
    reader r(in, e);
    auto s = r.prefixed(1, 0, 0xff, "inner");
    s.u8("one");  // leaves one byte in the body
    s.expect_end("inner");
    return e.code == errc::trailing_data && e.offset == 2 && e.where == "inner";
}

constexpr bool first_error_sticks() {
    constexpr std::array<std::uint8_t, 1> in{0x00};
    error e;
    reader r(in, e);
    r.u16("first");
    r.fail(errc::illegal_value, "second");
    return e.code == errc::truncated && e.where == "first" && !r.ok();
}

constexpr bool nested_offsets_are_absolute() {
    // outer<..> at 0 holds 3 bytes of filler, then inner<..> at 4 whose
    // second element is truncated at absolute offset 7.
    constexpr std::array<std::uint8_t, 8> in{0x00, 0x06, 0xf0, 0xf1, 0x03, 0x01, 0x02, 0x03};
    error e;
    reader r(in, e);
    auto outer = r.prefixed(2, 0, 0xffff, "outer");
    outer.bytes(2, "filler");
    auto inner = outer.prefixed(1, 0, 0xff, "inner");
    inner.u16("first");
    inner.u16("second");
    return e.code == errc::truncated && e.offset == 7 && e.where == "second";
}

constexpr bool writer_fills_prefixes() {
    std::array<std::uint8_t, 16> buf{};
    writer w(buf);
    w.prefixed(2, 0, 0xffff, "outer", [](writer& o) {
        o.u8(0xaa);
        o.prefixed(3, 0, 0xffffff, "inner", [](writer& i) { i.u16(0xbeef); });
    });
    constexpr std::array<std::uint8_t, 8> want{0x00, 0x06, 0xaa, 0x00, 0x00, 0x02, 0xbe, 0xef};
    return w.ok() && w.size() == 8 && equal_bytes(w.written(), want);
}

constexpr bool writer_rejects_prefix_overflow() {
    std::vector<std::uint8_t> out;
    writer w(out, bounds::unchecked);  // even unchecked: 256 bytes cannot have a 1-byte length
    w.prefixed(1, 0, 0xff, "big", [](writer& c) { c.zeros(256); });
    return w.err().code == errc::length_overflow && w.err().offset == 0 && w.err().where == "big";
}

constexpr bool writer_enforces_bounds_unless_unchecked() {
    std::vector<std::uint8_t> a, b;
    writer checked(a), unchecked(b, bounds::unchecked);
    auto empty_body = [](writer&) {};
    checked.prefixed(2, 2, 0xfffe, "cipher_suites", empty_body);
    unchecked.prefixed(2, 2, 0xfffe, "cipher_suites", empty_body);
    return checked.err().code == errc::length_overflow && checked.err().where == "cipher_suites" && unchecked.ok() &&
           b.size() == 2 && b[0] == 0 && b[1] == 0;
}

constexpr bool writer_fixed_buffer_overflow() {
    std::array<std::uint8_t, 3> buf{};
    writer w(buf);
    w.u16(0x0102);
    w.u16(0x0304);  // needs 4 bytes in a 3-byte buffer
    w.u8(0x05);     // ignored after the first error
    return w.err().code == errc::buffer_overflow && w.err().offset == 3 && w.size() == 3 && buf[2] == 0x03;
}

constexpr bool writer_counts_without_target() {
    writer w;
    w.prefixed(2, 0, 0xffff, "x", [](writer& c) {
        c.u32(1);
        c.bytes(std::array<std::uint8_t, 5>{});
    });
    return w.ok() && w.size() == 11 && w.written().empty();
}

constexpr bool writer_rejects_too_wide_uint() {
    writer w;
    w.uint(0x1000000, 3, "u24");
    return w.err().code == errc::length_overflow && w.err().where == "u24";
}

}  // namespace wire_checks
