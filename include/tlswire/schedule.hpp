// tlswire/schedule.hpp — the key schedules: TLS 1.0–1.2 (PRF, master secret,
// EMS, key block, Finished, RFC 5705 exporter), TLS 1.3 (RFC 8446 §7), the
// transcript hash, and the bytes each handshake signature covers.
#pragma once

#include "tlswire/crypto.hpp"
#include "tlswire/schedule/cipher_suite_keys.hpp"
#include "tlswire/schedule/signed_content.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/schedule/tls13.hpp"
#include "tlswire/schedule/transcript.hpp"
