// tests/tool/capture_dtls_test.cpp — DTLS in pcap and pcapng FILEs for
// `decode` and `fingerprint`: captures written here from the committed DTLS
// interop datagrams (vectors/dtls/interop, real OpenSSL and GnuTLS peers),
// one UDP packet per datagram, decoded as `decode --dtls --c2s/--s2c` decodes
// the same datagrams, with the flow named, the key log from --keylog or the
// pcapng itself, errors at absolute file offsets, and each ClientHello
// fingerprinted as DTLS.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../support/command.hpp"
#include "../support/hex.hpp"
#include "../support/pcap.hpp"
#include "../support/vectors.hpp"
#include "tool_support.hpp"

namespace tests_tool_capture_dtls {

using cli_test::temp_file;
using cli_test::tool;
using nlohmann::json;
using namespace test_support::pcap;

namespace {

struct scenario {
    json cap;
    std::string name;
};

std::vector<scenario> scenarios() {
    std::vector<scenario> out;
    for (const auto& path : test_support::vector_files("dtls/interop"))
        out.push_back({test_support::load_json(path), path.filename().string()});
    return out;
}

tcp_endpoints v4(std::size_t connection) {
    tcp_endpoints e;
    e.client_port = static_cast<std::uint16_t>(40000 + connection);  // each connection its own client port
    e.server_port = 4433;
    return e;
}
tcp_endpoints v6() {
    tcp_endpoints e;
    e.client_address = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    e.server_address = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    e.client_port = 50000;  // every connection on the same pair: told apart by the ClientHello's random
    e.server_port = 5684;
    return e;
}

// frames — every datagram of the scenario, one Ethernet frame each, in order.
std::vector<bytes> frames(const json& cap, bool ipv6) {
    std::vector<bytes> out;
    for (const auto& d : cap["datagrams"]) {
        const std::size_t c = d.value("connection", 0);
        out.push_back(udp_frame(d["dir"] == "c2s", test_support::unhex(d["hex"].get<std::string>()), ipv6 ? v6() : v4(c)));
    }
    return out;
}

bytes pcap_of(const json& cap) {
    std::vector<test_support::pcap::record> recs;
    for (auto& f : frames(cap, false)) recs.push_back({0, 0, f, 0});
    return pcap_file(1, recs);
}

// A little-endian pcapng whose Decryption Secrets Block holds every
// connection's key log.
bytes pcapng_of(const json& cap) {
    std::string keylog;
    for (const auto& c : cap["connections"]) keylog += c["keylog"].get<std::string>();
    bytes f = section_header(true);
    append(f, interface_description(1, true));
    if (!keylog.empty()) append(f, decryption_secrets(0x544c534b /* TLSK */, keylog, true));
    for (const auto& fr : frames(cap, true)) append(f, enhanced_packet(0, 0, fr, true));
    return f;
}

// The lines of decode --dtls --c2s/--s2c of each connection in turn.
std::vector<json> decode_each_connection(const json& cap, const std::vector<std::string>& flags) {
    std::vector<json> out;
    for (std::size_t i = 0; i < cap["connections"].size(); ++i) {
        std::string c2s, s2c;
        for (const auto& d : cap["datagrams"])
            if (d.value("connection", 0) == static_cast<int>(i)) (d["dir"] == "c2s" ? c2s : s2c) += d["hex"].get<std::string>();
        const temp_file fc("c.hex", c2s), fs("s.hex", s2c);
        const temp_file keylog("k.txt", cap["connections"][i]["keylog"].get<std::string>());
        std::vector<std::string> args{"decode", "--dtls", "--hex", "--c2s", fc.path(), "--s2c", fs.path()};
        if (!cap["connections"][i]["keylog"].get<std::string>().empty()) {
            args.push_back("--keylog");
            args.push_back(keylog.path());
        }
        args.insert(args.end(), flags.begin(), flags.end());
        const auto r = tool(args);
        REQUIRE(r.rc == 0);
        for (const auto& l : r.lines()) out.push_back(l);
    }
    return out;
}

// messages — each direction's handshake messages (type and hex), in order,
// and the number of decrypted records: what must not depend on how the
// datagrams were read (the order between directions and the records that
// were retransmitted may).
struct summary {
    std::map<std::string, std::vector<std::string>> messages;
    std::size_t decrypted = 0;
    bool operator==(const summary&) const = default;
};
summary summarize(const std::vector<json>& lines) {
    summary s;
    for (const auto& l : lines) {
        if (l.contains("message_seq") && l.contains("body"))
            s.messages[l["dir"].get<std::string>()].push_back(l["type"].get<std::string>() + ":" + l["hex"].get<std::string>());
        if (l.value("protected", false) && l["type"] != "retransmission" && l["type"] != "duplicate_record") ++s.decrypted;
    }
    return s;
}

std::size_t count_type(const std::vector<json>& lines, const std::string& type) {
    std::size_t n = 0;
    for (const auto& l : lines) n += l.value("type", "") == type ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("capture DTLS: every interop scenario as pcap (--keylog) and pcapng (its own key log) decodes as decode --dtls") {
    const auto all = scenarios();
    REQUIRE(all.size() >= 17);
    std::size_t flows = 0;
    for (const scenario& sc : all) {
        const json& cap = sc.cap;
        CAPTURE(sc.name);
        const std::size_t connections = cap["connections"].size();
        std::string keylog_text;
        for (const auto& c : cap["connections"]) keylog_text += c["keylog"].get<std::string>();
        const summary want = summarize(decode_each_connection(cap, {}));
        REQUIRE(want.messages.at("c2s").size() >= 2 * connections);

        const temp_file pcap("d.pcap", pcap_of(cap)), keylog("d.keylog", keylog_text);
        std::vector<std::string> args{"decode", "--roundtrip", pcap.path()};
        if (!keylog_text.empty()) args.insert(args.begin() + 1, {"--keylog", keylog.path()});
        const auto got = tool(args);
        REQUIRE_MESSAGE(got.rc == 0, got.out.substr(got.out.size() > 600 ? got.out.size() - 600 : 0) << got.err);
        CHECK(got.err.empty());
        const auto lines = got.lines();
        CHECK(summarize(lines) == want);
        // Each connection is its own flow, named with its client port.
        std::vector<json> named;
        for (const auto& l : lines)
            if (named.empty() || named.back() != l["connection"]) named.push_back(l["connection"]);
        REQUIRE(named.size() == connections);
        for (std::size_t i = 0; i < connections; ++i)
            CHECK(named[i] == json{{"client", "10.0.0.1:" + std::to_string(40000 + i)}, {"server", "10.0.0.2:4433"},
                                   {"transport", "udp"}});
        flows += named.size();

        // pcapng over IPv6, every connection on one pair, keys from the file.
        const temp_file ng("d.pcapng", pcapng_of(cap));
        const auto from_ng = tool({"decode", "--roundtrip", ng.path()});
        REQUIRE(from_ng.rc == 0);
        const auto ng_lines = from_ng.lines();
        CHECK(summarize(ng_lines) == want);
        CHECK(count_type(ng_lines, "client_hello") == count_type(lines, "client_hello"));
        CHECK(ng_lines.front()["connection"] ==
              json{{"client", "[2001:db8::1]:50000"}, {"server", "[2001:db8::2]:5684"}, {"transport", "udp"}});
    }
    CHECK(flows >= 20);
}

TEST_CASE("capture DTLS: errors carry absolute file offsets, flows beside TCP connections") {
    const json cap = test_support::load_json(test_support::vectors_dir() / "dtls" / "interop" /
                                             "interop_dtls12_openssl_default.json");
    bytes first = test_support::unhex(cap["datagrams"][0]["hex"].get<std::string>());
    // The first ClientHello's cipher_suites length made odd: the record
    // header (13), the handshake header (12), version, random, session_id
    // and cookie (empty) come before it.
    const std::size_t suites_at = 13 + 12 + 2 + 32 + 1 + 1;
    first[suites_at + 1] ^= 1;
    std::vector<test_support::pcap::record> recs;
    recs.push_back({0, 0, udp_frame(true, first, v4(0)), 0});
    const bytes file = pcap_file(1, recs);
    const temp_file f("bad.pcap", file);
    const auto got = tool({"decode", f.path()});
    CHECK(got.rc == 1);
    const json last = got.lines().back();
    REQUIRE(last.contains("error"));
    // The same error from the datagram alone, shifted by where its payload is
    // in the file: the pcap header (24), the record header (16), Ethernet
    // (14), IPv4 (20), UDP (8).
    const temp_file alone("bad.hex", test_support::hex(first));
    const auto ref = tool({"decode", "--dtls", "--hex", alone.path()});
    REQUIRE(ref.rc == 1);
    const json want = ref.lines().back();
    CHECK(last["error"]["code"] == want["error"]["code"]);
    CHECK(last["error"]["offset"].get<std::size_t>() == 24 + 16 + 14 + 20 + 8 + want["error"]["offset"].get<std::size_t>());
    CHECK(last["connection"]["transport"] == "udp");
    CHECK_FALSE(last.contains("stream_offset"));

    SUBCASE("no TLS and no DTLS: said on standard error") {
        std::vector<test_support::pcap::record> dns;
        dns.push_back({0, 0, udp_frame(true, bytes{0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, v4(0)), 0});
        const temp_file d("dns.pcap", pcap_file(1, dns));
        const auto r = tool({"decode", d.path()});
        CHECK(r.rc == 0);
        CHECK(r.out.empty());
        CHECK(r.err.find("no DTLS flow") != std::string::npos);
    }
}

TEST_CASE("capture DTLS: fingerprint — JA4 with the DTLS transport, JA3 with the DTLS version, as --dtls --c2s/--s2c") {
    for (const char* file : {"interop_dtls12_openssl_default.json", "interop_dtls10_gnutls_default.json",
                             "interop_dtls12_gnutls_resumption.json"}) {
        CAPTURE(file);
        const json cap = test_support::load_json(test_support::vectors_dir() / "dtls" / "interop" / file);
        const temp_file pcap("fp.pcap", pcap_of(cap));
        const auto got = tool({"fingerprint", pcap.path()});
        REQUIRE(got.rc == 0);
        std::vector<json> want;
        for (std::size_t i = 0; i < cap["connections"].size(); ++i) {
            std::string c2s, s2c;
            for (const auto& d : cap["datagrams"])
                if (d.value("connection", 0) == static_cast<int>(i))
                    (d["dir"] == "c2s" ? c2s : s2c) += d["hex"].get<std::string>();
            const temp_file fc("fc.hex", c2s), fs("fs.hex", s2c);
            const auto r = tool({"fingerprint", "--dtls", "--hex", "--c2s", fc.path(), "--s2c", fs.path()});
            REQUIRE(r.rc == 0);
            for (const auto& l : r.lines()) want.push_back(l);
        }
        std::vector<json> lines = got.lines();
        std::size_t hellos = 0;
        for (auto& l : lines) {
            CHECK(l["connection"]["transport"] == "udp");
            l.erase("connection");
            if (l["type"] != "client_hello") continue;
            ++hellos;
            // JA3's SSLVersion is client_version in decimal: DTLS 1.2 is
            // 0xFEFD = 65277, DTLS 1.0 0xFEFF = 65279 (RFC 6347 §4.1).
            const std::string ja3 = l["ja3_string"];
            const bool dtls12 = ja3.rfind("65277,", 0) == 0, dtls10 = ja3.rfind("65279,", 0) == 0;
            CHECK((dtls12 || dtls10));
            // JA4: the transport "d", then the version: DTLS 1.2 "d2", 1.0
            // "d1" (no supported_versions in these hellos).
            const std::string ja4 = l["ja4"];
            CHECK(ja4.substr(0, 3) == (dtls12 ? "dd2" : "dd1"));
        }
        CHECK(hellos >= 2);  // the cookie exchange: two ClientHellos
        CHECK(lines == want);
    }
}

// ---- Wireshark's JA3 of DTLS (tshark), where it is installed ------------------------------

namespace {

// add_once — keep each distinct value once, in the order first seen.
void add_once(std::vector<std::string>& v, const std::string& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

// tshark_ja3 — Wireshark's dtls.handshake.ja3_full and ja3s_full, by the
// client's port, each distinct value once (Wireshark prints a retransmitted
// hello again; our decoder reports each message once).
std::map<std::string, std::vector<std::string>> tshark_ja3(const std::string& pcap) {
    const std::string cmd = "tshark -n -r '" + pcap +
                            "' -d udp.port==4433,dtls -T fields -E separator=/t -e udp.srcport -e udp.dstport "
                            "-e dtls.handshake.ja3_full -e dtls.handshake.ja3s_full 2>/dev/null";
    std::map<std::string, std::vector<std::string>> out;
    std::istringstream lines(test_support::output_of(cmd));
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
        f.resize(4);
        const std::string client_port = f[0] == "4433" ? f[1] : f[0];
        for (const std::size_t i : {std::size_t{2}, std::size_t{3}})
            if (!f[i].empty()) add_once(out[client_port], f[i]);
    }
    return out;
}

}  // namespace

TEST_CASE("capture DTLS: JA3 and JA3S agree with Wireshark's (tshark) on every interop scenario") {
    if (!test_support::have_tshark()) {
        MESSAGE("tshark is not installed: the Wireshark cross-check is skipped (Debian: apt-get install tshark)");
        return;
    }
    std::size_t compared = 0;
    for (const scenario& sc : scenarios()) {
        CAPTURE(sc.name);
        const temp_file pcap("ws.pcap", pcap_of(sc.cap));
        const auto got = tool({"fingerprint", pcap.path()});
        REQUIRE(got.rc == 0);
        std::map<std::string, std::vector<std::string>> ours;
        for (const auto& l : got.lines()) {
            const std::string client = l["connection"]["client"];
            const std::string port = client.substr(client.rfind(':') + 1);
            add_once(ours[port], l.contains("ja3_string") ? l["ja3_string"] : l["ja3s_string"]);
        }
        const auto theirs = tshark_ja3(pcap.path());
        CHECK(theirs == ours);
        compared += ours.size();
    }
    CHECK(compared >= 20);
}

}  // namespace tests_tool_capture_dtls
