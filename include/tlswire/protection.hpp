// tlswire/protection.hpp — record protection: TLS 1.3 (RFC 8446 §5.2–§5.4)
// over the crypto backends.
#pragma once

#include "tlswire/protection/epoch.hpp"
#include "tlswire/protection/tls13.hpp"
