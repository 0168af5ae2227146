// tlswire/extensions/certificate_type.hpp — cert_type (9), RFC 6091 §3, and
// client_certificate_type / server_certificate_type (19 / 20), RFC 7250 §3.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/certificate_type.hpp"

namespace tlswire {

// RFC 6091 §3 (ClientHello):
//   struct { CertificateType certificate_types<1..2^8-1>; } CertificateTypeExtension;
struct cert_type_client_hello {
    static constexpr std::string_view wire_name = "cert_type";
    static constexpr extension_type type = extension_type::cert_type;
    list_of<certificate_type> certificate_types{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("certificate_types", self.certificate_types, vec<1, 1, 0xff>{});
    }
};

// RFC 6091 §3 (ServerHello): struct { CertificateType certificate_type; } CertificateTypeExtension;
struct cert_type_server_hello {
    static constexpr std::string_view wire_name = "cert_type";
    static constexpr extension_type type = extension_type::cert_type;
    ::tlswire::certificate_type certificate_type{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("certificate_type", self.certificate_type); }
};

// RFC 7250 §3:
//   struct {
//       select(ClientOrServerExtension) {
//           case client: CertificateType client_certificate_types<1..2^8-1>;
//           case server: CertificateType client_certificate_type;
//       }
//   } ClientCertTypeExtension;
// (and ServerCertTypeExtension the same with server_*). The server's form is
// in the ServerHello (TLS 1.2) or EncryptedExtensions (TLS 1.3).
template <extension_type Type>
struct certificate_types_client_hello {
    static constexpr std::string_view wire_name = to_string(Type);
    static constexpr extension_type type = Type;
    list_of<certificate_type> certificate_types{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io(Type == extension_type::client_certificate_type ? "client_certificate_types" : "server_certificate_types",
           self.certificate_types, vec<1, 1, 0xff>{});
    }
};
template <extension_type Type>
struct certificate_type_server {
    static constexpr std::string_view wire_name = to_string(Type);
    static constexpr extension_type type = Type;
    ::tlswire::certificate_type certificate_type{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io(Type == extension_type::client_certificate_type ? "client_certificate_type" : "server_certificate_type",
           self.certificate_type);
    }
};
using client_certificate_type_client_hello = certificate_types_client_hello<extension_type::client_certificate_type>;
using server_certificate_type_client_hello = certificate_types_client_hello<extension_type::server_certificate_type>;
using client_certificate_type_server = certificate_type_server<extension_type::client_certificate_type>;
using server_certificate_type_server = certificate_type_server<extension_type::server_certificate_type>;

}  // namespace tlswire
