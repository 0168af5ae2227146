// tlswire/schedule/cipher_suite_keys.hpp — the TLS 1.0–1.2 key-block sizes a
// cipher suite needs, from the cipher-suite registry (kept apart from
// tls12.hpp so the key schedule itself does not depend on the registry).
#pragma once

#include "tlswire/registry/cipher_suite.hpp"
#include "tlswire/registry/protocol_version.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::tls12 {

// key_sizes_for(suite, version) — RFC 5246 §6.3 / RFC 2246 §6.3: MAC key,
// encryption key (the key-block part; 5 for 40-bit export ciphers) and the
// IV taken from the key block at `version` (CBC IVs come from the key block
// only up to TLS 1.0; AEAD suites take their fixed IV). Unknown suites fail
// with errc::unsupported.
[[nodiscard]] constexpr result<key_sizes> key_sizes_for(cipher_suite suite, protocol_version version) noexcept {
    const cipher_suite_attributes* a = cipher_suite_info(suite);
    if (a == nullptr) return error{errc::unsupported, 0, "cipher_suite"};
    return key_sizes{a->mac_key_length, a->key_length, key_block_iv_length(*a, version)};
}

// derive_keys<H>(master_secret, client_random, server_random, suite, version, buffer) —
// derive_keys with the sizes the suite implies.
template <crypto::hash H>
constexpr result<key_material> derive_keys(bytes_view master_secret, bytes_view client_random,
                                           bytes_view server_random, cipher_suite suite, protocol_version version,
                                           std::span<std::uint8_t> buffer) noexcept {
    const result<key_sizes> sizes = key_sizes_for(suite, version);
    if (!sizes) return sizes.err();
    return derive_keys<H>(master_secret, client_random, server_random, *sizes, buffer);
}

}  // namespace tlswire::tls12
