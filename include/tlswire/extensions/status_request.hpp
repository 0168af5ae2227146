// tlswire/extensions/status_request.hpp — status_request (5), RFC 6066 §8 and
// RFC 8446 §4.4.2.1, and status_request_v2 (17), RFC 6961 §2.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/certificate_status_type.hpp"

namespace tlswire {

// RFC 6066 §8:
//   struct {
//       ResponderID responder_id_list<0..2^16-1>;
//       Extensions  request_extensions;
//   } OCSPStatusRequest;
//   opaque ResponderID<1..2^16-1>;
//   opaque Extensions<0..2^16-1>;
struct ocsp_status_request {
    static constexpr std::string_view wire_name = "OCSPStatusRequest";
    list<bytes_view, opaque<2, 1, 0xffff>> responder_id_list{};
    bytes_view request_extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("responder_id_list", self.responder_id_list, vec<2, 0, 0xffff>{});
        io("request_extensions", self.request_extensions, opaque<2, 0, 0xffff>{});
    }
};

// RFC 6066 §8:
//   struct {
//       CertificateStatusType status_type;
//       select (status_type) { case ocsp: OCSPStatusRequest; } request;
//   } CertificateStatusRequest;
// The ClientHello form (RFC 8446 §4.4.2.1 keeps it for TLS 1.3). No other
// status_type defines a request format, so in strict mode any other is
// illegal_value; lenient: its request is kept as `unknown_request`.
struct status_request_client_hello {
    static constexpr std::string_view wire_name = "status_request";
    static constexpr extension_type type = extension_type::status_request;
    certificate_status_type status_type{};
    ocsp_status_request request{};
    bytes_view unknown_request{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("status_type", self.status_type);
        if (self.status_type == certificate_status_type::ocsp) {
            io("request", self.request);
        } else {
            if (io.strict()) io.check(false, errc::illegal_value, "status_type", at);
            io("request", self.unknown_request, rest{});
        }
    }
};

// RFC 6066 §8: the server's reply in a ServerHello (TLS 1.2) is empty: "the
// server MUST include an extension of type "status_request" with empty
// "extension_data"". RFC 8446 §4.4.2.1: a server asks for the client's OCSP
// response "by sending an empty "status_request" extension in its
// CertificateRequest message".
using status_request_server_hello = empty_extension<extension_type::status_request>;
using status_request_certificate_request = empty_extension<extension_type::status_request>;

// RFC 6066 §8 and RFC 6961 §2.2:
//   struct {
//       CertificateStatusType status_type;
//       select (status_type) {
//           case ocsp:       OCSPResponse response;        // opaque OCSPResponse<1..2^24-1>;
//           case ocsp_multi: OCSPResponseList response;    // OCSPResponse ocsp_response_list<1..2^24-1>;
//       } response;
//   } CertificateStatus;
// The TLS 1.2 CertificateStatus handshake message body and, in TLS 1.3, the
// status_request extension of a CertificateEntry (RFC 8446 §4.4.2.1). In an
// ocsp_multi list an entry may be empty (RFC 6961: OCSPResponse<0..2^24-1>
// there). `describe` is shared with messages/certificate_status.hpp.
struct certificate_status_body {
    static constexpr std::string_view wire_name = "status_request";
    static constexpr extension_type type = extension_type::status_request;
    certificate_status_type status_type{};
    bytes_view response{};                                          // ocsp
    list<bytes_view, opaque<3, 0, 0xffffff>> ocsp_response_list{};  // ocsp_multi

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { describe(io, self); }

    // describe — the CertificateStatus fields of any structure that has them.
    static constexpr void describe(auto& io, auto& self) {
        const auto at = io.mark();
        io("status_type", self.status_type);
        if (self.status_type == certificate_status_type::ocsp) {
            io("response", self.response, opaque<3, 1, 0xffffff>{});
        } else if (self.status_type == certificate_status_type::ocsp_multi) {
            io("ocsp_response_list", self.ocsp_response_list, vec<3, 1, 0xffffff>{});
        } else {
            // No other status type has a defined response format.
            io.check(false, errc::illegal_value, "status_type", at);
            io("response", self.response, rest{});
        }
    }
};
using status_request_certificate = certificate_status_body;

// RFC 6961 §2.2:
//   struct {
//       CertificateStatusType status_type;
//       uint16 request_length; /* Length of request field in bytes */
//       select (status_type) {
//           case ocsp: OCSPStatusRequest;
//           case ocsp_multi: OCSPStatusRequest;
//       } request;
//   } CertificateStatusRequestItemV2;
// request_length lets a receiver skip a status_type it does not know, so an
// unknown type's request is kept as raw bytes (never rejected).
struct certificate_status_request_item_v2 {
    static constexpr std::string_view wire_name = "CertificateStatusRequestItemV2";
    certificate_status_type status_type{};
    ocsp_status_request request{};
    bytes_view unknown_request{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("status_type", self.status_type);
        if (self.status_type == certificate_status_type::ocsp || self.status_type == certificate_status_type::ocsp_multi)
            io("request", self.request, nested<2, 0, 0xffff>{});
        else
            io("request", self.unknown_request, opaque<2, 0, 0xffff>{});
    }
};

// RFC 6961 §2.2:
//   struct {
//       CertificateStatusRequestItemV2 certificate_status_req_list<1..2^16-1>;
//   } CertificateStatusRequestListV2;
struct status_request_v2_client_hello {
    static constexpr std::string_view wire_name = "status_request_v2";
    static constexpr extension_type type = extension_type::status_request_v2;
    list_of<certificate_status_request_item_v2> certificate_status_req_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("certificate_status_req_list", self.certificate_status_req_list, vec<2, 1, 0xffff>{});
    }
};

// RFC 6961 §2.2: the server's ServerHello extension has empty extension_data.
using status_request_v2_server_hello = empty_extension<extension_type::status_request_v2>;

}  // namespace tlswire
