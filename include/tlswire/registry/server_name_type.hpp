// tlswire/registry/server_name_type.hpp — NameType of the server_name extension
// (RFC 6066 §3; transcribed from the RFC).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_SERVER_NAME_TYPE_LIST(X) \
    X(host_name, 0, "host_name")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(server_name_type, std::uint8_t, TLSWIRE_SERVER_NAME_TYPE_LIST, grease_kind::none, "server_name_type");

}  // namespace tlswire
