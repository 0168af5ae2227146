// tests/tool/verify_test.cpp — `tlswire verify` (tools/tlswire/verify.cpp):
// JSON lines and exit statuses over the committed live connections of
// vectors/captures and RFC 8448, a key log with one wrong secret (exit 1,
// the check named), --server-key and --psk, a pcap capture of two
// connections, and the usage errors (exit 2).
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/pcap.hpp"
#include "../support/rfc8448_connection.hpp"
#include "../support/vectors.hpp"
#include "tool_support.hpp"

namespace tests_tool_verify {

using cli_test::temp_file;
using cli_test::tool;
using nlohmann::json;
using bytes = std::vector<std::uint8_t>;

struct live {
    bytes c2s, s2c;
    std::string keylog, server_key;
};

live load(const std::string& name, std::size_t connection = 0) {
    const json j = test_support::load_json(test_support::vectors_dir() / "captures" / name);
    const json& c = j["connections"][connection];
    return {test_support::unhex(c["c2s"].get<std::string>()), test_support::unhex(c["s2c"].get<std::string>()),
            c["keylog"].get<std::string>(), j["files"].value("server_key_pem", std::string())};
}

// One digit of `label`'s secret changed.
std::string wrong_digit(std::string keylog, const std::string& label) {
    const auto at = keylog.find(label + " ");
    REQUIRE(at != std::string::npos);
    auto end = keylog.find('\n', at);
    if (end == std::string::npos) end = keylog.size();
    char& c = keylog[end - 1];
    c = c == '0' ? '1' : '0';
    return keylog;
}

struct files {
    temp_file c2s, s2c, keylog;
    files(const live& l, const std::string& keylog_text)
        : c2s("c2s.bin", l.c2s), s2c("s2c.bin", l.s2c), keylog("keylog.txt", keylog_text) {}
};

cli_test::ran verify_pair(const files& f, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"verify", "--keylog", f.keylog.path(), "--c2s", f.c2s.path(), "--s2c", f.s2c.path()};
    args.insert(args.end(), extra.begin(), extra.end());
    return tool(args);
}

std::map<std::string, bool> by_name(const std::vector<json>& lines) {
    std::map<std::string, bool> m;
    for (const auto& l : lines) {
        REQUIRE(l.contains("check"));
        REQUIRE(l["ok"].is_boolean());
        m[l["check"].get<std::string>()] = l["ok"].get<bool>();
    }
    return m;
}

TEST_CASE("verify: a TLS 1.3 connection passes every check, one JSON line each, exit 0") {
    const live l = load("tls13_default.json");
    const files f(l, l.keylog);
    const auto r = verify_pair(f);
    CHECK(r.rc == 0);
    CHECK(r.err.empty());
    const auto m = by_name(r.lines());
    CHECK(m.size() == r.lines().size());
    for (const char* name : {"tls13_server_finished", "tls13_client_finished", "tls13_server_certificate_verify",
                             "tls13_client_application_secret", "tls13_server_application_secret"}) {
        CAPTURE(name);
        REQUIRE(m.count(name) == 1);
        CHECK(m.at(name));
    }
    for (const auto& line : r.lines()) CHECK(line.size() == 2);  // {"check", "ok"} only when it passes
}

TEST_CASE("verify: a key log with one wrong secret fails, naming the check, exit 1") {
    const live l = load("tls13_default.json");
    const std::pair<const char*, const char*> cases[] = {
        {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "tls13_server_finished"},
        {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "tls13_client_finished"},
        {"CLIENT_TRAFFIC_SECRET_0", "tls13_client_application_secret"},
    };
    for (const auto& kase : cases) {
        const char* label = kase.first;
        const char* check = kase.second;
        CAPTURE(label);
        const files f(l, wrong_digit(l.keylog, label));
        const auto r = verify_pair(f);
        CHECK(r.rc == 1);
        bool named = false;
        for (const auto& line : r.lines())
            if (line["check"] == check) {
                named = true;
                CHECK(line["ok"] == false);
                CHECK(line["reason"].is_string());
                CHECK(line["error"]["code"] == "bad_record_mac");
            }
        CHECK(named);
    }
    // TLS 1.2: the master secret.
    const live t12 = load("tls12_ecdhe_rsa.json");
    const files g(t12, wrong_digit(t12.keylog, "CLIENT_RANDOM"));
    const auto r = verify_pair(g);
    CHECK(r.rc == 1);
    const auto m = by_name(r.lines());
    CHECK(m.at("tls12_client_finished") == false);
    CHECK(m.at("tls12_server_key_exchange_signature") == true);
}

TEST_CASE("verify: --server-key checks the RSA pre-master secret; a wrong master secret shows expected and found") {
    for (const char* name : {"tls12_rsa_kx.json", "tls12_rsa_kx_no_ems.json"}) {
        CAPTURE(name);
        const live l = load(name);
        const temp_file key("server.pem", l.server_key);
        const files f(l, l.keylog);
        const auto r = verify_pair(f, {"--server-key", key.path()});
        CHECK(r.rc == 0);
        CHECK(by_name(r.lines()).at("tls12_rsa_premaster") == true);
        const files bad(l, wrong_digit(l.keylog, "CLIENT_RANDOM"));
        const auto b = verify_pair(bad, {"--server-key", key.path()});
        CHECK(b.rc == 1);
        for (const auto& line : b.lines())
            if (line["check"] == "tls12_rsa_premaster") {
                CHECK(line["ok"] == false);
                CHECK(line["expected"].get<std::string>().size() == 96);
                CHECK(line["found"].get<std::string>().size() == 96);
                CHECK(line["expected"] != line["found"]);
                // The key log's master secret is what was found.
                CHECK(bad.keylog.path().size() > 0);
            }
    }
}

TEST_CASE("verify: --psk checks the RFC 8448 §4 binder; a wrong --psk fails it with expected and found") {
    const auto t = test_support::load_rfc8448_connection("resumed_0rtt.json");
    const live l{t.c2s, t.s2c, t.keylog, {}};
    const files f(l, l.keylog);
    const std::string psk = t.json.at("key_schedule").at("psk").get<std::string>();
    const auto r = verify_pair(f, {"--psk", psk});
    CHECK(r.rc == 0);
    const auto m = by_name(r.lines());
    CHECK(m.at("tls13_psk_binder") == true);
    CHECK(m.at("tls13_server_finished") == true);
    CHECK(m.at("tls13_client_finished") == true);
    std::string wrong = psk;
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    const auto w = verify_pair(f, {"--psk", wrong});
    CHECK(w.rc == 1);
    bool seen = false;
    for (const auto& line : w.lines())
        if (line["check"] == "tls13_psk_binder") {
            seen = true;
            CHECK(line["ok"] == false);
            CHECK(line["identity"] == 0);
            CHECK(line["found"] == t.json.at("key_schedule").at("binder"));
            CHECK(line["expected"] != line["found"]);
        }
    CHECK(seen);
    // Without --psk the binder cannot be checked: no line for it.
    CHECK(by_name(verify_pair(f).lines()).count("tls13_psk_binder") == 0);
}

TEST_CASE("verify: a pcap capture of two connections — each line names its connection") {
    using namespace test_support::pcap;
    const live a = load("tls13_resume_psk.json", 0), b = load("tls13_resume_psk.json", 1);
    std::vector<test_support::pcap::record> recs;
    tcp_endpoints e1, e2;
    e2.client_port = 40001;
    for (const auto& p : tcp_conversation(a.c2s, a.s2c, 200)) recs.push_back({0, 0, ethernet_frame(p, e1), 0});
    for (const auto& p : tcp_conversation(b.c2s, b.s2c, 200)) recs.push_back({0, 0, ethernet_frame(p, e2), 0});
    const temp_file cap("two.pcap", pcap_file(1, recs));
    const temp_file keylog("keylog.txt", a.keylog + b.keylog);
    const auto r = tool({"verify", "--keylog", keylog.path(), cap.path()});
    CHECK(r.rc == 0);
    std::set<std::string> clients;
    std::size_t finished = 0;
    for (const auto& line : r.lines()) {
        CHECK(line["ok"] == true);
        CHECK(line["connection"]["server"] == "10.0.0.2:443");
        clients.insert(line["connection"]["client"].get<std::string>());
        if (line["check"] == "tls13_server_finished" || line["check"] == "tls13_client_finished") ++finished;
    }
    CHECK(clients == std::set<std::string>{"10.0.0.1:40000", "10.0.0.1:40001"});
    CHECK(finished == 4);
    // The same capture with the first connection's key log only: the second fails, named.
    const temp_file half("half.txt", a.keylog);
    const auto h = tool({"verify", "--keylog", half.path(), cap.path()});
    CHECK(h.rc == 1);
    for (const auto& line : h.lines())
        if (line["connection"]["client"] == "10.0.0.1:40001" && line["check"] == "tls13_server_finished") {
            CHECK(line["ok"] == false);
            CHECK(line["reason"].get<std::string>().find("no SERVER_HANDSHAKE_TRAFFIC_SECRET") == 0);
        }
}

TEST_CASE("verify: every connection of vectors/captures passes through the tool") {
    std::size_t lines = 0, inputs = 0;
    for (const auto& path : test_support::vector_files("captures")) {
        const json j = test_support::load_json(path);
        const std::string key_pem = j["files"].value("server_key_pem", std::string());
        const temp_file key("server.pem", key_pem);
        // The connections of one file share a capture (resumption needs the first's ticket).
        using namespace test_support::pcap;
        std::vector<test_support::pcap::record> recs;
        std::string keylog;
        std::uint16_t port = 40000;
        for (const auto& c : j["connections"]) {
            tcp_endpoints e;
            e.client_port = port++;
            for (const auto& p : tcp_conversation(test_support::unhex(c["c2s"].get<std::string>()),
                                                  test_support::unhex(c["s2c"].get<std::string>())))
                recs.push_back({0, 0, ethernet_frame(p, e), 0});
            keylog += c["keylog"].get<std::string>();
        }
        const temp_file cap("all.pcap", pcap_file(1, recs));
        const temp_file log("keylog.txt", keylog);
        std::vector<std::string> args{"verify", "--keylog", log.path(), cap.path()};
        if (key_pem.find("RSA") != std::string::npos || path.stem().string().find("rsa_kx") != std::string::npos) {
            args.push_back("--server-key");
            args.push_back(key.path());
        }
        CAPTURE(path.stem().string());
        const auto r = tool(args);
        CHECK(r.rc == 0);
        for (const auto& line : r.lines()) {
            CAPTURE(line.dump());
            CHECK(line["ok"] == true);
            ++lines;
        }
        ++inputs;
    }
    MESSAGE("verify over vectors/captures: " << inputs << " files, " << lines << " checks passed");
    CHECK(inputs >= 33);
    CHECK(lines >= 150);
}

TEST_CASE("verify: nothing to check is exit 1; usage errors are exit 2") {
    const live l = load("tls13_default.json");
    const files f(l, l.keylog);
    // Only the ClientHello (the first record): no ServerHello, nothing negotiated.
    const std::size_t first = 5 + (std::size_t{l.c2s[3]} << 8 | l.c2s[4]);
    const live ch_only{bytes(l.c2s.begin(), l.c2s.begin() + static_cast<std::ptrdiff_t>(first)), {}, l.keylog, {}};
    const files g(ch_only, l.keylog);
    const auto none = verify_pair(g);
    CHECK(none.rc == 1);
    CHECK(none.out.empty());
    CHECK(none.err.find("nothing could be checked") != std::string::npos);

    const std::vector<std::vector<std::string>> usage = {
        {"verify", "--c2s", f.c2s.path(), "--s2c", f.s2c.path()},                                 // no --keylog
        {"verify", "--keylog", f.keylog.path()},                                                 // no input
        {"verify", "--keylog", f.keylog.path(), "--c2s", f.c2s.path()},                          // no --s2c
        {"verify", "--keylog", f.keylog.path(), "--c2s", f.c2s.path(), "--s2c", f.s2c.path(), f.c2s.path()},
        {"verify", "--keylog", f.keylog.path(), f.c2s.path()},                                   // not a capture
        {"verify", "--keylog", "/nonexistent/keylog", "--c2s", f.c2s.path(), "--s2c", f.s2c.path()},
        {"verify", "--keylog", f.keylog.path(), "--c2s", "/nonexistent/c2s", "--s2c", f.s2c.path()},
        {"verify", "--keylog", f.keylog.path(), "--c2s", f.c2s.path(), "--s2c", f.s2c.path(), "--psk", "xyz"},
        {"verify", "--keylog", f.keylog.path(), "--c2s", f.c2s.path(), "--s2c", f.s2c.path(), "--psk", "abc"},
        {"verify", "--keylog", f.keylog.path(), "--c2s", f.c2s.path(), "--s2c", f.s2c.path(), "--server-key",
         f.keylog.path()},                                                                       // no PEM key
        {"verify", "--keylog", f.keylog.path(), "--c2s", f.c2s.path(), "--s2c", f.s2c.path(), "--bogus"},
    };
    for (const auto& args : usage) {
        CAPTURE(args.size());
        CAPTURE(args.back());
        const auto r = tool(args);
        CHECK(r.rc == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("tlswire verify") != std::string::npos);
    }
}

TEST_CASE("verify: mutated and truncated connections never crash; exit 0 or 1, every line a check or an error") {
    std::mt19937 rng(20261202);  // fixed seed: failures reproduce
    std::size_t runs = 0;
    for (const char* name : {"tls13_hello_retry_request.json", "tls12_mutual_auth.json", "tls13_resume_psk.json"}) {
        const live l = load(name, std::string(name) == "tls13_resume_psk.json" ? 1 : 0);
        auto mutate = [&](bytes v) {
            const int edits = 1 + static_cast<int>(rng() % 3);
            for (int i = 0; i < edits && !v.empty(); ++i) {
                const std::size_t at = rng() % v.size();
                if (rng() % 3 == 0) v.resize(at);
                else v[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
            }
            return v;
        };
        for (int i = 0; i < 40; ++i) {
            const bool client = i % 2 == 0;
            const live m{client ? mutate(l.c2s) : l.c2s, client ? l.s2c : mutate(l.s2c), l.keylog, {}};
            std::string keylog = l.keylog;
            if (i % 5 == 0) keylog[keylog.find('\n') - 1] ^= 0x01;  // a wrong first secret ('0' <-> '1', ...)
            const files f(m, keylog);
            const auto r = verify_pair(f, {"--psk", "00112233"});
            CHECK((r.rc == 0 || r.rc == 1));
            for (const auto& line : r.lines()) CHECK((line.contains("check") || line.contains("error")));
            ++runs;
        }
    }
    CHECK(runs == 120);
}

TEST_CASE("verify --help: the usage and every check name") {
    const auto r = tool({"verify", "--help"});
    CHECK(r.rc == 0);
    CHECK(r.out.rfind("usage: tlswire verify", 0) == 0);
    for (const char* name : {"tls13_server_finished", "tls13_client_finished", "tls13_server_certificate_verify",
                             "tls13_client_certificate_verify", "tls13_psk_binder", "tls13_key_update",
                             "tls13_client_application_secret", "tls13_server_application_secret",
                             "tls13_ech_accept", "tls12_client_finished", "tls12_server_finished",
                             "tls12_server_key_exchange_signature", "tls12_client_certificate_verify",
                             "tls12_rsa_premaster", "--keylog", "--c2s", "--s2c", "--server-key", "--psk"})
        CHECK(r.out.find(name) != std::string::npos);
    CHECK(tool({"--help"}).out.find("verify") != std::string::npos);
}

}  // namespace tests_tool_verify
