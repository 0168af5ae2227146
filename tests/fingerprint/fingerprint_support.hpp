// tests/fingerprint/fingerprint_support.hpp — what the fingerprint tests
// share: hellos built from hex, every ClientHello and ServerHello of
// vectors/, and an oracle that reads a hello's lists straight from its bytes
// (std::string and std::sort, no tlswire parsing) to check the library's
// fingerprints against.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "../support/hex.hpp"
#include "../support/records.hpp"
#include "../support/vectors.hpp"
#include "tlswire/tlswire.hpp"

namespace fp_test {

using test_support::be;
using test_support::handshake_hex;
using test_support::unhex;

// ext(type, body_hex) — one Extension, in hex.
inline std::string ext(std::uint16_t type, const std::string& body_hex) {
    return be(type, 2) + be(body_hex.size() / 2, 2) + body_hex;
}

// u16_list(values, prefix_bytes) — a vector of uint16 with its length prefix.
inline std::string u16_list(const std::vector<std::uint16_t>& values, int prefix_bytes = 2) {
    std::string s;
    for (const auto v : values) s += be(v, 2);
    return be(s.size() / 2, prefix_bytes) + s;
}

// client_hello_hex — a whole ClientHello message. `extensions_hex` is the
// concatenated Extension entries; nullopt leaves the extensions field out
// (SSL 3.0 / TLS 1.0 style).
inline std::string client_hello_hex(std::uint16_t legacy_version, const std::vector<std::uint16_t>& suites,
                                    const std::optional<std::string>& extensions_hex,
                                    const std::string& compression_hex = "0100") {
    std::string body = be(legacy_version, 2) + std::string(64, '1') + "00" + u16_list(suites) + compression_hex;
    if (extensions_hex) body += be(extensions_hex->size() / 2, 2) + *extensions_hex;
    return handshake_hex(1, body);
}

inline std::string server_hello_hex(std::uint16_t legacy_version, std::uint16_t suite,
                                    const std::optional<std::string>& extensions_hex) {
    std::string body = be(legacy_version, 2) + std::string(64, '2') + "00" + be(suite, 2) + "00";
    if (extensions_hex) body += be(extensions_hex->size() / 2, 2) + *extensions_hex;
    return handshake_hex(2, body);
}

// Typed extension bodies in hex.
inline std::string sni_body(const std::string& host) {
    std::string name;
    for (const char c : host) name += be(static_cast<unsigned char>(c), 1);
    const std::string entry = "00" + be(host.size(), 2) + name;
    return be(entry.size() / 2, 2) + entry;
}
inline std::string alpn_body(const std::vector<std::string>& names_hex) {
    std::string list;
    for (const auto& n : names_hex) list += be(n.size() / 2, 1) + n;
    return be(list.size() / 2, 2) + list;
}
inline std::string text_hex(const std::string& s) {
    std::string h;
    for (const char c : s) h += be(static_cast<unsigned char>(c), 1);
    return h;
}

// parsed — a message kept alive with its parse (the parse borrows the bytes).
template <class T>
struct parsed {
    std::vector<std::uint8_t> bytes;
    tlswire::result<tlswire::handshake_message> message = tlswire::error{};
    [[nodiscard]] bool ok() const { return message && std::holds_alternative<T>(*message); }
    [[nodiscard]] const T& get() const { return std::get<T>(*message); }
};
template <class T = tlswire::client_hello>
inline parsed<T> parse_hex(const std::string& hex, tlswire::context ctx = {}) {
    parsed<T> p;
    p.bytes = unhex(hex);
    p.message = tlswire::parse_handshake(p.bytes, ctx);
    return p;
}

// ---- every hello of vectors/ -------------------------------------------------

struct vector_hello {
    std::string origin;               // file and position, for failure messages
    std::vector<std::uint8_t> bytes;  // the whole handshake message
    tlswire::context ctx;             // what to parse it with
};

// all_vector_hellos — the ClientHellos (client = true) or ServerHellos and
// HelloRetryRequests of: the RFC 8448 traces, the captures (through the
// connection decoder: only the hellos sent in plaintext), vectors/bench/
// (OpenSSL and the Chrome-like hello), vectors/bytes/ (illustrated TLS 1.2,
// 1.3 and QUIC, rustls) and the valid Botan hello cases.
inline std::vector<vector_hello> all_vector_hellos(bool client) {
    using namespace tlswire;
    std::vector<vector_hello> out;
    const handshake_type want = client ? handshake_type::client_hello : handshake_type::server_hello;
    auto add = [&](const std::string& origin, bytes_view msg, const context& ctx) {
        if (msg.empty() || msg[0] != static_cast<std::uint8_t>(want)) return;
        out.push_back({origin, std::vector<std::uint8_t>(msg.begin(), msg.end()), ctx});
    };
    for (const auto& file : test_support::vector_files("rfc8448")) {
        const auto trace = test_support::load_json(file);
        int i = 0;
        for (const auto& m : trace.at("messages")) {
            const auto bytes = unhex(m.at("hex").get<std::string>());
            context ctx;
            ctx.version = 0x0304;
            add(file.filename().string() + "#" + std::to_string(i++), bytes, ctx);
        }
    }
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        int conn = 0;
        for (const auto& c : capture.at("connections")) {
            const auto c2s = unhex(c.at("c2s").get<std::string>());
            const auto s2c = unhex(c.at("s2c").get<std::string>());
            connection_decoder dec;
            int i = 0;
            (void)dec.decode(c2s, s2c, [&](const connection_event& ev) {
                if (ev.kind != event_kind::handshake) return;
                add(file.filename().string() + ":" + std::to_string(conn) + "#" + std::to_string(i++), ev.message,
                    ev.ctx);
            });
            ++conn;
        }
    }
    const auto bench = test_support::vectors_dir() / "bench";
    std::vector<std::filesystem::path> bench_files;
    for (const auto& e : std::filesystem::directory_iterator(bench))
        if (e.path().string().ends_with(".msg.hex")) bench_files.push_back(e.path());
    std::sort(bench_files.begin(), bench_files.end());
    for (const auto& p : bench_files) {
        std::FILE* f = std::fopen(p.string().c_str(), "rb");
        std::string text;
        if (f) {
            char buf[4096];
            std::size_t n;
            while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
            std::fclose(f);
        }
        add("bench/" + p.filename().string(), unhex(text), context{});
    }
    for (const auto& file : test_support::vector_files("bytes")) {
        const auto j = test_support::load_json(file);
        for (const auto& e : j.at("entries")) {
            const std::string content = e.at("content");
            if (content != "records" && content != "handshake_messages") continue;
            if (e.contains("valid") && !e.at("valid").get<bool>()) continue;
            const auto bytes = unhex(e.at("hex").get<std::string>());
            stream_options o;
            o.input = content == "records" ? framing::records : framing::handshake_messages;
            stream_decoder dec(o);
            (void)dec.decode(bytes, [&](const stream_event& ev) {
                if (ev.kind == event_kind::handshake)
                    add(file.filename().string() + ":" + e.at("name").get<std::string>(), ev.message, ev.ctx);
            });
        }
    }
    for (const char* name : {"tls12_client_hello", "tls13_client_hello", "tls12_server_hello", "tls13_server_hello"}) {
        const auto j = test_support::load_json(test_support::vectors_dir() / "botan" / (std::string(name) + ".json"));
        int i = 0;
        for (const auto& c : j.at("cases")) {
            ++i;
            if (c.at("expect") != "valid") continue;
            const std::string body = c.at("hex");
            const bool is_client = std::string(name).ends_with("client_hello");
            const auto msg = unhex(handshake_hex(is_client ? 1 : 2, body));
            context ctx;
            ctx.mode = strictness::lenient;  // Botan's cases are Botan's rules, not ours
            add(std::string("botan/") + name + "#" + std::to_string(i), msg, ctx);
        }
    }
    return out;
}

// ---- the oracle ------------------------------------------------------------------

inline bool grease(std::uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }

// hello_lists — a hello's fields as its bytes say, GREASE kept (the oracle
// drops it itself). Only what the fingerprints read.
struct hello_lists {
    bool ok = false;
    std::uint16_t legacy_version = 0;
    std::vector<std::uint16_t> suites;  // ServerHello: the one selected
    std::vector<std::uint16_t> extension_types;
    std::vector<std::uint16_t> groups, signature_algorithms, supported_versions;
    std::vector<std::uint8_t> point_formats;
    std::vector<std::vector<std::uint8_t>> alpn;
};

// read_hello — walk a ClientHello or ServerHello message by hand
// (RFC 8446 §4.1.2, §4.1.3); ok is false if it does not hold together.
inline hello_lists read_hello(const std::vector<std::uint8_t>& m) {
    hello_lists h;
    std::size_t p = 4;
    auto need = [&](std::size_t n) { return p + n <= m.size(); };
    auto u8 = [&]() { return m[p++]; };
    auto u16 = [&]() {
        const auto v = static_cast<std::uint16_t>(m[p] << 8 | m[p + 1]);
        p += 2;
        return v;
    };
    if (m.size() < 4 || !need(2 + 32 + 1)) return h;
    const bool client = m[0] == 1;
    h.legacy_version = u16();
    p += 32;
    const std::size_t sid = u8();
    p += sid;
    if (client) {
        if (!need(2)) return h;
        const std::size_t n = u16();
        if (!need(n)) return h;
        for (std::size_t i = 0; i < n / 2; ++i) h.suites.push_back(u16());
        if (!need(1)) return h;
        const std::size_t c = u8();
        p += c;
    } else {
        if (!need(3)) return h;
        h.suites.push_back(u16());
        p += 1;
    }
    if (p == m.size()) {
        h.ok = true;
        return h;
    }
    if (!need(2)) return h;
    const std::size_t end = p + 2 + (static_cast<std::size_t>(m[p]) << 8 | m[p + 1]);
    p += 2;
    if (end > m.size()) return h;
    while (p + 4 <= end) {
        const std::uint16_t type = u16();
        const std::size_t len = u16();
        const std::size_t body = p;
        if (body + len > end) return h;
        h.extension_types.push_back(type);
        auto list16 = [&](std::vector<std::uint16_t>& into, int prefix) {
            std::size_t q = body;
            const std::size_t n = prefix == 1 ? m[q] : (static_cast<std::size_t>(m[q]) << 8 | m[q + 1]);
            q += static_cast<std::size_t>(prefix);
            for (std::size_t i = 0; i + 1 < n && q + 1 < body + len; i += 2, q += 2)
                into.push_back(static_cast<std::uint16_t>(m[q] << 8 | m[q + 1]));
        };
        // The first of each type counts (as for a duplicate in a lenient parse).
        auto first = [&](std::uint16_t t) { return std::count(h.extension_types.begin(), h.extension_types.end(), t) == 1; };
        if (client && len >= 2 && type == 10 && first(10)) list16(h.groups, 2);
        if (client && len >= 2 && type == 13 && first(13)) list16(h.signature_algorithms, 2);
        if (client && len >= 1 && type == 43 && first(43)) list16(h.supported_versions, 1);
        if (client && len >= 1 && type == 11 && first(11))
            for (std::size_t i = 0; i < m[body] && body + 1 + i < body + len; ++i) h.point_formats.push_back(m[body + 1 + i]);
        if (client && len >= 2 && type == 16 && first(16)) {
            std::size_t q = body + 2;
            while (q < body + len) {
                const std::size_t n = m[q++];
                h.alpn.emplace_back(m.begin() + static_cast<std::ptrdiff_t>(q), m.begin() + static_cast<std::ptrdiff_t>(q + n));
                q += n;
            }
        }
        p = body + len;
    }
    h.ok = p == end;
    return h;
}

inline std::string join_decimal(const std::vector<std::uint16_t>& v) {
    std::string s;
    for (const auto x : v) {
        if (grease(x)) continue;
        if (!s.empty()) s += '-';
        s += std::to_string(x);
    }
    return s;
}

// ja3_string_of / ja3s_string_of — the JA3 and JA3S strings by the README.
inline std::string ja3_string_of(const hello_lists& h) {
    std::string formats;
    for (const auto f : h.point_formats) {
        if (!formats.empty()) formats += '-';
        formats += std::to_string(f);
    }
    return std::to_string(h.legacy_version) + "," + join_decimal(h.suites) + "," + join_decimal(h.extension_types) +
           "," + join_decimal(h.groups) + "," + formats;
}
inline std::string ja3s_string_of(const hello_lists& h) {
    return std::to_string(h.legacy_version) + "," + join_decimal(h.suites) + "," + join_decimal(h.extension_types);
}

inline std::string hex4(std::uint16_t v) {
    char b[5];
    std::snprintf(b, sizeof b, "%04x", static_cast<unsigned>(v));
    return b;
}
inline std::string join_hex(std::vector<std::uint16_t> v, bool sorted) {
    v.erase(std::remove_if(v.begin(), v.end(), grease), v.end());
    if (sorted) std::sort(v.begin(), v.end());
    std::string s;
    for (const auto x : v) {
        if (!s.empty()) s += ',';
        s += hex4(x);
    }
    return s;
}

// ja4_lists_of — JA4's b and c strings (before hashing) by JA4.md.
inline std::string ja4_b_of(const hello_lists& h, bool sorted) { return join_hex(h.suites, sorted); }
inline std::string ja4_c_of(const hello_lists& h, bool sorted) {
    std::vector<std::uint16_t> e = h.extension_types;
    if (sorted) e.erase(std::remove_if(e.begin(), e.end(), [](std::uint16_t t) { return t == 0 || t == 16; }), e.end());
    std::string s = join_hex(e, sorted);
    const std::string sigs = join_hex(h.signature_algorithms, false);
    if (!sigs.empty()) {
        s += '_';
        s += sigs;
    }
    return s;
}

// sha256_hex / md5_hex — the hash of a string, in lowercase hex.
inline std::string sha256_hex(const std::string& s) {
    const auto d = tlswire::crypto::reference::sha256::digest(
        tlswire::bytes_view(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
    return test_support::hex(d);
}
inline std::string md5_hex(const std::string& s) {
    const auto d = tlswire::crypto::reference::md5::digest(
        tlswire::bytes_view(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
    return test_support::hex(d);
}

// split — s cut at every `sep`.
inline std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out(1);
    for (const char c : s) {
        if (c == sep) out.emplace_back();
        else out.back() += c;
    }
    return out;
}

}  // namespace fp_test
