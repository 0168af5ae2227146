// tests/support/pcap.hpp — writing capture files and packets in tests: the
// inverse of include/tlswire/capture/, written independently of it (byte by
// byte from the format descriptions), so the readers are checked against a
// second rendering of the formats.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace test_support::pcap {

using bytes = std::vector<std::uint8_t>;

inline void put(bytes& out, std::uint64_t v, int width, bool little) {
    for (int i = 0; i < width; ++i) {
        const int shift = little ? 8 * i : 8 * (width - 1 - i);
        out.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}
inline void append(bytes& out, const bytes& b) { out.insert(out.end(), b.begin(), b.end()); }
inline void pad4(bytes& out) {
    while (out.size() % 4 != 0) out.push_back(0);
}

// A TCP segment (20-byte header, no options unless `options` is given).
inline bytes tcp(std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint8_t flags,
                 const bytes& payload, const bytes& options = {}) {
    bytes t;
    put(t, sport, 2, false);
    put(t, dport, 2, false);
    put(t, seq, 4, false);
    put(t, 0, 4, false);  // ack
    t.push_back(static_cast<std::uint8_t>(((20 + options.size()) / 4) << 4));
    t.push_back(flags);
    put(t, 65535, 2, false);  // window
    put(t, 0, 4, false);      // checksum, urgent pointer
    append(t, options);
    append(t, payload);
    return t;
}

// A UDP datagram (RFC 768: the Length field counts the 8-byte header; the
// checksum is left 0, "no checksum", which readers of captures ignore).
inline bytes udp(std::uint16_t sport, std::uint16_t dport, const bytes& payload) {
    bytes u;
    put(u, sport, 2, false);
    put(u, dport, 2, false);
    put(u, 8 + payload.size(), 2, false);
    put(u, 0, 2, false);
    append(u, payload);
    return u;
}

inline bytes ipv4(const bytes& src, const bytes& dst, std::uint8_t protocol, const bytes& payload,
                  std::uint16_t fragment = 0x4000 /* DF */) {
    bytes ip{0x45, 0};
    put(ip, 20 + payload.size(), 2, false);
    put(ip, 0x1234, 2, false);
    put(ip, fragment, 2, false);
    ip.push_back(64);
    ip.push_back(protocol);
    put(ip, 0, 2, false);  // checksum (not checked by readers of captures)
    append(ip, src);
    append(ip, dst);
    append(ip, payload);
    return ip;
}

inline bytes ipv6(const bytes& src, const bytes& dst, std::uint8_t next, const bytes& payload) {
    bytes ip{0x60, 0, 0, 0};
    put(ip, payload.size(), 2, false);
    ip.push_back(next);
    ip.push_back(64);
    append(ip, src);
    append(ip, dst);
    append(ip, payload);
    return ip;
}

inline bytes ethernet(std::uint16_t ethertype, const bytes& payload, const std::vector<std::uint16_t>& vlan_tpids = {}) {
    bytes e{0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2};
    for (const std::uint16_t tpid : vlan_tpids) {
        put(e, tpid, 2, false);
        put(e, 0x0064, 2, false);  // priority 0, VLAN 100
    }
    put(e, ethertype, 2, false);
    append(e, payload);
    return e;
}

struct record {
    std::uint32_t seconds = 0;
    std::uint32_t fraction = 0;
    bytes data;
    std::uint32_t original_length = 0;  // 0: data.size()
};

// A classic pcap file (version 2.4).
inline bytes pcap_file(std::uint32_t link, const std::vector<record>& records, bool little = true,
                       bool nanoseconds = false) {
    bytes f;
    put(f, nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, 4, little);
    put(f, 2, 2, little);
    put(f, 4, 2, little);
    put(f, 0, 4, little);
    put(f, 0, 4, little);
    put(f, 262144, 4, little);
    put(f, link, 4, little);
    for (const record& r : records) {
        put(f, r.seconds, 4, little);
        put(f, r.fraction, 4, little);
        put(f, r.data.size(), 4, little);
        put(f, r.original_length ? r.original_length : r.data.size(), 4, little);
        append(f, r.data);
    }
    return f;
}

// pcapng blocks.
inline bytes block(std::uint32_t type, const bytes& body, bool little) {
    bytes b;
    bytes padded = body;
    pad4(padded);
    put(b, type, 4, little);
    put(b, 12 + padded.size(), 4, little);
    append(b, padded);
    put(b, 12 + padded.size(), 4, little);
    return b;
}
inline bytes section_header(bool little) {
    bytes body;
    put(body, 0x1a2b3c4d, 4, little);
    put(body, 1, 2, little);
    put(body, 0, 2, little);
    put(body, 0xffffffffffffffffull, 8, little);  // section length unknown
    return block(0x0a0d0d0a, body, little);
}
inline bytes interface_description(std::uint16_t link, bool little, int tsresol = -1, std::uint32_t snaplen = 0) {
    bytes body;
    put(body, link, 2, little);
    put(body, 0, 2, little);
    put(body, snaplen, 4, little);
    if (tsresol >= 0) {
        put(body, 9, 2, little);  // if_tsresol
        put(body, 1, 2, little);
        body.push_back(static_cast<std::uint8_t>(tsresol));
        pad4(body);
        put(body, 0, 4, little);  // opt_endofopt
    }
    return block(1, body, little);
}
inline bytes enhanced_packet(std::uint32_t interface, std::uint64_t timestamp, const bytes& data, bool little,
                             std::uint32_t original_length = 0) {
    bytes body;
    put(body, interface, 4, little);
    put(body, timestamp >> 32, 4, little);
    put(body, timestamp & 0xffffffffu, 4, little);
    put(body, data.size(), 4, little);
    put(body, original_length ? original_length : data.size(), 4, little);
    append(body, data);
    return block(6, body, little);
}
inline bytes simple_packet(const bytes& data, bool little) {
    bytes body;
    put(body, data.size(), 4, little);
    append(body, data);
    return block(3, body, little);
}
inline bytes decryption_secrets(std::uint32_t type, const std::string& text, bool little) {
    bytes body;
    put(body, type, 4, little);
    put(body, text.size(), 4, little);
    body.insert(body.end(), text.begin(), text.end());
    return block(0x0a, body, little);
}

// A TCP conversation to put in a capture: segments of one connection, each
// from the client or the server.
struct tcp_packet {
    bool from_client = true;
    std::uint32_t seq = 0;
    std::uint8_t flags = 0;
    bytes payload;
};

// tcp_conversation — SYN, SYN-ACK, ACK, the client's bytes in segments of at
// most `mss`, then the server's, then FIN each way: in order, as a capture
// taken on a quiet path has them.
inline std::vector<tcp_packet> tcp_conversation(const bytes& c2s, const bytes& s2c, std::size_t mss = 1460,
                                                std::uint32_t client_isn = 1000, std::uint32_t server_isn = 5000) {
    constexpr std::uint8_t fin = 0x01, syn = 0x02, psh = 0x08, ack = 0x10;
    std::vector<tcp_packet> out;
    out.push_back({true, client_isn, syn, {}});
    out.push_back({false, server_isn, static_cast<std::uint8_t>(syn | ack), {}});
    out.push_back({true, client_isn + 1, ack, {}});
    auto data = [&](bool client, const bytes& b, std::uint32_t first) {
        for (std::size_t at = 0; at < b.size(); at += mss) {
            const std::size_t n = b.size() - at < mss ? b.size() - at : mss;
            out.push_back({client, static_cast<std::uint32_t>(first + at), static_cast<std::uint8_t>(psh | ack),
                           bytes(b.begin() + static_cast<std::ptrdiff_t>(at),
                                 b.begin() + static_cast<std::ptrdiff_t>(at + n))});
        }
    };
    data(true, c2s, client_isn + 1);
    data(false, s2c, server_isn + 1);
    out.push_back({true, static_cast<std::uint32_t>(client_isn + 1 + c2s.size()), static_cast<std::uint8_t>(fin | ack), {}});
    out.push_back({false, static_cast<std::uint32_t>(server_isn + 1 + s2c.size()), static_cast<std::uint8_t>(fin | ack), {}});
    return out;
}

// The endpoints of a conversation.
struct tcp_endpoints {
    bytes client_address{10, 0, 0, 1};
    bytes server_address{10, 0, 0, 2};
    std::uint16_t client_port = 40000;
    std::uint16_t server_port = 443;
};

// ip_frame(from_client, protocol, transport, e) — a transport header and
// payload between `e`'s endpoints, in Ethernet, IPv4 or IPv6 (by the
// address length).
inline bytes ip_frame(bool from_client, std::uint8_t protocol, const bytes& transport, const tcp_endpoints& e) {
    const bytes& src = from_client ? e.client_address : e.server_address;
    const bytes& dst = from_client ? e.server_address : e.client_address;
    if (src.size() == 16) return ethernet(0x86dd, ipv6(src, dst, protocol, transport));
    return ethernet(0x0800, ipv4(src, dst, protocol, transport));
}

// ethernet_frame — a conversation's packet (as ip_frame).
inline bytes ethernet_frame(const tcp_packet& p, const tcp_endpoints& e) {
    const bytes seg = tcp(p.from_client ? e.client_port : e.server_port,
                          p.from_client ? e.server_port : e.client_port, p.seq, p.flags, p.payload);
    return ip_frame(p.from_client, 6, seg, e);
}

// udp_frame — one datagram of a flow between `e`'s endpoints (as ip_frame).
inline bytes udp_frame(bool from_client, const bytes& payload, const tcp_endpoints& e) {
    return ip_frame(from_client, 17,
                    udp(from_client ? e.client_port : e.server_port, from_client ? e.server_port : e.client_port, payload),
                    e);
}

}  // namespace test_support::pcap
