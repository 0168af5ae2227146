// tlswire/registry/alpn.hpp — well-known ALPN protocol IDs (IANA "TLS
// Application-Layer Protocol Negotiation (ALPN) Protocol IDs", alpn-protocol-ids;
// RFC 7301 §6). ALPN IDs are opaque byte strings, not an enum: this table only
// names them. GREASE IDs (RFC 8701 §2: the two-byte strings 0x?A 0x?A) are
// recognised by is_grease_alpn. Printed by tools/registry (see README) from the CSV.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

struct alpn_protocol {
    std::string_view id;    // the Identification Sequence, as bytes
    std::string_view name;  // the IANA "Protocol" column
};

// In registry order.
inline constexpr std::array<alpn_protocol, 40> alpn_protocols{{
    {"http/0.9", "HTTP/0.9"},
    {"http/1.0", "HTTP/1.0"},
    {"http/1.1", "HTTP/1.1"},
    {"spdy/1", "SPDY/1"},
    {"spdy/2", "SPDY/2"},
    {"spdy/3", "SPDY/3"},
    {"stun.turn", "Traversal Using Relays around NAT (TURN)"},
    {"stun.nat-discovery", "NAT discovery using Session Traversal Utilities for NAT (STUN)"},
    {"h2", "HTTP/2 over TLS"},
    {"h2c", "HTTP/2 over TCP"},
    {"webrtc", "WebRTC Media and Data"},
    {"c-webrtc", "Confidential WebRTC Media and Data"},
    {"ftp", "FTP"},
    {"imap", "IMAP"},
    {"pop3", "POP3"},
    {"managesieve", "ManageSieve"},
    {"coap", "CoAP (over TLS)"},
    {"co", "CoAP (over DTLS)"},
    {"xmpp-client", "XMPP jabber:client namespace"},
    {"xmpp-server", "XMPP jabber:server namespace"},
    {"acme-tls/1", "acme-tls/1"},
    {"mqtt", "OASIS Message Queuing Telemetry Transport (MQTT)"},
    {"dot", "DNS-over-TLS"},
    {"ntske/1", "Network Time Security Key Establishment, version 1"},
    {"sunrpc", "SunRPC"},
    {"h3", "HTTP/3"},
    {"smb", "SMB2"},
    {"irc", "IRC"},
    {"nntp", "NNTP (reading)"},
    {"nnsp", "NNTP (transit)"},
    {"doq", "DoQ"},
    {"sip/2", "SIP"},
    {"tds/8.0", "TDS/8.0"},
    {"dicom", "DICOM"},
    {"postgresql", "PostgreSQL"},
    {"radius/1.0", "RADIUS/1.0"},
    {"radius/1.1", "RADIUS/1.1"},
    {"netperfmeter/control", "NetPerfMeter Protocol Control Channel (NPMP-CONTROL)"},
    {"netperfmeter/data", "NetPerfMeter Protocol Data Channel (NPMP-DATA)"},
    {"n-pamp/2", "N-PAMP (Native Post-Quantum Agent Messaging Protocol), wire major version 2"},
}};

namespace detail {
inline constexpr auto alpn_by_id = [] {
    std::array<std::uint8_t, alpn_protocols.size()> idx{};
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<std::uint8_t>(i);
    std::sort(idx.begin(), idx.end(),
              [](std::uint8_t a, std::uint8_t b) { return alpn_protocols[a].id < alpn_protocols[b].id; });
    return idx;
}();
}  // namespace detail

// alpn_protocol_name(id) — the IANA name of a registered protocol ID, or an
// empty view. O(log n).
[[nodiscard]] constexpr std::string_view alpn_protocol_name(std::string_view id) noexcept {
    std::size_t lo = 0, hi = detail::alpn_by_id.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const auto& p = alpn_protocols[detail::alpn_by_id[mid]];
        if (p.id == id) return p.name;
        if (p.id < id) lo = mid + 1;
        else hi = mid;
    }
    return {};
}

// is_grease_alpn(id) — RFC 8701 §2: 0x0A0A, 0x1A1A, ..., 0xFAFA.
[[nodiscard]] constexpr bool is_grease_alpn(std::string_view id) noexcept {
    return id.size() == 2 && id[0] == id[1] && (static_cast<unsigned char>(id[0]) & 0x0fu) == 0x0au;
}

}  // namespace tlswire
