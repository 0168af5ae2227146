// tlswire/fingerprint/text.hpp — where fingerprints are written: a
// fixed-capacity character buffer, and the number formats JA3 (decimal) and
// JA4 (four lowercase hex digits) use.
//
// Fingerprints are computed without allocating and in constant evaluation,
// so they never build a std::string (libstdc++ 12 under clang 14 cannot
// constant-evaluate one). Every fingerprint is written piece by piece to an
// "out" callable, `out(std::string_view)`: a fingerprint_text appends the
// pieces, a digest_writer (digest.hpp) hashes them, and a caller's own
// callable can take them anywhere (the tool appends to a std::string).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tlswire {

// fingerprint_text<N> — up to N characters and their count. What does not
// fit is dropped and `truncated` is set: the text kept is then a prefix of
// the fingerprint, never the fingerprint. Converts to std::string_view,
// which borrows the buffer (keep the fingerprint_text alive while it is used).
template <std::size_t N>
struct fingerprint_text {
    static constexpr std::size_t capacity = N;
    std::array<char, N> chars{};
    std::size_t size = 0;
    bool truncated = false;

    // operator() — append (the "out" callable every writer takes).
    constexpr void operator()(std::string_view s) noexcept {
        for (const char c : s) {
            if (size == N) {
                truncated = true;
                return;
            }
            chars[size++] = c;
        }
    }
    [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars.data(), size}; }
    constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT: implicit on purpose
    friend constexpr bool operator==(const fingerprint_text& a, std::string_view b) noexcept { return a.view() == b; }
};

// fingerprint_text_capacity — what ja3_string, ja3s_string, ja4_r and
// ja4_ro hold by default: 8 KiB, about ten times the longest of these
// fingerprints of any real ClientHello in vectors/ (OpenSSL offering all of
// its 137 suites). A longer one (a ClientHello of some 1,300 suites or more)
// comes back truncated; each function also takes a capacity, and the write_*
// forms have no limit at all.
inline constexpr std::size_t fingerprint_text_capacity = 8192;

namespace detail {

// small_text — a number written out: up to 5 characters.
struct small_text {
    std::array<char, 5> chars{};
    std::size_t size = 0;
    [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars.data(), size}; }
};

// decimal(v) — v in decimal, no leading zeros (JA3: "the decimal values").
[[nodiscard]] constexpr small_text decimal(std::uint16_t v) noexcept {
    small_text t;
    std::array<char, 5> rev{};
    std::size_t n = 0;
    do {
        rev[n++] = static_cast<char>('0' + v % 10);
        v = static_cast<std::uint16_t>(v / 10);
    } while (v != 0);
    while (n > 0) t.chars[t.size++] = rev[--n];
    return t;
}

inline constexpr char hex_digits[] = "0123456789abcdef";

// hex4(v) — v as 4 lowercase hex digits (JA4: "the 4 character hex values
// ... lower case").
// append_hex4(t, v) — the same, at the end of t.
constexpr void append_hex4(small_text& t, std::uint16_t v) noexcept {
    for (int shift = 12; shift >= 0; shift -= 4) t.chars[t.size++] = hex_digits[(v >> shift) & 0xf];
}
[[nodiscard]] constexpr small_text hex4(std::uint16_t v) noexcept {
    small_text t;
    append_hex4(t, v);
    return t;
}

// two_digits(n) — n as two decimal digits, 99 for anything above (JA4's
// counts: "If there's > 99 ... then output "99"").
[[nodiscard]] constexpr std::array<char, 2> two_digits(std::size_t n) noexcept {
    const std::size_t v = n > 99 ? 99 : n;
    return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

}  // namespace detail
}  // namespace tlswire
