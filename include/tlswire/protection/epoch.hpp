// tlswire/protection/epoch.hpp — what every record protection shares: the
// per-direction sequence number (RFC 8446 §5.3, RFC 5246 §6.1), the XOR
// nonce of TLS 1.3 and RFC 7905, the record header as additional data, and
// the result of opening a record.
//
// An epoch is one direction's keys between two key changes: a key, an IV
// (when the construction has one) and the sequence number of the next
// record. The epoch types are small structs (tls13_epoch, tls12_aead_epoch,
// tls12_cbc_epoch in the headers next to this one); the open and seal
// functions take one by reference and advance its sequence number by one per
// record they process successfully. A record that fails (bad MAC, a length
// out of bounds) leaves the epoch as it was, so a caller may try the next
// record under the same keys (a TLS 1.3 server skips 0-RTT records it cannot
// decrypt this way, RFC 8446 §4.2.10) or stop: both are the caller's policy.
//
// Errors are tlswire error values. Their offsets count from the first byte of
// the record (its content type): add the record's own offset for an absolute
// position. Nothing here allocates or throws; plaintext is written only into
// the caller's buffer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/registry/content_type.hpp"
#include "tlswire/registry/protocol_version.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::protection {

// record_header_length — ContentType, ProtocolVersion, uint16 length (RFC 8446 §5.1).
inline constexpr std::size_t record_header_length = 5;

// opened_record — what a protected record held.
struct opened_record {
    content_type type{};                // TLS 1.3: TLSInnerPlaintext.type; TLS 1.2: the record's type
    bytes_view fragment{};              // the plaintext (TLSInnerPlaintext.content / TLSCompressed.fragment),
                                        // a view into the caller's output buffer
    std::uint64_t sequence_number = 0;  // the record's sequence number in its epoch
    std::size_t padding = 0;            // TLS 1.3: zeros after the type (§5.4); CBC: padding_length + 1
};

// RFC 8446 §5.3 / RFC 5246 §6.1: sequence numbers are 64-bit and must not
// wrap; an endpoint rekeys or closes before. The epochs refuse a record when
// the counter is at its last value, 2^64 - 1, so that it never wraps.
inline constexpr std::uint64_t last_sequence_number = ~std::uint64_t{0};

namespace detail {

// sequence_exhausted — the error for an epoch whose counter cannot advance.
[[nodiscard]] constexpr error sequence_exhausted() noexcept {
    return error{errc::illegal_value, 0, "sequence_number"};
}

// store_be64 — seq_num in network byte order (RFC 5246 §6.2.3.1 "uint64 seq_num").
constexpr void store_be64(std::uint64_t v, std::uint8_t* out) noexcept {
    for (std::size_t i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
}

// header — ContentType || ProtocolVersion || uint16 length, as the record
// header and as TLS 1.3's additional data (RFC 8446 §5.2).
constexpr void store_header(content_type type, protocol_version version, std::size_t length,
                            std::uint8_t* out) noexcept {
    out[0] = static_cast<std::uint8_t>(type);
    out[1] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(version) >> 8);
    out[2] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(version));
    out[3] = static_cast<std::uint8_t>(length >> 8);
    out[4] = static_cast<std::uint8_t>(length);
}

// copy_forward — out[i] = in[i], front to back: a copy to the same place or
// to a lower address is safe (the only overlaps the seal functions allow).
constexpr void copy_forward(bytes_view in, std::uint8_t* out) noexcept {
    if (in.data() == out) return;
    for (std::size_t i = 0; i < in.size(); ++i) out[i] = in[i];
}

}  // namespace detail

// xor_nonce(iv, seq) — RFC 8446 §5.3 (and RFC 7905 §2 for TLS 1.2
// ChaCha20-Poly1305): the 64-bit sequence number in network byte order,
// padded on the left with zeros to the IV's length, XORed with the IV.
template <std::size_t N>
[[nodiscard]] constexpr std::array<std::uint8_t, N> xor_nonce(const std::array<std::uint8_t, N>& iv,
                                                              std::uint64_t seq) noexcept {
    static_assert(N >= 8, "RFC 8446 §5.3: iv_length is at least 8");
    std::array<std::uint8_t, N> nonce = iv;
    for (std::size_t i = 0; i < 8; ++i) nonce[N - 1 - i] = static_cast<std::uint8_t>(nonce[N - 1 - i] ^ (seq >> (8 * i)));
    return nonce;
}

}  // namespace tlswire::protection
