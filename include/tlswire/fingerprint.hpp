// tlswire/fingerprint.hpp — TLS fingerprints of parsed hellos: JA3 and JA3S
// (salesforce/ja3), JA4 and its raw and original-order forms (FoxIO's
// JA4.md). Constexpr and allocation-free, over the reference MD5 and SHA-256.
#pragma once

#include "tlswire/fingerprint/ja3.hpp"
#include "tlswire/fingerprint/ja4.hpp"
