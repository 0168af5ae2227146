// benchmarks/support.cpp — input loading for tlswire_bench (see support.hpp).
#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tlswire_bench {

void fail(const std::string& why) {
    std::fprintf(stderr, "tlswire_bench: error: %s\n", why.c_str());
    std::exit(1);
}

const std::string& source_dir() {
    static const std::string dir = [] {
        if (const char* env = std::getenv("TLSWIRE_SOURCE_DIR"); env != nullptr && *env != '\0') return std::string(env);
        return std::string(TLSWIRE_SOURCE_DIR);
    }();
    return dir;
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) fail("cannot open " + path);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

namespace {
int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

byte_vector unhex(std::string_view hex, const std::string& what) {
    byte_vector out;
    out.reserve(hex.size() / 2);
    int high = -1;
    for (char c : hex) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        const int v = hex_digit(c);
        if (v < 0) fail("bad hex character in " + what);
        if (high < 0) {
            high = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(high << 4 | v));
            high = -1;
        }
    }
    if (high >= 0) fail("odd number of hex digits in " + what);
    return out;
}

byte_vector read_hex_file(const std::string& path) { return unhex(read_file(path), path); }

std::string to_hex(const std::uint8_t* p, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        s += digits[p[i] >> 4];
        s += digits[p[i] & 15];
    }
    return s;
}

[[gnu::noinline, gnu::aligned(64)]] std::uint64_t byte_loop(const std::uint8_t* p, std::size_t n) noexcept {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sum += p[i];
        asm("" : "+r"(sum));
    }
    return sum;
}

json load_json(const std::string& path_in_source) {
    try {
        return json::parse(read_file(source_dir() + "/" + path_in_source));
    } catch (const json::exception& e) {
        fail(path_in_source + ": " + e.what());
    }
}

byte_vector hex(const json& value) { return unhex(value.get<std::string>(), "a vectors/ hex value"); }

std::vector<std::string> list_files(const std::string& dir, std::string_view suffix) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(name);
    }
    if (ec) fail("cannot list " + dir + ": " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

// ---- the hello inputs -----------------------------------------------------------

namespace {

// The record must be a handshake record (16 03 0x) whose fragment is exactly msg.
void check_record(const hello_input& in) {
    const auto& r = in.rec;
    if (r.size() != in.msg.size() + 5 || r[0] != 0x16 || r[1] != 0x03 ||
        (std::size_t{r[3]} << 8 | r[4]) != in.msg.size() || !std::equal(in.msg.begin(), in.msg.end(), r.begin() + 5))
        fail(in.name + ": the record does not hold exactly the message");
    const auto& m = in.msg;
    if (m.size() < 4 || (std::size_t{m[1]} << 16 | std::size_t{m[2]} << 8 | m[3]) != m.size() - 4)
        fail(in.name + ": the handshake length does not match the message");
    if (m[0] != 1 && m[0] != 2) fail(in.name + ": neither a ClientHello nor a ServerHello");
}

std::vector<hello_input> load_hello_inputs() {
    std::vector<hello_input> out;
    const std::string dir = source_dir() + "/vectors/bench";
    for (const std::string& file : list_files(dir, ".msg.hex")) {
        hello_input in;
        in.name = file.substr(0, file.size() - 8);
        in.source = "vectors/bench/" + file;
        in.msg = read_hex_file(dir + "/" + file);
        in.rec = read_hex_file(dir + "/" + in.name + ".rec.hex");
        out.push_back(std::move(in));
    }
    if (out.empty()) fail("no inputs in " + dir);
    // RFC 8448 §3, read where the project keeps it (not duplicated).
    const json trace = load_json("vectors/rfc8448/simple_1rtt.json");
    const json& messages = trace.at("messages");
    const json& records = trace.at("records");
    const char* const names[] = {"rfc8448_ch", "rfc8448_sh"};
    for (std::size_t i = 0; i < 2; ++i) {
        hello_input in;
        in.name = names[i];
        in.source = "vectors/rfc8448/simple_1rtt.json";
        in.msg = hex(messages.at(i).at("hex"));
        in.rec = hex(records.at(i).at("hex"));
        out.push_back(std::move(in));
    }
    for (hello_input& in : out) {
        check_record(in);
        in.server = in.msg[0] == 2;
    }
    std::sort(out.begin(), out.end(), [](const hello_input& a, const hello_input& b) { return a.name < b.name; });
    return out;
}

}  // namespace

const std::vector<hello_input>& hello_inputs() {
    static const std::vector<hello_input> inputs = load_hello_inputs();
    return inputs;
}

}  // namespace tlswire_bench
