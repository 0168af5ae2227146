// tlswire/crypto/reference/reference.hpp — the reference hash backend.
//
// MD5 (RFC 1321), SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512 (FIPS 180-4),
// written from the specifications, entirely constexpr: the same code runs in
// `static_assert` (the TLS 1.3 key schedule of RFC 8448 is checked at compile
// time) and at run time, where it processes whole 64/128-byte blocks straight
// from the caller's buffer.
//
// NOT HARDENED. This backend exists for tests, for constant evaluation and
// for platforms without a crypto library. It makes no attempt to resist
// timing, cache or other side channels, does not wipe secrets from memory,
// and has not been reviewed as production cryptography. For real traffic use
// a vetted library, e.g. the OpenSSL backend (tlswire/crypto/openssl.hpp).
#pragma once

#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/reference/md5.hpp"
#include "tlswire/crypto/reference/sha1.hpp"
#include "tlswire/crypto/reference/sha256.hpp"
#include "tlswire/crypto/reference/sha512.hpp"

namespace tlswire::crypto::reference {

// The TLS 1.0/1.1 MD5+SHA-1 combination over the reference hashes.
using md5_sha1 = crypto::md5_sha1_of<md5, sha1>;

static_assert(hash<md5> && hash<sha1> && hash<sha224> && hash<sha256> && hash<sha384> && hash<sha512> &&
              hash<md5_sha1>);

}  // namespace tlswire::crypto::reference
