// tlswire/dtls/record_number_encryption.hpp — DTLS 1.3 record number
// encryption (RFC 9147 §4.2.3), as pure functions over the crypto backend.
//
//   Mask = AES-ECB(sn_key, Ciphertext[0..15])                     (AES-based AEADs)
//   Mask = ChaCha20(sn_key, Ciphertext[0..3], Ciphertext[4..15])  (ChaCha20-Poly1305)
//   [sender]_sn_key = HKDF-Expand-Label(Secret, "sn", "", key_length)
// "The encrypted sequence number is computed by XORing the leading bytes of
// the mask with the on-the-wire representation of the sequence number.
// Decryption is accomplished by the same process." The labels use the DTLS
// 1.3 prefix "dtls13" (§5.9), tls13::dtls13_prefix in schedule/tls13.hpp.
//
// ChaCha20: the first 4 bytes are the block counter as RFC 8439 §2.3 reads
// its state words, little-endian (as QUIC's header protection, RFC 9001
// §5.4.4, says in so many words); the next 12 bytes are the nonce.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/reference/chacha20.hpp"
#include "tlswire/dtls/unified_header.hpp"
#include "tlswire/schedule/tls13.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::dtls {

using record_number_mask = std::array<std::uint8_t, 16>;

// derive_sn_key<H>(secret, out) — [sender]_sn_key = HKDF-Expand-Label(Secret,
// "sn", "", key_length) with the "dtls13" prefix; key_length = out.size().
template <crypto::hash H>
constexpr result<void> derive_sn_key(bytes_view secret, std::span<std::uint8_t> out) noexcept {
    return tls13::hkdf_expand_label<H>(secret, "sn", {}, out, tls13::dtls13_prefix.text());
}

// mask_aes<C>(sn_key, encrypted_record) — AES-ECB(sn_key, Ciphertext[0..15])
// for a 16-byte block cipher C (crypto::block_cipher: the reference aes128 /
// aes256, or a backend's). Fails with errc::length_out_of_range when the
// ciphertext is shorter than 16 bytes (§4.2.3: "Receivers MUST reject
// shorter records").
template <crypto::block_cipher C>
    requires(C::block_size == 16)
[[nodiscard]] constexpr result<record_number_mask> mask_aes(std::span<const std::uint8_t, C::key_size> sn_key,
                                                            bytes_view encrypted_record) noexcept {
    if (encrypted_record.size() < min_encrypted_record_length)
        return error{errc::length_out_of_range, encrypted_record.size(), "encrypted_record"};
    std::array<std::uint8_t, 16> in{};
    for (std::size_t i = 0; i < 16; ++i) in[i] = encrypted_record[i];
    const auto ks = C::expand_key(sn_key);
    const auto out = C::encrypt_block(ks, in);
    record_number_mask m{};
    for (std::size_t i = 0; i < 16; ++i) m[i] = out[i];
    return m;
}

// mask_chacha20<Ch>(sn_key, encrypted_record) — the first 16 bytes of the
// ChaCha20 block with counter Ciphertext[0..3] and nonce Ciphertext[4..15].
// Ch provides block(key, counter, nonce) as crypto::reference::chacha20.
template <class Ch = crypto::reference::chacha20>
[[nodiscard]] constexpr result<record_number_mask> mask_chacha20(std::span<const std::uint8_t, 32> sn_key,
                                                                 bytes_view encrypted_record) noexcept {
    if (encrypted_record.size() < min_encrypted_record_length)
        return error{errc::length_out_of_range, encrypted_record.size(), "encrypted_record"};
    const std::uint32_t counter = static_cast<std::uint32_t>(encrypted_record[0]) |
                                  static_cast<std::uint32_t>(encrypted_record[1]) << 8 |
                                  static_cast<std::uint32_t>(encrypted_record[2]) << 16 |
                                  static_cast<std::uint32_t>(encrypted_record[3]) << 24;
    const auto block = Ch::block(sn_key, counter, encrypted_record.subspan(4).template first<12>());
    record_number_mask m{};
    for (std::size_t i = 0; i < 16; ++i) m[i] = block[i];
    return m;
}

// apply_mask(mask, sequence_number, sixteen_bit) — the sequence number as
// the other side of the XOR: encrypted in, plaintext out, and the reverse.
// The on-the-wire representation is 1 byte (S = 0) or 2 bytes big-endian.
[[nodiscard]] constexpr std::uint16_t apply_mask(const record_number_mask& mask, std::uint16_t sequence_number,
                                                 bool sixteen_bit) noexcept {
    if (!sixteen_bit) return static_cast<std::uint16_t>((sequence_number ^ mask[0]) & 0xff);
    return static_cast<std::uint16_t>(sequence_number ^ (mask[0] << 8 | mask[1]));
}

// decrypt_sequence_number(record, mask) — the record's plaintext sequence
// number bits (the low 8 or 16 bits of the 64-bit sequence number, §4.2.2).
[[nodiscard]] constexpr std::uint16_t decrypt_sequence_number(const ciphertext13& record,
                                                              const record_number_mask& mask) noexcept {
    return apply_mask(mask, record.sequence_number, record.sixteen_bit_sequence());
}

}  // namespace tlswire::dtls
