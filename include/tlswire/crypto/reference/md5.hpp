// tlswire/crypto/reference/md5.hpp — MD5 (RFC 1321), constexpr.
//
// MD5 is broken for collision resistance; TLS 1.0/1.1 still use it inside the
// PRF and the Finished/signature hashes (RFC 2246 §5, §7.4.3), which is the
// only reason it is here. Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/crypto/reference/md_common.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference {

struct md5 {
    static constexpr std::size_t digest_size = 16;
    static constexpr std::size_t block_size = 64;
    using state = detail::md_state<std::uint32_t, 4, 64>;

    // RFC 1321 §3.4: T[i] = floor(4294967296 * abs(sin(i))), i = 1..64.
    static constexpr std::array<std::uint32_t, 64> T = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    };
    // RFC 1321 §3.4: the per-step left-rotation amounts of rounds 1–4.
    static constexpr std::array<unsigned, 16> S = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

    // RFC 1321 §3.4: process one 16-word block X (words are little-endian, §3.4 "Decode").
    static constexpr void compress(std::array<std::uint32_t, 4>& h, const std::uint8_t* block) noexcept {
        std::array<std::uint32_t, 16> x{};
        for (std::size_t i = 0; i < 16; ++i) x[i] = detail::load_le<std::uint32_t>(block + 4 * i);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
        for (unsigned i = 0; i < 64; ++i) {
            std::uint32_t f = 0;
            std::size_t k = 0;
            switch (i / 16) {
                case 0: f = (b & c) | (~b & d); k = i; break;              // F, X[i]
                case 1: f = (b & d) | (c & ~d); k = (5 * i + 1) % 16; break; // G
                case 2: f = b ^ c ^ d; k = (3 * i + 5) % 16; break;          // H
                default: f = c ^ (b | ~d); k = (7 * i) % 16; break;          // I
            }
            const std::uint32_t t = d;
            d = c;
            c = b;
            b = b + detail::rotl<std::uint32_t>(a + f + T[i] + x[k], S[(i / 16) * 4 + i % 4]);
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
    }

    // RFC 1321 §3.3: the initial buffer A, B, C, D (written there low byte first).
    static constexpr state init() noexcept { return state{{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}}; }
    static constexpr void update(state& s, bytes_view in) noexcept { detail::md_update<compress>(s, in); }
    // RFC 1321 §3.1–3.2, §3.5: pad, append the 64-bit little-endian bit length, output A..D low byte first.
    static constexpr std::array<std::uint8_t, digest_size> final(state& s) noexcept {
        return detail::md_final<compress, detail::byte_order::little, 8, digest_size>(s);
    }
    static constexpr std::array<std::uint8_t, digest_size> digest(bytes_view in) noexcept {
        state s = init();
        update(s, in);
        return final(s);
    }
};

}  // namespace tlswire::crypto::reference
