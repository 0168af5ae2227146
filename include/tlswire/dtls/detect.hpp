// tlswire/dtls/detect.hpp — telling DTLS by its first bytes: a stream or a
// datagram that starts with a DTLS record, a DTLS 1.3 ciphertext record, the
// handshake message a datagram opens with, a ClientHello's random.
//
// A DTLSPlaintext header (RFC 6347 §4.1, RFC 9147 §4): ContentType 20..26
// (RFC 9147 §4.1 adds ack, 26), a version of major 0xFE (RFC 6347 §4.1) or
// the pre-RFC OpenSSL 0x0100, epoch, sequence_number (uint48), length. A
// bare handshake message has its uint24 length where the version would be.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/wire/bytes.hpp"

namespace tlswire::dtls {

inline constexpr std::size_t plaintext_header_length = 13;

// starts_with_record(in) — the type and version of a DTLSPlaintext header
// (3 bytes looked at: enough to tell records from bare messages).
[[nodiscard]] constexpr bool starts_with_record(bytes_view in) noexcept {
    return in.size() >= 3 && in[0] >= 20 && in[0] <= 26 && (in[1] == 0xfe || (in[1] == 0x01 && in[2] == 0x00));
}

// starts_like_datagram(d) — a whole DTLSPlaintext header whose fragment fits
// the datagram.
[[nodiscard]] constexpr bool starts_like_datagram(bytes_view d) noexcept {
    if (d.size() < plaintext_header_length || !starts_with_record(d)) return false;
    const std::size_t length = (std::size_t{d[11]} << 8) | d[12];
    return length <= d.size() - plaintext_header_length;
}

// starts_with_ciphertext(d) — a DTLS 1.3 unified header's first byte
// (RFC 9147 §4: the fixed bits 001).
[[nodiscard]] constexpr bool starts_with_ciphertext(bytes_view d) noexcept {
    return !d.empty() && (d[0] & 0xe0u) == 0x20u;
}

// first_handshake_type(in) — the msg_type of the first fragment (RFC 6347
// §4.2.2: the byte after the record header) when `in` starts with an epoch-0
// handshake record, else -1.
[[nodiscard]] constexpr int first_handshake_type(bytes_view in) noexcept {
    if (in.size() <= plaintext_header_length || !starts_with_record(in)) return -1;
    if (in[0] != 22 || in[3] != 0 || in[4] != 0) return -1;
    return in[plaintext_header_length];
}

// client_hello_random(d, out) — the random of a ClientHello whose first
// fragment (fragment_offset 0) opens the datagram: after the 12-byte
// handshake header come client_version and random (RFC 6347 §4.2.1).
[[nodiscard]] constexpr bool client_hello_random(bytes_view d, std::array<std::uint8_t, 32>& out) noexcept {
    constexpr std::size_t h = plaintext_header_length;
    constexpr std::size_t random_at = h + 12 + 2;
    if (!starts_like_datagram(d) || first_handshake_type(d) != 1 || d.size() < random_at + 32) return false;
    const std::size_t record_length = (std::size_t{d[11]} << 8) | d[12];
    if (record_length < 12 + 2 + 32) return false;
    if (d[h + 6] != 0 || d[h + 7] != 0 || d[h + 8] != 0) return false;  // fragment_offset
    const std::size_t fragment_length = (std::size_t{d[h + 9]} << 16) | (std::size_t{d[h + 10]} << 8) | d[h + 11];
    if (fragment_length < 2 + 32) return false;
    for (std::size_t i = 0; i < 32; ++i) out[i] = d[random_at + i];
    return true;
}

}  // namespace tlswire::dtls
