// tlswire/crypto.hpp — the crypto layer: the hash and AEAD backend concepts,
// HMAC, HKDF, and the constexpr reference backend. The OpenSSL backend is
// opt-in: include "tlswire/crypto/openssl.hpp" (hashes) and
// "tlswire/crypto/openssl_aead.hpp" (ciphers) and link libcrypto.
#pragma once

#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/hkdf.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/crypto/reference/reference.hpp"
