// tlswire/extensions/token_binding.hpp — token_binding (24), RFC 8472 §3–§4.
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

}  // namespace tlswire
