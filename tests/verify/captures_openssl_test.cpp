// verify/connection_verifier.hpp over every captured connection of
// vectors/captures (real OpenSSL and GnuTLS peers): every check that applies
// passes — both Finished of every handshake, every signature (with the
// certificates the handshake carries), the TLS 1.3 application secrets and
// KeyUpdates, and for the RSA key exchange the pre-master secret decrypted
// with the capture's server key — and one wrong hex digit in any key log
// line makes some check fail.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include <openssl/pem.h>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/crypto/openssl_aead.hpp"
#include "tlswire/tlswire.hpp"
#include "tlswire/verify/openssl.hpp"

namespace tests_verify_captures_openssl {

using namespace tlswire;
using verifier =
    verify::connection_verifier<crypto::openssl::backend, verify::openssl_signatures, verify::openssl_private_key>;

struct connection {
    std::string name;
    std::vector<std::uint8_t> c2s, s2c;
    std::string keylog;
};
struct capture {
    std::string name;
    std::vector<connection> connections;
    std::string server_key_pem;
};

std::vector<capture> load() {
    std::vector<capture> out;
    for (const auto& path : test_support::vector_files("captures")) {
        const auto j = test_support::load_json(path);
        capture cap;
        cap.name = path.stem().string();
        if (j.contains("files") && j.at("files").contains("server_key_pem"))
            cap.server_key_pem = j.at("files").at("server_key_pem").get<std::string>();
        int i = 0;
        for (const auto& c : j.at("connections"))
            cap.connections.push_back({cap.name + "#" + std::to_string(i++),
                                       test_support::unhex(c.at("c2s").get<std::string>()),
                                       test_support::unhex(c.at("s2c").get<std::string>()),
                                       c.at("keylog").get<std::string>()});
        out.push_back(std::move(cap));
    }
    return out;
}

// run — the checks of every connection of a capture, in order, with one
// session store across them (as the tool does for one input).
std::vector<verify::check> run(const capture& cap, const std::vector<std::string>& keylogs) {
    static const verify::openssl_signatures signatures;
    std::optional<verify::openssl_private_key> key;
    if (!cap.server_key_pem.empty()) {
        auto k = verify::openssl_private_key::from_pem(cap.server_key_pem);
        REQUIRE(k);
        if (k->is_rsa()) key = *k;
    }
    verify::session_store store;
    std::vector<verify::check> checks;
    for (std::size_t i = 0; i < cap.connections.size(); ++i) {
        verifier::options o;
        o.signatures = &signatures;
        o.decryptor = key ? &*key : nullptr;
        o.sessions = &store;
        verifier v(keylogs[i], o);
        const auto r = v.run(cap.connections[i].c2s, cap.connections[i].s2c,
                             [&](const verify::check& c) { checks.push_back(c); });
        CHECK(r);
    }
    return checks;
}

TEST_CASE("every captured connection: every check that applies passes") {
    std::map<std::string, int> by_name;
    int total = 0;
    for (const capture& cap : load()) {
        CAPTURE(cap.name);
        std::vector<std::string> keylogs;
        for (const auto& c : cap.connections) keylogs.push_back(c.keylog);
        const auto checks = run(cap, keylogs);
        int finished = 0;
        for (const auto& c : checks) {
            CAPTURE(to_string(c.id));
            CAPTURE(c.reason);
            CHECK(c.ok);
            ++by_name[std::string(to_string(c.id))];
            ++total;
            if (c.id == verify::check_id::tls13_server_finished || c.id == verify::check_id::tls13_client_finished ||
                c.id == verify::check_id::tls12_server_finished || c.id == verify::check_id::tls12_client_finished)
                ++finished;
        }
        // Both Finished of each connection (and of each renegotiation) at least.
        CHECK(finished >= 2 * static_cast<int>(cap.connections.size()));
    }
    std::string summary;
    for (const auto& [name, n] : by_name) summary += name + "=" + std::to_string(n) + " ";
    MESSAGE("checks over vectors/captures: " << total << ": " << summary);
    CHECK(total >= 150);
    CHECK(by_name["tls12_rsa_premaster"] >= 2);
    CHECK(by_name["tls13_server_certificate_verify"] >= 10);
    CHECK(by_name["tls13_client_certificate_verify"] >= 1);
    CHECK(by_name["tls12_server_key_exchange_signature"] >= 10);
    CHECK(by_name["tls12_client_certificate_verify"] >= 1);
    // tls13_post_handshake_auth, its _no_cert form and the gnutls-cli client.
    CHECK(by_name["tls13_post_handshake_finished"] >= 3);
    CHECK(by_name["tls13_post_handshake_certificate_verify"] >= 2);
}

// verify(cap, change) — the checks of a capture's first connection, its
// events passed through change(event, copy) on the way to the verifier,
// which may point the event's message at an altered copy of its bytes.
template <class Change>
std::vector<verify::check> verify_changed(const capture& cap, Change change) {
    static const verify::openssl_signatures signatures;
    verifier::options o;
    o.signatures = &signatures;
    const connection& conn = cap.connections[0];
    verifier v(conn.keylog, o);
    decryption::connection_keys<crypto::openssl::backend> keys(conn.keylog);
    decryption::connection_decoder<crypto::openssl::backend> dec;
    dec.use_keys(keys);
    std::vector<std::uint8_t> copy;
    CHECK(dec.decode(conn.c2s, conn.s2c, [&](const connection_event& ev) {
        connection_event e = ev;
        change(e, copy);
        v.on_event(e);
    }));
    std::vector<verify::check> checks;
    v.finish([&](const verify::check& c) { checks.push_back(c); });
    return checks;
}

TEST_CASE("post-handshake authentication: the client's Finished and CertificateVerify are checked, and fail when "
          "altered") {
    int captures = 0;
    for (const capture& cap : load()) {
        if (cap.name.find("post_handshake_auth") == std::string::npos) continue;
        CAPTURE(cap.name);
        ++captures;
        const bool with_certificate = cap.name.find("no_cert") == std::string::npos;
        const auto count = [](const std::vector<verify::check>& checks, verify::check_id id, bool ok) {
            int n = 0;
            for (const auto& c : checks)
                if (c.id == id && c.ok == ok) ++n;
            return n;
        };
        // Unaltered: one request answered, Finished (and CertificateVerify) pass, under generation 0.
        const auto good = verify_changed(cap, [](connection_event&, std::vector<std::uint8_t>&) {});
        CHECK(count(good, verify::check_id::tls13_post_handshake_finished, true) == 1);
        CHECK(count(good, verify::check_id::tls13_post_handshake_certificate_verify, true) == (with_certificate ? 1 : 0));
        for (const auto& c : good)
            if (c.id == verify::check_id::tls13_post_handshake_finished) {
                CHECK(c.index == 0);
                CHECK(c.generation == 0);
            }
        // The last octet of the client's post-handshake message of type `t` flipped.
        const auto flip = [](handshake_type t) {
            return [t](connection_event& e, std::vector<std::uint8_t>& copy) {
                if (e.dir != direction::c2s || e.kind != event_kind::handshake || e.message.empty() ||
                    e.message[0] != static_cast<std::uint8_t>(t) || e.epoch.phase != key_phase::application)
                    return;
                copy.assign(e.message.begin(), e.message.end());
                copy.back() ^= 0x01;
                e.message = copy;
            };
        };
        const auto bad_finished = verify_changed(cap, flip(handshake_type::finished));
        CHECK(count(bad_finished, verify::check_id::tls13_post_handshake_finished, false) == 1);
        CHECK(count(bad_finished, verify::check_id::tls13_client_finished, true) == 1);  // the handshake's own
        for (const auto& c : bad_finished)
            if (c.id == verify::check_id::tls13_post_handshake_finished) {
                CHECK(c.reason == "mismatch");
                CHECK(c.found.size == c.expected.size);
            }
        if (with_certificate) {
            const auto bad_signature = verify_changed(cap, flip(handshake_type::certificate_verify));
            CHECK(count(bad_signature, verify::check_id::tls13_post_handshake_certificate_verify, false) == 1);
            CHECK(count(bad_signature, verify::check_id::tls13_post_handshake_finished, false) == 1);  // its transcript
        }
        // The CertificateRequest's context changed: the client's Certificate answers no request.
        const auto other_request = verify_changed(cap, [](connection_event& e, std::vector<std::uint8_t>& copy) {
            if (e.dir != direction::s2c || e.kind != event_kind::handshake || e.message.size() < 6 ||
                e.message[0] != static_cast<std::uint8_t>(handshake_type::certificate_request) || e.message[4] == 0)
                return;
            copy.assign(e.message.begin(), e.message.end());
            copy[5] ^= 0x01;  // the first octet of certificate_request_context
            e.message = copy;
        });
        CHECK(count(other_request, verify::check_id::tls13_post_handshake_finished, false) == 1);
    }
    CHECK(captures == 3);
}

TEST_CASE("every captured connection: one wrong hex digit in any key log line fails a check") {
    int lines = 0;
    for (const capture& cap : load()) {
        for (std::size_t i = 0; i < cap.connections.size(); ++i) {
            const std::string& keylog = cap.connections[i].keylog;
            std::size_t at = 0;
            while (at < keylog.size()) {
                std::size_t end = keylog.find('\n', at);
                if (end == std::string::npos) end = keylog.size();
                const std::string line = keylog.substr(at, end - at);
                const bool checkable = line.rfind("CLIENT_RANDOM ", 0) == 0 ||
                                       line.rfind("CLIENT_HANDSHAKE_TRAFFIC_SECRET ", 0) == 0 ||
                                       line.rfind("SERVER_HANDSHAKE_TRAFFIC_SECRET ", 0) == 0 ||
                                       line.rfind("CLIENT_TRAFFIC_SECRET_0 ", 0) == 0 ||
                                       line.rfind("SERVER_TRAFFIC_SECRET_0 ", 0) == 0;
                if (checkable && end > at) {
                    std::vector<std::string> keylogs;
                    for (const auto& c : cap.connections) keylogs.push_back(c.keylog);
                    char& c = keylogs[i][end - 1];
                    c = c == '0' ? '1' : '0';
                    CAPTURE(cap.name);
                    CAPTURE(line);
                    bool some_failed = false;
                    for (const auto& k : run(cap, keylogs))
                        if (!k.ok) some_failed = true;
                    CHECK(some_failed);
                    ++lines;
                }
                at = end + 1;
            }
        }
    }
    MESSAGE("key log lines altered: " << lines);
    CHECK(lines >= 60);
}

TEST_CASE("a ServerKeyExchange signature with one bit flipped fails tls12_server_key_exchange_signature") {
    for (const capture& cap : load()) {
        if (cap.name != "tls12_ecdhe_rsa" && cap.name != "tls10_ecdhe_rsa" && cap.name != "tls12_ecdhe_ecdsa") continue;
        CAPTURE(cap.name);
        // Where the ServerKeyExchange ends in the server's stream (its signature ends it).
        std::size_t end = 0;
        decryption::connection_decoder<crypto::openssl::backend> dec;
        CHECK(dec.decode(cap.connections[0].c2s, cap.connections[0].s2c, [&](const connection_event& ev) {
            if (ev.kind == event_kind::handshake && std::holds_alternative<server_key_exchange>(ev.handshake))
                end = ev.message_offset + ev.message.size();
        }));
        REQUIRE(end != 0);
        capture bad = cap;
        bad.connections[0].s2c[end - 1] ^= 0x01;
        std::vector<std::string> keylogs{cap.connections[0].keylog};
        bool failed = false;
        for (const auto& c : run(bad, keylogs))
            if (c.id == verify::check_id::tls12_server_key_exchange_signature) {
                failed = !c.ok;
                CHECK(c.cause.code == errc::illegal_value);
            }
        CHECK(failed);
    }
}

// The OpenSSL verifier, with every signature checked against another certificate.
struct wrong_certificate {
    static constexpr bool available = true;
    std::vector<std::uint8_t> der;
    [[nodiscard]] result<void> verify(bytes_view, std::optional<signature_scheme> scheme, bytes_view content,
                                      bytes_view signature) const {
        return verify::openssl_signatures{}.verify(der, scheme, content, signature);
    }
};

TEST_CASE("a TLS 1.3 CertificateVerify checked under another certificate's key fails, naming the check") {
    std::string pem;
    for (const auto& path : test_support::vector_files("captures"))
        if (path.stem() == "tls13_ecdsa") pem = test_support::load_json(path).at("files").at("server_cert_pem");
    REQUIRE(!pem.empty());
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    REQUIRE(x != nullptr);
    unsigned char* der = nullptr;
    const int n = i2d_X509(x, &der);
    REQUIRE(n > 0);
    wrong_certificate other{std::vector<std::uint8_t>(der, der + n)};
    OPENSSL_free(der);
    X509_free(x);
    BIO_free(bio);
    for (const capture& cap : load()) {
        if (cap.name != "tls13_default" && cap.name != "tls13_mutual_auth") continue;
        CAPTURE(cap.name);
        verify::connection_verifier<crypto::openssl::backend, wrong_certificate>::options o;
        o.signatures = &other;
        verify::connection_verifier<crypto::openssl::backend, wrong_certificate> v(cap.connections[0].keylog, o);
        std::map<std::string, bool> got;
        CHECK(v.run(cap.connections[0].c2s, cap.connections[0].s2c,
                    [&](const verify::check& c) { got[std::string(to_string(c.id))] = c.ok; }));
        CHECK(got.at("tls13_server_certificate_verify") == false);
        CHECK(got.at("tls13_server_finished") == true);
        if (cap.name == "tls13_mutual_auth") CHECK(got.count("tls13_client_certificate_verify") == 1);
    }
}

}  // namespace tests_verify_captures_openssl
