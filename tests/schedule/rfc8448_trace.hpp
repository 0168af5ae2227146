// RFC 8448 traces and a TLS 1.3 schedule runner over them, shared by
// schedule_rfc8448_test.cpp (reference backend) and openssl_backend_test.cpp.
//
// The traces are the in-repo JSON files vectors/rfc8448/*.json (kind
// handshake_trace, vectors/README.md), transcribed from the RFC text by
// tools/vectors/rfc8448_to_json.py. Each file holds the handshake messages as
// sent, the named key_schedule values, and `steps`: every "{server}  derive
// secret ..." block of the RFC in order, with its labelled values ("PRK",
// "hash", "info", "expanded", ...) in the RFC's own wording. The runner
// recomputes the schedule from the inputs only and compares both the steps'
// values and the key_schedule values.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../support/vectors.hpp"
#include "../crypto/test_support.hpp"
#include "tlswire/schedule/tls13.hpp"
#include "tlswire/schedule/transcript.hpp"

namespace tlswire_test::rfc8448 {

using bytes = std::vector<std::uint8_t>;

struct field {
    std::string name;  // the RFC's label: "PRK", "hash", "info", "expanded", ...
    bytes value;
};

struct step {
    std::string who;    // "client" or "server"
    std::string title;  // the RFC's action text: "derive secret \"tls13 c hs traffic\"", ...
    std::vector<field> fields;

    [[nodiscard]] const bytes* get(std::string_view name) const {
        for (const auto& f : fields)
            if (f.name == name) return &f.value;
        return nullptr;
    }
};

// A handshake message as sent, in transcript order.
struct message {
    std::string who;   // "client" or "server"
    std::string type;  // RFC 8446 §4 name: "client_hello", ..., or "hello_retry_request"
    std::vector<std::uint8_t> bytes;  // the whole message, 4-byte header included
};

struct section {
    std::string number;  // "3" .. "7"
    std::string file;    // "rfc8448/simple_1rtt.json", ...
    std::string title;   // "Simple 1-RTT Handshake", ...
    std::string resumes;
    std::vector<step> steps;
    std::vector<message> msgs;
    std::map<std::string, bytes> key_schedule;

    // find — the n-th step whose title starts with `prefix` (and by `who`, if given).
    [[nodiscard]] const step* find(std::string_view prefix, std::string_view who = {}, std::size_t n = 0) const {
        for (const auto& s : steps) {
            if (s.title.compare(0, prefix.size(), prefix) != 0) continue;
            if (!who.empty() && s.who != who) continue;
            if (n-- == 0) return &s;
        }
        return nullptr;
    }
    // value — field `name` of the first step matching `prefix`; empty if absent.
    [[nodiscard]] bytes value(std::string_view prefix, std::string_view name, std::string_view who = {}) const {
        const step* s = find(prefix, who);
        if (s == nullptr) return {};
        const auto* v = s->get(name);
        return v ? *v : bytes{};
    }
    // ks — a key_schedule value; it must be there.
    [[nodiscard]] const bytes& ks(const std::string& name) const {
        CAPTURE(name);
        const auto it = key_schedule.find(name);
        REQUIRE(it != key_schedule.end());
        return it->second;
    }
};

// The RFC 8448 sections and their files.
inline constexpr std::pair<const char*, const char*> section_files[] = {
    {"3", "simple_1rtt"}, {"4", "resumed_0rtt"}, {"5", "hello_retry_request"}, {"6", "client_auth"},
    {"7", "compatibility_mode"}};

inline bytes unhex_field(const nlohmann::json& j, const char* key) {
    REQUIRE(j.contains(key));
    REQUIRE(j[key].is_string());
    const std::string h = j[key].get<std::string>();
    REQUIRE(h.size() % 2 == 0);
    return from_hex(h);
}

inline section load_section(const std::string& number, const std::string& name) {
    section s;
    s.number = number;
    s.file = "rfc8448/" + name + ".json";
    CAPTURE(s.file);
    const auto path = test_support::vectors_dir() / s.file;
    REQUIRE(std::filesystem::is_regular_file(path));
    const nlohmann::json d = test_support::load_json(path);
    REQUIRE(d.value("kind", "") == "handshake_trace");
    // The runner derives AES-128-GCM keys with SHA-256, as every RFC 8448 trace uses.
    REQUIRE(d.value("version", "") == "tls13");
    REQUIRE(d.value("cipher_suite", "") == "TLS_AES_128_GCM_SHA256");
    REQUIRE(d.value("hash", "") == "sha256");
    // "RFC 8448 §3 Simple 1-RTT Handshake (https://www.rfc-editor.org/rfc/rfc8448#section-3), ..."
    const std::string source = d.value("source", "");
    const std::string head = "RFC 8448 \xc2\xa7" + number + " ";
    REQUIRE(source.rfind(head, 0) == 0);
    const auto open = source.find(" (", head.size());
    REQUIRE(open != std::string::npos);
    s.title = source.substr(head.size(), open - head.size());
    REQUIRE(source.find("rfc8448#section-" + number + ")") != std::string::npos);
    s.resumes = d.value("resumes", "");

    for (const auto& st : d["steps"]) {
        step x{st["actor"].get<std::string>(), st["action"].get<std::string>(), {}};
        if (st.contains("values"))
            for (const auto& v : st["values"]) x.fields.push_back(field{v["label"].get<std::string>(), unhex_field(v, "hex")});
        s.steps.push_back(std::move(x));
    }
    for (const auto& m : d["messages"]) {
        const std::string dir = m["dir"].get<std::string>();
        REQUIRE((dir == "c2s" || dir == "s2c"));
        s.msgs.push_back(message{dir == "c2s" ? "client" : "server", m["name"].get<std::string>(), unhex_field(m, "hex")});
    }
    for (const auto& item : d["key_schedule"].items()) s.key_schedule[item.key()] = from_hex(item.value().get<std::string>());
    REQUIRE_FALSE(s.steps.empty());
    REQUIRE_FALSE(s.msgs.empty());
    REQUIRE_FALSE(s.key_schedule.empty());
    return s;
}

// trace — every section, keyed by number ("3", "4", ...).
inline const std::map<std::string, section>& trace() {
    static const std::map<std::string, section> t = [] {
        std::map<std::string, section> out;
        for (const auto& [number, name] : section_files) out[number] = load_section(number, name);
        return out;
    }();
    return t;
}

// RFC 8446 §4.1.3: a ServerHello whose random is SHA-256("HelloRetryRequest") is an HRR.
inline bool is_hello_retry_request(const message& m) {
    static const auto hrr_random = from_hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    return m.bytes.size() >= 38 && m.bytes[0] == 2 && std::equal(hrr_random.begin(), hrr_random.end(), m.bytes.begin() + 6);
}

// "EncryptedExtensions" -> "encrypted_extensions"
inline std::string snake_case(std::string_view camel) {
    std::string out;
    for (char c : camel) {
        if (std::isupper(static_cast<unsigned char>(c)) && !out.empty()) out.push_back('_');
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

// messages — the handshake messages of a section, in transcript order, each
// checked against the RFC's "construct a ... handshake message" step that
// prints it (same sender, same type, same bytes) and against its own header
// length. §4 prints its ClientHello truncated before the binders (the part
// the binder covers); the message as sent continues it.
inline const std::vector<message>& messages(const section& s) {
    std::vector<const step*> built;
    for (const auto& st : s.steps)
        if (st.title.rfind("construct a", 0) == 0 && !st.fields.empty()) built.push_back(&st);
    REQUIRE(built.size() == s.msgs.size());
    for (std::size_t i = 0; i < s.msgs.size(); ++i) {
        const message& m = s.msgs[i];
        const step& st = *built[i];
        CAPTURE(i);
        CAPTURE(m.type);
        CHECK(st.who == m.who);
        const auto& b = m.bytes;
        REQUIRE(b.size() >= 4);
        const std::size_t declared = 4 + ((std::size_t{b[1]} << 16) | (std::size_t{b[2]} << 8) | b[3]);
        REQUIRE(b.size() == declared);
        const std::string printed_type = snake_case(st.fields[0].name);
        if (m.type == "hello_retry_request") {
            CHECK(printed_type == "server_hello");
            CHECK(is_hello_retry_request(m));
        } else {
            CHECK(printed_type == m.type);
            CHECK_FALSE(is_hello_retry_request(m));
        }
        const bytes& printed = st.fields[0].value;
        if (printed.size() == b.size()) {
            CHECK(to_hex(printed) == to_hex(b));
        } else {
            REQUIRE(m.type == "client_hello");
            REQUIRE(printed.size() < b.size());
            CHECK(std::equal(printed.begin(), printed.end(), b.begin()));
            CHECK(to_hex(printed) == to_hex(s.ks("binder_truncated_client_hello")));
        }
    }
    return s.msgs;
}

template <class A>
std::string hex(const A& a) {
    return to_hex(tlswire::bytes_view(a.data(), a.size()));
}

// The resumption PSK §3 hands to §4.
inline bytes section3_resumption_psk() { return trace().at("3").value("generate resumption secret", "expanded", "server"); }

// run<H> — recompute a section's whole key schedule from its inputs only: the
// (EC)DHE shared secret (the IKM of "extract secret \"handshake\""), the PSK
// for section 4 (from §3's ticket), and the handshake messages. Every value
// the trace prints in its steps and every value of its key_schedule is
// compared; returns the number of values compared.
template <class H>
int run(const std::string& number) {
    namespace tls13 = tlswire::tls13;
    using tlswire::bytes_view;
    const section& s = trace().at(number);
    CAPTURE(number);
    int compared = 0;
    // A value the RFC prints in a step.
    auto same = [&](const auto& got, const bytes& want, const char* what_c) {
        const std::string what = what_c;
        CAPTURE(what);
        REQUIRE_FALSE(want.empty());
        CHECK(hex(got) == to_hex(want));
        ++compared;
    };
    // A named key_schedule value; the names compared are collected so that
    // none of the file's values goes unchecked.
    std::set<std::string> covered;
    auto same_ks = [&](const auto& got, const std::string& name) {
        CAPTURE(name);
        CHECK(hex(got) == to_hex(s.ks(name)));
        covered.insert(name);
        ++compared;
    };
    // Bytes that must occur inside a message `who` sent (a key_share entry, a ticket nonce).
    auto sent_by = [&](const bytes& needle, const std::string& who, std::string_view type) {
        for (const message& m : s.msgs)
            if (m.who == who && (type.empty() || m.type == type) &&
                std::search(m.bytes.begin(), m.bytes.end(), needle.begin(), needle.end()) != m.bytes.end())
                return true;
        return false;
    };

    const bool resumed = number == "4";
    const bytes psk = resumed ? section3_resumption_psk() : bytes{};
    const auto shared = s.value("extract secret \"handshake\"", "IKM", "server");
    REQUIRE(shared.size() == 32);
    same_ks(shared, "shared_secret");
    if (resumed) {
        CHECK(s.resumes == trace().at("3").file);
        same_ks(psk, "psk");
        CHECK(to_hex(psk) == to_hex(trace().at("3").ks("resumption_psk")));
    }

    // The ephemeral key pairs: the trace's key_schedule holds what the steps
    // print, and each public key is the key_share of that side's hello.
    for (const auto& st : s.steps) {
        if (st.title.rfind("create an ephemeral ", 0) != 0) continue;
        CAPTURE(st.title);
        const std::string group = st.title.find("x25519") != std::string::npos ? "x25519" : "secp256r1";
        CHECK((group == "x25519" || st.title.find("P-256") != std::string::npos));
        const std::string prefix = st.who + "_" + group;
        REQUIRE(st.get("private key") != nullptr);
        REQUIRE(st.get("public key") != nullptr);
        same_ks(*st.get("private key"), prefix + "_private_key");
        same_ks(*st.get("public key"), prefix + "_public_key");
        CHECK(sent_by(*st.get("public key"), st.who, st.who == "client" ? "client_hello" : "server_hello"));
    }

    // Early Secret.
    const auto es = resumed ? tls13::early_secret<H>(psk) : tls13::early_secret<H>();
    same(es, s.value("extract secret \"early\"", "secret"), "early secret");
    same_ks(es, "early_secret");

    tlswire::schedule::transcript<H> t;
    tlswire::crypto::digest<H> hs{}, ms{}, c_hs{}, s_hs{}, c_ap{}, s_ap{}, c_e{};
    std::vector<tlswire::crypto::digest<H>> known_secrets;
    int finished_seen = 0;

    for (const message& m : messages(s)) {
        CAPTURE(m.type);
        if (m.type == "client_hello" && resumed) {
            // §4.2.11.2: the binder covers the ClientHello truncated before the
            // binders list (uint16 length + one uint8-prefixed 32-octet binder).
            const std::size_t binders_len = 2 + 1 + H::digest_size;
            const bytes_view ch(m.bytes);
            const auto truncated = ch.first(ch.size() - binders_len);
            same_ks(truncated, "binder_truncated_client_hello");
            const auto truncated_hash = tlswire::schedule::transcript_hash<H>(truncated);
            const step* b = s.find("calculate PSK binder", "client");
            REQUIRE(b != nullptr);
            same(truncated_hash, *b->get("binder hash"), "binder hash");
            same_ks(truncated_hash, "binder_transcript_hash");
            const auto binder_key = tls13::binder_key<H>(es, tls13::psk_kind::resumption);
            same(binder_key, *b->get("PRK"), "binder key");
            same_ks(binder_key, "binder_key");
            same(tls13::finished_key<H>(binder_key), *b->get("expanded"), "binder finished key");
            same_ks(tls13::finished_key<H>(binder_key), "binder_finished_key");
            const auto binder = tls13::psk_binder<H>(binder_key, truncated_hash);
            same(binder, *b->get("finished"), "binder");
            same_ks(binder, "binder");
            same(binder, bytes(ch.end() - H::digest_size, ch.end()), "binder in ClientHello");
        }
        if (m.type == "finished") {
            // Finished verify_data covers the transcript before this message.
            const bool server = finished_seen == 0;  // the server's Finished always comes first
            CHECK(m.who == (server ? "server" : "client"));
            const auto& base = server ? s_hs : c_hs;
            const auto vd = tls13::finished_verify_data<H>(base, t.current());
            same(vd, bytes(m.bytes.begin() + 4, m.bytes.end()), server ? "server Finished" : "client Finished");
            same_ks(tls13::finished_key<H>(base), server ? "server_finished_key" : "client_finished_key");
            same_ks(vd, server ? "server_finished_verify_data" : "client_finished_verify_data");
            const step* f = s.find("calculate finished", server ? "server" : "client");
            if (f != nullptr && f->get("finished") != nullptr) {
                same(tls13::finished_key<H>(base), *f->get("expanded"), "finished_key");
                same(vd, *f->get("finished"), "calculate finished");
            }
            ++finished_seen;
        }

        t.update(m.bytes);
        if (is_hello_retry_request(m)) {
            // RFC 8446 §4.4.1: ClientHello1 is replaced by message_hash; the HRR
            // itself stays. Redo: start from CH1's hash, then add the HRR.
            REQUIRE(m.type == "hello_retry_request");
            tlswire::schedule::transcript<H> redo;
            const message& ch1 = s.msgs.front();
            REQUIRE(ch1.type == "client_hello");
            redo.update(ch1.bytes).restart_after_hello_retry_request().update(m.bytes);
            t = redo;
            continue;
        }

        if (m.type == "client_hello" && resumed) {
            const auto ch_hash = t.current();
            c_e = tls13::client_early_traffic_secret<H>(es, ch_hash);
            same(c_e, s.value("derive secret \"tls13 c e traffic\"", "expanded", "client"), "c e traffic");
            same_ks(c_e, "client_early_traffic_secret");
            same_ks(ch_hash, "client_early_traffic_secret_transcript_hash");
            const auto e_exp = tls13::early_exporter_master_secret<H>(es, ch_hash);
            same(e_exp, s.value("derive secret \"tls13 e exp master\"", "expanded", "client"), "e exp master");
            same_ks(e_exp, "early_exporter_master_secret");
            same_ks(ch_hash, "early_exporter_master_secret_transcript_hash");
            known_secrets.push_back(c_e);
        }
        if (m.type == "server_hello") {
            const auto hello_hash = t.current();
            same(hello_hash, s.value("derive secret \"tls13 c hs traffic\"", "hash", "server"), "hash CH..SH");
            same_ks(hello_hash, "client_handshake_traffic_secret_transcript_hash");
            same_ks(hello_hash, "server_handshake_traffic_secret_transcript_hash");
            same(tls13::derived_secret<H>(es), s.value("derive secret for handshake", "expanded", "server"),
                 "derived (handshake)");
            same_ks(tls13::derived_secret<H>(es), "early_derived_secret");
            hs = tls13::handshake_secret<H>(es, shared);
            same(hs, s.value("extract secret \"handshake\"", "secret", "server"), "handshake secret");
            same_ks(hs, "handshake_secret");
            c_hs = tls13::client_handshake_traffic_secret<H>(hs, hello_hash);
            s_hs = tls13::server_handshake_traffic_secret<H>(hs, hello_hash);
            same(c_hs, s.value("derive secret \"tls13 c hs traffic\"", "expanded", "server"), "c hs traffic");
            same(s_hs, s.value("derive secret \"tls13 s hs traffic\"", "expanded", "server"), "s hs traffic");
            same_ks(c_hs, "client_handshake_traffic_secret");
            same_ks(s_hs, "server_handshake_traffic_secret");
            same(tls13::derived_secret<H>(hs), s.value("derive secret for master", "expanded", "server"),
                 "derived (master)");
            same_ks(tls13::derived_secret<H>(hs), "handshake_derived_secret");
            ms = tls13::master_secret<H>(hs);
            same(ms, s.value("extract secret \"master\"", "secret", "server"), "master secret");
            same_ks(ms, "master_secret");
            known_secrets.push_back(c_hs);
            known_secrets.push_back(s_hs);
        }
        if (m.type == "finished" && finished_seen == 1) {  // after the server Finished
            const auto sf_hash = t.current();
            same(sf_hash, s.value("derive secret \"tls13 c ap traffic\"", "hash", "server"), "hash CH..SF");
            same_ks(sf_hash, "client_application_traffic_secret_0_transcript_hash");
            same_ks(sf_hash, "server_application_traffic_secret_0_transcript_hash");
            same_ks(sf_hash, "exporter_master_secret_transcript_hash");
            c_ap = tls13::client_application_traffic_secret_0<H>(ms, sf_hash);
            s_ap = tls13::server_application_traffic_secret_0<H>(ms, sf_hash);
            same(c_ap, s.value("derive secret \"tls13 c ap traffic\"", "expanded", "server"), "c ap traffic");
            same(s_ap, s.value("derive secret \"tls13 s ap traffic\"", "expanded", "server"), "s ap traffic");
            same_ks(c_ap, "client_application_traffic_secret_0");
            same_ks(s_ap, "server_application_traffic_secret_0");
            const auto exp = tls13::exporter_master_secret<H>(ms, sf_hash);
            same(exp, s.value("derive secret \"tls13 exp master\"", "expanded", "server"), "exp master");
            same_ks(exp, "exporter_master_secret");
            known_secrets.push_back(c_ap);
            known_secrets.push_back(s_ap);
        }
        if (m.type == "finished" && finished_seen == 2) {  // after the client Finished
            const auto cf_hash = t.current();
            same(cf_hash, s.value("derive secret \"tls13 res master\"", "hash", "client"), "hash CH..CF");
            same_ks(cf_hash, "resumption_master_secret_transcript_hash");
            const auto rms = tls13::resumption_master_secret<H>(ms, cf_hash);
            same(rms, s.value("derive secret \"tls13 res master\"", "expanded", "client"), "res master");
            same_ks(rms, "resumption_master_secret");
            if (const step* r = s.find("generate resumption secret", "server")) {
                // RFC 8446 §4.6.1: the context is the ticket_nonce of the NewSessionTicket.
                const bytes& nonce = *r->get("hash");
                same_ks(nonce, "ticket_nonce");
                bool in_ticket = false;
                for (const message& nst : s.msgs) {
                    if (nst.type != "new_session_ticket") continue;
                    // ticket_lifetime (4) ticket_age_add (4) ticket_nonce<0..255>
                    REQUIRE(nst.bytes.size() > 4 + 8);
                    const std::size_t n = nst.bytes[4 + 8];
                    REQUIRE(nst.bytes.size() >= 4 + 9 + n);
                    in_ticket = in_ticket || bytes(nst.bytes.begin() + 13, nst.bytes.begin() + 13 + static_cast<std::ptrdiff_t>(n)) == nonce;
                }
                CHECK(in_ticket);
                const auto psk_r = tls13::resumption_psk<H>(rms, nonce);
                REQUIRE(psk_r.has_value());
                same(*psk_r, *r->get("expanded"), "resumption PSK");
                same_ks(*psk_r, "resumption_psk");
            }
        }
    }
    CHECK(finished_seen == 2);

    // Every "derive ... traffic keys" step: its PRK must be a secret we
    // derived, and key/iv (AES-128-GCM: 16/12) must match.
    int key_steps = 0;
    for (const auto& st : s.steps) {
        if (st.title.find("traffic keys") == std::string::npos || st.get("PRK") == nullptr) continue;
        const auto& prk = *st.get("PRK");
        bool found = false;
        for (const auto& k : known_secrets) found = found || hex(k) == to_hex(prk);
        CAPTURE(st.title);
        CHECK(found);
        const auto keys = tls13::traffic_keys<H, 16, 12>(prk);
        same(keys.key, *st.get("key expanded"), "key");
        same(keys.iv, *st.get("iv expanded"), "iv");
        ++key_steps;
    }
    CHECK(key_steps >= 3);
    // The key_schedule's traffic keys, from the secrets derived above.
    auto keys_ks = [&](const tlswire::crypto::digest<H>& secret, const std::string& prefix) {
        const auto keys = tls13::traffic_keys<H, 16, 12>(secret);
        same_ks(keys.key, prefix + "_key");
        same_ks(keys.iv, prefix + "_iv");
    };
    if (resumed) keys_ks(c_e, "client_early");
    keys_ks(c_hs, "client_handshake");
    keys_ks(s_hs, "server_handshake");
    keys_ks(c_ap, "client_application");
    keys_ks(s_ap, "server_application");

    // Nothing in the file's key_schedule went unchecked.
    for (const auto& item : s.key_schedule) {
        const std::string name = item.first;
        CAPTURE(name);
        CHECK(covered.count(name) == 1);
    }
    return compared;
}

// check_all_expand_steps<H> — every HKDF-Expand-Label the traces print
// ("derive secret", "calculate finished", "calculate PSK binder", "generate
// resumption secret": info/expanded; "derive ... traffic keys": key info/key
// expanded and iv info/iv expanded): the HkdfLabel we build must equal the
// printed info, and HKDF-Expand-Label from the step's PRK must equal the
// printed output. Returns the number of expansions checked.
template <class H>
int check_all_expand_steps() {
    namespace tls13 = tlswire::tls13;
    static constexpr std::pair<const char*, const char*> pairs[] = {
        {"info", "expanded"}, {"key info", "key expanded"}, {"iv info", "iv expanded"}};
    int n = 0;
    for (const auto& entry : trace()) {
        const std::string num = entry.first;  // (a structured binding cannot be captured by CAPTURE in C++20)
        for (const auto& st : entry.second.steps) {
            const auto* prk = st.get("PRK");
            if (prk == nullptr) continue;
            for (const auto& [info_name, expanded_name] : pairs) {
                const auto* info = st.get(info_name);
                const auto* expanded = st.get(expanded_name);
                if (info == nullptr || expanded == nullptr) continue;
                const std::string which = info_name;
                CAPTURE(num);
                CAPTURE(st.title);
                CAPTURE(which);
                // Recover the label from the info bytes' label field, and rebuild.
                REQUIRE(info->size() >= 3);
                const std::size_t label_len = (*info)[2];
                REQUIRE(info->size() >= 3 + label_len);
                const std::string full_label(info->begin() + 3,
                                             info->begin() + 3 + static_cast<std::ptrdiff_t>(label_len));
                REQUIRE(full_label.rfind("tls13 ", 0) == 0);
                // Traffic keys have an empty context; the others print theirs as "hash".
                const auto* ctx = which == "info" ? st.get("hash") : nullptr;
                const bytes context = ctx ? *ctx : bytes{};
                std::array<std::uint8_t, tls13::max_hkdf_label_size> buf{};
                tlswire::writer w(buf);
                tls13::write_hkdf_label(w, static_cast<std::uint16_t>(expanded->size()), "tls13 ",
                                        full_label.substr(6), context);
                REQUIRE(w.ok());
                CHECK(to_hex(w.written()) == to_hex(*info));
                bytes out(expanded->size());
                REQUIRE(tls13::hkdf_expand_label<H>(*prk, full_label.substr(6), context, out).has_value());
                CHECK(to_hex(out) == to_hex(*expanded));
                ++n;
            }
        }
    }
    return n;
}

}  // namespace tlswire_test::rfc8448
