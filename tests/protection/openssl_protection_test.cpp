// Record protection over the OpenSSL backend (crypto/openssl_aead.hpp):
// records sealed by one backend opened by the other (TLS 1.3, TLS 1.2 AEAD,
// TLS 1.2 CBC in both MAC orders). (The real-peer captures decrypt over it in
// tests/decryption/openssl_connection_keys_test.cpp.)
#include <doctest/doctest.h>

#include "../crypto/test_support.hpp"
#include "tlswire/crypto/openssl_aead.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/protection/suite.hpp"

namespace tests_protection_openssl_protection {

namespace ossl = tlswire::crypto::openssl;
namespace ref = tlswire::crypto::reference;
namespace protection = tlswire::protection;
using tlswire::content_type;
using tlswire::protocol_version;
using bytes = std::vector<std::uint8_t>;

TEST_CASE("openssl and reference backends open each other's records") {
    tlswire_test::prng rng(0x5ea1);
    auto tls13 = [&](auto ref_tag, auto ossl_tag) {
        using R = typename decltype(ref_tag)::type;
        using O = typename decltype(ossl_tag)::type;
        protection::tls13_epoch<R> rw{}, rr{};
        protection::tls13_epoch<O> ow{}, orr{};
        const auto key = rng.bytes(R::key_size), iv = rng.bytes(R::nonce_size);
        std::copy(key.begin(), key.end(), rw.key.begin());
        std::copy(iv.begin(), iv.end(), rw.iv.begin());
        rr.key = ow.key = orr.key = rw.key;
        rr.iv = ow.iv = orr.iv = rw.iv;
        for (int i = 0; i < 20; ++i) {
            const bytes content = rng.bytes(rng.below(600));
            bytes a(content.size() + 64), b(content.size() + 64), out(content.size() + 64);
            const auto ra = protection::tls13_seal(rw, content_type::application_data, content, i, a);
            const auto rb = protection::tls13_seal(ow, content_type::application_data, content, i, b);
            REQUIRE(ra);
            REQUIRE(rb);
            CHECK(tlswire::equal_bytes(*ra, *rb));
            const auto pa = tlswire::parse<tlswire::protected_record_tls13>(*ra);
            REQUIRE(pa);
            auto o1 = protection::tls13_open(orr, *pa, out);
            REQUIRE(o1);
            CHECK(tlswire::equal_bytes(o1->fragment, content));
            auto o2 = protection::tls13_open(rr, *pa, out);
            REQUIRE(o2);
        }
    };
    tls13(std::type_identity<ref::aes_128_gcm>{}, std::type_identity<ossl::aes_128_gcm>{});
    tls13(std::type_identity<ref::aes_256_gcm>{}, std::type_identity<ossl::aes_256_gcm>{});
    tls13(std::type_identity<ref::chacha20_poly1305>{}, std::type_identity<ossl::chacha20_poly1305>{});
    tls13(std::type_identity<ref::aes_128_ccm>{}, std::type_identity<ossl::aes_128_ccm>{});
    tls13(std::type_identity<ref::aes_128_ccm_8>{}, std::type_identity<ossl::aes_128_ccm_8>{});

    auto cbc = [&](auto ref_tag, auto ossl_tag, auto hash_tag, protection::mac_order order) {
        using R = typename decltype(ref_tag)::type;
        using O = typename decltype(ossl_tag)::type;
        using H = typename decltype(hash_tag)::type;
        protection::tls12_cbc_epoch<R, H> rw{}, rr{};
        protection::tls12_cbc_epoch<O, H> ow{}, orr{};
        const auto key = rng.bytes(R::key_size), mac_key = rng.bytes(H::digest_size);
        std::copy(key.begin(), key.end(), rw.key.begin());
        std::copy(mac_key.begin(), mac_key.end(), rw.mac_key.begin());
        rw.order = order;
        rr.key = ow.key = orr.key = rw.key;
        rr.mac_key = ow.mac_key = orr.mac_key = rw.mac_key;
        rr.order = ow.order = orr.order = order;
        std::array<std::uint8_t, 16> iv{};
        for (int i = 0; i < 20; ++i) {
            const auto ivb = rng.bytes(16);
            std::copy(ivb.begin(), ivb.end(), iv.begin());
            const bytes content = rng.bytes(rng.below(600));
            bytes a(content.size() + 128), b(content.size() + 128), out(content.size() + 128);
            const auto ra = protection::tls12_cbc_seal(rw, content_type::handshake, protocol_version::tls12, content, iv, a);
            const auto rb = protection::tls12_cbc_seal(ow, content_type::handshake, protocol_version::tls12, content, iv, b);
            REQUIRE(ra);
            REQUIRE(rb);
            CHECK(tlswire::equal_bytes(*ra, *rb));
            const tlswire::protected_record_tls12 rec{content_type::handshake, protocol_version::tls12, ra->subspan(5)};
            auto o1 = protection::tls12_cbc_open(orr, rec, out);
            REQUIRE(o1);
            CHECK(tlswire::equal_bytes(o1->fragment, content));
            REQUIRE(protection::tls12_cbc_open(rr, rec, out));
        }
    };
    for (auto order : {protection::mac_order::mac_then_encrypt, protection::mac_order::encrypt_then_mac}) {
        cbc(std::type_identity<ref::aes_128_cbc>{}, std::type_identity<ossl::aes_128_cbc>{}, std::type_identity<ref::sha1>{}, order);
        cbc(std::type_identity<ref::aes_256_cbc>{}, std::type_identity<ossl::aes_256_cbc>{}, std::type_identity<ossl::sha384>{},
            order);
    }
}

}  // namespace tests_protection_openssl_protection
