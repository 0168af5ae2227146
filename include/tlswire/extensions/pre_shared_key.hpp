// tlswire/extensions/pre_shared_key.hpp — pre_shared_key (41), RFC 8446
// §4.2.11, psk_key_exchange_modes (45), §4.2.9, and early_data (42), §4.2.10.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/psk_key_exchange_mode.hpp"

namespace tlswire {

// RFC 8446 §4.2.11:
//   struct {
//       opaque identity<1..2^16-1>;
//       uint32 obfuscated_ticket_age;
//   } PskIdentity;
struct psk_identity {
    static constexpr std::string_view wire_name = "PskIdentity";
    bytes_view identity{};
    std::uint32_t obfuscated_ticket_age = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("identity", self.identity, opaque<2, 1, 0xffff>{});
        io("obfuscated_ticket_age", self.obfuscated_ticket_age);
    }
};

// RFC 8446 §4.2.11: opaque PskBinderEntry<32..255>;
using psk_binder_entries = list<bytes_view, opaque<1, 32, 0xff>>;

// RFC 8446 §4.2.11:
//   struct {
//       PskIdentity identities<7..2^16-1>;
//       PskBinderEntry binders<33..2^16-1>;
//   } OfferedPsks;
// "binders: A series of HMAC values, one for each value in the identities
// list and in the same order" — a count mismatch is illegal_value in strict
// mode (at the binders field). That pre_shared_key is the last extension of
// the ClientHello is the block's rule (extensions/block.hpp).
struct pre_shared_key_client_hello {
    static constexpr std::string_view wire_name = "pre_shared_key";
    static constexpr extension_type type = extension_type::pre_shared_key;
    list_of<psk_identity> identities{};
    psk_binder_entries binders{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("identities", self.identities, vec<2, 7, 0xffff>{});
        const auto at = io.mark();
        io("binders", self.binders, vec<2, 33, 0xffff>{});
        if constexpr (detail::parsing_io<decltype(io)>)
            if (io.ok() && io.strict())
                io.check(self.identities.size() == self.binders.size(), errc::illegal_value, "binders", at);
    }
};

// RFC 8446 §4.2.11: ServerHello: uint16 selected_identity;
struct pre_shared_key_server_hello {
    static constexpr std::string_view wire_name = "pre_shared_key";
    static constexpr extension_type type = extension_type::pre_shared_key;
    std::uint16_t selected_identity = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("selected_identity", self.selected_identity); }
};

// RFC 8446 §4.2.9:
//   enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
//   struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes;
// GREASE modes (RFC 8701 §2: 0x0B, 0x2A, ...) are kept.
struct psk_key_exchange_modes_client_hello {
    static constexpr std::string_view wire_name = "psk_key_exchange_modes";
    static constexpr extension_type type = extension_type::psk_key_exchange_modes;
    list_of<psk_key_exchange_mode> ke_modes{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("ke_modes", self.ke_modes, vec<1, 1, 0xff>{}); }
};

// RFC 8446 §4.2.10:
//   struct {} Empty;
//   struct {
//       select (Handshake.msg_type) {
//           case new_session_ticket:   uint32 max_early_data_size;
//           case client_hello:         Empty;
//           case encrypted_extensions: Empty;
//       };
//   } EarlyDataIndication;
using early_data_client_hello = empty_extension<extension_type::early_data>;
using early_data_encrypted_extensions = empty_extension<extension_type::early_data>;

struct early_data_new_session_ticket {
    static constexpr std::string_view wire_name = "early_data";
    static constexpr extension_type type = extension_type::early_data;
    std::uint32_t max_early_data_size = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("max_early_data_size", self.max_early_data_size); }
};

}  // namespace tlswire
