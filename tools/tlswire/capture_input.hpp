// tools/tlswire/capture_input.hpp — a pcap or pcapng file as the tool's
// subcommands read it: the TLS connections it holds, each with its two
// endpoints, its two reassembled byte streams and their maps back to the
// file, plus the key log lines the file carries (pcapng Decryption Secrets
// Blocks). One function, read_capture, for every subcommand that reads
// streams (decode, fingerprint, verify).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlswire/capture/connections.hpp"
#include "tlswire/dtls/event.hpp"
#include "tlswire/messages/connection.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::print {
class sink;
}

namespace tlswire::cli {

// is_capture(file) — a pcap or pcapng file, by its magic number.
[[nodiscard]] bool is_capture(bytes_view file) noexcept;

// endpoint_text — "192.0.2.1:443", "[2001:db8::1]:443" (RFC 5952 text).
[[nodiscard]] std::string endpoint_text(const capture::endpoint& e);

// capture_peers — the two ends of a capture's connection or DTLS flow.
struct capture_peers {
    std::string client;  // endpoint_text of the client (the SYN's sender, or the ClientHello's)
    std::string server;
    capture::endpoint client_endpoint{};  // the same as addresses and ports
    capture::endpoint server_endpoint{};
    bool udp = false;              // a DTLS flow
    std::size_t first_offset = 0;  // of its first packet's data (a flow: its first datagram) in the file
};

// capture_connection — one TLS connection of a capture. The views point into
// the capture_input that holds it (keep that alive).
struct capture_connection : capture_peers {
    bytes_view c2s;      // the exact byte streams, as far as they are contiguous
    bytes_view s2c;
    const std::vector<capture::stream_chunk>* c2s_map = nullptr;  // stream offset -> file offset
    const std::vector<capture::stream_chunk>* s2c_map = nullptr;
    // Why a direction stops early (a hole in the capture, a limit crossed;
    // the offset is in the file), else ok.
    error c2s_error{};
    error s2c_error{};

    // file_offset(dir, stream_offset) — where a stream byte is in the file
    // (a direction without bytes: the connection's first packet).
    [[nodiscard]] std::size_t file_offset(direction d, std::size_t stream_offset) const noexcept;
    [[nodiscard]] const error& stream_error(direction d) const noexcept {
        return d == direction::c2s ? c2s_error : s2c_error;
    }
};

// capture_dtls_flow — one DTLS association of a capture: its datagrams in
// capture order, each with its direction and the file offset of its first
// byte (so the DTLS decoder's offsets are the file's). The views point into
// the capture_input that holds it.
struct capture_dtls_flow : capture_peers {
    std::vector<dtls::datagram> datagrams;
    std::size_t skipped = 0;       // datagrams on the pair that were not DTLS
    error failure{};               // a limit crossed: later datagrams were not kept
};

// capture_input — what read_capture found.
struct capture_input {
    capture::capture_contents contents;           // the reassembled connections (owned)
    std::vector<capture_connection> connections;  // the TLS ones, in the order of their first packet
    std::size_t tcp_connections = 0;              // all TCP connections, TLS or not
    std::vector<capture_dtls_flow> dtls_flows;    // in the order of their first DTLS datagram
    // The key log lines of the pcapng's TLSK Decryption Secrets Blocks
    // (contents.key_log), "" for pcap.
    [[nodiscard]] const std::string& key_log() const noexcept { return contents.key_log; }
    // Where the file stopped being readable (ok: read to its end), or a
    // capture-wide limit crossed; every connection before it is listed.
    [[nodiscard]] error failure() const noexcept {
        if (contents.file_error) return contents.file_error;
        return contents.tcp.failure() ? contents.tcp.failure() : contents.udp.failure();
    }
};

// read_capture(file) — the TLS connections and DTLS flows of a pcap/pcapng file. The
// streams are the reassembler's copies, so `file` need not outlive the
// result; move the result, never copy it (the views point into it).
[[nodiscard]] capture_input read_capture(bytes_view file, const capture::reassembly_limits& limits = {});

// print_connection — "connection": {"client": ..., "server": ...}, the key
// each object about a capture's connection starts with; a DTLS flow's adds
// "transport": "udp".
void print_connection(print::sink& s, const capture_peers& c);

// capture_key_log(from_option, cap, subcommand, path, err) — the key log
// for a capture's connections: --keylog's text (empty without it), then the
// capture's own lines (pcapng Decryption Secrets Blocks), whose malformed
// lines are named on `err` as "PATH (decryption secrets):LINE".
[[nodiscard]] std::string capture_key_log(std::string_view from_option, const capture_input& cap,
                                          std::string_view subcommand, const std::string& path, std::ostream& err);

}  // namespace tlswire::cli
