// tlswire/extensions/renegotiation_info.hpp — renegotiation_info (0xff01),
// RFC 5746 §3.2.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 5746 §3.2: struct { opaque renegotiated_connection<0..255>; } RenegotiationInfo;
// The same body in the ClientHello and the ServerHello.
struct renegotiation_info_extension {
    static constexpr std::string_view wire_name = "renegotiation_info";
    static constexpr extension_type type = extension_type::renegotiation_info;
    bytes_view renegotiated_connection{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("renegotiated_connection", self.renegotiated_connection, opaque<1, 0, 0xff>{});
    }
};

}  // namespace tlswire
