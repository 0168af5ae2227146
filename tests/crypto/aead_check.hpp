// Checks shared by the reference and OpenSSL cipher tests: run a published
// AEAD / CBC vector through any backend type, with the rejections every AEAD
// must make (a flipped tag, ciphertext or AAD bit; a short input; a short
// output), and compare two backends on random inputs.
#pragma once

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "cipher_vectors.hpp"
#include "test_support.hpp"
#include "tlswire/crypto/aead.hpp"

namespace tlswire_test {

using bytes = std::vector<std::uint8_t>;

template <std::size_t N>
std::span<const std::uint8_t, N> fixed(const bytes& b) {
    REQUIRE(b.size() == N);
    return std::span<const std::uint8_t, N>(b.data(), N);
}

inline bool no_plaintext_left(const bytes& out, std::size_t n) {
    for (std::size_t i = 0; i < n && i < out.size(); ++i)
        if (out[i] != 0xee && out[i] != 0) return false;
    return true;
}

// check_aead<A>(vector) — seal gives the published ciphertext and tag, open
// gives the plaintext back (also in place), and tampering is refused.
template <tlswire::crypto::aead A>
void check_aead(const cipher_vectors::aead_case& v) {
    CAPTURE(v.id);
    const bytes key = from_hex(v.key), nonce = from_hex(v.nonce), aad = from_hex(v.aad);
    const bytes pt = from_hex(v.plaintext), ct = from_hex(v.ciphertext), tag = from_hex(v.tag);
    REQUIRE(ct.size() == pt.size());
    REQUIRE(tag.size() == A::tag_size);
    const auto k = fixed<A::key_size>(key);
    const auto n = fixed<A::nonce_size>(nonce);
    bytes sealed(pt.size() + A::tag_size, 0xee);
    REQUIRE(A::seal(k, n, aad, pt, sealed));
    bytes want = ct;
    want.insert(want.end(), tag.begin(), tag.end());
    CHECK(to_hex(sealed) == to_hex(want));

    bytes opened(pt.size(), 0xee);
    REQUIRE(A::open(k, n, aad, want, opened));
    CHECK(to_hex(opened) == to_hex(pt));

    // In place, both ways.
    bytes inplace = pt;
    inplace.resize(pt.size() + A::tag_size);
    REQUIRE(A::seal(k, n, aad, std::span<const std::uint8_t>(inplace.data(), pt.size()), inplace));
    CHECK(to_hex(inplace) == to_hex(want));
    REQUIRE(A::open(k, n, aad, inplace, inplace));
    CHECK(to_hex(std::span<const std::uint8_t>(inplace.data(), pt.size())) == to_hex(pt));

    // Tampering: every check fails and leaves no plaintext behind.
    auto refused = [&](const bytes& in, const bytes& a) {
        bytes out(pt.size(), 0xee);
        const bool ok = A::open(k, n, a, in, out);
        return !ok && no_plaintext_left(out, pt.size());
    };
    bytes bad = want;
    bad.back() ^= 0x01;  // the tag's last bit
    CHECK(refused(bad, aad));
    if (!ct.empty()) {
        bad = want;
        bad[0] ^= 0x80;  // the ciphertext
        CHECK(refused(bad, aad));
    }
    bytes bad_aad = aad;
    bad_aad.push_back(0);  // one more octet of additional data
    CHECK(refused(want, bad_aad));
    // A truncated input, an input shorter than the tag, a short output.
    CHECK(refused(bytes(want.begin(), want.end() - 1), aad));
    CHECK(refused(bytes(A::tag_size - 1, 0), aad));
    if (!pt.empty()) {
        bytes small(pt.size() - 1);
        CHECK_FALSE(A::open(k, n, aad, want, small));
        bytes small_sealed(want.size() - 1);
        CHECK_FALSE(A::seal(k, n, aad, pt, small_sealed));
    }
}

// check_cbc<C>(vector) — encrypt gives the published ciphertext, decrypt the
// plaintext (also in place); lengths that are not whole blocks are refused.
template <tlswire::crypto::cbc_cipher C>
void check_cbc(const cipher_vectors::cbc_case& v) {
    CAPTURE(v.id);
    const bytes key = from_hex(v.key), iv = from_hex(v.iv), pt = from_hex(v.plaintext), ct = from_hex(v.ciphertext);
    const auto k = fixed<C::key_size>(key);
    const auto i = fixed<C::block_size>(iv);
    bytes out(pt.size());
    REQUIRE(C::encrypt(k, i, pt, out));
    CHECK(to_hex(out) == to_hex(ct));
    REQUIRE(C::decrypt(k, i, ct, out));
    CHECK(to_hex(out) == to_hex(pt));
    bytes inplace = ct;
    REQUIRE(C::decrypt(k, i, inplace, inplace));
    CHECK(to_hex(inplace) == to_hex(pt));
    REQUIRE(C::encrypt(k, i, inplace, inplace));
    CHECK(to_hex(inplace) == to_hex(ct));
    CHECK_FALSE(C::decrypt(k, i, std::span<const std::uint8_t>(ct.data(), ct.size() - 1), out));
    bytes small(ct.size() - 1);
    CHECK_FALSE(C::encrypt(k, i, pt, small));
}

// agree_aead<A, B>(rng, cases) — A and B seal random plaintexts (0..max_len
// octets, random AAD) to the same bytes and open each other's output; a
// flipped bit is refused by both. Returns the number of inputs compared.
template <tlswire::crypto::aead A, tlswire::crypto::aead B>
int agree_aead(prng& rng, int cases, std::size_t max_len) {
    static_assert(A::key_size == B::key_size && A::nonce_size == B::nonce_size && A::tag_size == B::tag_size);
    int n = 0;
    for (int c = 0; c < cases; ++c) {
        const bytes key = rng.bytes(A::key_size), nonce = rng.bytes(A::nonce_size);
        // Lengths around block boundaries are the interesting ones: bias towards them.
        const std::size_t len = c < 40 ? static_cast<std::size_t>(c) : rng.below(max_len + 1);
        const bytes pt = rng.bytes(len), aad = rng.bytes(rng.below(c % 3 == 0 ? 1 : 40));
        const auto k = fixed<A::key_size>(key);
        const auto nn = fixed<A::nonce_size>(nonce);
        bytes a(len + A::tag_size), b(len + B::tag_size);
        REQUIRE(A::seal(k, nn, aad, pt, a));
        REQUIRE(B::seal(k, nn, aad, pt, b));
        CHECK(a == b);
        bytes pa(len), pb(len);
        CHECK(A::open(k, nn, aad, b, pa));
        CHECK(B::open(k, nn, aad, a, pb));
        CHECK(pa == pt);
        CHECK(pb == pt);
        bytes bad = a;
        bad[rng.below(bad.size())] ^= static_cast<std::uint8_t>(1u << rng.below(8));
        CHECK_FALSE(A::open(k, nn, aad, bad, pa));
        CHECK_FALSE(B::open(k, nn, aad, bad, pb));
        ++n;
    }
    return n;
}

// agree_cbc<A, B>(rng, cases) — the same for two CBC ciphers.
template <tlswire::crypto::cbc_cipher A, tlswire::crypto::cbc_cipher B>
int agree_cbc(prng& rng, int cases, std::size_t max_blocks) {
    int n = 0;
    for (int c = 0; c < cases; ++c) {
        const bytes key = rng.bytes(A::key_size), iv = rng.bytes(A::block_size);
        const bytes pt = rng.bytes(A::block_size * rng.below(max_blocks + 1));
        const auto k = fixed<A::key_size>(key);
        const auto i = fixed<A::block_size>(iv);
        bytes a(pt.size()), b(pt.size()), back(pt.size());
        REQUIRE(A::encrypt(k, i, pt, a));
        REQUIRE(B::encrypt(k, i, pt, b));
        CHECK(a == b);
        REQUIRE(A::decrypt(k, i, b, back));
        CHECK(back == pt);
        REQUIRE(B::decrypt(k, i, a, back));
        CHECK(back == pt);
        ++n;
    }
    return n;
}

}  // namespace tlswire_test
