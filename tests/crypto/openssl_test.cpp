// The OpenSSL backend: the same vectors and RFC 8448 traces as the reference
// backend, and agreement with the reference backend on thousands of random
// inputs (fixed PRNG seed) for every hash, HMAC, HKDF, both TLS PRFs and
// HKDF-Expand-Label. The OpenSSL side goes through OpenSSL's own HMAC(),
// EVP_KDF "HKDF" and EVP_KDF "TLS1-PRF" (the native_* fast paths). The
// vectors are the in-repo JSON files under vectors/ (crypto_vectors.hpp,
// schedule_rfc8448_trace.hpp); OpenSSL's X25519 also confirms the RFC 8448
// key pairs and shared secrets the schedules start from.
#include <doctest/doctest.h>

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "crypto_vectors.hpp"
#include "../schedule/rfc8448_trace.hpp"
#include "tlswire/crypto/openssl.hpp"
#include "tlswire/schedule.hpp"

namespace tests_crypto_openssl {

namespace ossl = tlswire::crypto::openssl;
namespace ref = tlswire::crypto::reference;
namespace v = tlswire_test::vectors;
namespace rfc8448 = tlswire_test::rfc8448;
using tlswire_test::to_hex;

namespace {
struct openssl_backend {
    using md5 = ossl::md5;
    using sha1 = ossl::sha1;
    using sha224 = ossl::sha224;
    using sha256 = ossl::sha256;
    using sha384 = ossl::sha384;
    using sha512 = ossl::sha512;
    using md5_sha1 = ossl::md5_sha1;
};
}  // namespace

TEST_CASE("openssl: the backend satisfies the concept and has the native fast paths") {
    static_assert(tlswire::crypto::hash<ossl::sha384>);
    static_assert(tlswire::crypto::native_hmac<ossl::sha1>);
    static_assert(tlswire::crypto::native_hkdf<ossl::sha512>);
    static_assert(tlswire::crypto::native_tls_prf<ossl::md5_sha1>);
    static_assert(!tlswire::crypto::native_hmac<ref::sha256>);
    CHECK(to_hex(ossl::sha256::digest(tlswire_test::as_bytes("abc"))) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // A copied state is an independent snapshot (EVP_MD_CTX_copy_ex).
    auto s = ossl::sha256::init();
    ossl::sha256::update(s, tlswire_test::as_bytes("ab"));
    auto snap = s;
    ossl::sha256::update(s, tlswire_test::as_bytes("c"));
    CHECK(to_hex(ossl::sha256::final(s)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(ossl::sha256::final(snap) == ref::sha256::digest(tlswire_test::as_bytes("ab")));
    // The native paths really run (a false here would mean silent fallback).
    const std::vector<std::uint8_t> k = {1, 2, 3, 4, 5};
    std::array<std::uint8_t, 32> prk{};
    std::array<std::uint8_t, 40> out{};
    const tlswire::bytes_view seeds[] = {k, k};
    CHECK(ossl::sha256::hmac(k, k, prk));
    CHECK(ossl::sha256::hkdf_extract(k, k, prk));
    CHECK(ossl::sha256::hkdf_expand(prk, k, out));
    CHECK(ossl::sha256::tls_prf(k, seeds, out));
    CHECK(ossl::md5_sha1::tls_prf(k, seeds, out));
}

TEST_CASE("openssl: RFC 5869, Botan, OpenSSL/NIST and ACVP vectors") {
    CHECK(v::rfc5869<openssl_backend>() == 7);
    CHECK(v::botan_hkdf<openssl_backend>() == 13);
    CHECK(v::acvp_hkdf<openssl_backend>() == 8);
    CHECK(v::botan_tls_prf<openssl_backend>() == 36);
    CHECK(v::openssl_tls_prf<openssl_backend>("tls11") == 2);
    CHECK(v::openssl_tls_prf<openssl_backend>("tls12") == 3);
    CHECK(v::prf_cases<openssl_backend>("prf/tls10_prf.json", "") == 36);
    CHECK(v::prf_cases<openssl_backend>("prf/tls12_prf.json", "") == 13);
    CHECK(v::acvp_tls12_ems<openssl_backend>() == 14);
    CHECK(v::acvp_kdf_components<openssl_backend>() == 4);
    CHECK(v::acvp_tls13<openssl_backend>() == 10);
}

TEST_CASE("openssl: RFC 8448 sections 3-7, full schedule") {
    for (const char* section : {"3", "4", "5", "6", "7"}) CHECK(rfc8448::run<ossl::sha256>(section) >= 15);
    CHECK(rfc8448::check_all_expand_steps<ossl::sha256>() >= 40);
}

namespace {
using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

pkey_ptr x25519_key(const std::vector<std::uint8_t>& raw, bool is_private) {
    return {is_private ? EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, raw.data(), raw.size())
                       : EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, raw.data(), raw.size()),
            &EVP_PKEY_free};
}

// X25519(private, peer public) through OpenSSL (RFC 7748 §6.1).
std::vector<std::uint8_t> x25519_shared(const std::vector<std::uint8_t>& priv, const std::vector<std::uint8_t>& pub) {
    const pkey_ptr k = x25519_key(priv, true);
    const pkey_ptr peer = x25519_key(pub, false);
    REQUIRE(k != nullptr);
    REQUIRE(peer != nullptr);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(k.get(), nullptr),
                                                                    &EVP_PKEY_CTX_free);
    REQUIRE(ctx != nullptr);
    REQUIRE(EVP_PKEY_derive_init(ctx.get()) == 1);
    REQUIRE(EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) == 1);
    std::vector<std::uint8_t> out(32);
    std::size_t n = out.size();
    REQUIRE(EVP_PKEY_derive(ctx.get(), out.data(), &n) == 1);
    out.resize(n);
    return out;
}
}  // namespace

TEST_CASE("openssl: RFC 8448 x25519 key pairs and the (EC)DHE shared secret the schedules start from") {
    // Sections 3, 4, 6 and 7 use x25519 (§5 ends on P-256): each private key
    // yields its public key, and both sides' X25519 give the trace's shared_secret.
    int checked = 0;
    for (const char* number : {"3", "4", "6", "7"}) {
        CAPTURE(number);
        const auto& s = rfc8448::trace().at(number);
        for (const char* side : {"client", "server"}) {
            CAPTURE(side);
            const pkey_ptr k = x25519_key(s.ks(std::string(side) + "_x25519_private_key"), true);
            REQUIRE(k != nullptr);
            std::vector<std::uint8_t> pub(32);
            std::size_t n = pub.size();
            REQUIRE(EVP_PKEY_get_raw_public_key(k.get(), pub.data(), &n) == 1);
            CHECK(n == 32);
            CHECK(to_hex(pub) == to_hex(s.ks(std::string(side) + "_x25519_public_key")));
        }
        const auto shared = to_hex(s.ks("shared_secret"));
        CHECK(to_hex(x25519_shared(s.ks("client_x25519_private_key"), s.ks("server_x25519_public_key"))) == shared);
        CHECK(to_hex(x25519_shared(s.ks("server_x25519_private_key"), s.ks("client_x25519_public_key"))) == shared);
        ++checked;
    }
    CHECK(checked == 4);
}

namespace {

template <class R, class O>
void agree(tlswire_test::prng& rng, int rounds) {
    using tlswire::bytes_view;
    for (int i = 0; i < rounds; ++i) {
        CAPTURE(i);
        const auto msg = rng.bytes(rng.below(3 * R::block_size + 2));
        const auto key = rng.bytes(rng.below(2 * R::block_size + 2));
        // Digest, one shot and in random pieces.
        REQUIRE(R::digest(msg) == O::digest(msg));
        auto rs = R::init();
        auto os = O::init();
        for (std::size_t at = 0; at < msg.size();) {
            const std::size_t n = 1 + rng.below(msg.size() - at);
            R::update(rs, bytes_view(msg).subspan(at, n));
            O::update(os, bytes_view(msg).subspan(at, n));
            at += n;
        }
        REQUIRE(R::final(rs) == O::final(os));
        // HMAC (OpenSSL HMAC()).
        REQUIRE(tlswire::crypto::hmac<R>(key, msg) == tlswire::crypto::hmac<O>(key, msg));
        // HKDF (EVP_KDF "HKDF"); empty salt / IKM / info included.
        const auto prk_r = tlswire::crypto::hkdf_extract<R>(key, msg);
        REQUIRE(prk_r == tlswire::crypto::hkdf_extract<O>(key, msg));
        const std::size_t L = rng.below(4 * R::digest_size + 1);
        std::vector<std::uint8_t> out_r(L), out_o(L);
        REQUIRE(tlswire::crypto::hkdf_expand<R>(prk_r, key, out_r).has_value());
        REQUIRE(tlswire::crypto::hkdf_expand<O>(prk_r, key, out_o).has_value());
        REQUIRE(out_r == out_o);
        // TLS 1.2 PRF (EVP_KDF "TLS1-PRF").
        const std::string label = "label " + std::to_string(i);
        tlswire::tls12::prf<R>(key, label, msg, out_r);
        tlswire::tls12::prf<O>(key, label, msg, out_o);
        REQUIRE(out_r == out_o);
        // HKDF-Expand-Label with a random context.
        const auto ctx = rng.bytes(rng.below(256));
        REQUIRE(tlswire::tls13::hkdf_expand_label<R>(prk_r, label, ctx, out_r).has_value());
        REQUIRE(tlswire::tls13::hkdf_expand_label<O>(prk_r, label, ctx, out_o).has_value());
        REQUIRE(out_r == out_o);
    }
}

}  // namespace

TEST_CASE("openssl and reference agree on random inputs: SHA-1, SHA-224, SHA-256, SHA-384, SHA-512, MD5") {
    tlswire_test::prng rng(0x746c73776972);  // "tlswir"
    agree<ref::sha1, ossl::sha1>(rng, 400);
    agree<ref::sha224, ossl::sha224>(rng, 400);
    agree<ref::sha256, ossl::sha256>(rng, 600);
    agree<ref::sha384, ossl::sha384>(rng, 400);
    agree<ref::sha512, ossl::sha512>(rng, 400);
    agree<ref::md5, ossl::md5>(rng, 300);
}

TEST_CASE("openssl and reference agree on random inputs: the TLS 1.0/1.1 PRF (MD5-SHA1)") {
    tlswire_test::prng rng(0x31302d707266);
    for (int i = 0; i < 1000; ++i) {
        CAPTURE(i);
        const auto secret = rng.bytes(1 + rng.below(80));  // odd and even lengths
        // Seeds of one to three MD5/SHA-1 blocks (sizes below 64 only would
        // also do; g++ 12 -O3 then misreads the block loop as reading past them).
        const auto seed_a = rng.bytes(rng.below(160));
        const auto seed_b = rng.bytes(rng.below(160));
        std::vector<std::uint8_t> r(rng.below(200)), o(r.size());
        tlswire::tls12::prf<ref::md5_sha1>(secret, "key expansion", seed_a, seed_b, r);
        tlswire::tls12::prf<ossl::md5_sha1>(secret, "key expansion", seed_a, seed_b, o);
        REQUIRE(r == o);
        REQUIRE(ref::md5_sha1::digest(seed_a) == ossl::md5_sha1::digest(seed_a));
    }
}

}  // namespace tests_crypto_openssl
