// tlswire/messages/compressed_certificate.hpp — CompressedCertificate (RFC 8879 §4).
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/certificate_compression_algorithm.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 8879 §4:
//   struct {
//        CertificateCompressionAlgorithm algorithm;
//        uint24 uncompressed_length;
//        opaque compressed_certificate_message<1..2^24-1>;
//   } CompressedCertificate;
struct compressed_certificate {
    static constexpr handshake_type msg_type = handshake_type::compressed_certificate;
    static constexpr std::string_view wire_name = "compressed_certificate";
    certificate_compression_algorithm algorithm{};
    std::uint32_t uncompressed_length = 0;
    bytes_view compressed_certificate_message{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("algorithm", self.algorithm);
        io("uncompressed_length", self.uncompressed_length, uint_<3>{});
        io("compressed_certificate_message", self.compressed_certificate_message, opaque<3, 1, 0xffffff>{});
    }
};

}  // namespace tlswire
