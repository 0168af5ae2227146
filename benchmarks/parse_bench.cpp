// Parsing and serializing handshake messages: tlswire and, in the same run,
// Botan 2's message classes on the same bytes. Inputs are real: the RFC 8448
// ClientHello/ServerHello and an OpenSSL 3.0 ClientHello (vectors/).
//
// Like for like: Botan's constructors decode every field and extension into
// owned objects; tlswire's parse validates every field (and every extension's
// bounds) into views, so the tlswire benchmarks also walk every cipher suite
// and extension after parsing.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tlswire/tlswire.hpp"

#ifdef TLSWIRE_BENCH_BOTAN
#include <botan/tls_messages.h>
#endif

namespace {

std::vector<std::uint8_t> unhex(const std::string& s) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
    return out;
}

// The first "hex" value after `key` in a vectors JSON file (no JSON library here).
std::vector<std::uint8_t> hex_after(const char* file, const std::string& key) {
    std::ifstream f(std::string(TLSWIRE_SOURCE_DIR) + "/vectors/" + file);
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string text = ss.str();
    std::size_t at = text.find(key);
    at = text.find("\"hex\": \"", at);
    if (at == std::string::npos) return {};
    at += 8;
    return unhex(text.substr(at, text.find('"', at) - at));
}

// The first handshake record's payload in a capture's c2s stream.
std::vector<std::uint8_t> capture_client_hello(const char* file) {
    std::ifstream f(std::string(TLSWIRE_SOURCE_DIR) + "/vectors/captures/" + file);
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string text = ss.str();
    std::size_t at = text.find("\"c2s\": \"") + 8;
    const auto stream = unhex(text.substr(at, text.find('"', at) - at));
    const std::size_t len = (std::size_t{stream[3]} << 8) | stream[4];
    return {stream.begin() + 5, stream.begin() + 5 + static_cast<std::ptrdiff_t>(len)};
}

const std::vector<std::uint8_t>& rfc8448_client_hello() {
    static const auto v = hex_after("rfc8448/simple_1rtt.json", "\"client_hello\"");
    return v;
}
const std::vector<std::uint8_t>& rfc8448_server_hello() {
    static const auto v = hex_after("rfc8448/simple_1rtt.json", "\"server_hello\"");
    return v;
}
const std::vector<std::uint8_t>& openssl_client_hello() {
    static const auto v = capture_client_hello("tls13_default.json");
    return v;
}

std::size_t walk(const tlswire::handshake_message& m) {
    std::size_t n = 0;
    std::visit(
        [&](const auto& v) {
            if constexpr (requires { v.extensions; })
                for (const tlswire::extension& e : v.extensions) n += e.extension_data.size();
            if constexpr (requires { v.cipher_suites; })
                for (tlswire::cipher_suite cs : v.cipher_suites) n += static_cast<std::size_t>(cs);
        },
        m);
    return n;
}

void tlswire_parse(benchmark::State& state, const std::vector<std::uint8_t>& msg, std::uint16_t version) {
    tlswire::context ctx;
    ctx.version = version;
    for (auto _ : state) {
        auto m = tlswire::parse_handshake(msg, ctx);
        if (!m) state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(walk(*m));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * msg.size()));
}

void BM_tlswire_parse_client_hello_rfc8448(benchmark::State& s) { tlswire_parse(s, rfc8448_client_hello(), 0); }
void BM_tlswire_parse_client_hello_openssl(benchmark::State& s) { tlswire_parse(s, openssl_client_hello(), 0); }
void BM_tlswire_parse_server_hello_rfc8448(benchmark::State& s) { tlswire_parse(s, rfc8448_server_hello(), 0x0304); }

void BM_tlswire_serialize_client_hello_openssl(benchmark::State& state) {
    const auto m = tlswire::parse_handshake(openssl_client_hello());
    std::vector<std::uint8_t> out(openssl_client_hello().size());
    for (auto _ : state) {
        auto n = tlswire::serialize_handshake(*m, out);
        benchmark::DoNotOptimize(n);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * out.size()));
}

BENCHMARK(BM_tlswire_parse_client_hello_rfc8448);
BENCHMARK(BM_tlswire_parse_client_hello_openssl);
BENCHMARK(BM_tlswire_parse_server_hello_rfc8448);
BENCHMARK(BM_tlswire_serialize_client_hello_openssl);

#ifdef TLSWIRE_BENCH_BOTAN
// Botan's constructors take the body, without the 4-byte handshake header.
template <class Message>
void botan_parse(benchmark::State& state, const std::vector<std::uint8_t>& msg) {
    const std::vector<std::uint8_t> body(msg.begin() + 4, msg.end());
    for (auto _ : state) {
        Message m(body);
        benchmark::DoNotOptimize(m.random().data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * msg.size()));
}
void BM_botan_parse_client_hello_rfc8448(benchmark::State& s) { botan_parse<Botan::TLS::Client_Hello>(s, rfc8448_client_hello()); }
void BM_botan_parse_client_hello_openssl(benchmark::State& s) { botan_parse<Botan::TLS::Client_Hello>(s, openssl_client_hello()); }
void BM_botan_parse_server_hello_rfc8448(benchmark::State& s) { botan_parse<Botan::TLS::Server_Hello>(s, rfc8448_server_hello()); }
BENCHMARK(BM_botan_parse_client_hello_rfc8448);
BENCHMARK(BM_botan_parse_client_hello_openssl);
BENCHMARK(BM_botan_parse_server_hello_rfc8448);
#endif

}  // namespace
