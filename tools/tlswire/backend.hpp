// tools/tlswire/backend.hpp — the crypto backend the tool opens records and
// checks handshakes with: libcrypto when the build has it (the reference
// backend is constexpr but slow at run time), else the reference one.
#pragma once

#include "tlswire/crypto/reference/reference.hpp"
#ifdef TLSWIRE_HAVE_OPENSSL
#include "tlswire/crypto/openssl_aead.hpp"
#endif

namespace tlswire::cli {

#ifdef TLSWIRE_HAVE_OPENSSL
using backend = crypto::openssl::backend;
#else
using backend = crypto::reference::backend;
#endif

}  // namespace tlswire::cli
