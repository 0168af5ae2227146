// tlswire/extensions/authz.hpp — client_authz / server_authz (7 / 8), RFC 5878 §3.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/authorization_data_format.hpp"

namespace tlswire {

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
