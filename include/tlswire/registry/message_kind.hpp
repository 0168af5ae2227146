// tlswire/registry/message_kind.hpp — the handshake messages that carry
// extensions (RFC 8446 §4.2's columns), once: as an enum for one message and
// as bits for a set of them. The registry's TLS 1.3 column (which messages an
// extension may sit in) and the extension dispatch (which body a message's
// extension has) are both written in these bits.
#pragma once

#include <cstdint>
#include <string_view>

namespace tlswire {

// message_kind — which message an extension block belongs to; its body and
// legality depend on it.
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

// kind_bit(k) — k's bit in a set of message kinds (0 for unknown).
[[nodiscard]] constexpr std::uint8_t kind_bit(message_kind k) noexcept {
    return k == message_kind::unknown ? 0 : static_cast<std::uint8_t>(1u << (static_cast<unsigned>(k) - 1));
}

// tls13_msg — the bits by the RFC 8446 §4.2 table's column names.
namespace tls13_msg {
inline constexpr std::uint8_t ch = kind_bit(message_kind::client_hello);
inline constexpr std::uint8_t sh = kind_bit(message_kind::server_hello);
inline constexpr std::uint8_t hrr = kind_bit(message_kind::hello_retry_request);
inline constexpr std::uint8_t ee = kind_bit(message_kind::encrypted_extensions);
inline constexpr std::uint8_t ct = kind_bit(message_kind::certificate);
inline constexpr std::uint8_t cr = kind_bit(message_kind::certificate_request);
inline constexpr std::uint8_t nst = kind_bit(message_kind::new_session_ticket);
}  // namespace tls13_msg

}  // namespace tlswire
