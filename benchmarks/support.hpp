// benchmarks/support.hpp — what every benchmark file of tlswire_bench shares:
// reading the inputs (hex files, vectors/*.json), the
// allocation counter, the timing loop, and the byte-loop baseline.
//
// Nothing here includes tlswire: the Botan file uses it too.
#pragma once

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlswire_bench {

using byte_vector = std::vector<std::uint8_t>;

// fail — an input is missing or broken: say so and stop the whole binary
// (timing an error path instead would be worse than no number).
[[noreturn]] void fail(const std::string& why);

// The source tree whose vectors/ are read: $TLSWIRE_SOURCE_DIR, else the
// directory the binary was configured from.
const std::string& source_dir();

std::string read_file(const std::string& path);
byte_vector unhex(std::string_view hex, const std::string& what);
byte_vector read_hex_file(const std::string& path);  // one hex string, whitespace ignored
std::string to_hex(const std::uint8_t* p, std::size_t n);

// vectors/*.json, read with nlohmann/json (as the tests read them): a missing
// key or a value of the wrong kind throws, which stops the binary loudly.
using json = nlohmann::json;
json load_json(const std::string& path_in_source);  // e.g. "vectors/rfc8448/simple_1rtt.json"
byte_vector hex(const json& value);                 // a hex string value as bytes

// Files of a directory whose names end in `suffix`, sorted by name.
std::vector<std::string> list_files(const std::string& dir, std::string_view suffix);

// A handshake message benchmarked as a bare message (msg) and inside its
// TLSPlaintext record (rec).
struct hello_input {
    std::string name;   // e.g. "openssl_ch13"
    std::string source; // where the bytes come from (for messages)
    byte_vector msg;    // msg_type, uint24 length, body
    byte_vector rec;    // 16 03 0x LL LL + msg
    bool server = false;  // a ServerHello (parsed with version 0x0304), else a ClientHello
};

// Every input of vectors/bench/ (NAME.msg.hex + NAME.rec.hex) and RFC 8448 §3's
// ClientHello and ServerHello (vectors/rfc8448/simple_1rtt.json, read at run
// time). Checked: each record wraps exactly its message. Built once.
const std::vector<hello_input>& hello_inputs();

// allocation_count — calls of the global operator new (every form) so far on
// this thread; the benchmark binary replaces operator new/delete to count.
std::uint64_t allocation_count() noexcept;

// hide — the optimizer forgets what p points to, so work on the same buffer
// cannot be hoisted out of the timing loop.
template <class T>
inline T* hide(T* p) noexcept {
    asm volatile("" : "+r"(p) : : "memory");
    return p;
}

// byte_loop — the baseline: every byte read and added into one running sum,
// one byte per step. The empty asm makes the sum opaque after every add, so
// the loop cannot be vectorized or unrolled into wider adds: a chain of n
// dependent load+add steps, the floor of a parser that looks at each byte.
// Out of line and 64-byte aligned (support.cpp): where such a tight loop
// falls relative to 32/64-byte boundaries changes its speed by 1.6x on this
// machine, so its placement must not depend on what else the binary holds.
std::uint64_t byte_loop(const std::uint8_t* p, std::size_t n) noexcept;

// measure — the timing loop of every benchmark here. `once` returns a check
// value made from what it computed; it runs once before timing to get the
// expected value, and the sum over the timed iterations must be iterations x
// that value, so every iteration really did the whole work and got the same
// answer (else the benchmark is reported as an error). Counters:
//   allocs_per_iter  operator new calls per iteration (0 for tlswire parses)
//   bytes            the input size (when there is one); bytes_per_second follows from it.
template <class F>
void measure(benchmark::State& state, std::size_t bytes, F&& once) {
    const std::uint64_t expected = once();
    std::uint64_t sum = 0;
    const std::uint64_t allocs_before = allocation_count();
    for (auto _ : state) {
        sum += once();
        benchmark::DoNotOptimize(sum);
    }
    const std::uint64_t allocs = allocation_count() - allocs_before;
    if (sum != expected * static_cast<std::uint64_t>(state.iterations()))
        state.SkipWithError("the result changed between iterations (or an iteration failed)");
    state.counters["allocs_per_iter"] =
        benchmark::Counter(static_cast<double>(allocs), benchmark::Counter::kAvgIterations);
    if (bytes == 0) return;  // the key schedule: no input bytes to speak of
    state.counters["bytes"] = static_cast<double>(bytes);
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * static_cast<std::int64_t>(state.iterations()));
}

// The parts of tlswire_bench, each in its own file; each loads and checks its
// inputs (failing loudly) and registers its benchmarks.
void register_hello_benchmarks();
void register_botan_benchmarks();  // Botan 2 (no-op when it was not found)
void register_flight_benchmarks();
void register_kdf_benchmarks();

}  // namespace tlswire_bench
