// tlswire/extensions/session_ticket.hpp — session_ticket (35), RFC 5077 §3.2.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 5077 §3.2: in the ClientHello the extension_data is the ticket itself
// (no length prefix of its own), empty when the client has none.
struct session_ticket_client_hello {
    static constexpr std::string_view wire_name = "session_ticket";
    static constexpr extension_type type = extension_type::session_ticket;
    bytes_view ticket{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("ticket", self.ticket, rest{}); }
};

// RFC 5077 §3.2: the server's "SessionTicket extension ... with empty
// extension_data".
using session_ticket_server_hello = empty_extension<extension_type::session_ticket>;

}  // namespace tlswire
