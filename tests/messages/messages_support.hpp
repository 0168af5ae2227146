// tests/messages/messages_support.hpp — building and checking handshake
// messages from hex in the tests of tests/messages/.
#pragma once

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <vector>

#include "../support/hex.hpp"
#include "tlswire/tlswire.hpp"

namespace messages_test {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

// be(v, n) — v as n big-endian bytes, in hex.
inline std::string be(std::size_t v, std::size_t n) {
    std::vector<std::uint8_t> b(n);
    for (std::size_t i = 0; i < n; ++i) b[n - 1 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return hex(b);
}

// prefixed(n, body) — `body` (hex, separators allowed) after its n-byte length.
inline std::string prefixed(std::size_t n, std::string_view body) {
    const std::string b = hex(unhex(body));
    return be(b.size() / 2, n) + b;
}

// handshake_hex(type, body) — msg_type, the uint24 length, then the body.
inline std::string handshake_hex(std::uint8_t type, std::string_view body) { return be(type, 1) + prefixed(3, body); }

// ext_hex(type, data) — one Extension entry.
inline std::string ext_hex(std::uint16_t type, std::string_view data) { return be(type, 2) + prefixed(2, data); }

inline context ctx_for(std::uint16_t version, cipher_suite cs = cipher_suite{},
                       strictness mode = strictness::strict) {
    context c;
    c.version = version;
    c.cipher_suite = static_cast<std::uint16_t>(cs);
    c.mode = mode;
    return c;
}

inline context lenient(context c) {
    c.mode = strictness::lenient;
    return c;
}

// A parsed message borrows its input: keep every test input alive.
inline std::list<std::vector<std::uint8_t>>& inputs() {
    static std::list<std::vector<std::uint8_t>> all;
    return all;
}

// round_trip(h, ctx, name) — parse `h` (hex of a whole handshake message),
// check the message's name and that it re-serializes to the same bytes.
inline handshake_message round_trip(std::string_view h, const context& ctx, std::string_view name) {
    const auto& bytes = inputs().emplace_back(unhex(h));
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE_MESSAGE(m, to_string(m.err().code) << " at " << m.err().offset << " in " << m.err().where);
    CHECK(name_of(*m) == name);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize_handshake(*m, out, ctx));
    CHECK(hex(out) == hex(bytes));
    return *m;
}

// rejection(h, ctx) — the error parsing `h` gives (it must fail).
inline error rejection(std::string_view h, const context& ctx) {
    const auto bytes = unhex(h);
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE_FALSE(m);
    return m.err();
}

}  // namespace messages_test
