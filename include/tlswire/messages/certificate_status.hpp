// tlswire/messages/certificate_status.hpp — CertificateStatus (RFC 6066 §8, RFC 6961 §2.2).
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/status_request.hpp"
#include "tlswire/registry/certificate_status_type.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 6066 §8 and RFC 6961 §2.2:
//   struct {
//       CertificateStatusType status_type;
//       select (status_type) {
//           case ocsp:       OCSPResponse response;            // opaque OCSPResponse<1..2^24-1>;
//           case ocsp_multi: OCSPResponseList response;        // OCSPResponse ocsp_response_list<1..2^24-1>;
//       } response;
//   } CertificateStatus;
// In an ocsp_multi list an entry may be empty (RFC 6961: OCSPResponse<0..2^24-1>
// there). The same body is the status_request extension of a TLS 1.3
// CertificateEntry (RFC 8446 §4.4.2.1).
struct certificate_status {
    static constexpr handshake_type msg_type = handshake_type::certificate_status;
    static constexpr std::string_view wire_name = "certificate_status";
    certificate_status_type status_type{};
    bytes_view response{};                                             // ocsp
    list<bytes_view, opaque<3, 0, 0xffffff>> ocsp_response_list{};     // ocsp_multi

    // The same description as the TLS 1.3 CertificateEntry's status_request
    // extension body (extensions/status_request.hpp), written once there.
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { certificate_status_body::describe(io, self); }
};

}  // namespace tlswire
