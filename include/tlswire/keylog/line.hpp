// tlswire/keylog/line.hpp — the lines of an SSLKEYLOGFILE (RFC 9850), read
// one at a time, without allocating and at compile time too.
//
// RFC 9850 §2: a text file of lines ended by CRLF, CR or LF; a line that is
// empty or starts with '#' is ignored; every other line is
//     <label> SP <client_random: 64 hex digits> SP <secret: hex>
// with hex digits in either case. Labels: §2.1 (TLS 1.3), §2.2 (CLIENT_RANDOM,
// the TLS ≤1.2 master secret), §2.3 (ECH_SECRET, ECH_CONFIG).
//
// What is accepted beyond the letter of §2, because deployed implementations
// write it (each is a documented choice, not an accident):
//   * CLIENT_TRAFFIC_SECRET / SERVER_TRAFFIC_SECRET without the "_0" suffix,
//     and "_N" for any decimal N: the application traffic secret of
//     generation N (RFC 8446 §7.2), which some stacks log after a KeyUpdate;
//   * spaces or tabs at the end of a line (editors and shells leave them).
// A line with an unknown label is skipped without a report: §4.2 makes the
// labels a registry that grows, and §2 lets tools ignore what they do not
// understand. A malformed line (a known label with a bad client_random or
// secret, a missing field, a non-hex digit) is reported with its line number
// and the absolute offset of the bad field, and parsing goes on with the next
// line: one bad line never costs the rest of the file.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::keylog {

// label — what a line's secret is (RFC 9850 §2.1–2.3).
enum class label : std::uint8_t {
    client_random,                    // "CLIENT_RANDOM": the TLS ≤1.2 master secret (§2.2)
    client_early_traffic_secret,      // client_early_traffic_secret (RFC 8446 §7.1)
    early_exporter_secret,            // early_exporter_master_secret
    client_handshake_traffic_secret,  // client_handshake_traffic_secret
    server_handshake_traffic_secret,  // server_handshake_traffic_secret
    client_traffic_secret,            // client_application_traffic_secret_N ("CLIENT_TRAFFIC_SECRET_N")
    server_traffic_secret,            // server_application_traffic_secret_N
    exporter_secret,                  // exporter_master_secret
    ech_secret,                       // the HPKE KEM shared secret of ECH (§2.3)
    ech_config,                       // the ECHConfig the client used (§2.3)
};

// to_string(l) — the label as RFC 9850 spells it (the traffic secrets
// without their generation suffix).
[[nodiscard]] constexpr std::string_view to_string(label l) noexcept {
    switch (l) {
        case label::client_random: return "CLIENT_RANDOM";
        case label::client_early_traffic_secret: return "CLIENT_EARLY_TRAFFIC_SECRET";
        case label::early_exporter_secret: return "EARLY_EXPORTER_SECRET";
        case label::client_handshake_traffic_secret: return "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
        case label::server_handshake_traffic_secret: return "SERVER_HANDSHAKE_TRAFFIC_SECRET";
        case label::client_traffic_secret: return "CLIENT_TRAFFIC_SECRET";
        case label::server_traffic_secret: return "SERVER_TRAFFIC_SECRET";
        case label::exporter_secret: return "EXPORTER_SECRET";
        case label::ech_secret: return "ECH_SECRET";
        case label::ech_config: return "ECH_CONFIG";
    }
    return "";
}

// secret — a logged secret's bytes. 64 octets hold every fixed-size secret
// the labels name: a TLS 1.3 secret is Hash.length (32 or 48, RFC 8446
// §7.1), the master secret 48 (RFC 5246 §8.1), an HPKE KEM shared secret at
// most 64 (RFC 9180 §7.1: Nsecret of DHKEM(P-521) and DHKEM(X448)).
struct secret {
    static constexpr std::size_t capacity = 64;
    std::array<std::uint8_t, capacity> bytes{};
    std::uint8_t size = 0;

    [[nodiscard]] constexpr bytes_view view() const noexcept { return bytes_view(bytes.data(), size); }
    friend constexpr bool operator==(const secret& a, const secret& b) noexcept {
        return a.size == b.size && equal_bytes(a.bytes.data(), b.bytes.data(), a.size);
    }
};

// entry — one secret line.
struct entry {
    keylog::label label{};
    std::uint32_t generation = 0;  // N of CLIENT/SERVER_TRAFFIC_SECRET_N; 0 for the other labels
    std::array<std::uint8_t, 32> client_random{};
    secret value{};                // the secret (empty for ECH_CONFIG, which has no size limit)
    std::string_view secret_hex;   // the secret as written: ECH_CONFIG's only form
    std::size_t line = 0;          // 1-based
    std::size_t offset = 0;        // of the line's first character, in the text given
    std::size_t secret_offset = 0; // of the secret's first hex digit, in the text given
};

// line_error — a malformed line: the error (its offset is absolute in the
// text given; `where` names the field) and the 1-based line number.
struct line_error {
    tlswire::error error{};
    std::size_t line = 0;
};

namespace detail {

[[nodiscard]] constexpr int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// bad_hex — the index of the first character of `s` that is not a hex digit,
// or npos.
[[nodiscard]] constexpr std::size_t bad_hex(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (hex_value(s[i]) < 0) return i;
    return std::string_view::npos;
}

// decode_hex — s (even length, all hex digits: checked before) into out.
constexpr void decode_hex(std::string_view s, std::uint8_t* out) noexcept {
    for (std::size_t i = 0; i + 1 < s.size(); i += 2)
        out[i / 2] = static_cast<std::uint8_t>(hex_value(s[i]) * 16 + hex_value(s[i + 1]));
}

struct label_spelling {
    std::string_view name;
    keylog::label value;
};

// Every spelling with a fixed name; the traffic secrets' "_N" forms are read
// by match_label.
inline constexpr std::array<label_spelling, 8> fixed_labels{{
    {"CLIENT_RANDOM", label::client_random},
    {"CLIENT_EARLY_TRAFFIC_SECRET", label::client_early_traffic_secret},
    {"EARLY_EXPORTER_SECRET", label::early_exporter_secret},
    {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", label::client_handshake_traffic_secret},
    {"SERVER_HANDSHAKE_TRAFFIC_SECRET", label::server_handshake_traffic_secret},
    {"EXPORTER_SECRET", label::exporter_secret},
    {"ECH_SECRET", label::ech_secret},
    {"ECH_CONFIG", label::ech_config},
}};

// match_label(s, out, generation) — whether s is a label this reader knows.
[[nodiscard]] constexpr bool match_label(std::string_view s, keylog::label& out, std::uint32_t& generation) noexcept {
    generation = 0;
    for (const label_spelling& l : fixed_labels)
        if (s == l.name) return out = l.value, true;
    for (const label_spelling l : {label_spelling{"CLIENT_TRAFFIC_SECRET", label::client_traffic_secret},
                                   label_spelling{"SERVER_TRAFFIC_SECRET", label::server_traffic_secret}}) {
        if (s.substr(0, l.name.size()) != l.name) continue;
        const std::string_view n = s.substr(l.name.size());
        if (n.empty()) return out = l.value, true;  // written without "_0" by some stacks
        // "_N": N decimal, no sign, no leading zero, below 2^32.
        if (n.size() < 2 || n.size() > 11 || n[0] != '_' || (n[1] == '0' && n.size() > 2)) return false;
        std::uint64_t g = 0;
        for (const char c : n.substr(1)) {
            if (c < '0' || c > '9') return false;
            g = g * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (g > 0xffffffffu) return false;
        generation = static_cast<std::uint32_t>(g);
        return out = l.value, true;
    }
    return false;
}

// secret_size_ok(l, n) — whether n octets is a size this label's secret can have.
[[nodiscard]] constexpr bool secret_size_ok(keylog::label l, std::size_t n) noexcept {
    switch (l) {
        case label::client_random: return n == 48;  // RFC 5246 §8.1: master_secret[48]
        case label::ech_secret: return n >= 1 && n <= secret::capacity;
        case label::ech_config: return n >= 1;
        default: return n == 32 || n == 48;  // Hash.length of a TLS 1.3 suite's hash
    }
}

// read_line — one line (without its terminator) that starts at `at`.
// Returns false for a line to skip (comment, empty, unknown label) or a
// malformed one (then `err` is set).
[[nodiscard]] constexpr bool read_line(std::string_view line, std::size_t at, entry& out, error& err) noexcept {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') return false;
    const std::size_t sp1 = line.find(' ');
    if (!match_label(line.substr(0, sp1), out.label, out.generation)) return false;
    if (sp1 == std::string_view::npos) {
        err = error{errc::truncated, at + line.size(), "client_random"};
        return false;
    }
    const std::size_t cr_at = sp1 + 1;
    const std::size_t sp2 = line.find(' ', cr_at);
    const std::string_view cr = line.substr(cr_at, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - cr_at);
    if (const std::size_t bad = bad_hex(cr); bad != std::string_view::npos) {
        err = error{errc::illegal_value, at + cr_at + bad, "client_random"};
        return false;
    }
    if (cr.size() != 64) {  // §2: "encoded as 64 hexadecimal characters"
        err = error{cr.size() < 64 ? errc::truncated : errc::length_out_of_range, at + cr_at, "client_random"};
        return false;
    }
    if (sp2 == std::string_view::npos) {
        err = error{errc::truncated, at + line.size(), "secret"};
        return false;
    }
    const std::size_t s_at = sp2 + 1;
    const std::string_view s = line.substr(s_at);
    if (const std::size_t bad = bad_hex(s); bad != std::string_view::npos) {
        // A second space (a fourth field) lands here too: the secret is one field.
        err = error{errc::illegal_value, at + s_at + bad, "secret"};
        return false;
    }
    if (s.size() % 2 != 0) {
        err = error{errc::length_not_multiple, at + s_at, "secret"};
        return false;
    }
    if (!secret_size_ok(out.label, s.size() / 2)) {
        err = error{s.empty() ? errc::truncated : errc::length_out_of_range, at + s_at, "secret"};
        return false;
    }
    decode_hex(cr, out.client_random.data());
    out.secret_hex = s;
    out.secret_offset = at + s_at;
    out.value = secret{};
    if (out.label != label::ech_config) {
        decode_hex(s, out.value.bytes.data());
        out.value.size = static_cast<std::uint8_t>(s.size() / 2);
    }
    return true;
}

}  // namespace detail

// parse(text, on_entry, on_error) — every line of an SSLKEYLOGFILE, in
// order: on_entry(const entry&) for each secret line, on_error(const
// line_error&) for each malformed one. A byte order mark at the start (which
// §2 forbids a writer to put there) is reported once and skipped.
template <class OnEntry, class OnError>
constexpr void parse(std::string_view text, OnEntry&& on_entry, OnError&& on_error) {
    std::size_t pos = 0;
    std::size_t line_no = 1;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        on_error(line_error{error{errc::illegal_value, 0, "byte order mark"}, 1});
        pos = 3;
    }
    while (pos < text.size()) {
        std::size_t end = pos;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
        entry e{};
        e.line = line_no;
        e.offset = pos;
        error err{};
        if (detail::read_line(text.substr(pos, end - pos), pos, e, err)) on_entry(static_cast<const entry&>(e));
        else if (err.code != errc::ok) on_error(line_error{err, line_no});
        // §2: CRLF, CR or LF ends a line.
        if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
        pos = end + 1;
        ++line_no;
    }
}

}  // namespace tlswire::keylog
