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
struct context {
    std::uint16_t version = 0;
    std::uint16_t cipher_suite = 0;
    role sender = role::unknown;
    strictness mode = strictness::strict;

    [[nodiscard]] constexpr bool strict() const noexcept { return mode == strictness::strict; }
    [[nodiscard]] constexpr bool is_tls13() const noexcept { return version == 0x0304; }
    [[nodiscard]] constexpr bool version_known() const noexcept { return version != 0; }
    // 0 is TLS_NULL_WITH_NULL_NULL, the state before any suite is negotiated.
    [[nodiscard]] constexpr bool cipher_suite_known() const noexcept { return cipher_suite != 0; }
};

}  // namespace tlswire
