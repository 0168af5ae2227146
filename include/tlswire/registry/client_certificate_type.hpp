// tlswire/registry/client_certificate_type.hpp — ClientCertificateType of a TLS 1.0–1.2
// CertificateRequest (RFC 5246 §7.4.4; IANA tls-parameters-2 as of 2013, plus
// 67/68 from RFC 9189 as listed in rfc8447bis §11). "_RESERVED" names keep the
// suffix in to_string; enumerators drop it.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_CLIENT_CERTIFICATE_TYPE_LIST(X) \
    X(rsa_sign, 1, "rsa_sign") X(dss_sign, 2, "dss_sign")                                   \
    X(rsa_fixed_dh, 3, "rsa_fixed_dh") X(dss_fixed_dh, 4, "dss_fixed_dh")                   \
    X(rsa_ephemeral_dh, 5, "rsa_ephemeral_dh_RESERVED")                                      \
    X(dss_ephemeral_dh, 6, "dss_ephemeral_dh_RESERVED")                                      \
    X(fortezza_dms, 20, "fortezza_dms_RESERVED")                                             \
    X(ecdsa_sign, 64, "ecdsa_sign") X(rsa_fixed_ecdh, 65, "rsa_fixed_ecdh")  /* RFC 8422 */  \
    X(ecdsa_fixed_ecdh, 66, "ecdsa_fixed_ecdh")                                              \
    X(gost_sign256, 67, "gost_sign256") X(gost_sign512, 68, "gost_sign512")  /* RFC 9189 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(client_certificate_type, std::uint8_t, TLSWIRE_CLIENT_CERTIFICATE_TYPE_LIST, grease_kind::none, "client_certificate_type");

}  // namespace tlswire
