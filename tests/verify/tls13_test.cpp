// verify/tls13.hpp, verify/tls12.hpp and verify/check.hpp over the
// reference backend (no OpenSSL): the RFC 8448 §4 binder and its truncation
// point from the ClientHello's pre_shared_key extension, Finished checks with
// one wrong octet, hostile pre_shared_key bodies (errors with offsets, never
// a crash), and connection_verifier without any signature capability.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/rfc8448_connection.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_verify_tls13 {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;
using H = crypto::reference::sha256;

std::vector<std::uint8_t> ks(const nlohmann::json& j, const char* key) {
    return unhex(j.at("key_schedule").at(key).get<std::string>());
}

TEST_CASE("verify::tls13: the RFC 8448 §4 binder, its truncation point and a wrong PSK") {
    const auto t = test_support::load_rfc8448_connection("resumed_0rtt.json");
    const auto ch = unhex(t.json.at("messages")[0].at("hex").get<std::string>());
    const auto parsed = parse_handshake(ch);
    REQUIRE(parsed);
    const auto ext = std::get<client_hello>(*parsed).extensions.find(extension_type::pre_shared_key);
    REQUIRE(ext);
    const auto offer = verify::tls13::parse_psk_offer(*ext);
    REQUIRE(offer);
    CHECK(offer->identity_count == 1);
    CHECK(offer->binder_count == 1);
    CHECK(offer->binders_length == 2 + 1 + 32);
    const std::size_t truncated = ch.size() - offer->binders_length;
    CHECK(hex(bytes_view(ch).first(truncated)) == hex(ks(t.json, "binder_truncated_client_hello")));
    const auto th = schedule::transcript_hash<H>(bytes_view(ch).first(truncated));
    CHECK(hex(th) == hex(ks(t.json, "binder_transcript_hash")));
    const auto psk = ks(t.json, "psk");
    const auto ok = verify::tls13::binder<H>(psk, tls13::psk_kind::resumption, th, offer->binders[0]);
    CHECK(ok.ok);
    CHECK(ok.id == verify::check_id::tls13_psk_binder);
    CHECK(ok.expected.empty());
    // As an external PSK the label differs ("ext binder"): no match.
    CHECK_FALSE(verify::tls13::binder<H>(psk, tls13::psk_kind::external, th, offer->binders[0]).ok);
    auto wrong = psk;
    wrong.back() ^= 0x01;
    const auto bad = verify::tls13::binder<H>(wrong, tls13::psk_kind::resumption, th, offer->binders[0]);
    CHECK_FALSE(bad.ok);
    CHECK(hex(bad.found.view()) == hex(ks(t.json, "binder")));
    CHECK(bad.expected.size == 32);
    CHECK(bad.reason == "mismatch");
}

TEST_CASE("verify::tls13: Finished checks against RFC 8448 §3, one octet off fails") {
    const auto t = test_support::load_rfc8448_connection("simple_1rtt.json");
    const auto& msgs = t.json.at("messages");
    std::vector<std::vector<std::uint8_t>> m;
    for (const auto& x : msgs) m.push_back(unhex(x.at("hex").get<std::string>()));
    // CH SH EE Cert CV | Fin(s)
    schedule::transcript<H> tr;
    for (int i = 0; i < 5; ++i) tr.update(m[static_cast<std::size_t>(i)]);
    const auto secret = ks(t.json, "server_handshake_traffic_secret");
    const bytes_view found = bytes_view(m[5]).subspan(4);
    CHECK(verify::tls13::finished<H>(verify::check_id::tls13_server_finished, secret, tr.current(), found).ok);
    auto off = secret;
    off[7] ^= 0x10;
    const auto c = verify::tls13::finished<H>(verify::check_id::tls13_server_finished, off, tr.current(), found);
    CHECK_FALSE(c.ok);
    CHECK(to_string(c.id) == "tls13_server_finished");
    CHECK(hex(c.found.view()) == hex(found));
}

TEST_CASE("verify::tls13::parse_psk_offer: hostile bodies are errors with offsets, never a crash") {
    const std::vector<std::uint8_t> good = {0x00, 0x07, 0x00, 0x01, 0xaa, 0x00, 0x00, 0x00, 0x00,
                                            0x00, 0x21, 0x20, 1,    2,    3,    4,    5,    6,
                                            7,    8,    9,    10,   11,   12,   13,   14,   15,
                                            16,   17,   18,   19,   20,   21,   22,   23,   24,
                                            25,   26,   27,   28,   29,   30,   31,   32};
    const auto g = verify::tls13::parse_psk_offer(good);
    REQUIRE(g);
    CHECK(g->identity_count == 1);
    CHECK(hex(g->identities[0]) == "aa");
    CHECK(g->binders[0].size() == 32);
    int errors = 0;
    for (std::size_t n = 0; n < good.size(); ++n) {
        const auto r = verify::tls13::parse_psk_offer(bytes_view(good).first(n));
        CHECK_FALSE(r);
        if (!r) {
            CHECK(r.err().offset <= n);
            ++errors;
        }
    }
    CHECK(errors == static_cast<int>(good.size()));
    // Every single-octet change parses or fails cleanly.
    for (std::size_t i = 0; i < good.size(); ++i)
        for (const std::uint8_t v : {std::uint8_t{0x00}, std::uint8_t{0xff}, std::uint8_t{0x7f}}) {
            auto b = good;
            b[i] = v;
            const auto r = verify::tls13::parse_psk_offer(b);
            if (!r) CHECK(r.err().offset <= b.size());
        }
}

TEST_CASE("verify::tls12: Finished and the pre-master check from the master secret") {
    // RFC 5246 §7.4.9 with a made-up transcript: the check recomputes what tls12::client_finished gives.
    const std::vector<std::uint8_t> ms(48, 0x0b);
    const std::vector<std::uint8_t> hash(32, 0x5a);
    const auto vd = tls12::client_finished<H>(ms, hash);
    CHECK(verify::tls12::finished<H>(tls12::sender::client, ms, hash, vd).ok);
    const auto s = verify::tls12::finished<H>(tls12::sender::server, ms, hash, vd);
    CHECK_FALSE(s.ok);
    CHECK(s.id == verify::check_id::tls12_server_finished);
    const std::vector<std::uint8_t> pm(48, 0x03), cr(32, 1), sr(32, 2);
    const auto m = tls12::master_secret<H>(pm, cr, sr);
    CHECK(verify::tls12::premaster<H>(pm, cr, sr, false, {}, m).ok);
    CHECK_FALSE(verify::tls12::premaster<H>(pm, cr, sr, true, hash, m).ok);
    CHECK(verify::tls12::premaster<H>(pm, cr, sr, true, hash, tls12::extended_master_secret<H>(pm, hash)).ok);
}

TEST_CASE("connection_verifier over the reference backend, no signature capability: RFC 8448 §3 Finished") {
    const auto t = test_support::load_rfc8448_connection("simple_1rtt.json");
    verify::connection_verifier<crypto::reference::backend> v(t.keylog);
    std::vector<std::string> names;
    bool all_ok = true;
    CHECK(v.run(t.c2s, t.s2c, [&](const verify::check& c) {
        names.emplace_back(to_string(c.id));
        all_ok = all_ok && c.ok;
    }));
    CHECK(all_ok);
    // The handshake's checks first, then those of the records (in the order they were read).
    REQUIRE(names.size() == 4);
    CHECK(names[0] == "tls13_server_finished");
    CHECK(names[1] == "tls13_client_finished");
    std::sort(names.begin() + 2, names.end());
    CHECK(names[2] == "tls13_client_application_secret");
    CHECK(names[3] == "tls13_server_application_secret");
}

}  // namespace tests_verify_tls13
