// tlswire/extensions/alpn.hpp — application_layer_protocol_negotiation (16),
// RFC 7301 §3.1, and application_settings (ALPS), draft-vvv-tls-alps, under
// both code points deployed (17513 and 17613; neither is in the IANA registry).
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/alpn.hpp"

namespace tlswire {

// The ALPS code points as deployed: 17513 (0x4469) is draft-vvv-tls-alps's
// experimental number (Chrome until 2024), 17613 (0x44cd) the one Chrome moved
// to. They are not registered with IANA, so they are named here.
inline constexpr extension_type application_settings_old_type = extension_type{0x4469};
inline constexpr extension_type application_settings_type = extension_type{0x44cd};

// RFC 7301 §3.1: opaque ProtocolName<1..2^8-1>;
using protocol_names = list<bytes_view, text<opaque<1, 1, 0xff>>>;

// protocol_name_text — a ProtocolName as text (IDs are byte strings, mostly ASCII).
[[nodiscard]] inline std::string_view protocol_name_text(bytes_view name) noexcept { return as_text(name); }

// RFC 7301 §3.1: struct { ProtocolName protocol_name_list<2..2^16-1> } ProtocolNameList;
// ClientHello. GREASE protocol IDs (RFC 8701 §2) are kept like any other.
struct alpn_client_hello {
    static constexpr std::string_view wire_name = "application_layer_protocol_negotiation";
    static constexpr extension_type type = extension_type::application_layer_protocol_negotiation;
    protocol_names protocol_name_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("protocol_name_list", self.protocol_name_list, vec<2, 2, 0xffff>{});
    }
};

// RFC 7301 §3.1: the server's extension_data "is structured the same as
// described above for the client "extension_data", except that the
// "ProtocolNameList" MUST contain exactly one "ProtocolName"" (ServerHello
// before TLS 1.3, EncryptedExtensions in TLS 1.3). Checked in strict mode.
struct alpn_server {
    static constexpr std::string_view wire_name = "application_layer_protocol_negotiation";
    static constexpr extension_type type = extension_type::application_layer_protocol_negotiation;
    protocol_names protocol_name_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("protocol_name_list", self.protocol_name_list, vec<2, 2, 0xffff>{});
        if (io.strict()) io.check(self.protocol_name_list.size() == 1, errc::illegal_value, "protocol_name_list", at);
    }
    // selected — the one protocol (meaningful after a successful parse).
    [[nodiscard]] constexpr bytes_view selected() const noexcept {
        for (bytes_view p : protocol_name_list) return p;
        return {};
    }
};

// draft-vvv-tls-alps §3:
//   struct { ProtocolName supported_protocols<2..2^16-1>; } ApplicationSettingsSupport;
// ClientHello: the ALPN protocols for which the client supports ALPS.
template <extension_type Type>
struct basic_application_settings_client_hello {
    static constexpr std::string_view wire_name = "application_settings";
    static constexpr extension_type type = Type;
    protocol_names supported_protocols{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("supported_protocols", self.supported_protocols, vec<2, 2, 0xffff>{});
    }
};

// draft-vvv-tls-alps §3: in EncryptedExtensions the extension_data is the
// server's application settings for the negotiated protocol, opaque and
// unprefixed (possibly empty).
template <extension_type Type>
struct basic_application_settings_encrypted_extensions {
    static constexpr std::string_view wire_name = "application_settings";
    static constexpr extension_type type = Type;
    bytes_view application_settings{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("application_settings", self.application_settings, rest{}); }
};

using application_settings_client_hello = basic_application_settings_client_hello<application_settings_type>;
using application_settings_old_client_hello = basic_application_settings_client_hello<application_settings_old_type>;
using application_settings_encrypted_extensions =
    basic_application_settings_encrypted_extensions<application_settings_type>;
using application_settings_old_encrypted_extensions =
    basic_application_settings_encrypted_extensions<application_settings_old_type>;

}  // namespace tlswire
