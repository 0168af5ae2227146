// tlswire/extensions/signature_algorithms.hpp — signature_algorithms (13) and
// signature_algorithms_cert (50), RFC 8446 §4.2.3 / RFC 5246 §7.4.1.4.1, and
// the ClientHello/CertificateRequest form of delegated_credential (34),
// RFC 9345 §4.1.1.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/signature_scheme.hpp"

namespace tlswire {

// RFC 8446 §4.2.3:
//   struct { SignatureScheme supported_signature_algorithms<2..2^16-2>; } SignatureSchemeList;
// RFC 5246 §7.4.1.4.1 has the same bounds for SignatureAndHashAlgorithm, whose
// two bytes are the TLS 1.3 SignatureScheme code points. GREASE values
// (RFC 8701 §2) are kept.
template <extension_type Type>
struct signature_scheme_list_extension {
    static constexpr std::string_view wire_name = to_string(Type);
    static constexpr extension_type type = Type;
    list_of<signature_scheme> supported_signature_algorithms{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io(Type == extension_type::delegated_credential ? "supported_signature_algorithm"
                                                         : "supported_signature_algorithms",
           self.supported_signature_algorithms, vec<2, 2, 0xfffe>{});
    }
};
using signature_algorithms_extension = signature_scheme_list_extension<extension_type::signature_algorithms>;
using signature_algorithms_cert_extension = signature_scheme_list_extension<extension_type::signature_algorithms_cert>;
// RFC 9345 §4.1.1: struct { SignatureScheme supported_signature_algorithm<2..2^16-2>; } SignatureSchemeList;
// (delegated_credential in a ClientHello or CertificateRequest).
using delegated_credential_request = signature_scheme_list_extension<extension_type::delegated_credential>;

// RFC 9345 §4:
//   struct {
//       uint32 valid_time;
//       SignatureScheme dc_cert_verify_algorithm;
//       opaque ASN1_subjectPublicKeyInfo<1..2^24-1>;
//   } Credential;
struct delegated_credential_credential {
    static constexpr std::string_view wire_name = "Credential";
    std::uint32_t valid_time = 0;
    signature_scheme dc_cert_verify_algorithm{};
    bytes_view ASN1_subjectPublicKeyInfo{};  // NOLINT: the RFC's field name

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("valid_time", self.valid_time);
        io("dc_cert_verify_algorithm", self.dc_cert_verify_algorithm);
        io("ASN1_subjectPublicKeyInfo", self.ASN1_subjectPublicKeyInfo, opaque<3, 1, 0xffffff>{});
    }
};

// RFC 9345 §4:
//   struct {
//       Credential cred;
//       SignatureScheme algorithm;
//       opaque signature<0..2^16-1>;
//   } DelegatedCredential;
// The delegated_credential extension of a CertificateEntry (RFC 9345 §4.1.2).
struct delegated_credential_certificate {
    static constexpr std::string_view wire_name = "delegated_credential";
    static constexpr extension_type type = extension_type::delegated_credential;
    delegated_credential_credential cred{};
    signature_scheme algorithm{};
    bytes_view signature{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("cred", self.cred);
        io("algorithm", self.algorithm);
        io("signature", self.signature, opaque<2, 0, 0xffff>{});
    }
};

}  // namespace tlswire
