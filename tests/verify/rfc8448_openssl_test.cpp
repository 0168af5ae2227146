// verify/connection_verifier.hpp over RFC 8448 (vectors/rfc8448): §3's
// full handshake (both Finished, the server's RSA-PSS CertificateVerify with
// the certificate it carries, the application secrets), §4's binder from
// §3's resumption master secret, and a key log with one wrong hex digit,
// which must fail and name the check.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "../support/rfc8448_connection.hpp"
#include "tlswire/crypto/openssl_aead.hpp"
#include "tlswire/tlswire.hpp"
#include "tlswire/verify/openssl.hpp"

namespace tests_verify_rfc8448_openssl {

using namespace tlswire;
using verifier = verify::connection_verifier<crypto::openssl::backend, verify::openssl_signatures>;

struct outcome {
    std::vector<verify::check> checks;
    std::map<std::string, int> ok, failed;  // by name
};

outcome run(const test_support::rfc8448_connection& t, std::string_view keylog, verify::session_store* store = nullptr,
            bytes_view resumption_master_secret = {}) {
    static const verify::openssl_signatures signatures;
    verifier::options o;
    o.signatures = &signatures;
    o.sessions = store;
    o.resumption_master_secret = resumption_master_secret;
    verifier v(keylog, o);
    outcome out;
    const auto r = v.run(t.c2s, t.s2c, [&](const verify::check& c) {
        out.checks.push_back(c);
        (c.ok ? out.ok : out.failed)[std::string(to_string(c.id))]++;
    });
    CHECK(r);
    return out;
}

// The key log with one hex digit of `label`'s secret changed.
std::string with_wrong_digit(const std::string& keylog, const std::string& label) {
    std::string s = keylog;
    const auto line = s.find(label + " ");
    REQUIRE(line != std::string::npos);
    const auto end = s.find('\n', line);
    char& c = s[end - 1];
    c = c == '0' ? '1' : '0';
    return s;
}

TEST_CASE("RFC 8448 §3: both Finished, the server CertificateVerify and the application secrets verify") {
    const auto t = test_support::load_rfc8448_connection("simple_1rtt.json");
    const outcome o = run(t, t.keylog);
    CHECK(o.failed.empty());
    CHECK(o.ok.at("tls13_server_finished") == 1);
    CHECK(o.ok.at("tls13_client_finished") == 1);
    CHECK(o.ok.at("tls13_server_certificate_verify") == 1);
    CHECK(o.ok.at("tls13_client_application_secret") == 1);
    CHECK(o.ok.at("tls13_server_application_secret") == 1);
    CHECK(o.ok.count("tls13_psk_binder") == 0);  // §3 offers no PSK
}

TEST_CASE("RFC 8448 §3: one wrong hex digit in a secret fails the check that uses it") {
    const auto t = test_support::load_rfc8448_connection("simple_1rtt.json");
    const std::pair<const char*, const char*> cases[] = {
        {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "tls13_server_finished"},
        {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "tls13_client_finished"},
        {"CLIENT_TRAFFIC_SECRET_0", "tls13_client_application_secret"},
        {"SERVER_TRAFFIC_SECRET_0", "tls13_server_application_secret"},
    };
    for (const auto& kase : cases) {
        const char* label = kase.first;
        const char* check = kase.second;
        CAPTURE(label);
        const outcome o = run(t, with_wrong_digit(t.keylog, label));
        CHECK(o.failed.count(check) == 1);
        CHECK(o.ok.count(check) == 0);
        for (const auto& c : o.checks)
            if (!c.ok) CHECK(!c.reason.empty());
    }
}

TEST_CASE("RFC 8448 §4: the binder verifies with the PSK of §3's ticket, and fails with a wrong one") {
    const auto full = test_support::load_rfc8448_connection("simple_1rtt.json");
    const auto resumed = test_support::load_rfc8448_connection("resumed_0rtt.json");
    const auto rms = test_support::unhex(full.json.at("key_schedule").at("resumption_master_secret").get<std::string>());
    verify::session_store store;
    CHECK(run(full, full.keylog, &store, rms).failed.empty());
    REQUIRE(store.tickets.size() == 1);
    CHECK(test_support::hex(store.tickets[0].psk) == resumed.json.at("key_schedule").at("psk").get<std::string>());
    const outcome o = run(resumed, resumed.keylog, &store);
    CHECK(o.failed.empty());
    CHECK(o.ok.at("tls13_psk_binder") == 1);
    CHECK(o.ok.at("tls13_server_finished") == 1);
    CHECK(o.ok.at("tls13_client_finished") == 1);

    // A resumption master secret one digit off: a wrong PSK, a binder that differs.
    auto wrong = rms;
    wrong[0] ^= 0x01;
    verify::session_store bad;
    run(full, full.keylog, &bad, wrong);
    const outcome f = run(resumed, resumed.keylog, &bad);
    REQUIRE(f.failed.count("tls13_psk_binder") == 1);
    for (const auto& c : f.checks)
        if (c.id == verify::check_id::tls13_psk_binder) {
            CHECK(test_support::hex(std::vector<std::uint8_t>(c.found.view().begin(), c.found.view().end())) ==
                  resumed.json.at("key_schedule").at("binder").get<std::string>());
            CHECK(c.expected.size == 32);
        }
}

TEST_CASE("RFC 8448 §4: the binder verifies with the PSK given directly (as --psk would)") {
    const auto resumed = test_support::load_rfc8448_connection("resumed_0rtt.json");
    const auto psk = test_support::unhex(resumed.json.at("key_schedule").at("psk").get<std::string>());
    const bytes_view psks[] = {psk};
    verifier::options o;
    o.psks = psks;
    verifier v(resumed.keylog, o);
    int binders = 0, failures = 0;
    CHECK(v.run(resumed.c2s, resumed.s2c, [&](const verify::check& c) {
        if (c.id == verify::check_id::tls13_psk_binder && c.ok) ++binders;
        if (!c.ok) ++failures;
    }));
    CHECK(binders == 1);
    CHECK(failures == 0);
}

TEST_CASE("the README's verify example (README.md, Verifying a handshake) as written") {
    const auto connection = test_support::load_rfc8448_connection("simple_1rtt.json");
    const auto& c2s = connection.c2s;
    const auto& s2c = connection.s2c;
    const std::string& keylog_text = connection.keylog;
    using verifier = tlswire::verify::connection_verifier<tlswire::crypto::openssl::backend,
                                                          tlswire::verify::openssl_signatures>;
    const tlswire::verify::openssl_signatures signatures;
    verifier::options o;
    o.signatures = &signatures;  // or leave it null: no signature checks
    verifier v(keylog_text, o);
    int passed = 0, failed = 0;
    auto r = v.run(c2s, s2c, [&](const tlswire::verify::check& c) { ++(c.ok ? passed : failed); });
    // RFC 8448 §3: passed == 5 (both Finished, the server's CertificateVerify, both application secrets).
    CHECK(r.has_value());
    CHECK(passed == 5);
    CHECK(failed == 0);
}

// RFC 8448 §3 with a KeyUpdate appended each way (as tests/decryption does),
// the record after it sealed under `next` (right: the §7.2 successor).
std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>> with_key_updates(
    const test_support::rfc8448_connection& t, bool wrong_client_next) {
    using backend = crypto::openssl::backend;
    using A = backend::aes_128_gcm;
    using H = backend::sha256;
    const auto& ks = t.json.at("key_schedule");
    auto extend = [&](std::vector<std::uint8_t> stream, const char* secret_name, std::uint64_t records_sent,
                      bool wrong) {
        const auto secret0 = test_support::unhex(ks.at(secret_name).get<std::string>());
        auto e0 = protection::tls13_epoch_from_secret<H, A>(secret0);
        e0.sequence_number = records_sent;
        auto next = tlswire::tls13::next_application_traffic_secret<H>(secret0);
        if (wrong) next[0] ^= 0x01;
        auto e1 = protection::tls13_epoch_from_secret<H, A>(next);
        const std::vector<std::uint8_t> key_update = {0x18, 0x00, 0x00, 0x01, 0x00};
        const std::vector<std::uint8_t> data = {'p', 'i', 'n', 'g'};
        std::vector<std::uint8_t> out(64);
        const auto r1 = protection::tls13_seal(e0, content_type::handshake, key_update, 0, out);
        REQUIRE(r1);
        stream.insert(stream.end(), r1->begin(), r1->end());
        const auto r2 = protection::tls13_seal(e1, content_type::application_data, data, 0, out);
        REQUIRE(r2);
        stream.insert(stream.end(), r2->begin(), r2->end());
        return stream;
    };
    return {extend(t.c2s, "client_application_traffic_secret_0", 2, wrong_client_next),
            extend(t.s2c, "server_application_traffic_secret_0", 3, false)};
}

TEST_CASE("RFC 8448 §3 with a KeyUpdate each way: tls13_key_update passes for both, and fails off the chain") {
    const auto t = test_support::load_rfc8448_connection("simple_1rtt.json");
    for (const bool wrong : {false, true}) {
        CAPTURE(wrong);
        auto [c2s, s2c] = with_key_updates(t, wrong);
        test_support::rfc8448_connection u = t;
        u.c2s = c2s;
        u.s2c = s2c;
        const outcome o = run(u, u.keylog);
        int client_ok = 0, server_ok = 0, client_failed = 0;
        for (const auto& c : o.checks) {
            if (c.id != verify::check_id::tls13_key_update) continue;
            CHECK(c.index == 1);
            if (c.client) (c.ok ? client_ok : client_failed)++;
            else if (c.ok) ++server_ok;
        }
        CHECK(server_ok == 1);
        CHECK(client_ok == (wrong ? 0 : 1));
        CHECK(client_failed == (wrong ? 1 : 0));
        CHECK(o.failed.size() == (wrong ? 1u : 0u));
    }
}

}  // namespace tests_verify_rfc8448_openssl
