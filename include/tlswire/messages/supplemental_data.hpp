// tlswire/messages/supplemental_data.hpp — SupplementalData (RFC 4680 §2).
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/handshake_type.hpp"
#include "tlswire/registry/supplemental_data_type.hpp"

namespace tlswire {

// RFC 4680 §2:
//   struct {
//       SupplementalDataType supp_data_type;
//       uint16 supp_data_length;
//       select(SupplementalDataType) { }
//   } SupplementalDataEntry;
//   struct { SupplementalDataEntry supp_data<1..2^24-1>; } SupplementalData;
struct supplemental_data_entry {
    static constexpr std::string_view wire_name = "SupplementalDataEntry";
    supplemental_data_type supp_data_type{};
    bytes_view supp_data{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("supp_data_type", self.supp_data_type);
        io("supp_data", self.supp_data, opaque<2, 0, 0xffff>{});
    }
};

struct supplemental_data {
    static constexpr handshake_type msg_type = handshake_type::supplemental_data;
    static constexpr std::string_view wire_name = "supplemental_data";
    list_of<supplemental_data_entry> supp_data{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("supp_data", self.supp_data, vec<3, 1, 0xffffff>{}); }
};

}  // namespace tlswire
