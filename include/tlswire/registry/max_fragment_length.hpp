// tlswire/registry/max_fragment_length.hpp — MaxFragmentLength (RFC 6066 §4:
// enum{ 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) }; transcribed from the RFC).
// to_string gives the RFC names ("2^9"); enumerators name the size in bytes.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_MAX_FRAGMENT_LENGTH_LIST(X) \
    X(bytes_512, 1, "2^9") X(bytes_1024, 2, "2^10") X(bytes_2048, 3, "2^11") X(bytes_4096, 4, "2^12")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(max_fragment_length, std::uint8_t, TLSWIRE_MAX_FRAGMENT_LENGTH_LIST, grease_kind::none, "max_fragment_length");

}  // namespace tlswire
