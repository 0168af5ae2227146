// tlswire/tlswire.hpp — the umbrella header: everything except the optional
// OpenSSL backend (<tlswire/crypto/openssl.hpp>, target tlswire::openssl).
#pragma once

#include "tlswire/capture.hpp"
#include "tlswire/codec/codec.hpp"
#include "tlswire/crypto.hpp"
#include "tlswire/decryption.hpp"
#include "tlswire/dtls.hpp"
#include "tlswire/extensions.hpp"
#include "tlswire/fingerprint.hpp"
#include "tlswire/keylog.hpp"
#include "tlswire/messages.hpp"
#include "tlswire/protection.hpp"
#include "tlswire/registry.hpp"
#include "tlswire/schedule.hpp"
#include "tlswire/verify.hpp"
#include "tlswire/wire.hpp"
