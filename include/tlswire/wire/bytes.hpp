// tlswire/wire/bytes.hpp — the byte-view vocabulary type and small helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

namespace tlswire {

// bytes_view — a borrowed run of bytes. Every opaque field a parse returns is a
// bytes_view into the caller's input: the input must outlive the parsed value.
using bytes_view = std::span<const std::uint8_t>;

// Byte-wise equality that works in constant evaluation (std::ranges::equal
// would too, but this keeps <algorithm> out of the hot headers).
[[nodiscard]] constexpr bool equal_bytes(bytes_view a, bytes_view b) noexcept {
    if (a.size() != b.size()) return false;
    if (!std::is_constant_evaluated()) return a.empty() || __builtin_memcmp(a.data(), b.data(), a.size()) == 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// equal_bytes<N>(a, b) — a[0..N) == b[0..N); the caller checked both sizes.
// A fixed size lets the compiler compare in a few wide loads.
template <std::size_t N>
[[nodiscard]] constexpr bool equal_bytes(const std::uint8_t* a, const std::uint8_t* b) noexcept {
    if (!std::is_constant_evaluated()) return __builtin_memcmp(a, b, N) == 0;
    for (std::size_t i = 0; i < N; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// The largest length an N-byte length prefix can express (N = 1..4).
[[nodiscard]] constexpr std::size_t max_for_prefix(std::size_t prefix_bytes) noexcept {
    return prefix_bytes >= 4 ? std::size_t{0xffffffffu} : (std::size_t{1} << (8 * prefix_bytes)) - 1;
}

}  // namespace tlswire
