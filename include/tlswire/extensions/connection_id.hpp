// tlswire/extensions/connection_id.hpp — connection_id (54), RFC 9146 §3.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 9146 §3: struct { opaque cid<0..2^8-1>; } ConnectionId;
// The same body from the client and the server (ServerHello; in DTLS 1.3,
// RFC 9147 §9, also EncryptedExtensions).
struct connection_id_extension {
    static constexpr std::string_view wire_name = "connection_id";
    static constexpr extension_type type = extension_type::connection_id;
    bytes_view cid{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("cid", self.cid, opaque<1, 0, 0xff>{}); }
};

}  // namespace tlswire
