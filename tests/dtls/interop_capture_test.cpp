// Our own captures of real DTLS peers (vectors/dtls/interop/, made by
// tests/interop/dtls_capture.py: OpenSSL 3.0 and GnuTLS 3.7 on 127.0.0.1
// through tests/dtls/udp_relay.py) read by the DTLS codec, as
// capture_test.cpp reads the three older ones, per connection: every record
// of every datagram (forwarded or dropped) decodes and round-trips; every
// plaintext handshake fragment feeds the reassembler, whose messages parse
// strictly as their typed bodies and re-serialize byte for byte, and equal
// what s_client traced (SHA-256); what the codec finds equals the file's
// `expect` (the script's own decode) and the facts each scenario was built
// for (the table below): HelloVerifyRequest and the echoed cookie, the
// client's certificate, resumption without Certificate, retransmissions
// where the relay dropped datagrams and only there, the key log's
// client_random, one application-data record each way.
//
// TLSWIRE_DTLS_INTEROP_DIR, when set, names another directory of such files
// (the live `interop` ctest captures afresh into one): then the stored
// files' exact counts (datagrams, duplicates) are not compared, the rest is.
#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../support/vectors.hpp"
#include "dtls_support.hpp"
#include "tlswire/crypto/reference/sha256.hpp"

namespace tests_dtls_interop_capture {

using namespace tlswire;
using test_support::hex;

namespace {

// What each scenario was built to show, and (for the stored files) its exact counts.
struct counts {
    std::size_t dup_c2s, dup_s2c;              // duplicate fragments (the reassembler's `duplicate`)
    std::size_t finished_c2s, finished_s2c;    // protected handshake records (Finished, retransmitted)
};
struct scenario {
    const char* name;
    protocol_version version;
    std::size_t connections;
    bool cookie;              // a HelloVerifyRequest in every connection
    bool client_certificate;
    bool lossy;               // the relay dropped datagrams
    bool openssl_client;      // s_client: client_trace_sha256 is there
    std::size_t datagrams, dropped;
    std::vector<counts> per_connection;
};

const std::vector<scenario>& scenarios() {
    using pv = protocol_version;
    static const std::vector<scenario> table = {
        {"interop_dtls10_gnutls_cli_openssl_srv_cbc", pv::dtls10, 1, true, false, false, false, 15, 0, {{0, 0, 1, 1}}},
        {"interop_dtls10_gnutls_default", pv::dtls10, 1, true, false, false, false, 18, 0, {{0, 0, 1, 1}}},
        {"interop_dtls10_openssl_cli_gnutls_srv", pv::dtls10, 1, true, false, false, true, 18, 0, {{0, 0, 1, 1}}},
        {"interop_dtls10_openssl_default", pv::dtls10, 1, true, false, false, true, 15, 0, {{0, 0, 1, 1}}},
        {"interop_dtls12_gnutls_cli_openssl_srv", pv::dtls12, 1, true, false, false, false, 14, 0, {{0, 0, 1, 1}}},
        {"interop_dtls12_gnutls_cli_openssl_srv_mtls", pv::dtls12, 1, true, true, false, false, 23, 0, {{0, 0, 1, 1}}},
        {"interop_dtls12_gnutls_default", pv::dtls12, 1, true, false, false, false, 18, 0, {{0, 0, 1, 1}}},
        // A Certificate datagram and the server's Finished dropped (GnuTLS both sides).
        {"interop_dtls12_gnutls_loss_s2c", pv::dtls12, 1, true, false, true, false, 28, 2, {{1, 8, 2, 1}}},
        // gnutls-serv answers each of the 3 fragments of the resumed ClientHello with a HelloVerifyRequest.
        {"interop_dtls12_gnutls_resumption", pv::dtls12, 2, true, false, false, false, 32, 0, {{0, 0, 1, 1}, {0, 2, 1, 1}}},
        {"interop_dtls12_openssl_cbc", pv::dtls12, 1, true, false, false, true, 15, 0, {{0, 0, 1, 1}}},
        {"interop_dtls12_openssl_chacha20_ecdsa", pv::dtls12, 1, true, false, false, true, 14, 0, {{0, 0, 1, 1}}},
        {"interop_dtls12_openssl_cli_gnutls_srv_chacha20", pv::dtls12, 1, true, false, false, true, 18, 0, {{0, 0, 1, 1}}},
        {"interop_dtls12_openssl_default", pv::dtls12, 1, true, false, false, true, 14, 0, {{0, 0, 1, 1}}},
        // The client's Finished dropped twice: the server sends its flight three times.
        {"interop_dtls12_openssl_loss_c2s", pv::dtls12, 1, true, false, true, true, 32, 2, {{1, 14, 1, 1}}},
        // A Certificate datagram and the server's Finished dropped.
        {"interop_dtls12_openssl_loss_s2c", pv::dtls12, 1, true, false, true, true, 26, 2, {{2, 5, 2, 1}}},
        {"interop_dtls12_openssl_mtls", pv::dtls12, 1, true, true, false, true, 22, 0, {{0, 0, 1, 1}}},
        {"interop_dtls12_openssl_resumption_session_id", pv::dtls12, 2, true, false, false, true, 23, 0, {{0, 0, 1, 1}, {0, 0, 1, 1}}},
        {"interop_dtls12_openssl_resumption_ticket", pv::dtls12, 2, true, false, false, true, 25, 0, {{0, 0, 1, 1}, {0, 0, 1, 1}}},
    };
    return table;
}

const scenario* find_scenario(const std::string& name) {
    for (const auto& s : scenarios())
        if (name == s.name) return &s;
    return nullptr;
}

struct msg_entry {
    handshake_type type{};
    std::uint16_t seq = 0;
    std::vector<std::uint8_t> body;
    std::vector<std::uint8_t> whole;  // unfragmented 12-byte header + body
};

// One direction of one connection, as the codec sees it.
struct side {
    dtls::reassembler reassembler;
    std::vector<msg_entry> messages;
    std::map<std::uint16_t, std::size_t> fragments;  // by message_seq
    std::size_t records = 0, protected_records = 0, protected_handshake = 0, application_data = 0, duplicates = 0;
};

struct connection {
    std::map<std::string, side> dirs;  // "c2s", "s2c"
};

const std::filesystem::path& capture_dir() {
    static const std::filesystem::path dir = [] {
        const char* env = std::getenv("TLSWIRE_DTLS_INTEROP_DIR");
        return env != nullptr && *env != '\0' ? std::filesystem::path(env)
                                              : test_support::vectors_dir() / "dtls" / "interop";
    }();
    return dir;
}

bool stored_files() { return std::getenv("TLSWIRE_DTLS_INTEROP_DIR") == nullptr; }

std::vector<std::filesystem::path> capture_files() {
    std::vector<std::filesystem::path> out;
    if (!std::filesystem::is_directory(capture_dir())) return out;
    for (const auto& e : std::filesystem::directory_iterator(capture_dir()))
        if (e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// walk(bytes, st) — every record of one datagram: each round-trips; epoch 0
// handshake records' fragments go to the reassembler.
void walk(const std::vector<std::uint8_t>& bytes, side* st) {
    const auto walked = dtls::for_each_record<dtls::ciphertext>(
        bytes_view(bytes.data(), bytes.size()), 0, {}, [&](const dtls::ciphertext& rec, std::size_t at) {
            const auto r0 = bytes.begin() + static_cast<std::ptrdiff_t>(at);
            const std::vector<std::uint8_t> raw(
                r0, r0 + static_cast<std::ptrdiff_t>(dtls::record_header_size + rec.fragment.size()));
            std::vector<std::uint8_t> out;
            REQUIRE(serialize(rec, out));
            CHECK(out == raw);
            const auto plain = parse<dtls::plaintext>(bytes_view(raw.data(), raw.size()));
            REQUIRE(plain);  // every record here is also a valid DTLSPlaintext (length <= 2^14 + 2048)
            if (st == nullptr) return;  // a dropped datagram: the records only
            ++st->records;
            if (rec.epoch != 0) {
                ++st->protected_records;
                if (rec.type == content_type::handshake) ++st->protected_handshake;
                if (rec.type == content_type::application_data) ++st->application_data;
                return;
            }
            if (rec.type != content_type::handshake) return;
            const std::size_t base = at + dtls::record_header_size;
            CHECK(dtls::for_each_fragment(rec.fragment, base, {}, [&](const dtls::handshake& h, std::size_t fat) {
                ++st->fragments[h.message_seq];
                const auto fed = st->reassembler.feed(h, fat, [&](const dtls::reassembled_message& m) {
                    msg_entry msg{m.msg_type, m.message_seq, {m.body.begin(), m.body.end()}, {}};
                    const auto head = m.header();
                    msg.whole.assign(head.begin(), head.end());
                    msg.whole.insert(msg.whole.end(), m.body.begin(), m.body.end());
                    st->messages.push_back(std::move(msg));
                });
                REQUIRE_MESSAGE(fed, to_string(fed.err().code) << " at " << fed.err().offset);
                if (*fed == dtls::feed_status::duplicate) ++st->duplicates;
            }));
        });
    REQUIRE_MESSAGE(walked, to_string(walked.err().code) << " at " << walked.err().offset);
}

std::vector<connection> decode(const nlohmann::json& v) {
    std::vector<connection> conns(v.at("connections").size());
    for (const auto& d : v.at("datagrams")) {
        const auto i = d.at("connection").get<std::size_t>();
        REQUIRE(i < conns.size());
        walk(test_support::unhex(d.at("hex").get<std::string>()), &conns[i].dirs[d.at("dir").get<std::string>()]);
    }
    for (const auto& d : v.at("dropped")) walk(test_support::unhex(d.at("hex").get<std::string>()), nullptr);
    return conns;
}

std::vector<int> types_of(const side& s) {
    std::vector<int> t;
    for (const auto& m : s.messages) t.push_back(static_cast<int>(m.type));
    return t;
}

const msg_entry* find_message(const side& s, handshake_type t) {
    for (const auto& m : s.messages)
        if (m.type == t) return &m;
    return nullptr;
}

// The typed bodies of one connection, parsed in the context its ServerHello sets.
struct typed {
    std::vector<std::pair<const msg_entry*, dtls::message>> c2s, s2c;
    const tlswire::server_hello* server_hello = nullptr;
};

template <class T>
const T* get(const dtls::message& m) {
    if (const auto* hm = std::get_if<handshake_message>(&m)) return std::get_if<T>(hm);
    return nullptr;
}

}  // namespace

TEST_CASE("dtls interop capture: every file is a scenario of the table, and (stored) every scenario has its file") {
    const auto files = capture_files();
    REQUIRE_FALSE(files.empty());
    std::size_t known = 0;
    for (const auto& f : files) {
        CAPTURE(f.filename().string());
        const auto v = test_support::load_json(f);
        CHECK(v.at("kind") == "dtls_datagrams");
        CHECK(f.stem().string() == v.at("scenario").get<std::string>());
        const bool in_table = find_scenario(v.at("scenario").get<std::string>()) != nullptr;
        CHECK(in_table);
        known += in_table;
    }
    if (stored_files()) CHECK(known == scenarios().size());
}

TEST_CASE("dtls interop capture: records, fragments and reassembled messages of OpenSSL and GnuTLS peers decode, "
          "round-trip and match the capture's own decode and the scenario") {
    std::size_t files_read = 0, messages_parsed = 0, connections_seen = 0;
    for (const auto& file : capture_files()) {
        const auto v = test_support::load_json(file);
        const std::string name = v.at("scenario").get<std::string>();
        CAPTURE(name);
        const scenario* sc = find_scenario(name);
        REQUIRE(sc != nullptr);
        ++files_read;
        const auto conns = decode(v);
        REQUIRE(conns.size() == sc->connections);
        if (stored_files()) {
            CHECK(v.at("datagrams").size() == sc->datagrams);
            CHECK(v.at("dropped").size() == sc->dropped);
        }
        CHECK(v.at("dropped").empty() == !sc->lossy);

        for (std::size_t ci = 0; ci < conns.size(); ++ci) {
            CAPTURE(ci);
            ++connections_seen;
            const connection& c = conns[ci];
            const auto& jc = v.at("connections").at(ci);
            const auto& expect = jc.at("expect");
            REQUIRE(c.dirs.size() == 2);
            const side& c2s = c.dirs.at("c2s");
            const side& s2c = c.dirs.at("s2c");

            // What the script's decode found, found again by the codec.
            for (const auto& entry : c.dirs) {
                // (Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.)
                const std::string& dname = entry.first;
                const side& s = entry.second;
                CAPTURE(dname);
                CHECK(types_of(s) == expect.at("handshake_types").at(dname).get<std::vector<int>>());
                std::map<std::uint16_t, std::size_t> fragments;
                for (const auto& [seq, n] : expect.at("fragments").at(dname).items())
                    fragments[static_cast<std::uint16_t>(std::stoi(seq))] = n.get<std::size_t>();
                CHECK(s.fragments == fragments);
                CHECK(s.duplicates == expect.at("duplicate_fragments").at(dname).get<std::size_t>());
                CHECK(s.records == expect.at("records").at(dname).get<std::size_t>());
                CHECK(s.protected_records == expect.at("protected_records").at(dname).get<std::size_t>());
                CHECK(s.protected_handshake == expect.at("protected_handshake_records").at(dname).get<std::size_t>());
                CHECK(s.application_data == expect.at("application_data_records").at(dname).get<std::size_t>());
                // One record of application data each way where that side sent some.
                CHECK(s.application_data == (jc.at("application_data").at(dname).get<std::string>().empty() ? 0u : 1u));
                CHECK(s.reassembler.pending_messages() == 0);
                CHECK(s.reassembler.buffered_bytes() == 0);
            }
            if (stored_files()) {
                const counts& n = sc->per_connection.at(ci);
                CHECK(c2s.duplicates == n.dup_c2s);
                CHECK(s2c.duplicates == n.dup_s2c);
                CHECK(c2s.protected_handshake == n.finished_c2s);
                CHECK(s2c.protected_handshake == n.finished_s2c);
            }

            // Typed bodies, in the context of the hellos; each round-trips.
            const msg_entry* sh_msg = find_message(s2c, handshake_type::server_hello);
            REQUIRE(sh_msg != nullptr);
            context ctx;
            ctx.version = static_cast<std::uint16_t>(sc->version);
            ctx.sender = role::server;
            const auto sh_parsed = dtls::parse_body(sh_msg->type, bytes_view(sh_msg->body.data(), sh_msg->body.size()), 0, ctx);
            REQUIRE(sh_parsed);
            const auto* sh = get<tlswire::server_hello>(*sh_parsed);
            REQUIRE(sh != nullptr);
            CHECK(sh->legacy_version == sc->version);
            ctx.cipher_suite = static_cast<std::uint16_t>(sh->cipher_suite);
            CHECK(ctx.cipher_suite == std::stoul(expect.at("cipher_suite_value").get<std::string>(), nullptr, 16));
            typed t;
            for (const auto* dname : {"c2s", "s2c"}) {
                const side& s = c.dirs.at(dname);
                ctx.sender = std::string(dname) == "c2s" ? role::client : role::server;
                for (const auto& m : s.messages) {
                    CAPTURE(to_string(m.type));
                    const auto parsed = dtls::parse_body(m.type, bytes_view(m.body.data(), m.body.size()), 0, ctx);
                    REQUIRE_MESSAGE(parsed, to_string(parsed.err().code) << " at " << parsed.err().offset << " in "
                                                                        << std::string(parsed.err().where));
                    CHECK(dtls::msg_type_of(*parsed) == m.type);
                    std::vector<std::uint8_t> out;
                    writer w(out);
                    dtls::write_body(w, *parsed, ctx);
                    REQUIRE(w.ok());
                    CHECK(hex(out) == hex(m.body));
                    ++messages_parsed;
                    (std::string(dname) == "c2s" ? t.c2s : t.s2c).emplace_back(&m, *parsed);
                }
            }

            // s_client's own view of each message (its -msg trace): the same bytes.
            if (sc->openssl_client) {
                REQUIRE(expect.contains("client_trace_sha256"));
                std::size_t compared = 0;
                for (const auto& [dname, s] : c.dirs) {
                    const auto& trace = expect.at("client_trace_sha256").at(dname);
                    for (const auto& m : s.messages) {
                        REQUIRE(m.seq < trace.size());
                        if (trace[m.seq].is_null()) continue;  // sent in fragments: garbled in OpenSSL 3.0's trace
                        const auto d = crypto::reference::sha256::digest(bytes_view(m.whole.data(), m.whole.size()));
                        CHECK(hex(bytes_view(d.data(), d.size())) == trace[m.seq].get<std::string>());
                        ++compared;
                    }
                }
                CHECK(compared >= s2c.messages.size());  // every message received (and the unfragmented sent ones)
            }

            // HelloVerifyRequest (RFC 6347 §4.2.1): the first ClientHello has no cookie,
            // the last one echoes the HelloVerifyRequest's.
            std::vector<const dtls::client_hello*> hellos;
            for (const auto& [m, p] : t.c2s)
                if (const auto* ch = std::get_if<dtls::client_hello>(&p)) hellos.push_back(ch);
            const dtls::hello_verify_request* hvr = nullptr;
            for (const auto& [m, p] : t.s2c)
                if (const auto* h = std::get_if<dtls::hello_verify_request>(&p)) {
                    if (hvr == nullptr) hvr = h;
                    CHECK(m->seq == 0);
                }
            CHECK((hvr != nullptr) == sc->cookie);
            CHECK(expect.at("hello_verify_request").get<bool>() == sc->cookie);
            REQUIRE(hellos.size() == (sc->cookie ? 2u : 1u));
            if (hvr != nullptr) {
                CHECK(hellos.front()->cookie.empty());
                CHECK_FALSE(hvr->cookie.empty());
                CHECK(hex(hellos.back()->cookie) == hex(hvr->cookie));
                CHECK(sh_msg->seq == 1);  // after the HelloVerifyRequest's message_seq 0
                CHECK((hvr->server_version == protocol_version::dtls10 || hvr->server_version == sc->version));
            }
            const dtls::client_hello& ch = *hellos.back();
            CHECK(ch.legacy_version == sc->version);

            // Resumption: no Certificate from the server, the session ID echoed
            // (a ticket resumption included: OpenSSL and GnuTLS send one with the ticket).
            const bool resumed = ci > 0;
            CHECK(expect.at("resumed").get<bool>() == resumed);
            CHECK((find_message(s2c, handshake_type::certificate) == nullptr) == resumed);
            CHECK((find_message(c2s, handshake_type::client_key_exchange) == nullptr) == resumed);
            if (resumed) {
                CHECK_FALSE(sh->legacy_session_id_echo.empty());
                CHECK(hex(sh->legacy_session_id_echo) == hex(ch.legacy_session_id));
                CHECK(jc.at("resumes").get<std::size_t>() == 0);
            } else {
                // MTU 300 (256): the server's Certificate travels in fragments.
                const msg_entry* cert = find_message(s2c, handshake_type::certificate);
                REQUIRE(cert != nullptr);
                CHECK(s2c.fragments.at(cert->seq) >= 2);
            }

            // Client authentication: CertificateRequest, then the client's
            // non-empty Certificate and its CertificateVerify.
            const bool client_cert = sc->client_certificate && !resumed;
            CHECK(expect.at("client_certificate").get<bool>() == client_cert);
            CHECK((find_message(s2c, handshake_type::certificate_request) != nullptr) == client_cert);
            CHECK((find_message(c2s, handshake_type::certificate_verify) != nullptr) == client_cert);
            const tlswire::certificate_tls12* client_chain = nullptr;
            for (const auto& [m, p] : t.c2s)
                if (const auto* cc = get<tlswire::certificate_tls12>(p)) client_chain = cc;
            CHECK((client_chain != nullptr) == client_cert);
            if (client_chain != nullptr) {
                CHECK(client_chain->certificate_list.size() >= 1);
                CHECK(c2s.fragments.at(find_message(c2s, handshake_type::certificate)->seq) >= 2);  // fragmented too
            }

            // Retransmissions where the relay dropped datagrams, and only there
            // (gnutls-serv's HelloVerifyRequest copies aside).
            std::size_t hvr_copies = 0;
            if (sc->cookie && s2c.fragments.at(0) > 1) hvr_copies = s2c.fragments.at(0) - 1;
            REQUIRE(c2s.protected_handshake >= 1);  // the Finished, at least once each way
            REQUIRE(s2c.protected_handshake >= 1);
            const std::size_t retransmitted = c2s.duplicates + s2c.duplicates - hvr_copies +
                                              (c2s.protected_handshake - 1) + (s2c.protected_handshake - 1);
            CHECK((retransmitted > 0) == sc->lossy);
            CHECK(expect.at("retransmissions").get<bool>() == sc->lossy);

            // The key log names this connection's ClientHello random (GnuTLS
            // writes no line for a resumed session: `resumes` names the one).
            const std::string keylog = jc.at("keylog").get<std::string>();
            const std::string line = "CLIENT_RANDOM " + hex(ch.random) + " ";
            if (resumed && !sc->openssl_client)
                CHECK(keylog.empty());
            else
                CHECK(keylog.find(line) == 0);
        }
    }
    CHECK(files_read == capture_files().size());
    if (stored_files()) {
        CHECK(files_read == 18);
        CHECK(connections_seen == 21);
        CHECK(messages_parsed == 179);  // the plaintext messages of all 21 connections
    }
}

}  // namespace tests_dtls_interop_capture
