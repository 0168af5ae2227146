// tests/extensions/support.hpp — shared checks for the extensions tests.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "../support/extension_block.hpp"
#include "../support/hex.hpp"
#include "tlswire/extensions.hpp"

namespace ext_test {

using namespace tlswire;

inline context ctx13() {
    context c;
    c.version = 0x0304;
    return c;
}
inline context ctx12() {
    context c;
    c.version = 0x0303;
    return c;
}
inline context lenient(context c) {
    c.mode = strictness::lenient;
    return c;
}

// A one-block structure, to run an extension through the block's strict checks.
using test_support::block_of;

// with_header(type, body) — Extension bytes: type, length, body.
// (Sized once and filled by index: g++ 12 at -O3 sees push_back followed by
// insert as reading past the first allocation, -Wstringop-overread.)
inline std::vector<std::uint8_t> with_header(extension_type t, const std::vector<std::uint8_t>& body) {
    const auto u = static_cast<std::uint16_t>(t);
    std::vector<std::uint8_t> v(4 + body.size());
    v[0] = static_cast<std::uint8_t>(u >> 8);
    v[1] = static_cast<std::uint8_t>(u);
    v[2] = static_cast<std::uint8_t>(body.size() >> 8);
    v[3] = static_cast<std::uint8_t>(body.size());
    std::copy(body.begin(), body.end(), v.begin() + 4);
    return v;
}
inline std::vector<std::uint8_t> block_bytes(const std::vector<std::uint8_t>& entries) {
    std::vector<std::uint8_t> v(2 + entries.size());
    v[0] = static_cast<std::uint8_t>(entries.size() >> 8);
    v[1] = static_cast<std::uint8_t>(entries.size());
    std::copy(entries.begin(), entries.end(), v.begin() + 2);
    return v;
}

struct props {
    bool prefixes_fail = true;  // every strict prefix of the body is rejected
    bool trailing_fails = true; // body + one byte is rejected with trailing_data at the old end
};

// owned<T> — parsed bytes and the value that views them (moving keeps the
// vector's buffer, so the views stay valid).
template <class T>
struct owned {
    std::vector<std::uint8_t> bytes;
    T value{};
    const T* operator->() const { return &value; }
};

// check_typed<T, K>(hex, ctx) — the body parses as T, re-serializes byte for
// byte (and encoded_size agrees), the dispatch table maps (T::type, K) to T,
// the block validates it and get<T> returns the same value; the generic
// properties (prefixes, trailing byte) hold. Returns the parsed value (it
// views `keep`, which the caller owns).
template <class T, message_kind K>
owned<T> check_typed(std::string_view hex_body, const context& ctx, props p = {}) {
    owned<T> result;
    result.bytes = test_support::unhex(hex_body);
    const std::vector<std::uint8_t>& keep = result.bytes;
    CAPTURE(T::wire_name);
    CAPTURE(to_string(K));
    CAPTURE(test_support::hex(keep));
    const auto r = parse<T>(keep, ctx);
    REQUIRE_MESSAGE(r.has_value(), "parse failed: " << to_string(r.err().code) << " at " << r.err().offset << " in "
                                                    << r.err().where);
    std::vector<std::uint8_t> out;
    const auto n = serialize(*r, out, ctx);
    REQUIRE(n.has_value());
    CHECK(test_support::hex(out) == test_support::hex(keep));
    const auto sz = encoded_size(*r, ctx);
    REQUIRE(sz.has_value());
    CHECK(*sz == keep.size());

    bool same = false;
    CHECK(describe_extension(T::type, K, [&]<class U>(std::type_identity<U>) { same = std::is_same_v<U, T>; }));
    CHECK(same);

    // Through a block: strict validation accepts it, get<T> finds it.
    const auto blk = block_bytes(with_header(T::type, keep));
    const auto b = parse<block_of<K>>(blk, ctx);
    REQUIRE_MESSAGE(b.has_value(), "block failed: " << to_string(b.err().code) << " at " << b.err().offset << " in "
                                                    << b.err().where);
    const auto got = b->extensions.template get<T>(ctx);
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    std::vector<std::uint8_t> again;
    REQUIRE(serialize(**got, again, ctx).has_value());
    CHECK(again == keep);

    int visited = 0;
    const error ve = visit_extension(T::type, K, keep, ctx, [&](const auto& v) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(v)>, T>) ++visited;
    });
    CHECK(!ve);
    CHECK(visited == 1);

    if (p.prefixes_fail)
        for (std::size_t i = 0; i < keep.size(); ++i) {
            CAPTURE(i);
            const std::vector<std::uint8_t> prefix(keep.begin(), keep.begin() + static_cast<std::ptrdiff_t>(i));
            CHECK_FALSE(parse<T>(prefix, ctx).has_value());
        }
    if (p.trailing_fails) {
        auto longer = keep;
        longer.push_back(0);
        const auto t = parse<T>(longer, ctx);
        CHECK_FALSE(t.has_value());
        CHECK(t.err().code == errc::trailing_data);
        CHECK(t.err().offset == keep.size());
        // The same inside a block: the block names the extension.
        const auto blk2 = block_bytes(with_header(T::type, longer));
        const auto b2 = parse<block_of<K>>(blk2, ctx);
        CHECK_FALSE(b2.has_value());
        CHECK(b2.err().code == errc::trailing_data);
        CHECK(b2.err().offset == 4 + 2 + keep.size());
        CHECK(b2.err().where == T::wire_name);
    }
    result.value = *r;
    return result;
}

// expect_reject<T>(hex, ctx, code, offset) — the body is rejected with that
// error code at that offset (offsets count from the body's first byte).
template <class T>
void expect_reject(const std::vector<std::uint8_t>& bytes, const context& ctx, errc code, std::size_t offset) {
    CAPTURE(T::wire_name);
    CAPTURE(test_support::hex(bytes));
    const auto r = parse<T>(bytes, ctx);
    REQUIRE_FALSE(r.has_value());
    CHECK(to_string(r.err().code) == to_string(code));
    CHECK(r.err().offset == offset);
}

}  // namespace ext_test
