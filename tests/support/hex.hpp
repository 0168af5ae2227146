// tests/support/hex.hpp — hex helpers for tests (run time only).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tlswire/wire/bytes.hpp"

namespace test_support {

inline std::vector<std::uint8_t> unhex(std::string_view s) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<std::uint8_t> out;
    int hi = -1;
    for (char c : s) {
        const int v = nibble(c);
        if (v < 0) continue;  // whitespace and separators
        if (hi < 0) {
            hi = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
            hi = -1;
        }
    }
    return out;
}

inline std::string hex(tlswire::bytes_view b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(b.size() * 2);
    for (std::uint8_t x : b) {
        s += digits[x >> 4];
        s += digits[x & 15];
    }
    return s;
}

}  // namespace test_support
