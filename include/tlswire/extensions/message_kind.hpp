// tlswire/extensions/message_kind.hpp — which message an extension block belongs to.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/registry/extension_type.hpp"

namespace tlswire {

// message_kind — the messages that carry extensions (RFC 8446 §4.2's columns).
// An extension's body and legality depend on it.
enum class message_kind : std::uint8_t {
    unknown,
    client_hello,
    server_hello,
    hello_retry_request,
    encrypted_extensions,
    certificate,  // a CertificateEntry
    certificate_request,
    new_session_ticket,
};

[[nodiscard]] constexpr std::string_view to_string(message_kind k) noexcept {
    switch (k) {
        case message_kind::unknown: return "unknown";
        case message_kind::client_hello: return "client_hello";
        case message_kind::server_hello: return "server_hello";
        case message_kind::hello_retry_request: return "hello_retry_request";
        case message_kind::encrypted_extensions: return "encrypted_extensions";
        case message_kind::certificate: return "certificate";
        case message_kind::certificate_request: return "certificate_request";
        case message_kind::new_session_ticket: return "new_session_ticket";
    }
    return {};
}

// tls13_column(k) — the registry's TLS 1.3 column bit for a message kind.
[[nodiscard]] constexpr std::uint8_t tls13_column(message_kind k) noexcept {
    switch (k) {
        case message_kind::client_hello: return tls13_msg::ch;
        case message_kind::server_hello: return tls13_msg::sh;
        case message_kind::hello_retry_request: return tls13_msg::hrr;
        case message_kind::encrypted_extensions: return tls13_msg::ee;
        case message_kind::certificate: return tls13_msg::ct;
        case message_kind::certificate_request: return tls13_msg::cr;
        case message_kind::new_session_ticket: return tls13_msg::nst;
        case message_kind::unknown: return 0;
    }
    return 0;
}

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
    return allowed_in_tls13(t, tls13_column(k));
}

}  // namespace tlswire
