// tlswire/crypto/aead.hpp — what an AEAD backend must offer (RFC 5116), and
// the block-cipher concepts TLS 1.0–1.2 CBC protection is written over.
//
// Record protection (tlswire/protection/) is written once, over these
// concepts. An AEAD is a type with only static members:
//
//   struct aes_128_gcm {
//       static constexpr std::size_t key_size = 16;    // K_LEN (RFC 5116 §4)
//       static constexpr std::size_t nonce_size = 12;  // N_MIN = N_MAX
//       static constexpr std::size_t tag_size = 16;    // the expansion: C = P + tag
//       static bool seal(key, nonce, aad, plaintext, out);
//       static bool open(key, nonce, aad, ciphertext_and_tag, out);
//   };
//
// seal(key, nonce, aad, plaintext, out) — RFC 5116 §2.1 authenticated
//   encryption: writes ciphertext || tag, plaintext.size() + tag_size octets,
//   to the front of `out`. Returns false, writing nothing, when `out` is too
//   small or the plaintext is longer than the algorithm allows.
// open(key, nonce, aad, ciphertext_and_tag, out) — RFC 5116 §2.2
//   authenticated decryption: writes the plaintext, ciphertext_and_tag.size()
//   - tag_size octets, to the front of `out` and returns true when the tag
//   verifies. Returns false when the input is shorter than a tag, `out` is
//   too small, the input is longer than the algorithm allows, or the tag does
//   not verify; then no plaintext is left in `out` (it was never written, or
//   it was overwritten with zeros).
//
// Both never throw, allocate, or touch memory outside the spans they are
// given. `out` may be exactly the input (in-place: out.data() == in.data());
// any other overlap is not allowed. When the functions are constexpr (the
// reference backend, crypto/reference/), they work in constant evaluation.
//
// NOT CONSTANT-TIME. tlswire is a decoder and test tool: it decrypts records
// it was given the keys of, it does not answer a network peer, so timing,
// cache and padding-oracle side channels (Lucky Thirteen on CBC, table
// lookups in AES, early exits on a tag mismatch) are out of scope and not
// defended against. Do not build a TLS endpoint on these functions.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto {

// aead — the backend concept (RFC 5116 §2: K, N, A, P -> C; K, N, A, C -> P or FAIL).
template <class A>
concept aead = requires {
    { A::key_size } -> std::convertible_to<std::size_t>;
    { A::nonce_size } -> std::convertible_to<std::size_t>;
    { A::tag_size } -> std::convertible_to<std::size_t>;
} && (A::key_size > 0) && (A::nonce_size > 0) && (A::tag_size > 0) &&
    requires(std::span<const std::uint8_t, A::key_size> key, std::span<const std::uint8_t, A::nonce_size> nonce,
             bytes_view aad, bytes_view in, std::span<std::uint8_t> out) {
        { A::seal(key, nonce, aad, in, out) } -> std::same_as<bool>;
        { A::open(key, nonce, aad, in, out) } -> std::same_as<bool>;
    };

// aead_key<A>, aead_nonce<A> — the key and nonce of an AEAD, by value.
template <aead A>
using aead_key = std::array<std::uint8_t, A::key_size>;
template <aead A>
using aead_nonce = std::array<std::uint8_t, A::nonce_size>;

// block_cipher — one block in, one block out, under an expanded key: what the
// reference modes (GCM, CCM, CBC) are built on.
//   static key_schedule expand_key(key);
//   static block encrypt_block(const key_schedule&, const block&);   // CIPH_K
//   static block decrypt_block(const key_schedule&, const block&);   // CIPH_K^-1
template <class C>
concept block_cipher = requires {
    typename C::key_schedule;
    { C::key_size } -> std::convertible_to<std::size_t>;
    { C::block_size } -> std::convertible_to<std::size_t>;
} && (C::key_size > 0) && (C::block_size > 0) &&
    requires(std::span<const std::uint8_t, C::key_size> key, const typename C::key_schedule& ks,
             const std::array<std::uint8_t, C::block_size>& block) {
        { C::expand_key(key) } -> std::same_as<typename C::key_schedule>;
        { C::encrypt_block(ks, block) } -> std::same_as<std::array<std::uint8_t, C::block_size>>;
        { C::decrypt_block(ks, block) } -> std::same_as<std::array<std::uint8_t, C::block_size>>;
    };

// cbc_cipher — a block cipher in CBC mode (NIST SP 800-38A §6.2), without
// padding: what TLS 1.0–1.2 block-cipher protection needs from a backend
// (RFC 5246 §6.2.3.2; the record layer does its own padding).
//   static bool encrypt(key, iv, in, out);
//   static bool decrypt(key, iv, in, out);
// `in` must be a whole number of blocks and `out` at least as long; they
// write in.size() octets and return true, else return false and write
// nothing. In-place (out.data() == in.data()) is allowed. The IV for a
// following chained call (TLS 1.0) is the last block of the ciphertext.
template <class C>
concept cbc_cipher = requires {
    { C::key_size } -> std::convertible_to<std::size_t>;
    { C::block_size } -> std::convertible_to<std::size_t>;
} && (C::key_size > 0) && (C::block_size > 0) &&
    requires(std::span<const std::uint8_t, C::key_size> key, std::span<const std::uint8_t, C::block_size> iv,
             bytes_view in, std::span<std::uint8_t> out) {
        { C::encrypt(key, iv, in, out) } -> std::same_as<bool>;
        { C::decrypt(key, iv, in, out) } -> std::same_as<bool>;
    };

namespace detail {

// xor_into(a, b, n) — a[i] ^= b[i] for i < n.
constexpr void xor_into(std::uint8_t* a, const std::uint8_t* b, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<std::uint8_t>(a[i] ^ b[i]);
}

// tags_equal(a, b, n) — compares two tags. Not constant-time (see above).
[[nodiscard]] constexpr bool tags_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) noexcept {
    std::uint8_t diff = 0;
    for (std::size_t i = 0; i < n; ++i) diff = static_cast<std::uint8_t>(diff | (a[i] ^ b[i]));
    return diff == 0;
}

// opened_size(in, out, tag_size, max_plaintext, n) — the plaintext size n of
// in = ciphertext || tag, and whether it can be opened into out: in holds a
// whole tag, and the plaintext is within the AEAD's limit and fits out.
[[nodiscard]] constexpr bool opened_size(bytes_view in, std::span<std::uint8_t> out, std::size_t tag_size,
                                         std::uint64_t max_plaintext, std::size_t& n) noexcept {
    if (in.size() < tag_size) return false;
    n = in.size() - tag_size;
    return n <= max_plaintext && out.size() >= n;
}

// wipe(out, n) — zero the first n octets (an open() that failed after writing).
constexpr void wipe(std::span<std::uint8_t> out, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n && i < out.size(); ++i) out[i] = 0;
}

}  // namespace detail

}  // namespace tlswire::crypto
