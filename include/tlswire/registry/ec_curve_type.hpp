// tlswire/registry/ec_curve_type.hpp — ECCurveType (RFC 8422 §5.4; IANA
// tls-parameters-10, in the 2013 snapshot). Only named_curve is still allowed.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_EC_CURVE_TYPE_LIST(X) \
    X(explicit_prime, 1, "explicit_prime") X(explicit_char2, 2, "explicit_char2") \
    X(named_curve, 3, "named_curve")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(ec_curve_type, std::uint8_t, TLSWIRE_EC_CURVE_TYPE_LIST, grease_kind::none, "ec_curve_type");

}  // namespace tlswire
