// tlswire/registry/key_update_request.hpp — KeyUpdateRequest (RFC 8446 §4.6.3;
// transcribed from the RFC).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_KEY_UPDATE_REQUEST_LIST(X) \
    X(update_not_requested, 0, "update_not_requested") X(update_requested, 1, "update_requested")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(key_update_request, std::uint8_t, TLSWIRE_KEY_UPDATE_REQUEST_LIST, grease_kind::none, "key_update_request");

}  // namespace tlswire
