// End to end against real peers, with the OpenSSL backend:
//  - TLS 1.2 RSA key exchange (captures of openssl s_client/s_server, with and
//    without extended master secret): decrypt the EncryptedPreMasterSecret with
//    the server's key, recompute the master secret and compare it with the one
//    OpenSSL wrote to its key log, then decrypt both encrypted Finished
//    messages with the derived keys and compare them with the verify_data
//    tlswire computes;
//  - signatures: ServerKeyExchange (RSA-PSS, ECDSA), the TLS 1.2 client
//    CertificateVerify, and the RFC 8448 TLS 1.3 server CertificateVerify,
//    verified with the public key of the certificate in the Certificate message.
#include <doctest/doctest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <list>
#include <sstream>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/crypto/openssl.hpp"
#include "tlswire/crypto/openssl_verify.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_vectors_openssl_handshake_crypto {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;
using osha256 = crypto::openssl::sha256;

namespace {

struct decoded {
    std::vector<std::vector<std::uint8_t>> messages;  // plaintext handshake messages, handshake order
    std::vector<handshake_message> parsed;            // views into `messages`
    std::vector<direction> dirs;
    std::vector<std::vector<std::uint8_t>> encrypted[2];  // encrypted record fragments per direction
    std::vector<content_type> encrypted_types[2];
};

// decode — run the connection decoder and keep copies of what it reports.
decoded decode(const std::vector<std::uint8_t>& c2s, const std::vector<std::uint8_t>& s2c) {
    decoded d;
    connection_decoder dec;
    std::vector<context> ctxs;
    const auto res = dec.decode(c2s, s2c, [&](const connection_event& ev) {
        const int side = ev.dir == direction::c2s ? 0 : 1;
        if (ev.kind == event_kind::handshake) {
            d.messages.emplace_back(ev.message.begin(), ev.message.end());
            d.dirs.push_back(ev.dir);
            ctxs.push_back(ev.ctx);
        } else if (ev.kind == event_kind::encrypted) {
            d.encrypted[side].emplace_back(ev.rec.fragment.begin(), ev.rec.fragment.end());
            d.encrypted_types[side].push_back(ev.rec.type);
        }
    });
    REQUIRE(res);
    for (std::size_t i = 0; i < d.messages.size(); ++i) {
        const auto m = parse_handshake(d.messages[i], ctxs[i]);
        REQUIRE(m);
        d.parsed.push_back(*m);
    }
    return d;
}

template <class T>
const T& find_message(const decoded& d, direction dir, std::size_t* index = nullptr) {
    for (std::size_t i = 0; i < d.parsed.size(); ++i)
        if (d.dirs[i] == dir && std::holds_alternative<T>(d.parsed[i])) {
            if (index) *index = i;
            return std::get<T>(d.parsed[i]);
        }
    FAIL("message not found");
    throw 0;
}

std::string keylog_master_secret(const std::string& keylog, const std::string& client_random) {
    std::istringstream in(keylog);
    for (std::string label, random, secret; in >> label >> random >> secret;)
        if (label == "CLIENT_RANDOM" && random == client_random) return secret;
    return {};
}

std::vector<std::uint8_t> rsa_decrypt(const std::string& key_pem, bytes_view ciphertext) {
    BIO* bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    REQUIRE(key != nullptr);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
    std::vector<std::uint8_t> out(512);
    std::size_t n = out.size();
    const bool ok = EVP_PKEY_decrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
                    EVP_PKEY_decrypt(ctx, out.data(), &n, ciphertext.data(), ciphertext.size()) == 1;
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(key);
    REQUIRE(ok);
    out.resize(n);
    return out;
}

// RFC 5288 §3: a TLS 1.2 AES-GCM record: nonce = salt (fixed IV) || explicit
// 8 bytes from the record; AAD = seq_num || type || version || length (RFC 5246 §6.2.3.3).
std::vector<std::uint8_t> gcm_open(bytes_view key, bytes_view salt, std::uint64_t seq, content_type type,
                                   bytes_view fragment) {
    REQUIRE(fragment.size() >= 8 + 16);
    std::array<std::uint8_t, 12> nonce{};
    std::copy(salt.begin(), salt.end(), nonce.begin());
    std::copy(fragment.begin(), fragment.begin() + 8, nonce.begin() + 4);
    const std::size_t length = fragment.size() - 8 - 16;
    std::array<std::uint8_t, 13> aad{};
    for (int i = 0; i < 8; ++i) aad[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(seq >> (56 - 8 * i));
    aad[8] = static_cast<std::uint8_t>(type);
    aad[9] = 0x03;
    aad[10] = 0x03;
    aad[11] = static_cast<std::uint8_t>(length >> 8);
    aad[12] = static_cast<std::uint8_t>(length);
    std::vector<std::uint8_t> out(length);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int n = 0, tail = 0;
    const bool ok =
        EVP_DecryptInit_ex(ctx, key.size() == 16 ? EVP_aes_128_gcm() : EVP_aes_256_gcm(), nullptr, key.data(),
                           nonce.data()) == 1 &&
        EVP_DecryptUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1 &&
        EVP_DecryptUpdate(ctx, out.data(), &n, fragment.data() + 8, static_cast<int>(length)) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16,
                            const_cast<std::uint8_t*>(fragment.data() + 8 + length)) == 1 &&  // NOLINT: OpenSSL API
        EVP_DecryptFinal_ex(ctx, out.data() + n, &tail) == 1;
    EVP_CIPHER_CTX_free(ctx);
    REQUIRE_MESSAGE(ok, "AES-GCM authentication failed");
    return out;
}

std::vector<std::uint8_t> concat(const decoded& d, std::size_t count) {
    std::vector<std::uint8_t> all;
    for (std::size_t i = 0; i < count; ++i) all.insert(all.end(), d.messages[i].begin(), d.messages[i].end());
    return all;
}

}  // namespace

TEST_CASE("TLS 1.2 RSA key exchange against openssl: master secret = key log, both Finished decrypt and match") {
    for (const char* name : {"tls12_rsa_kx.json", "tls12_rsa_kx_no_ems.json"}) {
        CAPTURE(name);
        const auto capture = test_support::load_json(test_support::vectors_dir() / "captures" / name);
        const auto& conn = capture.at("connections").at(0);
        const auto c2s = unhex(conn.at("c2s").get<std::string>());
        const auto s2c = unhex(conn.at("s2c").get<std::string>());
        const decoded d = decode(c2s, s2c);
        const auto& ch = find_message<client_hello>(d, direction::c2s);
        const auto& sh = find_message<server_hello>(d, direction::s2c);
        REQUIRE(sh.cipher_suite == cipher_suite::TLS_RSA_WITH_AES_128_GCM_SHA256);
        std::size_t cke_index = 0;
        const auto& cke = find_message<client_key_exchange>(d, direction::c2s, &cke_index);

        // RFC 5246 §7.4.7.1: PreMasterSecret = client_version (2) + random (46).
        const auto pms = rsa_decrypt(capture.at("files").at("server_key_pem"), cke.encrypted_pre_master_secret);
        REQUIRE(pms.size() == 48);
        CHECK(hex(bytes_view(pms).first(2)) == hex(std::array<std::uint8_t, 2>{0x03, 0x03}));

        // RFC 7627 §4: with extended_master_secret, the session hash covers ClientHello..ClientKeyExchange.
        const bool ems = sh.extensions.contains(extension_type::extended_main_secret);
        CHECK(ems == conn.at("expect").at("extended_master_secret").get<bool>());
        const auto through_cke = concat(d, cke_index + 1);
        const auto ms = ems ? tls12::extended_master_secret<osha256>(pms, osha256::digest(through_cke))
                            : tls12::master_secret<osha256>(pms, ch.random, sh.random);
        // The same with the reference backend.
        using rsha256 = crypto::reference::sha256;
        const auto ms_ref = ems ? tls12::extended_master_secret<rsha256>(pms, rsha256::digest(through_cke))
                                : tls12::master_secret<rsha256>(pms, ch.random, sh.random);
        CHECK(hex(ms) == hex(ms_ref));
        CHECK(hex(ms) == keylog_master_secret(conn.at("keylog"), hex(ch.random)));

        // Keys (RFC 5246 §6.3): AES-128-GCM: no MAC key, 16-byte key, 4-byte salt.
        std::array<std::uint8_t, 40> block{};
        const auto keys = tls12::derive_keys<osha256>(ms, ch.random, sh.random, cipher_suite::TLS_RSA_WITH_AES_128_GCM_SHA256,
                                               protocol_version::tls12, block);
        REQUIRE(keys);

        // Client Finished: the first protected record from the client (sequence 0).
        REQUIRE(!d.encrypted[0].empty());
        const auto client_fin = gcm_open(keys->client_write_key, keys->client_write_iv, 0, content_type::handshake,
                                         d.encrypted[0][0]);
        const auto want_client = tls12::client_finished<osha256>(ms, osha256::digest(through_cke));
        REQUIRE(client_fin.size() == 16);
        CHECK(hex(client_fin) == "1400000c" + hex(want_client));
        // The decrypted Finished parses as a Finished (TLS 1.2: 12 bytes of verify_data).
        context c12;
        c12.version = 0x0303;
        c12.cipher_suite = static_cast<std::uint16_t>(sh.cipher_suite);
        CHECK(parse_handshake(client_fin, c12));

        // Server Finished: the transcript now includes the client's Finished.
        REQUIRE(!d.encrypted[1].empty());
        const auto server_fin = gcm_open(keys->server_write_key, keys->server_write_iv, 0, content_type::handshake,
                                         d.encrypted[1][0]);
        auto with_client_fin = through_cke;
        with_client_fin.insert(with_client_fin.end(), client_fin.begin(), client_fin.end());
        const auto want_server = tls12::server_finished<osha256>(ms, osha256::digest(with_client_fin));
        CHECK(hex(server_fin) == "1400000c" + hex(want_server));
    }
}

TEST_CASE("TLS 1.2 signatures from real peers verify with the certificate's key") {
    int verified = 0;
    for (const char* name : {"tls12_ecdhe_rsa.json", "tls12_dhe_rsa.json", "tls12_ecdhe_ecdsa.json", "tls12_mutual_auth.json"}) {
        CAPTURE(name);
        const auto capture = test_support::load_json(test_support::vectors_dir() / "captures" / name);
        const auto& conn = capture.at("connections").at(0);
        const decoded d = decode(unhex(conn.at("c2s").get<std::string>()), unhex(conn.at("s2c").get<std::string>()));
        const auto& ch = find_message<client_hello>(d, direction::c2s);
        const auto& sh = find_message<server_hello>(d, direction::s2c);
        const auto& cert = find_message<certificate_tls12>(d, direction::s2c);
        const auto& ske = find_message<server_key_exchange>(d, direction::s2c);
        // RFC 5246 §7.4.3 / RFC 8422 §5.4: client_random + server_random + params.
        std::vector<std::uint8_t> content(64 + ske.params.size());
        REQUIRE(schedule::server_key_exchange_content(ch.random, sh.random, ske.params, content));
        const bytes_view server_cert = *cert.certificate_list.begin();
        CHECK(crypto::openssl::verify_signature(server_cert, ske.algorithm, content, ske.signature));
        ++verified;
        // A signature over anything else fails.
        content[0] ^= 1;
        CHECK(crypto::openssl::verify_signature(server_cert, ske.algorithm, content, ske.signature).err().where ==
              "signature");
        if (std::string(name) != "tls12_mutual_auth.json") continue;
        // RFC 5246 §7.4.8: the client signs every handshake message before its CertificateVerify.
        std::size_t cv_index = 0;
        const auto& cv = find_message<certificate_verify>(d, direction::c2s, &cv_index);
        const auto& client_cert = find_message<certificate_tls12>(d, direction::c2s);
        const auto signed_messages = concat(d, cv_index);
        CHECK(crypto::openssl::verify_signature(*client_cert.certificate_list.begin(), cv.algorithm,
                                                schedule::tls12_certificate_verify_content(signed_messages), cv.signature));
        ++verified;
    }
    CHECK(verified == 5);
}

TEST_CASE("RFC 8448 §3: the TLS 1.3 server CertificateVerify verifies (RSA-PSS) over the transcript hash") {
    const auto trace = test_support::load_json(test_support::vectors_dir() / "rfc8448" / "simple_1rtt.json");
    std::list<std::vector<std::uint8_t>> keep;
    std::vector<std::uint8_t> transcript;
    context ctx;
    ctx.version = 0x0304;
    ctx.cipher_suite = 0x1301;
    bytes_view leaf;
    for (const auto& m : trace.at("messages")) {
        const auto& bytes = keep.emplace_back(unhex(m.at("hex").get<std::string>()));
        const auto parsed = parse_handshake(bytes, ctx);
        REQUIRE(parsed);
        if (const auto* c = std::get_if<certificate_tls13>(&*parsed)) leaf = c->certificate_list.begin()->cert_data;
        if (const auto* cv = std::get_if<certificate_verify>(&*parsed)) {
            CHECK(cv->algorithm == signature_scheme::rsa_pss_rsae_sha256);
            const auto content = schedule::tls13_certificate_verify_content<osha256>(schedule::signer::server,
                                                                                    osha256::digest(transcript));
            CHECK(crypto::openssl::verify_signature(leaf, cv->algorithm, content, cv->signature));
            const auto as_client = schedule::tls13_certificate_verify_content<osha256>(schedule::signer::client,
                                                                                      osha256::digest(transcript));
            CHECK_FALSE(crypto::openssl::verify_signature(leaf, cv->algorithm, as_client, cv->signature));
            return;
        }
        transcript.insert(transcript.end(), bytes.begin(), bytes.end());
    }
    FAIL("no CertificateVerify in the trace");
}

TEST_CASE("verify_signature: a malformed certificate and an unsupported scheme are reported") {
    const std::uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    CHECK(crypto::openssl::verify_signature(junk, signature_scheme::ed25519, {}, {}).err().where == "certificate");
}

namespace {

std::vector<std::uint8_t> certificate_der(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    REQUIRE(cert != nullptr);
    unsigned char* der = nullptr;
    const int n = i2d_X509(cert, &der);
    REQUIRE(n > 0);
    std::vector<std::uint8_t> out(der, der + n);
    OPENSSL_free(der);
    X509_free(cert);
    return out;
}

// sign — OpenSSL signs `content` with the capture's private key under `scheme`.
std::vector<std::uint8_t> sign(const std::string& key_pem, signature_scheme scheme, bytes_view content) {
    BIO* bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    REQUIRE(key != nullptr);
    const EVP_MD* md = scheme == signature_scheme::ed25519 ? nullptr
                       : scheme == signature_scheme::rsa_pkcs1_sha384 ? EVP_sha384()
                                                                      : EVP_sha256();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    std::vector<std::uint8_t> sig(1024);
    std::size_t n = sig.size();
    bool ok = EVP_DigestSignInit(ctx, &pctx, md, nullptr, key) == 1;
    if (ok && scheme == signature_scheme::rsa_pkcs1_sha384)
        ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
    ok = ok && EVP_DigestSign(ctx, sig.data(), &n, content.data(), content.size()) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    REQUIRE(ok);
    sig.resize(n);
    return sig;
}

}  // namespace

TEST_CASE("verify_signature: Ed25519, ECDSA P-256 and RSA PKCS#1 v1.5 with the captures' certificates") {
    struct {
        const char* capture;
        signature_scheme scheme;
    } const cases[] = {{"tls13_ed25519.json", signature_scheme::ed25519},
                       {"tls13_ecdsa.json", signature_scheme::ecdsa_secp256r1_sha256},
                       {"tls12_rsa_kx.json", signature_scheme::rsa_pkcs1_sha384}};
    for (const auto& c : cases) {
        CAPTURE(c.capture);
        const auto capture = test_support::load_json(test_support::vectors_dir() / "captures" / c.capture);
        const auto cert = certificate_der(capture.at("files").at("server_cert_pem"));
        // A TLS 1.3 CertificateVerify content over an arbitrary transcript hash.
        const auto content = schedule::tls13_certificate_verify_content<osha256>(
            schedule::signer::server, osha256::digest(unhex("0102030405")));
        auto signature = sign(capture.at("files").at("server_key_pem"), c.scheme, content);
        CHECK(crypto::openssl::verify_signature(cert, c.scheme, content, signature));
        signature[signature.size() / 2] ^= 0x01;
        CHECK(crypto::openssl::verify_signature(cert, c.scheme, content, signature).err().where == "signature");
    }
}

}  // namespace tests_vectors_openssl_handshake_crypto
