// tlswire/registry/heartbeat_message_type.hpp — HeartbeatMessageType (RFC 6520 §3;
// IANA "Heartbeat Message Types" in the 2013 snapshot).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_HEARTBEAT_MESSAGE_TYPE_LIST(X) \
    X(heartbeat_request, 1, "heartbeat_request") X(heartbeat_response, 2, "heartbeat_response")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(heartbeat_message_type, std::uint8_t, TLSWIRE_HEARTBEAT_MESSAGE_TYPE_LIST, grease_kind::none, "heartbeat_message_type");

}  // namespace tlswire
