// tlswire/extensions/cached_info.hpp — cached_info (25), RFC 7924 §3.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

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
