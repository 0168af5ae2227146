// tests/tool/decode_dtls_test.cpp — `tlswire decode --dtls`: the DTLS
// interop captures (vectors/dtls/interop, real OpenSSL and GnuTLS peers)
// through --c2s/--s2c with their key logs, one side alone, bare messages,
// errors and usage.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tool_support.hpp"

namespace tests_tool_decode_dtls {

using cli_test::temp_file;
using cli_test::tool;
using nlohmann::json;
using test_support::unhex;

namespace {

// One connection of a capture: each direction's datagrams back to back, as hex.
struct streams {
    std::string c2s, s2c;
};
streams streams_of(const json& cap, std::size_t connection) {
    streams s;
    for (const auto& d : cap["datagrams"])
        if (d.value("connection", 0) == static_cast<int>(connection))
            (d["dir"] == "c2s" ? s.c2s : s.s2c) += d["hex"].get<std::string>();
    return s;
}

// msg_type — a printed message's type byte, from its "hex".
int msg_type(const json& line) { return std::stoi(line["hex"].get<std::string>().substr(0, 2), nullptr, 16); }

}  // namespace

TEST_CASE("decode --dtls --c2s/--s2c --keylog: every DTLS interop capture decodes and decrypts completely") {
    const auto files = test_support::vector_files("dtls/interop");
    REQUIRE(files.size() >= 17);
    std::size_t connections = 0, verified = 0;
    for (const auto& path : files) {
        const json cap = test_support::load_json(path);
        for (std::size_t i = 0; i < cap["connections"].size(); ++i) {
            const json& conn = cap["connections"][i];
            const json& expect = conn["expect"];
            CAPTURE(path.filename().string());
            CAPTURE(i);
            const auto s = streams_of(cap, i);
            const temp_file c2s("c2s.hex", s.c2s), s2c("s2c.hex", s.s2c);
            const std::string keylog_text = conn["keylog"].get<std::string>();
            const bool keys = !keylog_text.empty();  // GnuTLS logs no line for a resumed session
            const temp_file keylog("keylog.txt", keylog_text);
            std::vector<std::string> args{"decode", "--dtls", "--hex", "--roundtrip", "--c2s", c2s.path(), "--s2c", s2c.path()};
            if (keys) {
                args.push_back("--keylog");
                args.push_back(keylog.path());
            }
            const auto r = tool(args);
            REQUIRE_MESSAGE(r.rc == 0, r.out.substr(r.out.size() > 600 ? r.out.size() - 600 : 0) << r.err);
            std::map<std::string, std::vector<int>> plain_types;
            std::map<std::string, std::size_t> protected_handshake, application_data, encrypted, retransmitted;
            for (const auto& l : r.lines()) {
                REQUIRE(l.contains("dir"));
                REQUIRE(l.contains("epoch"));
                const std::string dir = l["dir"];
                const std::string type = l["type"];
                if (type == "encrypted" || l.contains("encrypted")) ++encrypted[dir];
                else if (type == "application_data") ++application_data[dir];
                else if (type == "retransmission" || type == "duplicate_record") {
                    ++retransmitted[dir];
                    // A resent Finished is one more protected handshake record.
                    if (type == "retransmission" && l.value("protected", false)) ++protected_handshake[dir];
                }
                else if (l.contains("hex") && l.contains("message_seq") && l.contains("body")) {
                    if (l.value("protected", false)) {
                        ++protected_handshake[dir];
                        CHECK(l["epoch"] == 1);
                        if (type == "finished") {
                            CHECK(l["finished"] == "verified");
                            ++verified;
                        }
                    } else {
                        CHECK(l["epoch"] == 0);
                        plain_types[dir].push_back(msg_type(l));
                    }
                }
            }
            for (const std::string dir : {"c2s", "s2c"}) {
                CAPTURE(dir);
                CHECK(plain_types[dir] == expect["handshake_types"][dir].get<std::vector<int>>());
                if (keys) {
                    CHECK(encrypted[dir] == 0);
                    CHECK(protected_handshake[dir] == expect["protected_handshake_records"][dir].get<std::size_t>());
                    CHECK(application_data[dir] == expect["application_data_records"][dir].get<std::size_t>());
                } else {
                    CHECK(encrypted[dir] == expect["protected_records"][dir].get<std::size_t>());
                }
            }
            if (expect["retransmissions"].get<bool>()) CHECK(retransmitted["c2s"] + retransmitted["s2c"] > 0);
            ++connections;
        }
    }
    CHECK(connections >= 20);
    CHECK(verified >= 2 * (connections - 1));
}

TEST_CASE("decode --dtls: one side's records alone, and its bare handshake messages reassembled") {
    const json cap = test_support::load_json(test_support::vectors_dir() / "dtls" / "interop" /
                                             "interop_dtls12_openssl_default.json");
    const auto s = streams_of(cap, 0);
    // The server's records: its side is told by its first message (a HelloVerifyRequest).
    const auto r = tool({"decode", "--dtls", "--hex", "--roundtrip"}, s.s2c);
    REQUIRE(r.rc == 0);
    std::vector<int> types;
    std::size_t fragments = 0;
    for (const auto& l : r.lines()) {
        CHECK(l["dir"] == "s2c");
        if (l["type"] == "fragment") {
            ++fragments;
            CHECK(l["fragment_offset"].get<std::size_t>() + l["fragment_length"].get<std::size_t>() <
                  l["length"].get<std::size_t>());
        } else if (l.contains("message_seq") && l.contains("body") && l.contains("hex")) {
            types.push_back(msg_type(l));
        }
    }
    CHECK(types == std::vector<int>{3, 2, 11, 12, 14, 4});  // Finished and later are encrypted
    CHECK(fragments == 3);                                   // Certificate in 3 pieces, ServerKeyExchange in 2

    // The same plaintext handshake fragments without their record headers:
    // bare DTLS handshake messages, reassembled, the context learnt from the ServerHello.
    const auto bytes = unhex(s.s2c);
    std::string bare;
    std::size_t last_fragment_at = 0;  // where the last fragment's header starts in `bare`
    for (std::size_t at = 0; at + 13 <= bytes.size();) {
        const std::size_t n = std::size_t{bytes[at + 11]} << 8 | bytes[at + 12];
        if (bytes[at] == 22 && bytes[at + 3] == 0 && bytes[at + 4] == 0) {
            last_fragment_at = bare.size() / 2;
            bare += test_support::hex(tlswire::bytes_view(bytes.data() + at + 13, n));
        }
        at += 13 + n;
    }
    const auto b = tool({"decode", "--dtls", "--hex", "--roundtrip"}, bare);
    REQUIRE(b.rc == 0);
    std::vector<int> bare_types;
    for (const auto& l : b.lines()) {
        CHECK_FALSE(l.contains("dir"));
        CHECK_FALSE(l.contains("epoch"));
        bare_types.push_back(msg_type(l));
    }
    CHECK(bare_types == std::vector<int>{3, 2, 11, 12, 14, 4});
    // Cut: the last message's fragment runs past the input's end.
    const auto cut = tool({"decode", "--dtls", "--hex"}, bare.substr(0, bare.size() - 40));
    CHECK(cut.rc == 1);
    const auto last = cut.lines().back();
    // Reported at the last fragment's fragment_length (header offset 9), which promises more.
    CHECK(last["error"] == json{{"code", "truncated"}, {"offset", last_fragment_at + 9}, {"where", "fragment"}});
}

TEST_CASE("decode --dtls: a record cut short is an error at its absolute offset in its direction's stream") {
    const json cap = test_support::load_json(test_support::vectors_dir() / "dtls" / "interop" /
                                             "interop_dtls12_openssl_default.json");
    const auto s = streams_of(cap, 0);
    const auto c2s_bytes = unhex(s.c2s);
    // The client's first record whole, then the first 20 bytes of its second.
    const std::size_t first = 13 + (std::size_t{c2s_bytes[11]} << 8 | c2s_bytes[12]);
    const temp_file c2s("c2s.hex", s.c2s.substr(0, 2 * (first + 20)));
    const temp_file s2c("s2c.hex", s.s2c);
    const auto r = tool({"decode", "--dtls", "--hex", "--c2s", c2s.path(), "--s2c", s2c.path()});
    CHECK(r.rc == 1);
    const auto lines = r.lines();
    REQUIRE(!lines.empty());
    const auto& e = lines.back();
    CHECK(e["dir"] == "c2s");
    CHECK(e["error"]["code"] == "truncated");
    // The record's length field (its bytes 11-12) says more than is left.
    CHECK(e["error"]["offset"] == first + 11);
}

TEST_CASE("decode --dtls: usage") {
    CHECK(tool({"decode", "--dtls", "--version", "tls12"}, "").rc == 2);
    CHECK(tool({"decode", "--version", "dtls12"}, "").rc == 2);
    const auto help = tool({"decode", "--help"});
    CHECK(help.rc == 0);
    CHECK(help.out.find("--dtls") != std::string::npos);
    CHECK(help.out.find("fragment_offset") != std::string::npos);
}

}  // namespace tests_tool_decode_dtls
