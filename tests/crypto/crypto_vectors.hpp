// Published HMAC/HKDF/PRF/TLS-KDF vectors, checked against any backend B
// (a struct naming md5, sha1, sha224, sha256, sha384, sha512, md5_sha1).
// Shared by crypto_vectors_test.cpp (reference) and openssl_backend_test.cpp.
//
// The vectors are the in-repo JSON files (vectors/README.md, schema
// tlswire-vectors/1), transcribed and recomputed by tools/vectors/kdf_to_json.py:
//   vectors/hkdf/rfc5869.json       RFC 5869 Appendix A, test cases 1–7
//   vectors/hkdf/botan_hkdf.json    Botan hkdf.vec: HKDF, HKDF-Extract (prk) and HKDF-Expand
//   vectors/hkdf/acvp_hkdf.json     NIST ACVP KDA/HKDF sample (AFT, with BoringSSL's answers)
//   vectors/prf/tls10_prf.json      TLS 1.0/1.1 PRF: NIST CAVP via OpenSSL, Botan, ACVP kdf-components
//   vectors/prf/tls12_prf.json      TLS 1.2 PRF: NIST CAVP via OpenSSL, Botan, ACVP kdf-components
//   vectors/acvp/tls12_kdf.json     NIST ACVP TLS 1.2 (RFC 7627 extended master secret)
//   vectors/acvp/kdf_components.json NIST ACVP kdf-components (TLS 1.0/1.1 and 1.2)
//   vectors/acvp/tls13_kdf.json     NIST ACVP TLS 1.3 KDF
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "../support/vectors.hpp"
#include "test_support.hpp"
#include "tlswire/crypto/hkdf.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/schedule/tls13.hpp"

namespace tlswire_test::vectors {

using bytes = std::vector<std::uint8_t>;

template <class H>
struct tag {
    using type = H;
};

// with_hash — call f(tag<H>{}) for the hash a vector file names ("sha256",
// "md5_sha1", ...); false if the name is not one tlswire has (sha512_256).
template <class B, class F>
bool with_hash(std::string name, F&& f) {
    std::string n;
    for (char c : name)
        if (c != '-' && c != '_') n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (n == "MD5") return f(tag<typename B::md5>{}), true;
    if (n == "SHA1") return f(tag<typename B::sha1>{}), true;
    if (n == "SHA2224" || n == "SHA224") return f(tag<typename B::sha224>{}), true;
    if (n == "SHA2256" || n == "SHA256") return f(tag<typename B::sha256>{}), true;
    if (n == "SHA2384" || n == "SHA384") return f(tag<typename B::sha384>{}), true;
    if (n == "SHA2512" || n == "SHA512") return f(tag<typename B::sha512>{}), true;
    if (n == "MD5SHA1") return f(tag<typename B::md5_sha1>{}), true;
    return false;
}

// load — a vectors/ file (path relative to vectors/), checked for its kind.
inline nlohmann::json load(const std::string& rel, const char* kind) {
    const auto path = test_support::vectors_dir() / rel;
    CAPTURE(rel);
    REQUIRE(std::filesystem::is_regular_file(path));
    nlohmann::json d = test_support::load_json(path);
    REQUIRE(d.value("schema", "") == "tlswire-vectors/1");
    REQUIRE(d.value("kind", "") == kind);
    REQUIRE(d["cases"].is_array());
    REQUIRE_FALSE(d["cases"].empty());
    return d;
}

// jhex — the hex field `key` of a case as bytes (empty if absent).
inline bytes jhex(const nlohmann::json& j, const char* key) {
    return j.contains(key) ? from_hex(j[key].get<std::string>()) : bytes{};
}

inline std::string case_id(const nlohmann::json& c) { return c.value("id", std::string("(no id)")); }

// ---- HKDF (kind "hkdf") -----------------------------------------------------------

// hkdf_file — every case of an hkdf file: PRK = HKDF-Extract(salt, ikm) equals
// `prk` when the file gives it; OKM = HKDF-Expand(PRK, info, l) equals `okm`,
// expanding the file's own `prk` when given (so the HKDF-Expand vectors are
// checked on their own). An all-zero salt of at most one hash block must give
// the same PRK as an empty one (RFC 5869 §2.2 "not provided": HashLen zeros,
// and HMAC pads its key with zeros). Returns the number of cases checked.
template <class B>
int hkdf_file(const std::string& rel) {
    const nlohmann::json d = load(rel, "hkdf");
    int checked = 0;
    for (const auto& c : d["cases"]) {
        const std::string id = case_id(c);
        CAPTURE(rel);
        CAPTURE(id);
        const bytes ikm = jhex(c, "ikm"), salt = jhex(c, "salt"), info = jhex(c, "info"), okm = jhex(c, "okm");
        REQUIRE(c["l"].get<std::size_t>() == okm.size());
        const bool known = with_hash<B>(c["hash"].get<std::string>(), [&](auto t) {
            using H = typename decltype(t)::type;
            const auto prk = tlswire::crypto::hkdf_extract<H>(salt, ikm);
            if (c.contains("prk")) CHECK(to_hex(prk) == c["prk"].get<std::string>());
            const bool zero_salt =
                !salt.empty() && salt.size() <= H::block_size && std::all_of(salt.begin(), salt.end(), [](auto b) {
                    return b == 0;
                });
            if (zero_salt) CHECK(tlswire::crypto::hkdf_extract<H>({}, ikm) == prk);
            bytes out(okm.size());
            const bytes given_prk = c.contains("prk") ? jhex(c, "prk") : bytes(prk.begin(), prk.end());
            REQUIRE(tlswire::crypto::hkdf_expand<H>(given_prk, info, out).has_value());
            CHECK(to_hex(out) == to_hex(okm));
        });
        CHECK(known);
        ++checked;
    }
    return checked;
}

template <class B>
int rfc5869() {
    return hkdf_file<B>("hkdf/rfc5869.json");
}
template <class B>
int botan_hkdf() {
    return hkdf_file<B>("hkdf/botan_hkdf.json");
}
// ACVP KDA HKDF (SP 800-56C): DKM = HKDF(salt, Z, FixedInfo, L) with
// FixedInfo = uPartyInfo || vPartyInfo; the file has ikm = Z, info = FixedInfo.
template <class B>
int acvp_hkdf() {
    return hkdf_file<B>("hkdf/acvp_hkdf.json");
}

// ---- TLS PRF (kind "prf") -----------------------------------------------------------

// prf_cases — the cases of a prf file whose id starts with `id_prefix`
// ("" for all): output = PRF(secret, label, seed). Returns the number checked.
template <class B>
int prf_cases(const std::string& rel, std::string_view id_prefix) {
    const nlohmann::json d = load(rel, "prf");
    int checked = 0;
    for (const auto& c : d["cases"]) {
        const std::string id = case_id(c);
        if (id.rfind(id_prefix, 0) != 0) continue;
        CAPTURE(rel);
        CAPTURE(id);
        const bytes want = jhex(c, "output");
        REQUIRE_FALSE(want.empty());
        bytes out(want.size());
        const std::string label = c["label"].get<std::string>();
        const bool known = with_hash<B>(c["hash"].get<std::string>(), [&](auto t) {
            using H = typename decltype(t)::type;
            tlswire::tls12::prf<H>(jhex(c, "secret"), label, jhex(c, "seed"), out);
        });
        CHECK(known);
        CHECK(to_hex(out) == to_hex(want));
        ++checked;
    }
    return checked;
}

// Botan tls_prf.vec: [TLS-PRF] (TLS 1.0/1.1) and [TLS-12-PRF(HMAC(SHA-x))].
template <class B>
int botan_tls_prf() {
    return prf_cases<B>("prf/tls10_prf.json", "botan") + prf_cases<B>("prf/tls12_prf.json", "botan");
}
// OpenSSL evp_test KDF files (NIST CAVP): "tls11" or "tls12".
template <class B>
int openssl_tls_prf(std::string_view version) {
    const std::string file = version == "tls11" ? "prf/tls10_prf.json" : "prf/tls12_prf.json";
    return prf_cases<B>(file, "evpkdf_" + std::string(version) + "_prf.txt");
}

// ---- TLS 1.0–1.2 master secret and key block (kind "tls12_kdf") ----------------------

// tls12_kdf_file — master_secret: PRF(pms, "extended master secret", session_hash)
// (RFC 7627 §4) or PRF(pms, "master secret", client_hello_random +
// server_hello_random); key_block: PRF(ms, "key expansion", server_random +
// client_random). Returns the number of cases checked.
template <class B>
int tls12_kdf_file(const std::string& rel, bool extended) {
    const nlohmann::json d = load(rel, "tls12_kdf");
    int checked = 0;
    for (const auto& c : d["cases"]) {
        const std::string id = case_id(c);
        CAPTURE(rel);
        CAPTURE(id);
        REQUIRE(c["extended_master_secret"].get<bool>() == extended);
        bytes kb(jhex(c, "key_block").size());
        REQUIRE_FALSE(kb.empty());
        std::string ms_hex;
        const bool known = with_hash<B>(c["hash"].get<std::string>(), [&](auto tg) {
            using H = typename decltype(tg)::type;
            const auto ms = extended ? tlswire::tls12::extended_master_secret<H>(jhex(c, "pre_master_secret"),
                                                                                  jhex(c, "session_hash"))
                                     : tlswire::tls12::master_secret<H>(jhex(c, "pre_master_secret"),
                                                                        jhex(c, "client_hello_random"),
                                                                        jhex(c, "server_hello_random"));
            ms_hex = to_hex(ms);
            tlswire::tls12::key_block<H>(ms, jhex(c, "client_random"), jhex(c, "server_random"), kb);
        });
        REQUIRE(known);
        CHECK(ms_hex == c["master_secret"].get<std::string>());
        CHECK(to_hex(kb) == c["key_block"].get<std::string>());
        ++checked;
    }
    return checked;
}

// TLS 1.2 with RFC 7627 (ACVP TLS-v1.2).
template <class B>
int acvp_tls12_ems() {
    return tls12_kdf_file<B>("acvp/tls12_kdf.json", true);
}
// kdf-components (TLS 1.0/1.1 with MD5+SHA-1, TLS 1.2 with SHA-2). ACVP uses
// different randoms for the master secret and the key block.
template <class B>
int acvp_kdf_components() {
    return tls12_kdf_file<B>("acvp/kdf_components.json", false);
}

// ---- TLS 1.3 key schedule (kind "tls13_kdf") ----------------------------------------

// TLS 1.3 KDF: the ACVP "transcript" is the concatenation of the randoms —
// Hash(hello_client_random) for the early secrets, + hello_server_random for
// the handshake secrets, + finished_server_random for the application secrets
// and exporter, + finished_client_random for the resumption master secret. An
// absent PSK or DHE is Hash.length zeros.
template <class B>
int acvp_tls13() {
    namespace tls13 = tlswire::tls13;
    static constexpr const char* secrets[] = {
        "client_early_traffic_secret",         "early_exporter_master_secret",
        "client_handshake_traffic_secret",     "server_handshake_traffic_secret",
        "client_application_traffic_secret_0", "server_application_traffic_secret_0",
        "exporter_master_secret",              "resumption_master_secret"};
    const nlohmann::json d = load("acvp/tls13_kdf.json", "tls13_kdf");
    int checked = 0;
    for (const auto& c : d["cases"]) {
        const std::string id = case_id(c);
        CAPTURE(id);
        const std::string mode = c["running_mode"].get<std::string>();
        // psk is present exactly in the psk modes, dhe exactly in the dhe modes.
        CHECK(c.contains("psk") == (mode.find("psk") != std::string::npos));
        CHECK(c.contains("dhe") == (mode.find("dhe") != std::string::npos));
        std::map<std::string, std::string> got;
        const bool known = with_hash<B>(c["hash"].get<std::string>(), [&](auto tg) {
            using H = typename decltype(tg)::type;
            const bytes psk = jhex(c, "psk");
            const bytes dhe = jhex(c, "dhe");
            auto st = H::init();
            H::update(st, jhex(c, "hello_client_random"));
            auto snap = st;
            const auto h_ch = H::final(snap);
            H::update(st, jhex(c, "hello_server_random"));
            snap = st;
            const auto h_sh = H::final(snap);
            H::update(st, jhex(c, "finished_server_random"));
            snap = st;
            const auto h_sf = H::final(snap);
            H::update(st, jhex(c, "finished_client_random"));
            const auto h_cf = H::final(st);

            const auto es = psk.empty() ? tls13::early_secret<H>() : tls13::early_secret<H>(psk);
            const auto hs = dhe.empty() ? tls13::handshake_secret<H>(es) : tls13::handshake_secret<H>(es, dhe);
            const auto ms = tls13::master_secret<H>(hs);
            got["client_early_traffic_secret"] = to_hex(tls13::client_early_traffic_secret<H>(es, h_ch));
            got["early_exporter_master_secret"] = to_hex(tls13::early_exporter_master_secret<H>(es, h_ch));
            got["client_handshake_traffic_secret"] = to_hex(tls13::client_handshake_traffic_secret<H>(hs, h_sh));
            got["server_handshake_traffic_secret"] = to_hex(tls13::server_handshake_traffic_secret<H>(hs, h_sh));
            got["client_application_traffic_secret_0"] =
                to_hex(tls13::client_application_traffic_secret_0<H>(ms, h_sf));
            got["server_application_traffic_secret_0"] =
                to_hex(tls13::server_application_traffic_secret_0<H>(ms, h_sf));
            got["exporter_master_secret"] = to_hex(tls13::exporter_master_secret<H>(ms, h_sf));
            got["resumption_master_secret"] = to_hex(tls13::resumption_master_secret<H>(ms, h_cf));
        });
        REQUIRE(known);
        int fields = 0;
        for (const char* k : secrets) {
            CAPTURE(k);
            REQUIRE(c.contains(k));
            CHECK(got.at(k) == c[k].template get<std::string>());
            ++fields;
        }
        CHECK(fields == 8);
        ++checked;
    }
    return checked;
}

}  // namespace tlswire_test::vectors
