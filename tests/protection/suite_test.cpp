// protection/suite.hpp: the run-time choice of protection from a cipher
// suite (suite_epoch) with the reference backend — every TLS 1.3 AEAD, every
// AES-CBC and AEAD suite of TLS 1.2, what is unsupported. (Every protected
// record of the captured real-peer connections is opened through the
// decoder in tests/decryption/.)
#include <doctest/doctest.h>

#include <type_traits>

#include "../crypto/test_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/protection/suite.hpp"
#include "tlswire/schedule/cipher_suite_keys.hpp"

namespace tests_protection_suite {

namespace ref = tlswire::crypto::reference;
namespace protection = tlswire::protection;
using tlswire::cipher_suite;
using tlswire::content_type;
using tlswire::errc;
using tlswire::protocol_version;
using tlswire_test::from_hex;
using bytes = std::vector<std::uint8_t>;
using epoch = protection::suite_epoch<ref::backend>;
static_assert(std::is_trivially_copyable_v<epoch>);

TEST_CASE("suite_epoch::tls13: the five RFC 8446 suites, each sealed with the typed functions and opened") {
    auto check = [](cipher_suite suite, std::size_t secret_length, auto aead_tag, auto hash_tag) {
        using A = typename decltype(aead_tag)::type;
        using H = typename decltype(hash_tag)::type;
        CAPTURE(tlswire::to_string(suite));
        const bytes secret(secret_length, 0x42);
        auto e = epoch::tls13(suite, secret);
        REQUIRE(e);
        CHECK(e->kind() == protection::epoch_kind::tls13);
        CHECK(e->has_keys());
        auto w = protection::tls13_epoch_from_secret<H, A>(secret);
        for (int i = 0; i < 3; ++i) {
            bytes out(64), plain(64);
            const auto rec = protection::tls13_seal(w, content_type::handshake, bytes{20, 0, 0, 0}, 2, out);
            REQUIRE(rec);
            const auto parsed = tlswire::parse<tlswire::protected_record_tls13>(*rec);
            REQUIRE(parsed);
            const auto o = e->open(*parsed, plain);
            REQUIRE(o);
            CHECK(o->sequence_number == static_cast<std::uint64_t>(i));
            CHECK(o->padding == 2);
        }
        CHECK(e->sequence_number() == 3);
    };
    check(cipher_suite::TLS_AES_128_GCM_SHA256, 32, std::type_identity<ref::aes_128_gcm>{}, std::type_identity<ref::sha256>{});
    check(cipher_suite::TLS_AES_256_GCM_SHA384, 48, std::type_identity<ref::aes_256_gcm>{}, std::type_identity<ref::sha384>{});
    check(cipher_suite::TLS_CHACHA20_POLY1305_SHA256, 32, std::type_identity<ref::chacha20_poly1305>{},
          std::type_identity<ref::sha256>{});
    check(cipher_suite::TLS_AES_128_CCM_SHA256, 32, std::type_identity<ref::aes_128_ccm>{}, std::type_identity<ref::sha256>{});
    check(cipher_suite::TLS_AES_128_CCM_8_SHA256, 32, std::type_identity<ref::aes_128_ccm_8>{},
          std::type_identity<ref::sha256>{});
}

TEST_CASE("suite_epoch: what it refuses") {
    const bytes secret(32);
    CHECK_FALSE(epoch().has_keys());
    CHECK(epoch::tls13(cipher_suite::TLS_AES_256_GCM_SHA384, secret).err().code == errc::length_out_of_range);
    CHECK(epoch::tls13(cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, secret).err().code == errc::unsupported);
    CHECK(epoch::tls13(cipher_suite::TLS_SM4_GCM_SM3, secret).err().code == errc::unsupported);
    CHECK(epoch::tls13(static_cast<cipher_suite>(0x0a0a), secret).err().code == errc::unsupported);  // GREASE
    const tlswire::tls12::key_material none{};
    CHECK(epoch::tls12(cipher_suite::TLS_AES_128_GCM_SHA256, protocol_version::tls12, none, tlswire::role::client)
              .err()
              .code == errc::unsupported);
    CHECK(epoch::tls12(cipher_suite::TLS_RSA_WITH_3DES_EDE_CBC_SHA, protocol_version::tls12, none,
                       tlswire::role::client)
              .err()
              .code == errc::unsupported);
    CHECK(epoch::tls12(cipher_suite::TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256, protocol_version::tls12, none,
                       tlswire::role::client)
              .err()
              .code == errc::unsupported);
    // Key material of the wrong sizes.
    CHECK(epoch::tls12(cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, protocol_version::tls12, none,
                       tlswire::role::client)
              .err()
              .code == errc::length_out_of_range);
    // An empty epoch opens nothing.
    epoch empty;
    const bytes frag(40);
    bytes out(40);
    const tlswire::protected_record_tls13 rec{content_type::application_data, protocol_version::tls12, frag};
    CHECK(empty.open(rec, out).err().code == errc::unsupported);
}

TEST_CASE("suite_epoch::tls12: AEAD and CBC suites from a key block") {
    bytes block(256);
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<std::uint8_t>(i * 3);
    const bytes ms(48, 7), cr(32, 1), sr(32, 2);
    int n = 0;
    for (cipher_suite suite : {cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                               cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                               cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_CCM, cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
                               cipher_suite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                               cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, cipher_suite::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
                               cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
                               cipher_suite::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384}) {
        CAPTURE(tlswire::to_string(suite));
        const auto keys = tlswire::tls12::derive_keys<ref::sha256>(ms, cr, sr, suite, protocol_version::tls12, block);
        REQUIRE(keys);
        for (auto order : {protection::mac_order::mac_then_encrypt, protection::mac_order::encrypt_then_mac}) {
            auto e = epoch::tls12(suite, protocol_version::tls12, *keys, tlswire::role::server, order);
            REQUIRE(e);
            CHECK(e->kind() == (tlswire::cipher_suite_info(suite)->is_aead() ? protection::epoch_kind::tls12_aead
                                                                             : protection::epoch_kind::tls12_cbc));
            // A record that is not from these keys is refused and does not advance the epoch.
            const bytes junk(64, 0x33);
            const tlswire::protected_record_tls12 rec{content_type::application_data, protocol_version::tls12, junk};
            bytes out(64);
            CHECK(e->open(rec, out).err().code == errc::bad_record_mac);
            CHECK(e->sequence_number() == 0);
            ++n;
        }
    }
    CHECK(n == 18);
}

}  // namespace tests_protection_suite
