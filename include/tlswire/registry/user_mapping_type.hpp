// tlswire/registry/user_mapping_type.hpp — UserMappingType (RFC 4681 §4; IANA
// tls-parameters-14 in the 2013 snapshot).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_USER_MAPPING_TYPE_LIST(X) \
    X(upn_domain_hint, 64, "upn_domain_hint")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(user_mapping_type, std::uint8_t, TLSWIRE_USER_MAPPING_TYPE_LIST, grease_kind::none, "user_mapping_type");

}  // namespace tlswire
