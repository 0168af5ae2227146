// tlswire/crypto/reference/cbc.hpp — the CBC mode (NIST SP 800-38A §6.2)
// without padding, constexpr, over a crypto::block_cipher: AES-128-CBC and
// AES-256-CBC for TLS 1.0–1.2 block-cipher protection (RFC 5246 §6.2.3.2,
// whose record layer pads by itself). A crypto::cbc_cipher.
//
// Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/crypto/aead.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference {

template <block_cipher C>
struct cbc {
    static constexpr std::size_t key_size = C::key_size;
    static constexpr std::size_t block_size = C::block_size;
    using block = std::array<std::uint8_t, block_size>;

    // C_1 = CIPH_K(P_1 XOR IV); C_j = CIPH_K(P_j XOR C_(j-1)) (§6.2).
    [[nodiscard]] static constexpr bool encrypt(std::span<const std::uint8_t, key_size> key,
                                                std::span<const std::uint8_t, block_size> iv, bytes_view in,
                                                std::span<std::uint8_t> out) noexcept {
        if (in.size() % block_size != 0 || out.size() < in.size()) return false;
        const typename C::key_schedule ks = C::expand_key(key);
        block x{};
        for (std::size_t i = 0; i < block_size; ++i) x[i] = iv[i];
        for (std::size_t at = 0; at < in.size(); at += block_size) {
            crypto::detail::xor_into(x.data(), in.data() + at, block_size);
            x = C::encrypt_block(ks, x);
            for (std::size_t i = 0; i < block_size; ++i) out[at + i] = x[i];
        }
        return true;
    }

    // P_1 = CIPH_K^-1(C_1) XOR IV; P_j = CIPH_K^-1(C_j) XOR C_(j-1) (§6.2).
    // Each ciphertext block is read before its plaintext is written, so
    // decrypting in place works.
    [[nodiscard]] static constexpr bool decrypt(std::span<const std::uint8_t, key_size> key,
                                                std::span<const std::uint8_t, block_size> iv, bytes_view in,
                                                std::span<std::uint8_t> out) noexcept {
        if (in.size() % block_size != 0 || out.size() < in.size()) return false;
        const typename C::key_schedule ks = C::expand_key(key);
        block prev{};
        for (std::size_t i = 0; i < block_size; ++i) prev[i] = iv[i];
        for (std::size_t at = 0; at < in.size(); at += block_size) {
            block c{};
            for (std::size_t i = 0; i < block_size; ++i) c[i] = in[at + i];
            block p = C::decrypt_block(ks, c);
            crypto::detail::xor_into(p.data(), prev.data(), block_size);
            for (std::size_t i = 0; i < block_size; ++i) out[at + i] = p[i];
            prev = c;
        }
        return true;
    }
};

}  // namespace tlswire::crypto::reference
