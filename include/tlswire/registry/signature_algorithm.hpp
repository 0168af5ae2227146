// tlswire/registry/signature_algorithm.hpp — TLS 1.2 SignatureAlgorithm (RFC 5246 §7.4.1.4.1;
// IANA tls-parameters-16 as of 2013, plus ed25519(7)/ed448(8) from RFC 8422
// §5.1.3 and the GOST values from RFC 9189, as listed in rfc8447bis §10).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_SIGNATURE_ALGORITHM_LIST(X) \
    X(anonymous, 0, "anonymous") X(rsa, 1, "rsa") X(dsa, 2, "dsa") X(ecdsa, 3, "ecdsa") \
    X(ed25519, 7, "ed25519") X(ed448, 8, "ed448")           /* RFC 8422 §5.1.3 */        \
    X(gostr34102012_256, 64, "gostr34102012_256")            /* RFC 9189 */               \
    X(gostr34102012_512, 65, "gostr34102012_512")            /* RFC 9189 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(signature_algorithm, std::uint8_t, TLSWIRE_SIGNATURE_ALGORITHM_LIST, grease_kind::none, "signature_algorithm");

}  // namespace tlswire
