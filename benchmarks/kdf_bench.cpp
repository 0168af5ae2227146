// benchmarks/kdf_bench.cpp — the key schedules, each piece three ways on the
// same inputs:
//
//   kdf/PIECE/reference   tlswire over its reference hashes (crypto/reference/)
//   kdf/PIECE/openssl     tlswire over the OpenSSL backend (crypto/openssl.hpp)
//   kdf/PIECE/evp_kdf     OpenSSL's own EVP_KDF called directly: "TLS1-PRF"
//                         for TLS 1.2, "TLS13-KDF" for TLS 1.3 (EXTRACT_ONLY /
//                         EXPAND_ONLY), fetched once, one EVP_KDF_CTX per
//                         derivation (as the OpenSSL backend does)
//
// Pieces:
//   tls12_master_secret   PRF(pre_master_secret, "master secret", client_random + server_random)[48]
//   tls12_key_block       PRF(master_secret, "key expansion", server_random + client_random)[128]
//   tls12_client_finished PRF(master_secret, "client finished", handshake_hash)[12]
//   tls12_server_finished PRF(master_secret, "server finished", handshake_hash)[12]
//   tls13_schedule        RFC 8448 §3 with SHA-256: early secret, handshake
//                         secret, client/server handshake traffic secrets,
//                         master secret, client/server application traffic
//                         secrets, both finished keys, and key + iv of the four
//                         traffic secrets (17 derivations)
// Inputs (all SHA-256): vectors/acvp/kdf_components.json tg2/tc31 (TLS 1.2
// pre-master secret, randoms, expected master secret and key block; its
// master secret and, as the handshake hash, the session_hash of
// vectors/acvp/tls12_kdf.json tg1/tc11 for Finished), and
// vectors/rfc8448/simple_1rtt.json (shared secret, transcript hashes and
// every expected secret, key and iv). Checked before timing: every output of
// every implementation equals the vector's value (Finished, which the
// vectors do not have: the three implementations agree).
#include <algorithm>
#include <array>
#include <span>
#include <string>

#include "support.hpp"
#include "tlswire/crypto.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/schedule/tls13.hpp"

#ifdef TLSWIRE_BENCH_OPENSSL
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "tlswire/crypto/openssl.hpp"
#endif

namespace tlswire_bench {
namespace {

using tlswire::bytes_view;

// A check value over every output byte.
std::uint64_t fold(std::span<const std::uint8_t> b, std::uint64_t seed = 0) {
    std::uint64_t h = seed ^ 0x9e3779b97f4a7c15ull;
    for (const std::uint8_t x : b) h = (h ^ x) * 0x100000001b3ull;
    return h;
}

// ---- inputs ---------------------------------------------------------------------

struct tls12_inputs {
    byte_vector pre_master, client_hello_random, server_hello_random;  // master secret
    byte_vector master, client_random, server_random;                  // key block (ACVP's second randoms)
    byte_vector handshake_hash;                                        // Finished
    byte_vector expected_master, expected_key_block;
};

struct tls13_inputs {
    byte_vector shared_secret, hello_hash, server_finished_hash;
    // expected values, by RFC 8448 name
    std::vector<std::pair<std::string, byte_vector>> expected;
};

const tls12_inputs& tls12_in() {
    static const tls12_inputs in = [] {
        tls12_inputs v;
        const json kc = load_json("vectors/acvp/kdf_components.json");
        const json* c = nullptr;
        for (const json& x : kc.at("cases"))
            if (x.at("id").get<std::string>() == "tg2/tc31") c = &x;
        if (c == nullptr || c->at("hash").get<std::string>() != "sha256") fail("kdf_components.json: no sha256 case tg2/tc31");
        v.pre_master = hex(c->at("pre_master_secret"));
        v.client_hello_random = hex(c->at("client_hello_random"));
        v.server_hello_random = hex(c->at("server_hello_random"));
        v.client_random = hex(c->at("client_random"));
        v.server_random = hex(c->at("server_random"));
        v.expected_master = hex(c->at("master_secret"));
        v.expected_key_block = hex(c->at("key_block"));
        v.master = v.expected_master;
        const json ems = load_json("vectors/acvp/tls12_kdf.json");
        v.handshake_hash = hex(ems.at("cases").at(0).at("session_hash"));
        if (v.handshake_hash.size() != 32 || v.expected_key_block.size() != 128) fail("TLS 1.2 KDF inputs: bad sizes");
        return v;
    }();
    return in;
}

const tls13_inputs& tls13_in() {
    static const tls13_inputs in = [] {
        tls13_inputs v;
        const json ks = load_json("vectors/rfc8448/simple_1rtt.json").at("key_schedule");
        v.shared_secret = hex(ks.at("shared_secret"));
        v.hello_hash = hex(ks.at("client_handshake_traffic_secret_transcript_hash"));
        v.server_finished_hash = hex(ks.at("client_application_traffic_secret_0_transcript_hash"));
        for (const char* name :
             {"early_secret", "handshake_secret", "client_handshake_traffic_secret", "server_handshake_traffic_secret",
              "master_secret", "client_application_traffic_secret_0", "server_application_traffic_secret_0",
              "client_finished_key", "server_finished_key", "client_handshake_key", "client_handshake_iv",
              "server_handshake_key", "server_handshake_iv", "client_application_key", "client_application_iv",
              "server_application_key", "server_application_iv"})
            v.expected.emplace_back(name, hex(ks.at(name)));
        return v;
    }();
    return in;
}

// Every output of one TLS 1.3 schedule run, in the order of tls13_inputs::expected.
struct tls13_outputs {
    std::array<std::array<std::uint8_t, 32>, 9> secrets{};  // 7 secrets + 2 finished keys
    std::array<std::array<std::uint8_t, 16>, 4> keys{};     // c hs, s hs, c ap, s ap
    std::array<std::array<std::uint8_t, 12>, 4> ivs{};

    std::uint64_t check() const {
        std::uint64_t h = 0;
        for (const auto& s : secrets) h = fold(s, h);
        for (std::size_t i = 0; i < 4; ++i) h = fold(ivs[i], fold(keys[i], h));
        return h;
    }
    // The outputs as (name, bytes) in the expected order.
    std::vector<byte_vector> in_order() const {
        std::vector<byte_vector> v;
        for (const auto& s : secrets) v.emplace_back(s.begin(), s.end());
        for (std::size_t i = 0; i < 4; ++i) {
            v.emplace_back(keys[i].begin(), keys[i].end());
            v.emplace_back(ivs[i].begin(), ivs[i].end());
        }
        return v;
    }
};

// ---- tlswire, over any backend ----------------------------------------------------

template <class H>
std::uint64_t tls12_master(const tls12_inputs& in) {
    return fold(tlswire::tls12::master_secret<H>(in.pre_master, in.client_hello_random, in.server_hello_random));
}
template <class H>
std::uint64_t tls12_key_block(const tls12_inputs& in) {
    std::array<std::uint8_t, 128> kb{};
    tlswire::tls12::key_block<H>(in.master, in.client_random, in.server_random, kb);
    return fold(kb);
}
template <class H>
std::uint64_t tls12_client_finished(const tls12_inputs& in) {
    return fold(tlswire::tls12::client_finished<H>(in.master, in.handshake_hash));
}
template <class H>
std::uint64_t tls12_server_finished(const tls12_inputs& in) {
    return fold(tlswire::tls12::server_finished<H>(in.master, in.handshake_hash));
}

template <class H>
tls13_outputs tls13_schedule(const tls13_inputs& in) {
    namespace t = tlswire::tls13;
    tlswire::crypto::digest<H> hello_hash{}, finished_hash{};
    std::copy_n(in.hello_hash.begin(), hello_hash.size(), hello_hash.begin());
    std::copy_n(in.server_finished_hash.begin(), finished_hash.size(), finished_hash.begin());
    tls13_outputs o;
    const auto early = t::early_secret<H>();
    const auto hs = t::handshake_secret<H>(early, in.shared_secret);
    const auto chts = t::client_handshake_traffic_secret<H>(hs, hello_hash);
    const auto shts = t::server_handshake_traffic_secret<H>(hs, hello_hash);
    const auto ms = t::master_secret<H>(hs);
    const auto cats = t::client_application_traffic_secret_0<H>(ms, finished_hash);
    const auto sats = t::server_application_traffic_secret_0<H>(ms, finished_hash);
    o.secrets = {early, hs, chts, shts, ms, cats, sats, t::finished_key<H>(chts), t::finished_key<H>(shts)};
    const std::array<const tlswire::crypto::digest<H>*, 4> traffic{&chts, &shts, &cats, &sats};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto kv = t::traffic_keys<H, 16, 12>(*traffic[i]);
        o.keys[i] = kv.key;
        o.ivs[i] = kv.iv;
    }
    return o;
}

#ifdef TLSWIRE_BENCH_OPENSSL
// ---- OpenSSL's EVP_KDF, directly ----------------------------------------------------

OSSL_PARAM octets(const char* key, bytes_view v) {
    return OSSL_PARAM_construct_octet_string(key, const_cast<std::uint8_t*>(v.data()), v.size());  // read only
}
OSSL_PARAM octets(const char* key, std::string_view v) {
    return OSSL_PARAM_construct_octet_string(key, const_cast<char*>(v.data()), v.size());  // read only
}
OSSL_PARAM text(const char* key, const char* v) { return OSSL_PARAM_construct_utf8_string(key, const_cast<char*>(v), 0); }

EVP_KDF* fetch(const char* name) {
    EVP_KDF* k = EVP_KDF_fetch(nullptr, name, nullptr);
    if (k == nullptr) fail(std::string("EVP_KDF_fetch(") + name + ") fails");
    return k;
}

bool derive(EVP_KDF* kdf, const OSSL_PARAM* params, std::span<std::uint8_t> out) {
    EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
    if (ctx == nullptr) return false;
    const bool ok = EVP_KDF_derive(ctx, out.data(), out.size(), params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok;
}

// TLS1-PRF with SHA-256: secret, label + seed_a + seed_b.
bool evp_prf(bytes_view secret, std::string_view label, bytes_view seed_a, bytes_view seed_b,
             std::span<std::uint8_t> out) {
    static EVP_KDF* kdf = fetch(OSSL_KDF_NAME_TLS1_PRF);
    OSSL_PARAM params[] = {text(OSSL_KDF_PARAM_DIGEST, "SHA256"), octets(OSSL_KDF_PARAM_SECRET, secret),
                           octets(OSSL_KDF_PARAM_SEED, label),    octets(OSSL_KDF_PARAM_SEED, seed_a),
                           octets(OSSL_KDF_PARAM_SEED, seed_b),   OSSL_PARAM_construct_end()};
    if (seed_b.empty()) params[4] = OSSL_PARAM_construct_end();  // Finished: one seed part
    return derive(kdf, params, out);
}

std::uint64_t evp_master(const tls12_inputs& in) {
    std::array<std::uint8_t, 48> ms{};
    if (!evp_prf(in.pre_master, "master secret", in.client_hello_random, in.server_hello_random, ms)) return 0;
    return fold(ms);
}
std::uint64_t evp_key_block(const tls12_inputs& in) {
    std::array<std::uint8_t, 128> kb{};
    if (!evp_prf(in.master, "key expansion", in.server_random, in.client_random, kb)) return 0;
    return fold(kb);
}
std::uint64_t evp_finished(const tls12_inputs& in, std::string_view label) {
    std::array<std::uint8_t, 12> vd{};
    if (!evp_prf(in.master, label, in.handshake_hash, {}, vd)) return 0;
    return fold(vd);
}

// TLS13-KDF (OpenSSL 3.0): EXTRACT_ONLY computes HKDF-Extract(salt =
// Derive-Secret(salt, label, ""), key), with a missing salt meaning none and a
// missing key meaning Hash.length zeros; EXPAND_ONLY is HKDF-Expand-Label(key,
// label, data, out.size()).
constexpr std::string_view tls13_prefix = "tls13 ";

bool evp_tls13_extract(bytes_view salt, bytes_view ikm, std::span<std::uint8_t> out) {
    static EVP_KDF* kdf = fetch(OSSL_KDF_NAME_TLS1_3_KDF);
    int mode = EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
    OSSL_PARAM params[7];
    std::size_t n = 0;
    params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    params[n++] = text(OSSL_KDF_PARAM_DIGEST, "SHA256");
    params[n++] = octets(OSSL_KDF_PARAM_PREFIX, tls13_prefix);
    params[n++] = octets(OSSL_KDF_PARAM_LABEL, std::string_view("derived"));
    if (!ikm.empty()) params[n++] = octets(OSSL_KDF_PARAM_KEY, ikm);
    if (!salt.empty()) params[n++] = octets(OSSL_KDF_PARAM_SALT, salt);
    params[n] = OSSL_PARAM_construct_end();
    return derive(kdf, params, out);
}

bool evp_tls13_expand(bytes_view secret, std::string_view label, bytes_view context, std::span<std::uint8_t> out) {
    static EVP_KDF* kdf = fetch(OSSL_KDF_NAME_TLS1_3_KDF);
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    OSSL_PARAM params[7];
    std::size_t n = 0;
    params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    params[n++] = text(OSSL_KDF_PARAM_DIGEST, "SHA256");
    params[n++] = octets(OSSL_KDF_PARAM_KEY, secret);
    params[n++] = octets(OSSL_KDF_PARAM_PREFIX, tls13_prefix);
    params[n++] = octets(OSSL_KDF_PARAM_LABEL, label);
    if (!context.empty()) params[n++] = octets(OSSL_KDF_PARAM_DATA, context);
    params[n] = OSSL_PARAM_construct_end();
    return derive(kdf, params, out);
}

bool evp_tls13_schedule(const tls13_inputs& in, tls13_outputs& o) {
    auto& s = o.secrets;
    bool ok = evp_tls13_extract({}, {}, s[0]);                                        // early secret
    ok = ok && evp_tls13_extract(s[0], in.shared_secret, s[1]);                       // handshake secret
    ok = ok && evp_tls13_expand(s[1], "c hs traffic", in.hello_hash, s[2]);
    ok = ok && evp_tls13_expand(s[1], "s hs traffic", in.hello_hash, s[3]);
    ok = ok && evp_tls13_extract(s[1], {}, s[4]);                                     // master secret
    ok = ok && evp_tls13_expand(s[4], "c ap traffic", in.server_finished_hash, s[5]);
    ok = ok && evp_tls13_expand(s[4], "s ap traffic", in.server_finished_hash, s[6]);
    ok = ok && evp_tls13_expand(s[2], "finished", {}, s[7]);
    ok = ok && evp_tls13_expand(s[3], "finished", {}, s[8]);
    const std::size_t traffic[] = {2, 3, 5, 6};
    for (std::size_t i = 0; i < 4; ++i) {
        ok = ok && evp_tls13_expand(s[traffic[i]], "key", {}, o.keys[i]);
        ok = ok && evp_tls13_expand(s[traffic[i]], "iv", {}, o.ivs[i]);
    }
    return ok;
}
#endif  // TLSWIRE_BENCH_OPENSSL

// ---- checks and registration --------------------------------------------------------

struct piece {
    std::string name;
    std::string impl;
    std::uint64_t (*once)();
};

void check_tls13(const std::string& impl, const tls13_outputs& o) {
    const auto got = o.in_order();
    const auto& want = tls13_in().expected;
    for (std::size_t i = 0; i < want.size(); ++i)
        if (got[i] != want[i].second)
            fail("tls13_schedule/" + impl + ": " + want[i].first + " is " + to_hex(got[i].data(), got[i].size()) +
                 ", RFC 8448 says " + to_hex(want[i].second.data(), want[i].second.size()));
}

template <class H>
void check_tls12(const std::string& impl) {
    const auto& in = tls12_in();
    const auto ms = tlswire::tls12::master_secret<H>(in.pre_master, in.client_hello_random, in.server_hello_random);
    if (!std::equal(ms.begin(), ms.end(), in.expected_master.begin(), in.expected_master.end()))
        fail("tls12_master_secret/" + impl + ": not the vector's master secret");
    std::array<std::uint8_t, 128> kb{};
    tlswire::tls12::key_block<H>(in.master, in.client_random, in.server_random, kb);
    if (!std::equal(kb.begin(), kb.end(), in.expected_key_block.begin(), in.expected_key_block.end()))
        fail("tls12_key_block/" + impl + ": not the vector's key block");
}

template <class H>
std::vector<piece> tlswire_pieces(const std::string& impl) {
    check_tls12<H>(impl);
    check_tls13(impl, tls13_schedule<H>(tls13_in()));
    return {
        {"tls12_master_secret", impl, [] { return tls12_master<H>(tls12_in()); }},
        {"tls12_key_block", impl, [] { return tls12_key_block<H>(tls12_in()); }},
        {"tls12_client_finished", impl, [] { return tls12_client_finished<H>(tls12_in()); }},
        {"tls12_server_finished", impl, [] { return tls12_server_finished<H>(tls12_in()); }},
        {"tls13_schedule", impl, [] { return tls13_schedule<H>(tls13_in()).check(); }},
    };
}

}  // namespace

void register_kdf_benchmarks() {
    static const std::vector<piece> pieces = [] {
        std::vector<piece> all = tlswire_pieces<tlswire::crypto::reference::sha256>("reference");
#ifdef TLSWIRE_BENCH_OPENSSL
        benchmark::AddCustomContext("openssl", OpenSSL_version(OPENSSL_VERSION));
        const auto ossl = tlswire_pieces<tlswire::crypto::openssl::sha256>("openssl");
        all.insert(all.end(), ossl.begin(), ossl.end());
        tls13_outputs o;
        if (!evp_tls13_schedule(tls13_in(), o)) fail("TLS13-KDF fails");
        check_tls13("evp_kdf", o);
        const std::vector<piece> evp = {
            {"tls12_master_secret", "evp_kdf", [] { return evp_master(tls12_in()); }},
            {"tls12_key_block", "evp_kdf", [] { return evp_key_block(tls12_in()); }},
            {"tls12_client_finished", "evp_kdf", [] { return evp_finished(tls12_in(), "client finished"); }},
            {"tls12_server_finished", "evp_kdf", [] { return evp_finished(tls12_in(), "server finished"); }},
            {"tls13_schedule", "evp_kdf",
             [] {
                 tls13_outputs out;
                 return evp_tls13_schedule(tls13_in(), out) ? out.check() : 0;
             }},
        };
        all.insert(all.end(), evp.begin(), evp.end());
        // The three implementations must agree on every piece (the Finished
        // values have no published vector for these inputs).
        for (const piece& p : all)
            for (const piece& q : all)
                if (p.name == q.name && p.once() != q.once()) fail(p.name + ": " + p.impl + " and " + q.impl + " differ");
#endif
        return all;
    }();
    for (const piece& p : pieces) {
        const piece* pp = &p;
        benchmark::RegisterBenchmark(("kdf/" + p.name + "/" + p.impl).c_str(),
                                     [pp](benchmark::State& st) { measure(st, 0, pp->once); });
    }
}

}  // namespace tlswire_bench
