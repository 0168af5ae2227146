// tlswire/verify.hpp — replaying a handshake with its key log and checking
// every cryptographic value it carries (Finished, CertificateVerify,
// ServerKeyExchange signatures, PSK binders, KeyUpdate, the RSA pre-master
// secret). Free of any crypto library: signatures and RSA decryption come
// from verify/openssl.hpp (opt-in) or any type meeting verify/keys.hpp.
#pragma once

#include "tlswire/verify/check.hpp"
#include "tlswire/verify/connection_verifier.hpp"
#include "tlswire/verify/keys.hpp"
#include "tlswire/verify/tls12.hpp"
#include "tlswire/verify/tls13.hpp"
