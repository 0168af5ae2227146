// tlswire/extensions/signed_certificate_timestamp.hpp — signed_certificate_timestamp
// (18), RFC 6962 §3.3, and transparency_info (52), RFC 9162 §6.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 6962 §3.3:
//   opaque SerializedSCT<1..2^16-1>;
//   struct { SerializedSCT sct_list <1..2^16-1>; } SignedCertificateTimestampList;
// Sent by the server: in the ServerHello (TLS 1.2) or, in TLS 1.3, in the
// end-entity CertificateEntry (RFC 8446 §4.4.2.1).
struct signed_certificate_timestamp_list {
    static constexpr std::string_view wire_name = "signed_certificate_timestamp";
    static constexpr extension_type type = extension_type::signed_certificate_timestamp;
    list<bytes_view, opaque<2, 1, 0xffff>> sct_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("sct_list", self.sct_list, vec<2, 1, 0xffff>{}); }
};

// RFC 6962 §3.3.1: clients "SHOULD send a ClientHello extension with the
// appropriate type and empty "extension_data""; RFC 8446 §4.4.2.1 has a
// server request the client's SCTs with the same empty extension in a
// CertificateRequest.
using signed_certificate_timestamp_request = empty_extension<extension_type::signed_certificate_timestamp>;

// RFC 9162 §6.5:
//   opaque SerializedTransItem<1..2^16-1>;
//   struct { SerializedTransItem trans_item_list<1..2^16-1>; } TransItemList;
// Carried by the server (ServerHello in TLS 1.2, CertificateEntry in TLS 1.3).
struct transparency_info_list {
    static constexpr std::string_view wire_name = "transparency_info";
    static constexpr extension_type type = extension_type::transparency_info;
    list<bytes_view, opaque<2, 1, 0xffff>> trans_item_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("trans_item_list", self.trans_item_list, vec<2, 1, 0xffff>{});
    }
};

// RFC 9162 §6.1: a client (or, for client certificates, a server in its
// CertificateRequest) asks for transparency information with an empty extension.
using transparency_info_request = empty_extension<extension_type::transparency_info>;

}  // namespace tlswire
