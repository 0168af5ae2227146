// tlswire/messages/heartbeat.hpp — HeartbeatMessage (RFC 6520 §4), the body
// of a heartbeat(24) record.
#pragma once

#include <cstddef>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/heartbeat_message_type.hpp"

namespace tlswire {

// RFC 6520 §4: "The total length of a HeartbeatMessage MUST NOT exceed 2^14"
// (or the negotiated max_fragment_length, which tlswire does not track), and
// "The padding_length MUST be at least 16."
inline constexpr std::size_t max_heartbeat_length = std::size_t{1} << 14;
inline constexpr std::size_t min_heartbeat_padding = 16;

namespace detail {
// heartbeat_payload — `uint16 payload_length; opaque payload[payload_length];`
// inside a record fragment whose end is the end of the message: a length
// that runs past the fragment (the Heartbleed request, CVE-2014-0160) is
// errc::length_out_of_range at payload_length in every mode — it is the
// payload_length bound, not a short input. Written as an opaque<2, ...>.
struct heartbeat_payload {
    TLSWIRE_INLINE static constexpr void read(reader& r, bytes_view& out, name_ref, const context&) noexcept {
        const std::size_t room = r.remaining() >= 2 ? r.remaining() - 2 : 0;
        out = r.template prefixed<2>(0, room, "payload_length").take_rest();
    }
    TLSWIRE_INLINE static constexpr void write(writer& w, bytes_view v, name_ref, const context&) {
        w.prefixed(2, 0, 0xffff, "payload_length", [&](writer& c) { c.bytes(v); });
    }
};
}  // namespace detail

// RFC 6520 §4:
//   struct {
//      HeartbeatMessageType type;
//      uint16 payload_length;
//      opaque payload[HeartbeatMessage.payload_length];
//      opaque padding[padding_length];
//   } HeartbeatMessage;
// A HeartbeatMessage is the whole record fragment ("The length of a
// HeartbeatMessage is TLSPlaintext.length"): what follows the payload is the
// padding, "random content that MUST be ignored by the receiver" (kept, not
// checked, so that the message re-serializes byte for byte). Parse it with
// parse<heartbeat_message>(fragment, ctx).
//
// Strict parsing also enforces: type heartbeat_request(1) or
// heartbeat_response(2) (§3 defines no other; lenient keeps any value, which
// RFC 6520 §4 leaves to be discarded), padding_length at least 16, and the
// total length at most 2^14 (errc::length_out_of_range at the padding, and at
// the message's first byte).
struct heartbeat_message {
    static constexpr std::string_view wire_name = "heartbeat_message";
    heartbeat_message_type type{};
    bytes_view payload{};
    bytes_view padding{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto start = io.mark();
        io("type", self.type);
        if (io.strict())
            io.check(self.type == heartbeat_message_type::heartbeat_request ||
                         self.type == heartbeat_message_type::heartbeat_response,
                     errc::illegal_value, "type", start);
        io("payload", self.payload, detail::heartbeat_payload{});
        const auto padding_at = io.mark();
        io("padding", self.padding, rest{});
        if (io.strict() && io.ok()) {
            io.check(self.padding.size() >= min_heartbeat_padding, errc::length_out_of_range, "padding", padding_at);
            io.check(io.mark() - start <= max_heartbeat_length, errc::length_out_of_range, wire_name, start);
        }
    }
};

}  // namespace tlswire
