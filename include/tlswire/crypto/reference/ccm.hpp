// tlswire/crypto/reference/ccm.hpp — Counter with CBC-MAC (RFC 3610; NIST
// SP 800-38C), constexpr, over a 128-bit crypto::block_cipher, for any
// authentication field size M (4, 6, ..., 16) and nonce size 15 - L (L = 2..8).
//
// TLS uses a 12-byte nonce (L = 3) with M = 16 (AES-128-CCM, RFC 5116 §5.3 /
// RFC 6655 / RFC 8446) or M = 8 (AES-128-CCM_8, RFC 6655 §3); RFC 3610's own
// test vectors use a 13-byte nonce (L = 2) and M = 8 or 10. All are the same
// template.
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

// ccm<C, TagSize, NonceSize> — CCM with M = TagSize, L = 15 - NonceSize. A crypto::aead.
template <block_cipher C, std::size_t TagSize, std::size_t NonceSize>
struct ccm {
    static_assert(C::block_size == 16, "RFC 3610 §2: CCM is defined for 128-bit block ciphers");
    static_assert(TagSize >= 4 && TagSize <= 16 && TagSize % 2 == 0, "RFC 3610 §2: M is 4, 6, 8, 10, 12, 14 or 16");
    static_assert(NonceSize >= 7 && NonceSize <= 13, "RFC 3610 §2: L is 2..8, the nonce 15-L octets");

    static constexpr std::size_t key_size = C::key_size;
    static constexpr std::size_t nonce_size = NonceSize;
    static constexpr std::size_t tag_size = TagSize;
    static constexpr std::size_t length_size = 15 - NonceSize;  // L
    // RFC 3610 §2: the message length is an L-octet field: l(m) < 2^(8L).
    static constexpr std::uint64_t max_plaintext =
        length_size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * length_size)) - 1;

    // RFC 3610 §2.2 (authentication) and §2.3 (encryption): c || U into out.
    [[nodiscard]] static constexpr bool seal(std::span<const std::uint8_t, key_size> key,
                                             std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                             bytes_view plaintext, std::span<std::uint8_t> out) noexcept {
        if (plaintext.size() > max_plaintext) return false;
        if (out.size() < plaintext.size() || out.size() - plaintext.size() < tag_size) return false;
        const typename C::key_schedule ks = C::expand_key(key);
        const std::array<std::uint8_t, 16> t = cbc_mac(ks, nonce, aad, plaintext);  // T, from the plaintext
        const std::array<std::uint8_t, 16> s0 = ctr(ks, nonce, plaintext, out);
        for (std::size_t i = 0; i < tag_size; ++i) out[plaintext.size() + i] = static_cast<std::uint8_t>(t[i] ^ s0[i]);
        return true;
    }

    // RFC 3610 §2.5 (decryption and authentication): the tag is over the
    // plaintext, so it can only be checked after decrypting; a failed open
    // overwrites what it decrypted with zeros.
    [[nodiscard]] static constexpr bool open(std::span<const std::uint8_t, key_size> key,
                                             std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                             bytes_view in, std::span<std::uint8_t> out) noexcept {
        std::size_t n = 0;
        if (!crypto::detail::opened_size(in, out, tag_size, max_plaintext, n)) return false;
        std::array<std::uint8_t, tag_size> received{};  // copied first: an in-place decrypt must not lose it
        for (std::size_t i = 0; i < tag_size; ++i) received[i] = in[n + i];
        const typename C::key_schedule ks = C::expand_key(key);
        const std::array<std::uint8_t, 16> s0 = ctr(ks, nonce, in.first(n), out);
        const std::array<std::uint8_t, 16> t = cbc_mac(ks, nonce, aad, bytes_view(out.data(), n));
        std::array<std::uint8_t, tag_size> expected{};
        for (std::size_t i = 0; i < tag_size; ++i) expected[i] = static_cast<std::uint8_t>(t[i] ^ s0[i]);
        if (crypto::detail::tags_equal(expected.data(), received.data(), tag_size)) return true;
        crypto::detail::wipe(out, n);
        return false;
    }

private:
    using block = std::array<std::uint8_t, 16>;

    // CBC-MAC (§2.2): X_1 = E(K, B_0), X_(i+1) = E(K, X_i XOR B_i); T is the
    // first M octets of the last X. B_0 = Flags || Nonce || l(m), Flags = 64
    // Adata + 8 M' + L' with M' = (M-2)/2, L' = L-1. Then, if there is
    // additional data, its encoded length l(a) and a, zero-padded to whole
    // blocks; then the message, zero-padded.
    [[nodiscard]] static constexpr block cbc_mac(const typename C::key_schedule& ks,
                                                 std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                                 bytes_view message) noexcept {
        block x{};
        x[0] = static_cast<std::uint8_t>((aad.empty() ? 0 : 64) + 8 * ((tag_size - 2) / 2) + (length_size - 1));
        for (std::size_t i = 0; i < nonce_size; ++i) x[1 + i] = nonce[i];
        put_length(x, message.size());
        x = C::encrypt_block(ks, x);

        std::size_t fill = 0;  // bytes of the current block B_i absorbed so far
        auto absorb = [&](std::uint8_t b) {
            x[fill] = static_cast<std::uint8_t>(x[fill] ^ b);
            if (++fill == 16) {
                x = C::encrypt_block(ks, x);
                fill = 0;
            }
        };
        auto finish_block = [&] {  // zero padding: XOR with zeros changes nothing
            if (fill != 0) {
                x = C::encrypt_block(ks, x);
                fill = 0;
            }
        };
        if (!aad.empty()) {
            // §2.2: l(a) is 2 octets if 0 < l(a) < 2^16 - 2^8; 0xff 0xfe and 4
            // octets if < 2^32; 0xff 0xff and 8 octets otherwise.
            const std::uint64_t a = aad.size();
            if (a < 0xff00) {
                absorb(static_cast<std::uint8_t>(a >> 8));
                absorb(static_cast<std::uint8_t>(a));
            } else if (a <= 0xffffffffull) {
                absorb(0xff);
                absorb(0xfe);
                for (int i = 3; i >= 0; --i) absorb(static_cast<std::uint8_t>(a >> (8 * i)));
            } else {
                absorb(0xff);
                absorb(0xff);
                for (int i = 7; i >= 0; --i) absorb(static_cast<std::uint8_t>(a >> (8 * i)));
            }
            for (std::uint8_t b : aad) absorb(b);
            finish_block();
        }
        std::size_t i = 0;
        // Whole blocks straight from the message once aligned (fill is 0 here).
        for (; message.size() - i >= 16; i += 16) {
            crypto::detail::xor_into(x.data(), message.data() + i, 16);
            x = C::encrypt_block(ks, x);
        }
        for (; i < message.size(); ++i) absorb(message[i]);
        finish_block();
        return x;
    }

    // CTR (§2.3): A_i = Flags || Nonce || Counter i, Flags = L'; S_i = E(K,
    // A_i); the message is XORed with S_1, S_2, ... Returns S_0, which
    // encrypts the tag. out may be in.
    static constexpr block ctr(const typename C::key_schedule& ks, std::span<const std::uint8_t, nonce_size> nonce,
                               bytes_view in, std::span<std::uint8_t> out) noexcept {
        block a{};
        a[0] = static_cast<std::uint8_t>(length_size - 1);
        for (std::size_t i = 0; i < nonce_size; ++i) a[1 + i] = nonce[i];
        const block s0 = C::encrypt_block(ks, a);
        std::uint64_t counter = 1;
        for (std::size_t i = 0; i < in.size(); i += 16, ++counter) {
            put_length(a, counter);
            const block s = C::encrypt_block(ks, a);
            const std::size_t n = in.size() - i < 16 ? in.size() - i : 16;
            for (std::size_t j = 0; j < n; ++j) out[i + j] = static_cast<std::uint8_t>(in[i + j] ^ s[j]);
        }
        return s0;
    }

    // put_length — v big-endian in the last L octets of a block (l(m) in
    // B_0, the counter in A_i).
    static constexpr void put_length(block& b, std::uint64_t v) noexcept {
        for (std::size_t i = 0; i < length_size; ++i) {
            b[15 - i] = i < 8 ? static_cast<std::uint8_t>(v >> (8 * i)) : std::uint8_t{0};
        }
    }
};

}  // namespace tlswire::crypto::reference
