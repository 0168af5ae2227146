// tlswire/crypto/reference/chacha20.hpp — the ChaCha20 block function and
// stream cipher (RFC 8439 §2.1–§2.4), constexpr.
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

struct chacha20 {
    static constexpr std::size_t key_size = 32;    // 256-bit key (§2.3)
    static constexpr std::size_t nonce_size = 12;  // 96-bit nonce (§2.3)
    static constexpr std::size_t block_size = 64;

    using key_type = std::span<const std::uint8_t, key_size>;
    using nonce_type = std::span<const std::uint8_t, nonce_size>;
    using block_type = std::array<std::uint8_t, block_size>;

    // chacha20_block(key, counter, nonce) (§2.3): the state is the constants
    // "expand 32-byte k", the key, the block count and the nonce, as
    // little-endian words; 20 rounds (10 column + diagonal double rounds,
    // §2.3.1 inner_block), then the input state is added and the result
    // serialized little-endian.
    [[nodiscard]] static constexpr block_type block(key_type key, std::uint32_t counter, nonce_type nonce) noexcept {
        std::array<std::uint32_t, 16> s{0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
        for (std::size_t i = 0; i < 8; ++i) s[4 + i] = detail::load_le<std::uint32_t>(key.data() + 4 * i);
        s[12] = counter;
        for (std::size_t i = 0; i < 3; ++i) s[13 + i] = detail::load_le<std::uint32_t>(nonce.data() + 4 * i);
        std::array<std::uint32_t, 16> x = s;
        for (int i = 0; i < 10; ++i) {
            quarter_round(x, 0, 4, 8, 12);
            quarter_round(x, 1, 5, 9, 13);
            quarter_round(x, 2, 6, 10, 14);
            quarter_round(x, 3, 7, 11, 15);
            quarter_round(x, 0, 5, 10, 15);
            quarter_round(x, 1, 6, 11, 12);
            quarter_round(x, 2, 7, 8, 13);
            quarter_round(x, 3, 4, 9, 14);
        }
        block_type out{};
        for (std::size_t i = 0; i < 16; ++i) {
            const std::uint32_t w = x[i] + s[i];
            for (std::size_t b = 0; b < 4; ++b) out[4 * i + b] = static_cast<std::uint8_t>(w >> (8 * b));
        }
        return out;
    }

    // chacha20_encrypt(key, counter, nonce, in) (§2.4): in XOR the key stream
    // of blocks counter, counter + 1, ... into out (out.size() >= in.size();
    // out may be in). Decryption is the same operation. The caller keeps
    // in.size() within 2^32 - counter blocks (the block count is 32 bits).
    static constexpr void xor_stream(key_type key, std::uint32_t counter, nonce_type nonce, bytes_view in,
                                     std::span<std::uint8_t> out) noexcept {
        for (std::size_t i = 0; i < in.size(); i += block_size, ++counter) {
            const block_type k = block(key, counter, nonce);
            const std::size_t n = in.size() - i < block_size ? in.size() - i : block_size;
            for (std::size_t j = 0; j < n; ++j) out[i + j] = static_cast<std::uint8_t>(in[i + j] ^ k[j]);
        }
    }

private:
    // The quarter round (§2.1, applied to the state as in §2.2).
    static constexpr void quarter_round(std::array<std::uint32_t, 16>& x, std::size_t a, std::size_t b,
                                        std::size_t c, std::size_t d) noexcept {
        x[a] += x[b]; x[d] ^= x[a]; x[d] = detail::rotl(x[d], 16);
        x[c] += x[d]; x[b] ^= x[c]; x[b] = detail::rotl(x[b], 12);
        x[a] += x[b]; x[d] ^= x[a]; x[d] = detail::rotl(x[d], 8);
        x[c] += x[d]; x[b] ^= x[c]; x[b] = detail::rotl(x[b], 7);
    }
};

}  // namespace tlswire::crypto::reference
