// tlswire/protection/tls13.hpp — TLS 1.3 record protection (RFC 8446
// §5.2–§5.4): the per-record nonce, the record header as additional data, and
// TLSInnerPlaintext with its content type and zero padding; pure functions
// over any crypto::aead.
//
//   struct {
//       opaque content[TLSPlaintext.length];
//       ContentType type;
//       uint8 zeros[length_of_padding];
//   } TLSInnerPlaintext;
//
//   struct {
//       ContentType opaque_type = application_data; /* 23 */
//       ProtocolVersion legacy_record_version = 0x0303; /* TLS v1.2 */
//       uint16 length;
//       opaque encrypted_record[TLSCiphertext.length];
//   } TLSCiphertext;
//
// The compatibility ChangeCipherSpec (RFC 8446 §5, Appendix D.4) is not
// protected: a record of type change_cipher_spec holding the single byte 0x01
// may arrive in plaintext among the protected records of the handshake, and
// it takes no sequence number. A caller recognizes it with
// is_compatibility_change_cipher_spec(rec) and skips it without calling
// tls13_open (which would refuse it, its outer type not being
// application_data, and leave the epoch alone anyway). Plaintext alerts
// before the peer has keys are likewise the caller's to route.
//
// The epoch comes from a traffic secret (tls13_epoch_from_secret, RFC 8446
// §7.3); the caller makes a new one at each key change (handshake,
// application, each KeyUpdate, §7.2), which starts again at sequence number 0.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/codec/codec.hpp"
#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/backend.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/protection/epoch.hpp"
#include "tlswire/schedule/tls13.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::protection {

// RFC 8446 §5.4: "the full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1
// octets" (a record_size_limit, RFC 8449, lowers this: pass its value).
inline constexpr std::size_t max_inner_plaintext_length = max_plaintext_length + 1;

// tls13_epoch<A> — one direction's TLS 1.3 keys: [sender]_write_key,
// [sender]_write_iv (RFC 8446 §7.3) and the next record's sequence number.
template <crypto::aead A>
struct tls13_epoch {
    static_assert(A::nonce_size >= 8, "RFC 8446 §5.3: an AEAD with N_MAX < 8 MUST NOT be used with TLS");
    std::array<std::uint8_t, A::key_size> key{};
    std::array<std::uint8_t, A::nonce_size> iv{};
    std::uint64_t sequence_number = 0;
};

// tls13_epoch_from_secret<H, A>(traffic_secret) — RFC 8446 §7.3:
//   [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
//   [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
// with iv_length = the AEAD's nonce length (§5.3), sequence number 0.
template <crypto::hash H, crypto::aead A>
[[nodiscard]] constexpr tls13_epoch<A> tls13_epoch_from_secret(bytes_view traffic_secret,
                                                               tls13::label_prefix prefix = tls13::tls13_prefix) {
    const auto k = tls13::traffic_keys<H, A::key_size, A::nonce_size>(traffic_secret, prefix);
    return tls13_epoch<A>{k.key, k.iv, 0};
}

// tls13_nonce(epoch) — the per-record nonce of the epoch's next record (§5.3).
template <crypto::aead A>
[[nodiscard]] constexpr std::array<std::uint8_t, A::nonce_size> tls13_nonce(const tls13_epoch<A>& e) noexcept {
    return xor_nonce(e.iv, e.sequence_number);
}

// tls13_additional_data(length) — RFC 8446 §5.2:
//   additional_data = TLSCiphertext.opaque_type || TLSCiphertext.legacy_record_version || TLSCiphertext.length
[[nodiscard]] constexpr std::array<std::uint8_t, record_header_length> tls13_additional_data(
    std::size_t length) noexcept {
    std::array<std::uint8_t, record_header_length> aad{};
    detail::store_header(content_type::application_data, protocol_version::tls12, length, aad.data());
    return aad;
}

// is_compatibility_change_cipher_spec(rec) — a plaintext ChangeCipherSpec
// record {0x01} (RFC 8446 §5): not protected, not counted (see above).
template <record_protection P>
[[nodiscard]] constexpr bool is_compatibility_change_cipher_spec(const basic_record<P>& rec) noexcept {
    return rec.type == content_type::change_cipher_spec && rec.fragment.size() == 1 && rec.fragment[0] == 0x01;
}

// tls13_open_encrypted(epoch, additional_data, encrypted_record, out,
// max_inner, at) — the part of tls13_open after the record header: open
// encrypted_record under the epoch's next nonce with the given additional
// data, find the content type (§5.4), advance the epoch. What DTLS 1.3 shares
// with TLS 1.3 (RFC 9147 §4: the same TLSInnerPlaintext, its additional data
// the unified header); `at` is where encrypted_record starts, from the
// record's first byte (the offset of the errors below).
template <crypto::aead A>
constexpr result<opened_record> tls13_open_encrypted(tls13_epoch<A>& epoch, bytes_view additional_data,
                                                     bytes_view encrypted, std::span<std::uint8_t> out,
                                                     std::size_t max_inner, std::size_t at) noexcept {
    // Shorter than a tag: it cannot authenticate (the AEAD would refuse it too).
    if (encrypted.size() < A::tag_size) return error{errc::bad_record_mac, at, "TLSCiphertext.encrypted_record"};
    const std::size_t inner_length = encrypted.size() - A::tag_size;
    if (inner_length > max_inner) return error{errc::length_out_of_range, at, "TLSInnerPlaintext"};
    if (out.size() < inner_length) return error{errc::buffer_overflow, inner_length, "TLSInnerPlaintext"};
    if (epoch.sequence_number == last_sequence_number) return detail::sequence_exhausted();

    const auto nonce = tls13_nonce(epoch);
    if (!A::open(epoch.key, nonce, additional_data, encrypted, out))
        return error{errc::bad_record_mac, at, "TLSCiphertext.encrypted_record"};

    // §5.4: scan from the end for the first non-zero octet: the content type.
    std::size_t type_at = inner_length;
    while (type_at > 0 && out[type_at - 1] == 0) --type_at;
    if (type_at == 0) return error{errc::unexpected_message, at, "TLSInnerPlaintext.type"};
    --type_at;
    const auto type = static_cast<content_type>(out[type_at]);
    if (type_at == 0 && (type == content_type::handshake || type == content_type::alert))
        return error{errc::unexpected_message, at, "TLSInnerPlaintext.content"};
    opened_record r{type, bytes_view(out.data(), type_at), epoch.sequence_number, inner_length - type_at - 1};
    ++epoch.sequence_number;
    return r;
}

// tls13_open(epoch, rec, out, max_inner) — decrypt one TLSCiphertext into
// out (at least rec.fragment.size() - A::tag_size octets), find the content
// type by scanning back over the zero padding (§5.4), and advance the epoch.
// The result's fragment is TLSInnerPlaintext.content, a view into out.
// Errors (offsets from the record's first byte; the epoch is unchanged):
//   illegal_value        opaque_type is not application_data (offset 0), or
//                        legacy_record_version is not 0x0303 (offset 1) (§5.2);
//                        or the epoch's sequence number is exhausted (§5.3)
//   length_out_of_range  TLSCiphertext.length over 2^14 + 256 (offset 3; the
//                        RFC's record_overflow), or TLSInnerPlaintext longer
//                        than max_inner (offset 5; record_overflow, §5.4)
//   buffer_overflow      out is too small (offset = the octets needed)
//   bad_record_mac       the AEAD does not authenticate the record (offset 5; §5.2)
//   unexpected_message   no non-zero octet in the plaintext, or an empty
//                        handshake or alert content (offset 5; §5.4)
template <crypto::aead A, record_protection P>
constexpr result<opened_record> tls13_open(tls13_epoch<A>& epoch, const basic_record<P>& rec,
                                           std::span<std::uint8_t> out,
                                           std::size_t max_inner = max_inner_plaintext_length) noexcept {
    if (rec.type != content_type::application_data) return error{errc::illegal_value, 0, "TLSCiphertext.opaque_type"};
    if (rec.legacy_record_version != protocol_version::tls12)
        return error{errc::illegal_value, 1, "TLSCiphertext.legacy_record_version"};
    const bytes_view encrypted = rec.fragment;
    if (encrypted.size() > max_ciphertext_length_tls13) return error{errc::length_out_of_range, 3, "TLSCiphertext.length"};
    const auto aad = tls13_additional_data(encrypted.size());
    return tls13_open_encrypted(epoch, aad, encrypted, out, max_inner, record_header_length);
}

// tls13_open(epoch, record, out, max_inner) — the same from the bytes of one
// whole record (header and fragment), e.g. a record copied from a trace.
template <crypto::aead A>
constexpr result<opened_record> tls13_open(tls13_epoch<A>& epoch, bytes_view record, std::span<std::uint8_t> out,
                                           std::size_t max_inner = max_inner_plaintext_length) noexcept {
    const result<protected_record_tls13> rec = parse<protected_record_tls13>(record);
    if (!rec) return rec.err();
    return tls13_open(epoch, *rec, out, max_inner);
}

// tls13_seal(epoch, type, content, padding, out) — write one TLSCiphertext
// (header and encrypted_record) carrying `content` of `type` followed by
// `padding` zeros, to the front of out; advance the epoch. Returns the
// record's bytes. content may sit where it will go (out + 5) but must not
// otherwise overlap out. Errors:
//   illegal_value        type 0, which the padding scan could not find (§5.4);
//                        or the epoch's sequence number is exhausted
//   length_out_of_range  content + type + padding over 2^14 + 1 octets (§5.4)
//   buffer_overflow      out is too small (offset = the octets needed)
template <crypto::aead A>
constexpr result<bytes_view> tls13_seal(tls13_epoch<A>& epoch, content_type type, bytes_view content,
                                        std::size_t padding, std::span<std::uint8_t> out) noexcept {
    if (static_cast<std::uint8_t>(type) == 0) return error{errc::illegal_value, 0, "TLSInnerPlaintext.type"};
    if (content.size() >= max_inner_plaintext_length || padding > max_inner_plaintext_length - 1 - content.size())
        return error{errc::length_out_of_range, 0, "TLSInnerPlaintext"};
    const std::size_t inner_length = content.size() + 1 + padding;
    const std::size_t length = inner_length + A::tag_size;
    const std::size_t total = record_header_length + length;
    if (out.size() < total) return error{errc::buffer_overflow, total, "TLSCiphertext"};
    if (epoch.sequence_number == last_sequence_number) return detail::sequence_exhausted();

    std::uint8_t* inner = out.data() + record_header_length;
    detail::copy_forward(content, inner);
    inner[content.size()] = static_cast<std::uint8_t>(type);
    for (std::size_t i = 0; i < padding; ++i) inner[content.size() + 1 + i] = 0;
    detail::store_header(content_type::application_data, protocol_version::tls12, length, out.data());
    const auto nonce = tls13_nonce(epoch);
    const auto aad = tls13_additional_data(length);
    if (!A::seal(epoch.key, nonce, aad, bytes_view(inner, inner_length), out.subspan(record_header_length, length)))
        return error{errc::length_out_of_range, 0, "TLSInnerPlaintext"};  // not reached: lengths checked above
    ++epoch.sequence_number;
    return bytes_view(out.data(), total);
}

}  // namespace tlswire::protection
