// tlswire/wire/bytes.hpp — the byte-view vocabulary type and small helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

// TLSWIRE_INLINE — the hot path: always inlined when optimizing (a parse is a
// few hundred of these, and an out-of-line call each would cost more than the
// work). Not at -O0: forced inlining there folds every message's and every
// extension's reader into one function per dispatch (megabytes of code per
// translation unit, minutes to compile under a sanitizer) and buys nothing.
// TLSWIRE_COLD — the error path: out of line, kept away from the hot code.
#if (defined(__GNUC__) || defined(__clang__)) && defined(__OPTIMIZE__)
#define TLSWIRE_INLINE __attribute__((always_inline)) inline
#else
#define TLSWIRE_INLINE inline
#endif
#if defined(__GNUC__) || defined(__clang__)
#define TLSWIRE_COLD __attribute__((cold, noinline))
#else
#define TLSWIRE_COLD
#endif

namespace tlswire {

// bytes_view — a borrowed run of bytes. Every opaque field a parse returns is a
// bytes_view into the caller's input: the input must outlive the parsed value.
using bytes_view = std::span<const std::uint8_t>;

// Byte-wise equality that works in constant evaluation (std::ranges::equal
// would too, but this keeps <algorithm> out of the hot headers).
// equal_bytes(a, b, n) — a[0..n) == b[0..n); the caller checked the sizes.
// Where n is a constant, the compiler compares in a few wide loads.
[[nodiscard]] TLSWIRE_INLINE constexpr bool equal_bytes(const std::uint8_t* a, const std::uint8_t* b,
                                                      std::size_t n) noexcept {
    if (!std::is_constant_evaluated()) return n == 0 || __builtin_memcmp(a, b, n) == 0;
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

[[nodiscard]] constexpr bool equal_bytes(bytes_view a, bytes_view b) noexcept {
    return a.size() == b.size() && equal_bytes(a.data(), b.data(), a.size());
}

// load_be<W>(b) — the W-byte big-endian unsigned at b[0..W) (W = 1..8; the
// caller checked the bounds).
template <std::size_t W>
[[nodiscard]] TLSWIRE_INLINE constexpr std::uint64_t load_be(const std::uint8_t* b) noexcept {
    static_assert(W >= 1 && W <= 8);
#if defined(__GNUC__) || defined(__clang__)
    // One load and a byte swap (compilers do not always fuse the byte loads
    // below, e.g. in a loop over a list's elements).
    if (!std::is_constant_evaluated() && (W == 2 || W == 4 || W == 8)) {
        if constexpr (W == 2) {
            std::uint16_t v;
            __builtin_memcpy(&v, b, 2);
            return __builtin_bswap16(v);
        } else if constexpr (W == 4) {
            std::uint32_t v;
            __builtin_memcpy(&v, b, 4);
            return __builtin_bswap32(v);
        } else if constexpr (W == 8) {
            std::uint64_t v;
            __builtin_memcpy(&v, b, 8);
            return __builtin_bswap64(v);
        }
    }
#endif
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < W; ++i) v = (v << 8) | b[i];
    return v;
}

// The largest length an N-byte length prefix can express (N = 1..4).
[[nodiscard]] constexpr std::size_t max_for_prefix(std::size_t prefix_bytes) noexcept {
    return prefix_bytes >= 4 ? std::size_t{0xffffffffu} : (std::size_t{1} << (8 * prefix_bytes)) - 1;
}

}  // namespace tlswire
