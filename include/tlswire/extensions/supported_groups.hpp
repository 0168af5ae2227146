// tlswire/extensions/supported_groups.hpp — supported_groups (10), RFC 8446
// §4.2.7 / RFC 8422 §5.1.1, and ec_point_formats (11), RFC 8422 §5.1.2.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/ec_point_format.hpp"
#include "tlswire/registry/named_group.hpp"

namespace tlswire {

// RFC 8446 §4.2.7: struct { NamedGroup named_group_list<2..2^16-1>; } NamedGroupList;
// (RFC 8422 §5.1.1 names it NamedCurve named_curve_list<2..2^16-1>.) The same
// body in a ClientHello and, in TLS 1.3, in EncryptedExtensions. GREASE
// groups (RFC 8701 §2) are kept like any other value.
struct supported_groups_extension {
    static constexpr std::string_view wire_name = "supported_groups";
    static constexpr extension_type type = extension_type::supported_groups;
    list_of<named_group> named_group_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("named_group_list", self.named_group_list, vec<2, 2, 0xffff>{});
    }
};

// RFC 8422 §5.1.2: struct { ECPointFormat ec_point_format_list<1..2^8-1> } ECPointFormatList;
// The same body in the ClientHello and the ServerHello.
struct ec_point_formats_extension {
    static constexpr std::string_view wire_name = "ec_point_formats";
    static constexpr extension_type type = extension_type::ec_point_formats;
    list_of<ec_point_format> ec_point_format_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("ec_point_format_list", self.ec_point_format_list, vec<1, 1, 0xff>{});
    }
};

// RFC 5054 §2.8.1: struct { opaque srp_I<1..2^8-1>; } SRPExtension;  (ClientHello only)
struct srp_client_hello {
    static constexpr std::string_view wire_name = "srp";
    static constexpr extension_type type = extension_type::srp;
    bytes_view srp_I{};  // NOLINT: the RFC's field name

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("srp_I", self.srp_I, text<opaque<1, 1, 0xff>>{}); }
};

}  // namespace tlswire
