// tlswire/extensions/ticket_request.hpp — ticket_request (58), RFC 9149 §3.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 9149 §3:
//   struct {
//       uint8 new_session_count;
//       uint8 resumption_count;
//   } ClientTicketRequest;
struct ticket_request_client_hello {
    static constexpr std::string_view wire_name = "ticket_request";
    static constexpr extension_type type = extension_type::ticket_request;
    std::uint8_t new_session_count = 0;
    std::uint8_t resumption_count = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("new_session_count", self.new_session_count);
        io("resumption_count", self.resumption_count);
    }
};

// RFC 9149 §3: struct { uint8 expected_count; } ServerTicketRequestHint;  (EncryptedExtensions)
struct ticket_request_encrypted_extensions {
    static constexpr std::string_view wire_name = "ticket_request";
    static constexpr extension_type type = extension_type::ticket_request;
    std::uint8_t expected_count = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("expected_count", self.expected_count); }
};

}  // namespace tlswire
