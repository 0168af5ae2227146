// The OpenSSL cipher backend (crypto/openssl_aead.hpp): the published vectors
// the reference backend passes (GCM specification, SP 800-38C C.3, RFC 8439,
// SP 800-38A), and agreement with the reference backend on random inputs for
// every AEAD and CBC cipher (fixed PRNG seed): the same ciphertext and tag,
// each opens the other's output, both refuse a flipped bit.
#include <doctest/doctest.h>

#include "aead_check.hpp"
#include "cipher_vectors.hpp"
#include "test_support.hpp"
#include "tlswire/crypto/openssl_aead.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_crypto_openssl_aead {

namespace ossl = tlswire::crypto::openssl;
namespace ref = tlswire::crypto::reference;
namespace cv = tlswire_test::cipher_vectors;
using tlswire_test::prng;

TEST_CASE("openssl AEADs: the published vectors") {
    int n = 0;
    for (const auto& v : cv::gcm_aes128) tlswire_test::check_aead<ossl::aes_128_gcm>(v), ++n;
    for (const auto& v : cv::gcm_aes256) tlswire_test::check_aead<ossl::aes_256_gcm>(v), ++n;
    for (const auto& v : cv::rfc8439_aead) tlswire_test::check_aead<ossl::chacha20_poly1305>(v), ++n;
    tlswire_test::check_aead<ossl::aes_128_ccm_8>(cv::sp800_38c_c3), ++n;
    CHECK(n == 11);
    tlswire_test::check_cbc<ossl::aes_128_cbc>(cv::sp800_38a_cbc[0]);
    tlswire_test::check_cbc<ossl::aes_256_cbc>(cv::sp800_38a_cbc[1]);
}

TEST_CASE("openssl and reference AEADs agree on random inputs") {
    prng rng(0x7e57ae4d);
    constexpr int cases = 150;
    constexpr std::size_t max_len = 700;  // a few dozen blocks; lengths 0..39 are all covered
    CHECK(tlswire_test::agree_aead<ref::aes_128_gcm, ossl::aes_128_gcm>(rng, cases, max_len) == cases);
    CHECK(tlswire_test::agree_aead<ref::aes_256_gcm, ossl::aes_256_gcm>(rng, cases, max_len) == cases);
    CHECK(tlswire_test::agree_aead<ref::chacha20_poly1305, ossl::chacha20_poly1305>(rng, cases, max_len) == cases);
    CHECK(tlswire_test::agree_aead<ref::aes_128_ccm, ossl::aes_128_ccm>(rng, cases, max_len) == cases);
    CHECK(tlswire_test::agree_aead<ref::aes_128_ccm_8, ossl::aes_128_ccm_8>(rng, cases, max_len) == cases);
    CHECK(tlswire_test::agree_aead<ref::aes_256_ccm, ossl::aes_256_ccm>(rng, cases, max_len) == cases);
    CHECK(tlswire_test::agree_aead<ref::aes_256_ccm_8, ossl::aes_256_ccm_8>(rng, cases, max_len) == cases);
}

TEST_CASE("openssl and reference AES-CBC agree on random inputs") {
    prng rng(0xcbc0cbc0);
    CHECK(tlswire_test::agree_cbc<ref::aes_128_cbc, ossl::aes_128_cbc>(rng, 100, 40) == 100);
    CHECK(tlswire_test::agree_cbc<ref::aes_256_cbc, ossl::aes_256_cbc>(rng, 100, 40) == 100);
}

TEST_CASE("openssl AEADs: a long input (ChaCha20's and GCM's counters over many blocks)") {
    prng rng(42);
    const auto key = rng.bytes(32), nonce = rng.bytes(12), pt = rng.bytes(20000);
    std::vector<std::uint8_t> a(pt.size() + 16), b(pt.size() + 16);
    REQUIRE(ref::chacha20_poly1305::seal(tlswire_test::fixed<32>(key), tlswire_test::fixed<12>(nonce), {}, pt, a));
    REQUIRE(ossl::chacha20_poly1305::seal(tlswire_test::fixed<32>(key), tlswire_test::fixed<12>(nonce), {}, pt, b));
    CHECK(a == b);
    REQUIRE(ref::aes_256_gcm::seal(tlswire_test::fixed<32>(key), tlswire_test::fixed<12>(nonce), {}, pt, a));
    REQUIRE(ossl::aes_256_gcm::seal(tlswire_test::fixed<32>(key), tlswire_test::fixed<12>(nonce), {}, pt, b));
    CHECK(a == b);
}

}  // namespace tests_crypto_openssl_aead
