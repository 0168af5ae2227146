// tlswire/fingerprint/ja3.hpp — JA3 (a ClientHello) and JA3S (a ServerHello).
//
// The definition is salesforce/ja3's README ("How it works", "JA3S"),
// BSD-3-Clause; this is a transcription of its rules, not of its scripts:
//
// JA3:  SSLVersion,Cipher,SSLExtension,EllipticCurve,EllipticCurvePointFormat
//   - "the decimal values of the bytes for the following fields in the
//     Client Hello": SSLVersion is ClientHello.legacy_version (client_version
//     before TLS 1.3; 771 for a TLS 1.3 ClientHello too, never the record
//     layer's version nor supported_versions); Cipher the cipher_suites,
//     SSLExtension the extension types, EllipticCurve the supported_groups
//     (10) list, EllipticCurvePointFormat the ec_point_formats (11) list,
//     each in the order the hello carries them;
//   - "using a "," to delimit each field and a "-" to delimit each value in
//     each field"; a field with no values is empty ("If there are no SSL
//     Extensions in the Client Hello, the fields are left empty":
//     "769,4-5-10-9-100-98-3-6-19-18-99,,,");
//   - GREASE values are left out everywhere: "JA3 ignores these values
//     completely" (common.hpp). Point formats are single bytes: RFC 8701
//     defines no GREASE for them, so none is removed there;
//   - JA3 is the MD5 of that string, 32 lowercase hex digits.
// JA3S: SSLVersion,Cipher,SSLExtension of the ServerHello (legacy_version,
//   the selected suite, the extension types in order), MD5 likewise. GREASE
//   is left out here too (JA3S is "JA3 for the Server side", and Wireshark's
//   ja3s does so); salesforce's ja3s.py script keeps GREASE extension types,
//   which a ServerHello never legitimately carries (RFC 8701 §4). A
//   HelloRetryRequest is a ServerHello on the wire and has a JA3S as well.
//
// An extension whose body does not decode contributes no values (possible
// only in a block built by hand: a parse validates every body it knows).
//
// Every function is constexpr and allocates nothing. ja3() and ja3s() hash
// the string as it is written, so they are exact for any hello; ja3_string()
// and ja3s_string() return at most N characters (truncated set when the
// string is longer, see fingerprint_text); write_ja3_string(ch, out) hands
// the whole string to `out(std::string_view)` piece by piece.
#pragma once

#include <cstddef>

#include "tlswire/extensions/supported_groups.hpp"
#include "tlswire/fingerprint/common.hpp"
#include "tlswire/fingerprint/digest.hpp"
#include "tlswire/fingerprint/text.hpp"
#include "tlswire/messages/hello.hpp"

namespace tlswire {

// ja3_string_max_size — an upper bound on a JA3 string's length, from the
// RFC bounds: version (5) + 4 commas + at most 32,767 suites
// (cipher_suites<2..2^16-2>), 16,383 extensions (each at least 4 bytes of
// extensions<..2^16-1>) and 32,767 groups (named_group_list<2..2^16-1>) of
// at most "65535-" each + 255 point formats of at most "255-" each.
// fingerprint_text<ja3_string_max_size> never truncates (but is 480 KiB:
// not for the stack).
inline constexpr std::size_t ja3_string_max_size = 5 + 4 + 6 * (32767 + 16383 + 32767) + 4 * 255;

// write_ja3_string(ch, out) — the JA3 string of `ch`, to out(std::string_view).
template <class Out>
constexpr void write_ja3_string(const client_hello& ch, Out&& out) {
    using detail::grease_free;
    auto value = [](auto v) { return grease_free(v); };
    out(detail::decimal(static_cast<std::uint16_t>(ch.legacy_version)).view());
    out(",");
    detail::join(ch.cipher_suites, value, detail::decimal, "-", out);
    out(",");
    detail::join(ch.extensions, detail::extension_key, detail::decimal, "-", out);
    out(",");
    if (const auto groups = detail::typed_extension_of<supported_groups_extension>(ch.extensions))
        detail::join(groups->named_group_list, value, detail::decimal, "-", out);
    out(",");
    if (const auto formats = detail::typed_extension_of<ec_point_formats_extension>(ch.extensions))
        detail::join(
            formats->ec_point_format_list, [](ec_point_format f) { return static_cast<int>(f); }, detail::decimal,
            "-", out);
}

// ja3_string<N>(ch) — the JA3 string, at most N characters (see above).
template <std::size_t N = fingerprint_text_capacity>
[[nodiscard]] constexpr fingerprint_text<N> ja3_string(const client_hello& ch) {
    fingerprint_text<N> t;
    write_ja3_string(ch, t);
    return t;
}

// ja3(ch) — JA3: the MD5 of the JA3 string, 32 lowercase hex digits.
[[nodiscard]] constexpr fingerprint_text<32> ja3(const client_hello& ch) {
    detail::digest_writer<crypto::reference::md5> h;
    write_ja3_string(ch, h);
    fingerprint_text<32> t;
    detail::write_hex(h.digest(), 32, t);
    return t;
}

// ja3s_string_max_size — the same bound for JA3S: version (5) + 2 commas +
// one suite (5) + at most 16,383 extensions of "65535-".
inline constexpr std::size_t ja3s_string_max_size = 5 + 2 + 5 + 6 * 16383;

// write_ja3s_string(sh, out) — the JA3S string of a ServerHello (or
// HelloRetryRequest), to out(std::string_view).
template <message_kind Kind, handshake_type Type, class Out>
constexpr void write_ja3s_string(const basic_server_hello<Kind, Type>& sh, Out&& out) {
    out(detail::decimal(static_cast<std::uint16_t>(sh.legacy_version)).view());
    out(",");
    if (detail::grease_free(sh.cipher_suite) >= 0)
        out(detail::decimal(static_cast<std::uint16_t>(sh.cipher_suite)).view());
    out(",");
    detail::join(sh.extensions, detail::extension_key, detail::decimal, "-", out);
}

// ja3s_string<N>(sh) — the JA3S string, at most N characters.
template <std::size_t N = fingerprint_text_capacity, message_kind Kind, handshake_type Type>
[[nodiscard]] constexpr fingerprint_text<N> ja3s_string(const basic_server_hello<Kind, Type>& sh) {
    fingerprint_text<N> t;
    write_ja3s_string(sh, t);
    return t;
}

// ja3s(sh) — JA3S: the MD5 of the JA3S string, 32 lowercase hex digits.
template <message_kind Kind, handshake_type Type>
[[nodiscard]] constexpr fingerprint_text<32> ja3s(const basic_server_hello<Kind, Type>& sh) {
    detail::digest_writer<crypto::reference::md5> h;
    write_ja3s_string(sh, h);
    fingerprint_text<32> t;
    detail::write_hex(h.digest(), 32, t);
    return t;
}

}  // namespace tlswire
