// tlswire/messages/tls13_only.hpp — the messages that exist only in TLS 1.3.
//
// EncryptedExtensions, HelloRetryRequest, EndOfEarlyData, KeyUpdate and
// message_hash (RFC 8446 §4) and CompressedCertificate (RFC 8879 §3: "only
// supported with TLS 1.3 and newer") say by their type which version they
// belong to: parsing one implies TLS 1.3. Their descriptions walk their fields
// through detail::in_tls13, so that a parse with the version unknown applies
// TLS 1.3 rules (an EncryptedExtensions carrying key_share is refused whether
// or not the caller set the version), and a strict parse in a context of an
// earlier version refuses the message.
#pragma once

#include <cstdint>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire {

// before_tls13(version) — whether a context's version is a known version
// earlier than TLS 1.3 (SSL 3.0 to TLS 1.2, DTLS 1.0 and 1.2). False for 0
// (not known) and for values that are not a known version (drafts, GREASE).
[[nodiscard]] constexpr bool before_tls13(std::uint16_t version) noexcept {
    const int o = version_ordinal(static_cast<protocol_version>(version));
    return o >= 0 && o < version_ordinal(protocol_version::tls13);
}

namespace detail {

// in_tls13(io, message, fields) — walk a TLS 1.3-only message's fields,
// `fields(io13)`, with an io whose context says TLS 1.3 (version 0x0304).
// A strict parse in a context of an earlier version (before_tls13) fails with
// errc::unexpected_message at the start of the body, naming the message;
// lenient reads it with TLS 1.3 rules. Writers write it in a TLS 1.3 context
// too. Visitors get the caller's context (a visit has no rule to check).
template <class IO, class F>
TLSWIRE_INLINE constexpr void in_tls13(IO& io, name_ref message, F&& fields) {
    if (io.ctx().is_tls13() || IO::visiting) {
        fields(io);
        return;
    }
    if constexpr (IO::parsing) {
        if (io.strict() && before_tls13(io.ctx().version)) {
            io.check(false, errc::unexpected_message, message, io.mark());
            return;
        }
        context c = io.ctx();
        c.version = 0x0304;
        parse_io inner(io.in(), c);
        fields(inner);
    } else if constexpr (IO::writing) {
        context c = io.ctx();
        c.version = 0x0304;
        write_io inner(io.out(), c);
        fields(inner);
    }
}

}  // namespace detail
}  // namespace tlswire
