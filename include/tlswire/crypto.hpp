// tlswire/crypto.hpp — the crypto layer: the hash backend concept, HMAC,
// HKDF, and the constexpr reference backend. The OpenSSL backend is opt-in:
// include "tlswire/crypto/openssl.hpp" and link libcrypto.
#pragma once

#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/hkdf.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/crypto/reference/reference.hpp"
