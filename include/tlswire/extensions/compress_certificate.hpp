// tlswire/extensions/compress_certificate.hpp — compress_certificate (27), RFC 8879 §3.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/certificate_compression_algorithm.hpp"

namespace tlswire {

// RFC 8879 §3:
//   struct { CertificateCompressionAlgorithm algorithms<2..2^8-2>; } CertificateCompressionAlgorithms;
// ClientHello and CertificateRequest. GREASE values are kept.
struct compress_certificate_extension {
    static constexpr std::string_view wire_name = "compress_certificate";
    static constexpr extension_type type = extension_type::compress_certificate;
    list_of<certificate_compression_algorithm> algorithms{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("algorithms", self.algorithms, vec<1, 2, 0xfe>{}); }
};

}  // namespace tlswire
