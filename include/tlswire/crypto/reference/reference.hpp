// tlswire/crypto/reference/reference.hpp — the reference backend.
//
// Hashes: MD5 (RFC 1321), SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512
// (FIPS 180-4). Ciphers: AES (FIPS-197) in GCM (SP 800-38D), CCM (RFC 3610,
// SP 800-38C) and CBC (SP 800-38A); ChaCha20-Poly1305 (RFC 8439). Written
// from the specifications, entirely constexpr: the same code runs in
// `static_assert` (the TLS 1.3 key schedule of RFC 8448 and the decryption of
// its records are checked at compile time) and at run time, where it
// processes whole blocks straight from the caller's buffer.
//
// NOT HARDENED. This backend exists for tests, for constant evaluation and
// for platforms without a crypto library. It makes no attempt to resist
// timing, cache or other side channels, does not wipe secrets from memory,
// and has not been reviewed as production cryptography. For real traffic use
// a vetted library, e.g. the OpenSSL backend (tlswire/crypto/openssl.hpp and
// tlswire/crypto/openssl_aead.hpp).
#pragma once

#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/reference/aes.hpp"
#include "tlswire/crypto/reference/cbc.hpp"
#include "tlswire/crypto/reference/ccm.hpp"
#include "tlswire/crypto/reference/chacha20_poly1305.hpp"
#include "tlswire/crypto/reference/gcm.hpp"
#include "tlswire/crypto/reference/md5.hpp"
#include "tlswire/crypto/reference/sha1.hpp"
#include "tlswire/crypto/reference/sha256.hpp"
#include "tlswire/crypto/reference/sha512.hpp"

namespace tlswire::crypto::reference {

// The TLS 1.0/1.1 MD5+SHA-1 combination over the reference hashes.
using md5_sha1 = crypto::md5_sha1_of<md5, sha1>;

// The AEADs of TLS 1.2 and 1.3 (RFC 5116 §5.1–§5.3, RFC 6655 §3, RFC 8439
// §2.8): 12-byte nonces; CCM_8 has an 8-byte tag.
using aes_128_gcm = gcm<aes128>;
using aes_256_gcm = gcm<aes256>;
using aes_128_ccm = ccm<aes128, 16, 12>;
using aes_256_ccm = ccm<aes256, 16, 12>;
using aes_128_ccm_8 = ccm<aes128, 8, 12>;
using aes_256_ccm_8 = ccm<aes256, 8, 12>;
// chacha20_poly1305 is the struct of chacha20_poly1305.hpp.

// The CBC ciphers of TLS 1.0–1.2 (RFC 5246 App. C).
using aes_128_cbc = cbc<aes128>;
using aes_256_cbc = cbc<aes256>;

// backend — every algorithm of this backend by its conventional name, for
// code that is written over a backend rather than one algorithm (record
// protection picks its AEAD from the negotiated cipher suite with it; see
// protection/suite.hpp). The OpenSSL backend has the same members.
struct backend {
    using md5 = reference::md5;
    using sha1 = reference::sha1;
    using sha224 = reference::sha224;
    using sha256 = reference::sha256;
    using sha384 = reference::sha384;
    using sha512 = reference::sha512;
    using md5_sha1 = reference::md5_sha1;
    using aes_128_gcm = reference::aes_128_gcm;
    using aes_256_gcm = reference::aes_256_gcm;
    using aes_128_ccm = reference::aes_128_ccm;
    using aes_256_ccm = reference::aes_256_ccm;
    using aes_128_ccm_8 = reference::aes_128_ccm_8;
    using aes_256_ccm_8 = reference::aes_256_ccm_8;
    using chacha20_poly1305 = reference::chacha20_poly1305;
    using aes_128_cbc = reference::aes_128_cbc;
    using aes_256_cbc = reference::aes_256_cbc;
};

static_assert(hash<md5> && hash<sha1> && hash<sha224> && hash<sha256> && hash<sha384> && hash<sha512> &&
              hash<md5_sha1>);
static_assert(aead<aes_128_gcm> && aead<aes_256_gcm> && aead<aes_128_ccm> && aead<aes_256_ccm> &&
              aead<aes_128_ccm_8> && aead<aes_256_ccm_8> && aead<chacha20_poly1305>);
static_assert(cbc_cipher<aes_128_cbc> && cbc_cipher<aes_256_cbc>);

}  // namespace tlswire::crypto::reference
