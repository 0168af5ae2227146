// tlswire/crypto/openssl_verify.hpp — verify a handshake signature with the
// public key of a certificate, over OpenSSL (libcrypto 3.x). Opt-in like
// openssl.hpp: link with -lcrypto (CMake target tlswire::openssl).
//
// The bytes a signature covers come from schedule/signed_content.hpp (TLS 1.3
// CertificateVerify, TLS 1.2 CertificateVerify, ServerKeyExchange params);
// the certificate is the first entry of the peer's Certificate message.
// This checks one signature against one key — it does not validate the
// certificate chain or decide trust; that is the TLS stack's business.
#pragma once

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

#include "tlswire/registry/signature_scheme.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::crypto::openssl {

namespace detail {
struct x509_free {
    void operator()(X509* p) const noexcept { X509_free(p); }
};
struct md_ctx_free {
    void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};

// The digest a scheme signs with, or nullptr for EdDSA (which hashes itself).
inline const EVP_MD* scheme_digest(hash_function h) noexcept {
    switch (h) {
        case hash_function::sha1: return EVP_sha1();
        case hash_function::sha224: return EVP_sha224();
        case hash_function::sha256: return EVP_sha256();
        case hash_function::sha384: return EVP_sha384();
        case hash_function::sha512: return EVP_sha512();
        default: return nullptr;
    }
}
}  // namespace detail

// verify_signature(certificate_der, scheme, signed_content, signature) —
// whether `signature` is `scheme`'s signature of `signed_content` under the
// certificate's public key: RSA PKCS#1 v1.5 (RFC 8017 §8.2), RSA-PSS with
// MGF1 and a salt as long as the hash (RFC 8446 §4.2.3), ECDSA (DER
// signature), Ed25519 and Ed448 (RFC 8032). Errors: errc::illegal_value at
// "certificate" when the DER does not parse, errc::unsupported at "algorithm"
// for a scheme this cannot verify, errc::illegal_value at "signature" when
// the signature does not verify (or the key does not suit the scheme).
inline result<void> verify_signature(bytes_view certificate_der, signature_scheme scheme, bytes_view signed_content,
                                     bytes_view signature) {
    const unsigned char* p = certificate_der.data();
    std::unique_ptr<X509, detail::x509_free> cert(d2i_X509(nullptr, &p, static_cast<long>(certificate_der.size())));
    if (!cert || p != certificate_der.data() + certificate_der.size())
        return error{errc::illegal_value, 0, "certificate"};
    EVP_PKEY* key = X509_get0_pubkey(cert.get());  // owned by the certificate
    const auto* info = signature_scheme_info(scheme);
    if (key == nullptr || info == nullptr) return error{errc::unsupported, 0, "algorithm"};
    const bool eddsa = info->family == signature_family::eddsa;
    const bool pss = info->family == signature_family::rsa_pss_rsae || info->family == signature_family::rsa_pss_pss;
    const bool pkcs1 = info->family == signature_family::rsa_pkcs1;
    const bool ecdsa = info->family == signature_family::ecdsa;
    const EVP_MD* md = detail::scheme_digest(info->hash);
    if (!(eddsa || pss || pkcs1 || ecdsa) || (!eddsa && md == nullptr)) return error{errc::unsupported, 0, "algorithm"};

    std::unique_ptr<EVP_MD_CTX, detail::md_ctx_free> ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) != 1)
        return error{errc::illegal_value, 0, "signature"};
    if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
                EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1))
        return error{errc::illegal_value, 0, "signature"};
    if (pkcs1 && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
        return error{errc::illegal_value, 0, "signature"};
    const int ok = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), signed_content.data(),
                                    signed_content.size());
    if (ok != 1) return error{errc::illegal_value, 0, "signature"};
    return {};
}

}  // namespace tlswire::crypto::openssl
