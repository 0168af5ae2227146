// tlswire/schedule/signed_content.hpp — the exact bytes each handshake
// signature covers.
//
// These are what a signer signs and a verifier checks (the signature scheme
// then hashes them itself, e.g. rsa_pss_rsae_sha256 hashes with SHA-256).
// Each function writes through tlswire::writer, so the output can go to a
// caller's fixed buffer, a std::vector or a size counter.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "tlswire/crypto/backend.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"
#include "tlswire/wire/writer.hpp"

namespace tlswire::schedule {

// signer — who produced the CertificateVerify.
enum class signer : std::uint8_t { client, server };

// RFC 8446 §4.4.3 context strings.
inline constexpr std::string_view server_certificate_verify_context = "TLS 1.3, server CertificateVerify";
inline constexpr std::string_view client_certificate_verify_context = "TLS 1.3, client CertificateVerify";

[[nodiscard]] constexpr std::string_view certificate_verify_context(signer who) noexcept {
    return who == signer::server ? server_certificate_verify_context : client_certificate_verify_context;
}

// The content's length for a transcript hash of `hash_length` octets:
// 64 spaces + 33-octet context string + 0x00 + hash.
[[nodiscard]] constexpr std::size_t tls13_certificate_verify_content_length(std::size_t hash_length) noexcept {
    return 64 + server_certificate_verify_context.size() + 1 + hash_length;
}

// write_tls13_certificate_verify_content(w, who, transcript_hash) — RFC 8446 §4.4.3:
// the digital signature covers
//   - 64 octets of 0x20 (space),
//   - the context string ("TLS 1.3, server CertificateVerify" or
//     "TLS 1.3, client CertificateVerify"),
//   - a single 0 octet separator,
//   - Transcript-Hash(Handshake Context, Certificate).
constexpr void write_tls13_certificate_verify_content(writer& w, signer who, bytes_view transcript_hash) {
    for (std::size_t i = 0; i < 64; ++i) w.u8(0x20);
    for (char c : certificate_verify_context(who)) w.u8(static_cast<std::uint8_t>(c));
    w.u8(0x00);
    w.bytes(transcript_hash);
}

// tls13_certificate_verify_content<H>(who, transcript_hash) — the same as a
// fixed-size array (98 + Hash.length octets).
template <crypto::hash H>
[[nodiscard]] constexpr std::array<std::uint8_t, 98 + H::digest_size> tls13_certificate_verify_content(
    signer who, const crypto::digest<H>& transcript_hash) {
    static_assert(98 + H::digest_size == tls13_certificate_verify_content_length(H::digest_size));
    std::array<std::uint8_t, 98 + H::digest_size> out{};
    writer w(out);
    write_tls13_certificate_verify_content(w, who, transcript_hash);
    return out;
}

// tls12_certificate_verify_content(handshake_messages) — RFC 5246 §7.4.8:
// the TLS 1.2 CertificateVerify signs handshake_messages themselves, every
// handshake message from ClientHello up to (not including) CertificateVerify,
// headers included — the same bytes the transcript hashes. So the content is
// the caller's buffer of those messages, returned unchanged (TLS 1.0/1.1,
// RFC 2246 §7.4.8, sign MD5+SHA-1 of the same bytes: digest<md5_sha1>).
[[nodiscard]] constexpr bytes_view tls12_certificate_verify_content(bytes_view handshake_messages) noexcept {
    return handshake_messages;
}

// write_server_key_exchange_content(w, client_random, server_random, params) —
// RFC 5246 §7.4.3 (and RFC 2246 / 4346 §7.4.3, RFC 8422 §5.4): the
// ServerKeyExchange signature covers
//   ClientHello.random + ServerHello.random + ServerKeyExchange.params
// where params is the encoded ServerDHParams / ServerECDHParams as sent
// (everything before the signature). Randoms must be 32 octets
// (errc::illegal_value otherwise).
constexpr void write_server_key_exchange_content(writer& w, bytes_view client_random, bytes_view server_random,
                                                 bytes_view params) {
    if (client_random.size() != 32) {
        w.fail(errc::illegal_value, "ClientHello.random");
        return;
    }
    if (server_random.size() != 32) {
        w.fail(errc::illegal_value, "ServerHello.random");
        return;
    }
    w.bytes(client_random);
    w.bytes(server_random);
    w.bytes(params);
}

// server_key_exchange_content(client_random, server_random, params, out) —
// the same into a caller's buffer; returns the bytes written (a view into
// `out`), or the writer's error (errc::buffer_overflow when out is too small).
constexpr result<bytes_view> server_key_exchange_content(bytes_view client_random, bytes_view server_random,
                                                         bytes_view params, std::span<std::uint8_t> out) {
    writer w(out);
    write_server_key_exchange_content(w, client_random, server_random, params);
    if (!w.ok()) return w.err();
    return w.written();
}

}  // namespace tlswire::schedule
