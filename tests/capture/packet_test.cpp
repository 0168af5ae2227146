// tests/capture/packet_test.cpp — link layers, IPv4/IPv6, TCP and UDP (capture/packet.hpp).
#include <doctest/doctest.h>

#include <tuple>
#include <vector>

#include "../support/pcap.hpp"
#include "tlswire/capture/packet.hpp"

namespace tests_capture_packet {

using namespace tlswire;
using namespace test_support::pcap;
using capture::link_type;
using kind = capture::segment_result::kind;

namespace {

const bytes v4a{127, 0, 0, 1}, v4b{10, 1, 2, 3};
const bytes v6a{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
const bytes v6b{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
const bytes hello{0x16, 0x03, 0x01, 0x00, 0x02, 0x01, 0x00};

capture::segment_result of(link_type l, const bytes& d) { return capture::tcp_segment_of(l, d); }

void check_segment(const capture::segment_result& r, const bytes& packet, std::uint8_t version) {
    REQUIRE(r.what == kind::tcp);
    CHECK(r.segment.source.port == 51000);
    CHECK(r.segment.destination.port == 443);
    CHECK(r.segment.sequence_number == 0x01020304u);
    CHECK(r.segment.flags == (capture::tcp_flag::psh | capture::tcp_flag::ack));
    CHECK(r.segment.source.address.version == version);
    CHECK(bytes(r.segment.payload.begin(), r.segment.payload.end()) == hello);
    CHECK(packet[r.segment.payload_offset] == 0x16);
}

const std::uint8_t psh_ack = capture::tcp_flag::psh | capture::tcp_flag::ack;

}  // namespace

TEST_CASE("capture packets: TCP over IPv4 and IPv6 on every link layer") {
    const bytes seg = tcp(51000, 443, 0x01020304, psh_ack, hello);
    const bytes ip4 = ipv4(v4a, v4b, 6, seg);
    const bytes ip6 = ipv6(v6a, v6b, 6, seg);
    for (const auto& [ip, version, ethertype] :
         {std::tuple{ip4, std::uint8_t{4}, std::uint16_t{0x0800}}, std::tuple{ip6, std::uint8_t{6}, std::uint16_t{0x86dd}}}) {
        bytes d = ethernet(ethertype, ip);
        check_segment(of(link_type::ethernet, d), d, version);
        d = ethernet(ethertype, ip, {0x8100});
        check_segment(of(link_type::ethernet, d), d, version);
        d = ethernet(ethertype, ip, {0x88a8, 0x8100});  // QinQ
        check_segment(of(link_type::ethernet, d), d, version);
        bytes sll{0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0};
        put(sll, ethertype, 2, false);
        append(sll, ip);
        check_segment(of(link_type::linux_sll, sll), sll, version);
        bytes sll2;
        put(sll2, ethertype, 2, false);
        append(sll2, bytes{0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0});
        append(sll2, ip);
        check_segment(of(link_type::linux_sll2, sll2), sll2, version);
        for (const bytes& family : {bytes{2, 0, 0, 0}, bytes{0, 0, 0, 30}, bytes{24, 0, 0, 0}}) {
            bytes lo = family;
            append(lo, ip);
            check_segment(of(link_type::null, lo), lo, version);
            check_segment(of(link_type::loop, lo), lo, version);
        }
        check_segment(of(link_type::raw, ip), ip, version);
    }
    check_segment(of(link_type::ipv4, ip4), ip4, 4);
    check_segment(of(link_type::ipv6, ip6), ip6, 6);
    const auto r = of(link_type::ipv4, ip4);
    CHECK(r.segment.source.address.bytes[0] == 127);
    CHECK(r.segment.destination.address.bytes[3] == 3);
    const auto r6 = of(link_type::ipv6, ip6);
    CHECK(r6.segment.destination.address.bytes[15] == 2);
    CHECK(!(r6.segment.source == r6.segment.destination));
}

TEST_CASE("capture packets: TCP options, Ethernet padding, IPv6 extension headers") {
    // 12 bytes of TCP options (data offset 8): the payload starts after them.
    const bytes seg = tcp(51000, 443, 0x01020304, psh_ack, hello, bytes{1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2});
    bytes d = ethernet(0x0800, ipv4(v4a, v4b, 6, seg));
    d.insert(d.end(), 6, 0);  // padding after the datagram is not payload
    check_segment(of(link_type::ethernet, d), d, 4);
    // Hop-by-hop (8 bytes) then destination options (16 bytes) before TCP.
    bytes ext{60, 0, 1, 4, 0, 0, 0, 0};
    append(ext, bytes{6, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    append(ext, tcp(51000, 443, 0x01020304, psh_ack, hello));
    const bytes ip6 = ipv6(v6a, v6b, 0, ext);
    check_segment(of(link_type::raw, ip6), ip6, 6);
}

TEST_CASE("capture packets: what is not TCP is skipped, what is broken says where") {
    const bytes seg = tcp(51000, 443, 1, psh_ack, hello);
    CHECK(of(link_type::ipv4, ipv4(v4a, v4b, 17, udp(1, 2, hello))).what == kind::not_tcp);  // UDP
    CHECK(of(link_type::ipv6, ipv6(v6a, v6b, 59, {})).what == kind::not_tcp);  // no next header
    CHECK(of(link_type::ethernet, ethernet(0x0806, bytes(28, 0))).what == kind::not_tcp);  // ARP
    // Fragments are named, not guessed.
    auto r = of(link_type::ipv4, ipv4(v4a, v4b, 6, seg, 0x2000));  // MF
    CHECK(r.what == kind::error);
    CHECK(r.error.code == errc::unsupported);
    CHECK(r.error.offset == 6);
    r = of(link_type::ipv6, ipv6(v6a, v6b, 44, bytes(8, 0)));
    CHECK(r.error.code == errc::unsupported);
    CHECK(r.error.offset == 40);
    // Cut by the snapshot length: the datagram is longer than the capture.
    bytes cut = ipv4(v4a, v4b, 6, seg);
    cut.resize(cut.size() - 1);
    r = of(link_type::ipv4, cut);
    CHECK(r.error.code == errc::truncated);
    CHECK(r.error.offset == 2);
    // A TCP data offset below 5 words or past the segment.
    bytes bad = ipv4(v4a, v4b, 6, seg);
    bad[20 + 12] = 0x40;
    r = of(link_type::ipv4, bad);
    CHECK(r.error.code == errc::illegal_value);
    CHECK(r.error.offset == 32);
    bad[20 + 12] = 0xf0;
    CHECK(of(link_type::ipv4, bad).error.code == errc::truncated);
    // Bad IP version, short headers on every link type.
    CHECK(of(link_type::raw, bytes{0x50, 0, 0, 0}).error.code == errc::illegal_value);
    for (const link_type l : {link_type::ethernet, link_type::linux_sll, link_type::linux_sll2, link_type::null,
                              link_type::raw, link_type::ipv4, link_type::ipv6})
        CHECK(of(l, bytes{}).what == kind::error);
    CHECK(of(static_cast<link_type>(147), seg).error.code == errc::unsupported);
    // Every prefix of a good packet: never a read outside it.
    const bytes whole = ethernet(0x86dd, ipv6(v6a, v6b, 6, seg), {0x8100});
    for (std::size_t n = 0; n < whole.size(); ++n) {
        const bytes prefix(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
        CHECK(of(link_type::ethernet, prefix).what == kind::error);
    }
}

TEST_CASE("capture packets: UDP over IPv4 and IPv6 (transport_of), RFC 768 lengths checked") {
    const bytes payload{0x16, 0xfe, 0xfd, 0, 0};
    for (const bool v6 : {false, true}) {
        CAPTURE(v6);
        const bytes dgram = udp(40000, 4433, payload);
        bytes d = v6 ? ethernet(0x86dd, ipv6(v6a, v6b, 17, dgram)) : ethernet(0x0800, ipv4(v4a, v4b, 17, dgram));
        d.insert(d.end(), {0, 0, 0});  // Ethernet padding: not the datagram's
        const auto r = capture::transport_of(link_type::ethernet, d);
        REQUIRE(r.what == kind::udp);
        CHECK(r.datagram.source.port == 40000);
        CHECK(r.datagram.destination.port == 4433);
        CHECK(r.datagram.source.address.version == (v6 ? 6 : 4));
        CHECK(r.datagram.destination.address.bytes[v6 ? 15 : 3] == (v6 ? 2 : 3));
        CHECK(bytes(r.datagram.payload.begin(), r.datagram.payload.end()) == payload);
        CHECK(r.datagram.payload_offset == 14 + (v6 ? 40 : 20) + 8);
        // tcp_segment_of does not report UDP.
        CHECK(capture::tcp_segment_of(link_type::ethernet, d).what == kind::not_tcp);
    }
    const std::size_t length_at = 20 + 4;
    bytes bad = ipv4(v4a, v4b, 17, udp(1, 2, payload));
    bad[length_at + 1] = 7;  // Length below the header's 8 bytes
    auto r = capture::transport_of(link_type::ipv4, bad);
    CHECK(r.error.code == errc::illegal_value);
    CHECK(r.error.offset == length_at);
    bad[length_at + 1] = static_cast<std::uint8_t>(8 + payload.size() + 1);  // past the IP payload
    r = capture::transport_of(link_type::ipv4, bad);
    CHECK(r.error.code == errc::truncated);
    CHECK(r.error.offset == length_at);
    bad[length_at + 1] = 8;  // an empty datagram; the IP payload's rest is not its
    r = capture::transport_of(link_type::ipv4, bad);
    REQUIRE(r.what == kind::udp);
    CHECK(r.datagram.payload.empty());
    // Every prefix of a good packet: never a read outside it.
    const bytes whole = ethernet(0x86dd, ipv6(v6a, v6b, 17, udp(1, 2, payload)));
    for (std::size_t n = 0; n < whole.size(); ++n)
        CHECK(capture::transport_of(link_type::ethernet, bytes(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n))).what == kind::error);
}

TEST_CASE("capture packets: decoding works at compile time") {
    static constexpr std::array<std::uint8_t, 44> pkt{
        0x45, 0, 0, 44, 0, 0, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,  // IPv4, 44 bytes
        0xc7, 0x38, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0,  // TCP 51000 -> 443
        0x16, 0x03, 0x01, 0x00};
    constexpr auto r = capture::tcp_segment_of(link_type::ipv4, pkt);
    static_assert(r.what == kind::tcp && r.segment.destination.port == 443 && r.segment.payload.size() == 4);
    CHECK(r.segment.payload_offset == 40);
}

}  // namespace tests_capture_packet
