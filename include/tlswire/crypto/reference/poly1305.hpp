// tlswire/crypto/reference/poly1305.hpp — the Poly1305 one-time authenticator
// (RFC 8439 §2.5), constexpr and incremental.
//
// The accumulator and r are 130-bit numbers held in five 26-bit limbs, so
// every product fits a 64-bit word without compiler extensions (no
// __int128). Reduction uses 2^130 = 5 (mod p), p = 2^130 - 5: the limbs of a
// product that land at or above 2^130 come back multiplied by 5.
//
// Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/crypto/reference/md_common.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference {

class poly1305 {
public:
    static constexpr std::size_t key_size = 32;  // r || s (§2.5)
    static constexpr std::size_t tag_size = 16;

    // The key: r (clamped, §2.5: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff)
    // and s, both little-endian.
    constexpr explicit poly1305(std::span<const std::uint8_t, key_size> key) noexcept {
        const std::uint32_t t0 = detail::load_le<std::uint32_t>(key.data());
        const std::uint32_t t1 = detail::load_le<std::uint32_t>(key.data() + 4);
        const std::uint32_t t2 = detail::load_le<std::uint32_t>(key.data() + 8);
        const std::uint32_t t3 = detail::load_le<std::uint32_t>(key.data() + 12);
        // The clamp, applied while splitting r into 26-bit limbs.
        r_[0] = t0 & 0x3ffffff;
        r_[1] = ((t0 >> 26) | (t1 << 6)) & 0x3ffff03;
        r_[2] = ((t1 >> 20) | (t2 << 12)) & 0x3ffc0ff;
        r_[3] = ((t2 >> 14) | (t3 << 18)) & 0x3f03fff;
        r_[4] = (t3 >> 8) & 0x00fffff;
        for (std::size_t i = 0; i < 4; ++i) s_[i] = detail::load_le<std::uint32_t>(key.data() + 16 + 4 * i);
    }

    // update — more message bytes; blocks are 16 bytes, the last may be shorter.
    constexpr void update(bytes_view in) noexcept {
        std::size_t i = 0;
        if (buf_len_ != 0) {
            while (buf_len_ < 16 && i < in.size()) buf_[buf_len_++] = in[i++];
            if (buf_len_ < 16) return;
            block(buf_.data(), true);
            buf_len_ = 0;
        }
        for (; in.size() - i >= 16; i += 16) block(in.data() + i, true);
        while (i < in.size()) buf_[buf_len_++] = in[i++];
    }

    // final — the tag (§2.5.1: a += s; num_to_16_le_bytes(a)). Consumes the state.
    [[nodiscard]] constexpr std::array<std::uint8_t, tag_size> final() noexcept {
        if (buf_len_ != 0) {
            // The short last block: its bytes, then 0x01, then zeros; no 2^128 bit.
            buf_[buf_len_++] = 1;
            while (buf_len_ < 16) buf_[buf_len_++] = 0;
            block(buf_.data(), false);
            buf_len_ = 0;
        }
        // Carry fully: two passes leave every limb below 2^26 and h below
        // 2^130 (the first may wrap a carry out of 2^130 back into h0 as 5;
        // the second settles that).
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t k = 0; k < 4; ++k) {
                h_[k + 1] += h_[k] >> 26;
                h_[k] &= 0x3ffffff;
            }
            h_[0] += (h_[4] >> 26) * 5;
            h_[4] &= 0x3ffffff;
        }
        // h mod p: compute g = h + 5 - 2^130; if it does not borrow, h >= p and g is the result.
        std::array<std::uint32_t, 5> g{};
        std::uint32_t c = 5;
        for (std::size_t k = 0; k < 5; ++k) {
            g[k] = h_[k] + c;
            c = g[k] >> 26;
            g[k] &= 0x3ffffff;
        }
        const bool h_ge_p = c != 0;  // the carry out of bit 130: h + 5 >= 2^130
        const std::array<std::uint32_t, 5>& v = h_ge_p ? g : h_;
        // The low 128 bits as four 32-bit words, then + s mod 2^128.
        const std::array<std::uint32_t, 4> w{v[0] | (v[1] << 26), (v[1] >> 6) | (v[2] << 20),
                                             (v[2] >> 12) | (v[3] << 14), (v[3] >> 18) | (v[4] << 8)};
        std::array<std::uint8_t, tag_size> tag{};
        std::uint64_t carry = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            carry += std::uint64_t{w[k]} + s_[k];
            for (std::size_t b = 0; b < 4; ++b) tag[4 * k + b] = static_cast<std::uint8_t>(carry >> (8 * b));
            carry >>= 32;
        }
        return tag;
    }

    // mac(key, message) — one shot (§2.5.1 poly1305_mac).
    [[nodiscard]] static constexpr std::array<std::uint8_t, tag_size> mac(std::span<const std::uint8_t, key_size> key,
                                                                         bytes_view message) noexcept {
        poly1305 p(key);
        p.update(message);
        return p.final();
    }

private:
    // block — a = ((a + n) * r) % p, with n the 16 bytes read little-endian
    // plus 2^128 for a full block (§2.5: "add one bit beyond the number of octets").
    constexpr void block(const std::uint8_t* m, bool full) noexcept {
        const std::uint32_t t0 = detail::load_le<std::uint32_t>(m);
        const std::uint32_t t1 = detail::load_le<std::uint32_t>(m + 4);
        const std::uint32_t t2 = detail::load_le<std::uint32_t>(m + 8);
        const std::uint32_t t3 = detail::load_le<std::uint32_t>(m + 12);
        h_[0] += t0 & 0x3ffffff;
        h_[1] += ((t0 >> 26) | (t1 << 6)) & 0x3ffffff;
        h_[2] += ((t1 >> 20) | (t2 << 12)) & 0x3ffffff;
        h_[3] += ((t2 >> 14) | (t3 << 18)) & 0x3ffffff;
        h_[4] += (t3 >> 8) | (full ? (1u << 24) : 0u);

        // d_i = sum over j+k = i of h_j r_k, where terms with j + k >= 5 wrap
        // to i = j + k - 5 multiplied by 5 (2^130 = 5 mod p).
        using u64 = std::uint64_t;
        const u64 r0 = r_[0], r1 = r_[1], r2 = r_[2], r3 = r_[3], r4 = r_[4];
        const u64 s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
        const u64 h0 = h_[0], h1 = h_[1], h2 = h_[2], h3 = h_[3], h4 = h_[4];
        u64 d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
        u64 d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
        u64 d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
        u64 d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
        u64 d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
        // Partial carry back to 26-bit limbs (h stays below 2^131: the next
        // block's products still fit 64 bits).
        d1 += d0 >> 26;
        d2 += d1 >> 26;
        d3 += d2 >> 26;
        d4 += d3 >> 26;
        u64 top = d4 >> 26;
        h_[0] = static_cast<std::uint32_t>(d0 & 0x3ffffff);
        h_[1] = static_cast<std::uint32_t>(d1 & 0x3ffffff);
        h_[2] = static_cast<std::uint32_t>(d2 & 0x3ffffff);
        h_[3] = static_cast<std::uint32_t>(d3 & 0x3ffffff);
        h_[4] = static_cast<std::uint32_t>(d4 & 0x3ffffff);
        top = top * 5 + h_[0];
        h_[0] = static_cast<std::uint32_t>(top & 0x3ffffff);
        h_[1] += static_cast<std::uint32_t>(top >> 26);
    }

    std::array<std::uint32_t, 5> r_{};
    std::array<std::uint32_t, 4> s_{};
    std::array<std::uint32_t, 5> h_{};  // the accumulator
    std::array<std::uint8_t, 16> buf_{};
    std::size_t buf_len_ = 0;
};

}  // namespace tlswire::crypto::reference
