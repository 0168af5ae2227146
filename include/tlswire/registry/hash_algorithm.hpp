// tlswire/registry/hash_algorithm.hpp — TLS 1.2 HashAlgorithm (RFC 5246 §7.4.1.4.1;
// IANA tls-parameters-18 as of 2013, plus intrinsic(8) from RFC 8422 §5.1.3).
// Used in TLS 1.2 SignatureAndHashAlgorithm; TLS 1.3 replaced the pair with
// signature_scheme, whose 0xHHSS legacy code points are exactly these pairs.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_HASH_ALGORITHM_LIST(X) \
    X(none, 0, "none") X(md5, 1, "md5") X(sha1, 2, "sha1") X(sha224, 3, "sha224") \
    X(sha256, 4, "sha256") X(sha384, 5, "sha384") X(sha512, 6, "sha512")                \
    X(intrinsic, 8, "Intrinsic") /* RFC 8422 §5.1.3; IANA spelling per rfc8447bis Table; not in the 2013 snapshot */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(hash_algorithm, std::uint8_t, TLSWIRE_HASH_ALGORITHM_LIST, grease_kind::none, "hash_algorithm");

}  // namespace tlswire
