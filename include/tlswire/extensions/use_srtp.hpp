// tlswire/extensions/use_srtp.hpp — use_srtp (14), RFC 5764 §4.1.1.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 5764 §4.1.1:
//   uint8 SRTPProtectionProfile[2];
//   struct {
//       SRTPProtectionProfiles SRTPProtectionProfiles;
//       opaque srtp_mki<0..255>;
//   } UseSRTPData;
//   SRTPProtectionProfile SRTPProtectionProfiles<2..2^16-1>;
// The server's reply has the same structure with "a single
// SRTPProtectionProfile value that the server has chosen" (checked in strict mode).
template <bool Server>
struct basic_use_srtp {
    static constexpr std::string_view wire_name = "use_srtp";
    static constexpr extension_type type = extension_type::use_srtp;
    list_of<std::uint16_t> SRTPProtectionProfiles{};  // NOLINT: the RFC's field name
    bytes_view srtp_mki{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("SRTPProtectionProfiles", self.SRTPProtectionProfiles, vec<2, 2, 0xffff>{});
        if constexpr (Server)
            if (io.strict()) io.check(self.SRTPProtectionProfiles.size() == 1, errc::illegal_value, "SRTPProtectionProfiles", at);
        io("srtp_mki", self.srtp_mki, opaque<1, 0, 0xff>{});
    }
};
using use_srtp_client_hello = basic_use_srtp<false>;
using use_srtp_server = basic_use_srtp<true>;

}  // namespace tlswire
