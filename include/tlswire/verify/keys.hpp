// tlswire/verify/keys.hpp — what the verifier needs beyond hashes: checking
// a handshake signature against a certificate's public key, and decrypting
// an RSA-encrypted pre-master secret with the server's private key. Both are
// concepts so that the library stays free of any crypto library: the OpenSSL
// implementation is opt-in (verify/openssl.hpp), and the verifier skips the
// checks whose capability it was not given.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "tlswire/registry/signature_scheme.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::verify {

// signature_verifier — v.verify(certificate_der, scheme, signed_content,
// signature): ok when `signature` is `scheme`'s signature of the content
// under the certificate's public key. No scheme (std::nullopt): a TLS 1.0/1.1
// signature, whose algorithm follows from the key (RSA: PKCS#1 v1.5 over
// MD5 + SHA-1 without DigestInfo; (EC)DSA: over SHA-1), RFC 4346 §7.4.3.
template <class V>
concept signature_verifier = requires(const V& v, bytes_view der, std::optional<signature_scheme> scheme,
                                      bytes_view content, bytes_view signature) {
    { v.verify(der, scheme, content, signature) } -> std::same_as<result<void>>;
};

// premaster_decryptor — d.decrypt(encrypted, out): the RSA key exchange's
// pre-master secret (RFC 5246 §7.4.7.1) decrypted into `out` (48 octets);
// returns its length.
template <class D>
concept premaster_decryptor = requires(const D& d, bytes_view encrypted, std::span<std::uint8_t> out) {
    { d.decrypt(encrypted, out) } -> std::same_as<result<std::size_t>>;
};

// no_signatures / no_decryptor — stand-ins when the capability is absent
// (the verifier then reports no signature or pre-master check).
struct no_signatures {
    static constexpr bool available = false;
    [[nodiscard]] result<void> verify(bytes_view, std::optional<signature_scheme>, bytes_view, bytes_view) const {
        return error{errc::unsupported, 0, "algorithm"};
    }
};
struct no_decryptor {
    static constexpr bool available = false;
    [[nodiscard]] result<std::size_t> decrypt(bytes_view, std::span<std::uint8_t>) const {
        return error{errc::unsupported, 0, "private_key"};
    }
};

static_assert(signature_verifier<no_signatures>);
static_assert(premaster_decryptor<no_decryptor>);

}  // namespace tlswire::verify
