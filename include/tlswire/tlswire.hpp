// tlswire/tlswire.hpp — the umbrella header: everything except the optional
// OpenSSL backend (<tlswire/crypto/openssl.hpp>, target tlswire::openssl).
#pragma once

#include "tlswire/wire.hpp"
