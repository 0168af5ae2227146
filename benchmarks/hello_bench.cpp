// benchmarks/hello_bench.cpp — tlswire on the hello inputs (support.hpp:
// hello_inputs()), each as a bare message (msg) and inside its record (rec):
//
//   hello/NAME/FORM/byteloop     the baseline: byte_loop() over the same bytes
//   hello/NAME/FORM/parse        strict parse_handshake (rec: parse<record>
//                                first), then walk(): every cipher suite and
//                                every extension's type and body
//   hello/NAME/FORM/parse_typed  the same, plus typed(): get<T>() of key_share,
//                                supported_versions, supported_groups,
//                                signature_algorithms, server_name, iterated
//   hello/NAME/FORM/encode       serialize_handshake of the parsed message into
//                                a buffer that exists (rec: behind a record
//                                header written by hand)
//   hello/NAME/FORM/parse_ja4    ClientHellos only: strict parse_handshake
//                                (rec: parse<record> first), then JA4
//                                (tlswire/fingerprint.hpp, TCP); JA4 visits
//                                every suite and extension, so it takes the
//                                place of parse's walk()
//
// Every input is checked before anything is timed: it parses (strictly), it
// re-serializes to exactly its bytes, and typed() decodes without an error.
#include <algorithm>
#include <array>
#include <string>

#include "support.hpp"
#include "tlswire/fingerprint.hpp"
#include "walk.hpp"

namespace tlswire_bench {
namespace {

constexpr std::uint64_t failed = ~std::uint64_t{0} >> 1;  // a check value no success produces

struct prepared {
    const hello_input* in = nullptr;
    bool rec = false;
    tlswire::context ctx{};
    const byte_vector* bytes = nullptr;  // what is parsed: in->msg or in->rec
    tlswire::handshake_message parsed{};  // for encode, views into *bytes
    mutable byte_vector out;              // encode's buffer
    std::string label;
};

// The handshake message bytes of `p` (for rec: the fragment of the record).
inline tlswire::bytes_view message_of(const prepared& p, const std::uint8_t* data, bool& ok) {
    const tlswire::bytes_view all(data, p.bytes->size());
    if (!p.rec) return all;
    const auto r = tlswire::parse<tlswire::record>(all, p.ctx);
    if (!r) {
        ok = false;
        return {};
    }
    return r->fragment;
}

std::uint64_t parse_once(const prepared& p) {
    bool ok = true;
    const auto msg = message_of(p, hide(p.bytes->data()), ok);
    if (!ok) return failed;
    const auto m = tlswire::parse_handshake(msg, p.ctx);
    if (!m) return failed;
    return walk(*m);
}

std::uint64_t parse_typed_once(const prepared& p) {
    bool ok = true;
    const auto msg = message_of(p, hide(p.bytes->data()), ok);
    if (!ok) return failed;
    const auto m = tlswire::parse_handshake(msg, p.ctx);
    if (!m) return failed;
    return walk(*m) + typed(*m, p.ctx);
}

std::uint64_t parse_ja4_once(const prepared& p) {
    bool ok = true;
    const auto msg = message_of(p, hide(p.bytes->data()), ok);
    if (!ok) return failed;
    const auto m = tlswire::parse_handshake(msg, p.ctx);
    if (!m) return failed;
    const auto* ch = std::get_if<tlswire::client_hello>(&*m);
    if (!ch) return failed;
    const auto fp = tlswire::ja4(*ch, tlswire::ja4_transport::tcp);
    std::uint64_t v = fp.size;
    for (const char c : fp.view()) v = v * 31 + static_cast<unsigned char>(c);
    return v & (failed - 1);
}

std::uint64_t encode_once(const prepared& p) {
    const tlswire::handshake_message* m = hide(&p.parsed);
    std::uint8_t* o = hide(p.out.data());
    const std::size_t header = p.rec ? 5 : 0;
    if (p.rec) std::copy_n(p.bytes->data(), 3, o);  // type, legacy_record_version as received
    const auto n = tlswire::serialize_handshake(*m, std::span<std::uint8_t>(o + header, p.out.size() - header), p.ctx);
    if (!n) return failed;
    if (p.rec) {
        o[3] = static_cast<std::uint8_t>(*n >> 8);
        o[4] = static_cast<std::uint8_t>(*n);
    }
    return (*n + header) * 1000 + o[(*n + header) / 2];
}

std::string describe(const tlswire::handshake_message& m) {
    std::string s;
    std::visit(
        [&](const auto& v) {
            if constexpr (requires { v.cipher_suites; }) s += "cs=" + std::to_string(v.cipher_suites.size()) + " ";
            if constexpr (requires { v.extensions; }) s += "ext=" + std::to_string(v.extensions.size());
        },
        m);
    return s;
}

prepared prepare(const hello_input& in, bool rec) {
    prepared p;
    p.in = &in;
    p.rec = rec;
    p.bytes = rec ? &in.rec : &in.msg;
    // The context is explicit: a ClientHello is parsed before any version is
    // known (0); the ServerHellos here are TLS 1.3 ones.
    if (in.server) p.ctx.version = 0x0304;
    const std::string what = in.name + (rec ? " (rec)" : " (msg)");
    bool ok = true;
    const auto msg = message_of(p, p.bytes->data(), ok);
    if (!ok) fail(what + ": parse<record> fails");
    auto m = tlswire::parse_handshake(msg, p.ctx);
    if (!m)
        fail(what + ": parse_handshake fails: " + error_text(m.err()));
    p.parsed = *m;
    int errors = 0;
    (void)typed(p.parsed, p.ctx, errors);
    if (errors != 0) fail(what + ": a typed extension fails to decode");
    p.out.assign(p.bytes->size() + 64, 0);
    const std::uint64_t encoded = encode_once(p);
    if (encoded == failed) fail(what + ": serialize_handshake fails");
    if (encoded / 1000 != p.bytes->size() || !std::equal(p.bytes->begin(), p.bytes->end(), p.out.begin()))
        fail(what + ": the round trip is not exact");
    if (!in.server && parse_ja4_once(p) == failed) fail(what + ": JA4 fails");
    p.label = describe(p.parsed);
    return p;
}

}  // namespace

void register_hello_benchmarks() {
    // Built once, never resized: the registered benchmarks point into it.
    static std::vector<prepared> all = [] {
        std::vector<prepared> v;
        for (const hello_input& in : hello_inputs())
            for (const bool rec : {false, true}) v.push_back(prepare(in, rec));
        return v;
    }();
    for (const prepared& p : all) {
        const std::string base = "hello/" + p.in->name + (p.rec ? "/rec/" : "/msg/");
        const std::size_t n = p.bytes->size();
        const prepared* pp = &p;
        benchmark::RegisterBenchmark((base + "byteloop").c_str(), [pp, n](benchmark::State& st) {
            measure(st, n, [pp, n] { return byte_loop(hide(pp->bytes->data()), n); });
        });
        benchmark::RegisterBenchmark((base + "parse").c_str(), [pp, n](benchmark::State& st) {
            measure(st, n, [pp] { return parse_once(*pp); });
            st.SetLabel(pp->label);
        });
        benchmark::RegisterBenchmark((base + "parse_typed").c_str(), [pp, n](benchmark::State& st) {
            measure(st, n, [pp] { return parse_typed_once(*pp); });
            st.SetLabel(pp->label);
        });
        benchmark::RegisterBenchmark((base + "encode").c_str(), [pp, n](benchmark::State& st) {
            measure(st, n, [pp] { return encode_once(*pp); });
        });
        if (!p.in->server)
            benchmark::RegisterBenchmark((base + "parse_ja4").c_str(), [pp, n](benchmark::State& st) {
                measure(st, n, [pp] { return parse_ja4_once(*pp); });
                st.SetLabel(pp->label);
            });
    }
}

}  // namespace tlswire_bench
