// tlswire/crypto/reference/sha1.hpp — SHA-1 (FIPS 180-4 §6.1), constexpr.
//
// Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/crypto/reference/md_common.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference {

struct sha1 {
    static constexpr std::size_t digest_size = 20;
    static constexpr std::size_t block_size = 64;
    using state = detail::md_state<std::uint32_t, 5, 64>;

    // FIPS 180-4 §6.1.2: the hash computation for one 512-bit block, with the
    // 16-word circular message schedule (§6.1.3's alternative method) so the
    // schedule is 16 words rather than 80.
    static constexpr void compress(std::array<std::uint32_t, 5>& h, const std::uint8_t* block) noexcept {
        std::array<std::uint32_t, 16> w{};
        for (std::size_t t = 0; t < 16; ++t) w[t] = detail::load_be<std::uint32_t>(block + 4 * t);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (std::size_t t = 0; t < 80; ++t) {
            const std::size_t s = t & 15;
            if (t >= 16)
                w[s] = detail::rotl<std::uint32_t>(w[(s + 13) & 15] ^ w[(s + 8) & 15] ^ w[(s + 2) & 15] ^ w[s], 1);
            std::uint32_t f = 0, k = 0;  // FIPS 180-4 §4.1.1 f_t and §4.2.1 K_t
            if (t < 20) f = (b & c) ^ (~b & d), k = 0x5a827999;          // Ch
            else if (t < 40) f = b ^ c ^ d, k = 0x6ed9eba1;              // Parity
            else if (t < 60) f = (b & c) ^ (b & d) ^ (c & d), k = 0x8f1bbcdc;  // Maj
            else f = b ^ c ^ d, k = 0xca62c1d6;                          // Parity
            const std::uint32_t tmp = detail::rotl<std::uint32_t>(a, 5) + f + e + k + w[s];
            e = d;
            d = c;
            c = detail::rotl<std::uint32_t>(b, 30);
            b = a;
            a = tmp;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }

    // FIPS 180-4 §5.3.1: H(0).
    static constexpr state init() noexcept {
        return state{{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}};
    }
    static constexpr void update(state& s, bytes_view in) noexcept { detail::md_update<compress>(s, in); }
    // FIPS 180-4 §5.1.1 padding; the digest is H(N) big-endian.
    static constexpr std::array<std::uint8_t, digest_size> final(state& s) noexcept {
        return detail::md_final<compress, detail::byte_order::big, 8, digest_size>(s);
    }
    static constexpr std::array<std::uint8_t, digest_size> digest(bytes_view in) noexcept {
        state s = init();
        update(s, in);
        return final(s);
    }
};

}  // namespace tlswire::crypto::reference
