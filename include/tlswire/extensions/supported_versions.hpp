// tlswire/extensions/supported_versions.hpp — supported_versions (43), RFC 8446
// §4.2.1, and cookie (44), §4.2.2.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire {

// RFC 8446 §4.2.1:
//   struct {
//       select (Handshake.msg_type) {
//           case client_hello:
//                ProtocolVersion versions<2..254>;
//           case server_hello: /* and HelloRetryRequest */
//                ProtocolVersion selected_version;
//       };
//   } SupportedVersions;
// GREASE versions (RFC 8701 §2) are kept.
struct supported_versions_client_hello {
    static constexpr std::string_view wire_name = "supported_versions";
    static constexpr extension_type type = extension_type::supported_versions;
    list_of<protocol_version> versions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("versions", self.versions, vec<1, 2, 0xfe>{}); }
};

// RFC 8446 §4.2.1: "If the "supported_versions" extension in the ServerHello
// contains a version ... prior to TLS 1.3, the client MUST abort the handshake
// with an "illegal_parameter" alert" — strict mode rejects SSL 3.0–TLS 1.2 and
// DTLS 1.0/1.2 here (other values, e.g. draft versions, are the connection's call).
struct supported_versions_server_hello {
    static constexpr std::string_view wire_name = "supported_versions";
    static constexpr extension_type type = extension_type::supported_versions;
    protocol_version selected_version{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("selected_version", self.selected_version);
        if (io.strict()) {
            const auto v = self.selected_version;
            const bool legacy = v == protocol_version::ssl30 || v == protocol_version::tls10 ||
                                v == protocol_version::tls11 || v == protocol_version::tls12 ||
                                v == protocol_version::dtls10 || v == protocol_version::dtls12;
            io.check(!legacy, errc::illegal_value, "selected_version", at);
        }
    }
};

// RFC 8446 §4.2.2: struct { opaque cookie<1..2^16-1>; } Cookie;
// Same body in the HelloRetryRequest and the second ClientHello.
struct cookie_extension {
    static constexpr std::string_view wire_name = "cookie";
    static constexpr extension_type type = extension_type::cookie;
    bytes_view cookie{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("cookie", self.cookie, opaque<2, 1, 0xffff>{}); }
};

}  // namespace tlswire
