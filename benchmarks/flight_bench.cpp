// benchmarks/flight_bench.cpp — tlswire beyond the hellos:
//
//   flight/NAME/parse       every message of a server flight, parsed with the
//                           context the hellos establish (version, cipher
//                           suite), then walk() (certificates included)
//   flight/NAME/byteloop    the baseline over the same bytes
//   serialize/NAME/I_TYPE   serialize_handshake of each message of a flight
//                           into a buffer that exists
//   decoder/CAPTURE         connection_decoder over whole captured handshakes
//                           (vectors/captures/, both directions, every
//                           connection of the file; "all" = every file)
//
// Flights:
//   tls12_ecdhe_rsa  ServerHello, Certificate, ServerKeyExchange,
//                    ServerHelloDone: the first records of the s2c stream of
//                    vectors/captures/tls12_ecdhe_rsa.json, each record
//                    parsed (parse<record>), then the messages in it
//   rfc8448_tls13    EncryptedExtensions, Certificate, CertificateVerify,
//                    Finished: RFC 8448 §3's decrypted server handshake
//                    record (vectors/rfc8448/simple_1rtt.json), its messages
//                    parsed one after the other (no record layer: in TLS 1.3
//                    they travel encrypted)
// Every message is checked before timing: it parses strictly and
// re-serializes to exactly its bytes; every capture decodes without error.
#include <algorithm>
#include <string>

#include "support.hpp"
#include "walk.hpp"

namespace tlswire_bench {
namespace {

constexpr std::uint64_t failed = ~std::uint64_t{0} >> 1;

std::size_t u16_at(const byte_vector& b, std::size_t at) { return std::size_t{b[at]} << 8 | b[at + 1]; }

// The handshake messages of a byte range, split at their headers.
std::vector<tlswire::bytes_view> split_messages(tlswire::bytes_view in, const std::string& what) {
    std::vector<tlswire::bytes_view> out;
    std::size_t at = 0;
    while (at < in.size()) {
        if (in.size() - at < 4) fail(what + ": truncated handshake header");
        const std::size_t len = std::size_t{in[at + 1]} << 16 | std::size_t{in[at + 2]} << 8 | in[at + 3];
        if (in.size() - at - 4 < len) fail(what + ": truncated handshake message");
        out.push_back(in.subspan(at, 4 + len));
        at += 4 + len;
    }
    return out;
}

struct flight {
    std::string name;
    byte_vector bytes;                        // the whole flight as timed
    std::vector<tlswire::bytes_view> units;   // records (with_records) or messages, views into bytes
    bool with_records = false;
    tlswire::context ctx{};
    // for serialize: each message, parsed once, with a buffer
    std::vector<tlswire::bytes_view> messages;
    std::vector<tlswire::handshake_message> parsed;
};

std::uint64_t parse_messages(tlswire::bytes_view in, const tlswire::context& ctx) {
    std::uint64_t n = 0;
    std::size_t at = 0;
    while (at < in.size()) {
        if (in.size() - at < 4) return failed;
        const std::size_t len = 4 + (std::size_t{in[at + 1]} << 16 | std::size_t{in[at + 2]} << 8 | in[at + 3]);
        if (in.size() - at < len) return failed;
        const auto m = tlswire::parse_handshake(in.subspan(at, len), ctx);
        if (!m) return failed;
        n += walk(*m);
        at += len;
    }
    return n;
}

std::uint64_t parse_flight(const flight& f) {
    const std::uint8_t* base = hide(f.bytes.data());
    std::uint64_t n = 0;
    for (const tlswire::bytes_view u : f.units) {
        const tlswire::bytes_view unit(base + (u.data() - f.bytes.data()), u.size());
        if (f.with_records) {
            const auto r = tlswire::parse<tlswire::record>(unit, f.ctx);
            if (!r) return failed;
            const std::uint64_t m = parse_messages(r->fragment, f.ctx);
            if (m == failed) return failed;
            n += m + static_cast<std::uint64_t>(r->type);
        } else {
            const std::uint64_t m = parse_messages(unit, f.ctx);
            if (m == failed) return failed;
            n += m;
        }
    }
    return n;
}

void check_flight(flight& f) {
    if (parse_flight(f) == failed) fail(f.name + ": the flight does not parse");
    for (std::size_t i = 0; i < f.messages.size(); ++i) {
        const auto m = tlswire::parse_handshake(f.messages[i], f.ctx);
        if (!m)
            fail(f.name + ": message " + std::to_string(i) + " fails: " + error_text(m.err()));
        byte_vector out(f.messages[i].size() + 64);
        const auto n = tlswire::serialize_handshake(*m, std::span<std::uint8_t>(out), f.ctx);
        if (!n || *n != f.messages[i].size() || !std::equal(f.messages[i].begin(), f.messages[i].end(), out.begin()))
            fail(f.name + ": message " + std::to_string(i) + ": the round trip is not exact");
        f.parsed.push_back(*m);
    }
}

// TLS 1.2: the s2c records up to and including the one with ServerHelloDone.
flight tls12_flight(const std::string& capture) {
    const json file = load_json("vectors/captures/" + capture + ".json");
    flight f;
    f.name = capture;
    const byte_vector s2c = hex(file.at("connections").at(0).at("s2c"));
    std::size_t at = 0;
    bool done = false;
    while (!done) {
        if (s2c.size() - at < 5) fail(capture + ": no ServerHelloDone in the s2c stream");
        const std::size_t len = u16_at(s2c, at + 3);
        if (s2c[at] != 22) fail(capture + ": a non-handshake record before ServerHelloDone");
        for (const auto m : split_messages(tlswire::bytes_view(s2c).subspan(at + 5, len), capture))
            done = done || m[0] == 14;  // server_hello_done
        at += 5 + len;
    }
    f.bytes.assign(s2c.begin(), s2c.begin() + static_cast<std::ptrdiff_t>(at));
    f.with_records = true;
    for (std::size_t r = 0; r < f.bytes.size(); r += 5 + u16_at(f.bytes, r + 3)) {
        const tlswire::bytes_view rec = tlswire::bytes_view(f.bytes).subspan(r, 5 + u16_at(f.bytes, r + 3));
        f.units.push_back(rec);
        for (const auto m : split_messages(rec.subspan(5), capture)) f.messages.push_back(m);
    }
    // The context the ServerHello establishes: TLS 1.2 and its cipher suite.
    f.ctx.version = 0x0303;
    f.ctx.sender = tlswire::role::server;
    const auto sh = tlswire::parse_handshake(f.messages.at(0), f.ctx);
    if (!sh || !std::holds_alternative<tlswire::server_hello>(*sh)) fail(capture + ": the flight does not start with a ServerHello");
    f.ctx.cipher_suite = static_cast<std::uint16_t>(std::get<tlswire::server_hello>(*sh).cipher_suite);
    check_flight(f);
    return f;
}

// TLS 1.3: RFC 8448 §3's server handshake messages after the ServerHello.
flight tls13_flight() {
    const json trace = load_json("vectors/rfc8448/simple_1rtt.json");
    flight f;
    f.name = "rfc8448_tls13";
    // The protected s2c handshake record's plaintext: EE, Certificate, CertificateVerify, Finished.
    for (const json& r : trace.at("records"))
        if (r.at("dir").get<std::string>() == "s2c" && r.at("protected").get<bool>() && r.at("content_type").get<std::string>() == "handshake") {
            f.bytes = hex(r.at("plaintext"));
            break;
        }
    byte_vector expected;
    for (const json& m : trace.at("messages"))
        if (m.at("dir").get<std::string>() == "s2c" && m.at("name").get<std::string>() != "server_hello" && m.at("name").get<std::string>() != "new_session_ticket") {
            const byte_vector b = hex(m.at("hex"));
            expected.insert(expected.end(), b.begin(), b.end());
        }
    if (f.bytes.empty() || f.bytes != expected) fail("rfc8448: the server's handshake record is not its four messages");
    f.units.push_back(tlswire::bytes_view(f.bytes));
    f.messages = split_messages(tlswire::bytes_view(f.bytes), f.name);
    f.ctx.version = 0x0304;
    f.ctx.cipher_suite = 0x1301;  // TLS_AES_128_GCM_SHA256, the suite of RFC 8448 §3's ServerHello
    f.ctx.sender = tlswire::role::server;
    check_flight(f);
    return f;
}

struct capture {
    std::string name;
    std::vector<std::pair<byte_vector, byte_vector>> connections;  // c2s, s2c
    std::size_t bytes = 0;
};

std::uint64_t decode_once(const capture& c) {
    std::uint64_t n = 0;
    for (const auto& [c2s_vec, s2c_vec] : c.connections) {
        const tlswire::bytes_view c2s(hide(c2s_vec.data()), c2s_vec.size());
        const tlswire::bytes_view s2c(hide(s2c_vec.data()), s2c_vec.size());
        tlswire::connection_decoder dec;
        const auto r = dec.decode(c2s, s2c, [&](const tlswire::connection_event& ev) {
            n += static_cast<std::uint64_t>(ev.kind) + ev.rec.fragment.size() + ev.message.size();
        });
        if (!r) return failed;
    }
    return n;
}

capture load_capture(const std::string& file) {
    capture c;
    c.name = file.substr(0, file.size() - 5);
    const json j = load_json("vectors/captures/" + file);
    for (const json& conn : j.at("connections")) {
        c.connections.emplace_back(hex(conn.at("c2s")), hex(conn.at("s2c")));
        c.bytes += c.connections.back().first.size() + c.connections.back().second.size();
    }
    if (decode_once(c) == failed) fail("connection_decoder fails on vectors/captures/" + file);
    return c;
}

}  // namespace

void register_flight_benchmarks() {
    static std::vector<flight> flights = [] {
        std::vector<flight> v;
        v.push_back(tls12_flight("tls12_ecdhe_rsa"));
        v.push_back(tls13_flight());
        return v;
    }();
    for (const flight& f : flights) {
        const flight* fp = &f;
        benchmark::RegisterBenchmark(("flight/" + f.name + "/byteloop").c_str(), [fp](benchmark::State& st) {
            measure(st, fp->bytes.size(), [fp] { return byte_loop(hide(fp->bytes.data()), fp->bytes.size()); });
        });
        benchmark::RegisterBenchmark(("flight/" + f.name + "/parse").c_str(), [fp](benchmark::State& st) {
            measure(st, fp->bytes.size(), [fp] { return parse_flight(*fp); });
        });
        for (std::size_t i = 0; i < f.parsed.size(); ++i) {
            const std::string name = "serialize/" + f.name + "/" + std::to_string(i) + "_" +
                                     std::string(tlswire::name_of(f.parsed[i]));
            benchmark::RegisterBenchmark(name.c_str(), [fp, i](benchmark::State& st) {
                byte_vector out(fp->messages[i].size() + 64);
                measure(st, fp->messages[i].size(), [&] {
                    const tlswire::handshake_message* m = hide(&fp->parsed[i]);
                    std::uint8_t* o = hide(out.data());
                    const auto n = tlswire::serialize_handshake(*m, std::span<std::uint8_t>(o, out.size()), fp->ctx);
                    if (!n) return failed;
                    return *n * 1000 + o[*n / 2];
                });
            });
        }
    }

    static std::vector<capture> captures = [] {
        std::vector<capture> v;
        capture everything;
        everything.name = "all";
        for (const std::string& file : list_files(source_dir() + "/vectors/captures", ".json")) {
            capture c = load_capture(file);
            everything.bytes += c.bytes;
            everything.connections.insert(everything.connections.end(), c.connections.begin(), c.connections.end());
            v.push_back(std::move(c));
        }
        if (v.empty()) fail("no captures in vectors/captures");
        v.push_back(std::move(everything));
        return v;
    }();
    // Each on its own: a few representative captures; then all of them at once.
    const char* const chosen[] = {"tls12_ecdhe_rsa", "tls12_alpn_sni_status", "tls13_default",
                                  "tls13_hello_retry_request", "tls13_resume_psk", "gnutls_tls13_default", "all"};
    for (const char* name : chosen) {
        const auto it = std::find_if(captures.begin(), captures.end(), [&](const capture& c) { return c.name == name; });
        if (it == captures.end()) fail(std::string("no capture ") + name + " in vectors/captures");
        const capture* cp = &*it;
        benchmark::RegisterBenchmark(("decoder/" + cp->name).c_str(), [cp](benchmark::State& st) {
            measure(st, cp->bytes, [cp] { return decode_once(*cp); });
            st.SetLabel(std::to_string(cp->connections.size()) + " connection(s)");
        });
    }
}

}  // namespace tlswire_bench
