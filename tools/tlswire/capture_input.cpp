// tools/tlswire/capture_input.cpp — see capture_input.hpp.
#include "capture_input.hpp"

#include <cstdio>
#include <utility>

#include "common.hpp"
#include "tlswire/print/sink.hpp"

namespace tlswire::cli {

bool is_capture(bytes_view file) noexcept { return capture::detect(file) != capture::file_format::unknown; }

std::string endpoint_text(const capture::endpoint& e) {
    const auto& b = e.address.bytes;
    std::string s;
    char buf[8];
    if (e.address.version == 4) {
        for (int i = 0; i < 4; ++i) {
            std::snprintf(buf, sizeof buf, i ? ".%u" : "%u", static_cast<unsigned>(b[static_cast<std::size_t>(i)]));
            s += buf;
        }
        return s + ":" + std::to_string(e.port);
    }
    // RFC 5952 §4: lower-case hex, no leading zeros, the longest run (of at
    // least two) of zero groups as "::", the first such run on a tie.
    unsigned g[8];
    for (std::size_t i = 0; i < 8; ++i) g[i] = (unsigned{b[2 * i]} << 8) | b[2 * i + 1];
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && g[j] == 0) ++j;
        if (j - i > best_len && j - i >= 2) {
            best = i;
            best_len = j - i;
        }
        i = j == i ? i + 1 : j;
    }
    s = "[";
    for (int i = 0; i < 8; ++i) {
        if (i == best) {
            s += "::";
            i += best_len - 1;
            continue;
        }
        if (i != 0 && i != best + best_len) s += ':';
        std::snprintf(buf, sizeof buf, "%x", g[i]);
        s += buf;
    }
    return s + "]:" + std::to_string(e.port);
}

std::size_t capture_connection::file_offset(direction d, std::size_t stream_offset) const noexcept {
    const auto* map = d == direction::c2s ? c2s_map : s2c_map;
    if (map == nullptr || map->empty()) return first_offset;
    return capture::file_offset_in(*map, stream_offset);
}

namespace {
capture_peers peers_of(const capture::endpoint& client, const capture::endpoint& server, bool udp,
                       std::size_t first_offset) {
    return capture_peers{endpoint_text(client), endpoint_text(server), client, server, udp, first_offset};
}
}  // namespace

capture_input read_capture(bytes_view file, const capture::reassembly_limits& limits) {
    capture_input in{capture::reassemble(file, limits), {}, 0, {}};
    in.tcp_connections = in.contents.tcp.connections().size();
    for (const capture::tcp_connection& c : in.contents.tcp.connections()) {
        if (!c.tls()) continue;
        capture_connection x;
        static_cast<capture_peers&>(x) = peers_of(c.client(), c.server(), false, c.first_offset());
        x.c2s = c.c2s().data();
        x.s2c = c.s2c().data();
        x.c2s_map = &c.c2s().chunks();
        x.s2c_map = &c.s2c().chunks();
        x.c2s_error = c.c2s().failure();
        x.s2c_error = c.s2c().failure();
        in.connections.push_back(x);
    }
    for (const capture::udp_flow& f : in.contents.udp.flows()) {
        capture_dtls_flow x;
        static_cast<capture_peers&>(x) = peers_of(f.client(), f.server(), true, f.first_offset());
        x.skipped = f.skipped();
        x.failure = f.failure();
        x.datagrams.reserve(f.size());
        for (std::size_t i = 0; i < f.size(); ++i)
            x.datagrams.push_back(dtls::datagram{f.from_client(i) ? direction::c2s : direction::s2c, f.payload(i),
                                                 f.file_offset(i)});
        in.dtls_flows.push_back(std::move(x));
    }
    return in;
}

void print_connection(print::sink& s, const capture_peers& c) {
    s.key("connection");
    s.begin_object();
    s.key("client");
    s.string(c.client);
    s.key("server");
    s.string(c.server);
    if (c.udp) {
        s.key("transport");
        s.string("udp");
    }
    s.end_object();
}

std::string capture_key_log(std::string_view from_option, const capture_input& cap, std::string_view subcommand,
                            const std::string& path, std::ostream& err) {
    std::string log(from_option);
    if (cap.key_log().empty()) return log;
    report_keylog_errors(subcommand, path + " (decryption secrets)", cap.key_log(), err);
    if (!log.empty() && log.back() != '\n') log += '\n';  // a last line without its newline
    log += cap.key_log();
    return log;
}

}  // namespace tlswire::cli
