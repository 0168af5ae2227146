// tlswire/registry/certificate_status_type.hpp — CertificateStatusType (RFC 6066 §8,
// RFC 6961 §2.2; transcribed from the RFCs).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_CERTIFICATE_STATUS_TYPE_LIST(X) \
    X(ocsp, 1, "ocsp") /* RFC 6066 §8 */ X(ocsp_multi, 2, "ocsp_multi") /* RFC 6961 §2.2 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(certificate_status_type, std::uint8_t, TLSWIRE_CERTIFICATE_STATUS_TYPE_LIST, grease_kind::none, "certificate_status_type");

}  // namespace tlswire
