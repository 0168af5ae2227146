// tlswire/extensions/placement.hpp — which extensions a message may carry
// (message_kind itself: registry/message_kind.hpp).
#pragma once

#include "tlswire/registry/extension_type.hpp"
#include "tlswire/registry/message_kind.hpp"

namespace tlswire {

// extension_allowed_in(t, k) — RFC 8446 §4.2: "If an implementation receives
// an extension which it recognizes and which is not specified for the message
// in which it appears, it MUST abort the handshake with an illegal_parameter
// alert." Recognised = registered or GREASE; an unrecognised type is not this
// rule's business (ClientHello, CertificateRequest and NewSessionTicket
// receivers ignore it; in server messages only the connection knows whether
// it answers an offer). The registry's TLS 1.3 column is the table. One
// exception follows from §4.1.2: a ClientHello is written before the version
// is chosen and may offer TLS 1.2 too, so it may carry extensions that are
// not used in TLS 1.3 at all (column "-", e.g. renegotiation_info); it may
// not carry a TLS 1.3 extension specified only for other messages.
[[nodiscard]] constexpr bool extension_allowed_in(extension_type t, message_kind k) noexcept {
    if (k == message_kind::unknown) return true;
    if (!is_registered(t) && !is_grease(t)) return true;
    if (k == message_kind::client_hello && !is_grease(t) &&
        registry_traits<extension_type>::entries[detail::find_index(t)].attributes.tls13_messages == 0)
        return true;
    return allowed_in_tls13(t, kind_bit(k));
}

}  // namespace tlswire
