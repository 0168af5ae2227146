// tlswire/extensions/token_binding.hpp — token_binding (24), RFC 8472 §3–§4,
// and cached_info (25), RFC 7924 §3.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 8472 §3:
//   struct { uint8 major; uint8 minor; } TB_ProtocolVersion;
//   enum { rsa2048_pkcs1.5(0), rsa2048_pss(1), ecdsap256(2), (255) } TokenBindingKeyParameters;
//   struct {
//       TB_ProtocolVersion token_binding_version;
//       TokenBindingKeyParameters key_parameters_list<1..2^8-1>
//   } TokenBindingParameters;
// The server's reply (RFC 8472 §4) has the same structure; its
// key_parameters_list "MUST contain exactly one" value (strict mode).
template <bool Server>
struct basic_token_binding {
    static constexpr std::string_view wire_name = "token_binding";
    static constexpr extension_type type = extension_type::token_binding;
    std::uint8_t major = 0;
    std::uint8_t minor = 0;
    list_of<std::uint8_t> key_parameters_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("major", self.major);
        io("minor", self.minor);
        const auto at = io.mark();
        io("key_parameters_list", self.key_parameters_list, vec<1, 1, 0xff>{});
        if constexpr (Server)
            if (io.strict())
                io.check(self.key_parameters_list.size() == 1, errc::illegal_value, "key_parameters_list", at);
    }
};
using token_binding_client_hello = basic_token_binding<false>;
using token_binding_server_hello = basic_token_binding<true>;

// RFC 7924 §3: enum { cert(1), cert_req(2) (255) } CachedInformationType;
//   struct {
//       select (type) {
//           case client: CachedInformationType type; opaque hash_value<1..255>;
//           case server: CachedInformationType type;
//       } body;
//   } CachedObject;
//   struct { CachedObject cached_info<1..2^16-1>; } CachedInformation;
struct cached_object {
    static constexpr std::string_view wire_name = "CachedObject";
    std::uint8_t type = 0;
    bytes_view hash_value{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("type", self.type);
        io("hash_value", self.hash_value, opaque<1, 1, 0xff>{});
    }
};

struct cached_info_client_hello {
    static constexpr std::string_view wire_name = "cached_info";
    static constexpr extension_type type = extension_type::cached_info;
    list_of<cached_object> cached_info{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("cached_info", self.cached_info, vec<2, 1, 0xffff>{}); }
};

// The server's CachedObject is the type alone (RFC 7924 §3).
struct cached_info_server_hello {
    static constexpr std::string_view wire_name = "cached_info";
    static constexpr extension_type type = extension_type::cached_info;
    list_of<std::uint8_t> cached_info{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("cached_info", self.cached_info, vec<2, 1, 0xffff>{}); }
};

}  // namespace tlswire
