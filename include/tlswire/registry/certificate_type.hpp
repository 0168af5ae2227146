// tlswire/registry/certificate_type.hpp — TLS Certificate Types, the values of the
// client_certificate_type / server_certificate_type / cert_type extensions
// (RFC 7250 §3, RFC 6091 §3, RFC 8902). Transcribed from the RFCs (no snapshot);
// names use the RFC presentation-language spellings.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_CERTIFICATE_TYPE_LIST(X) \
    X(x509, 0, "X509")                      /* RFC 6091 §3 (X.509), RFC 7250 §3 */ \
    X(openpgp, 1, "OpenPGP")                /* RFC 6091 §3 */                     \
    X(raw_public_key, 2, "RawPublicKey")    /* RFC 7250 §3 */                     \
    X(ieee1609dot2, 3, "1609Dot2")          /* RFC 8902 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(certificate_type, std::uint8_t, TLSWIRE_CERTIFICATE_TYPE_LIST, grease_kind::none, "certificate_type");

}  // namespace tlswire
