// tlswire/crypto/reference/chacha20_poly1305.hpp — AEAD_CHACHA20_POLY1305
// (RFC 8439 §2.8), constexpr. A crypto::aead.
//
// Not hardened against side channels; see reference.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/reference/chacha20.hpp"
#include "tlswire/crypto/reference/poly1305.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::reference {

struct chacha20_poly1305 {
    static constexpr std::size_t key_size = 32;    // K_LEN (§2.8)
    static constexpr std::size_t nonce_size = 12;  // N_MIN = N_MAX
    static constexpr std::size_t tag_size = 16;
    // §2.8: P_MAX = 274,877,906,880 octets (2^32 - 1 blocks of 64 after the
    // one-time key block).
    static constexpr std::uint64_t max_plaintext = 274877906880ull;

    // chacha20_aead_encrypt (§2.8.1): ciphertext || tag into out.
    [[nodiscard]] static constexpr bool seal(std::span<const std::uint8_t, key_size> key,
                                             std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                             bytes_view plaintext, std::span<std::uint8_t> out) noexcept {
        if (plaintext.size() > max_plaintext) return false;
        if (out.size() < plaintext.size() || out.size() - plaintext.size() < tag_size) return false;
        chacha20::xor_stream(key, 1, nonce, plaintext, out);
        const auto t = tag(key, nonce, aad, bytes_view(out.data(), plaintext.size()));
        for (std::size_t i = 0; i < tag_size; ++i) out[plaintext.size() + i] = t[i];
        return true;
    }

    // Decryption (§2.8): the tag over the AAD and the ciphertext is checked
    // first; only then is the ciphertext decrypted, so a failed open writes nothing.
    [[nodiscard]] static constexpr bool open(std::span<const std::uint8_t, key_size> key,
                                             std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                             bytes_view in, std::span<std::uint8_t> out) noexcept {
        std::size_t n = 0;
        if (!crypto::detail::opened_size(in, out, tag_size, max_plaintext, n)) return false;
        const auto t = tag(key, nonce, aad, in.first(n));
        if (!crypto::detail::tags_equal(t.data(), in.data() + n, tag_size)) return false;
        chacha20::xor_stream(key, 1, nonce, in.first(n), out);
        return true;
    }

    // poly1305_key_gen (§2.6): the first 32 bytes of block 0.
    [[nodiscard]] static constexpr std::array<std::uint8_t, 32> one_time_key(
        std::span<const std::uint8_t, key_size> key, std::span<const std::uint8_t, nonce_size> nonce) noexcept {
        const auto b = chacha20::block(key, 0, nonce);
        std::array<std::uint8_t, 32> otk{};
        for (std::size_t i = 0; i < otk.size(); ++i) otk[i] = b[i];
        return otk;
    }

private:
    // mac_data = aad | pad16(aad) | ciphertext | pad16(ciphertext) |
    //            num_to_8_le_bytes(aad.length) | num_to_8_le_bytes(ciphertext.length)   (§2.8.1)
    [[nodiscard]] static constexpr std::array<std::uint8_t, tag_size> tag(std::span<const std::uint8_t, key_size> key,
                                                                         std::span<const std::uint8_t, nonce_size> nonce,
                                                                         bytes_view aad, bytes_view ciphertext) noexcept {
        const std::array<std::uint8_t, 32> otk = one_time_key(key, nonce);
        poly1305 mac(otk);
        const std::array<std::uint8_t, 16> zeros{};
        mac.update(aad);
        mac.update(bytes_view(zeros).first((16 - aad.size() % 16) % 16));
        mac.update(ciphertext);
        mac.update(bytes_view(zeros).first((16 - ciphertext.size() % 16) % 16));
        std::array<std::uint8_t, 16> lengths{};
        const std::uint64_t a = aad.size(), c = ciphertext.size();
        for (std::size_t i = 0; i < 8; ++i) {
            lengths[i] = static_cast<std::uint8_t>(a >> (8 * i));
            lengths[8 + i] = static_cast<std::uint8_t>(c >> (8 * i));
        }
        mac.update(lengths);
        return mac.final();
    }
};

}  // namespace tlswire::crypto::reference
