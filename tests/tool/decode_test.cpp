// tests/tool/decode_test.cpp — `tlswire decode`, its flags, outputs and
// exit statuses, driven in-process through tlswire::cli::run.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tool_support.hpp"

namespace tests_tool_decode {

using cli_test::temp_file;
using cli_test::tool;
using nlohmann::json;
using test_support::hex;
using test_support::unhex;

namespace {

json rfc8448(const char* name) { return test_support::load_json(test_support::vectors_dir() / "rfc8448" / name); }

std::string all_messages_hex(const json& trace) {
    std::string s;
    for (const auto& m : trace["messages"]) s += m["hex"].get<std::string>() + "\n";
    return s;
}

const json* find_extension(const json& msg, const std::string& type) {
    for (const auto& e : msg["body"]["extensions"])
        if (e["type"] == type) return &e;
    return nullptr;
}

// handshake_types(lines) — per "dir", the handshake messages the output
// holds, in order, named as the peers' traces name them (an HRR by its wire
// type, server_hello).
std::map<std::string, std::vector<std::string>> handshake_types(const std::vector<json>& lines) {
    std::map<std::string, std::vector<std::string>> seen{{"c2s", {}}, {"s2c", {}}};
    for (const auto& l : lines) {
        if (!l.contains("body") || l["type"] == "change_cipher_spec" || l["type"] == "alert") continue;
        const std::string t = l["type"];
        seen[l["dir"]].push_back(t == "hello_retry_request" ? "server_hello" : t);
    }
    return seen;
}

}  // namespace

TEST_CASE("decode: a bare ClientHello (RFC 8448 §3) from stdin as hex") {
    const json trace = rfc8448("simple_1rtt.json");
    const std::string ch = trace["messages"][0]["hex"];
    const auto r = tool({"decode", "--hex"}, ch);
    REQUIRE(r.rc == 0);
    CHECK(r.err.empty());
    const auto lines = r.lines();
    REQUIRE(lines.size() == 1);
    const json& m = lines[0];
    CHECK(m["type"] == "client_hello");
    CHECK(m["length"] == ch.size() / 2 - 4);
    CHECK(m["hex"] == ch);
    CHECK(m["body"]["legacy_version"] == "TLS 1.2");
    CHECK(m["body"]["cipher_suites"] ==
          json::array({"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384"}));
    CHECK(m["body"]["legacy_compression_methods"] == json::array({"NULL"}));
    const json* ks = find_extension(m, "key_share");
    REQUIRE(ks);
    CHECK((*ks)["data"] == "0024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
    CHECK((*ks)["client_shares"][0]["group"] == "x25519");
    CHECK((*ks)["client_shares"][0]["key_exchange"] ==
          "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
    const json* sa = find_extension(m, "signature_algorithms");
    REQUIRE(sa);
    const json& algs = (*sa)["supported_signature_algorithms"];
    CHECK(algs[0] == "ecdsa_secp256r1_sha256");
    // 0x0402 (SHA-256 + DSA) is not a registered SignatureScheme: printed as hex.
    CHECK(std::find(algs.begin(), algs.end(), "0x0402") != algs.end());
    const json* sni = find_extension(m, "server_name");
    REQUIRE(sni);
    CHECK((*sni)["server_name_list"][0]["name_type"] == "host_name");
    CHECK((*sni)["server_name_list"][0]["name"] == hex(std::vector<std::uint8_t>{'s', 'e', 'r', 'v', 'e', 'r'}));
    CHECK((*find_extension(m, "supported_versions"))["versions"] == json::array({"TLS 1.3"}));
}

TEST_CASE("decode: unregistered (GREASE) values print as hex") {
    // A TLS 1.2-style ClientHello: GREASE suite 0x1a1a, GREASE extension 0x2a2a (empty).
    const std::string ch =
        "01000031" "0303" + std::string(64, '1') + "00" "0004" "1a1a" "1301" "0100" "0004" "2a2a0000";
    const auto r = tool({"decode", "--hex"}, ch);
    REQUIRE(r.rc == 0);
    const json m = r.lines().at(0);
    CHECK(m["body"]["cipher_suites"] == json::array({"0x1a1a", "TLS_AES_128_GCM_SHA256"}));
    CHECK(m["body"]["extensions"] == json::array({json{{"type", "0x2a2a"}, {"data", ""}}}));
}

TEST_CASE("decode: every message of RFC 8448 §3 from a binary file, with and without context flags") {
    const json trace = rfc8448("simple_1rtt.json");
    std::vector<std::uint8_t> bytes;
    for (const auto& m : trace["messages"]) {
        const auto b = unhex(m["hex"].get<std::string>());
        bytes.insert(bytes.end(), b.begin(), b.end());
    }
    const temp_file file("simple_1rtt.bin", bytes);
    // The ServerHello in the stream supplies version and cipher suite; the flags say the same.
    for (const std::vector<std::string>& flags :
         {std::vector<std::string>{}, {"--version", "tls13", "--cipher-suite", "TLS_AES_128_GCM_SHA256"},
          {"--version", "tls13", "--cipher-suite", "0x1301"}}) {
        CAPTURE(flags.size());
        std::vector<std::string> args{"decode", "--roundtrip"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back(file.path());
        const auto r = tool(args);
        REQUIRE(r.rc == 0);
        const auto lines = r.lines();
        REQUIRE(lines.size() == trace["messages"].size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            CHECK(lines[i]["type"] == trace["messages"][i]["name"]);
            CHECK(lines[i]["hex"] == trace["messages"][i]["hex"]);
        }
        CHECK(lines[1]["body"]["cipher_suite"] == "TLS_AES_128_GCM_SHA256");
        // TLS 1.3 Certificate: certificate_request_context and CertificateEntry list.
        CHECK(lines[3]["body"].contains("certificate_request_context"));
        CHECK(lines[3]["body"]["certificate_list"].size() == 1);
        CHECK(lines[4]["body"]["algorithm"] == "rsa_pss_rsae_sha256");
        CHECK(lines[5]["body"]["verify_data"] == trace["key_schedule"]["server_finished_verify_data"]);
    }
}

TEST_CASE("decode: --version and --cipher-suite decide how context-dependent messages read") {
    const json trace = rfc8448("simple_1rtt.json");
    const std::string certificate = trace["messages"][3]["hex"];
    const std::string fin = trace["messages"][5]["hex"];

    // The TLS 1.3 Certificate read as TLS 1.3 ...
    auto r = tool({"decode", "--hex", "--version", "tls13"}, certificate);
    REQUIRE(r.rc == 0);
    CHECK(r.lines().at(0)["body"]["certificate_request_context"] == "");
    // ... and as TLS 1.2, where its first bytes are a uint24 list length that does not match.
    r = tool({"decode", "--hex", "--version", "tls12"}, certificate);
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0).contains("error"));

    // Finished: its length comes from the suite; without one a strict parse refuses to guess.
    r = tool({"decode", "--hex", "--version", "tls13"}, fin);
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0)["error"] == json{{"code", "unsupported"}, {"offset", 4}, {"where", "verify_data"}});
    r = tool({"decode", "--hex", "--version", "tls13", "--cipher-suite", "TLS_AES_128_GCM_SHA256"}, fin);
    REQUIRE(r.rc == 0);
    CHECK(r.lines().at(0)["body"]["verify_data"] == trace["key_schedule"]["server_finished_verify_data"]);
    // A SHA-384 suite wants 48 bytes of verify_data: the 32 present are truncated input.
    r = tool({"decode", "--hex", "--version", "tls13", "--cipher-suite", "0x1302"}, fin);
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0)["error"]["code"] == "truncated");
}

TEST_CASE("decode: a record stream (one direction of a real TLS 1.2 capture)") {
    const json cap = test_support::load_json(test_support::vectors_dir() / "captures" / "tls12_ecdhe_rsa.json");
    const std::string c2s = cap["connections"][0]["c2s"];
    // ClientKeyExchange needs the key exchange: only the suite says it is ECDHE.
    auto r = tool({"decode", "--hex"}, c2s);
    CHECK(r.rc == 1);
    auto lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["type"] == "client_hello");
    CHECK(lines[1]["error"]["code"] == "unsupported");
    CHECK(lines[1]["error"]["where"] == "client_key_exchange");

    r = tool({"decode", "--hex", "--roundtrip", "--cipher-suite", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, c2s);
    REQUIRE(r.rc == 0);
    lines = r.lines();
    std::vector<std::string> types;
    for (const auto& l : lines) types.push_back(l["type"]);
    // After ChangeCipherSpec the Finished is encrypted; then application data and the close_notify alert.
    CHECK(types ==
          std::vector<std::string>{"client_hello", "client_key_exchange", "change_cipher_spec", "handshake",
                                   "application_data", "alert"});
    CHECK(lines[1]["body"]["ecdh_Yc"].get<std::string>().size() == 64);
    CHECK(lines[2]["body"]["type"] == 1);
    CHECK(lines[3]["encrypted"] == true);
    CHECK(lines[3]["length"] == 40);
    CHECK(lines[5]["encrypted"] == true);

    // The server's direction alone: the ServerHello supplies version and suite.
    r = tool({"decode", "--hex", "--roundtrip"}, cap["connections"][0]["s2c"].get<std::string>());
    REQUIRE(r.rc == 0);
    lines = r.lines();
    CHECK(lines[0]["type"] == "server_hello");
    CHECK(lines[1]["type"] == "certificate");
    CHECK(lines[2]["type"] == "server_key_exchange");
    CHECK(lines[2]["body"]["params"]["curve_params"]["namedcurve"] == "x25519");
    CHECK(lines[2]["body"]["algorithm"] == cap["connections"][0]["expect"]["server_signature"]);
    CHECK(lines[3]["type"] == "server_hello_done");
}

TEST_CASE("decode: an SSL 2.0-compatible ClientHello (RFC 5246 Appendix E.2), then records") {
    // msg_length 0x801f, msg_type 1, TLS 1.0, two cipher specs (SSL 2.0
    // RC4_128_WITH_MD5 and TLS_RSA_WITH_AES_128_CBC_SHA), no session id, 16-byte challenge.
    const std::string v2 = "801f01" "0301" "0006" "0000" "0010" "010080" "00002f" + std::string(32, 'a');
    const auto r = tool({"decode", "--hex", "--roundtrip"}, v2 + "15030100020100");
    REQUIRE(r.rc == 0);
    const auto lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["type"] == "sslv2_client_hello");
    CHECK(lines[0]["length"] == 31);
    CHECK(lines[0]["body"]["version"] == "TLS 1.0");
    CHECK(lines[0]["body"]["cipher_specs"] == json::array({"0x010080", "TLS_RSA_WITH_AES_128_CBC_SHA"}));
    CHECK(lines[0]["body"]["challenge"] == std::string(32, 'a'));
    CHECK(lines[1]["type"] == "alert");
    CHECK(lines[1]["body"]["description"] == "close_notify");
}

TEST_CASE("decode: a heartbeat record (RFC 6520 §4), and a Heartbleed one refused") {
    const std::string hello = "160303002d" "01000029" "0303" + std::string(64, '7') + "00" "0002c02f" "0100";
    auto r = tool({"decode", "--hex", "--roundtrip"}, hello + "1803030016" "01" "0003" "616263" + std::string(32, '0'));
    REQUIRE(r.rc == 0);
    auto lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[1]["type"] == "heartbeat");
    CHECK(lines[1]["body"] == json{{"type", "heartbeat_request"}, {"payload_length", 3}, {"payload", "616263"},
                                   {"padding_length", 16}});
    r = tool({"decode", "--hex"}, hello + "1803030004" "01" "4000" "61");
    CHECK(r.rc == 1);
    lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[1]["error"] == json{{"code", "length_out_of_range"}, {"offset", 50 + 5 + 1}, {"where", "payload_length"}});
}

TEST_CASE("decode: a plaintext alert record") {
    const auto r = tool({"decode", "--hex"}, "15 0303 0002 02 28");
    REQUIRE(r.rc == 0);
    const json a = r.lines().at(0);
    CHECK(a["type"] == "alert");
    CHECK(a["length"] == 2);
    CHECK(a["body"] == json{{"level", "fatal"}, {"description", "handshake_failure"}});
}

TEST_CASE("decode --c2s/--s2c: every capture, in handshake order, round-tripping") {
    for (const auto& path : test_support::vector_files("captures")) {
        const json cap = test_support::load_json(path);
        for (const auto& conn : cap["connections"]) {
            CAPTURE(path.filename().string());
            const temp_file c2s("c2s.hex", conn["c2s"].get<std::string>());
            const temp_file s2c("s2c.hex", conn["s2c"].get<std::string>());
            const auto r = tool({"decode", "--hex", "--roundtrip", "--c2s", c2s.path(), "--s2c", s2c.path()});
            REQUIRE(r.rc == 0);
            const auto lines = r.lines();
            for (const auto& l : lines) {
                REQUIRE(l.contains("dir"));
                if (l["type"] == "server_hello") CHECK(l["body"]["cipher_suite"] == conn["expect"]["cipher_suite"]);
            }
            auto seen = handshake_types(lines);
            const auto& seen_c2s = seen["c2s"];
            const auto& seen_s2c = seen["s2c"];
            // What decodes in plaintext is a prefix of what the peers reported.
            const auto expect_c2s = conn["expect"]["handshake_types"]["c2s"].get<std::vector<std::string>>();
            const auto expect_s2c = conn["expect"]["handshake_types"]["s2c"].get<std::vector<std::string>>();
            REQUIRE(seen_c2s.size() <= expect_c2s.size());
            REQUIRE(seen_s2c.size() <= expect_s2c.size());
            CHECK(std::equal(seen_c2s.begin(), seen_c2s.end(), expect_c2s.begin()));
            CHECK(std::equal(seen_s2c.begin(), seen_s2c.end(), expect_s2c.begin()));
            CHECK(!seen_c2s.empty());
            CHECK(!seen_s2c.empty());
        }
    }
}

TEST_CASE("decode: TLS 1.2 renegotiation, client- and server-initiated: the second handshake and its CCS are protected") {
    for (const char* name : {"tls12_renegotiation_client", "tls12_renegotiation_server"}) {
        CAPTURE(name);
        const json cap =
            test_support::load_json(test_support::vectors_dir() / "captures" / (std::string(name) + ".json"));
        const auto& conn = cap["connections"][0];
        REQUIRE(conn["expect"]["renegotiated"] == true);
        const temp_file c2s("c2s.hex", conn["c2s"].get<std::string>());
        const temp_file s2c("s2c.hex", conn["s2c"].get<std::string>());
        const auto r = tool({"decode", "--hex", "--roundtrip", "--c2s", c2s.path(), "--s2c", s2c.path()});
        REQUIRE(r.rc == 0);
        // Each side: one plaintext CCS (the first handshake's), then one protected (the renegotiation's).
        std::map<std::string, int> plain_ccs, protected_ccs;
        for (const auto& l : r.lines()) {
            if (l["type"] != "change_cipher_spec") continue;
            (l.contains("encrypted") ? protected_ccs : plain_ccs)[l["dir"]]++;
        }
        CHECK(plain_ccs == std::map<std::string, int>{{"c2s", 1}, {"s2c", 1}});
        CHECK(protected_ccs == std::map<std::string, int>{{"c2s", 1}, {"s2c", 1}});
        // One direction alone decodes too.
        CHECK(tool({"decode", "--hex", "--roundtrip"}, conn["s2c"].get<std::string>()).rc == 0);
    }
}

TEST_CASE("decode --c2s/--s2c: order and dir on the bundled demo capture") {
    const std::string data = std::string(TLSWIRE_SOURCE_DIR) + "/examples/data/";
    const auto r = tool({"decode", "--c2s", data + "tls12_ecdhe_rsa.c2s.bin", "--s2c", data + "tls12_ecdhe_rsa.s2c.bin"});
    REQUIRE(r.rc == 0);
    std::vector<std::string> got;
    for (const auto& l : r.lines()) got.push_back(l["dir"].get<std::string>() + " " + l["type"].get<std::string>());
    CHECK(got == std::vector<std::string>{"c2s client_hello", "s2c server_hello", "s2c certificate",
                                          "s2c server_key_exchange", "s2c server_hello_done",
                                          "c2s client_key_exchange", "c2s change_cipher_spec", "c2s handshake",
                                          "s2c change_cipher_spec", "s2c handshake", "c2s application_data",
                                          "s2c application_data", "c2s alert", "s2c alert"});
}

TEST_CASE("decode --text: the same fields as an indented tree") {
    const json trace = rfc8448("simple_1rtt.json");
    auto r = tool({"decode", "--hex", "--text"}, trace["messages"][0]["hex"].get<std::string>());
    REQUIRE(r.rc == 0);
    CHECK(r.out.rfind("- type: client_hello\n  length: 192\n", 0) == 0);
    CHECK(r.out.find("\n    cipher_suites:\n      - TLS_AES_128_GCM_SHA256\n") != std::string::npos);
    CHECK(r.out.find("      - type: key_share\n") != std::string::npos);
    CHECK(r.out.find("            name: 736572766572  \"server\"\n") != std::string::npos);

    const std::string data = std::string(TLSWIRE_SOURCE_DIR) + "/examples/data/";
    r = tool({"decode", "--text", "--c2s", data + "tls12_ecdhe_rsa.c2s.bin", "--s2c", data + "tls12_ecdhe_rsa.s2c.bin"});
    REQUIRE(r.rc == 0);
    CHECK(r.out.rfind("- dir: c2s\n  type: client_hello\n", 0) == 0);
    CHECK(r.out.find("- dir: s2c\n  type: server_key_exchange\n") != std::string::npos);
    CHECK(r.out.find("        namedcurve: x25519\n") != std::string::npos);

    // Errors too.
    r = tool({"decode", "--hex", "--text"}, "01000005 0303");
    CHECK(r.rc == 1);
    CHECK(r.out == "- error:\n    code: truncated\n    offset: 1\n    where: length\n\n");
}

TEST_CASE("decode: parse errors print {\"error\": {code, offset, where}} and exit 1") {
    const json trace = rfc8448("simple_1rtt.json");
    const std::string ch = trace["messages"][0]["hex"];
    // Truncated: the uint24 length (at offset 1) promises more than there is.
    auto r = tool({"decode", "--hex"}, ch.substr(0, ch.size() - 2));
    CHECK(r.rc == 1);
    CHECK(r.lines() == std::vector<json>{json{{"error", {{"code", "truncated"}, {"offset", 1}, {"where", "length"}}}}});

    // An odd cipher_suites length (the field is at offset 39: 4 header + 2 + 32 +
    // 1 session id length): not a whole number of 2-byte suites, reported where
    // the list's body starts.
    std::string bad = ch;
    bad.replace(2 * 39, 4, "0005");
    r = tool({"decode", "--hex"}, bad);
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0)["error"] ==
          json{{"code", "length_not_multiple"}, {"offset", 41}, {"where", "cipher_suites"}});

    // Messages before the error are still printed.
    r = tool({"decode", "--hex"}, ch + "0200");
    CHECK(r.rc == 1);
    auto lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["type"] == "client_hello");
    CHECK(lines[1]["error"] == json{{"code", "truncated"}, {"offset", ch.size() / 2 + 1}, {"where", "length"}});

    // Not hex: the offending character's offset, where "hex".
    r = tool({"decode", "--hex"}, "0100 00zz");
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0)["error"] == json{{"code", "illegal_value"}, {"offset", 7}, {"where", "hex"}});

    // A record stream that ends inside a handshake message: as for bare
    // messages, at the message's length field (offset 5 + 1), which promises more.
    r = tool({"decode", "--hex"}, "16030100050100000a03");
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0)["error"] == json{{"code", "truncated"}, {"offset", 6}, {"where", "length"}});

    // An unreadable file: exit 1, a message on stderr and an error object
    // naming the file on stdout.
    r = tool({"decode", "/nonexistent/tlswire/input"});
    CHECK(r.rc == 1);
    CHECK(r.err.find("cannot open") != std::string::npos);
    REQUIRE(r.lines().size() == 1);
    CHECK(r.lines()[0]["error"]["code"] == "unreadable_input");
    CHECK(r.lines()[0]["error"]["file"] == "/nonexistent/tlswire/input");

    // A directory (libstdc++'s stream buffer throws on reading one): the same,
    // for a single input, for --c2s/--s2c, and the other inputs still decode.
    const std::string dir = std::filesystem::temp_directory_path().string();
    r = tool({"decode", dir});
    CHECK(r.rc == 1);
    REQUIRE(r.lines().size() == 1);
    CHECK(r.lines()[0]["error"] == json{{"code", "unreadable_input"}, {"file", dir}, {"reason", "is a directory"}});
    {
        const temp_file good("good.hex", ch);
        r = tool({"decode", "--hex", dir, good.path()});
        CHECK(r.rc == 1);
        REQUIRE(r.lines().size() == 2);
        CHECK(r.lines()[0]["error"]["file"] == dir);
        CHECK(r.lines()[1]["type"] == "client_hello");
        r = tool({"decode", "--hex", "--c2s", dir, "--s2c", good.path()});
        CHECK(r.rc == 1);
        CHECK(r.lines().at(0)["error"]["code"] == "unreadable_input");
    }

    // --c2s/--s2c: the error names its direction.
    const temp_file c2s("c2s.hex", ch);
    const temp_file s2c("s2c.hex", "16030300020200");
    r = tool({"decode", "--hex", "--c2s", c2s.path(), "--s2c", s2c.path()});
    CHECK(r.rc == 1);
}

TEST_CASE("decode --roundtrip: a difference is printed with both encodings and exits 1") {
    const json trace = rfc8448("simple_1rtt.json");
    const std::string ch = trace["messages"][0]["hex"];
    // Parse and serialize are symmetric by construction, so the mismatch path
    // is exercised with a serializer that changes the last byte.
    tlswire::cli::hooks h;
    h.reserialize = [](const tlswire::handshake_message& m, const tlswire::context& ctx,
                       std::vector<std::uint8_t>& out) {
        if (!tlswire::serialize_handshake(m, out, ctx)) return false;
        out.back() ^= 0xff;
        return true;
    };
    auto r = tool({"decode", "--hex", "--roundtrip"}, ch + trace["messages"][1]["hex"].get<std::string>(), h);
    CHECK(r.rc == 1);
    const auto lines = r.lines();
    REQUIRE(lines.size() == 2);  // stops at the first difference
    CHECK(lines[0]["type"] == "client_hello");
    const json& mm = lines[1]["roundtrip_mismatch"];
    CHECK(mm["type"] == "client_hello");
    CHECK(mm["offset"] == 0);
    CHECK(mm["first_difference"] == ch.size() / 2 - 1);
    CHECK(mm["original"] == ch);
    std::string changed = ch;
    changed.replace(changed.size() - 2, 2, "fe");  // 0x01 ^ 0xff
    CHECK(mm["reserialized"] == changed);

    // Without --roundtrip the hook is not consulted.
    r = tool({"decode", "--hex"}, ch, h);
    CHECK(r.rc == 0);
    // The honest serializer agrees with the input.
    r = tool({"decode", "--hex", "--roundtrip"}, all_messages_hex(trace));
    CHECK(r.rc == 0);
}

TEST_CASE("decode: usage errors exit 2") {
    CHECK(tool({"decode", "--version", "tls14"}).rc == 2);
    CHECK(tool({"decode", "--version"}).rc == 2);
    CHECK(tool({"decode", "--cipher-suite", "TLS_NOT_A_SUITE"}).rc == 2);
    CHECK(tool({"decode", "--cipher-suite", "0x13"}).rc == 2);
    CHECK(tool({"decode", "--c2s", "a"}).rc == 2);
    CHECK(tool({"decode", "--s2c", "a"}).rc == 2);
    CHECK(tool({"decode", "--c2s", "a", "--s2c", "b", "c"}).rc == 2);
    CHECK(tool({"decode", "--c2s", "a", "--s2c", "b", "--version", "tls12"}).rc == 2);
    CHECK(tool({"decode", "--frobnicate"}).rc == 2);
    CHECK(tool({"decode", "--hex", "--hex"}).rc == 2);
    CHECK(tool({"decode", "--hex=yes"}).rc == 2);
    const auto r = tool({"decode", "--bogus"});
    CHECK(r.out.empty());
    CHECK(r.err.find("unknown option --bogus") != std::string::npos);
}

TEST_CASE("decode --keylog: every capture decrypts completely; decrypted objects say protected and their epoch") {
    int connections = 0, decrypted = 0, application_data = 0;
    for (const auto& path : test_support::vector_files("captures")) {
        const json cap = test_support::load_json(path);
        for (const auto& conn : cap["connections"]) {
            CAPTURE(path.filename().string());
            const temp_file c2s("c2s.hex", conn["c2s"].get<std::string>());
            const temp_file s2c("s2c.hex", conn["s2c"].get<std::string>());
            const temp_file keylog("keylog.txt", conn["keylog"].get<std::string>());
            const auto r = tool({"decode", "--hex", "--roundtrip", "--keylog", keylog.path(), "--c2s", c2s.path(),
                                 "--s2c", s2c.path()});
            REQUIRE(r.rc == 0);
            CHECK(r.err.empty());
            ++connections;
            const auto lines = r.lines();
            for (const auto& l : lines) {
                CHECK_FALSE(l.contains("encrypted"));
                if (l.contains("protected")) {
                    ++decrypted;
                    CHECK(l["protected"] == true);
                    const std::string e = l["epoch"];
                    CHECK((e == "early" || e == "handshake" || e.rfind("application", 0) == 0 || e == "tls12"));
                    if (conn["expect"]["version"] == "TLS 1.3") CHECK(e != "tls12");
                    else CHECK(e == "tls12");
                    if (l["type"] == "encrypted_extensions") CHECK(e == "handshake");
                    if (l["type"] == "new_session_ticket" && e != "tls12") CHECK(e == "application");
                }
                if (l["type"] == "application_data") {
                    ++application_data;
                    CHECK(l["length"].get<int>() >= 0);
                    CHECK_FALSE(l.contains("hex"));
                }
            }
            // Every message the peers reported, the encrypted ones too.
            auto seen = handshake_types(lines);
            CHECK(seen["c2s"] == conn["expect"]["handshake_types"]["c2s"].get<std::vector<std::string>>());
            CHECK(seen["s2c"] == conn["expect"]["handshake_types"]["s2c"].get<std::vector<std::string>>());
        }
    }
    MESSAGE("connections: " << connections << ", decrypted objects: " << decrypted
                            << ", application data records: " << application_data);
    CHECK(connections >= 37);
    CHECK(application_data > 0);
}

TEST_CASE("decode --keylog: a malformed line is named and skipped; a wrong secret leaves records encrypted with why") {
    const json cap = test_support::load_json(test_support::vectors_dir() / "captures" / "tls13_default.json");
    const auto& conn = cap["connections"][0];
    const temp_file c2s("c2s.hex", conn["c2s"].get<std::string>());
    const temp_file s2c("s2c.hex", conn["s2c"].get<std::string>());
    std::string text = "# a comment\nCLIENT_RANDOM nothex\n" + conn["keylog"].get<std::string>();
    // The server's handshake secret, its last digit changed.
    const auto at = text.find("SERVER_HANDSHAKE_TRAFFIC_SECRET ");
    REQUIRE(at != std::string::npos);
    const auto eol = text.find('\n', at);
    char& digit = text[(eol == std::string::npos ? text.size() : eol) - 1];
    digit = digit == '0' ? '1' : '0';
    const temp_file keylog("keylog.txt", text);
    const auto r = tool({"decode", "--hex", "--keylog", keylog.path(), "--c2s", c2s.path(), "--s2c", s2c.path(),
                         "--application-data"});
    CHECK(r.rc == 0);
    CHECK(r.err.find(":2: ") != std::string::npos);  // the malformed line, by number
    int encrypted = 0, client_finished = 0, data_with_hex = 0;
    for (const auto& l : r.lines()) {
        if (l.contains("encrypted")) {
            CHECK(l["dir"] == "s2c");
            CHECK(l["decrypt_error"]["code"] == "bad_record_mac");
            ++encrypted;
        }
        if (l["dir"] == "c2s" && l["type"] == "finished") {
            CHECK(l["protected"] == true);
            ++client_finished;
        }
        if (l["type"] == "application_data" && l["dir"] == "c2s" && l.contains("hex")) {
            CHECK(l["hex"].get<std::string>().size() == 2 * l["length"].get<std::size_t>());
            ++data_with_hex;
        }
    }
    CHECK(encrypted > 0);
    CHECK(client_finished == 1);
    CHECK(data_with_hex > 0);
    // --keylog needs a connection; --application-data needs --keylog.
    CHECK(tool({"decode", "--hex", "--keylog", keylog.path(), c2s.path()}).rc == 2);
    CHECK(tool({"decode", "--hex", "--application-data", "--c2s", c2s.path(), "--s2c", s2c.path()}).rc == 2);
    CHECK(tool({"decode", "--hex", "--keylog", "/nonexistent/keylog", "--c2s", c2s.path(), "--s2c", s2c.path()}).rc == 1);
}

}  // namespace tests_tool_decode
