// tests/tool/capture_test.cpp — pcap and pcapng FILEs for `decode` and
// `fingerprint` (tools/tlswire/capture_input.*): captures written here from
// the committed live connections of vectors/captures/*.json, decoded as
// their raw streams decode, with the connection named, the key log from
// --keylog or the pcapng itself, and errors at absolute file offsets.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/pcap.hpp"
#include "../support/vectors.hpp"
#include "capture_input.hpp"
#include "tool_support.hpp"

namespace tests_tool_capture {

using cli_test::temp_file;
using cli_test::tool;
using nlohmann::json;
using namespace test_support::pcap;

struct live {
    bytes c2s, s2c;
    std::string keylog;
};

live load(const char* name, std::size_t connection = 0) {
    const json j = test_support::load_json(test_support::vectors_dir() / "captures" / name);
    const json& c = j["connections"][connection];
    return {test_support::unhex(c["c2s"].get<std::string>()), test_support::unhex(c["s2c"].get<std::string>()),
            c["keylog"].get<std::string>()};
}

tcp_endpoints v4_endpoints() { return {}; }
tcp_endpoints v6_endpoints() {
    tcp_endpoints e;
    e.client_address = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    e.server_address = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    e.client_port = 50000;
    e.server_port = 8443;
    return e;
}

// A pcap of the given connections, one after the other.
bytes pcap_of(const std::vector<std::pair<std::vector<tcp_packet>, tcp_endpoints>>& conns) {
    std::vector<test_support::pcap::record> recs;
    for (const auto& [pkts, e] : conns)
        for (const auto& p : pkts) recs.push_back({0, 0, ethernet_frame(p, e), 0});
    return pcap_file(1, recs);
}

// The objects of a run, without their "connection", and the connections named.
std::vector<json> without_connection(const std::vector<json>& lines, std::vector<json>* named = nullptr) {
    std::vector<json> out;
    for (json l : lines) {
        if (named && (named->empty() || named->back() != l["connection"])) named->push_back(l["connection"]);
        l.erase("connection");
        out.push_back(l);
    }
    return out;
}

TEST_CASE("capture: endpoint_text writes IPv4 and RFC 5952 IPv6") {
    using tlswire::capture::endpoint;
    endpoint e{};
    e.address.version = 4;
    e.address.bytes = {192, 0, 2, 1};
    e.port = 443;
    CHECK(tlswire::cli::endpoint_text(e) == "192.0.2.1:443");
    e.address.version = 6;
    e.address.bytes = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    CHECK(tlswire::cli::endpoint_text(e) == "[2001:db8::1:0:0:1]:443");
    e.address.bytes = {};
    CHECK(tlswire::cli::endpoint_text(e) == "[::]:443");
    e.address.bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    CHECK(tlswire::cli::endpoint_text(e) == "[::1]:443");
    e.address.bytes = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    CHECK(tlswire::cli::endpoint_text(e) == "[2001:db8:0:1:1:1:1:1]:443");  // one zero group stays
}

TEST_CASE("capture: read_capture hands out each TLS connection's streams, maps and the key log") {
    const live a = load("tls13_default.json");
    bytes f = section_header(true);
    append(f, interface_description(1, true));
    append(f, decryption_secrets(tlswire::capture::tls_key_log, a.keylog, true));
    for (const auto& p : tcp_conversation(a.c2s, a.s2c, 100)) append(f, enhanced_packet(0, 0, ethernet_frame(p, v6_endpoints()), true));
    const std::string http = "GET / HTTP/1.0\r\n\r\n";
    for (const auto& p : tcp_conversation(bytes(http.begin(), http.end()), {}))
        append(f, enhanced_packet(0, 0, ethernet_frame(p, v4_endpoints()), true));
    REQUIRE(tlswire::cli::is_capture(f));
    const auto cap = tlswire::cli::read_capture(f);
    CHECK_FALSE(cap.failure());
    CHECK(cap.tcp_connections == 2);
    REQUIRE(cap.connections.size() == 1);
    const auto& c = cap.connections[0];
    CHECK(c.client == "[2001:db8::1]:50000");
    CHECK(c.server == "[2001:db8::2]:8443");
    CHECK(std::equal(c.c2s.begin(), c.c2s.end(), a.c2s.begin(), a.c2s.end()));
    CHECK(std::equal(c.s2c.begin(), c.s2c.end(), a.s2c.begin(), a.s2c.end()));
    CHECK(cap.key_log() == a.keylog);
    bool mapped = true;
    for (std::size_t i = 0; i < a.s2c.size(); ++i) mapped = mapped && f[c.file_offset(tlswire::direction::s2c, i)] == a.s2c[i];
    CHECK(mapped);
    CHECK(c.client_endpoint.port == 50000);
    CHECK(c.server_endpoint.address.version == 6);
    // A direction without bytes maps to the connection's first packet.
    const bytes hello_only = pcap_of({{tcp_conversation(a.c2s, {}), v4_endpoints()}});
    const auto one = tlswire::cli::read_capture(hello_only);
    REQUIRE(one.connections.size() == 1);
    CHECK(one.connections[0].s2c.empty());
    CHECK(one.connections[0].file_offset(tlswire::direction::s2c, 0) == 24 + 16);
}

TEST_CASE("capture: decode of a pcap is the decode of each connection's streams, the connection named") {
    const live a = load("tls12_ecdhe_rsa.json");
    const live b = load("tls13_hello_retry_request.json");
    // Connection b in tiny segments, reordered and partly sent twice.
    auto pb = tcp_conversation(b.c2s, b.s2c, 37, 0xfffffff0u, 0x7fffffffu);
    std::reverse(pb.begin() + 3, pb.end() - 2);
    pb.insert(pb.end() - 2, pb[5]);
    const temp_file file("two.pcap", pcap_of({{tcp_conversation(a.c2s, a.s2c), v4_endpoints()}, {pb, v6_endpoints()}}));
    const temp_file keylog("two.keylog", a.keylog + b.keylog);
    const temp_file a_c2s("a.c2s", a.c2s), a_s2c("a.s2c", a.s2c), b_c2s("b.c2s", b.c2s), b_s2c("b.s2c", b.s2c);
    for (const bool keys : {false, true}) {
        CAPTURE(keys);
        std::vector<std::string> extra;
        if (keys) extra = {"--keylog", keylog.path()};
        auto with = [&](std::vector<std::string> args) {
            args.insert(args.begin() + 1, extra.begin(), extra.end());
            return args;
        };
        const auto got = tool(with({"decode", "--roundtrip", file.path()}));
        REQUIRE(got.rc == 0);
        CHECK(got.err.empty());
        const auto ra = tool(with({"decode", "--roundtrip", "--c2s", a_c2s.path(), "--s2c", a_s2c.path()}));
        const auto rb = tool(with({"decode", "--roundtrip", "--c2s", b_c2s.path(), "--s2c", b_s2c.path()}));
        std::vector<json> want = ra.lines();
        const auto lb = rb.lines();
        want.insert(want.end(), lb.begin(), lb.end());
        std::vector<json> named;
        CHECK(without_connection(got.lines(), &named) == want);
        CHECK(named == std::vector<json>{{{"client", "10.0.0.1:40000"}, {"server", "10.0.0.2:443"}},
                                         {{"client", "[2001:db8::1]:50000"}, {"server", "[2001:db8::2]:8443"}}});
        std::size_t decrypted = 0;
        for (const auto& l : got.lines()) decrypted += l.value("protected", false) ? 1 : 0;
        CHECK((decrypted > 10) == keys);
    }
    // The same as hex text.
    const temp_file hexed("two.hex", test_support::hex(pcap_of({{tcp_conversation(a.c2s, a.s2c), v4_endpoints()}})));
    const auto h = tool({"decode", "--hex", hexed.path()});
    CHECK(h.rc == 0);
    CHECK(h.lines().front()["connection"]["client"] == "10.0.0.1:40000");
}

TEST_CASE("capture: a pcapng's Decryption Secrets Block decrypts without --keylog") {
    const live a = load("tls13_chacha20_poly1305.json");
    bytes f = section_header(false);  // big-endian, for a change
    append(f, interface_description(1, false));
    append(f, decryption_secrets(tlswire::capture::tls_key_log, a.keylog, false));
    for (const auto& p : tcp_conversation(a.c2s, a.s2c)) append(f, enhanced_packet(0, 0, ethernet_frame(p, v4_endpoints()), false));
    const temp_file file("dsb.pcapng", f);
    const auto got = tool({"decode", "--application-data", file.path()});
    REQUIRE(got.rc == 0);
    std::size_t decrypted = 0, encrypted = 0, data_hex = 0;
    for (const auto& l : got.lines()) {
        decrypted += l.value("protected", false) ? 1 : 0;
        encrypted += l.value("encrypted", false) ? 1 : 0;
        data_hex += l["type"] == "application_data" && l.contains("hex") ? 1 : 0;
    }
    CHECK(decrypted > 5);
    CHECK(encrypted == 0);
    CHECK(data_hex == 2);
}

TEST_CASE("capture: errors carry absolute file offsets") {
    const live a = load("tls12_ecdhe_rsa.json");
    SUBCASE("a parse error in a reassembled stream: the file offset of the bad byte") {
        bytes s2c = a.s2c;
        // The ServerHello's legacy_session_id_echo length (stream offset 43:
        // after the record and message headers, the version and the random)
        // made 33: RFC 5246 §7.4.1.3 allows at most 32.
        REQUIRE(s2c[43] == 32);
        s2c[43] = 33;
        const bytes file = pcap_of({{tcp_conversation(a.c2s, s2c, 5), v4_endpoints()}});
        const temp_file f("bad.pcap", file);
        const auto got = tool({"decode", f.path()});
        CHECK(got.rc == 1);
        const json last = got.lines().back();
        REQUIRE(last.contains("error"));
        CHECK(last["dir"] == "s2c");
        CHECK(last["connection"]["server"] == "10.0.0.2:443");
        const std::size_t stream_offset = last["stream_offset"];
        const std::size_t offset = last["error"]["offset"];
        CHECK(stream_offset == 43);
        CHECK(offset > stream_offset + 100);  // past the handshake packets' headers
        CHECK(file[offset] == s2c[stream_offset]);
        // The stream's bytes at that point are the file's.
        CHECK(std::equal(s2c.begin() + 40, s2c.begin() + 44, file.begin() + static_cast<std::ptrdiff_t>(offset - 3)));
    }
    SUBCASE("a hole: the messages before it, then where the stream stops") {
        auto pkts = tcp_conversation(a.c2s, a.s2c, 200);
        std::size_t dropped = 0;
        for (std::size_t i = 0; i < pkts.size(); ++i)
            if (!pkts[i].from_client && !pkts[i].payload.empty() && ++dropped == 3) {
                pkts.erase(pkts.begin() + static_cast<std::ptrdiff_t>(i));
                break;
            }
        const temp_file f("hole.pcap", pcap_of({{pkts, v4_endpoints()}}));
        const auto got = tool({"decode", f.path()});
        CHECK(got.rc == 1);
        bool gap = false, server_hello = false;
        for (const auto& l : got.lines()) {
            server_hello = server_hello || l.value("type", "") == "server_hello";
            if (l.contains("error") && l["error"]["where"].get<std::string>().find("gap") != std::string::npos) {
                gap = true;
                CHECK(l["dir"] == "s2c");
            }
        }
        CHECK(server_hello);
        CHECK(gap);
    }
    SUBCASE("a file cut short: its connections so far, then the file's error") {
        bytes file = pcap_of({{tcp_conversation(a.c2s, a.s2c), v4_endpoints()}});
        file.resize(file.size() - 30);
        const temp_file f("cut.pcap", file);
        const auto got = tool({"decode", f.path()});
        CHECK(got.rc == 1);
        const json last = got.lines().back();
        CHECK(last == json{{"error", {{"code", "truncated"}, {"offset", last["error"]["offset"]}, {"where", last["error"]["where"]}}}});
        CHECK(last["error"]["offset"].get<std::size_t>() < file.size());
        CHECK(got.lines().front()["type"] == "client_hello");
    }
    SUBCASE("no TLS in the capture: said on standard error") {
        const std::string get = "GET / HTTP/1.0\r\n\r\n";
        const temp_file f("http.pcap", pcap_of({{tcp_conversation(bytes(get.begin(), get.end()), {}), v4_endpoints()}}));
        const auto got = tool({"decode", f.path()});
        CHECK(got.rc == 0);
        CHECK(got.out.empty());
        CHECK(got.err.find("no TLS connection") != std::string::npos);
    }
}

TEST_CASE("capture: hostile captures never crash the tool") {
    const live a = load("tls13_default.json");
    const bytes file = pcap_of({{tcp_conversation(a.c2s, a.s2c, 300), v4_endpoints()}});
    for (std::size_t at = 0; at < file.size(); at += 41) {
        bytes bad = file;
        bad[at] = static_cast<std::uint8_t>(bad[at] + 0x81);
        const temp_file f("hostile.pcap", bad);
        const auto got = tool({"decode", f.path()});
        CHECK(got.rc <= 1);
        for (const auto& l : got.lines())
            if (l.contains("error") && l["error"].contains("offset")) CHECK(l["error"]["offset"].get<std::size_t>() <= bad.size());
    }
}

TEST_CASE("capture: fingerprint reads captures, the connection named") {
    const live a = load("tls12_ecdhe_rsa.json");
    const temp_file f("fp.pcap", pcap_of({{tcp_conversation(a.c2s, a.s2c), v6_endpoints()}}));
    const temp_file c2s("fp.c2s", a.c2s), s2c("fp.s2c", a.s2c);
    const auto got = tool({"fingerprint", f.path()});
    REQUIRE(got.rc == 0);
    const auto raw = tool({"fingerprint", "--c2s", c2s.path(), "--s2c", s2c.path()});
    std::vector<json> named;
    CHECK(without_connection(got.lines(), &named) == raw.lines());
    CHECK(named == std::vector<json>{{{"client", "[2001:db8::1]:50000"}, {"server", "[2001:db8::2]:8443"}}});
}

TEST_CASE("capture: --keylog with a one-direction stream, --version with a capture: usage errors") {
    const live a = load("tls12_ecdhe_rsa.json");
    const temp_file c2s("ud.c2s", a.c2s), keylog("ud.keylog", a.keylog);
    CHECK(tool({"decode", "--keylog", keylog.path(), c2s.path()}).rc == 2);
    const temp_file cap("ud.pcap", pcap_of({{tcp_conversation(a.c2s, a.s2c), v4_endpoints()}}));
    const auto r = tool({"decode", "--version", "tls12", cap.path()});
    CHECK(r.rc == 2);
    CHECK(r.err.find("is a capture") != std::string::npos);
}

}  // namespace tests_tool_capture
