// tlswire/codec/context.hpp — what a parse needs to know that the bytes don't say.
//
// Some TLS structures cannot be read alone: ServerKeyExchange and
// ClientKeyExchange depend on the negotiated key exchange; Certificate,
// CertificateRequest and NewSessionTicket differ between TLS 1.2 and 1.3;
// Finished's length depends on the version and the PRF hash; extension bodies
// depend on the message that carries them. tlswire never guesses these from
// lengths: the caller passes a `context` (or the connection decoder derives it
// from the hellos).
#pragma once

#include <cstdint>

namespace tlswire {

// strictness — `strict` (the default) enforces the RFC's rules; `lenient`
// accepts what deployed peers send although the RFC forbids it. Each place
// that relaxes a rule says so in a comment beginning "lenient:".
enum class strictness : std::uint8_t { strict, lenient };

// role — who sent the message being parsed.
enum class role : std::uint8_t { unknown, client, server };

// context — the facts a parse depends on. `version` is the negotiated (or
// assumed) protocol version as its wire value (0x0301 TLS 1.0 … 0x0304 TLS
// 1.3; 0 = not known yet); `cipher_suite` likewise (0 = not negotiated).
//
// DTLS. A DTLS message is the TLS message of the version DTLS builds on
// (RFC 6347 §4.2, RFC 9147 §5), read with that TLS version in `version`
// (dtls::tls_context) and `dtls` set, for what DTLS changes in them: the
// version numbers the hellos carry, legacy_version {254,253} where TLS 1.3
// has 0x0303 and supported_versions' 0xfefc where TLS 1.3 has 0x0304 (RFC
// 9147 §5.3, §5.4). A context may also hold the DTLS wire version itself
// (0xfeff, 0xfefd, 0xfefc: what the DTLS-only structures of dtls/ read);
// is_dtls() is then true too, and is_tls13() says the same for DTLS 1.3 as
// for TLS 1.3: its messages have TLS 1.3's forms.
struct context {
    std::uint16_t version = 0;
    std::uint16_t cipher_suite = 0;
    role sender = role::unknown;
    strictness mode = strictness::strict;
    bool dtls = false;

    [[nodiscard]] constexpr bool strict() const noexcept { return mode == strictness::strict; }
    [[nodiscard]] constexpr bool is_tls13() const noexcept { return version == 0x0304 || version == 0xfefc; }
    // is_dtls — DTLS: the flag, or a DTLS version (major byte 0xFE, RFC 6347 §4.1).
    [[nodiscard]] constexpr bool is_dtls() const noexcept { return dtls || (version >> 8) == 0xfe; }
    [[nodiscard]] constexpr bool version_known() const noexcept { return version != 0; }
    // 0 is TLS_NULL_WITH_NULL_NULL, the state before any suite is negotiated.
    [[nodiscard]] constexpr bool cipher_suite_known() const noexcept { return cipher_suite != 0; }
};

}  // namespace tlswire
