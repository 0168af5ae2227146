// tlswire/extensions/heartbeat.hpp — heartbeat (15), RFC 6520 §2.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/heartbeat_mode.hpp"

namespace tlswire {

// RFC 6520 §2:
//   enum { peer_allowed_to_send(1), peer_not_allowed_to_send(2), (255) } HeartbeatMode;
//   struct { HeartbeatMode mode; } HeartbeatExtension;
// "Upon reception of an unknown mode, an error Alert message using
// illegal_parameter as its AlertDescription MUST be sent in response."
struct heartbeat_extension {
    static constexpr std::string_view wire_name = "heartbeat";
    static constexpr extension_type type = extension_type::heartbeat;
    heartbeat_mode mode{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("mode", self.mode);
        if (io.strict()) io.check(is_registered(self.mode), errc::illegal_value, "mode", at);
    }
};

}  // namespace tlswire
