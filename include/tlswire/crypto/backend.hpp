// tlswire/crypto/backend.hpp — what a hash backend must offer, and the
// optional fast paths a backend may add.
//
// Everything above the hash (HMAC, HKDF, the TLS PRFs, the TLS 1.3 key
// schedule) is written once, over the `crypto::hash` concept below. A hash is
// a type with only static members:
//
//   struct sha256 {
//       static constexpr std::size_t digest_size = 32;  // Hash.length
//       static constexpr std::size_t block_size = 64;   // HMAC's B (RFC 2104 §2)
//       struct state { ... };                           // copyable: copy = snapshot
//       static state init();
//       static void update(state&, bytes_view);
//       static std::array<std::uint8_t, 32> final(state&);   // consumes the state
//       static std::array<std::uint8_t, 32> digest(bytes_view); // one shot
//   };
//
// The state must be copyable because a transcript hash is read in the middle
// of a handshake (RFC 8446 §4.4.1) without ending it: copy, then `final` the
// copy. When a backend's functions are constexpr (the reference backend),
// every algorithm built on it is usable in constant evaluation too.
//
// A backend may also provide its own, faster, HMAC / HKDF / TLS PRF (the
// OpenSSL backend does). The generic functions detect these with the
// `native_*` concepts below and call them outside constant evaluation; there
// are no flags. A native function returns false to decline (for example, a
// library that refuses an empty key), and the generic code then falls back to
// the portable algorithm, so a backend's quirks never change a result.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto {

// hash — the backend concept.
template <class H>
concept hash = requires {
    typename H::state;
    { H::digest_size } -> std::convertible_to<std::size_t>;
    { H::block_size } -> std::convertible_to<std::size_t>;
} && std::copyable<typename H::state> && (H::digest_size > 0) && (H::block_size >= H::digest_size) &&
    requires(typename H::state& s, bytes_view in) {
        { H::init() } -> std::same_as<typename H::state>;
        H::update(s, in);
        { H::final(s) } -> std::same_as<std::array<std::uint8_t, H::digest_size>>;
        { H::digest(in) } -> std::same_as<std::array<std::uint8_t, H::digest_size>>;
    };

// digest<H> — a hash output of H's exact size.
template <hash H>
using digest = std::array<std::uint8_t, H::digest_size>;

// native_hmac — H::hmac(key, message, out) computes HMAC-H (RFC 2104) itself.
template <class H>
concept native_hmac = hash<H> && requires(bytes_view key, bytes_view msg, std::span<std::uint8_t, H::digest_size> out) {
    { H::hmac(key, msg, out) } -> std::same_as<bool>;
};

// native_hkdf — H::hkdf_extract(salt, ikm, out) and H::hkdf_expand(prk, info,
// out) compute RFC 5869 §2.2 / §2.3 themselves.
template <class H>
concept native_hkdf = hash<H> && requires(bytes_view salt, bytes_view ikm, std::span<std::uint8_t, H::digest_size> prk,
                                          std::span<std::uint8_t> out) {
    { H::hkdf_extract(salt, ikm, prk) } -> std::same_as<bool>;
    { H::hkdf_expand(salt, ikm, out) } -> std::same_as<bool>;
};

// native_tls_prf — H::tls_prf(secret, seed_parts, out) computes the TLS PRF
// that belongs to H: P_H (RFC 5246 §5) for a single hash, or the TLS 1.0/1.1
// MD5 ⊕ SHA-1 PRF (RFC 2246 §5) when H is an md5_sha1 combination. The
// label is the first seed part (the PRF hashes label + seed).
template <class H>
concept native_tls_prf = hash<H> && requires(bytes_view secret, std::span<const bytes_view> seed,
                                             std::span<std::uint8_t> out) {
    { H::tls_prf(secret, seed, out) } -> std::same_as<bool>;
};

// md5_sha1_of<MD5, SHA1> — the TLS 1.0/1.1 combination: both hashes over the
// same input, digest = MD5(x) + SHA1(x) (36 octets). It is what TLS 1.0/1.1
// hashes handshake messages with for Finished (RFC 2246 §7.4.9) and what the
// RSA signatures of that era cover (RFC 2246 §7.4.3). As the hash of the TLS
// PRF it selects the TLS 1.0/1.1 PRF (see tls12::prf). block_size is 64, the
// block of both halves; HMAC over this combination is not a thing TLS uses.
template <hash MD5, hash SHA1>
struct md5_sha1_of {
    using md5_type = MD5;
    using sha1_type = SHA1;
    static constexpr std::size_t digest_size = MD5::digest_size + SHA1::digest_size;
    static constexpr std::size_t block_size = 64;

    struct state {
        typename MD5::state md5;
        typename SHA1::state sha1;
    };

    static constexpr state init() { return state{MD5::init(), SHA1::init()}; }
    static constexpr void update(state& s, bytes_view in) {
        MD5::update(s.md5, in);
        SHA1::update(s.sha1, in);
    }
    static constexpr std::array<std::uint8_t, digest_size> final(state& s) {
        std::array<std::uint8_t, digest_size> out{};
        const auto a = MD5::final(s.md5);
        const auto b = SHA1::final(s.sha1);
        for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i];
        for (std::size_t i = 0; i < b.size(); ++i) out[a.size() + i] = b[i];
        return out;
    }
    static constexpr std::array<std::uint8_t, digest_size> digest(bytes_view in) {
        state s = init();
        update(s, in);
        return final(s);
    }
};

// is_md5_sha1 — H is an MD5+SHA-1 combination (selects the TLS 1.0/1.1 PRF).
template <class H>
concept is_md5_sha1 = hash<H> && requires {
    typename H::md5_type;
    typename H::sha1_type;
};

}  // namespace tlswire::crypto
