// Key-schedule API behaviour: QUIC labels (RFC 9001 Appendix A), DTLS 1.3
// prefix, rejections with their errc/offset/where, the HRR transcript rule,
// TLS 1.2 key-block split, Finished, RFC 5705 exporter framing, ECH, and the
// signed-content builders. Reference backend.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "../support/vectors.hpp"
#include "../crypto/test_support.hpp"
#include "tlswire/schedule.hpp"

namespace ref = tlswire::crypto::reference;
namespace tls12 = tlswire::tls12;
namespace tls13 = tlswire::tls13;
using tlswire::errc;
using tlswire_test::as_bytes;
using tlswire_test::from_hex;
using tlswire_test::hex_array;
using tlswire_test::to_hex;

TEST_CASE("QUIC: RFC 9001 A.1 initial secrets, key, iv, hp through HKDF-Expand-Label") {
    const auto salt = from_hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    const auto dcid = from_hex("8394c8f03e515708");
    const auto initial = tlswire::crypto::hkdf_extract<ref::sha256>(salt, dcid);
    CHECK(to_hex(initial) == "7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44");
    const auto client = tls13::expand_label<ref::sha256, 32>(initial, "client in");
    CHECK(to_hex(client) == "c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 16>(client, "quic key")) == "1f369613dd76d5467730efcbe3b1a22d");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 12>(client, "quic iv")) == "fa044b2f42a3fd3b46fb255c");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 16>(client, "quic hp")) == "9f50449e04a0e810283a1e9933adedd2");
    const auto server = tls13::expand_label<ref::sha256, 32>(initial, "server in");
    CHECK(to_hex(server) == "3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 16>(server, "quic key")) == "cf3a5331653c364c88f0f379b6067e37");

    // The HkdfLabel structures RFC 9001 A.1 prints.
    std::array<std::uint8_t, tls13::max_hkdf_label_size> buf{};
    tlswire::writer w(buf);
    tls13::write_hkdf_label(w, 32, "tls13 ", "client in", {});
    CHECK(to_hex(w.written()) == "00200f746c73313320636c69656e7420696e00");
}

TEST_CASE("QUIC: RFC 9001 A.5 ChaCha20 key, iv, hp and key update (quic ku)") {
    const auto secret = from_hex("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 32>(secret, "quic key")) ==
          "c6d98ff3441c3fe1b2182094f69caa2ed4b716b65488960a7a984979fb23e1c8");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 12>(secret, "quic iv")) == "e0459b3474bdd0e44a41c144");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 32>(secret, "quic hp")) ==
          "25a282b9e82f06f21f488917a4fc8f1b73573685608597d0efcb076b0ab7a7a4");
    CHECK(to_hex(tls13::expand_label<ref::sha256, 32>(secret, "quic ku")) ==
          "1223504755036d556342ee9361d253421a826c9ecdf3c7148684b36b714881f9");
}

TEST_CASE("DTLS 1.3: the dtls13 prefix changes the HkdfLabel and the output") {
    const auto secret = from_hex("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b");
    std::array<std::uint8_t, tls13::max_hkdf_label_size> buf{};
    tlswire::writer w(buf);
    tls13::write_hkdf_label(w, 16, tls13::dtls13_prefix.text(), "key", {});
    CHECK(to_hex(w.written()) == "001009" + to_hex(as_bytes("dtls13key")) + "00");
    std::array<std::uint8_t, 16> by_hand{};
    REQUIRE(tlswire::crypto::hkdf_expand<ref::sha256>(secret, w.written(), by_hand).has_value());
    const auto keys = tls13::traffic_keys<ref::sha256, 16, 12>(secret, tls13::dtls13_prefix);
    CHECK(keys.key == by_hand);
    CHECK(keys.key != tls13::traffic_keys<ref::sha256, 16, 12>(secret).key);
}

TEST_CASE("HKDF-Expand-Label rejects bad lengths with errc, offset and field") {
    const auto secret = from_hex("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b");
    std::array<std::uint8_t, 16> out{};
    SUBCASE("label too long for label<7..255>") {
        const std::string label(250, 'x');  // "tls13 " + 250 = 256
        const auto r = tls13::hkdf_expand_label<ref::sha256>(secret, label, {}, out);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.err().code == errc::length_overflow);
        CHECK(r.err().offset == 2);  // the label's length prefix, after uint16 length
        CHECK(r.err().where == "HkdfLabel.label");
        const std::string ok_label(249, 'x');  // 255 exactly is fine
        CHECK(tls13::hkdf_expand_label<ref::sha256>(secret, ok_label, {}, out).has_value());
    }
    SUBCASE("empty prefix and empty label are below the minimum of 7") {
        const auto r = tls13::hkdf_expand_label<ref::sha256>(secret, "abc", {}, out, "");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.err().code == errc::length_overflow);
        CHECK(r.err().where == "HkdfLabel.label");
    }
    SUBCASE("context over 255 octets") {
        const std::vector<std::uint8_t> context(256, 1);
        const auto r = tls13::hkdf_expand_label<ref::sha256>(secret, "key", context, out);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.err().code == errc::length_overflow);
        CHECK(r.err().offset == 2 + 1 + 9);  // after length and "tls13 key"
        CHECK(r.err().where == "HkdfLabel.context");
    }
    SUBCASE("Length over 255 * Hash.length (RFC 5869 §2.3)") {
        std::vector<std::uint8_t> big(255 * 32 + 1);
        const auto r = tls13::hkdf_expand_label<ref::sha256>(secret, "key", {}, big);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.err().code == errc::length_out_of_range);
        CHECK(r.err().offset == big.size());
        big.resize(255 * 32);
        CHECK(tls13::hkdf_expand_label<ref::sha256>(secret, "key", {}, big).has_value());
    }
    SUBCASE("Length over uint16") {
        std::vector<std::uint8_t> big(0x10000);
        const auto r = tls13::hkdf_expand_label<ref::sha512>(secret, "key", {}, big);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.err().code == errc::length_out_of_range);
        CHECK(r.err().where == "HkdfLabel.length");
    }
    SUBCASE("resumption PSK with a ticket_nonce over 255 octets") {
        const std::vector<std::uint8_t> nonce(256, 0);
        const auto r = tls13::resumption_psk<ref::sha256>(secret, nonce);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.err().where == "HkdfLabel.context");
        CHECK(tls13::resumption_psk<ref::sha256>(secret, std::vector<std::uint8_t>(255, 0)).has_value());
    }
}

TEST_CASE("TLS 1.3 exporter follows RFC 8446 §7.5 (checked by hand composition)") {
    const auto ems = from_hex("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b");
    const auto context = as_bytes("context value");
    std::array<std::uint8_t, 40> out{};
    REQUIRE(tls13::exporter<ref::sha256>(ems, "EXPORTER-my-label", context, out).has_value());
    // HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter", Hash(context), L)
    std::array<std::uint8_t, 32> derived{};
    REQUIRE(tls13::hkdf_expand_label<ref::sha256>(ems, "EXPORTER-my-label", tls13::empty_hash<ref::sha256>(), derived)
                .has_value());
    std::array<std::uint8_t, 40> want{};
    REQUIRE(tls13::hkdf_expand_label<ref::sha256>(derived, "exporter", ref::sha256::digest(context), want).has_value());
    CHECK(out == want);
    const std::string long_label(250, 'e');
    const auto r = tls13::exporter<ref::sha256>(ems, long_label, context, out);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.err().code == errc::length_overflow);
}

TEST_CASE("KeyUpdate: next traffic secret is Expand-Label(secret, \"traffic upd\")") {
    const auto s0 = from_hex("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b");
    const auto s1 = tls13::next_application_traffic_secret<ref::sha256>(s0);
    std::array<std::uint8_t, 32> want{};
    REQUIRE(tls13::hkdf_expand_label<ref::sha256>(s0, "traffic upd", {}, want).has_value());
    CHECK(s1 == want);
    CHECK(tls13::next_application_traffic_secret<ref::sha256>(s1) != s1);
}

TEST_CASE("ECH accept_confirmation (draft-ietf-tls-esni §7.2) by hand composition") {
    const auto inner_random = from_hex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");
    const auto th = ref::sha256::digest(as_bytes("transcript"));
    const auto conf = tls13::ech_accept_confirmation<ref::sha256>(inner_random, th);
    const std::array<std::uint8_t, 32> zeros{};
    const auto prk = tlswire::crypto::hmac<ref::sha256>(zeros, inner_random);  // HKDF-Extract(0, random)
    std::array<std::uint8_t, 8> want{};
    REQUIRE(tls13::hkdf_expand_label<ref::sha256>(prk, "ech accept confirmation", th, want).has_value());
    CHECK(conf == want);
    const auto hrr = tls13::hrr_ech_accept_confirmation<ref::sha256>(inner_random, th);
    REQUIRE(tls13::hkdf_expand_label<ref::sha256>(prk, "hrr ech accept confirmation", th, want).has_value());
    CHECK(hrr == want);
    CHECK(hrr != conf);
}

TEST_CASE("transcript: HelloRetryRequest replaces ClientHello1 by message_hash (RFC 8446 §4.4.1)") {
    const auto ch1 = from_hex("010000050303aabbcc");
    const auto hrr = from_hex("020000020303");
    tlswire::schedule::transcript<ref::sha256> t;
    t.update(ch1);
    const auto before = t.current();
    CHECK(before == ref::sha256::digest(ch1));
    t.restart_after_hello_retry_request().update(hrr);
    std::vector<std::uint8_t> expected_input = {254, 0, 0, 32};
    expected_input.insert(expected_input.end(), before.begin(), before.end());
    expected_input.insert(expected_input.end(), hrr.begin(), hrr.end());
    CHECK(t.current() == ref::sha256::digest(expected_input));
    const auto mh = tlswire::schedule::message_hash_message<ref::sha384>(ref::sha384::digest(ch1));
    CHECK(mh.size() == 52);
    CHECK(mh[0] == 254);
    CHECK(mh[3] == 48);
    // current() does not disturb the running hash.
    const auto snap = t.current();
    CHECK(t.current() == snap);
    CHECK(t.session_hash() == snap);
}

TEST_CASE("TLS 1.2: key block split into MAC keys, write keys and IVs (RFC 5246 §6.3)") {
    const auto ms = from_hex("202c88c00f84a17a20027079604787461176455539e705be730890602c289a5001e34eeb3a043e5d52a65e66125188bf");
    const auto sr = from_hex("ae6c806f8ad4d80784549dff28a4b58fd837681a51d928c3e30ee5ff14f39868");
    const auto cr = from_hex("62e1fd91f23f558a605f28478c58cf72637b89784d959df7e946d3f07bd1b616");
    // NIST CAVP (OpenSSL evpkdf_tls12_prf.txt) key expansion output, 128 octets;
    // the same case is "evpkdf_tls12_prf.txt#2" of vectors/prf/tls12_prf.json.
    const std::string block =
        "d06139889fffac1e3a71865f504aa5d0d2a2e89506c6f2279b670c3e1b74f531016a2530c51a3a0f7e1d6590d0f0566b2f387f8d11fd4f"
        "731cdd572d2eae927f6f2f81410b25e6960be68985add6c38445ad9f8c64bf8068bf9a6679485d966f1ad6f68b43495b10a683755ea2b8"
        "58d70ccac7ec8b053c6bd41ca299d4e51928";
    {
        const auto d = test_support::load_json(test_support::vectors_dir() / "prf/tls12_prf.json");
        int found = 0;
        for (const auto& c : d["cases"]) {
            if (c.value("id", "") != "evpkdf_tls12_prf.txt#2") continue;
            ++found;
            CHECK(c["hash"] == "sha256");
            CHECK(c["label"] == "key expansion");
            CHECK(c["secret"] == to_hex(ms));
            CHECK(c["seed"] == to_hex(sr) + to_hex(cr));  // server_random + client_random
            CHECK(c["output"] == block);
        }
        CHECK(found == 1);
    }
    // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: mac 32, key 16, iv 16 -> 128 octets.
    const tls12::key_sizes sizes{32, 16, 16};
    CHECK(sizes.key_block_length() == 128);
    std::array<std::uint8_t, 128> buf{};
    const auto km = tls12::derive_keys<ref::sha256>(ms, cr, sr, sizes, buf);
    REQUIRE(km.has_value());
    CHECK(to_hex(buf) == block);
    CHECK(to_hex(km->client_write_mac_key) == block.substr(0, 64));
    CHECK(to_hex(km->server_write_mac_key) == block.substr(64, 64));
    CHECK(to_hex(km->client_write_key) == block.substr(128, 32));
    CHECK(to_hex(km->server_write_key) == block.substr(160, 32));
    CHECK(to_hex(km->client_write_iv) == block.substr(192, 32));
    CHECK(to_hex(km->server_write_iv) == block.substr(224, 32));
    // AES-128-GCM: no MAC key, 4-octet fixed IV.
    const auto gcm = tls12::derive_keys<ref::sha256>(ms, cr, sr, {0, 16, 4}, buf);
    REQUIRE(gcm.has_value());
    CHECK(gcm->client_write_mac_key.empty());
    CHECK(to_hex(gcm->client_write_key) == block.substr(0, 32));
    CHECK(to_hex(gcm->server_write_iv) == block.substr(72, 8));
    // Too small a buffer.
    std::array<std::uint8_t, 127> small{};
    const auto r = tls12::derive_keys<ref::sha256>(ms, cr, sr, sizes, small);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.err().code == errc::buffer_overflow);
    CHECK(r.err().offset == 128);
}

TEST_CASE("TLS 1.2: Finished verify_data is PRF(ms, label, Hash(handshake_messages))[0..11]") {
    const auto ms = from_hex("202c88c00f84a17a20027079604787461176455539e705be730890602c289a5001e34eeb3a043e5d52a65e66125188bf");
    const auto hh = ref::sha256::digest(as_bytes("handshake messages"));
    std::array<std::uint8_t, 12> want{};
    tls12::prf<ref::sha256>(ms, "client finished", hh, want);
    CHECK(tls12::client_finished<ref::sha256>(ms, hh) == want);
    tls12::prf<ref::sha256>(ms, "server finished", hh, want);
    CHECK(tls12::server_finished<ref::sha256>(ms, hh) == want);
    // A longer verify_data is a prefix-extension of the same PRF stream.
    std::array<std::uint8_t, 32> longer{};
    tls12::finished_verify_data<ref::sha256>(ms, tls12::sender::server, hh, longer);
    CHECK(std::equal(want.begin(), want.end(), longer.begin()));
    // TLS 1.0/1.1: H = md5_sha1, and the handshake hash is MD5 + SHA-1.
    const auto hh10 = ref::md5_sha1::digest(as_bytes("handshake messages"));
    CHECK(hh10.size() == 36);
    std::array<std::uint8_t, 12> want10{};
    tls12::prf<ref::md5_sha1>(ms, "client finished", hh10, want10);
    CHECK(tls12::client_finished<ref::md5_sha1>(ms, hh10) == want10);
    CHECK(want10 != tls12::client_finished<ref::sha256>(ms, hh10));
}

TEST_CASE("TLS 1.0 PRF splits an odd-length secret with a shared middle octet (RFC 2246 §5)") {
    const auto secret = from_hex("0102030405");  // S1 = 010203, S2 = 030405
    const auto seed = from_hex("aabb");
    std::array<std::uint8_t, 40> got{};
    tls12::prf<ref::md5_sha1>(secret, "lbl", seed, got);
    std::array<std::uint8_t, 40> a{}, b{};
    std::vector<std::uint8_t> label_seed = {'l', 'b', 'l', 0xaa, 0xbb};
    tls12::p_hash<ref::md5>(from_hex("010203"), label_seed, a);
    tls12::p_hash<ref::sha1>(from_hex("030405"), label_seed, b);
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == (a[i] ^ b[i]));
}

TEST_CASE("RFC 5705 exporter: context framing and the 64 KiB limit") {
    const auto ms = from_hex("202c88c00f84a17a20027079604787461176455539e705be730890602c289a5001e34eeb3a043e5d52a65e66125188bf");
    const auto cr = std::vector<std::uint8_t>(32, 0x11);
    const auto sr = std::vector<std::uint8_t>(32, 0x22);
    std::array<std::uint8_t, 20> no_ctx{}, empty_ctx{}, by_hand{};
    tls12::export_keying_material<ref::sha256>(ms, "EXPERIMENTAL-x", cr, sr, no_ctx);
    REQUIRE(tls12::export_keying_material<ref::sha256>(ms, "EXPERIMENTAL-x", cr, sr, {}, empty_ctx).has_value());
    CHECK(no_ctx != empty_ctx);  // an empty context is not the same as none
    // client_random + server_random + uint16 context_length + context, built
    // at its full size up front (g++ 12 -O3 misreads a growing vector's
    // insert as out of bounds).
    std::vector<std::uint8_t> seed(cr.size() + sr.size() + 5);
    std::copy(cr.begin(), cr.end(), seed.begin());
    std::copy(sr.begin(), sr.end(), seed.begin() + 32);
    const std::uint8_t ctx_field[5] = {0, 3, 1, 2, 3};
    std::copy(std::begin(ctx_field), std::end(ctx_field), seed.begin() + 64);
    tls12::prf<ref::sha256>(ms, "EXPERIMENTAL-x", seed, by_hand);
    std::array<std::uint8_t, 20> with_ctx{};
    REQUIRE(tls12::export_keying_material<ref::sha256>(ms, "EXPERIMENTAL-x", cr, sr, std::vector<std::uint8_t>{1, 2, 3},
                                                       with_ctx)
                .has_value());
    CHECK(with_ctx == by_hand);
    const std::vector<std::uint8_t> huge(0x10000);
    const auto r = tls12::export_keying_material<ref::sha256>(ms, "EXPERIMENTAL-x", cr, sr, huge, with_ctx);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.err().code == errc::length_out_of_range);
    CHECK(r.err().offset == 0x10000);
    CHECK(r.err().where == "context_value");
}

TEST_CASE("signed content: TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange") {
    const auto th = ref::sha256::digest(as_bytes("x"));
    const auto c = tlswire::schedule::tls13_certificate_verify_content<ref::sha256>(tlswire::schedule::signer::client, th);
    const std::string want = std::string(64, ' ') + "TLS 1.3, client CertificateVerify" + std::string(1, '\0');
    CHECK(std::string(c.begin(), c.begin() + 98) == want);
    CHECK(std::equal(th.begin(), th.end(), c.begin() + 98));

    const std::vector<std::uint8_t> cr(32, 0xc1), sr(32, 0x5e), params = {3, 0, 23, 1, 4};
    std::array<std::uint8_t, 69> out{};
    const auto r = tlswire::schedule::server_key_exchange_content(cr, sr, params, out);
    REQUIRE(r.has_value());
    CHECK(r->size() == 69);
    CHECK(out[0] == 0xc1);
    CHECK(out[32] == 0x5e);
    CHECK(out[64] == 3);
    std::array<std::uint8_t, 68> small{};
    const auto s = tlswire::schedule::server_key_exchange_content(cr, sr, params, small);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.err().code == errc::buffer_overflow);
    CHECK(s.err().offset == 68);
    const auto bad = tlswire::schedule::server_key_exchange_content(std::vector<std::uint8_t>(31), sr, params, out);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.err().code == errc::illegal_value);
    CHECK(bad.err().where == "ClientHello.random");
    const auto msgs = as_bytes("handshake bytes");
    CHECK(tlswire::schedule::tls12_certificate_verify_content(msgs).data() == msgs.data());
}

TEST_CASE("HMAC: RFC 4231 test cases 1, 2 and 6 (long key) for SHA-224..512") {
    const auto key1 = std::vector<std::uint8_t>(20, 0x0b);
    CHECK(to_hex(tlswire::crypto::hmac<ref::sha256>(key1, as_bytes("Hi There"))) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(to_hex(tlswire::crypto::hmac<ref::sha512>(key1, as_bytes("Hi There"))) ==
          "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
    CHECK(to_hex(tlswire::crypto::hmac<ref::sha224>(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))) ==
          "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
    CHECK(to_hex(tlswire::crypto::hmac<ref::sha384>(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))) ==
          "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
    const auto key6 = std::vector<std::uint8_t>(131, 0xaa);
    CHECK(to_hex(tlswire::crypto::hmac<ref::sha256>(
              key6, as_bytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    // RFC 2202: HMAC-MD5 and HMAC-SHA1 test case 2.
    CHECK(to_hex(tlswire::crypto::hmac<ref::md5>(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))) ==
          "750c783e6ab0b503eaa86e310a5db738");
    CHECK(to_hex(tlswire::crypto::hmac<ref::sha1>(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))) ==
          "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

#include "tlswire/schedule/cipher_suite_keys.hpp"

namespace tests_schedule_api {

TEST_CASE("TLS 1.2: key sizes from the cipher-suite registry") {
    using tlswire::cipher_suite;
    using tlswire::protocol_version;
    const auto cbc12 = tls12::key_sizes_for(cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, protocol_version::tls12);
    REQUIRE(cbc12.has_value());
    CHECK(cbc12->mac_key_length == 20);
    CHECK(cbc12->enc_key_length == 16);
    CHECK(cbc12->fixed_iv_length == 0);  // TLS 1.1+: explicit per-record IV
    const auto cbc10 = tls12::key_sizes_for(cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, protocol_version::tls10);
    REQUIRE(cbc10.has_value());
    CHECK(cbc10->fixed_iv_length == 16);  // TLS 1.0: IV from the key block
    const auto gcm = tls12::key_sizes_for(cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, protocol_version::tls12);
    REQUIRE(gcm.has_value());
    CHECK(gcm->key_block_length() == 40);  // 2 * (0 + 16 + 4)
    const auto unknown = tls12::key_sizes_for(static_cast<cipher_suite>(0x0a0a), protocol_version::tls12);  // GREASE
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.err().code == errc::unsupported);
    std::array<std::uint8_t, 40> buf{};
    const auto ms = std::vector<std::uint8_t>(48, 7);
    const auto cr = std::vector<std::uint8_t>(32, 1), sr = std::vector<std::uint8_t>(32, 2);
    const auto km = tls12::derive_keys<ref::sha256>(ms, cr, sr, cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                                    protocol_version::tls12, buf);
    REQUIRE(km.has_value());
    CHECK(km->server_write_iv.size() == 4);
    CHECK(km->server_write_iv.data() == buf.data() + 36);
}

}  // namespace tests_schedule_api
