// Checks every vectors/**/*.json file against the tlswire-vectors/1 schema
// documented in vectors/README.md, plus a few values known from the sources
// (RFC 8448, RFC 5869, the TLS 1.2 PRF list).  A malformed file fails here,
// before any codec test tries to use it.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tests_vectors_vectors_schema {

#ifndef TLSWIRE_SOURCE_DIR
#error "TLSWIRE_SOURCE_DIR must name the repository root"
#endif

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path vectors_root = fs::path(TLSWIRE_SOURCE_DIR) / "vectors";

// ---------------------------------------------------------------- helpers
bool is_hex(const json& v) {
    if (!v.is_string()) return false;
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() % 2 != 0) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

std::vector<std::uint8_t> unhex(const std::string& s) {
    auto nibble = [](char c) -> std::uint8_t {
        return static_cast<std::uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    };
    std::vector<std::uint8_t> out;
    out.reserve(s.size() / 2);
    for (std::size_t i = 0; i + 1 < s.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(nibble(s[i]) << 4 | nibble(s[i + 1])));
    return out;
}

std::size_t be(const std::vector<std::uint8_t>& b, std::size_t at, std::size_t n) {
    std::size_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v << 8 | b[at + i];
    return v;
}

// Walks records (5-byte headers) or handshake messages (4-byte headers) and
// reports whether the declared lengths tile the buffer exactly.
bool tiles(const std::vector<std::uint8_t>& b, std::size_t header, std::size_t len_at,
           std::size_t len_size) {
    if (b.empty()) return false;
    std::size_t i = 0;
    while (i < b.size()) {
        if (b.size() - i < header) return false;
        const std::size_t n = be(b, i + len_at, len_size);
        if (b.size() - i - header < n) return false;
        i += header + n;
    }
    return true;
}

std::size_t hash_len(const std::string& h) {
    if (h == "md5") return 16;
    if (h == "sha1") return 20;
    if (h == "sha224") return 28;
    if (h == "sha256" || h == "sha512_256") return 32;
    if (h == "sha384") return 48;
    if (h == "sha512") return 64;
    return 0;
}

// Collects schema violations with a JSON-pointer-like location.
class checker {
public:
    std::vector<std::string> problems;

    void fail(const std::string& where, const std::string& what) {
        problems.push_back(where + ": " + what);
    }
    bool has(const json& o, const char* key, const std::string& where) {
        if (o.is_object() && o.contains(key)) return true;
        fail(where, std::string("missing key '") + key + "'");
        return false;
    }
    void hex(const json& o, const char* key, const std::string& where, bool non_empty = false) {
        if (!has(o, key, where)) return;
        if (!is_hex(o[key]))
            fail(where + "/" + key, "not even-length lowercase hex");
        else if (non_empty && o[key].get_ref<const std::string&>().empty())
            fail(where + "/" + key, "empty");
    }
    void opt_hex(const json& o, const char* key, const std::string& where) {
        if (o.is_object() && o.contains(key)) hex(o, key, where);
    }
    void text(const json& o, const char* key, const std::string& where, bool non_empty = true) {
        if (!has(o, key, where)) return;
        if (!o[key].is_string())
            fail(where + "/" + key, "not a string");
        else if (non_empty && o[key].get_ref<const std::string&>().empty())
            fail(where + "/" + key, "empty string");
    }
    void one_of(const json& o, const char* key, const std::string& where,
                const std::set<std::string>& allowed) {
        if (!has(o, key, where)) return;
        if (!o[key].is_string() || allowed.count(o[key].get<std::string>()) == 0)
            fail(where + "/" + key, "value " + o[key].dump() + " not allowed");
    }
    void boolean(const json& o, const char* key, const std::string& where) {
        if (has(o, key, where) && !o[key].is_boolean()) fail(where + "/" + key, "not a boolean");
    }
    const json* array(const json& o, const char* key, const std::string& where) {
        if (!has(o, key, where)) return nullptr;
        if (!o[key].is_array() || o[key].empty()) {
            fail(where + "/" + key, "not a non-empty array");
            return nullptr;
        }
        return &o[key];
    }
};

const std::set<std::string> kinds = {"handshake_trace", "prf",       "hkdf",          "tls12_kdf",
                                     "tls13_kdf",       "bytes",     "botan_messages", "capture",
                                     "dtls_datagrams"};
const std::set<std::string> versions = {"tls10", "tls11", "tls12", "tls13", "dtls12"};
const std::set<std::string> prf_hashes = {"md5_sha1", "sha224", "sha256", "sha384", "sha512"};
const std::set<std::string> all_hashes = {"md5",    "sha1",   "sha224", "sha256",
                                          "sha384", "sha512", "sha512_256", "md5_sha1"};
const std::set<std::string> dirs = {"c2s", "s2c"};

// RFC 8446 §4 HandshakeType values of the names a trace may use.
int msg_type_of(const std::string& name) {
    if (name == "client_hello") return 1;
    if (name == "server_hello" || name == "hello_retry_request") return 2;
    if (name == "new_session_ticket") return 4;
    if (name == "end_of_early_data") return 5;
    if (name == "encrypted_extensions") return 8;
    if (name == "certificate") return 11;
    if (name == "certificate_request") return 13;
    if (name == "certificate_verify") return 15;
    if (name == "finished") return 20;
    if (name == "key_update") return 24;
    return -1;
}

// RFC 8446 §5.1 ContentType values.
int content_type_of(const std::string& name) {
    if (name == "change_cipher_spec") return 20;
    if (name == "alert") return 21;
    if (name == "handshake") return 22;
    if (name == "application_data") return 23;
    return -1;
}

void check_trace(checker& c, const json& d) {
    c.one_of(d, "version", "", versions);
    c.text(d, "cipher_suite", "");
    c.one_of(d, "hash", "", all_hashes);
    if (d.contains("resumes")) {
        c.text(d, "resumes", "");
        if (d["resumes"].is_string() && !fs::exists(vectors_root / d["resumes"].get<std::string>()))
            c.fail("/resumes", "names a file that does not exist");
    }
    std::vector<std::uint8_t> sent_messages;
    if (const json* ms = c.array(d, "messages", "")) {
        for (std::size_t i = 0; i < ms->size(); ++i) {
            const json& m = (*ms)[i];
            const std::string at = "/messages/" + std::to_string(i);
            c.one_of(m, "dir", at, dirs);
            c.text(m, "name", at);
            c.hex(m, "hex", at, true);
            if (!is_hex(m.value("hex", json())) || !m.contains("name") || !m["name"].is_string())
                continue;
            const auto b = unhex(m["hex"].get<std::string>());
            if (b.size() < 4 || be(b, 1, 3) != b.size() - 4)
                c.fail(at, "handshake header length does not match the message");
            const int t = msg_type_of(m["name"].get<std::string>());
            if (t < 0)
                c.fail(at + "/name", "unknown handshake message name");
            else if (!b.empty() && b[0] != t)
                c.fail(at, "msg_type byte does not match name");
            if (m.value("dir", "") == "c2s" || m.value("dir", "") == "s2c")
                sent_messages.insert(sent_messages.end(), b.begin(), b.end());
        }
    }
    std::vector<std::uint8_t> handshake_plaintext;
    if (const json* rs = c.array(d, "records", "")) {
        for (std::size_t i = 0; i < rs->size(); ++i) {
            const json& r = (*rs)[i];
            const std::string at = "/records/" + std::to_string(i);
            c.one_of(r, "dir", at, dirs);
            c.one_of(r, "content_type", at,
                     {"handshake", "alert", "application_data", "change_cipher_spec"});
            c.boolean(r, "protected", at);
            c.hex(r, "hex", at, true);
            c.hex(r, "plaintext", at);
            if (!is_hex(r.value("hex", json())) || !is_hex(r.value("plaintext", json())) ||
                !r.value("protected", json()).is_boolean() || !r.value("content_type", json()).is_string())
                continue;
            const auto b = unhex(r["hex"].get<std::string>());
            if (b.size() < 5 || be(b, 3, 2) != b.size() - 5) {
                c.fail(at, "record header length does not match the record");
                continue;
            }
            const int inner = content_type_of(r["content_type"].get<std::string>());
            if (r["protected"].get<bool>()) {
                if (b[0] != 23) c.fail(at, "protected record whose outer type is not application_data");
            } else {
                if (b[0] != inner) c.fail(at, "record type byte does not match content_type");
                if (r["hex"].get<std::string>().substr(10) != r["plaintext"].get<std::string>())
                    c.fail(at, "unprotected record whose plaintext is not its fragment");
            }
            if (inner == 22) {
                const auto p = unhex(r["plaintext"].get<std::string>());
                handshake_plaintext.insert(handshake_plaintext.end(), p.begin(), p.end());
            }
        }
    }
    // The handshake records carry exactly the listed messages, in order.
    if (sent_messages != handshake_plaintext)
        c.fail("/messages", "messages do not equal the concatenated handshake record plaintexts");
    if (c.has(d, "key_schedule", "")) {
        const json& ks = d["key_schedule"];
        if (!ks.is_object() || ks.empty()) c.fail("/key_schedule", "not a non-empty object");
        for (auto it = ks.begin(); ks.is_object() && it != ks.end(); ++it)
            if (!is_hex(*it) || it->get_ref<const std::string&>().empty())
                c.fail("/key_schedule/" + it.key(), "not non-empty lowercase hex");
    }
    if (const json* ss = c.array(d, "steps", "")) {
        for (std::size_t i = 0; i < ss->size(); ++i) {
            const json& s = (*ss)[i];
            const std::string at = "/steps/" + std::to_string(i);
            c.one_of(s, "actor", at, {"client", "server"});
            c.text(s, "action", at);
            if (!s.contains("values")) continue;
            if (!s["values"].is_array() || s["values"].empty()) {
                c.fail(at + "/values", "not a non-empty array");
                continue;
            }
            for (std::size_t j = 0; j < s["values"].size(); ++j) {
                const std::string vat = at + "/values/" + std::to_string(j);
                c.text(s["values"][j], "label", vat);
                c.hex(s["values"][j], "hex", vat);
            }
        }
    }
}

// kind "capture" (vectors/captures/README.md): connections of real peers, each
// with both directions' raw bytes, the keylog and what the peers reported.
void check_capture(checker& c, const json& d) {
    c.text(d, "scenario", "");
    const json* conns = c.array(d, "connections", "");
    if (conns == nullptr) return;
    for (std::size_t i = 0; i < conns->size(); ++i) {
        const json& k = (*conns)[i];
        const std::string at = "/connections/" + std::to_string(i);
        c.hex(k, "c2s", at);
        c.hex(k, "s2c", at);
        c.text(k, "keylog", at);
        if (!c.has(k, "expect", at)) continue;
        const json& e = k["expect"];
        c.one_of(e, "version", at + "/expect", {"TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"});
        c.text(e, "cipher_suite", at + "/expect");
        if (c.has(e, "handshake_types", at + "/expect"))
            for (const char* dir : {"c2s", "s2c"}) c.array(e["handshake_types"], dir, at + "/expect/handshake_types");
    }
}

// kind "dtls_datagrams" (vectors/dtls/): every UDP datagram of a DTLS
// session in the order it was forwarded, each {dir, hex}; the DTLS record
// headers (13 bytes, uint16 length at 11) must tile every datagram.
void check_dtls_datagrams(checker& c, const json& d) {
    c.text(d, "scenario", "");
    const json* ds = c.array(d, "datagrams", "");
    if (ds == nullptr) return;
    for (std::size_t i = 0; i < ds->size(); ++i) {
        const json& g = (*ds)[i];
        const std::string at = "/datagrams/" + std::to_string(i);
        c.one_of(g, "dir", at, dirs);
        c.hex(g, "hex", at);
        if (!is_hex(g.value("hex", json()))) continue;
        const auto b = unhex(g["hex"].get<std::string>());
        if (!tiles(b, 13, 11, 2)) c.fail(at, "DTLS record lengths do not tile the datagram");
    }
}

void check_cases(checker& c, const json& d, const std::string& kind) {
    const json* cs = c.array(d, "cases", "");
    if (cs == nullptr) return;
    for (std::size_t i = 0; i < cs->size(); ++i) {
        const json& k = (*cs)[i];
        const std::string at = "/cases/" + std::to_string(i);
        if (!k.is_object()) {
            c.fail(at, "not an object");
            continue;
        }
        if (kind == "prf") {
            c.one_of(k, "hash", at, prf_hashes);
            c.hex(k, "secret", at);
            c.text(k, "label", at, false);
            c.hex(k, "seed", at);
            c.hex(k, "output", at, true);
        } else if (kind == "hkdf") {
            c.one_of(k, "hash", at, all_hashes);
            c.hex(k, "ikm", at);
            c.hex(k, "salt", at);
            c.hex(k, "info", at);
            c.opt_hex(k, "prk", at);
            c.hex(k, "okm", at, true);
            if (!k.contains("l") || !k["l"].is_number_unsigned())
                c.fail(at + "/l", "not an unsigned number");
            else if (is_hex(k.value("okm", json())) &&
                     k["l"].get<std::size_t>() * 2 != k["okm"].get_ref<const std::string&>().size())
                c.fail(at + "/l", "does not match the okm length");
            if (k.contains("prk") && is_hex(k["prk"]) && k.value("hash", "") != "" &&
                k["prk"].get_ref<const std::string&>().size() != 2 * hash_len(k["hash"].get<std::string>()))
                c.fail(at + "/prk", "not HashLen bytes");
        } else if (kind == "tls12_kdf") {
            c.one_of(k, "hash", at, prf_hashes);
            c.boolean(k, "extended_master_secret", at);
            c.hex(k, "pre_master_secret", at, true);
            c.hex(k, "client_random", at, true);
            c.hex(k, "server_random", at, true);
            c.hex(k, "key_block", at, true);
            c.hex(k, "master_secret", at, true);
            if (is_hex(k.value("master_secret", json())) && k["master_secret"].get_ref<const std::string&>().size() != 96)
                c.fail(at + "/master_secret", "not 48 bytes");
            if (k.value("extended_master_secret", json()).is_boolean()) {
                if (k["extended_master_secret"].get<bool>()) {
                    c.hex(k, "session_hash", at, true);
                } else {
                    c.hex(k, "client_hello_random", at, true);
                    c.hex(k, "server_hello_random", at, true);
                }
            }
        } else if (kind == "tls13_kdf") {
            c.one_of(k, "hash", at, {"sha256", "sha384"});
            c.one_of(k, "running_mode", at, {"dhe", "psk", "psk_dhe"});
            const std::string mode = k.value("running_mode", "");
            if (mode.find("psk") != std::string::npos) c.hex(k, "psk", at, true);
            else if (k.contains("psk")) c.fail(at + "/psk", "present in a dhe-only case");
            if (mode.find("dhe") != std::string::npos) c.hex(k, "dhe", at, true);
            else if (k.contains("dhe")) c.fail(at + "/dhe", "present in a psk-only case");
            for (const char* r : {"hello_client_random", "hello_server_random",
                                  "finished_server_random", "finished_client_random"})
                c.hex(k, r, at, true);
            const std::size_t hl = hash_len(k.value("hash", ""));
            for (const char* s : {"client_early_traffic_secret", "early_exporter_master_secret",
                                  "client_handshake_traffic_secret", "server_handshake_traffic_secret",
                                  "client_application_traffic_secret_0",
                                  "server_application_traffic_secret_0", "exporter_master_secret",
                                  "resumption_master_secret"}) {
                c.hex(k, s, at, true);
                if (is_hex(k.value(s, json())) && k[s].get_ref<const std::string&>().size() != 2 * hl)
                    c.fail(at + "/" + s, "not HashLen bytes");
            }
        } else if (kind == "botan_messages") {
            c.hex(k, "hex", at);
            c.one_of(k, "expect", at, {"valid", "reject"});
            if (k.value("expect", "") == "reject")
                c.text(k, "exception", at);
            else if (k.contains("exception"))
                c.fail(at + "/exception", "present on a valid case");
            if (k.contains("botan") && !k["botan"].is_object()) c.fail(at + "/botan", "not an object");
        }
    }
}

void check_bytes(checker& c, const json& d) {
    if (c.has(d, "context", "")) {
        if (!d["context"].is_object()) c.fail("/context", "not an object");
        else c.one_of(d["context"], "version", "/context", versions);
    }
    if (const json* es = c.array(d, "entries", "")) {
        for (std::size_t i = 0; i < es->size(); ++i) {
            const json& e = (*es)[i];
            const std::string at = "/entries/" + std::to_string(i);
            c.text(e, "name", at);
            c.text(e, "description", at);
            c.one_of(e, "dir", at, {"c2s", "s2c", "mixed", "unknown"});
            c.one_of(e, "content", at,
                     {"records", "handshake_messages", "tls13_inner_plaintext",
                      "tls12_decrypted_fragment", "invalid_records"});
            c.hex(e, "hex", at, true);
            if (e.contains("valid")) c.boolean(e, "valid", at);
            if (!is_hex(e.value("hex", json())) || !e.value("content", json()).is_string()) continue;
            const auto b = unhex(e["hex"].get<std::string>());
            const std::string content = e["content"].get<std::string>();
            if (content == "records" && !tiles(b, 5, 3, 2))
                c.fail(at, "record lengths do not tile the bytes");
            if (content == "handshake_messages" && !tiles(b, 4, 1, 3))
                c.fail(at, "handshake message lengths do not tile the bytes");
            if (content == "tls13_inner_plaintext") {
                auto last = std::find_if(b.rbegin(), b.rend(), [](std::uint8_t x) { return x != 0; });
                if (last == b.rend() || *last < 21 || *last > 23)
                    c.fail(at, "inner plaintext does not end in a content type");
            }
            if (content == "tls12_decrypted_fragment") {
                if (!e.contains("plaintext_length") || !e["plaintext_length"].is_number_unsigned() ||
                    e["plaintext_length"].get<std::size_t>() > b.size())
                    c.fail(at + "/plaintext_length", "missing or larger than the fragment");
            }
            if (content == "invalid_records" && e.value("valid", true))
                c.fail(at, "invalid_records entry without valid: false");
        }
    }
    if (d.contains("keylog")) {
        if (const json* kl = c.array(d, "keylog", "")) {
            for (std::size_t i = 0; i < kl->size(); ++i) {
                const std::string at = "/keylog/" + std::to_string(i);
                c.text((*kl)[i], "label", at);
                c.hex((*kl)[i], "client_random", at, true);
                c.hex((*kl)[i], "secret", at, true);
                if (is_hex((*kl)[i].value("client_random", json())) &&
                    (*kl)[i]["client_random"].get_ref<const std::string&>().size() != 64)
                    c.fail(at + "/client_random", "not 32 bytes");
            }
        }
    }
}

// Returns the schema violations of one parsed vector file (empty = valid).
std::vector<std::string> validate(const json& d) {
    checker c;
    if (!d.is_object()) {
        c.fail("", "top level is not an object");
        return c.problems;
    }
    if (!c.has(d, "schema", "") || d["schema"] != "tlswire-vectors/1")
        c.fail("/schema", "must be \"tlswire-vectors/1\"");
    c.text(d, "source", "");
    c.text(d, "description", "");
    c.one_of(d, "kind", "", kinds);
    const std::string kind = d.value("kind", "");
    if (kind == "handshake_trace") check_trace(c, d);
    else if (kind == "bytes") check_bytes(c, d);
    else if (kind == "capture") check_capture(c, d);
    else if (kind == "dtls_datagrams") check_dtls_datagrams(c, d);
    else if (kinds.count(kind) != 0 && kind != "capture") check_cases(c, d, kind);
    if (kind == "botan_messages") {
        if (!c.has(d, "context", "") || !d["context"].is_object()) c.fail("/context", "not an object");
        else {
            c.one_of(d["context"], "version", "/context", versions);
            c.text(d["context"], "structure", "/context");
        }
    }
    return c.problems;
}

std::vector<fs::path> all_vector_files() {
    std::vector<fs::path> out;
    if (!fs::is_directory(vectors_root)) return out;
    for (const auto& e : fs::recursive_directory_iterator(vectors_root))
        if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

json load(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return json::parse(in, nullptr, /*allow_exceptions=*/false);
}

json load_rel(const char* rel) { return load(vectors_root / rel); }

}  // namespace

TEST_CASE("vectors schema: every vectors/**/*.json file follows tlswire-vectors/1") {
    const auto files = all_vector_files();
    REQUIRE(files.size() >= 20);
    for (const auto& p : files) {
        INFO("file: " << p.string());
        const json d = load(p);
        CHECK_FALSE(d.is_discarded());  // not even JSON
        if (d.is_discarded()) continue;
        const auto problems = validate(d);
        std::string listed;
        for (std::size_t i = 0; i < problems.size() && i < 10; ++i) listed += "\n  " + problems[i];
        CHECK_MESSAGE(problems.empty(), problems.size() << " schema problem(s):" << listed);
    }
}

TEST_CASE("vectors schema: the files the README lists exist") {
    for (const char* rel :
         {"rfc8448/simple_1rtt.json", "rfc8448/resumed_0rtt.json", "rfc8448/hello_retry_request.json",
          "rfc8448/client_auth.json", "rfc8448/compatibility_mode.json", "prf/tls10_prf.json",
          "prf/tls12_prf.json", "hkdf/rfc5869.json", "hkdf/acvp_hkdf.json", "acvp/tls12_kdf.json",
          "acvp/kdf_components.json", "acvp/tls13_kdf.json", "bytes/illustrated_tls13.json",
          "bytes/illustrated_tls12.json", "bytes/illustrated_quic.json", "bytes/rustls.json",
          "botan/tls13_client_hello.json", "botan/ext_key_share_client_hello.json"}) {
        INFO(rel);
        CHECK(fs::is_regular_file(vectors_root / rel));
    }
}

TEST_CASE("vectors schema: the validator rejects malformed files") {
    const json good = load_rel("hkdf/rfc5869.json");
    REQUIRE(validate(good).empty());

    json bad = good;
    bad["schema"] = "tlswire-vectors/2";
    CHECK_FALSE(validate(bad).empty());

    bad = good;
    bad.erase("source");
    CHECK_FALSE(validate(bad).empty());

    bad = good;
    bad["kind"] = "no_such_kind";
    CHECK_FALSE(validate(bad).empty());

    bad = good;
    bad["cases"][0]["okm"] = "3CB25F";  // upper case
    CHECK_FALSE(validate(bad).empty());

    bad = good;
    bad["cases"][0]["ikm"] = "0b0";  // odd length
    CHECK_FALSE(validate(bad).empty());

    bad = good;
    bad["cases"][0]["l"] = 41;  // disagrees with okm
    CHECK_FALSE(validate(bad).empty());

    json trace = load_rel("rfc8448/simple_1rtt.json");
    REQUIRE(validate(trace).empty());
    json t = trace;
    t["messages"][0]["name"] = "server_hello";  // msg_type byte says client_hello
    CHECK_FALSE(validate(t).empty());
    t = trace;
    t["messages"].erase(t["messages"].begin() + 2);  // no longer what the records carry
    CHECK_FALSE(validate(t).empty());
    t = trace;
    std::string rec = t["records"][0]["hex"].get<std::string>();
    t["records"][0]["hex"] = rec.substr(0, rec.size() - 2);  // header length now wrong
    CHECK_FALSE(validate(t).empty());

    CHECK_FALSE(validate(json::array()).empty());
    CHECK(json::parse("{\"schema\": ", nullptr, false).is_discarded());
}

TEST_CASE("vectors: RFC 8448 §3 simple 1-RTT known values") {
    const json d = load_rel("rfc8448/simple_1rtt.json");
    REQUIRE(d.is_object());
    CHECK(d["cipher_suite"] == "TLS_AES_128_GCM_SHA256");
    const auto& ch = d["messages"][0];
    CHECK(ch["name"] == "client_hello");
    CHECK(ch["dir"] == "c2s");
    const std::string ch_hex = ch["hex"].get<std::string>();
    CHECK(ch_hex.rfind("010000c0", 0) == 0);
    CHECK(ch_hex.size() == 2 * 196);
    CHECK(d["records"][0]["hex"].get<std::string>().rfind("16030100c4010000c0", 0) == 0);
    const auto& ks = d["key_schedule"];
    CHECK(ks["client_handshake_traffic_secret"] ==
          "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
    CHECK(ks["server_handshake_traffic_secret"] ==
          "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
    CHECK(ks["early_secret"] == "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
    CHECK(ks["server_handshake_key"] == "3fce516009c21727d0f2e4e86ee403bc");
    CHECK(ks["server_handshake_iv"] == "5d313eb2671276ee13000b30");
    CHECK(ks["server_finished_verify_data"] ==
          "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
    // messages in order: the whole 1-RTT flight plus the ticket
    std::vector<std::string> names;
    for (const auto& m : d["messages"]) names.push_back(m["name"].get<std::string>());
    CHECK(names == std::vector<std::string>{"client_hello", "server_hello", "encrypted_extensions",
                                            "certificate", "certificate_verify", "finished", "finished",
                                            "new_session_ticket"});
}

TEST_CASE("vectors: RFC 8448 §4 resumes §3 and carries the binder") {
    const json first = load_rel("rfc8448/simple_1rtt.json");
    const json d = load_rel("rfc8448/resumed_0rtt.json");
    REQUIRE(d.is_object());
    CHECK(d["resumes"] == "rfc8448/simple_1rtt.json");
    // RFC 8446 §4.6.1: the PSK of the resumed connection is the one the ticket of §3 yields
    CHECK(d["key_schedule"]["psk"] == first["key_schedule"]["resumption_psk"]);
    CHECK(d["key_schedule"]["psk"] == "4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3");
    const std::string binder = d["key_schedule"]["binder"].get<std::string>();
    CHECK(binder == "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d");
    const std::string ch = d["messages"][0]["hex"].get<std::string>();
    CHECK(ch.size() == 2 * 512);
    CHECK(ch.substr(ch.size() - binder.size()) == binder);
    CHECK(ch.rfind(d["key_schedule"]["binder_truncated_client_hello"].get<std::string>(), 0) == 0);
    CHECK(d["messages"][4]["name"] == "end_of_early_data");
}

TEST_CASE("vectors: RFC 8448 §5 HelloRetryRequest and §7 compatibility mode") {
    const json hrr = load_rel("rfc8448/hello_retry_request.json");
    REQUIRE(hrr.is_object());
    CHECK(hrr["messages"][1]["name"] == "hello_retry_request");
    CHECK(hrr["messages"][1]["hex"].get<std::string>().rfind("020000ac0303cf21ad74e59a6111be1d", 0) == 0);
    CHECK(hrr["messages"][2]["name"] == "client_hello");
    const json compat = load_rel("rfc8448/compatibility_mode.json");
    REQUIRE(compat.is_object());
    int ccs = 0;
    for (const auto& r : compat["records"])
        if (r["content_type"] == "change_cipher_spec") {
            ++ccs;
            CHECK(r["hex"] == "140303000101");
        }
    CHECK(ccs == 2);
}

TEST_CASE("vectors: KDF files carry their published anchors") {
    const json hk = load_rel("hkdf/rfc5869.json");
    REQUIRE(hk.is_object());
    REQUIRE(hk["cases"].size() == 7);
    CHECK(hk["cases"][0]["prk"] == "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    CHECK(hk["cases"][0]["okm"] ==
          "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    CHECK(hk["cases"][6]["salt"] == "0000000000000000000000000000000000000000");

    const json p12 = load_rel("prf/tls12_prf.json");
    REQUIRE(p12.is_object());
    bool found = false;
    for (const auto& k : p12["cases"])
        if (k["hash"] == "sha256" && k["secret"] == "9bbe436ba940f017b17652849a71db35") {
            found = true;
            CHECK(k["label"] == "test label");
            CHECK(k["seed"] == "a0ba9f936cda311827a6f796ffd5198c");
            CHECK(k["output"].get<std::string>().rfind("e3f229ba727be17b8d122620557cd453", 0) == 0);
            CHECK(k["output"].get<std::string>().size() == 2 * 100);
        }
    CHECK(found);

    const json p10 = load_rel("prf/tls10_prf.json");
    REQUIRE(p10.is_object());
    for (const auto& k : p10["cases"]) CHECK(k["hash"] == "md5_sha1");

    const json t13 = load_rel("acvp/tls13_kdf.json");
    REQUIRE(t13.is_object());
    CHECK(t13["cases"].size() == 10);
    const json t12 = load_rel("acvp/tls12_kdf.json");
    REQUIRE(t12.is_object());
    CHECK(t12["cases"].size() == 14);
}

TEST_CASE("vectors: byte dumps are classified as their first bytes say") {
    const json d = load_rel("bytes/illustrated_tls13.json");
    REQUIRE(d.is_object());
    CHECK(d["context"]["cipher_suite"] == "TLS_AES_256_GCM_SHA384");
    const auto& ch = d["entries"][0];
    CHECK(ch["name"] == "clienthello");
    CHECK(ch["content"] == "records");
    CHECK(ch["hex"].get<std::string>().rfind("16030100f8010000f4", 0) == 0);
    const json q = load_rel("bytes/illustrated_quic.json");
    REQUIRE(q.is_object());
    for (const auto& e : q["entries"]) CHECK(e["content"] == "handshake_messages");
    const json r = load_rel("bytes/rustls.json");
    REQUIRE(r.is_object());
    int invalid = 0;
    for (const auto& e : r["entries"])
        if (e["content"] == "invalid_records") ++invalid;
    CHECK(invalid == 4);
}

}  // namespace tests_vectors_vectors_schema
