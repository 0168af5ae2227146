// The reference AES (FIPS-197) and CBC mode (SP 800-38A): the published
// vectors at run time, and in constant evaluation.
#include <doctest/doctest.h>

#include "../aead_check.hpp"
#include "../cipher_vectors.hpp"
#include "../test_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_crypto_reference_aes {

namespace ref = tlswire::crypto::reference;
namespace cv = tlswire_test::cipher_vectors;
using tlswire_test::from_hex;
using tlswire_test::hex_array;
using tlswire_test::to_hex;

namespace {

template <class C>
void check_block(const cv::block_case& v) {
    CAPTURE(v.id);
    const auto key = from_hex(v.key);
    const auto ks = C::expand_key(tlswire_test::fixed<C::key_size>(key));
    std::array<std::uint8_t, 16> in{};
    const auto pt = from_hex(v.plaintext);
    REQUIRE(pt.size() == 16);
    std::copy(pt.begin(), pt.end(), in.begin());
    const auto out = C::encrypt_block(ks, in);
    CHECK(to_hex(out) == v.ciphertext);
    CHECK(C::decrypt_block(ks, out) == in);
}

// FIPS-197 C.1 and C.3 at compile time: encrypt, then decrypt back.
constexpr auto c1_key = hex_array<16>("000102030405060708090a0b0c0d0e0f");
constexpr auto c3_key = hex_array<32>("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
constexpr auto c_plain = hex_array<16>("00112233445566778899aabbccddeeff");
constexpr auto c1_ks = ref::aes128::expand_key(c1_key);
constexpr auto c3_ks = ref::aes256::expand_key(c3_key);
static_assert(ref::aes128::encrypt_block(c1_ks, c_plain) == hex_array<16>("69c4e0d86a7b0430d8cdb78070b4c55a"));
static_assert(ref::aes128::decrypt_block(c1_ks, hex_array<16>("69c4e0d86a7b0430d8cdb78070b4c55a")) == c_plain);
static_assert(ref::aes256::encrypt_block(c3_ks, c_plain) == hex_array<16>("8ea2b7ca516745bfeafc49904b496089"));
static_assert(ref::aes256::decrypt_block(c3_ks, hex_array<16>("8ea2b7ca516745bfeafc49904b496089")) == c_plain);

// SP 800-38A F.2.1, the first two blocks, at compile time.
constexpr bool cbc_f21_two_blocks() {
    const auto key = hex_array<16>("2b7e151628aed2a6abf7158809cf4f3c");
    const auto iv = hex_array<16>("000102030405060708090a0b0c0d0e0f");
    const auto pt = hex_array<32>("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
    const auto want = hex_array<32>("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2");
    std::array<std::uint8_t, 32> out{};
    if (!ref::aes_128_cbc::encrypt(key, iv, pt, out) || out != want) return false;
    return ref::aes_128_cbc::decrypt(key, iv, want, out) && out == pt;
}
static_assert(cbc_f21_two_blocks());

}  // namespace

TEST_CASE("reference AES: FIPS-197 Appendix B and C.1-C.3 (AES-128, -192, -256)") {
    check_block<ref::aes128>(cv::fips197[0]);
    check_block<ref::aes128>(cv::fips197[1]);
    check_block<ref::aes192>(cv::fips197[2]);
    check_block<ref::aes256>(cv::fips197[3]);
    // FIPS-197 A.1: the expanded key ends with round key 10.
    const auto ks = ref::aes128::expand_key(hex_array<16>("2b7e151628aed2a6abf7158809cf4f3c"));
    CHECK(to_hex(tlswire::bytes_view(ks.w).last(16)) == cv::fips197_a1_round_key_10);
    CHECK(cbc_f21_two_blocks());
}

TEST_CASE("reference AES-CBC: SP 800-38A F.2.1 (AES-128) and F.2.5 (AES-256)") {
    tlswire_test::check_cbc<ref::aes_128_cbc>(cv::sp800_38a_cbc[0]);
    tlswire_test::check_cbc<ref::aes_256_cbc>(cv::sp800_38a_cbc[1]);
}

}  // namespace tests_crypto_reference_aes
