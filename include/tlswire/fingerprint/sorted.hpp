// tlswire/fingerprint/sorted.hpp — a list of 16-bit values in ascending
// order, without allocating (JA4 sorts the cipher suites and the extension
// types, JA4.md "Cipher hash", "Extension hash").
//
// A ClientHello may hold 32,767 suites (cipher_suites<2..2^16-2>) and 16,383
// extensions; sorting a copy of that on the stack would take 64 KiB, too much
// for the small stacks (coroutines, fibers) fingerprinting code runs on. So:
// - up to sorted_inline_capacity (256) values, every real hello: copied into
//   a 512-byte array and sorted there;
// - more (only hostile or synthetic hellos): counted instead, out of line so
//   that its 8 KiB of stack is not the common path's: the 16-bit value space
//   in 16 windows of 4,096 values, one pass to see which windows are used,
//   then for each used window one pass counting its values (4,096 16-bit
//   counters) and a scan of the counters. At most 17 passes over the list,
//   whatever it holds: about a millisecond for 32,767 suites, the most a
//   ClientHello can carry (some 100 ns for the 16 of a browser's).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/wire/bytes.hpp"  // TLSWIRE_COLD

namespace tlswire::detail {

inline constexpr std::size_t sorted_inline_capacity = 256;

// sort_u16(v, n) — v[0..n) in ascending order: insertion sort for the short
// lists every hello has, heapsort (O(n log n), no recursion) above that.
template <std::size_t N>
constexpr void sort_u16(std::array<std::uint16_t, N>& v, std::size_t n) noexcept {
    if (n <= 32) {
        for (std::size_t i = 1; i < n; ++i) {
            const std::uint16_t x = v[i];
            std::size_t j = i;
            for (; j > 0 && v[j - 1] > x; --j) v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    auto sift_down = [&v](std::size_t root, std::size_t end) {
        while (2 * root + 1 < end) {
            std::size_t child = 2 * root + 1;
            if (child + 1 < end && v[child] < v[child + 1]) ++child;
            if (v[root] >= v[child]) return;
            const std::uint16_t t = v[root];
            v[root] = v[child];
            v[child] = t;
            root = child;
        }
    };
    for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
    for (std::size_t end = n; end-- > 1;) {
        const std::uint16_t t = v[0];
        v[0] = v[end];
        v[end] = t;
        sift_down(0, end);
    }
}

// for_each_sorted_large — for_each_sorted's path for more than
// sorted_inline_capacity values (see the header comment). The counters are
// 16-bit: no TLS list holds 65,536 values.
template <class Range, class Key, class F>
TLSWIRE_COLD constexpr void for_each_sorted_large(const Range& values, Key key, F& f) {
    constexpr unsigned window_bits = 12;  // 16 windows of 4,096 values
    std::uint32_t used = 0;               // bit w: some value falls in window w
    for (const auto& x : values) {
        const int k = key(x);
        if (k >= 0) used |= std::uint32_t{1} << (static_cast<unsigned>(k) >> window_bits);
    }
    std::array<std::uint16_t, std::size_t{1} << window_bits> counts{};
    for (unsigned w = 0; w < 16; ++w) {
        if (((used >> w) & 1u) == 0) continue;
        for (std::uint16_t& c : counts) c = 0;
        for (const auto& x : values) {
            const int k = key(x);
            if (k >= 0 && (static_cast<unsigned>(k) >> window_bits) == w)
                ++counts[static_cast<unsigned>(k) & (counts.size() - 1)];
        }
        for (unsigned i = 0; i < counts.size(); ++i)
            for (std::uint16_t c = counts[i]; c > 0; --c) f(static_cast<std::uint16_t>(w << window_bits | i));
    }
}

// for_each_sorted(values, key, f) — f(k) for every element x of `values`
// whose key(x) is not negative (k = key(x), a 16-bit value), in ascending
// order of k, duplicates kept.
template <class Range, class Key, class F>
constexpr void for_each_sorted(const Range& values, Key key, F&& f) {
    std::array<std::uint16_t, sorted_inline_capacity> small{};
    std::size_t n = 0;
    bool fits = true;
    for (const auto& x : values) {
        const int k = key(x);
        if (k < 0) continue;
        if (n == small.size()) {
            fits = false;
            break;
        }
        small[n++] = static_cast<std::uint16_t>(k);
    }
    if (fits) {
        sort_u16(small, n);
        for (std::size_t i = 0; i < n; ++i) f(small[i]);
        return;
    }
    for_each_sorted_large(values, key, f);
}

}  // namespace tlswire::detail
