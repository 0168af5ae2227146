// tlswire/extensions/dnssec_chain.hpp — dnssec_chain (59), RFC 9102 §2.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 9102 §2 (ClientHello): struct { uint16 PortNumber; } DnssecChainExtension;
struct dnssec_chain_client_hello {
    static constexpr std::string_view wire_name = "dnssec_chain";
    static constexpr extension_type type = extension_type::dnssec_chain;
    std::uint16_t PortNumber = 0;  // NOLINT: the RFC's field name

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("PortNumber", self.PortNumber); }
};

// RFC 9102 §2 (the server's, in the end-entity CertificateEntry):
//   struct {
//       uint16 ExtSupportLifetime;
//       opaque AuthenticationChain<1..2^16-1>
//   } DnssecChainExtension;
struct dnssec_chain_certificate {
    static constexpr std::string_view wire_name = "dnssec_chain";
    static constexpr extension_type type = extension_type::dnssec_chain;
    std::uint16_t ExtSupportLifetime = 0;  // NOLINT: the RFC's field names
    bytes_view AuthenticationChain{};      // NOLINT

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("ExtSupportLifetime", self.ExtSupportLifetime);
        io("AuthenticationChain", self.AuthenticationChain, opaque<2, 1, 0xffff>{});
    }
};

}  // namespace tlswire
