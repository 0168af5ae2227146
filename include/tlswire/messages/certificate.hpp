// tlswire/messages/certificate.hpp — Certificate in its TLS 1.2 and 1.3 forms.
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 5246 §7.4.2 (and RFC 2246/4346 §7.4.2):
//   opaque ASN.1Cert<1..2^24-1>;
//   struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
struct certificate_tls12 {
    static constexpr handshake_type msg_type = handshake_type::certificate;
    static constexpr std::string_view wire_name = "certificate";
    list<bytes_view, opaque<3, 1, 0xffffff>> certificate_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("certificate_list", self.certificate_list, vec<3, 0, 0xffffff>{});
    }
};

// RFC 8446 §4.4.2:
//   struct {
//       select (certificate_type) {
//           case RawPublicKey: opaque ASN1_subjectPublicKeyInfo<1..2^24-1>;  // RFC 7250
//           case X509:         opaque cert_data<1..2^24-1>;
//       };
//       Extension extensions<0..2^16-1>;
//   } CertificateEntry;
// Both forms are the same bytes on the wire; `cert_data` holds either.
struct certificate_entry {
    static constexpr std::string_view wire_name = "CertificateEntry";
    bytes_view cert_data{};
    extension_block extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("cert_data", self.cert_data, opaque<3, 1, 0xffffff>{});
        io("extensions", self.extensions, extensions_fmt<message_kind::certificate, 0, false>{});
    }
};

// RFC 8446 §4.4.2:
//   struct {
//       opaque certificate_request_context<0..2^8-1>;
//       CertificateEntry certificate_list<0..2^24-1>;
//   } Certificate;
struct certificate_tls13 {
    static constexpr handshake_type msg_type = handshake_type::certificate;
    static constexpr std::string_view wire_name = "certificate";
    bytes_view certificate_request_context{};
    list_of<certificate_entry> certificate_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("certificate_request_context", self.certificate_request_context, opaque<1, 0, 0xff>{});
        io("certificate_list", self.certificate_list, vec<3, 0, 0xffffff>{});
    }
};

}  // namespace tlswire
