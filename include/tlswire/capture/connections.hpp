// tlswire/capture/connections.hpp — the TCP connections of a capture: each
// segment to its connection (by the 4-tuple, either way round), each
// direction rebuilt by a tcp_stream, the client told from the server, and
// the TLS connections told from the rest by what they carry.
//
// Roles: the client is who sent the SYN without ACK (RFC 9293 §3.5: the
// active opener), or who answered a SYN-ACK's sender; a capture without the
// handshake names as client the side whose stream starts with a ClientHello
// (a handshake record with msg_type 1, or an SSL 2.0-compatible one), else
// the first packet's sender. Ports are not looked at: TLS is found by
// content, on any port.
//
// Reuse: a 4-tuple whose connection is over (both FINs reached, or a RST)
// starts a new connection with the next SYN, as it does a SYN with another
// initial sequence number (§3.4.1: the ISN of a new incarnation differs);
// the connections are listed in the order of their first packet.
//
// Non-TLS connections are followed (so that the 4-tuple's state is right)
// but their bytes are not kept once both directions (or the client's) have
// shown that they are not TLS. So TLS that starts after a plaintext
// exchange (STARTTLS in SMTP, IMAP, ...) is not found: that needs the
// application protocol, not TCP.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tlswire/capture/file.hpp"
#include "tlswire/capture/packet.hpp"
#include "tlswire/capture/tcp_stream.hpp"
#include "tlswire/capture/udp_flows.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::capture {

// starts_like_tls(stream) — whether a stream's first bytes are a TLS record
// header (ContentType 20..24, legacy_record_version 3.x; RFC 8446 §5.1) or an
// SSL 2.0-compatible ClientHello (RFC 5246 Appendix E.2: the high bit of the
// length, then msg_type 1). Needs 3 bytes.
[[nodiscard]] constexpr bool starts_like_tls(bytes_view s) noexcept {
    if (s.size() < 3) return false;
    if (s[0] >= 20 && s[0] <= 24 && s[1] == 3) return true;
    return (s[0] & 0x80) != 0 && s[2] == 1;
}

// starts_with_client_hello(stream) — a handshake record whose first message
// is a ClientHello (RFC 8446 §4: msg_type 1), or an SSL 2.0-compatible one.
[[nodiscard]] constexpr bool starts_with_client_hello(bytes_view s) noexcept {
    if (s.size() >= 6 && s[0] == 22 && s[1] == 3) return s[5] == 1;
    return s.size() >= 3 && (s[0] & 0x80) != 0 && s[2] == 1;
}

// tcp_connection — both directions of one connection.
class tcp_connection {
public:
    tcp_connection(const endpoint& first_source, const endpoint& first_destination, std::size_t first_offset,
                   const reassembly_limits& limits)
        : ends_{first_source, first_destination}, flows_{tcp_stream(limits), tcp_stream(limits)},
          first_offset_(first_offset) {}

    [[nodiscard]] const endpoint& client() const noexcept { return ends_[client_]; }
    [[nodiscard]] const endpoint& server() const noexcept { return ends_[1 - client_]; }
    [[nodiscard]] const tcp_stream& c2s() const noexcept { return flows_[client_]; }
    [[nodiscard]] const tcp_stream& s2c() const noexcept { return flows_[1 - client_]; }
    // The file offset of the connection's first packet's data.
    [[nodiscard]] std::size_t first_offset() const noexcept { return first_offset_; }
    // Whether the roles come from the SYN (else from the content, or a guess).
    [[nodiscard]] bool roles_from_syn() const noexcept { return roles_from_syn_; }
    // Whether either direction starts like TLS.
    [[nodiscard]] bool tls() const noexcept {
        return starts_like_tls(flows_[0].data()) || starts_like_tls(flows_[1].data());
    }
    // over() — both directions closed, or a reset.
    [[nodiscard]] bool over() const noexcept {
        return flows_[0].reset() || flows_[1].reset() || (flows_[0].closed() && flows_[1].closed());
    }

private:
    friend class tcp_reassembler;

    std::array<endpoint, 2> ends_;
    std::array<tcp_stream, 2> flows_;  // [i]: sent by ends_[i]
    std::size_t first_offset_ = 0;
    std::size_t client_ = 0;           // index of the client in ends_
    bool roles_from_syn_ = false;
    bool discarded_ = false;
};

// tcp_reassembler — every TCP connection of a capture.
class tcp_reassembler {
public:
    tcp_reassembler() = default;
    explicit tcp_reassembler(const reassembly_limits& limits) : limits_(limits) {}

    // add(segment, packet_offset) — one TCP segment; packet_offset is the
    // file offset of its packet's data (payload_offset counts from there).
    // Returns an error only for the capture as a whole (too many
    // connections, or a total limit): a direction's own error stays with it.
    error add(const tcp_segment& s, std::size_t packet_offset) {
        if (failure_) return failure_;
        constexpr std::uint8_t syn = 0x02, ack = 0x10;  // RFC 9293 §3.1
        const endpoint_pair k = endpoint_pair_of(s.source, s.destination);
        const bool opening = (s.flags & (syn | ack)) == syn;
        auto found = by_tuple_.find(k);
        if (found != by_tuple_.end() && opening) {
            const tcp_connection& c = connections_[found->second];
            const std::size_t from = index_of(c, s.source);
            const tcp_stream& f = c.flows_[from];
            // A new incarnation of the 4-tuple (see the header's comment).
            // A SYN with the ISN already known is a retransmission of it.
            const bool same_isn = f.syn_seen() && f.initial_sequence_number() == s.sequence_number;
            if (!same_isn && (c.over() || f.syn_seen())) {
                by_tuple_.erase(found);
                found = by_tuple_.end();
            }
        }
        if (found == by_tuple_.end()) {
            if (connections_.size() >= limits_.max_connections) {
                failure_ = error{errc::length_out_of_range, packet_offset, "TCP connections in the capture"};
                return failure_;
            }
            connections_.emplace_back(s.source, s.destination, packet_offset, limits_);
            found = by_tuple_.emplace(k, connections_.size() - 1).first;
        }
        tcp_connection& c = connections_[found->second];
        const std::size_t from = index_of(c, s.source);
        if (!c.roles_from_syn_ && (s.flags & syn)) {
            // SYN alone: the sender opens; SYN-ACK: the sender answers.
            c.client_ = (s.flags & ack) ? 1 - from : from;
            c.roles_from_syn_ = true;
        }
        tcp_stream& f = c.flows_[from];
        const std::size_t held = f.buffered();
        const std::size_t kept = f.data().size();
        (void)f.segment(s.sequence_number, s.flags, s.payload, packet_offset + s.payload_offset);
        total_held_ = total_held_ - held + f.buffered();
        total_kept_ = total_kept_ - kept + f.data().size();
        if (total_held_ > limits_.max_total_out_of_order_bytes) {
            total_held_ -= f.buffered();
            f.fail(error{errc::length_out_of_range, packet_offset + s.payload_offset,
                         "TCP out-of-order bytes in the capture"});
        }
        if (total_kept_ > limits_.max_total_stream_bytes) {
            failure_ = error{errc::length_out_of_range, packet_offset + s.payload_offset,
                             "TCP stream bytes in the capture"};
            return failure_;
        }
        if (!c.discarded_) classify(c);
        return error{};
    }

    // finish() — the capture has ended: every direction checked for holes,
    // and the roles of connections without a SYN decided by content.
    void finish() {
        for (tcp_connection& c : connections_) {
            for (tcp_stream& f : c.flows_) (void)f.finish();
            if (!c.roles_from_syn_ && !starts_with_client_hello(c.flows_[0].data()) &&
                starts_with_client_hello(c.flows_[1].data()))
                c.client_ = 1;
        }
    }

    // The connections, in the order of their first packet.
    [[nodiscard]] const std::vector<tcp_connection>& connections() const noexcept { return connections_; }
    [[nodiscard]] const error& failure() const noexcept { return failure_; }

private:
    static std::size_t index_of(const tcp_connection& c, const endpoint& source) noexcept {
        return c.ends_[0] == source ? 0 : 1;
    }

    // classify — stop keeping a connection's bytes once it is clearly not TLS.
    void classify(tcp_connection& c) {
        auto verdict = [](const tcp_stream& f) {  // 1 TLS, 0 not TLS, -1 not yet known
            if (f.data().size() < 3) return -1;
            return starts_like_tls(f.data()) ? 1 : 0;
        };
        const int client = verdict(c.flows_[c.client_]);
        const int server = verdict(c.flows_[1 - c.client_]);
        if ((c.roles_from_syn_ && client == 0) || (client == 0 && server == 0)) {
            for (tcp_stream& f : c.flows_) {
                total_kept_ -= f.data().size();
                f.discard();
            }
            c.discarded_ = true;
        }
    }

    reassembly_limits limits_{};
    std::vector<tcp_connection> connections_;
    std::map<endpoint_pair, std::size_t> by_tuple_;  // the live connection of each 4-tuple
    std::size_t total_held_ = 0;
    std::size_t total_kept_ = 0;
    error failure_{};
};

// capture_contents — what reassemble() found in a capture file.
struct capture_contents {
    tcp_reassembler tcp;
    udp_flows udp;  // the DTLS flows
    // The pcapng Decryption Secrets Blocks of type TLSK, in file order: key
    // log lines (each block's text ends with a line break here).
    std::string key_log;
    // Packets that could not be read (an IP fragment, a datagram cut by the
    // snapshot length, a bogus header): the first max_problems of them, with
    // absolute file offsets, and how many there were. Such a packet belongs
    // to no connection; if it carried a connection's bytes, that direction
    // has a hole and reports it.
    static constexpr std::size_t max_problems = 64;
    std::vector<error> packet_problems;
    std::size_t packet_problem_count = 0;
    // Where the file itself stopped being readable (ok: it was read to its
    // end); every packet before it was used.
    error file_error{};
};

// reassemble(file, limits) — every TCP connection and every DTLS flow of a
// pcap or pcapng file.
[[nodiscard]] inline capture_contents reassemble(bytes_view file, const reassembly_limits& limits = {}) {
    capture_contents out{tcp_reassembler(limits), udp_flows(limits), {}, {}, 0, {}};
    out.file_error = read(
        file,
        [&](const packet& p) {
            const segment_result r = transport_of(p.link_type, p.data);
            if (r.what == segment_result::kind::tcp) {
                if (!out.tcp.failure()) (void)out.tcp.add(r.segment, p.offset);
            } else if (r.what == segment_result::kind::udp) {
                if (!out.udp.failure()) (void)out.udp.add(r.datagram, p.offset);
            } else if (r.what == segment_result::kind::error) {
                if (out.packet_problems.size() < capture_contents::max_problems) {
                    error e = r.error;
                    e.offset += p.offset;
                    out.packet_problems.push_back(e);
                }
                ++out.packet_problem_count;
            }
        },
        [&](const secrets& s) {
            if (s.secrets_type != tls_key_log) return;
            out.key_log.append(reinterpret_cast<const char*>(s.data.data()), s.data.size());
            if (!out.key_log.empty() && out.key_log.back() != '\n') out.key_log.push_back('\n');
        });
    out.tcp.finish();
    return out;
}

}  // namespace tlswire::capture
