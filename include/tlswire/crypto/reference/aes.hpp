// tlswire/crypto/reference/aes.hpp — the AES block cipher (FIPS-197): AES-128,
// AES-192 and AES-256, constexpr; the crypto::block_cipher the reference
// GCM, CCM and CBC modes are built on.
//
// Byte-oriented, straight from the specification: the state is the 16 input
// bytes in FIPS-197's column order (s[r,c] = in[r + 4c], §3.4), rounds are
// SubBytes, ShiftRows, MixColumns and AddRoundKey (§5.1), decryption is the
// Inverse Cipher (§5.3). The S-box is computed at compile time from its
// definition (§5.1.1: the multiplicative inverse in GF(2^8), then the affine
// transformation), not transcribed.
//
// Not hardened against side channels (table lookups indexed by secret data);
// see reference.hpp and crypto/aead.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/crypto/aead.hpp"

namespace tlswire::crypto::reference {
namespace detail {

// xtime — multiplication by x (i.e. {02}) in GF(2^8) modulo m(x) = x^8 + x^4 +
// x^3 + x + 1 (FIPS-197 §4.2.1).
[[nodiscard]] constexpr std::uint8_t xtime(std::uint8_t b) noexcept {
    return static_cast<std::uint8_t>((b << 1) ^ ((b & 0x80) != 0 ? 0x1b : 0x00));
}

// gf_mul — a • b in GF(2^8) (FIPS-197 §4.2), by repeated xtime (§4.2.1).
[[nodiscard]] constexpr std::uint8_t gf_mul(std::uint8_t a, std::uint8_t b) noexcept {
    std::uint8_t p = 0;
    for (; b != 0; b = static_cast<std::uint8_t>(b >> 1), a = xtime(a))
        if ((b & 1) != 0) p = static_cast<std::uint8_t>(p ^ a);
    return p;
}

struct aes_tables {
    std::array<std::uint8_t, 256> sbox{};
    std::array<std::uint8_t, 256> inv_sbox{};
};

// make_aes_tables — FIPS-197 §5.1.1. {03} generates the multiplicative group
// of GF(2^8), so with exp[i] = {03}^i and log the inverse map, the inverse of
// a != 0 is exp[255 - log[a]] ({00} maps to itself). Then the affine
// transformation b'_i = b_i ^ b_(i+4) ^ b_(i+5) ^ b_(i+6) ^ b_(i+7) ^ c_i with
// c = {63}, i.e. b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4) ^ {63}.
[[nodiscard]] constexpr aes_tables make_aes_tables() noexcept {
    std::array<std::uint8_t, 256> exp{};
    std::array<std::uint8_t, 256> log{};
    std::uint8_t x = 1;
    for (std::size_t i = 0; i < 255; ++i) {
        exp[i] = x;
        log[x] = static_cast<std::uint8_t>(i);
        x = static_cast<std::uint8_t>(x ^ xtime(x));  // x • {03}
    }
    aes_tables t{};
    for (std::size_t a = 0; a < 256; ++a) {
        const std::uint8_t inv = a == 0 ? std::uint8_t{0} : exp[(255 - log[a]) % 255];
        auto rotl8 = [](std::uint8_t v, unsigned n) {
            return static_cast<std::uint8_t>((v << n) | (v >> (8 - n)));
        };
        const auto s = static_cast<std::uint8_t>(inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
                                                 rotl8(inv, 4) ^ 0x63);
        t.sbox[a] = s;
        t.inv_sbox[s] = static_cast<std::uint8_t>(a);
    }
    return t;
}

inline constexpr aes_tables aes_boxes = make_aes_tables();

// FIPS-197 §5.1.1 Figure 7 spot checks: S(00) = 63, S(53) = ed (the §5.1.1
// example), S(ff) = 16; and Figure 14 for the inverse.
static_assert(aes_boxes.sbox[0x00] == 0x63 && aes_boxes.sbox[0x53] == 0xed && aes_boxes.sbox[0xff] == 0x16 &&
              aes_boxes.sbox[0x01] == 0x7c && aes_boxes.inv_sbox[0x63] == 0x00 && aes_boxes.inv_sbox[0xed] == 0x53);

using aes_block = std::array<std::uint8_t, 16>;

// ShiftRows (§5.1.2): row r is rotated left by r; s[r,c] = in[r + 4c].
constexpr void shift_rows(aes_block& s) noexcept {
    const aes_block t = s;
    for (std::size_t c = 0; c < 4; ++c)
        for (std::size_t r = 0; r < 4; ++r) s[r + 4 * c] = t[r + 4 * ((c + r) % 4)];
}
// InvShiftRows (§5.3.1): row r is rotated right by r.
constexpr void inv_shift_rows(aes_block& s) noexcept {
    const aes_block t = s;
    for (std::size_t c = 0; c < 4; ++c)
        for (std::size_t r = 0; r < 4; ++r) s[r + 4 * ((c + r) % 4)] = t[r + 4 * c];
}

// MixColumns (§5.1.3): each column times a(x) = {03}x^3 + {01}x^2 + {01}x + {02}.
constexpr void mix_columns(aes_block& s) noexcept {
    for (std::size_t c = 0; c < 4; ++c) {
        std::uint8_t* col = s.data() + 4 * c;
        const std::uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        const auto all = static_cast<std::uint8_t>(a0 ^ a1 ^ a2 ^ a3);
        // s'_r = {02}a_r ^ {03}a_(r+1) ^ a_(r+2) ^ a_(r+3) = a_r ^ all ^ {02}(a_r ^ a_(r+1))
        col[0] = static_cast<std::uint8_t>(a0 ^ all ^ xtime(static_cast<std::uint8_t>(a0 ^ a1)));
        col[1] = static_cast<std::uint8_t>(a1 ^ all ^ xtime(static_cast<std::uint8_t>(a1 ^ a2)));
        col[2] = static_cast<std::uint8_t>(a2 ^ all ^ xtime(static_cast<std::uint8_t>(a2 ^ a3)));
        col[3] = static_cast<std::uint8_t>(a3 ^ all ^ xtime(static_cast<std::uint8_t>(a3 ^ a0)));
    }
}
// InvMixColumns (§5.3.3): a^-1(x) = {0b}x^3 + {0d}x^2 + {09}x + {0e}.
constexpr void inv_mix_columns(aes_block& s) noexcept {
    for (std::size_t c = 0; c < 4; ++c) {
        std::uint8_t* col = s.data() + 4 * c;
        const std::uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        col[0] = static_cast<std::uint8_t>(gf_mul(a0, 0x0e) ^ gf_mul(a1, 0x0b) ^ gf_mul(a2, 0x0d) ^ gf_mul(a3, 0x09));
        col[1] = static_cast<std::uint8_t>(gf_mul(a0, 0x09) ^ gf_mul(a1, 0x0e) ^ gf_mul(a2, 0x0b) ^ gf_mul(a3, 0x0d));
        col[2] = static_cast<std::uint8_t>(gf_mul(a0, 0x0d) ^ gf_mul(a1, 0x09) ^ gf_mul(a2, 0x0e) ^ gf_mul(a3, 0x0b));
        col[3] = static_cast<std::uint8_t>(gf_mul(a0, 0x0b) ^ gf_mul(a1, 0x0d) ^ gf_mul(a2, 0x09) ^ gf_mul(a3, 0x0e));
    }
}

}  // namespace detail

// aes<Nk> — AES with an Nk-word key: Nk = 4, 6, 8 (FIPS-197 §5, Figure 4:
// Nr = Nk + 6 rounds). A crypto::block_cipher.
template <std::size_t Nk>
struct aes {
    static_assert(Nk == 4 || Nk == 6 || Nk == 8, "FIPS-197 §5: Nk is 4, 6 or 8");
    static constexpr std::size_t key_size = 4 * Nk;
    static constexpr std::size_t block_size = 16;
    static constexpr std::size_t rounds = Nk + 6;  // Nr

    using block = std::array<std::uint8_t, block_size>;

    // key_schedule — the expanded key w[0 .. 4(Nr+1)), as bytes (round key i
    // is w[4i .. 4i+4), 16 bytes in the state's column order).
    struct key_schedule {
        std::array<std::uint8_t, 16 * (rounds + 1)> w{};
    };

    // KeyExpansion (FIPS-197 §5.2).
    [[nodiscard]] static constexpr key_schedule expand_key(std::span<const std::uint8_t, key_size> key) noexcept {
        key_schedule ks{};
        for (std::size_t i = 0; i < key_size; ++i) ks.w[i] = key[i];
        std::uint8_t rcon = 0x01;  // Rcon[i/Nk] = {02}^(i/Nk - 1), 0, 0, 0
        for (std::size_t i = Nk; i < 4 * (rounds + 1); ++i) {
            std::array<std::uint8_t, 4> temp{ks.w[4 * (i - 1)], ks.w[4 * (i - 1) + 1], ks.w[4 * (i - 1) + 2],
                                             ks.w[4 * (i - 1) + 3]};
            if (i % Nk == 0) {
                // temp = SubWord(RotWord(temp)) xor Rcon[i/Nk]
                const std::uint8_t t0 = temp[0];
                temp[0] = static_cast<std::uint8_t>(detail::aes_boxes.sbox[temp[1]] ^ rcon);
                temp[1] = detail::aes_boxes.sbox[temp[2]];
                temp[2] = detail::aes_boxes.sbox[temp[3]];
                temp[3] = detail::aes_boxes.sbox[t0];
                rcon = detail::xtime(rcon);
            } else if (Nk > 6 && i % Nk == 4) {
                for (auto& b : temp) b = detail::aes_boxes.sbox[b];  // SubWord
            }
            for (std::size_t k = 0; k < 4; ++k)
                ks.w[4 * i + k] = static_cast<std::uint8_t>(ks.w[4 * (i - Nk) + k] ^ temp[k]);
        }
        return ks;
    }

    // Cipher (FIPS-197 §5.1, Figure 5).
    [[nodiscard]] static constexpr block encrypt_block(const key_schedule& ks, const block& in) noexcept {
        block s = in;
        add_round_key(s, ks, 0);
        for (std::size_t round = 1; round <= rounds; ++round) {
            for (auto& b : s) b = detail::aes_boxes.sbox[b];  // SubBytes (§5.1.1)
            detail::shift_rows(s);
            if (round != rounds) detail::mix_columns(s);
            add_round_key(s, ks, round);
        }
        return s;
    }

    // InvCipher (FIPS-197 §5.3, Figure 12).
    [[nodiscard]] static constexpr block decrypt_block(const key_schedule& ks, const block& in) noexcept {
        block s = in;
        add_round_key(s, ks, rounds);
        for (std::size_t round = rounds; round-- > 0;) {
            detail::inv_shift_rows(s);
            for (auto& b : s) b = detail::aes_boxes.inv_sbox[b];  // InvSubBytes (§5.3.2)
            add_round_key(s, ks, round);
            if (round != 0) detail::inv_mix_columns(s);
        }
        return s;
    }

private:
    // AddRoundKey (§5.1.4).
    static constexpr void add_round_key(block& s, const key_schedule& ks, std::size_t round) noexcept {
        for (std::size_t i = 0; i < 16; ++i) s[i] = static_cast<std::uint8_t>(s[i] ^ ks.w[16 * round + i]);
    }
};

using aes128 = aes<4>;
using aes192 = aes<6>;
using aes256 = aes<8>;

static_assert(block_cipher<aes128> && block_cipher<aes192> && block_cipher<aes256>);

}  // namespace tlswire::crypto::reference
