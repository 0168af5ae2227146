// tests/capture/connections_test.cpp — the connections of a capture
// (capture/connections.hpp): roles, reuse, TLS by content, limits, and
// reassemble() over pcap and pcapng files built from the committed streams
// of vectors/captures/*.json — in order and in hostile variants (reordered,
// duplicated, overlapping, truncated, bogus lengths).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "../support/pcap.hpp"
#include "../support/vectors.hpp"
#include "tlswire/capture/connections.hpp"

namespace tests_capture_connections {

using namespace tlswire;
using namespace test_support::pcap;

constexpr std::uint8_t syn = 0x02, rst = 0x04, ack = 0x10;

bool same(bytes_view a, const bytes& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

bytes from_hex(const std::string& h) {
    bytes b;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) b.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
    return b;
}

const bytes client_hello_record{0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00};
const bytes server_hello_record{0x16, 0x03, 0x03, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00};

bytes pcap_of(const std::vector<tcp_packet>& pkts, const tcp_endpoints& e) {
    std::vector<test_support::pcap::record> recs;
    for (const auto& p : pkts) recs.push_back({0, 0, ethernet_frame(p, e), 0});
    return pcap_file(1, recs);
}

TEST_CASE("connections: roles from the SYN, several connections, IPv4 and IPv6, ports ignored") {
    tcp_endpoints v4;
    tcp_endpoints v6;
    v6.client_address = bytes(16, 0);
    v6.client_address[15] = 1;
    v6.server_address = bytes(16, 0);
    v6.server_address[15] = 2;
    v6.server_port = 8443;  // not 443: TLS is found by content
    std::vector<test_support::pcap::record> recs;
    const auto a = tcp_conversation(client_hello_record, server_hello_record);
    const auto b = tcp_conversation(client_hello_record, server_hello_record, 3, 0xfffffff0u, 7);
    // Interleave the two connections' packets.
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
        if (i < a.size()) recs.push_back({0, 0, ethernet_frame(a[i], v4), 0});
        if (i < b.size()) recs.push_back({0, 0, ethernet_frame(b[i], v6), 0});
    }
    const bytes file = pcap_file(1, recs);
    const auto got = capture::reassemble(file);
    REQUIRE_FALSE(got.file_error);
    REQUIRE(got.tcp.connections().size() == 2);
    for (const auto& c : got.tcp.connections()) {
        CHECK(c.tls());
        CHECK(c.roles_from_syn());
        CHECK(same(c.c2s().data(), client_hello_record));
        CHECK(same(c.s2c().data(), server_hello_record));
        CHECK_FALSE(c.c2s().failure());
        CHECK(c.over());
        // The first c2s byte is in the file where the chunk map says.
        CHECK(file[c.c2s().file_offset(0)] == 0x16);
    }
    CHECK(got.tcp.connections()[0].client().address.version == 4);
    CHECK(got.tcp.connections()[1].client().address.version == 6);
    CHECK(got.tcp.connections()[1].server().port == 8443);
}

TEST_CASE("connections: without the handshake, the ClientHello's sender is the client") {
    tcp_endpoints e;
    auto pkts = tcp_conversation(client_hello_record, server_hello_record);
    pkts.erase(pkts.begin(), pkts.begin() + 3);  // no SYN, SYN-ACK, ACK
    std::swap(pkts[0], pkts[1]);                 // the server's bytes captured first
    const auto got = capture::reassemble(pcap_of(pkts, e));
    REQUIRE(got.tcp.connections().size() == 1);
    const auto& c = got.tcp.connections()[0];
    CHECK_FALSE(c.roles_from_syn());
    CHECK(c.client().port == 40000);
    CHECK(same(c.c2s().data(), client_hello_record));
}

TEST_CASE("connections: a 4-tuple reused after FIN or RST is a new connection") {
    tcp_endpoints e;
    auto first = tcp_conversation(client_hello_record, server_hello_record, 1460, 100, 200);
    auto second = tcp_conversation(client_hello_record, server_hello_record, 1460, 100000, 200000);
    SUBCASE("after FIN") {}
    SUBCASE("after RST") {
        first.pop_back();
        first.back() = {true, first.back().seq, rst, {}};
    }
    std::vector<tcp_packet> all = first;
    all.insert(all.end(), second.begin(), second.end());
    const auto got = capture::reassemble(pcap_of(all, e));
    REQUIRE(got.tcp.connections().size() == 2);
    for (const auto& c : got.tcp.connections()) CHECK(same(c.c2s().data(), client_hello_record));
}

TEST_CASE("connections: a SYN with another ISN starts a new connection even without a FIN") {
    tcp_endpoints e;
    auto first = tcp_conversation(client_hello_record, server_hello_record, 1460, 100, 200);
    first.resize(first.size() - 2);
    auto second = tcp_conversation(client_hello_record, server_hello_record, 1460, 900, 200);
    first.insert(first.end(), second.begin(), second.end());
    CHECK(capture::reassemble(pcap_of(first, e)).tcp.connections().size() == 2);
}

TEST_CASE("connections: a non-TLS connection is followed but its bytes are not kept") {
    tcp_endpoints e;
    const std::string get = "GET / HTTP/1.1\r\n\r\n", ok = "HTTP/1.1 200 OK\r\n\r\n";
    const auto got = capture::reassemble(pcap_of(tcp_conversation(bytes(get.begin(), get.end()),
                                                                  bytes(ok.begin(), ok.end())), e));
    REQUIRE(got.tcp.connections().size() == 1);
    const auto& c = got.tcp.connections()[0];
    CHECK_FALSE(c.tls());
    CHECK(c.c2s().data().empty());
    CHECK(c.c2s().delivered() == get.size());
}

TEST_CASE("connections: the number of connections is bounded") {
    capture::reassembly_limits l;
    l.max_connections = 3;
    std::vector<test_support::pcap::record> recs;
    for (std::uint16_t port = 1; port <= 5; ++port) {
        tcp_endpoints e;
        e.client_port = port;
        recs.push_back({0, 0, ethernet_frame({true, 1, syn, {}}, e), 0});
    }
    const auto got = capture::reassemble(pcap_file(1, recs), l);
    CHECK(got.tcp.connections().size() == 3);
    CHECK(got.tcp.failure().code == errc::length_out_of_range);
}

TEST_CASE("connections: the total of out-of-order bytes is bounded over all connections") {
    capture::reassembly_limits l;
    l.max_total_out_of_order_bytes = 2500;
    std::vector<test_support::pcap::record> recs;
    for (std::uint16_t port = 1; port <= 3; ++port) {
        tcp_endpoints e;
        e.client_port = port;
        recs.push_back({0, 0, ethernet_frame({true, 1, syn, {}}, e), 0});
        recs.push_back({0, 0, ethernet_frame({true, 500, ack, bytes(1000, 0x16)}, e), 0});  // after a hole
    }
    const auto got = capture::reassemble(pcap_file(1, recs), l);
    REQUIRE(got.tcp.connections().size() == 3);
    CHECK_FALSE(got.tcp.connections()[1].c2s().failure().code == errc::length_out_of_range);
    CHECK(got.tcp.connections()[2].c2s().failure().code == errc::length_out_of_range);
}

TEST_CASE("connections: pcapng with Decryption Secrets Blocks hands out the key log") {
    tcp_endpoints e;
    bytes f = section_header(true);
    append(f, interface_description(1, true));
    append(f, decryption_secrets(capture::tls_key_log, "CLIENT_RANDOM aa bb", true));
    for (const auto& p : tcp_conversation(client_hello_record, server_hello_record))
        append(f, enhanced_packet(0, 0, ethernet_frame(p, e), true));
    append(f, decryption_secrets(capture::tls_key_log, "CLIENT_RANDOM cc dd\n", true));
    const auto got = capture::reassemble(f);
    CHECK(got.key_log == "CLIENT_RANDOM aa bb\nCLIENT_RANDOM cc dd\n");
    REQUIRE(got.tcp.connections().size() == 1);
    CHECK(same(got.tcp.connections()[0].s2c().data(), server_hello_record));
}

// ---- the committed live captures, put in capture files, made hostile ----

struct streams {
    std::string name;
    bytes c2s, s2c;
};

std::vector<streams> committed() {
    std::vector<streams> out;
    for (const auto& p : test_support::vector_files("captures")) {
        const auto j = test_support::load_json(p);
        for (const auto& c : j["connections"])
            out.push_back({p.filename().string(), from_hex(c["c2s"].get<std::string>()), from_hex(c["s2c"].get<std::string>())});
    }
    return out;
}

TEST_CASE("connections: every committed capture, in order, reordered, duplicated and overlapping, rebuilds exactly") {
    const auto all = committed();
    REQUIRE(all.size() >= 10);
    tcp_endpoints e;
    e.client_address = bytes(16, 0x20);
    e.server_address = bytes(16, 0x21);
    for (std::size_t k = 0; k < all.size(); ++k) {
        const auto& s = all[k];
        CAPTURE(s.name);
        std::mt19937 g(static_cast<std::uint32_t>(k));
        auto pkts = tcp_conversation(s.c2s, s.s2c, 1 + g() % 700, static_cast<std::uint32_t>(g()),
                                     static_cast<std::uint32_t>(g()));
        // Hostile but complete: overlapping resends (half a segment forward),
        // duplicates, and everything after the handshake shuffled.
        std::vector<tcp_packet> extra;
        for (const auto& p : pkts) {
            if (p.payload.size() > 2 && g() % 3 == 0) {
                tcp_packet o = p;
                const std::size_t half = p.payload.size() / 2;
                o.seq += static_cast<std::uint32_t>(half);
                o.payload.erase(o.payload.begin(), o.payload.begin() + static_cast<std::ptrdiff_t>(half));
                extra.push_back(o);
            }
            if (g() % 4 == 0) extra.push_back(p);
        }
        pkts.insert(pkts.end(), extra.begin(), extra.end());
        std::shuffle(pkts.begin() + 3, pkts.end(), g);
        const bytes file = pcap_of(pkts, e);
        const auto got = capture::reassemble(file);
        REQUIRE(got.tcp.connections().size() == 1);
        const auto& c = got.tcp.connections()[0];
        CHECK(c.tls());
        CHECK(c.client().port == 40000);
        CHECK_FALSE(c.c2s().failure());
        CHECK_FALSE(c.s2c().failure());
        CHECK(same(c.c2s().data(), s.c2s));
        CHECK(same(c.s2c().data(), s.s2c));
        CHECK(c.c2s().conflicts() == 0);
        bool mapped = true;
        for (std::size_t i = 0; i < s.s2c.size(); ++i) mapped = mapped && file[c.s2c().file_offset(i)] == s.s2c[i];
        CHECK(mapped);
    }
}

TEST_CASE("connections: truncated files and bogus lengths never crash and name what stopped them") {
    const auto all = committed();
    tcp_endpoints e;
    const auto& s = all.front();
    const bytes file = pcap_of(tcp_conversation(s.c2s, s.s2c, 200), e);
    SUBCASE("every prefix") {
        std::vector<std::size_t> ends{24};  // where a pcap record ends
        while (ends.back() + 16 <= file.size())
            ends.push_back(ends.back() + 16 + (file[ends.back() + 8] | (file[ends.back() + 9] << 8)));
        for (std::size_t n = 0; n < file.size(); n += 7) {
            const auto got = capture::reassemble(bytes_view(file).first(n));
            for (const auto& c : got.tcp.connections()) {
                // What was rebuilt is a prefix of the real stream.
                CHECK(std::equal(c.c2s().data().begin(), c.c2s().data().end(), s.c2s.begin()));
                CHECK(std::equal(c.s2c().data().begin(), c.s2c().data().end(), s.s2c.begin()));
            }
            if (std::find(ends.begin(), ends.end(), n) == ends.end()) CHECK(got.file_error.code != errc::ok);
        }
    }
    SUBCASE("a record length too large, and IP and TCP lengths bogus") {
        for (std::size_t at = 24; at < file.size(); at += 3) {
            bytes bad = file;
            bad[at] = static_cast<std::uint8_t>(bad[at] ^ 0xa5);
            const auto got = capture::reassemble(bad);
            CHECK(got.file_error.offset <= bad.size());
            for (const auto& p : got.packet_problems) CHECK(p.offset <= bad.size());
            for (const auto& c : got.tcp.connections()) {
                for (const capture::tcp_stream* f : {&c.c2s(), &c.s2c()})
                    for (const auto& ch : f->chunks()) CHECK(ch.file_offset < bad.size());
            }
        }
    }
    SUBCASE("a packet cut by the snapshot length is a hole in its direction") {
        std::vector<test_support::pcap::record> recs;
        const auto pkts = tcp_conversation(s.c2s, s.s2c, 200);
        for (std::size_t i = 0; i < pkts.size(); ++i) {
            test_support::pcap::record r{0, 0, ethernet_frame(pkts[i], e), 0};
            if (i == 4) {  // the client's second data segment
                r.original_length = static_cast<std::uint32_t>(r.data.size());
                r.data.resize(60);
            }
            recs.push_back(r);
        }
        const auto got = capture::reassemble(pcap_file(1, recs));
        CHECK(got.packet_problem_count == 1);
        REQUIRE(got.tcp.connections().size() == 1);
        const auto& c = got.tcp.connections()[0];
        CHECK(c.c2s().failure().code == errc::truncated);
        CHECK(c.c2s().data().size() == 200);
        CHECK(same(c.s2c().data(), s.s2c));
    }
}

}  // namespace tests_capture_connections
