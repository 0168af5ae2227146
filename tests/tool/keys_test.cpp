// tests/tool/keys_test.cpp — the key-schedule subcommands against
// published vectors: TLS PRFs (NIST CAVP / ACVP / IETF), master secrets
// (ACVP, with and without RFC 7627), and RFC 8448's TLS 1.3 traces.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../support/vectors.hpp"
#include "tool_support.hpp"

namespace tests_tool_keys {

using cli_test::temp_file;
using cli_test::tool;
using nlohmann::json;

namespace {

json load(const char* sub, const char* name) {
    return test_support::load_json(test_support::vectors_dir() / sub / name);
}

std::string hash_arg(const std::string& vector_hash) { return vector_hash == "md5_sha1" ? "md5-sha1" : vector_hash; }

// The hex of messages [first, last) of a trace, one per line.
std::string messages(const json& trace, std::size_t first, std::size_t last) {
    std::string s;
    for (std::size_t i = first; i < last; ++i) s += trace["messages"][i]["hex"].get<std::string>() + "\n";
    return s;
}

std::string line(const std::string& hex) { return hex + "\n"; }

}  // namespace

TEST_CASE("prf: TLS 1.2 and TLS 1.0/1.1 PRF vectors") {
    int n = 0;
    for (const char* file : {"tls12_prf.json", "tls10_prf.json"}) {
        const json vectors = load("prf", file);
        for (const auto& c : vectors["cases"]) {
            CAPTURE(c["id"].get<std::string>());
            const std::string out = c["output"];
            const auto r = tool({"prf", "--hash", hash_arg(c["hash"]), "--secret", c["secret"], "--label", c["label"],
                                 "--seed", c["seed"], "--length", std::to_string(out.size() / 2)});
            REQUIRE(r.rc == 0);
            CHECK(r.out == line(out));
            ++n;
        }
    }
    CHECK(n >= 40);
}

TEST_CASE("master-secret: ACVP TLS 1.2 KDF (extended master secret) and kdf-components") {
    int ems = 0, classic = 0;
    const json kdf = load("acvp", "tls12_kdf.json");
    for (const auto& c : kdf["cases"]) {
        REQUIRE(c["extended_master_secret"] == true);
        const auto r = tool({"master-secret", "--hash", hash_arg(c["hash"]), "--pre-master", c["pre_master_secret"],
                             "--session-hash", c["session_hash"]});
        REQUIRE(r.rc == 0);
        CHECK(r.out == line(c["master_secret"]));
        ++ems;
    }
    const json components = load("acvp", "kdf_components.json");
    for (const auto& c : components["cases"]) {
        if (c["extended_master_secret"] == true) continue;
        const auto r = tool({"master-secret", "--hash", hash_arg(c["hash"]), "--pre-master", c["pre_master_secret"],
                             "--client-random", c["client_hello_random"], "--server-random", c["server_hello_random"]});
        REQUIRE(r.rc == 0);
        CHECK(r.out == line(c["master_secret"]));
        ++classic;
    }
    CHECK(ems > 0);
    CHECK(classic > 0);
}

TEST_CASE("hkdf-expand-label: RFC 8448 traffic keys, IVs and finished keys") {
    const json ks = load("rfc8448", "simple_1rtt.json")["key_schedule"];
    struct probe {
        const char* secret;
        const char* label;
        const char* expect;
    };
    for (const probe& p : {probe{"server_handshake_traffic_secret", "key", "server_handshake_key"},
                           probe{"server_handshake_traffic_secret", "iv", "server_handshake_iv"},
                           probe{"client_handshake_traffic_secret", "key", "client_handshake_key"},
                           probe{"client_handshake_traffic_secret", "finished", "client_finished_key"},
                           probe{"server_application_traffic_secret_0", "iv", "server_application_iv"}}) {
        CAPTURE(p.expect);
        const std::string expect = ks[p.expect];
        const auto r = tool({"hkdf-expand-label", "--hash", "sha256", "--secret", ks[p.secret], "--label", p.label,
                             "--length", std::to_string(expect.size() / 2)});
        REQUIRE(r.rc == 0);
        CHECK(r.out == line(expect));
    }
    // With a context: the resumption PSK (RFC 8446 §4.6.1) from the ticket nonce.
    const auto r = tool({"hkdf-expand-label", "--hash", "sha256", "--secret", ks["resumption_master_secret"],
                         "--label", "resumption", "--context", ks["ticket_nonce"], "--length", "32"});
    REQUIRE(r.rc == 0);
    CHECK(r.out == line(ks["resumption_psk"]));
    // Derive-Secret(., "derived", "") = HKDF-Expand-Label(., "derived", SHA-256(""), 32).
    const auto d = tool({"hkdf-expand-label", "--hash", "sha256", "--secret", ks["early_secret"], "--label", "derived",
                         "--context", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "--length",
                         "32"});
    CHECK(d.out == line(ks["early_derived_secret"]));
    // Beyond 255 * Hash.length: refused as a usage error.
    CHECK(tool({"hkdf-expand-label", "--hash", "sha256", "--secret", "00", "--label", "x", "--length", "8161"}).rc == 2);
}

TEST_CASE("transcript-hash: RFC 8448 transcript hashes, HelloRetryRequest rule included") {
    const json simple = load("rfc8448", "simple_1rtt.json");
    const json& ks = simple["key_schedule"];
    auto r = tool({"transcript-hash", "--hash", "sha256", "--hex"}, messages(simple, 0, 2));
    REQUIRE(r.rc == 0);
    CHECK(r.out == line(ks["client_handshake_traffic_secret_transcript_hash"]));
    r = tool({"transcript-hash", "--hash", "sha256", "--hex"}, messages(simple, 0, 6));
    CHECK(r.out == line(ks["server_application_traffic_secret_0_transcript_hash"]));

    // From a file, binary.
    std::vector<std::uint8_t> bin;
    for (std::size_t i = 0; i < 7; ++i) {
        const std::string h = simple["messages"][i]["hex"];
        for (std::size_t k = 0; k < h.size(); k += 2) bin.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(k, 2), nullptr, 16)));
    }
    const temp_file f("transcript.bin", bin);
    r = tool({"transcript-hash", "--hash", "sha256", f.path()});
    CHECK(r.out == line(ks["resumption_master_secret_transcript_hash"]));

    // §5: ClientHello1, HelloRetryRequest, ClientHello2, ServerHello.
    const json hrr = load("rfc8448", "hello_retry_request.json");
    r = tool({"transcript-hash", "--hash", "sha256", "--hex"}, messages(hrr, 0, 4));
    REQUIRE(r.rc == 0);
    CHECK(r.out == line(hrr["key_schedule"]["client_handshake_traffic_secret_transcript_hash"]));

    // Framing errors are reported like decode's.
    r = tool({"transcript-hash", "--hash", "sha256", "--hex"}, "010000ff00");
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0)["error"]["code"] == "truncated");
}

TEST_CASE("finished: RFC 8448 server and client Finished verify_data") {
    const json simple = load("rfc8448", "simple_1rtt.json");
    const json& ks = simple["key_schedule"];
    auto r = tool({"finished", "--hash", "sha256", "--base-key", ks["server_handshake_traffic_secret"], "--hex"},
                  messages(simple, 0, 5));
    REQUIRE(r.rc == 0);
    CHECK(r.out == line(ks["server_finished_verify_data"]));
    r = tool({"finished", "--hash", "sha256", "--base-key", ks["client_handshake_traffic_secret"], "--hex"},
             messages(simple, 0, 6));
    CHECK(r.out == line(ks["client_finished_verify_data"]));
}

TEST_CASE("tls13-secrets: every RFC 8448 secret the inputs determine") {
    for (const char* name : {"simple_1rtt.json", "hello_retry_request.json", "resumed_0rtt.json", "client_auth.json",
                             "compatibility_mode.json"}) {
        CAPTURE(name);
        const json trace = load("rfc8448", name);
        const json& ks = trace["key_schedule"];
        std::vector<std::string> args{"tls13-secrets", "--hash", "sha256", "--hex", "--shared-secret", ks["shared_secret"]};
        if (ks.contains("psk")) {
            args.push_back("--psk");
            args.push_back(ks["psk"]);
        }
        const auto r = tool(args, messages(trace, 0, trace["messages"].size()));
        REQUIRE(r.rc == 0);
        const json out = r.lines().at(0);
        int compared = 0;
        for (const auto& [k, v] : out.items()) {
            std::string key = k;
            if (key == "res_binder_key") key = "binder_key";  // RFC 8448 §4 resumes a ticket
            if (!ks.contains(key)) continue;
            CAPTURE(key);
            CHECK(v == ks[key]);
            ++compared;
        }
        // early, early derived, handshake, 2 handshake traffic, handshake derived,
        // master, 2 application traffic, exporter, resumption (+ 3 early ones with a PSK).
        CHECK(compared >= (ks.contains("psk") ? 14 : 11));
        CHECK(out.contains("resumption_master_secret"));
    }

    // Without the (EC)DHE secret, a ServerHello with a key_share determines only the early secrets.
    const json simple = load("rfc8448", "simple_1rtt.json");
    const auto r = tool({"tls13-secrets", "--hash", "sha256", "--hex"}, messages(simple, 0, 2));
    REQUIRE(r.rc == 0);
    const json out = r.lines().at(0);
    CHECK(out["early_secret"] == simple["key_schedule"]["early_secret"]);
    CHECK(out["early_derived_secret"] == simple["key_schedule"]["early_derived_secret"]);
    CHECK(!out.contains("handshake_secret"));
    CHECK(!out.contains("ext_binder_key"));
}

TEST_CASE("key-schedule subcommands: usage errors exit 2") {
    CHECK(tool({"prf", "--hash", "sha256", "--secret", "00", "--label", "x", "--seed", "00"}).rc == 2);  // no --length
    CHECK(tool({"prf", "--hash", "md4", "--secret", "00", "--label", "x", "--seed", "00", "--length", "4"}).rc == 2);
    CHECK(tool({"prf", "--hash", "sha256", "--secret", "0g", "--label", "x", "--seed", "00", "--length", "4"}).rc == 2);
    CHECK(tool({"prf", "--hash", "sha256", "--secret", "00", "--label", "x", "--seed", "00", "--length", "0"}).rc == 2);
    CHECK(tool({"prf", "--hash", "sha256", "--secret", "00", "--label", "x", "--seed", "00", "--length", "4x"}).rc == 2);
    CHECK(tool({"prf", "--hash", "sha256", "--secret", "00", "--label", "x", "--seed", "00", "--length", "4", "extra"}).rc == 2);
    CHECK(tool({"master-secret", "--hash", "sha256", "--pre-master", "00"}).rc == 2);
    CHECK(tool({"master-secret", "--hash", "sha256", "--pre-master", "00", "--session-hash", "00", "--client-random",
                "00"}).rc == 2);
    CHECK(tool({"master-secret", "--hash", "sha256", "--pre-master", "00", "--client-random", "00"}).rc == 2);
    CHECK(tool({"hkdf-expand-label", "--hash", "md5-sha1", "--secret", "00", "--label", "x", "--length", "4"}).rc == 2);
    CHECK(tool({"transcript-hash", "a", "b", "--hash", "sha256"}).rc == 2);
    CHECK(tool({"transcript-hash"}).rc == 2);
    CHECK(tool({"finished", "--hash", "sha256"}).rc == 2);
    CHECK(tool({"tls13-secrets", "--hash", "sha256", "--psk", "xyz"}).rc == 2);
    const auto r = tool({"prf", "--hash", "sha256"});
    CHECK(r.err.find("missing --secret") != std::string::npos);
    CHECK(r.err.find("tlswire prf --help") != std::string::npos);
}

TEST_CASE("key-schedule subcommands: an unreadable input exits 1 with an error object naming it") {
    const std::string dir = std::filesystem::temp_directory_path().string();
    for (const std::string& path : {dir, std::string("/nonexistent/tlswire/input")}) {
        for (const char* sub : {"transcript-hash", "tls13-secrets"}) {
            const auto r = tool({sub, "--hash", "sha256", path});
            CAPTURE(sub);
            CAPTURE(path);
            CHECK(r.rc == 1);
            REQUIRE(r.lines().size() == 1);
            CHECK(r.lines()[0]["error"]["code"] == "unreadable_input");
            CHECK(r.lines()[0]["error"]["file"] == path);
            CHECK(r.err.find(path) != std::string::npos);
        }
    }
    const auto r = tool({"transcript-hash", "--hash", "sha256", dir});
    CHECK(r.lines()[0]["error"]["reason"] == "is a directory");
}

}  // namespace tests_tool_keys
