// tlswire/crypto/reference/gcm.hpp — GHASH and GCM (NIST SP 800-38D;
// McGrew & Viega, "The Galois/Counter Mode of Operation"), constexpr, over a
// 128-bit crypto::block_cipher: AES-128-GCM and AES-256-GCM of RFC 5116 §5.1
// / §5.2 (96-bit nonce, 128-bit tag).
//
// GHASH multiplies bit by bit (SP 800-38D §6.3, Algorithm 1): slow next to a
// table or carry-less-multiply implementation, but short, obviously the
// specification, and cheap enough to decrypt a TLS record in constant
// evaluation. Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/reference/md_common.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference {
namespace detail {

// u128 — a GCM block as two big-endian 64-bit halves: hi holds bits 0..63
// (the leftmost, x^0 .. x^63 in GCM's reflected convention), lo bits 64..127.
struct u128 {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
};

[[nodiscard]] constexpr u128 load_u128(const std::uint8_t* p) noexcept {
    return {load_be<std::uint64_t>(p), load_be<std::uint64_t>(p + 8)};
}
constexpr void store_u128(u128 v, std::uint8_t* p) noexcept {
    for (std::size_t i = 0; i < 8; ++i) {
        p[i] = static_cast<std::uint8_t>(v.hi >> (56 - 8 * i));
        p[8 + i] = static_cast<std::uint8_t>(v.lo >> (56 - 8 * i));
    }
}

// gf128_mul — X • Y in GF(2^128) (SP 800-38D §6.3, Algorithm 1):
//   Z0 = 0, V0 = Y; for i = 0..127: Z_(i+1) = Z_i ^ V_i if x_i = 1;
//   V_(i+1) = V_i >> 1, XORed with R = 11100001 || 0^120 when LSB1(V_i) = 1.
[[nodiscard]] constexpr u128 gf128_mul(u128 x, u128 y) noexcept {
    u128 z{};
    u128 v = y;
    for (std::size_t i = 0; i < 128; ++i) {
        const std::uint64_t word = i < 64 ? x.hi : x.lo;
        if (((word >> (63 - (i % 64))) & 1) != 0) {
            z.hi ^= v.hi;
            z.lo ^= v.lo;
        }
        const bool lsb = (v.lo & 1) != 0;
        v.lo = (v.lo >> 1) | (v.hi << 63);
        v.hi >>= 1;
        if (lsb) v.hi ^= 0xe100000000000000ull;
    }
    return z;
}

// ghash — GHASH_H over a stream of bytes, each part zero-padded to whole
// blocks (SP 800-38D §7.1 step 5: A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64).
struct ghash {
    u128 h{};
    u128 y{};  // Y_i (§6.4: Y_i = (Y_(i-1) ^ X_i) • H)

    constexpr void block(const std::uint8_t* b) noexcept {
        const u128 x = load_u128(b);
        y.hi ^= x.hi;
        y.lo ^= x.lo;
        y = gf128_mul(y, h);
    }
    // padded — the bytes, then zeros up to the next block boundary.
    constexpr void padded(bytes_view data) noexcept {
        std::size_t i = 0;
        for (; data.size() - i >= 16; i += 16) block(data.data() + i);
        if (i < data.size()) {
            std::array<std::uint8_t, 16> last{};
            for (std::size_t k = 0; i + k < data.size(); ++k) last[k] = data[i + k];
            block(last.data());
        }
    }
    // lengths — the final block: [len(A)]64 || [len(C)]64, in bits.
    constexpr void lengths(std::uint64_t aad_bytes, std::uint64_t text_bytes) noexcept {
        std::array<std::uint8_t, 16> b{};
        store_u128({aad_bytes * 8, text_bytes * 8}, b.data());
        block(b.data());
    }
};

// inc32 — increment the rightmost 32 bits of a counter block mod 2^32 (§6.2).
constexpr void inc32(std::array<std::uint8_t, 16>& cb) noexcept {
    for (std::size_t i = 16; i-- > 12;)
        if (++cb[i] != 0) break;
}

}  // namespace detail

// gcm<C> — GCM over the 128-bit block cipher C with a 96-bit IV and a 128-bit
// tag (RFC 5116 §5.1: N_MIN = N_MAX = 12, tag 16). A crypto::aead.
template <block_cipher C>
struct gcm {
    static_assert(C::block_size == 16, "SP 800-38D §5.1: GCM needs a 128-bit block cipher");
    static constexpr std::size_t key_size = C::key_size;
    static constexpr std::size_t nonce_size = 12;
    static constexpr std::size_t tag_size = 16;
    // SP 800-38D §5.2.1.1: len(P) <= 2^39 - 256 bits; len(A) <= 2^64 - 1 bits.
    static constexpr std::uint64_t max_plaintext = (std::uint64_t{1} << 36) - 32;
    static constexpr std::uint64_t max_aad = (std::uint64_t{1} << 61) - 1;

    // GCM-AE_K(IV, P, A) (SP 800-38D §7.1) -> C || T into out.
    [[nodiscard]] static constexpr bool seal(std::span<const std::uint8_t, key_size> key,
                                             std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                             bytes_view plaintext, std::span<std::uint8_t> out) noexcept {
        if (plaintext.size() > max_plaintext || aad.size() > max_aad) return false;
        if (out.size() < plaintext.size() || out.size() - plaintext.size() < tag_size) return false;
        const state st(key, nonce);
        st.ctr(plaintext, out);
        const std::array<std::uint8_t, 16> t = st.tag(aad, bytes_view(out.data(), plaintext.size()));
        for (std::size_t i = 0; i < tag_size; ++i) out[plaintext.size() + i] = t[i];
        return true;
    }

    // GCM-AD_K(IV, C, A, T) (SP 800-38D §7.2): the tag is checked before
    // anything is decrypted, so a failed open writes nothing.
    [[nodiscard]] static constexpr bool open(std::span<const std::uint8_t, key_size> key,
                                             std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                             bytes_view in, std::span<std::uint8_t> out) noexcept {
        std::size_t n = 0;
        if (!crypto::detail::opened_size(in, out, tag_size, max_plaintext, n) || aad.size() > max_aad) return false;
        const state st(key, nonce);
        const std::array<std::uint8_t, 16> t = st.tag(aad, in.first(n));
        if (!crypto::detail::tags_equal(t.data(), in.data() + n, tag_size)) return false;
        st.ctr(in.first(n), out);
        return true;
    }

private:
    struct state {
        typename C::key_schedule ks;
        std::array<std::uint8_t, 16> j0{};  // pre-counter block (§7.1 step 2: IV || 0^31 || 1)
        detail::u128 h{};                   // hash subkey H = CIPH_K(0^128) (step 1)

        constexpr state(std::span<const std::uint8_t, key_size> key, std::span<const std::uint8_t, nonce_size> nonce)
            : ks(C::expand_key(key)) {
            for (std::size_t i = 0; i < nonce_size; ++i) j0[i] = nonce[i];
            j0[15] = 1;
            const std::array<std::uint8_t, 16> zero{};
            const auto hb = C::encrypt_block(ks, zero);
            h = detail::load_u128(hb.data());
        }

        // GCTR_K(inc32(J0), in) -> out (§6.5, §7.1 step 3). out may be in.
        constexpr void ctr(bytes_view in, std::span<std::uint8_t> out) const {
            std::array<std::uint8_t, 16> cb = j0;
            for (std::size_t i = 0; i < in.size(); i += 16) {
                detail::inc32(cb);
                const auto k = C::encrypt_block(ks, cb);
                const std::size_t n = in.size() - i < 16 ? in.size() - i : 16;
                for (std::size_t j = 0; j < n; ++j) out[i + j] = static_cast<std::uint8_t>(in[i + j] ^ k[j]);
            }
        }

        // T = MSB_t(GCTR_K(J0, S)), S = GHASH_H(A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64)
        // (§7.1 steps 5-6).
        [[nodiscard]] constexpr std::array<std::uint8_t, 16> tag(bytes_view aad, bytes_view ciphertext) const {
            detail::ghash g{h, {}};
            g.padded(aad);
            g.padded(ciphertext);
            g.lengths(aad.size(), ciphertext.size());
            std::array<std::uint8_t, 16> s{};
            detail::store_u128(g.y, s.data());
            const auto ek = C::encrypt_block(ks, j0);
            crypto::detail::xor_into(s.data(), ek.data(), 16);
            return s;
        }
    };
};

}  // namespace tlswire::crypto::reference
