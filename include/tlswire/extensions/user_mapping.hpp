// tlswire/extensions/user_mapping.hpp — user_mapping (6), RFC 4681 §2.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
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

}  // namespace tlswire
