// tlswire/messages/certificate_verify.hpp — CertificateVerify, every version.
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/handshake_type.hpp"
#include "tlswire/registry/signature_scheme.hpp"

namespace tlswire {

// RFC 8446 §4.4.3: struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify;
// RFC 5246 §7.4.8 (TLS 1.2): struct { digitally-signed struct {...}; } CertificateVerify, where
//   digitally-signed = SignatureAndHashAlgorithm algorithm + opaque signature<0..2^16-1> (§4.7);
//   SignatureAndHashAlgorithm {hash, signature} shares its two bytes with SignatureScheme.
// RFC 2246/4346 §7.4.8 (TLS 1.0/1.1): the signature alone, no algorithm field.
// `algorithm` is read and written only when the context's version is TLS 1.2 or later.
struct certificate_verify {
    static constexpr handshake_type msg_type = handshake_type::certificate_verify;
    static constexpr std::string_view wire_name = "certificate_verify";
    signature_scheme algorithm{};
    bytes_view signature{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        if (has_algorithm(io.ctx())) io("algorithm", self.algorithm);
        io("signature", self.signature, opaque<2, 0, 0xffff>{});
    }
    // TLS 1.0/1.1 signatures carry no algorithm (RFC 4346 §7.4.8); an unknown
    // version is read as TLS 1.2 and later, which all carry one.
    [[nodiscard]] static constexpr bool has_algorithm(const context& ctx) noexcept {
        return !ctx.version_known() || ctx.version >= 0x0303;
    }
};

}  // namespace tlswire
