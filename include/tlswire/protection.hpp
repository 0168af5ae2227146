// tlswire/protection.hpp — record protection: TLS 1.3 (RFC 8446 §5.2–§5.4),
// TLS 1.2 AEAD (RFC 5246 §6.2.3.3, RFC 5288, RFC 6655, RFC 7905) and TLS
// 1.0–1.2 CBC with HMAC in either order (RFC 5246 §6.2.3.2, RFC 7366), over
// the crypto backends; suite_epoch picks them from a cipher suite.
#pragma once

#include "tlswire/protection/epoch.hpp"
#include "tlswire/protection/suite.hpp"
#include "tlswire/protection/tls12_aead.hpp"
#include "tlswire/protection/tls12_cbc.hpp"
#include "tlswire/protection/tls13.hpp"
