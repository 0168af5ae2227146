// The reference AES-GCM (SP 800-38D): the GCM specification's test cases
// 1–4 (AES-128) and 13–16 (AES-256), at run time and in constant evaluation.
#include <doctest/doctest.h>

#include "../aead_check.hpp"
#include "../cipher_vectors.hpp"
#include "../test_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_crypto_reference_gcm {

namespace ref = tlswire::crypto::reference;
namespace cv = tlswire_test::cipher_vectors;
using tlswire_test::hex_array;

namespace {

// Test case 4 (AES-128, 20 octets of AAD, 60 of plaintext: partial blocks in
// both) and test case 14 (AES-256) at compile time.
constexpr bool gcm_case_4() {
    const auto key = hex_array<16>("feffe9928665731c6d6a8f9467308308");
    const auto iv = hex_array<12>("cafebabefacedbaddecaf888");
    const auto aad = hex_array<20>(cv::gcm_a4);
    const auto pt = hex_array<60>(cv::gcm_p4);
    const auto want = hex_array<76>(
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
        "1ba30b396a0aac973d58e091"
        "5bc94fbc3221a5db94fae95ae7121a47");
    std::array<std::uint8_t, 76> out{};
    if (!ref::aes_128_gcm::seal(key, iv, aad, pt, out) || out != want) return false;
    std::array<std::uint8_t, 60> back{};
    if (!ref::aes_128_gcm::open(key, iv, aad, want, back) || back != pt) return false;
    auto bad = want;
    bad[75] ^= 1;
    return !ref::aes_128_gcm::open(key, iv, aad, bad, back);
}
static_assert(gcm_case_4());

constexpr bool gcm_case_14() {
    const std::array<std::uint8_t, 32> key{};
    const std::array<std::uint8_t, 12> iv{};
    const std::array<std::uint8_t, 16> pt{};
    std::array<std::uint8_t, 32> out{};
    return ref::aes_256_gcm::seal(key, iv, {}, pt, out) &&
           out == hex_array<32>("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
}
static_assert(gcm_case_14());

}  // namespace

TEST_CASE("reference AES-128-GCM: GCM specification test cases 1-4") {
    int n = 0;
    for (const auto& v : cv::gcm_aes128) tlswire_test::check_aead<ref::aes_128_gcm>(v), ++n;
    CHECK(n == 4);
    CHECK(gcm_case_4());
    // The hash subkey of test cases 1 and 2: AES_0(0^128).
    const auto ks = ref::aes128::expand_key(std::array<std::uint8_t, 16>{});
    CHECK(tlswire_test::to_hex(ref::aes128::encrypt_block(ks, {})) == cv::gcm_h_zero_key);
}

TEST_CASE("reference AES-256-GCM: GCM specification test cases 13-16") {
    int n = 0;
    for (const auto& v : cv::gcm_aes256) tlswire_test::check_aead<ref::aes_256_gcm>(v), ++n;
    CHECK(n == 4);
    CHECK(gcm_case_14());
}

}  // namespace tests_crypto_reference_gcm
