// tlswire/extensions/external_id.hpp — external_id_hash (55) and
// external_session_id (56), RFC 8844 §3–§4.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 8844 §3: struct { opaque binding_hash<0..32>; } ExternalIdHash;
// ClientHello and EncryptedExtensions (the server's may be empty).
struct external_id_hash_extension {
    static constexpr std::string_view wire_name = "external_id_hash";
    static constexpr extension_type type = extension_type::external_id_hash;
    bytes_view binding_hash{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("binding_hash", self.binding_hash, opaque<1, 0, 32>{}); }
};

// RFC 8844 §4: struct { opaque session_id<20..255>; } ExternalSessionId;
struct external_session_id_extension {
    static constexpr std::string_view wire_name = "external_session_id";
    static constexpr extension_type type = extension_type::external_session_id;
    bytes_view session_id{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("session_id", self.session_id, opaque<1, 20, 0xff>{}); }
};

}  // namespace tlswire
