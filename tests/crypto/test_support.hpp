// Test helpers shared by the tests/crypto and tests/schedule tests: hex in
// and out, and a reproducible PRNG. The published vectors these tests check
// are the in-repo JSON files under vectors/ (see crypto_vectors.hpp and
// schedule_rfc8448_trace.hpp), found through TLSWIRE_SOURCE_DIR.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../support/hex.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire_test {

constexpr int hex_nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// hex_count — the number of octets in a hex string (whitespace ignored).
constexpr std::size_t hex_count(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if (hex_nibble(c) >= 0) ++n;
    return n / 2;
}

// hex_array<N>(s) — constexpr hex decode into an array (whitespace ignored).
template <std::size_t N>
constexpr std::array<std::uint8_t, N> hex_array(std::string_view s) {
    std::array<std::uint8_t, N> out{};
    std::size_t n = 0;
    int hi = -1;
    for (char c : s) {
        const int v = hex_nibble(c);
        if (v < 0) continue;
        if (hi < 0) {
            hi = v;
        } else {
            if (n < N) out[n] = static_cast<std::uint8_t>(hi * 16 + v);
            ++n;
            hi = -1;
        }
    }
    return out;
}

// Hex to bytes and back: the shared test helpers (tests/support/hex.hpp).
inline std::vector<std::uint8_t> from_hex(std::string_view s) { return test_support::unhex(s); }
inline std::string to_hex(tlswire::bytes_view b) { return test_support::hex(b); }

inline tlswire::bytes_view as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// A small deterministic PRNG (xorshift64*), so random tests are reproducible.
struct prng {
    std::uint64_t s;
    explicit prng(std::uint64_t seed) : s(seed ? seed : 0x9e3779b97f4a7c15ull) {}
    std::uint64_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 0x2545f4914f6cdd1dull;
    }
    std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
    std::vector<std::uint8_t> bytes(std::size_t n) {
        std::vector<std::uint8_t> v(n);
        for (auto& x : v) x = static_cast<std::uint8_t>(next() >> 56);
        return v;
    }
};

}  // namespace tlswire_test
