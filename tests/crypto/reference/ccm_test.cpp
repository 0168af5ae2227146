// The reference CCM (RFC 3610, SP 800-38C): the general mode with the
// parameters of its published vectors (RFC 3610's 13-octet nonce and M = 8 or
// 10; SP 800-38C's nonces of 7, 8 and 12 octets with 4-, 6- and 8-octet
// tags), then the TLS sizes (12-octet nonce; 16- and 8-octet tags).
#include <doctest/doctest.h>

#include "../aead_check.hpp"
#include "../cipher_vectors.hpp"
#include "../test_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_crypto_reference_ccm {

namespace ref = tlswire::crypto::reference;
namespace cv = tlswire_test::cipher_vectors;
using tlswire_test::hex_array;

namespace {

using ccm_m8_n13 = ref::ccm<ref::aes128, 8, 13>;
using ccm_m10_n13 = ref::ccm<ref::aes128, 10, 13>;
static_assert(tlswire::crypto::aead<ccm_m8_n13> && ccm_m8_n13::length_size == 2);

// RFC 3610 packet vector #1 at compile time.
constexpr bool rfc3610_packet_1() {
    const auto key = hex_array<16>(cv::rfc3610_key);
    const auto nonce = hex_array<13>("00000003020100a0a1a2a3a4a5");
    const auto aad = hex_array<8>("0001020304050607");
    const auto pt = hex_array<23>("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e");
    const auto want = hex_array<31>("588c979a61c663d2f066d0c2c0f989806d5f6b61dac384" "17e8d12cfdf926e0");
    std::array<std::uint8_t, 31> out{};
    if (!ccm_m8_n13::seal(key, nonce, aad, pt, out) || out != want) return false;
    std::array<std::uint8_t, 23> back{};
    return ccm_m8_n13::open(key, nonce, aad, want, back) && back == pt;
}
static_assert(rfc3610_packet_1());

// SP 800-38C C.3 — TLS's CCM_8 sizes — at compile time.
constexpr bool sp800_38c_c3() {
    const auto key = hex_array<16>(cv::sp800_38c_key);
    const auto nonce = hex_array<12>("101112131415161718191a1b");
    const auto aad = hex_array<20>("000102030405060708090a0b0c0d0e0f10111213");
    const auto pt = hex_array<24>("202122232425262728292a2b2c2d2e2f3031323334353637");
    std::array<std::uint8_t, 32> out{};
    return ref::aes_128_ccm_8::seal(key, nonce, aad, pt, out) &&
           out == hex_array<32>("e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951");
}
static_assert(sp800_38c_c3());

}  // namespace

TEST_CASE("reference CCM: RFC 3610 packet vectors #1-#7 (13-octet nonce, M = 8 and 10)") {
    int n = 0;
    for (const auto& v : cv::rfc3610_m8) tlswire_test::check_aead<ccm_m8_n13>(v), ++n;
    for (const auto& v : cv::rfc3610_m10) tlswire_test::check_aead<ccm_m10_n13>(v), ++n;
    CHECK(n == 7);
    CHECK(rfc3610_packet_1());
}

TEST_CASE("reference CCM: SP 800-38C C.1-C.3 (nonce 7, 8, 12 octets; tag 4, 6, 8)") {
    tlswire_test::check_aead<ref::ccm<ref::aes128, 4, 7>>(cv::sp800_38c_c1);
    tlswire_test::check_aead<ref::ccm<ref::aes128, 6, 8>>(cv::sp800_38c_c2);
    // C.3 has the TLS sizes: it is AES-128-CCM_8 exactly.
    tlswire_test::check_aead<ref::aes_128_ccm_8>(cv::sp800_38c_c3);
    CHECK(sp800_38c_c3());
}

TEST_CASE("reference CCM: the TLS instances (12-octet nonce; AES-128/256, 16- and 8-octet tags)") {
    static_assert(ref::aes_128_ccm::nonce_size == 12 && ref::aes_128_ccm::tag_size == 16 &&
                  ref::aes_128_ccm::length_size == 3);
    static_assert(ref::aes_128_ccm_8::tag_size == 8 && ref::aes_256_ccm::key_size == 32);
    // L = 3: a plaintext of 2^24 octets is refused (RFC 3610 §2: l(m) < 2^(8L)).
    static_assert(ref::aes_128_ccm::max_plaintext == (1u << 24) - 1);
    // The 16-octet tag of AES-128-CCM and the 8-octet one of CCM_8 are the
    // same CBC-MAC truncated differently, but the flags byte of B_0 encodes
    // M, so the first 8 octets differ too.
    const std::array<std::uint8_t, 16> key{};
    const std::array<std::uint8_t, 12> nonce{};
    const std::array<std::uint8_t, 5> pt{1, 2, 3, 4, 5};
    std::array<std::uint8_t, 21> a{};
    std::array<std::uint8_t, 13> b{};
    REQUIRE(ref::aes_128_ccm::seal(key, nonce, {}, pt, a));
    REQUIRE(ref::aes_128_ccm_8::seal(key, nonce, {}, pt, b));
    CHECK(tlswire::bytes_view(a).first(5).size() == 5);
    CHECK(tlswire::equal_bytes(tlswire::bytes_view(a).first(5), tlswire::bytes_view(b).first(5)));  // same CTR stream
    CHECK_FALSE(tlswire::equal_bytes(tlswire::bytes_view(a).subspan(5, 8), tlswire::bytes_view(b).subspan(5, 8)));
}

}  // namespace tests_crypto_reference_ccm
