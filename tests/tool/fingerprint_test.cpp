// tests/tool/fingerprint_test.cpp — `tlswire fingerprint`: its output
// contract (exactly the keys the issue names), its inputs (those of decode),
// its flags and its errors, driven in-process through tlswire::cli::run.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/records.hpp"
#include "../support/vectors.hpp"
#include "tlswire/tlswire.hpp"
#include "tool_support.hpp"

namespace tests_tool_fingerprint {

using cli_test::temp_file;
using cli_test::tool;
using nlohmann::json;
using test_support::unhex;

namespace {

const std::set<std::string> client_keys{"type", "ja3", "ja3_string", "ja4", "ja4_r", "ja4_o", "ja4_ro"};
const std::set<std::string> server_keys{"type", "ja3s", "ja3s_string"};

std::set<std::string> keys_of(const json& j) {
    std::set<std::string> k;
    for (auto it = j.begin(); it != j.end(); ++it) k.insert(it.key());
    return k;
}

std::string s(std::string_view v) { return std::string(v); }

// expected — the line the tool must print for one hello: the library's
// fingerprints (tlswire/fingerprint.hpp), under the contract's keys.
json expected(const tlswire::handshake_message& m, tlswire::ja4_transport t) {
    using namespace tlswire;
    if (const auto* ch = std::get_if<client_hello>(&m))
        return {{"type", "client_hello"},   {"ja3", s(ja3(*ch))},        {"ja3_string", s(ja3_string(*ch))},
                {"ja4", s(ja4(*ch, t))},    {"ja4_r", s(ja4_r(*ch, t))}, {"ja4_o", s(ja4_o(*ch, t))},
                {"ja4_ro", s(ja4_ro(*ch, t))}};
    if (const auto* sh = std::get_if<server_hello>(&m))
        return {{"type", "server_hello"}, {"ja3s", s(ja3s(*sh))}, {"ja3s_string", s(ja3s_string(*sh))}};
    if (const auto* hrr = std::get_if<hello_retry_request>(&m))
        return {{"type", "hello_retry_request"}, {"ja3s", s(ja3s(*hrr))}, {"ja3s_string", s(ja3s_string(*hrr))}};
    return nullptr;
}

}  // namespace

TEST_CASE("fingerprint --help: usage, every flag and every output key") {
    const auto r = tool({"fingerprint", "--help"});
    CHECK(r.rc == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("usage: tlswire fingerprint", 0) == 0);
    for (const char* word : {"--hex", "--quic", "--dtls", "--c2s", "--s2c", "\"ja3\"", "\"ja3_string\"", "\"ja4\"",
                             "\"ja4_r\"", "\"ja4_o\"", "\"ja4_ro\"", "\"ja3s\"", "\"ja3s_string\"", "\"dir\""})
        CHECK(r.out.find(word) != std::string::npos);
    CHECK(tool({"help", "fingerprint"}).out == r.out);
    CHECK(tool({"--help"}).out.find("fingerprint") != std::string::npos);
}

TEST_CASE("fingerprint: RFC 8448 §3's ClientHello and ServerHello as hex on stdin — exactly the contract's keys") {
    const std::string ch = test_support::rfc8448_message("simple_1rtt", "client_hello");
    const std::string sh = test_support::rfc8448_message("simple_1rtt", "server_hello");
    const auto r = tool({"fingerprint", "--hex"}, ch + "\n" + sh + "\n");
    REQUIRE(r.rc == 0);
    CHECK(r.err.empty());
    const auto lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(keys_of(lines[0]) == client_keys);
    CHECK(keys_of(lines[1]) == server_keys);
    CHECK(lines[0] == json{{"type", "client_hello"},
                           {"ja3", "da4dea34fe6d4ce5f0725df3f2682fa0"},
                           {"ja3_string", "771,4865-4867-4866,0-65281-10-35-51-43-13-45-28,29-23-24-25-256-257-258-259-260,"},
                           {"ja4", "t13d030900_55b375c5d22e_59cd3dafc54d"},
                           {"ja4_r", "t13d030900_1301,1302,1303_000a,000d,001c,0023,002b,002d,0033,ff01_"
                                     "0403,0503,0603,0203,0804,0805,0806,0401,0501,0601,0201,0402,0502,0602,0202"},
                           {"ja4_o", "t13d030900_85902d7a8465_a919eb4ef8fa"},
                           {"ja4_ro", "t13d030900_1301,1303,1302_0000,ff01,000a,0023,0033,002b,000d,002d,001c_"
                                      "0403,0503,0603,0203,0804,0805,0806,0401,0501,0601,0201,0402,0502,0602,0202"}});
    CHECK(lines[1] == json{{"type", "server_hello"}, {"ja3s", "eb1d94daa7e0344597e756a1fb6e7054"},
                           {"ja3s_string", "771,4865,51-43"}});
}

TEST_CASE("fingerprint: --quic and --dtls set JA4's first character; together they are a usage error") {
    const std::string ch = test_support::rfc8448_message("simple_1rtt", "client_hello");
    auto r = tool({"fingerprint", "--hex", "--quic"}, ch);
    REQUIRE(r.rc == 0);
    CHECK(r.lines().at(0)["ja4"] == "q13d030900_55b375c5d22e_59cd3dafc54d");
    CHECK(r.lines().at(0)["ja4_ro"].get<std::string>().rfind("q13d030900_1301,1303,1302_", 0) == 0);
    CHECK(r.lines().at(0)["ja3"] == "da4dea34fe6d4ce5f0725df3f2682fa0");  // JA3 has no transport
    r = tool({"fingerprint", "--hex", "--dtls"}, ch);
    REQUIRE(r.rc == 0);
    CHECK(r.lines().at(0)["ja4"] == "d13d030900_55b375c5d22e_59cd3dafc54d");
    CHECK(r.lines().at(0)["ja4_o"] == "d13d030900_85902d7a8465_a919eb4ef8fa");
    r = tool({"fingerprint", "--hex", "--quic", "--dtls"}, ch);
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--quic and --dtls") != std::string::npos);
}

TEST_CASE("fingerprint --dtls: DTLS records, and a bare DTLS ClientHello in two fragments, fingerprinted whole") {
    const json cap = test_support::load_json(test_support::vectors_dir() / "dtls" / "interop" /
                                             "interop_dtls12_openssl_default.json");
    const std::string record_hex = cap["datagrams"][0]["hex"];
    REQUIRE(record_hex.substr(0, 2) == "16");
    const auto from_records = tool({"fingerprint", "--dtls", "--hex"}, record_hex);
    REQUIRE(from_records.rc == 0);
    REQUIRE(from_records.lines().size() == 1);
    const json want = from_records.lines()[0];
    CHECK(want["ja3_string"].get<std::string>().rfind("65277,", 0) == 0);  // client_version DTLS 1.2
    CHECK(want["ja4"].get<std::string>().rfind("dd2", 0) == 0);
    // The record's fragment is the whole message; cut its body in two
    // fragments (RFC 6347 §4.2.2 headers), the second sent first.
    const auto rec = unhex(record_hex);
    const std::vector<std::uint8_t> msg(rec.begin() + 13, rec.end());
    const std::size_t length = msg.size() - 12, half = length / 2;
    auto fragment = [&](std::size_t from, std::size_t to) {
        std::vector<std::uint8_t> f(msg.begin(), msg.begin() + 6);  // type, length, message_seq
        for (const std::size_t v : {from, to - from})
            for (int shift = 16; shift >= 0; shift -= 8) f.push_back(static_cast<std::uint8_t>(v >> shift));
        f.insert(f.end(), msg.begin() + 12 + static_cast<std::ptrdiff_t>(from), msg.begin() + 12 + static_cast<std::ptrdiff_t>(to));
        return test_support::hex(f);
    };
    const auto bare = tool({"fingerprint", "--dtls", "--hex"}, fragment(half, length) + fragment(0, half));
    REQUIRE(bare.rc == 0);
    REQUIRE(bare.lines().size() == 1);
    json got = bare.lines()[0];
    json expected = want;
    expected.erase("dir");  // one side's records: the DTLS decoder names the direction
    got.erase("dir");
    CHECK(got == expected);
}

TEST_CASE("fingerprint --c2s/--s2c: every capture, each hello once, in order, with its direction") {
    int connections = 0, hellos = 0;
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        const auto& conn = capture.at("connections").at(0);
        CAPTURE(file.filename().string());
        const auto c2s = unhex(conn.at("c2s").get<std::string>());
        const auto s2c = unhex(conn.at("s2c").get<std::string>());
        std::vector<json> want;
        tlswire::connection_decoder dec;
        REQUIRE(dec.decode(c2s, s2c, [&](const tlswire::connection_event& ev) {
            json j = expected(ev.handshake, tlswire::ja4_transport::tcp);
            if (j.is_null()) return;
            j["dir"] = s(to_string(ev.dir));
            want.push_back(j);
        }));
        const temp_file a("c2s.bin", c2s), b("s2c.bin", s2c);
        const auto r = tool({"fingerprint", "--c2s", a.path(), "--s2c", b.path()});
        REQUIRE(r.rc == 0);
        CHECK(r.err.empty());
        const auto lines = r.lines();
        CHECK(lines == want);
        REQUIRE(lines.size() >= 2);
        CHECK(lines[0]["dir"] == "c2s");
        CHECK(lines[0]["type"] == "client_hello");
        for (const auto& l : lines) {
            auto k = keys_of(l);
            CHECK(k.erase("dir") == 1);
            CHECK((k == client_keys || k == server_keys));
        }
        ++connections;
        hellos += static_cast<int>(lines.size());
    }
    CHECK(connections >= 30);
    CHECK(hellos >= 2 * connections);
}

TEST_CASE("fingerprint: a HelloRetryRequest flow prints both ClientHellos and the HelloRetryRequest") {
    const auto capture =
        test_support::load_json(test_support::vectors_dir() / "captures" / "tls13_hello_retry_request.json");
    const auto& conn = capture.at("connections").at(0);
    const temp_file a("c2s.bin", unhex(conn.at("c2s").get<std::string>()));
    const temp_file b("s2c.bin", unhex(conn.at("s2c").get<std::string>()));
    const auto r = tool({"fingerprint", "--c2s", a.path(), "--s2c", b.path()});
    REQUIRE(r.rc == 0);
    const auto lines = r.lines();
    std::vector<std::string> types;
    for (const auto& l : lines) types.push_back(l["dir"].get<std::string>() + " " + l["type"].get<std::string>());
    CHECK(types == std::vector<std::string>{"c2s client_hello", "s2c hello_retry_request", "c2s client_hello",
                                            "s2c server_hello"});
    CHECK(lines[0]["ja4"].get<std::string>().rfind("t13", 0) == 0);
    CHECK(lines[2]["ja4"].get<std::string>().rfind("t13", 0) == 0);
    CHECK(lines[1]["ja3s_string"].get<std::string>().rfind("771,", 0) == 0);
}

TEST_CASE("fingerprint: a ClientHello cut into many records, one side alone, is fingerprinted whole") {
    const std::string ch = test_support::rfc8448_message("simple_1rtt", "client_hello");
    const auto whole = tool({"fingerprint", "--hex"}, ch);
    REQUIRE(whole.rc == 0);
    for (const std::size_t n : {1u, 10u, 100u}) {
        CAPTURE(n);
        const temp_file f("records.bin", unhex(test_support::records_hex(ch, n)));
        const auto r = tool({"fingerprint", f.path()});
        REQUIRE(r.rc == 0);
        CHECK(r.lines() == whole.lines());
    }
    // The captured small-records client (vectors/captures/tls13_small_records.json) alone.
    const auto capture = test_support::load_json(test_support::vectors_dir() / "captures" / "tls13_small_records.json");
    const auto c2s = unhex(capture.at("connections").at(0).at("c2s").get<std::string>());
    const temp_file f("c2s.bin", c2s);
    const auto r = tool({"fingerprint", f.path()});
    REQUIRE(r.rc == 0);
    REQUIRE(r.lines().size() == 1);
    CHECK(keys_of(r.lines()[0]) == client_keys);
}

TEST_CASE("fingerprint: several files, each its own stream; no hello, no line") {
    const std::string ch = test_support::rfc8448_message("simple_1rtt", "client_hello");
    const std::string ee = test_support::rfc8448_message("simple_1rtt", "encrypted_extensions");
    const temp_file a("a.hex", ch), b("b.hex", ee), c("c.hex", ch);
    const auto r = tool({"fingerprint", "--hex", a.path(), b.path(), c.path()});
    REQUIRE(r.rc == 0);
    const auto lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == lines[1]);
    CHECK_FALSE(lines[0].contains("dir"));
}

TEST_CASE("fingerprint: errors as in decode — parse failures, unreadable files, bad hex, usage") {
    const std::string ch = test_support::rfc8448_message("simple_1rtt", "client_hello");
    const std::string sh = test_support::rfc8448_message("simple_1rtt", "server_hello");
    // A truncated ServerHello after a good ClientHello: the ClientHello's line, then the error; exit 1.
    auto r = tool({"fingerprint", "--hex"}, ch + sh.substr(0, sh.size() - 4));
    CHECK(r.rc == 1);
    auto lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["type"] == "client_hello");
    CHECK(lines[1].contains("error"));
    CHECK(lines[1]["error"]["code"] == tool({"decode", "--hex"}, ch + sh.substr(0, sh.size() - 4)).lines().back()["error"]["code"]);
    // Not hex.
    r = tool({"fingerprint", "--hex"}, "zz");
    CHECK(r.rc == 1);
    CHECK(r.lines().at(0)["error"] == json{{"code", "illegal_value"}, {"offset", 0}, {"where", "hex"}});
    // A file that cannot be read: named on stderr and in the output, the other files still read.
    const temp_file good("good.hex", ch);
    r = tool({"fingerprint", "--hex", "/nonexistent/tlswire.hex", good.path()});
    CHECK(r.rc == 1);
    lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["error"]["code"] == "unreadable_input");
    CHECK(lines[0]["error"]["file"] == "/nonexistent/tlswire.hex");
    CHECK(lines[1]["type"] == "client_hello");
    CHECK(r.err.find("tlswire fingerprint: /nonexistent/tlswire.hex: ") != std::string::npos);
    // A connection whose second side fails: the error carries its direction.
    const auto capture = test_support::load_json(test_support::vectors_dir() / "captures" / "tls12_ecdhe_rsa.json");
    const auto& conn = capture.at("connections").at(0);
    auto s2c = unhex(conn.at("s2c").get<std::string>());
    s2c[0] = 0x99;  // not a content type
    const temp_file a("c2s.bin", unhex(conn.at("c2s").get<std::string>())), b("s2c.bin", s2c);
    r = tool({"fingerprint", "--c2s", a.path(), "--s2c", b.path()});
    CHECK(r.rc == 1);
    lines = r.lines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["type"] == "client_hello");
    CHECK(lines[1]["dir"] == "s2c");
    CHECK(lines[1].contains("error"));
    // Usage errors: exit 2, nothing on stdout.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"fingerprint", "--c2s", a.path()}, {"fingerprint", "--s2c", b.path()},
          {"fingerprint", "--c2s", a.path(), "--s2c", b.path(), good.path()}, {"fingerprint", "--version", "tls13"},
          {"fingerprint", "--roundtrip"}, {"fingerprint", "--hex", "--hex"}}) {
        CAPTURE(args.back());
        r = tool(args);
        CHECK(r.rc == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("tlswire fingerprint: ") != std::string::npos);
    }
}

TEST_CASE("fingerprint robustness: mutated ClientHellos never crash; what parses is fingerprinted well-formed") {
    std::vector<std::vector<std::uint8_t>> bases;
    for (const char* name : {"chrome_ch", "openssl_ch_big", "openssl_ch12"}) {
        std::ifstream f(test_support::vectors_dir() / "bench" / (std::string(name) + ".msg.hex"));
        std::string hex((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        bases.push_back(unhex(hex));
        REQUIRE(bases.back().size() > 100);
    }
    std::mt19937 rng(20261212);  // fixed seed: failures reproduce
    std::size_t runs = 0, fingerprinted = 0;
    for (int i = 0; i < 1500; ++i) {
        auto v = bases[static_cast<std::size_t>(i) % bases.size()];
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = 4 + rng() % (v.size() - 4);  // keep the message header: mutate the body
            switch (rng() % 3) {
                case 0: v[at] = static_cast<std::uint8_t>(rng()); break;
                case 1: v[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8)); break;
                default: v[at] = static_cast<std::uint8_t>((v[at] & 0xf0) | 0x0a); break;  // toward GREASE
            }
        }
        const std::string in(v.begin(), v.end());
        const auto r = tool({"fingerprint"}, in);
        REQUIRE((r.rc == 0 || r.rc == 1));
        std::vector<json> lines;
        REQUIRE_NOTHROW(lines = r.lines());
        REQUIRE(lines.size() <= 1);
        if (r.rc == 1) {
            REQUIRE(lines.size() == 1);
            REQUIRE(lines[0].contains("error"));
        } else if (!lines.empty()) {
            REQUIRE(keys_of(lines[0]) == client_keys);
            const std::string j4 = lines[0]["ja4"];
            REQUIRE(j4.size() == 36);
            REQUIRE(j4[10] == '_');
            REQUIRE(j4[23] == '_');
            REQUIRE(lines[0]["ja3"].get<std::string>().size() == 32);
            REQUIRE(lines[0]["ja4_r"].get<std::string>().substr(0, 10) == j4.substr(0, 10));
            ++fingerprinted;
        }
        ++runs;
    }
    MESSAGE("fingerprint mutation runs: " << runs << ", fingerprinted: " << fingerprinted);
    CHECK(fingerprinted > 0);
}

}  // namespace tests_tool_fingerprint
