// tlswire/crypto/reference/sha256.hpp — SHA-224 and SHA-256 (FIPS 180-4 §6.2,
// §6.3), constexpr.
//
// Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/crypto/reference/md_common.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference {
namespace detail {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube
// roots of the first 64 primes.
inline constexpr std::array<std::uint32_t, 64> sha256_k = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// FIPS 180-4 §6.2.2: the SHA-256 hash computation for one 512-bit block
// (SHA-224 uses it unchanged, §6.3), with a 16-word circular schedule.
constexpr void sha256_compress(std::array<std::uint32_t, 8>& h, const std::uint8_t* block) noexcept {
    std::array<std::uint32_t, 16> w{};
    for (std::size_t t = 0; t < 16; ++t) w[t] = load_be<std::uint32_t>(block + 4 * t);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (std::size_t t = 0; t < 64; ++t) {
        const std::size_t s = t & 15;
        if (t >= 16) {
            // §6.2.2 step 1: W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}
            const std::uint32_t w15 = w[(s + 1) & 15], w2 = w[(s + 14) & 15];
            const std::uint32_t s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3);
            const std::uint32_t s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10);
            w[s] = s1 + w[(s + 9) & 15] + s0 + w[s];
        }
        const std::uint32_t big_s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);  // Σ1
        const std::uint32_t ch = (e & f) ^ (~e & g);
        const std::uint32_t t1 = hh + big_s1 + ch + sha256_k[t] + w[s];
        const std::uint32_t big_s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);  // Σ0
        const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t2 = big_s0 + maj;
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

template <std::size_t DigestSize, std::array<std::uint32_t, 8> H0>
struct sha256_family {
    static constexpr std::size_t digest_size = DigestSize;
    static constexpr std::size_t block_size = 64;
    using state = md_state<std::uint32_t, 8, 64>;

    static constexpr state init() noexcept { return state{H0}; }
    static constexpr void update(state& s, bytes_view in) noexcept { md_update<sha256_compress>(s, in); }
    // FIPS 180-4 §5.1.1 padding; §6.2.2 / §6.3: the digest is the leading
    // DigestSize octets of H(N), big-endian.
    static constexpr std::array<std::uint8_t, digest_size> final(state& s) noexcept {
        return md_final<sha256_compress, byte_order::big, 8, digest_size>(s);
    }
    static constexpr std::array<std::uint8_t, digest_size> digest(bytes_view in) noexcept {
        state s = init();
        update(s, in);
        return final(s);
    }
};

}  // namespace detail

// SHA-256; H(0) from FIPS 180-4 §5.3.3.
struct sha256 : detail::sha256_family<32, std::array<std::uint32_t, 8>{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}> {};
// SHA-224; H(0) from FIPS 180-4 §5.3.2, digest truncated to 224 bits (§6.3).
struct sha224 : detail::sha256_family<28, std::array<std::uint32_t, 8>{0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                                                      0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4}> {};

}  // namespace tlswire::crypto::reference
