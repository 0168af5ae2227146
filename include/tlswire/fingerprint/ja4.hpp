// tlswire/fingerprint/ja4.hpp — JA4, the TLS client fingerprint, and its
// raw (_r), original-order (_o) and raw original-order (_ro) forms.
//
// The definition is FoxIO's technical_details/JA4.md (JA4 itself is
// BSD-3-Clause; JA4S, JA4X and the rest of "JA4+" are under FoxIO's
// non-commercial licence and are not implemented here). Its rules, as
// transcribed (section names are JA4.md's):
//
//   ja4 = a_b_c, a = (transport)(version)(sni)(ciphers)(extensions)(alpn)
//   - "QUIC and DTLS": 't' TLS over TCP, 'q' QUIC, 'd' DTLS — what carried
//     the hello is not in it, so it is a parameter (ja4_transport).
//   - "TLS and DTLS Version": "If extension 0x002b exists (supported_versions),
//     then the version is the highest value in the extension. Remember to
//     ignore GREASE values. If the extension doesn't exist, then the TLS
//     version is the value of the Protocol Version" (legacy_version; the
//     record layer's version is ignored). Then 0x0304 "13", 0x0303 "12",
//     0x0302 "11", 0x0301 "10", 0x0300 "s3", 0x0002 "s2", 0xfeff "d1",
//     0xfefd "d2", 0xfefc "d3", anything else "00". Readings of ours: DTLS
//     numbers run downwards (RFC 6347 §4.1, RFC 9147 §5.3: the 1's
//     complement of 1.0, 1.2, 1.3), so "highest" among DTLS versions is the
//     newest (DTLS 1.3 over DTLS 1.2), not the largest number; a
//     supported_versions that lists only GREASE, or whose body does not
//     decode, counts as absent (legacy_version).
//   - "SNI": 'd' when the server_name extension (0x0000) is there, 'i' when not.
//   - "Number of Ciphers", "Number of Extensions": two digits, "99" above 99,
//     GREASE not counted; SCSVs and every other value counted; the
//     extension count includes SNI and ALPN.
//   - "ALPN Extension Value": the first and last characters of the first
//     ALPN protocol name; "00" when there is no ALPN extension, no name, or
//     the first name is empty; a one-character name gives that character
//     twice; "If the first or last byte of the first ALPN is non-alphanumeric
//     (meaning not 0x30-0x39, 0x41-0x5A, or 0x61-0x7A), then we print the
//     first and last characters of the hex representation of the first ALPN
//     instead" (0xAB -> "ab", 0xAB 0xCD -> "ad", 0x30 0xAB -> "3b"). This
//     follows the text, also for bytes outside ASCII (UTF-8 "é", c3 a9, gives
//     "c9"), where FoxIO's code differs: its Rust implementation, in the
//     revision read for this (rust/ja4/src/tls.rs), turns a non-ASCII
//     character into '9' and gives a one-character name as that character
//     and '0'. Reading of ours: a GREASE protocol name (RFC 8701 §2: 0x?A
//     0x?A) is skipped like every GREASE value ("ignore GREASE values
//     anywhere"), so "first" is the first other name.
//   - b, "Cipher hash": the cipher suites as 4 lowercase hex digits, GREASE
//     removed, "sorted in hex order", comma-separated; SHA-256, the first 12
//     hex digits; "000000000000" when the list is empty.
//   - c, "Extension hash": the extension types likewise sorted, GREASE, SNI
//     (0000) and ALPN (0010) removed, then '_' and the signature_algorithms
//     (13) list "in the order that they appear (not sorted)", GREASE removed
//     too; without signature algorithms "the string ends without an
//     underscore". SHA-256, 12 hex digits; "000000000000" when the extension
//     list (of that form: see _o below) is empty. Only signature_algorithms
//     counts, not signature_algorithms_cert (50) or delegated_credential (34).
//   - "Raw Output": ja4_r is a_(b's list)_(c's string); ja4_o and ja4_ro are
//     the same "in the original order, less GREASE values. This means SNI
//     (0000) and ALPN (0010) are included". A list that is empty is written
//     empty in the raw forms (JA4.md defines 000000000000 for the hashes only).
//
// Every function is constexpr and allocates nothing (sorting: sorted.hpp).
// ja4() and ja4_o() are always exact and 36 characters long; ja4_r() and
// ja4_ro() return at most N characters (truncated set when longer, see
// fingerprint_text), write_ja4_r / write_ja4_ro hand the whole text to
// out(std::string_view). Cost: a few microseconds for a browser's
// ClientHello, most of it the reference SHA-256 (64-byte blocks of the two
// lists); a few milliseconds for the largest lists the RFC bounds allow.
// The DTLS transport only sets the first character: a DTLS ClientHello
// (RFC 6347 §4.2.1, with its cookie) needs a DTLS parse, which tlswire does
// not have yet; these functions take the client_hello that parse gives.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/extensions/alpn.hpp"
#include "tlswire/extensions/signature_algorithms.hpp"
#include "tlswire/extensions/supported_versions.hpp"
#include "tlswire/fingerprint/common.hpp"
#include "tlswire/fingerprint/digest.hpp"
#include "tlswire/fingerprint/sorted.hpp"
#include "tlswire/fingerprint/text.hpp"
#include "tlswire/messages/hello.hpp"

namespace tlswire {

// ja4_transport — JA4's first character: what carried the ClientHello.
enum class ja4_transport : char { tcp = 't', quic = 'q', dtls = 'd' };

// ja4_raw_max_size — an upper bound on ja4_r / ja4_ro: a (10) + 3
// underscores + at most 32,767 suites, 16,383 extensions and 32,767
// signature algorithms (supported_signature_algorithms<2..2^16-2>) of at
// most "hhhh," each. fingerprint_text<ja4_raw_max_size> never truncates (but
// is 400 KiB: not for the stack).
inline constexpr std::size_t ja4_raw_max_size = 10 + 3 + 5 * (32767 + 16383 + 32767);

namespace detail {

// ja4_version_rank(v) — orders versions newest last: TLS numbers as they
// are, DTLS numbers (0xfe__) by their 1's complement (DTLS 1.0 0xfeff ->
// 0x0100, 1.2 -> 0x0102, 1.3 -> 0x0103), so DTLS 1.3 ranks above DTLS 1.0.
[[nodiscard]] constexpr std::uint16_t ja4_version_rank(std::uint16_t v) noexcept {
    return (v >> 8) == 0xfe ? static_cast<std::uint16_t>(~v) : v;
}

// ja4_version(ch) — the version JA4 reports (see the header comment).
[[nodiscard]] constexpr std::uint16_t ja4_version(const client_hello& ch) {
    if (const auto sv = typed_extension_of<supported_versions_client_hello>(ch.extensions)) {
        bool found = false;
        std::uint16_t best = 0;
        for (const protocol_version pv : sv->versions) {
            const auto v = static_cast<std::uint16_t>(pv);
            if (is_grease_u16(v)) continue;
            if (!found || ja4_version_rank(v) > ja4_version_rank(best)) best = v;
            found = true;
        }
        if (found) return best;
    }
    return static_cast<std::uint16_t>(ch.legacy_version);
}

// ja4_version_chars(v) — JA4.md's version table.
[[nodiscard]] constexpr std::array<char, 2> ja4_version_chars(std::uint16_t v) noexcept {
    switch (v) {
        case 0x0304: return {'1', '3'};
        case 0x0303: return {'1', '2'};
        case 0x0302: return {'1', '1'};
        case 0x0301: return {'1', '0'};
        case 0x0300: return {'s', '3'};
        case 0x0002: return {'s', '2'};
        case 0xfeff: return {'d', '1'};
        case 0xfefd: return {'d', '2'};
        case 0xfefc: return {'d', '3'};
        default: return {'0', '0'};
    }
}

[[nodiscard]] constexpr bool ja4_alphanumeric(std::uint8_t c) noexcept {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

// ja4_alpn_chars(name) — the two characters of one protocol name.
[[nodiscard]] constexpr std::array<char, 2> ja4_alpn_chars(bytes_view name) noexcept {
    if (name.empty()) return {'0', '0'};
    const std::uint8_t first = name[0];
    const std::uint8_t last = name[name.size() - 1];
    if (ja4_alphanumeric(first) && ja4_alphanumeric(last))
        return {static_cast<char>(first), static_cast<char>(last)};
    // The first and last characters of the name's hex: the high nibble of
    // its first byte, the low nibble of its last.
    return {hex_digits[first >> 4], hex_digits[last & 0xf]};
}

[[nodiscard]] constexpr bool grease_protocol_name(bytes_view name) noexcept {
    return name.size() == 2 && name[0] == name[1] && (name[0] & 0x0f) == 0x0a;
}

// ja4_alpn(ch) — the ALPN part of a: the first non-GREASE protocol name's.
[[nodiscard]] constexpr std::array<char, 2> ja4_alpn(const client_hello& ch) {
    if (const auto alpn = typed_extension_of<alpn_client_hello>(ch.extensions))
        for (const bytes_view name : alpn->protocol_name_list)
            if (!grease_protocol_name(name)) return ja4_alpn_chars(name);
    return {'0', '0'};
}

// ja4_a(ch, transport) — the first part, 10 characters ("t13d1516h2").
[[nodiscard]] constexpr std::array<char, 10> ja4_a(const client_hello& ch, ja4_transport transport) {
    const auto version = ja4_version_chars(ja4_version(ch));
    const char sni = ch.extensions.contains(extension_type::server_name) ? 'd' : 'i';
    const auto ciphers = two_digits(count(ch.cipher_suites, [](cipher_suite cs) { return grease_free(cs); }));
    const auto extensions = two_digits(count(ch.extensions, extension_key));
    const auto alpn = ja4_alpn(ch);
    return {static_cast<char>(transport), version[0], version[1], sni, ciphers[0], ciphers[1],
            extensions[0], extensions[1], alpn[0], alpn[1]};
}

// comma_list — writes 4-hex-digit values to `out`, comma-separated, one
// piece per value (`lead`, when not 0, goes before the first), and counts them.
template <class Out>
struct comma_list {
    Out& out;
    char lead = 0;
    std::size_t n = 0;
    constexpr void operator()(std::uint16_t v) {
        small_text t;
        const char before = n++ == 0 ? lead : ',';
        if (before != 0) t.chars[t.size++] = before;
        append_hex4(t, v);
        out(t.view());
    }
};

// ja4_sorted_key(e) — a sorted-form extension's type, -1 for GREASE, SNI and ALPN.
[[nodiscard]] constexpr int ja4_sorted_key(const extension& e) noexcept {
    const int k = extension_key(e);
    return k == 0x0000 || k == 0x0010 ? -1 : k;
}

// write_ja4_ciphers — b's list; returns how many values it wrote.
template <class Out>
constexpr std::size_t write_ja4_ciphers(const client_hello& ch, bool sorted, Out& out) {
    auto key = [](cipher_suite cs) { return grease_free(cs); };
    comma_list<Out> list{out};
    if (sorted) for_each_sorted(ch.cipher_suites, key, list);
    else
        for (const cipher_suite cs : ch.cipher_suites)
            if (key(cs) >= 0) list(static_cast<std::uint16_t>(cs));
    return list.n;
}

// write_ja4_extensions — c's string; returns how many extension types it
// wrote (0: c is empty).
template <class Out>
constexpr std::size_t write_ja4_extensions(const client_hello& ch, bool sorted, Out& out) {
    comma_list<Out> list{out};
    if (sorted) for_each_sorted(ch.extensions, ja4_sorted_key, list);
    else
        for (const extension& e : ch.extensions)
            if (extension_key(e) >= 0) list(static_cast<std::uint16_t>(e.extension_type));
    if (const auto sa = typed_extension_of<signature_algorithms_extension>(ch.extensions)) {
        // "_" before the first algorithm; nothing at all without one.
        comma_list<Out> algorithms{out, '_'};
        for (const signature_scheme s : sa->supported_signature_algorithms)
            if (grease_free(s) >= 0) algorithms(static_cast<std::uint16_t>(s));
    }
    return list.n;
}

// write_ja4_hash — SHA-256 of what `part` writes, its first 12 hex digits,
// or 000000000000 when `part` reports an empty list.
template <class Part, class Out>
constexpr void write_ja4_hash(Part part, Out& out) {
    digest_writer<crypto::reference::sha256> h;
    if (part(h) == 0) {
        out("000000000000");
        return;
    }
    write_hex(h.digest(), 12, out);
}

template <class Out>
constexpr void write_ja4_raw(const client_hello& ch, ja4_transport transport, bool sorted, Out& out) {
    const auto a = ja4_a(ch, transport);
    out(std::string_view(a.data(), a.size()));
    out("_");
    write_ja4_ciphers(ch, sorted, out);
    out("_");
    write_ja4_extensions(ch, sorted, out);
}

template <class Out>
constexpr void write_ja4_hashed(const client_hello& ch, ja4_transport transport, bool sorted, Out& out) {
    const auto a = ja4_a(ch, transport);
    out(std::string_view(a.data(), a.size()));
    out("_");
    write_ja4_hash([&](auto& h) { return write_ja4_ciphers(ch, sorted, h); }, out);
    out("_");
    write_ja4_hash([&](auto& h) { return write_ja4_extensions(ch, sorted, h); }, out);
}

}  // namespace detail

// ja4(ch, transport) — JA4, e.g. "t13d1516h2_8daaf6152771_e5627efa2ab1".
[[nodiscard]] constexpr fingerprint_text<36> ja4(const client_hello& ch, ja4_transport transport) {
    fingerprint_text<36> t;
    detail::write_ja4_hashed(ch, transport, true, t);
    return t;
}

// ja4_o(ch, transport) — JA4 of the lists in their original order (SNI and
// ALPN kept in c).
[[nodiscard]] constexpr fingerprint_text<36> ja4_o(const client_hello& ch, ja4_transport transport) {
    fingerprint_text<36> t;
    detail::write_ja4_hashed(ch, transport, false, t);
    return t;
}

// write_ja4_r(ch, transport, out) / write_ja4_ro — the raw forms, whole, to
// out(std::string_view).
template <class Out>
constexpr void write_ja4_r(const client_hello& ch, ja4_transport transport, Out&& out) {
    detail::write_ja4_raw(ch, transport, true, out);
}
template <class Out>
constexpr void write_ja4_ro(const client_hello& ch, ja4_transport transport, Out&& out) {
    detail::write_ja4_raw(ch, transport, false, out);
}

// ja4_r<N>(ch, transport) — the raw JA4: a, then the sorted lists that b
// and c hash. At most N characters (see above).
template <std::size_t N = fingerprint_text_capacity>
[[nodiscard]] constexpr fingerprint_text<N> ja4_r(const client_hello& ch, ja4_transport transport) {
    fingerprint_text<N> t;
    write_ja4_r(ch, transport, t);
    return t;
}

// ja4_ro<N>(ch, transport) — the raw JA4 of the lists in original order.
template <std::size_t N = fingerprint_text_capacity>
[[nodiscard]] constexpr fingerprint_text<N> ja4_ro(const client_hello& ch, ja4_transport transport) {
    fingerprint_text<N> t;
    write_ja4_ro(ch, transport, t);
    return t;
}

}  // namespace tlswire
