// tlswire/extensions/certificate_authorities.hpp — certificate_authorities (47),
// RFC 8446 §4.2.4, and oid_filters (48), §4.2.5.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 8446 §4.2.4:
//   opaque DistinguishedName<1..2^16-1>;
//   struct { DistinguishedName authorities<3..2^16-1>; } CertificateAuthoritiesExtension;
// ClientHello and CertificateRequest.
struct certificate_authorities_extension {
    static constexpr std::string_view wire_name = "certificate_authorities";
    static constexpr extension_type type = extension_type::certificate_authorities;
    list<bytes_view, opaque<2, 1, 0xffff>> authorities{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("authorities", self.authorities, vec<2, 3, 0xffff>{}); }
};

// RFC 8446 §4.2.5:
//   struct {
//       opaque certificate_extension_oid<1..2^8-1>;
//       opaque certificate_extension_values<0..2^16-1>;
//   } OIDFilter;
struct oid_filter {
    static constexpr std::string_view wire_name = "OIDFilter";
    bytes_view certificate_extension_oid{};
    bytes_view certificate_extension_values{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("certificate_extension_oid", self.certificate_extension_oid, opaque<1, 1, 0xff>{});
        io("certificate_extension_values", self.certificate_extension_values, opaque<2, 0, 0xffff>{});
    }
};

// RFC 8446 §4.2.5: struct { OIDFilter filters<0..2^16-1>; } OIDFilterExtension;
// CertificateRequest only.
struct oid_filters_certificate_request {
    static constexpr std::string_view wire_name = "oid_filters";
    static constexpr extension_type type = extension_type::oid_filters;
    list_of<oid_filter> filters{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("filters", self.filters, vec<2, 0, 0xffff>{}); }
};

}  // namespace tlswire
