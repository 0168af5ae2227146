// tlswire/crypto/reference/md_common.hpp — the Merkle–Damgård framing shared
// by MD5 (RFC 1321 §3.1–3.2) and the SHA family (FIPS 180-4 §5.1): buffer
// input into whole blocks, run the compression function on each, and pad the
// last block with 0x80, zeros and the message length in bits.
//
// Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference::detail {

template <class Word>
[[nodiscard]] constexpr Word rotl(Word x, unsigned n) noexcept {
    constexpr unsigned bits = sizeof(Word) * 8;
    return static_cast<Word>((x << n) | (x >> ((bits - n) % bits)));
}
template <class Word>
[[nodiscard]] constexpr Word rotr(Word x, unsigned n) noexcept {
    constexpr unsigned bits = sizeof(Word) * 8;
    return static_cast<Word>((x >> n) | (x << ((bits - n) % bits)));
}

// Loads/stores of one word from/to bytes, in either byte order. Written out
// byte by byte so they work in constant evaluation (no reinterpret_cast).
template <class Word>
[[nodiscard]] constexpr Word load_be(const std::uint8_t* p) noexcept {
    Word w = 0;
    for (std::size_t i = 0; i < sizeof(Word); ++i) w = static_cast<Word>((w << 8) | p[i]);
    return w;
}
template <class Word>
[[nodiscard]] constexpr Word load_le(const std::uint8_t* p) noexcept {
    Word w = 0;
    for (std::size_t i = sizeof(Word); i-- > 0;) w = static_cast<Word>((w << 8) | p[i]);
    return w;
}

enum class byte_order : bool { big, little };

// md_state — chaining value, a partial block, and the total length so far.
template <class Word, std::size_t Words, std::size_t BlockSize>
struct md_state {
    std::array<Word, Words> h{};
    std::array<std::uint8_t, BlockSize> buf{};
    std::size_t buf_len = 0;
    std::uint64_t total = 0;  // bytes; 2^64 bytes is far beyond any TLS use
};

// md_update — feed bytes; Compress(h, block) is called once per full block,
// directly on the caller's bytes when no partial block is pending.
template <auto Compress, class Word, std::size_t Words, std::size_t BlockSize>
constexpr void md_update(md_state<Word, Words, BlockSize>& s, bytes_view in) noexcept {
    std::size_t i = 0;
    const std::size_t n = in.size();
    s.total += n;
    if (s.buf_len != 0) {
        while (s.buf_len < BlockSize && i < n) s.buf[s.buf_len++] = in[i++];
        if (s.buf_len < BlockSize) return;
        Compress(s.h, s.buf.data());
        s.buf_len = 0;
    }
    for (; n - i >= BlockSize; i += BlockSize) Compress(s.h, in.data() + i);
    while (i < n) s.buf[s.buf_len++] = in[i++];
}

// md_final — pad and finish; writes the first OutBytes of the chaining value.
// LengthBytes is the size of the trailing bit-length field (8 for MD5, SHA-1,
// SHA-256; 16 for SHA-512 whose upper half is zero for any real input).
template <auto Compress, byte_order Order, std::size_t LengthBytes, std::size_t OutBytes, class Word,
          std::size_t Words, std::size_t BlockSize>
constexpr std::array<std::uint8_t, OutBytes> md_final(md_state<Word, Words, BlockSize>& s) noexcept {
    const std::uint64_t bit_len_lo = s.total << 3;
    const std::uint64_t bit_len_hi = s.total >> 61;
    s.buf[s.buf_len++] = 0x80;
    if (s.buf_len > BlockSize - LengthBytes) {
        while (s.buf_len < BlockSize) s.buf[s.buf_len++] = 0;
        Compress(s.h, s.buf.data());
        s.buf_len = 0;
    }
    while (s.buf_len < BlockSize) s.buf[s.buf_len++] = 0;
    std::uint8_t* len = s.buf.data() + (BlockSize - LengthBytes);
    for (std::size_t k = 0; k < LengthBytes; ++k) {
        // Byte k of the length field, counting from its least significant byte.
        const std::size_t lsb_index = Order == byte_order::big ? LengthBytes - 1 - k : k;
        const std::uint64_t part = lsb_index < 8 ? bit_len_lo : bit_len_hi;
        len[k] = static_cast<std::uint8_t>(part >> (8 * (lsb_index % 8)));
    }
    Compress(s.h, s.buf.data());
    s.buf_len = 0;

    std::array<std::uint8_t, OutBytes> out{};
    for (std::size_t k = 0; k < OutBytes; ++k) {
        const Word w = s.h[k / sizeof(Word)];
        const std::size_t b = k % sizeof(Word);
        const std::size_t shift = Order == byte_order::big ? 8 * (sizeof(Word) - 1 - b) : 8 * b;
        out[k] = static_cast<std::uint8_t>(w >> shift);
    }
    return out;
}

}  // namespace tlswire::crypto::reference::detail
