// tlswire/registry/heartbeat_mode.hpp — HeartbeatMode (RFC 6520 §2; IANA
// "Heartbeat Modes" in the 2013 snapshot).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_HEARTBEAT_MODE_LIST(X) \
    X(peer_allowed_to_send, 1, "peer_allowed_to_send") X(peer_not_allowed_to_send, 2, "peer_not_allowed_to_send")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(heartbeat_mode, std::uint8_t, TLSWIRE_HEARTBEAT_MODE_LIST, grease_kind::none, "heartbeat_mode");

}  // namespace tlswire
