// tlswire/capture/packet.hpp — from a captured packet to its TCP segment or
// UDP datagram: the link layer, IPv4 / IPv6 and the TCP or UDP header, read
// in place.
//
// Link layers: Ethernet with any number of 802.1Q / 802.1ad tags, Linux
// cooked capture v1 and v2, raw IPv4/IPv6, BSD and OpenBSD loopback. IPv6
// extension headers are walked (hop-by-hop, routing, destination options,
// authentication). IP fragments are not reassembled: a fragment is reported
// as `unsupported` (TLS endpoints keep segments under the path MTU, so real
// TLS over TCP is not fragmented; a capture that is, is named, not guessed).
// Bytes after the IP datagram (Ethernet's minimum-frame padding) are not
// payload. A datagram cut by the snapshot length is `truncated`: its payload
// would be a hole in the stream.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/capture/file.hpp"

namespace tlswire::capture {

// address — an IPv4 or IPv6 address (version 4: the first 4 bytes).
struct address {
    std::uint8_t version = 0;  // 4 or 6
    std::array<std::uint8_t, 16> bytes{};

    friend constexpr bool operator==(const address& a, const address& b) noexcept {
        return a.version == b.version && a.bytes == b.bytes;
    }
};

// endpoint — an address and a port.
struct endpoint {
    capture::address address{};
    std::uint16_t port = 0;

    friend constexpr bool operator==(const endpoint& a, const endpoint& b) noexcept {
        return a.port == b.port && a.address == b.address;
    }
};

// endpoint_pair — two endpoints in a fixed order, so that both directions
// of a connection or flow find the same key.
using endpoint_pair = std::array<std::uint8_t, 2 * (1 + 16 + 2)>;
[[nodiscard]] constexpr endpoint_pair endpoint_pair_of(const endpoint& a, const endpoint& b) noexcept {
    const auto put = [](endpoint_pair& k, std::size_t at, const endpoint& e) {
        k[at] = e.address.version;
        for (std::size_t i = 0; i < 16; ++i) k[at + 1 + i] = e.address.bytes[i];
        k[at + 17] = static_cast<std::uint8_t>(e.port >> 8);
        k[at + 18] = static_cast<std::uint8_t>(e.port);
    };
    endpoint_pair x{}, y{};
    put(x, 0, a);
    put(y, 0, b);
    bool a_first = false;
    for (std::size_t i = 0; i < 19; ++i)
        if (x[i] != y[i]) {
            a_first = x[i] < y[i];
            break;
        }
    endpoint_pair k{};
    put(k, 0, a_first ? a : b);
    put(k, 19, a_first ? b : a);
    return k;
}

// TCP flags (RFC 9293 §3.1).
namespace tcp_flag {
inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10, urg = 0x20;
}

// tcp_segment — a segment's header fields and payload (a view into the packet).
struct tcp_segment {
    endpoint source{};
    endpoint destination{};
    std::uint32_t sequence_number = 0;
    std::uint32_t acknowledgment_number = 0;
    std::uint8_t flags = 0;
    bytes_view payload;
    std::size_t payload_offset = 0;  // in the packet's data
};

// udp_datagram — a UDP datagram's ports and payload (a view into the packet).
struct udp_datagram {
    endpoint source{};
    endpoint destination{};
    bytes_view payload;
    std::size_t payload_offset = 0;  // in the packet's data
};

// segment_result — what a packet holds: a TCP segment, a UDP datagram (from
// transport_of only), something else (not an error: ARP, ICMP, ...), or an
// error (offset within the packet's data).
struct segment_result {
    enum class kind : std::uint8_t { tcp, not_tcp, error, udp };
    kind what = kind::not_tcp;
    tcp_segment segment{};
    udp_datagram datagram{};  // what == udp
    tlswire::error error{};
};

namespace detail {

[[nodiscard]] constexpr segment_result fail(errc code, std::size_t at, name_ref where) noexcept {
    segment_result r{};
    r.what = segment_result::kind::error;
    r.error = tlswire::error{code, at, where};
    return r;
}

[[nodiscard]] constexpr std::uint16_t be16(bytes_view d, std::size_t at) noexcept {
    return static_cast<std::uint16_t>(load_be<2>(d.data() + at));
}

// tcp(d, at, end, out) — the TCP header at d[at..end) (RFC 9293 §3.1).
[[nodiscard]] constexpr segment_result tcp(bytes_view d, std::size_t at, std::size_t end, segment_result r) noexcept {
    if (end - at < 20) return fail(errc::truncated, at, "TCP header");
    const std::size_t header = static_cast<std::size_t>(d[at + 12] >> 4) * 4;  // Data Offset, in 32-bit words
    if (header < 20) return fail(errc::illegal_value, at + 12, "TCP data offset");
    if (header > end - at) return fail(errc::truncated, at + 12, "TCP data offset");
    r.segment.source.port = be16(d, at);
    r.segment.destination.port = be16(d, at + 2);
    r.segment.sequence_number = static_cast<std::uint32_t>(load_be<4>(d.data() + at + 4));
    r.segment.acknowledgment_number = static_cast<std::uint32_t>(load_be<4>(d.data() + at + 8));
    r.segment.flags = d[at + 13];
    r.segment.payload_offset = at + header;
    r.segment.payload = d.subspan(at + header, end - at - header);
    r.what = segment_result::kind::tcp;
    return r;
}

// udp(d, at, end, r) — the UDP header at d[at..end) (RFC 768): the
// Length field counts the 8-byte header and the data, and must fit the IP
// payload (bytes after it are not the datagram's). The checksum is not
// checked (offloading leaves it unset in captures of the sending host).
[[nodiscard]] constexpr segment_result udp(bytes_view d, std::size_t at, std::size_t end, segment_result r) noexcept {
    if (end - at < 8) return fail(errc::truncated, at, "UDP header");
    const std::size_t length = be16(d, at + 4);
    if (length < 8) return fail(errc::illegal_value, at + 4, "UDP length");
    if (length > end - at) return fail(errc::truncated, at + 4, "UDP length");
    r.datagram.source = r.segment.source;
    r.datagram.destination = r.segment.destination;
    r.datagram.source.port = be16(d, at);
    r.datagram.destination.port = be16(d, at + 2);
    r.datagram.payload_offset = at + 8;
    r.datagram.payload = d.subspan(at + 8, length - 8);
    r.segment = tcp_segment{};
    r.what = segment_result::kind::udp;
    return r;
}

[[nodiscard]] constexpr segment_result ipv4(bytes_view d, std::size_t at) noexcept {
    // RFC 791 §3.1
    if (d.size() - at < 20) return fail(errc::truncated, at, "IPv4 header");
    const std::size_t ihl = static_cast<std::size_t>(d[at] & 0x0fu) * 4;
    if (ihl < 20) return fail(errc::illegal_value, at, "IPv4 IHL");
    const std::size_t total = be16(d, at + 2);
    if (total < ihl) return fail(errc::illegal_value, at + 2, "IPv4 total length");
    if (total > d.size() - at) return fail(errc::truncated, at + 2, "IPv4 total length");
    const std::uint16_t frag = be16(d, at + 6);
    if ((frag & 0x3fffu) != 0) return fail(errc::unsupported, at + 6, "IPv4 fragment");  // MF or an offset
    segment_result r{};
    const std::uint8_t protocol = d[at + 9];
    if (protocol != 6 && protocol != 17) return r;  // neither TCP nor UDP
    r.segment.source.address.version = r.segment.destination.address.version = 4;
    for (std::size_t i = 0; i < 4; ++i) {
        r.segment.source.address.bytes[i] = d[at + 12 + i];
        r.segment.destination.address.bytes[i] = d[at + 16 + i];
    }
    return protocol == 6 ? tcp(d, at + ihl, at + total, r) : udp(d, at + ihl, at + total, r);
}

[[nodiscard]] constexpr segment_result ipv6(bytes_view d, std::size_t at) noexcept {
    // RFC 8200 §3
    if (d.size() - at < 40) return fail(errc::truncated, at, "IPv6 header");
    const std::size_t payload = be16(d, at + 4);
    // RFC 2675 §3: a jumbogram has Payload Length 0 and its length in a hop-by-hop option.
    if (payload == 0 && d[at + 6] == 0) return fail(errc::unsupported, at + 4, "IPv6 jumbogram");
    if (payload > d.size() - at - 40) return fail(errc::truncated, at + 4, "IPv6 payload length");
    const std::size_t end = at + 40 + payload;
    segment_result r{};
    r.segment.source.address.version = r.segment.destination.address.version = 6;
    for (std::size_t i = 0; i < 16; ++i) {
        r.segment.source.address.bytes[i] = d[at + 8 + i];
        r.segment.destination.address.bytes[i] = d[at + 24 + i];
    }
    std::uint8_t next = d[at + 6];
    std::size_t p = at + 40;
    // RFC 8200 §4: extension headers until an upper layer.
    for (;;) {
        switch (next) {
            case 6: return tcp(d, p, end, r);
            case 17: return udp(d, p, end, r);
            case 0: case 43: case 60: {  // hop-by-hop, routing, destination options: (len + 1) * 8
                if (end - p < 8) return fail(errc::truncated, p, "IPv6 extension header");
                const std::size_t n = (std::size_t{d[p + 1]} + 1) * 8;
                if (n > end - p) return fail(errc::truncated, p + 1, "IPv6 extension header");
                next = d[p];
                p += n;
                break;
            }
            case 51: {  // Authentication Header (RFC 4302 §2.2): (len + 2) * 4
                if (end - p < 8) return fail(errc::truncated, p, "IPv6 authentication header");
                const std::size_t n = (std::size_t{d[p + 1]} + 2) * 4;
                if (n > end - p) return fail(errc::truncated, p + 1, "IPv6 authentication header");
                next = d[p];
                p += n;
                break;
            }
            case 44: return fail(errc::unsupported, p, "IPv6 fragment");
            default: return segment_result{};  // no next header (59), ICMPv6, ESP, ...
        }
    }
}

// ip(d, at) — an IP datagram, version from its first nibble.
[[nodiscard]] constexpr segment_result ip(bytes_view d, std::size_t at) noexcept {
    if (at >= d.size()) return fail(errc::truncated, at, "IP header");
    switch (d[at] >> 4) {
        case 4: return ipv4(d, at);
        case 6: return ipv6(d, at);
        default: return fail(errc::illegal_value, at, "IP version");
    }
}

// ethertype(d, at, type) — an EtherType's payload.
[[nodiscard]] constexpr segment_result by_ethertype(bytes_view d, std::size_t at, std::uint16_t type) noexcept {
    if (type == 0x0800) return ipv4(d, at);
    if (type == 0x86dd) return ipv6(d, at);
    return segment_result{};  // ARP, LLDP, ...: not TCP
}

}  // namespace detail

// transport_of(link, data) — the TCP segment or UDP datagram a packet
// carries, if any.
[[nodiscard]] constexpr segment_result transport_of(link_type link, bytes_view d) noexcept {
    using detail::be16;
    using detail::fail;
    switch (link) {
        case link_type::ethernet: {
            if (d.size() < 14) return fail(errc::truncated, 0, "Ethernet header");
            std::size_t at = 12;
            std::uint16_t type = be16(d, at);
            // IEEE 802.1Q (0x8100), 802.1ad (0x88a8) and the older QinQ 0x9100: 4 bytes per tag.
            while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
                if (d.size() - at < 6) return fail(errc::truncated, at, "VLAN tag");
                at += 4;
                type = be16(d, at);
            }
            return detail::by_ethertype(d, at + 2, type);
        }
        case link_type::linux_sll:  // 16 bytes; the protocol type last
            if (d.size() < 16) return fail(errc::truncated, 0, "Linux cooked header");
            return detail::by_ethertype(d, 16, be16(d, 14));
        case link_type::linux_sll2:  // 20 bytes; the protocol type first
            if (d.size() < 20) return fail(errc::truncated, 0, "Linux cooked v2 header");
            return detail::by_ethertype(d, 20, be16(d, 0));
        case link_type::null:
        case link_type::loop:
            // The address family's values differ by OS (AF_INET6 is 24, 28 or 30)
            // and LINKTYPE_NULL's byte order is the capturing host's: the IP
            // version field says which IP it is, unambiguously.
            if (d.size() < 4) return fail(errc::truncated, 0, "loopback header");
            return detail::ip(d, 4);
        case link_type::raw: return detail::ip(d, 0);
        case link_type::ipv4: return detail::ipv4(d, 0);
        case link_type::ipv6: return detail::ipv6(d, 0);
    }
    return fail(errc::unsupported, 0, "link type");
}

// tcp_segment_of(link, data) — the TCP segment a packet carries, if any (a
// UDP datagram is not_tcp here).
[[nodiscard]] constexpr segment_result tcp_segment_of(link_type link, bytes_view d) noexcept {
    segment_result r = transport_of(link, d);
    if (r.what == segment_result::kind::udp) return segment_result{};
    return r;
}

}  // namespace tlswire::capture
