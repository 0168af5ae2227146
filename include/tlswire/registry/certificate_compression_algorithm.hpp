// tlswire/registry/certificate_compression_algorithm.hpp — CertificateCompressionAlgorithm
// (RFC 8879 §3 and §7.3; transcribed from the RFC draft text, no snapshot).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_CERTIFICATE_COMPRESSION_ALGORITHM_LIST(X) \
    X(zlib, 1, "zlib") X(brotli, 2, "brotli") X(zstd, 3, "zstd")
// clang-format on

TLSWIRE_DEFINE_REGISTRY(certificate_compression_algorithm, std::uint16_t, TLSWIRE_CERTIFICATE_COMPRESSION_ALGORITHM_LIST, grease_kind::none, "certificate_compression_algorithm");

}  // namespace tlswire
