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

// X(protocol id, IANA name), in registry order.
// clang-format off
#define TLSWIRE_ALPN_PROTOCOL_LIST(X) \
    X("http/0.9", "HTTP/0.9")                                                                       \
    X("http/1.0", "HTTP/1.0")                                                                       \
    X("http/1.1", "HTTP/1.1")                                                                       \
    X("spdy/1", "SPDY/1")                                                                           \
    X("spdy/2", "SPDY/2")                                                                           \
    X("spdy/3", "SPDY/3")                                                                           \
    X("stun.turn", "Traversal Using Relays around NAT (TURN)")                                      \
    X("stun.nat-discovery", "NAT discovery using Session Traversal Utilities for NAT (STUN)")       \
    X("h2", "HTTP/2 over TLS")                                                                      \
    X("h2c", "HTTP/2 over TCP")                                                                     \
    X("webrtc", "WebRTC Media and Data")                                                            \
    X("c-webrtc", "Confidential WebRTC Media and Data")                                             \
    X("ftp", "FTP")                                                                                 \
    X("imap", "IMAP")                                                                               \
    X("pop3", "POP3")                                                                               \
    X("managesieve", "ManageSieve")                                                                 \
    X("coap", "CoAP (over TLS)")                                                                    \
    X("co", "CoAP (over DTLS)")                                                                     \
    X("xmpp-client", "XMPP jabber:client namespace")                                                \
    X("xmpp-server", "XMPP jabber:server namespace")                                                \
    X("acme-tls/1", "acme-tls/1")                                                                   \
    X("mqtt", "OASIS Message Queuing Telemetry Transport (MQTT)")                                   \
    X("dot", "DNS-over-TLS")                                                                        \
    X("ntske/1", "Network Time Security Key Establishment, version 1")                              \
    X("sunrpc", "SunRPC")                                                                           \
    X("h3", "HTTP/3")                                                                               \
    X("smb", "SMB2")                                                                                \
    X("irc", "IRC")                                                                                 \
    X("nntp", "NNTP (reading)")                                                                     \
    X("nnsp", "NNTP (transit)")                                                                     \
    X("doq", "DoQ")                                                                                 \
    X("sip/2", "SIP")                                                                               \
    X("tds/8.0", "TDS/8.0")                                                                         \
    X("dicom", "DICOM")                                                                             \
    X("postgresql", "PostgreSQL")                                                                   \
    X("radius/1.0", "RADIUS/1.0")                                                                   \
    X("radius/1.1", "RADIUS/1.1")                                                                   \
    X("netperfmeter/control", "NetPerfMeter Protocol Control Channel (NPMP-CONTROL)")               \
    X("netperfmeter/data", "NetPerfMeter Protocol Data Channel (NPMP-DATA)")                        \
    X("n-pamp/2", "N-PAMP (Native Post-Quantum Agent Messaging Protocol), wire major version 2")    \
    /* end of list */
// clang-format on

#define TLSWIRE_DETAIL_ALPN_ROW(id, name) alpn_protocol{TLSWIRE_DETAIL_LITERAL(id), TLSWIRE_DETAIL_LITERAL(name)},
inline constexpr std::array<alpn_protocol, 0 TLSWIRE_ALPN_PROTOCOL_LIST(TLSWIRE_DETAIL_COUNT)> alpn_protocols{
    TLSWIRE_ALPN_PROTOCOL_LIST(TLSWIRE_DETAIL_ALPN_ROW)
};

namespace detail {
// alpn_by_id — rows of alpn_protocols ordered by id (generated into
// detail/by_name.hpp by tools/registry/gen_by_name.py; alpn_sorted_by_id()
// checks it, asserted as the registries' invariants are, see
// TLSWIRE_REGISTRY_INVARIANTS).
inline constexpr std::array<std::uint8_t, alpn_protocols.size()> alpn_by_id{TLSWIRE_ALPN_PROTOCOL_LIST_BY_NAME};
[[nodiscard]] constexpr bool alpn_sorted_by_id() noexcept {
    for (std::size_t i = 0; i < alpn_by_id.size(); ++i) {
        if (alpn_by_id[i] >= alpn_protocols.size()) return false;
        if (i > 0 && !name_less(alpn_protocols[alpn_by_id[i - 1]].id, alpn_protocols[alpn_by_id[i]].id)) return false;
    }
    return true;
}
#ifdef TLSWIRE_REGISTRY_FULL_CHECKS
static_assert(alpn_sorted_by_id(), "ALPN ids must be unique and alpn_by_id sorted by them: if the list changed, run "
                                   "tools/registry/gen_by_name.py");
#endif
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
