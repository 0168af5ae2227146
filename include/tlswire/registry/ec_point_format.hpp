// tlswire/registry/ec_point_format.hpp — ECPointFormat (IANA tls-parameters-9;
// RFC 8422 §5.1.2). Enumerators are the IANA names lowercased.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_EC_POINT_FORMAT_LIST(X) \
    X(uncompressed, 0, "uncompressed")                                    \
    X(ansix962_compressed_prime, 1, "ansiX962_compressed_prime")          \
    X(ansix962_compressed_char2, 2, "ansiX962_compressed_char2")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(ec_point_format, std::uint8_t, TLSWIRE_EC_POINT_FORMAT_LIST, grease_kind::none, "ec_point_format");

}  // namespace tlswire
