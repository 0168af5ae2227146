// tlswire/messages/compressed_certificate.hpp — CompressedCertificate (RFC 8879 §4).
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/messages/tls13_only.hpp"
#include "tlswire/registry/certificate_compression_algorithm.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 8879 §4:
//   struct {
//        CertificateCompressionAlgorithm algorithm;
//        uint24 uncompressed_length;
//        opaque compressed_certificate_message<1..2^24-1>;
//   } CompressedCertificate;
// RFC 8879 §3: "This extension is only supported with TLS 1.3 [RFC8446] and
// newer", so the message is read with TLS 1.3 rules (messages/tls13_only.hpp).
struct compressed_certificate {
    static constexpr handshake_type msg_type = handshake_type::compressed_certificate;
    static constexpr std::string_view wire_name = "compressed_certificate";
    certificate_compression_algorithm algorithm{};
    std::uint32_t uncompressed_length = 0;
    bytes_view compressed_certificate_message{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        detail::in_tls13(io, wire_name, [&](auto& io13) {
            io13("algorithm", self.algorithm);
            io13("uncompressed_length", self.uncompressed_length, uint_<3>{});
            io13("compressed_certificate_message", self.compressed_certificate_message, opaque<3, 1, 0xffffff>{});
        });
    }
};

}  // namespace tlswire
