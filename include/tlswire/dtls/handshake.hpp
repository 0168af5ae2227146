// tlswire/dtls/handshake.hpp — the DTLS handshake header and its fragments.
//
// RFC 6347 §4.2.2 (DTLS 1.0/1.2; RFC 9147 §5.2 keeps the same 12 bytes for
// DTLS 1.3):
//   struct {
//     HandshakeType msg_type;
//     uint24 length;
//     uint16 message_seq;                               // New field
//     uint24 fragment_offset;                           // New field
//     uint24 fragment_length;                           // New field
//     select (HandshakeType) { ... } body;
//   } Handshake;
// On the wire `body` holds fragment_length bytes of the message body starting
// at fragment_offset (§4.2.3: "An unfragmented message is a degenerate case
// with fragment_offset=0 and fragment_length=length"). tlswire describes it
// as `fragment`, an opaque with a uint24 length prefix (that prefix IS
// fragment_length), so parse and serialize cannot disagree on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/dtls/back_to_back.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire::dtls {

// The DTLS handshake header: msg_type(1) length(3) message_seq(2)
// fragment_offset(3) fragment_length(3).
inline constexpr std::size_t handshake_header_size = 12;

// handshake — one handshake fragment (header and its body bytes). Strict and
// lenient parsing alike refuse a fragment that reaches past the message
// (RFC 6347 §4.2.3: the N ranges "jointly contain the entire handshake
// message", so fragment_offset + fragment_length <= length): that is
// errc::length_out_of_range naming "fragment_length" at its offset. A
// lenient parse accepts no more here: such a fragment has no meaning.
struct handshake {
    static constexpr std::string_view wire_name = "Handshake";

    handshake_type msg_type{};
    std::uint32_t length = 0;  // uint24: the whole message body's length
    std::uint16_t message_seq = 0;
    std::uint32_t fragment_offset = 0;  // uint24
    bytes_view fragment{};              // fragment_length bytes of the body

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("msg_type", self.msg_type);
        io("length", self.length, uint_<3>{});
        io("message_seq", self.message_seq);
        io("fragment_offset", self.fragment_offset, uint_<3>{});
        const auto fragment_length_at = io.mark();
        io("fragment", self.fragment, opaque<3, 0, 0xffffff>{});
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing)
            io.check(std::size_t{self.fragment_offset} + self.fragment.size() <= self.length,
                     errc::length_out_of_range, "fragment_length", fragment_length_at);
    }

    // fragment_length — the uint24 on the wire (the size of `fragment`).
    [[nodiscard]] constexpr std::size_t fragment_length() const noexcept { return fragment.size(); }
    // unfragmented — the degenerate fragment that is the whole message.
    [[nodiscard]] constexpr bool unfragmented() const noexcept {
        return fragment_offset == 0 && fragment.size() == length;
    }
};

// Where a fragment's body bytes start, relative to the fragment's first byte.
inline constexpr std::size_t fragment_body_offset = handshake_header_size;

// for_each_fragment(record_fragment, base, ctx, f) — every handshake fragment
// of one handshake record, in order (RFC 6347 §4.2.3: several may share a
// record). Calls f(const handshake&, std::size_t offset) with the absolute
// offset of each fragment's header (the record's fragment starts at `base`).
// Returns the first error (a fragment cut by the record's end is
// errc::truncated at the end of the record).
template <class F>
constexpr result<void> for_each_fragment(bytes_view record_fragment, std::size_t base, const context& ctx, F&& f) {
    return detail::for_each_back_to_back<handshake>(record_fragment, base, ctx, f);
}

}  // namespace tlswire::dtls
