// benchmarks/botan_bench.cpp — Botan 2 (Debian's libbotan-2-dev) on the same
// hello inputs, in the same binary and run as tlswire:
//
//   hello/NAME/FORM/botan   Botan::TLS::Client_Hello / Server_Hello built from
//                           the message body
//
// Botan's constructors take the handshake body (without the 4-byte
// msg_type/length header) as a std::vector<uint8_t>; copying the body into
// that vector is part of every timed parse, as it would be for a caller.
// They decode every field and every extension Botan knows into owned
// objects. Botan 2 has no public record-layer parser, so for "rec" the 5-byte
// record header and the 4-byte message header are checked here by hand,
// then the same constructor runs. An input Botan rejects is reported as an
// error row (the table shows n/a) with Botan's message.
#include <botan/tls_messages.h>
#include <botan/version.h>

#include <exception>
#include <string>

#include "support.hpp"

namespace tlswire_bench {
namespace {

struct body {
    std::uint8_t type = 0;
    const std::uint8_t* p = nullptr;
    std::size_t n = 0;
};

// Handshake { msg_type; uint24 length; body } — the length must cover the rest exactly.
bool split_message(const std::uint8_t* p, std::size_t n, body& b) {
    if (n < 4) return false;
    const std::size_t len = std::size_t{p[1]} << 16 | std::size_t{p[2]} << 8 | p[3];
    if (len != n - 4) return false;
    b = {p[0], p + 4, len};
    return true;
}

// TLSPlaintext { type handshake(22); legacy_record_version 03 xx; uint16 length; fragment }
bool split_record(const std::uint8_t* p, std::size_t n, body& b) {
    if (n < 5 || p[0] != 22 || p[1] != 3) return false;
    const std::size_t len = std::size_t{p[3]} << 8 | p[4];
    if (len != n - 5) return false;
    return split_message(p + 5, len, b);
}

std::uint64_t check(const Botan::TLS::Client_Hello& ch) {
    return ch.ciphersuites().size() * 100000 + ch.session_id().size() * 1000 + ch.random()[31];
}
std::uint64_t check(const Botan::TLS::Server_Hello& sh) {
    return std::uint64_t{sh.ciphersuite()} * 1000 + sh.session_id().size() * 100 + sh.random()[31];
}

// One parse as a caller does it: frame, copy the body into a vector, construct.
std::uint64_t parse_once(const std::uint8_t* p, std::size_t n, bool rec) {
    body b;
    if (!(rec ? split_record(p, n, b) : split_message(p, n, b))) return 0;
    if (b.type == 1) {
        const Botan::TLS::Client_Hello ch(std::vector<std::uint8_t>(b.p, b.p + b.n));
        return check(ch);
    }
    const Botan::TLS::Server_Hello sh(std::vector<std::uint8_t>(b.p, b.p + b.n));
    return check(sh);
}

}  // namespace

void register_botan_benchmarks() {
    benchmark::AddCustomContext("botan", "Botan " + Botan::short_version_string());
    for (const hello_input& in : hello_inputs()) {
        for (const bool rec : {false, true}) {
            const byte_vector* bytes = rec ? &in.rec : &in.msg;
            const std::string name = "hello/" + in.name + (rec ? "/rec/" : "/msg/") + "botan";
            std::string refusal;
            try {
                if (parse_once(bytes->data(), bytes->size(), rec) == 0) fail(in.name + ": bad framing for Botan");
            } catch (const std::exception& e) {
                refusal = std::string("Botan 2 rejects this input: ") + e.what();
            }
            benchmark::RegisterBenchmark(name.c_str(), [bytes, rec, refusal](benchmark::State& st) {
                if (!refusal.empty()) {
                    st.SkipWithError(refusal.c_str());
                    return;
                }
                measure(st, bytes->size(), [bytes, rec] { return parse_once(hide(bytes->data()), bytes->size(), rec); });
            });
        }
    }
}

}  // namespace tlswire_bench
