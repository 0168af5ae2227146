// tlswire/protection/tls12_aead.hpp — TLS 1.2 AEAD record protection (RFC
// 5246 §6.2.3.3), pure functions over any crypto::aead:
//
//   struct {
//       opaque nonce_explicit[SecurityParameters.record_iv_length];
//       aead-ciphered struct {
//           opaque content[TLSCompressed.length];
//       };
//   } GenericAEADCipher;
//
//   additional_data = seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length
//
// Two nonce constructions, as the cipher suite says (its fixed_iv_length and
// record_iv_length in the registry):
//  * explicit — AES-GCM (RFC 5288 §3), AES-CCM and CCM_8 (RFC 6655 §3, RFC
//    7251 §2): nonce = salt || nonce_explicit, the 4-octet salt being the
//    key block's client/server_write_IV and the 8 explicit octets sent at the
//    start of each record. Sealing uses the sequence number as the explicit
//    part (RFC 5288 §3 allows it; it is what implementations send).
//  * xor — ChaCha20-Poly1305 (RFC 7905 §2): no explicit part; the 12-octet
//    write IV XOR the padded sequence number, as in TLS 1.3.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/codec/context.hpp"
#include "tlswire/crypto/aead.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/protection/epoch.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::protection {

// tls12_nonce — how a TLS 1.2 AEAD suite forms its nonce (see above).
enum class tls12_nonce : std::uint8_t { explicit_nonce, xor_sequence };

// RFC 5288 §3: nonce_explicit is 8 octets.
inline constexpr std::size_t tls12_explicit_nonce_length = 8;

// tls12_aead_epoch<A> — one direction's keys: write key, write IV (the salt
// in the first nonce_size - 8 octets for explicit nonces; the whole IV for
// xor_sequence) and the next record's sequence number.
template <crypto::aead A>
struct tls12_aead_epoch {
    static_assert(A::nonce_size >= tls12_explicit_nonce_length);
    std::array<std::uint8_t, A::key_size> key{};
    std::array<std::uint8_t, A::nonce_size> iv{};
    tls12_nonce nonce = tls12_nonce::explicit_nonce;
    std::uint64_t sequence_number = 0;
};

// tls12_aead_epoch_from<A>(write_key, write_iv) — the epoch for a key block's
// client_write_key/IV or server_write_key/IV (RFC 5246 §6.3). The IV's length
// picks the construction: nonce_size - 8 (the salt: 4 octets) means explicit
// nonces, nonce_size (12 octets) means xor_sequence. Anything else, or a key
// of the wrong size, fails with errc::length_out_of_range.
template <crypto::aead A>
[[nodiscard]] constexpr result<tls12_aead_epoch<A>> tls12_aead_epoch_from(bytes_view write_key,
                                                                         bytes_view write_iv) noexcept {
    tls12_aead_epoch<A> e{};
    if (write_key.size() != A::key_size) return error{errc::length_out_of_range, write_key.size(), "write_key"};
    if (write_iv.size() == A::nonce_size - tls12_explicit_nonce_length)
        e.nonce = tls12_nonce::explicit_nonce;
    else if (write_iv.size() == A::nonce_size)
        e.nonce = tls12_nonce::xor_sequence;
    else
        return error{errc::length_out_of_range, write_iv.size(), "write_IV"};
    for (std::size_t i = 0; i < write_key.size(); ++i) e.key[i] = write_key[i];
    for (std::size_t i = 0; i < write_iv.size(); ++i) e.iv[i] = write_iv[i];
    return e;
}

// tls12_aead_epoch_from<A>(keys, sender) — the same from derive_keys' key
// material, for the records `sender` writes.
template <crypto::aead A>
[[nodiscard]] constexpr result<tls12_aead_epoch<A>> tls12_aead_epoch_from(const tls12::key_material& keys,
                                                                         role sender) noexcept {
    return sender == role::client ? tls12_aead_epoch_from<A>(keys.client_write_key, keys.client_write_iv)
                                  : tls12_aead_epoch_from<A>(keys.server_write_key, keys.server_write_iv);
}

namespace detail {

// tls12_additional_data — seq_num + type + version + length (RFC 5246 §6.2.3.3).
[[nodiscard]] constexpr std::array<std::uint8_t, 13> tls12_additional_data(std::uint64_t seq, content_type type,
                                                                           protocol_version version,
                                                                           std::size_t length) noexcept {
    std::array<std::uint8_t, 13> aad{};
    store_be64(seq, aad.data());
    store_header(type, version, length, aad.data() + 8);
    return aad;
}

template <crypto::aead A>
[[nodiscard]] constexpr std::size_t record_iv_length(const tls12_aead_epoch<A>& e) noexcept {
    return e.nonce == tls12_nonce::explicit_nonce ? tls12_explicit_nonce_length : 0;
}

// tls12_nonce — salt || nonce_explicit, or iv XOR seq.
template <crypto::aead A>
[[nodiscard]] constexpr std::array<std::uint8_t, A::nonce_size> tls12_nonce_for(const tls12_aead_epoch<A>& e,
                                                                                const std::uint8_t* explicit_part) {
    if (e.nonce == tls12_nonce::xor_sequence) return xor_nonce(e.iv, e.sequence_number);
    std::array<std::uint8_t, A::nonce_size> nonce = e.iv;
    constexpr std::size_t salt = A::nonce_size - tls12_explicit_nonce_length;
    for (std::size_t i = 0; i < tls12_explicit_nonce_length; ++i) nonce[salt + i] = explicit_part[i];
    return nonce;
}

}  // namespace detail

// tls12_aead_open(epoch, rec, out, max_fragment) — decrypt one TLS 1.2 AEAD
// record into out (at least the plaintext's length) and advance the epoch.
// max_fragment bounds TLSCompressed.length: 2^14 without compression (RFC
// 5246 §6.2.1); pass 2^14 + 1024 when compression was negotiated (§6.2.2).
// Errors (offsets from the record's first byte; the epoch is unchanged):
//   length_out_of_range  TLSCiphertext.length over 2^14 + 2048 (offset 3,
//                        §6.2.3: record_overflow), or the plaintext over
//                        max_fragment (offset 5)
//   truncated            the fragment ends inside nonce_explicit (offset 5)
//   buffer_overflow      out is too small (offset = the octets needed)
//   bad_record_mac       the AEAD does not authenticate the record (offset 5)
//   illegal_value        the epoch's sequence number is exhausted
template <crypto::aead A, record_protection P>
constexpr result<opened_record> tls12_aead_open(tls12_aead_epoch<A>& epoch, const basic_record<P>& rec,
                                                std::span<std::uint8_t> out,
                                                std::size_t max_fragment = max_plaintext_length) noexcept {
    constexpr std::size_t at_fragment = record_header_length;
    const bytes_view fragment = rec.fragment;
    if (fragment.size() > max_ciphertext_length_tls12) return error{errc::length_out_of_range, 3, "TLSCiphertext.length"};
    const std::size_t iv_length = detail::record_iv_length(epoch);
    if (fragment.size() < iv_length) return error{errc::truncated, at_fragment, "GenericAEADCipher.nonce_explicit"};
    const bytes_view sealed = fragment.subspan(iv_length);
    if (sealed.size() < A::tag_size) return error{errc::bad_record_mac, at_fragment, "GenericAEADCipher"};
    const std::size_t length = sealed.size() - A::tag_size;
    if (length > max_fragment) return error{errc::length_out_of_range, at_fragment, "TLSCompressed.length"};
    if (out.size() < length) return error{errc::buffer_overflow, length, "TLSCompressed.fragment"};
    if (epoch.sequence_number == last_sequence_number) return detail::sequence_exhausted();

    const auto nonce = detail::tls12_nonce_for(epoch, fragment.data());
    const auto aad = detail::tls12_additional_data(epoch.sequence_number, rec.type, rec.legacy_record_version, length);
    if (!A::open(epoch.key, nonce, aad, sealed, out)) return error{errc::bad_record_mac, at_fragment, "GenericAEADCipher"};
    opened_record r{rec.type, bytes_view(out.data(), length), epoch.sequence_number, 0};
    ++epoch.sequence_number;
    return r;
}

// tls12_aead_seal(epoch, type, version, plaintext, out) — write one TLS 1.2
// AEAD record (header, nonce_explicit when the construction has one,
// ciphertext and tag) to the front of out; advance the epoch. Returns the
// record's bytes. plaintext must not overlap out. Errors: length_out_of_range
// (plaintext over 2^14 + 1024, RFC 5246 §6.2.2), buffer_overflow (offset =
// the octets needed), illegal_value (sequence number exhausted).
template <crypto::aead A>
constexpr result<bytes_view> tls12_aead_seal(tls12_aead_epoch<A>& epoch, content_type type, protocol_version version,
                                             bytes_view plaintext, std::span<std::uint8_t> out) noexcept {
    if (plaintext.size() > max_plaintext_length + 1024) return error{errc::length_out_of_range, 0, "TLSCompressed.length"};
    const std::size_t iv_length = detail::record_iv_length(epoch);
    const std::size_t length = iv_length + plaintext.size() + A::tag_size;
    const std::size_t total = record_header_length + length;
    if (out.size() < total) return error{errc::buffer_overflow, total, "TLSCiphertext"};
    if (epoch.sequence_number == last_sequence_number) return detail::sequence_exhausted();

    detail::store_header(type, version, length, out.data());
    std::uint8_t* explicit_part = out.data() + record_header_length;
    if (iv_length != 0) detail::store_be64(epoch.sequence_number, explicit_part);
    const auto nonce = detail::tls12_nonce_for(epoch, explicit_part);
    const auto aad = detail::tls12_additional_data(epoch.sequence_number, type, version, plaintext.size());
    if (!A::seal(epoch.key, nonce, aad, plaintext, out.subspan(record_header_length + iv_length, plaintext.size() + A::tag_size)))
        return error{errc::length_out_of_range, 0, "TLSCompressed.length"};  // not reached: lengths checked above
    ++epoch.sequence_number;
    return bytes_view(out.data(), total);
}

}  // namespace tlswire::protection
