// tests/capture/udp_flows_test.cpp — the DTLS flows of a capture
// (capture/udp_flows.hpp): DTLS told by content, roles, a new association on
// the same pair, what is skipped, limits, and reassemble() over a pcap that
// mixes TCP and UDP with every datagram's file offset right.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "../dtls/dtls_support.hpp"
#include "../support/pcap.hpp"
#include "tlswire/capture/connections.hpp"

namespace tests_capture_udp_flows {

using namespace tlswire;
using namespace test_support::pcap;

namespace {

// dtls_record(type, epoch, fragment) — a DTLS 1.2 record (RFC 6347 §4.1).
bytes dtls_record(std::uint8_t type, std::uint16_t epoch, const bytes& fragment) {
    return test_support::dtls::record(type, 0xfefd, epoch, 0, fragment);
}

// hello(msg_type, random) — a one-fragment handshake message whose body
// starts with a version and a 32-byte random (a ClientHello's start).
bytes hello(std::uint8_t msg_type, std::uint8_t random) {
    bytes body{0xfe, 0xfd};
    body.insert(body.end(), 32, random);
    body.insert(body.end(), {0, 0});  // session_id, cookie: empty
    const auto length = static_cast<std::uint32_t>(body.size());
    return dtls_record(22, 0, test_support::dtls::fragment(msg_type, length, 0, 0, body));
}

capture::udp_datagram datagram(const capture::endpoint& from, const capture::endpoint& to, const bytes& payload) {
    capture::udp_datagram d;
    d.source = from;
    d.destination = to;
    d.payload = payload;
    d.payload_offset = 42;
    return d;
}

capture::endpoint ep(std::uint8_t last, std::uint16_t port) {
    capture::endpoint e;
    e.address.version = 4;
    e.address.bytes[0] = 10;
    e.address.bytes[3] = last;
    e.port = port;
    return e;
}

bool same(bytes_view a, const bytes& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

}  // namespace

TEST_CASE("udp flows: DTLS by content, roles from the hellos, what is not DTLS skipped") {
    const auto a = ep(1, 40000), b = ep(2, 4433), c = ep(3, 5000);
    capture::udp_flows flows;
    const bytes stun{0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    const bytes hvr = hello(3, 0);  // a HelloVerifyRequest-shaped message, from the server
    const bytes ch = hello(1, 7);
    const bytes ciphertext{0x2c, 0x00, 0x01, 0xaa, 0xbb};  // DTLS 1.3 unified header: C, S, L clear
    CHECK_FALSE(flows.add(datagram(b, a, ciphertext), 0));  // no flow yet: not DTLS by itself
    CHECK_FALSE(flows.add(datagram(a, b, stun), 0));        // STUN (RFC 7983: first byte 0..3)
    REQUIRE(flows.flows().empty());
    CHECK_FALSE(flows.add(datagram(b, a, hvr), 100));  // the capture begins at the server's answer
    CHECK_FALSE(flows.add(datagram(a, b, ch), 200));
    CHECK_FALSE(flows.add(datagram(a, b, stun), 300));
    CHECK_FALSE(flows.add(datagram(b, a, ciphertext), 400));
    // A record whose length runs past the datagram is not DTLS.
    bytes cut = hello(1, 9);
    cut.pop_back();
    CHECK_FALSE(flows.add(datagram(c, b, cut), 500));
    // Another pair, whose client is its first sender (no hello to tell).
    const bytes app = dtls_record(23, 1, bytes(24, 0x55));
    CHECK_FALSE(flows.add(datagram(c, b, app), 600));
    REQUIRE(flows.flows().size() == 2);
    const capture::udp_flow& f = flows.flows()[0];
    CHECK(f.client() == a);
    CHECK(f.server() == b);
    CHECK(f.roles_from_hello());
    REQUIRE(f.size() == 3);
    CHECK_FALSE(f.from_client(0));
    CHECK(f.from_client(1));
    CHECK_FALSE(f.from_client(2));
    CHECK(same(f.payload(0), hvr));
    CHECK(same(f.payload(1), ch));
    CHECK(same(f.payload(2), ciphertext));
    CHECK(f.file_offset(0) == 142);
    CHECK(f.file_offset(2) == 442);
    CHECK(f.first_offset() == 142);
    CHECK(f.skipped() == 1);
    CHECK(f.bytes() == hvr.size() + ch.size() + ciphertext.size());
    const capture::udp_flow& g = flows.flows()[1];
    CHECK(g.client() == c);
    CHECK_FALSE(g.roles_from_hello());
    CHECK(g.size() == 1);
}

TEST_CASE("udp flows: a ClientHello with another random on the same pair is a new association") {
    const auto a = ep(1, 40000), b = ep(2, 4433);
    capture::udp_flows flows;
    const bytes ch1 = hello(1, 1), ch2 = hello(1, 2), sh = hello(2, 9);
    CHECK_FALSE(flows.add(datagram(a, b, ch1), 0));
    CHECK_FALSE(flows.add(datagram(b, a, hello(3, 0)), 0));
    CHECK_FALSE(flows.add(datagram(a, b, ch1), 0));  // after a HelloVerifyRequest: the same random
    CHECK_FALSE(flows.add(datagram(b, a, sh), 0));
    CHECK_FALSE(flows.add(datagram(a, b, ch2), 1000));  // a new association (resumption, say)
    CHECK_FALSE(flows.add(datagram(b, a, sh), 1100));
    REQUIRE(flows.flows().size() == 2);
    CHECK(flows.flows()[0].size() == 4);
    CHECK(flows.flows()[1].size() == 2);
    CHECK(flows.flows()[1].first_offset() == 1042);
    CHECK(flows.flows()[1].client() == a);
    CHECK(flows.flows()[1].from_client(0));
    // A ClientHello's later fragment carries no random: it does not split.
    bytes later = hello(1, 3);
    later[13 + 8] = 1;  // fragment_offset 1
    CHECK_FALSE(flows.add(datagram(a, b, later), 2000));
    CHECK(flows.flows().size() == 2);
}

TEST_CASE("udp flows: limits") {
    const auto a = ep(1, 40000), b = ep(2, 4433);
    const bytes ch = hello(1, 1);
    capture::reassembly_limits l;
    l.max_connections = 1;
    capture::udp_flows one(l);
    CHECK_FALSE(one.add(datagram(a, b, ch), 0));
    const error e = one.add(datagram(ep(3, 1), b, ch), 500);
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.offset == 542);
    CHECK(one.failure() == e);
    CHECK(one.add(datagram(a, b, ch), 600) == e);  // the capture's failure is sticky
    l = {};
    l.max_stream_bytes = 2 * ch.size();
    capture::udp_flows per_flow(l);
    for (int i = 0; i < 3; ++i) CHECK_FALSE(per_flow.add(datagram(a, b, ch), 100 * static_cast<std::size_t>(i)));
    REQUIRE(per_flow.flows().size() == 1);
    CHECK(per_flow.flows()[0].size() == 2);
    CHECK(per_flow.flows()[0].failure().code == errc::length_out_of_range);
    CHECK(per_flow.flows()[0].failure().offset == 242);
    l = {};
    l.max_total_stream_bytes = ch.size();
    capture::udp_flows total(l);
    CHECK_FALSE(total.add(datagram(a, b, ch), 0));
    CHECK(total.add(datagram(ep(3, 1), b, ch), 0).code == errc::length_out_of_range);
}

TEST_CASE("udp flows: reassemble() over a pcap of TCP and UDP, offsets the file's") {
    tcp_endpoints v4;
    tcp_endpoints v6;
    v6.client_address = bytes(16, 0);
    v6.client_address[15] = 1;
    v6.server_address = bytes(16, 0);
    v6.server_address[15] = 2;
    v6.server_port = 4433;
    const bytes ch = hello(1, 5), sh = hello(2, 6);
    const bytes tls_ch{0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00};
    std::vector<test_support::pcap::record> recs;
    for (const auto& p : tcp_conversation(tls_ch, {})) recs.push_back({0, 0, ethernet_frame(p, v4), 0});
    recs.push_back({0, 0, udp_frame(true, ch, v6), 0});
    recs.push_back({0, 0, udp_frame(true, bytes{1, 2, 3}, v4), 0});  // UDP, not DTLS: no flow
    recs.push_back({0, 0, udp_frame(false, sh, v6), 0});
    const bytes file = pcap_file(1, recs);
    const auto got = capture::reassemble(file);
    REQUIRE_FALSE(got.file_error);
    CHECK(got.tcp.connections().size() == 1);
    REQUIRE(got.udp.flows().size() == 1);
    const capture::udp_flow& f = got.udp.flows()[0];
    REQUIRE(f.size() == 2);
    for (std::size_t i = 0; i < f.size(); ++i) {
        const bytes_view in_file = bytes_view(file).subspan(f.file_offset(i), f.payload(i).size());
        CHECK(std::equal(in_file.begin(), in_file.end(), f.payload(i).begin(), f.payload(i).end()));
    }
    CHECK(same(f.payload(1), sh));
    CHECK(f.server().port == 4433);
    CHECK(f.client().address.version == 6);
}

}  // namespace tests_capture_udp_flows
