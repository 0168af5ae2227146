// tlswire/dtls/detect.hpp — telling DTLS by its first bytes: a stream or a
// datagram that starts with a DTLS record, a DTLS 1.3 ciphertext record, the
// handshake message a datagram opens with, a ClientHello's random.
//
// A DTLSPlaintext header (RFC 6347 §4.1, RFC 9147 §4; dtls/record.hpp):
// ContentType 20..26 (RFC 9147 §4.1 adds ack, 26), a version a lenient parse
// accepts (record_version_ok: major 0xFE, or the pre-RFC OpenSSL 0x0100),
// epoch, sequence_number (uint48), length. A bare handshake message has its
// uint24 length where the version would be.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "tlswire/dtls/handshake.hpp"
#include "tlswire/dtls/record.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::dtls {

namespace detail {
// read_first<T>(in) — the T that opens `in`, read leniently (bytes may follow).
template <class T>
[[nodiscard]] constexpr std::optional<T> read_first(bytes_view in) {
    context ctx;
    ctx.mode = strictness::lenient;
    error sink;
    reader r(in, sink);
    T value{};
    described_format::read(r, value, T::wire_name, ctx);
    if (!r.ok()) return std::nullopt;
    return value;
}
}  // namespace detail

// starts_with_record(in) — the type and version of a DTLSPlaintext header
// (3 bytes looked at: enough to tell records from bare messages).
[[nodiscard]] constexpr bool starts_with_record(bytes_view in) noexcept {
    if (in.size() < 3 || in[0] < 20 || in[0] > 26) return false;
    return record_version_ok(static_cast<protocol_version>((in[1] << 8) | in[2]), false);
}

// starts_like_datagram(d) — a whole DTLSPlaintext header whose fragment fits
// the datagram.
[[nodiscard]] constexpr bool starts_like_datagram(bytes_view d) noexcept {
    if (d.size() < record_header_size || !starts_with_record(d)) return false;
    const std::size_t length = (std::size_t{d[11]} << 8) | d[12];
    return length <= d.size() - record_header_size;
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
    if (in.size() <= record_header_size || !starts_with_record(in)) return -1;
    if (in[0] != 22 || in[3] != 0 || in[4] != 0) return -1;
    return in[record_header_size];
}

// first_fragment(in) — the handshake fragment that opens `in` (bare DTLS
// handshake messages): a 12-byte header whose fragment lies inside its
// message and inside `in`.
[[nodiscard]] constexpr std::optional<handshake> first_fragment(bytes_view in) {
    return detail::read_first<handshake>(in);
}

// client_hello_random(d, out) — the random of a ClientHello whose first
// fragment (fragment_offset 0, at least client_version and random) opens
// the datagram's first record, an epoch-0 handshake record (RFC 6347 §4.2.1).
[[nodiscard]] constexpr bool client_hello_random(bytes_view d, std::array<std::uint8_t, 32>& out) {
    const auto rec = detail::read_first<plaintext>(d);
    if (!rec || rec->type != content_type::handshake || rec->epoch != 0) return false;
    const auto h = first_fragment(rec->fragment);
    if (!h || h->msg_type != handshake_type::client_hello || h->fragment_offset != 0 || h->fragment.size() < 2 + 32)
        return false;
    for (std::size_t i = 0; i < 32; ++i) out[i] = h->fragment[2 + i];
    return true;
}

}  // namespace tlswire::dtls
