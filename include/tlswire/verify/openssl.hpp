// tlswire/verify/openssl.hpp — the verifier's signature and RSA capabilities
// over OpenSSL (libcrypto 3.x): opt-in like crypto/openssl.hpp, link with
// -lcrypto (CMake target tlswire::openssl).
//
//   verify::openssl_signatures sig;                       // signature_verifier
//   auto key = verify::openssl_private_key::from_pem(pem); // premaster_decryptor
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "tlswire/crypto/openssl_verify.hpp"
#include "tlswire/verify/keys.hpp"

namespace tlswire::verify {

namespace openssl_detail {
struct pkey_free {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct pkey_ctx_free {
    void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
struct bio_free {
    void operator()(BIO* p) const noexcept { BIO_free(p); }
};

// legacy_verify — TLS 1.0/1.1 (RFC 4346 §7.4.3): RSA signs MD5(c) + SHA-1(c)
// with PKCS#1 v1.5 padding and no DigestInfo; DSA and ECDSA sign SHA-1(c).
inline result<void> legacy_verify(bytes_view der, bytes_view content, bytes_view signature) {
    const unsigned char* p = der.data();
    std::unique_ptr<X509, crypto::openssl::detail::x509_free> cert(
        d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert) return error{errc::illegal_value, 0, "certificate"};
    EVP_PKEY* key = X509_get0_pubkey(cert.get());
    if (key == nullptr) return error{errc::unsupported, 0, "algorithm"};
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) {
        std::array<unsigned char, 36> digest{};
        unsigned int n = 0;
        if (EVP_Digest(content.data(), content.size(), digest.data(), &n, EVP_md5(), nullptr) != 1 ||
            EVP_Digest(content.data(), content.size(), digest.data() + 16, &n, EVP_sha1(), nullptr) != 1)
            return error{errc::illegal_value, 0, "signature"};
        std::unique_ptr<EVP_PKEY_CTX, pkey_ctx_free> ctx(EVP_PKEY_CTX_new(key, nullptr));
        if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 ||
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
            EVP_PKEY_verify(ctx.get(), signature.data(), signature.size(), digest.data(), digest.size()) != 1)
            return error{errc::illegal_value, 0, "signature"};
        return {};
    }
    std::unique_ptr<EVP_MD_CTX, crypto::openssl::detail::md_ctx_free> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha1(), nullptr, key) != 1 ||
        EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), content.data(), content.size()) != 1)
        return error{errc::illegal_value, 0, "signature"};
    return {};
}
}  // namespace openssl_detail

// openssl_signatures — a signature_verifier (crypto::openssl::verify_signature).
struct openssl_signatures {
    static constexpr bool available = true;
    [[nodiscard]] result<void> verify(bytes_view certificate_der, std::optional<signature_scheme> scheme,
                                      bytes_view content, bytes_view signature) const {
        if (!scheme) return openssl_detail::legacy_verify(certificate_der, content, signature);
        return crypto::openssl::verify_signature(certificate_der, *scheme, content, signature);
    }
};

// openssl_private_key — a premaster_decryptor: an RSA private key read from
// PEM (PKCS#8 or traditional), decrypting with PKCS#1 v1.5 (RFC 5246 §7.4.7.1).
class openssl_private_key {
public:
    static constexpr bool available = true;

    // from_pem(text) — the key, or errc::illegal_value at "private_key".
    static result<openssl_private_key> from_pem(std::string_view pem) {
        std::unique_ptr<BIO, openssl_detail::bio_free> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
        if (!bio) return error{errc::illegal_value, 0, "private_key"};
        EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
        if (key == nullptr) return error{errc::illegal_value, 0, "private_key"};
        openssl_private_key k;
        k.key_ = std::shared_ptr<EVP_PKEY>(key, openssl_detail::pkey_free{});
        return k;
    }

    [[nodiscard]] bool is_rsa() const noexcept { return key_ && EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_RSA; }

    [[nodiscard]] result<std::size_t> decrypt(bytes_view encrypted, std::span<std::uint8_t> out) const {
        if (!is_rsa()) return error{errc::unsupported, 0, "private_key"};
        std::unique_ptr<EVP_PKEY_CTX, openssl_detail::pkey_ctx_free> ctx(EVP_PKEY_CTX_new(key_.get(), nullptr));
        if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 ||
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1)
            return error{errc::illegal_value, 0, "encrypted_pre_master_secret"};
        std::size_t n = 0;
        if (EVP_PKEY_decrypt(ctx.get(), nullptr, &n, encrypted.data(), encrypted.size()) != 1)
            return error{errc::illegal_value, 0, "encrypted_pre_master_secret"};
        std::vector<std::uint8_t> buf(n);
        if (EVP_PKEY_decrypt(ctx.get(), buf.data(), &n, encrypted.data(), encrypted.size()) != 1)
            return error{errc::illegal_value, 0, "encrypted_pre_master_secret"};
        if (n > out.size()) return error{errc::buffer_overflow, n, "pre_master_secret"};
        for (std::size_t i = 0; i < n; ++i) out[i] = buf[i];
        return n;
    }

private:
    std::shared_ptr<EVP_PKEY> key_{nullptr, openssl_detail::pkey_free{}};
};

static_assert(signature_verifier<openssl_signatures>);
static_assert(premaster_decryptor<openssl_private_key>);

}  // namespace tlswire::verify
