// tlswire/extensions/trusted_ca_keys.hpp — trusted_ca_keys (3), RFC 6066 §6.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 6066 §6: enum { pre_agreed(0), key_sha1_hash(1), x509_name(2), cert_sha1_hash(3), (255) } IdentifierType;
enum class trusted_ca_identifier_type : std::uint8_t { pre_agreed = 0, key_sha1_hash = 1, x509_name = 2, cert_sha1_hash = 3 };

[[nodiscard]] constexpr std::string_view to_string(trusted_ca_identifier_type t) noexcept {
    switch (t) {
        case trusted_ca_identifier_type::pre_agreed: return "pre_agreed";
        case trusted_ca_identifier_type::key_sha1_hash: return "key_sha1_hash";
        case trusted_ca_identifier_type::x509_name: return "x509_name";
        case trusted_ca_identifier_type::cert_sha1_hash: return "cert_sha1_hash";
    }
    return {};
}

// RFC 6066 §6:
//   struct {
//       IdentifierType identifier_type;
//       select (identifier_type) {
//           case pre_agreed: struct {};
//           case key_sha1_hash: SHA1Hash;          // opaque SHA1Hash[20];
//           case x509_name: DistinguishedName;     // opaque DistinguishedName<1..2^16-1>;
//           case cert_sha1_hash: SHA1Hash;
//       } identifier;
//   } TrustedAuthority;
// An unknown identifier_type has no defined length, so it cannot be skipped:
// illegal_value.
struct trusted_authority {
    static constexpr std::string_view wire_name = "TrustedAuthority";
    trusted_ca_identifier_type identifier_type{};
    bytes_view identifier{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("identifier_type", self.identifier_type);
        switch (self.identifier_type) {
            case trusted_ca_identifier_type::pre_agreed: break;
            case trusted_ca_identifier_type::key_sha1_hash:
            case trusted_ca_identifier_type::cert_sha1_hash: io("identifier", self.identifier, fixed<20>{}); break;
            case trusted_ca_identifier_type::x509_name:
                io("identifier", self.identifier, opaque<2, 1, 0xffff>{});
                break;
            default: io.check(false, errc::illegal_value, "identifier_type", at); break;
        }
    }
};

// RFC 6066 §6: struct { TrustedAuthority trusted_authorities_list<0..2^16-1>; } TrustedAuthorities;
struct trusted_ca_keys_client_hello {
    static constexpr std::string_view wire_name = "trusted_ca_keys";
    static constexpr extension_type type = extension_type::trusted_ca_keys;
    list_of<trusted_authority> trusted_authorities_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("trusted_authorities_list", self.trusted_authorities_list, vec<2, 0, 0xffff>{});
    }
};

// RFC 6066 §6: the server's extension_data "SHALL be empty".
using trusted_ca_keys_server_hello = empty_extension<extension_type::trusted_ca_keys>;

}  // namespace tlswire
