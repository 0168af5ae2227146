// tlswire/registry/supplemental_data_type.hpp — SupplementalDataType (RFC 4680 §2;
// IANA tls-parameters-12 in the 2013 snapshot).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_SUPPLEMENTAL_DATA_TYPE_LIST(X) \
    X(user_mapping_data, 0, "user_mapping_data") /* RFC 4681 */ X(authz_data, 16386, "authz_data") /* RFC 5878 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(supplemental_data_type, std::uint16_t, TLSWIRE_SUPPLEMENTAL_DATA_TYPE_LIST, grease_kind::none, "supplemental_data_type");

}  // namespace tlswire
