// tlswire/messages/new_session_ticket.hpp — NewSessionTicket, RFC 5077 and RFC 8446 forms.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 5077 §3.3 (TLS 1.0–1.2):
//   struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } NewSessionTicket;
struct new_session_ticket_tls12 {
    static constexpr handshake_type msg_type = handshake_type::new_session_ticket;
    static constexpr std::string_view wire_name = "new_session_ticket";
    std::uint32_t ticket_lifetime_hint = 0;
    bytes_view ticket{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("ticket_lifetime_hint", self.ticket_lifetime_hint);
        io("ticket", self.ticket, opaque<2, 0, 0xffff>{});
    }
};

// RFC 8446 §4.6.1:
//   struct {
//       uint32 ticket_lifetime;
//       uint32 ticket_age_add;
//       opaque ticket_nonce<0..255>;
//       opaque ticket<1..2^16-1>;
//       Extension extensions<0..2^16-2>;
//   } NewSessionTicket;
struct new_session_ticket_tls13 {
    static constexpr handshake_type msg_type = handshake_type::new_session_ticket;
    static constexpr std::string_view wire_name = "new_session_ticket";
    std::uint32_t ticket_lifetime = 0;
    std::uint32_t ticket_age_add = 0;
    bytes_view ticket_nonce{};
    bytes_view ticket{};
    extension_block extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto lifetime_at = io.mark();
        io("ticket_lifetime", self.ticket_lifetime);
        // "Servers MUST NOT use any value greater than 604800 seconds (7 days)."
        if (io.strict())
            io.check(self.ticket_lifetime <= 604800u, errc::illegal_value, "ticket_lifetime", lifetime_at);
        io("ticket_age_add", self.ticket_age_add);
        io("ticket_nonce", self.ticket_nonce, opaque<1, 0, 0xff>{});
        io("ticket", self.ticket, opaque<2, 1, 0xffff>{});
        io("extensions", self.extensions, extensions_fmt<message_kind::new_session_ticket, 0, false, 0xfffe>{});
    }
};

}  // namespace tlswire
