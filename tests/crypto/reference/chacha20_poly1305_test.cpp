// The reference ChaCha20, Poly1305 and AEAD_CHACHA20_POLY1305 (RFC 8439):
// every test vector of §2 and Appendix A, at run time, and §2.8.2 in
// constant evaluation.
#include <doctest/doctest.h>

#include "../aead_check.hpp"
#include "../cipher_vectors.hpp"
#include "../test_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_crypto_reference_chacha20_poly1305 {

namespace ref = tlswire::crypto::reference;
namespace cv = tlswire_test::cipher_vectors;
using tlswire_test::fixed;
using tlswire_test::from_hex;
using tlswire_test::hex_array;
using tlswire_test::to_hex;

namespace {

// §2.8.2 at compile time: seal gives the RFC's ciphertext and tag.
constexpr bool rfc8439_2_8_2() {
    const auto key = hex_array<32>("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    const auto nonce = hex_array<12>("070000004041424344454647");
    const auto aad = hex_array<12>("50515253c0c1c2c3c4c5c6c7");
    const auto pt = hex_array<114>(cv::sun);
    std::array<std::uint8_t, 130> out{};
    if (!ref::chacha20_poly1305::seal(key, nonce, aad, pt, out)) return false;
    const auto ct = hex_array<114>(cv::s282_ct);
    const auto tag = hex_array<16>("1ae10b594f09e26a7e902ecbd0600691");
    for (std::size_t i = 0; i < 114; ++i)
        if (out[i] != ct[i]) return false;
    for (std::size_t i = 0; i < 16; ++i)
        if (out[114 + i] != tag[i]) return false;
    std::array<std::uint8_t, 114> back{};
    return ref::chacha20_poly1305::open(key, nonce, aad, out, back) && back == pt;
}
static_assert(rfc8439_2_8_2());

// §2.5.2 at compile time.
static_assert(ref::poly1305::mac(hex_array<32>("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"),
                                 hex_array<34>(cv::cfrg)) == hex_array<16>("a8061dc1305136c6c22b8baf0c0127a9"));

}  // namespace

TEST_CASE("reference ChaCha20: RFC 8439 §2.3.2 and A.1 block function vectors") {
    int n = 0;
    for (const auto& v : cv::chacha20_blocks) {
        CAPTURE(v.id);
        const auto key = from_hex(v.key), nonce = from_hex(v.nonce);
        CHECK(to_hex(ref::chacha20::block(fixed<32>(key), v.counter, fixed<12>(nonce))) == v.ciphertext);
        ++n;
    }
    CHECK(n == 6);
}

TEST_CASE("reference ChaCha20: RFC 8439 §2.4.2 and A.2 encryption vectors") {
    int n = 0;
    for (const auto& v : cv::chacha20_encryptions) {
        CAPTURE(v.id);
        const auto key = from_hex(v.key), nonce = from_hex(v.nonce), pt = from_hex(v.plaintext);
        std::vector<std::uint8_t> out(pt.size());
        ref::chacha20::xor_stream(fixed<32>(key), v.counter, fixed<12>(nonce), pt, out);
        CHECK(to_hex(out) == v.ciphertext);
        ref::chacha20::xor_stream(fixed<32>(key), v.counter, fixed<12>(nonce), out, out);  // in place, back
        CHECK(out == pt);
        ++n;
    }
    CHECK(n == 4);
}

TEST_CASE("reference Poly1305: RFC 8439 §2.5.2 and A.3 #1-#11") {
    int n = 0;
    for (const auto& v : cv::poly1305_macs) {
        CAPTURE(v.id);
        const auto key = from_hex(v.key), msg = from_hex(v.message);
        CHECK(to_hex(ref::poly1305::mac(fixed<32>(key), msg)) == v.tag);
        // Fed in uneven pieces, the incremental MAC is the same.
        ref::poly1305 p(fixed<32>(key));
        for (std::size_t at = 0, step = 1; at < msg.size(); at += step, step = step % 17 + 3)
            p.update(tlswire::bytes_view(msg).subspan(at, std::min(step, msg.size() - at)));
        CHECK(to_hex(p.final()) == v.tag);
        ++n;
    }
    CHECK(n == 12);
}

TEST_CASE("reference ChaCha20-Poly1305: RFC 8439 §2.6.2 and A.4 one-time keys") {
    int n = 0;
    for (const auto& v : cv::poly1305_key_gens) {
        CAPTURE(v.id);
        const auto key = from_hex(v.key), nonce = from_hex(v.nonce);
        CHECK(to_hex(ref::chacha20_poly1305::one_time_key(fixed<32>(key), fixed<12>(nonce))) == v.one_time_key);
        ++n;
    }
    CHECK(n == 4);
}

TEST_CASE("reference ChaCha20-Poly1305: RFC 8439 §2.8.2 and A.5 AEAD vectors") {
    int n = 0;
    for (const auto& v : cv::rfc8439_aead) tlswire_test::check_aead<ref::chacha20_poly1305>(v), ++n;
    CHECK(n == 2);
    CHECK(rfc8439_2_8_2());
}

}  // namespace tests_crypto_reference_chacha20_poly1305
