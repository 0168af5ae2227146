// tlswire/crypto/reference/sha512.hpp — SHA-384 and SHA-512 (FIPS 180-4 §6.4,
// §6.5), constexpr.
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

// FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube
// roots of the first 80 primes.
inline constexpr std::array<std::uint64_t, 80> sha512_k = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
    0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
    0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
    0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
    0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
    0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
    0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

// FIPS 180-4 §6.4.2: the SHA-512 hash computation for one 1024-bit block
// (SHA-384 uses it unchanged, §6.5), with a 16-word circular schedule.
constexpr void sha512_compress(std::array<std::uint64_t, 8>& h, const std::uint8_t* block) noexcept {
    std::array<std::uint64_t, 16> w{};
    for (std::size_t t = 0; t < 16; ++t) w[t] = load_be<std::uint64_t>(block + 8 * t);
    std::uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (std::size_t t = 0; t < 80; ++t) {
        const std::size_t s = t & 15;
        if (t >= 16) {
            const std::uint64_t w15 = w[(s + 1) & 15], w2 = w[(s + 14) & 15];
            const std::uint64_t s0 = rotr(w15, 1) ^ rotr(w15, 8) ^ (w15 >> 7);   // σ0 (§4.1.3)
            const std::uint64_t s1 = rotr(w2, 19) ^ rotr(w2, 61) ^ (w2 >> 6);    // σ1
            w[s] = s1 + w[(s + 9) & 15] + s0 + w[s];
        }
        const std::uint64_t big_s1 = rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41);  // Σ1
        const std::uint64_t ch = (e & f) ^ (~e & g);
        const std::uint64_t t1 = hh + big_s1 + ch + sha512_k[t] + w[s];
        const std::uint64_t big_s0 = rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39);  // Σ0
        const std::uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
        const std::uint64_t t2 = big_s0 + maj;
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

template <std::size_t DigestSize, std::array<std::uint64_t, 8> H0>
struct sha512_family {
    static constexpr std::size_t digest_size = DigestSize;
    static constexpr std::size_t block_size = 128;
    using state = md_state<std::uint64_t, 8, 128>;

    static constexpr state init() noexcept { return state{H0}; }
    static constexpr void update(state& s, bytes_view in) noexcept { md_update<sha512_compress>(s, in); }
    // FIPS 180-4 §5.1.2 padding (128-bit length); the digest is the leading
    // DigestSize octets of H(N), big-endian.
    static constexpr std::array<std::uint8_t, digest_size> final(state& s) noexcept {
        return md_final<sha512_compress, byte_order::big, 16, digest_size>(s);
    }
    static constexpr std::array<std::uint8_t, digest_size> digest(bytes_view in) noexcept {
        state s = init();
        update(s, in);
        return final(s);
    }
};

}  // namespace detail

// SHA-512; H(0) from FIPS 180-4 §5.3.5.
struct sha512 : detail::sha512_family<64, std::array<std::uint64_t, 8>{
                                              0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                              0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                              0x1f83d9abfb41bd6b, 0x5be0cd19137e2179}> {};
// SHA-384; H(0) from FIPS 180-4 §5.3.4, digest truncated to 384 bits (§6.5).
struct sha384 : detail::sha512_family<48, std::array<std::uint64_t, 8>{
                                              0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
                                              0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
                                              0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4}> {};

}  // namespace tlswire::crypto::reference
