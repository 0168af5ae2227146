// tlswire/extensions/key_share.hpp — key_share (51), RFC 8446 §4.2.8.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/named_group.hpp"

namespace tlswire {

// RFC 8446 §4.2.8:
//   struct {
//       NamedGroup group;
//       opaque key_exchange<1..2^16-1>;
//   } KeyShareEntry;
struct key_share_entry {
    static constexpr std::string_view wire_name = "KeyShareEntry";
    named_group group{};
    bytes_view key_exchange{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("group", self.group);
        io("key_exchange", self.key_exchange, opaque<2, 1, 0xffff>{});
    }
};

namespace detail {
// share_length_ok — RFC 8446 §4.2.8.1 (Diffie-Hellman: "left-padded with
// zeros to the size of p") and §4.2.8.2 (ECDHE: the fixed-size encodings),
// draft-ietf-tls-ecdhe-mlkem / draft-ietf-tls-mlkem (fixed KEM sizes): for a
// registered group with a fixed share size, key_exchange must have exactly
// that size. GREASE and unregistered groups are not checked.
[[nodiscard]] constexpr bool share_length_ok(const key_share_entry& e, bool from_server) noexcept {
    // By index, not named_group_info's pointer: comparing that with null is not
    // a constant expression under GCC's -fsanitize=undefined.
    const std::size_t i = ::tlswire::detail::find_index(e.group);
    if (i == ::tlswire::detail::npos) return true;
    const auto& a = registry_traits<named_group>::entries[i].attributes;
    const std::size_t want = from_server ? a.server_share_length : a.client_share_length;
    return want == 0 || e.key_exchange.size() == want;
}
}  // namespace detail

// RFC 8446 §4.2.8: struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
// Strict mode also checks each share's size for its group (see
// detail::share_length_ok; illegal_value at the entry) and that no group has
// two shares: "Clients MUST NOT offer multiple KeyShareEntry values for the
// same group" (illegal_parameter).
struct key_share_client_hello {
    static constexpr std::string_view wire_name = "key_share";
    static constexpr extension_type type = extension_type::key_share;
    list_of<key_share_entry> client_shares{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("client_shares", self.client_shares, vec<2, 0, 0xffff>{});
        if constexpr (detail::parsing_io<decltype(io)>) {
            if (!io.ok() || !io.strict()) return;
            std::size_t entry_at = at + 2;
            detail::u16_set groups;
            for (const key_share_entry& e : self.client_shares) {
                io.check(detail::share_length_ok(e, false), errc::illegal_value, "key_exchange", entry_at + 2);
                io.check(groups.insert(static_cast<std::uint16_t>(e.group)), errc::illegal_value, "group", entry_at);
                if (!io.ok()) return;
                entry_at += 4 + e.key_exchange.size();
            }
        }
    }
};

// RFC 8446 §4.2.8: struct { KeyShareEntry server_share; } KeyShareServerHello;
struct key_share_server_hello {
    static constexpr std::string_view wire_name = "key_share";
    static constexpr extension_type type = extension_type::key_share;
    key_share_entry server_share{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("server_share", self.server_share);
        if (io.strict() && io.ok())
            io.check(detail::share_length_ok(self.server_share, true), errc::illegal_value, "key_exchange", at + 2);
    }
};

// RFC 8446 §4.2.8: struct { NamedGroup selected_group; } KeyShareHelloRetryRequest;
struct key_share_hello_retry_request {
    static constexpr std::string_view wire_name = "key_share";
    static constexpr extension_type type = extension_type::key_share;
    named_group selected_group{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("selected_group", self.selected_group); }
};

}  // namespace tlswire
