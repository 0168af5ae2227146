// tlswire/extensions/user_mapping.hpp — user_mapping (6), RFC 4681 §2, and
// client_authz / server_authz (7 / 8), RFC 5878 §3.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/authorization_data_format.hpp"
#include "tlswire/registry/user_mapping_type.hpp"

namespace tlswire {

// RFC 4681 §2: struct { UserMappingType user_mapping_types<1..2^8-1>; } UserMappingTypeList;
// The same structure in the ClientHello (types supported) and the
// ServerHello (types preferred, a subset of the client's).
struct user_mapping_extension {
    static constexpr std::string_view wire_name = "user_mapping";
    static constexpr extension_type type = extension_type::user_mapping;
    list_of<user_mapping_type> user_mapping_types{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("user_mapping_types", self.user_mapping_types, vec<1, 1, 0xff>{});
    }
};

// RFC 5878 §3: AuthzDataFormats authz_format_list<1..2^8-1>;
// client_authz and server_authz carry it in the ClientHello and in the
// ServerHello alike.
template <extension_type Type>
struct authz_extension {
    static constexpr std::string_view wire_name = to_string(Type);
    static constexpr extension_type type = Type;
    list_of<authorization_data_format> authz_format_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("authz_format_list", self.authz_format_list, vec<1, 1, 0xff>{});
    }
};
using client_authz_extension = authz_extension<extension_type::client_authz>;
using server_authz_extension = authz_extension<extension_type::server_authz>;

}  // namespace tlswire
