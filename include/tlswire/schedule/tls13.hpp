// tlswire/schedule/tls13.hpp — the TLS 1.3 key schedule (RFC 8446 §7.1–§7.5),
// Finished (§4.4.4), KeyUpdate (§7.2), resumption (§4.6.1), PSK binders
// (§4.2.11.2), and the ECH acceptance signal (draft-ietf-tls-esni §7.2).
//
//              0
//              |
//              v
//    PSK ->  HKDF-Extract = Early Secret  --> binder_key, c e traffic, e exp master
//              |
//              v
//        Derive-Secret(., "derived", "")
//              |
//              v
//    (EC)DHE -> HKDF-Extract = Handshake Secret --> c hs traffic, s hs traffic
//              |
//              v
//        Derive-Secret(., "derived", "")
//              |
//              v
//    0 -> HKDF-Extract = Master Secret --> c ap traffic, s ap traffic, exp master, res master
//
// Every step is a pure function templated on the hash (crypto::hash), so it
// runs in constant evaluation with the reference backend. Secrets come in as
// bytes_view; a transcript hash comes in as digest<H> (its size is then right
// by construction, and Derive-Secret cannot fail). Labels are given without
// the "tls13 " prefix, as the RFC writes them; the prefix is a parameter so
// DTLS 1.3 ("dtls13", RFC 9147 §5.9) uses the same code, and QUIC (RFC 9001
// §5.1: "quic key", "quic iv", "quic hp", "quic ku") is just other labels.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/hkdf.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"
#include "tlswire/wire/writer.hpp"

namespace tlswire::tls13 {

using crypto::digest;
using crypto::hash;

namespace detail {
// Not constexpr on purpose: reaching it in a consteval constructor makes a
// bad compile-time label a compile error.
inline void label_length_out_of_range() noexcept {}
}  // namespace detail

// label_prefix — the HkdfLabel prefix: "tls13 " (RFC 8446 §7.1) or "dtls13"
// (RFC 9147 §5.9). Both are six octets; a compile-time prefix must be too, so
// that with any label of 1..249 octets the full label fits label<7..255>.
class label_prefix {
public:
    template <std::size_t N>
    consteval label_prefix(const char (&s)[N]) noexcept : text_(s, N - 1) {  // NOLINT: implicit from literals
        if (N - 1 != 6) detail::label_length_out_of_range();
    }
    [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }

private:
    std::string_view text_;
};

inline constexpr label_prefix tls13_prefix{"tls13 "};
inline constexpr label_prefix dtls13_prefix{"dtls13"};

// label — a key-schedule label fixed at compile time ("c hs traffic", "key",
// "quic hp", ...). Its length (1..249 octets) is checked when it is compiled,
// which is what lets Derive-Secret and friends return plain arrays.
class label {
public:
    static constexpr std::size_t max_length = 255 - 6;
    template <std::size_t N>
    consteval label(const char (&s)[N]) noexcept : text_(s, N - 1) {  // NOLINT: implicit from literals
        if (N - 1 < 1 || N - 1 > max_length) detail::label_length_out_of_range();
    }
    [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }

private:
    std::string_view text_;
};

// HkdfLabel can hold at most 2 + (1 + 255) + (1 + 255) octets.
inline constexpr std::size_t max_hkdf_label_size = 2 + 1 + 255 + 1 + 255;

// write_hkdf_label — RFC 8446 §7.1:
//   struct {
//       uint16 length = Length;
//       opaque label<7..255> = "tls13 " + Label;
//       opaque context<0..255> = Context;
//   } HkdfLabel;
// Errors (label or context outside its bounds) are left in the writer.
constexpr void write_hkdf_label(writer& w, std::uint16_t length, std::string_view prefix, std::string_view label,
                                bytes_view context) {
    w.u16(length);
    w.prefixed(1, 7, 255, "HkdfLabel.label", [&](writer& lw) {
        for (char c : prefix) lw.u8(static_cast<std::uint8_t>(c));
        for (char c : label) lw.u8(static_cast<std::uint8_t>(c));
    });
    w.prefixed(1, 0, 255, "HkdfLabel.context", [&](writer& cw) { cw.bytes(context); });
}

// hkdf_expand_label<H>(secret, label, context, out, prefix) — RFC 8446 §7.1:
//   HKDF-Expand-Label(Secret, Label, Context, Length) =
//       HKDF-Expand(Secret, HkdfLabel, Length)
// with Length = out.size(). Fails (writing nothing) with the writer's
// errc::length_overflow when prefix + label is outside <7..255> or the context
// over 255 octets, and with errc::length_out_of_range when Length is over
// 65535 or 255*Hash.length.
template <hash H>
constexpr result<void> hkdf_expand_label(bytes_view secret, std::string_view label, bytes_view context,
                                         std::span<std::uint8_t> out,
                                         std::string_view prefix = tls13_prefix.text()) noexcept {
    if (out.size() > 0xffff) return error{errc::length_out_of_range, out.size(), "HkdfLabel.length"};
    std::array<std::uint8_t, max_hkdf_label_size> info{};
    writer w(info);
    write_hkdf_label(w, static_cast<std::uint16_t>(out.size()), prefix, label, context);
    if (!w.ok()) return w.err();
    return crypto::hkdf_expand<H>(secret, w.written(), out);
}

namespace detail {
// expand — HKDF-Expand-Label where every length is known to be valid.
template <hash H, std::size_t N>
constexpr std::array<std::uint8_t, N> expand(bytes_view secret, label l, bytes_view context, label_prefix prefix) {
    static_assert(N <= 0xffff && N <= crypto::hkdf_max_output<H>, "RFC 8446 §7.1 / RFC 5869 §2.3: Length too large");
    std::array<std::uint8_t, N> out{};
    (void)hkdf_expand_label<H>(secret, l.text(), context, out, prefix.text());  // cannot fail: sizes checked
    return out;
}
}  // namespace detail

// expand_label<H, N>(secret, label[, context], prefix) — HKDF-Expand-Label
// with a compile-time label and length; the context is empty or a digest.
template <hash H, std::size_t N>
[[nodiscard]] constexpr std::array<std::uint8_t, N> expand_label(bytes_view secret, label l,
                                                                 label_prefix prefix = tls13_prefix) {
    return detail::expand<H, N>(secret, l, {}, prefix);
}
template <hash H, std::size_t N>
[[nodiscard]] constexpr std::array<std::uint8_t, N> expand_label(bytes_view secret, label l, const digest<H>& context,
                                                                 label_prefix prefix = tls13_prefix) {
    return detail::expand<H, N>(secret, l, context, prefix);
}

// empty_hash<H>() — Transcript-Hash("") = Hash of the empty string, the
// context of Derive-Secret(., "derived", "") and of the binder keys.
template <hash H>
[[nodiscard]] constexpr digest<H> empty_hash() noexcept {
    return H::digest(bytes_view{});
}

// derive_secret<H>(secret, label, transcript_hash) — RFC 8446 §7.1:
//   Derive-Secret(Secret, Label, Messages) =
//       HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
template <hash H>
[[nodiscard]] constexpr digest<H> derive_secret(bytes_view secret, label l, const digest<H>& transcript_hash,
                                                label_prefix prefix = tls13_prefix) {
    return detail::expand<H, H::digest_size>(secret, l, transcript_hash, prefix);
}

// ---- Early Secret (RFC 8446 §7.1) -------------------------------------------

// early_secret<H>(psk) — HKDF-Extract(salt = 0, IKM = PSK).
template <hash H>
[[nodiscard]] constexpr digest<H> early_secret(bytes_view psk) noexcept {
    const digest<H> zeros{};
    return crypto::hkdf_extract<H>(zeros, psk);
}
// early_secret<H>() — without a PSK the IKM is Hash.length zero octets.
template <hash H>
[[nodiscard]] constexpr digest<H> early_secret() noexcept {
    const digest<H> zeros{};
    return crypto::hkdf_extract<H>(zeros, zeros);
}

// psk_kind — which binder label (RFC 8446 §7.1): "ext binder" for external
// PSKs, "res binder" for resumption PSKs from a NewSessionTicket.
enum class psk_kind : std::uint8_t { external, resumption };

// binder_key<H>(early_secret, kind) — Derive-Secret(Early Secret, "ext binder" | "res binder", "").
template <hash H>
[[nodiscard]] constexpr digest<H> binder_key(bytes_view early_secret, psk_kind kind,
                                             label_prefix prefix = tls13_prefix) {
    return kind == psk_kind::external ? derive_secret<H>(early_secret, "ext binder", empty_hash<H>(), prefix)
                                      : derive_secret<H>(early_secret, "res binder", empty_hash<H>(), prefix);
}

// client_early_traffic_secret<H>(early_secret, hash_client_hello) —
// Derive-Secret(., "c e traffic", ClientHello).
template <hash H>
[[nodiscard]] constexpr digest<H> client_early_traffic_secret(bytes_view early_secret,
                                                              const digest<H>& client_hello_hash,
                                                              label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(early_secret, "c e traffic", client_hello_hash, prefix);
}

// early_exporter_master_secret<H>(early_secret, hash_client_hello) —
// Derive-Secret(., "e exp master", ClientHello).
template <hash H>
[[nodiscard]] constexpr digest<H> early_exporter_master_secret(bytes_view early_secret,
                                                               const digest<H>& client_hello_hash,
                                                               label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(early_secret, "e exp master", client_hello_hash, prefix);
}

// derived_secret<H>(secret) — Derive-Secret(., "derived", ""): the salt of the next Extract.
template <hash H>
[[nodiscard]] constexpr digest<H> derived_secret(bytes_view secret, label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(secret, "derived", empty_hash<H>(), prefix);
}

// ---- Handshake Secret --------------------------------------------------------

// handshake_secret<H>(early_secret, shared_secret) —
// HKDF-Extract(salt = Derive-Secret(Early Secret, "derived", ""), IKM = (EC)DHE).
template <hash H>
[[nodiscard]] constexpr digest<H> handshake_secret(bytes_view early_secret, bytes_view shared_secret,
                                                   label_prefix prefix = tls13_prefix) {
    return crypto::hkdf_extract<H>(derived_secret<H>(early_secret, prefix), shared_secret);
}
// handshake_secret<H>(early_secret) — psk_ke (no (EC)DHE): IKM is Hash.length zeros.
template <hash H>
[[nodiscard]] constexpr digest<H> handshake_secret(bytes_view early_secret, label_prefix prefix = tls13_prefix) {
    const digest<H> zeros{};
    return crypto::hkdf_extract<H>(derived_secret<H>(early_secret, prefix), zeros);
}

// client_handshake_traffic_secret<H>(hs, hash(ClientHello..ServerHello)) — "c hs traffic".
template <hash H>
[[nodiscard]] constexpr digest<H> client_handshake_traffic_secret(bytes_view handshake_secret,
                                                                  const digest<H>& hello_hash,
                                                                  label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(handshake_secret, "c hs traffic", hello_hash, prefix);
}
// server_handshake_traffic_secret<H>(hs, hash(ClientHello..ServerHello)) — "s hs traffic".
template <hash H>
[[nodiscard]] constexpr digest<H> server_handshake_traffic_secret(bytes_view handshake_secret,
                                                                  const digest<H>& hello_hash,
                                                                  label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(handshake_secret, "s hs traffic", hello_hash, prefix);
}

// ---- Master Secret -----------------------------------------------------------

// master_secret<H>(handshake_secret) —
// HKDF-Extract(salt = Derive-Secret(Handshake Secret, "derived", ""), IKM = 0).
template <hash H>
[[nodiscard]] constexpr digest<H> master_secret(bytes_view handshake_secret, label_prefix prefix = tls13_prefix) {
    const digest<H> zeros{};
    return crypto::hkdf_extract<H>(derived_secret<H>(handshake_secret, prefix), zeros);
}

// client_application_traffic_secret_0<H>(ms, hash(ClientHello..server Finished)) — "c ap traffic".
template <hash H>
[[nodiscard]] constexpr digest<H> client_application_traffic_secret_0(bytes_view master_secret,
                                                                      const digest<H>& server_finished_hash,
                                                                      label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(master_secret, "c ap traffic", server_finished_hash, prefix);
}
// server_application_traffic_secret_0<H>(ms, hash(ClientHello..server Finished)) — "s ap traffic".
template <hash H>
[[nodiscard]] constexpr digest<H> server_application_traffic_secret_0(bytes_view master_secret,
                                                                      const digest<H>& server_finished_hash,
                                                                      label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(master_secret, "s ap traffic", server_finished_hash, prefix);
}
// exporter_master_secret<H>(ms, hash(ClientHello..server Finished)) — "exp master".
template <hash H>
[[nodiscard]] constexpr digest<H> exporter_master_secret(bytes_view master_secret,
                                                         const digest<H>& server_finished_hash,
                                                         label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(master_secret, "exp master", server_finished_hash, prefix);
}
// resumption_master_secret<H>(ms, hash(ClientHello..client Finished)) — "res master".
template <hash H>
[[nodiscard]] constexpr digest<H> resumption_master_secret(bytes_view master_secret,
                                                           const digest<H>& client_finished_hash,
                                                           label_prefix prefix = tls13_prefix) {
    return derive_secret<H>(master_secret, "res master", client_finished_hash, prefix);
}

// ---- Resumption (RFC 8446 §4.6.1) --------------------------------------------

// resumption_psk<H>(resumption_master_secret, ticket_nonce) —
//   HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)
// ticket_nonce<0..255>: a longer nonce fails with errc::length_overflow.
template <hash H>
[[nodiscard]] constexpr result<digest<H>> resumption_psk(bytes_view resumption_master_secret, bytes_view ticket_nonce,
                                                         label_prefix prefix = tls13_prefix) {
    digest<H> psk{};
    const result<void> r = hkdf_expand_label<H>(resumption_master_secret, "resumption", ticket_nonce, psk, prefix.text());
    if (!r) return r.err();
    return psk;
}

// ---- Traffic keys (RFC 8446 §7.3) --------------------------------------------

// traffic_key_iv — a record-protection key and IV.
template <std::size_t KeyLength, std::size_t IvLength>
struct traffic_key_iv {
    std::array<std::uint8_t, KeyLength> key{};
    std::array<std::uint8_t, IvLength> iv{};
    friend constexpr bool operator==(const traffic_key_iv&, const traffic_key_iv&) = default;
};

// traffic_keys<H, KeyLength, IvLength = 12>(secret) — RFC 8446 §7.3:
//   [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
//   [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
// (KeyLength 16 for AES-128-GCM, 32 for AES-256-GCM / ChaCha20-Poly1305; the IV is 12.)
template <hash H, std::size_t KeyLength, std::size_t IvLength = 12>
[[nodiscard]] constexpr traffic_key_iv<KeyLength, IvLength> traffic_keys(bytes_view secret,
                                                                          label_prefix prefix = tls13_prefix) {
    return {expand_label<H, KeyLength>(secret, "key", prefix), expand_label<H, IvLength>(secret, "iv", prefix)};
}

// traffic_keys<H>(secret, key_out, iv_out) — the same with run-time lengths.
template <hash H>
constexpr result<void> traffic_keys(bytes_view secret, std::span<std::uint8_t> key_out, std::span<std::uint8_t> iv_out,
                                    label_prefix prefix = tls13_prefix) {
    const result<void> k = hkdf_expand_label<H>(secret, "key", {}, key_out, prefix.text());
    if (!k) return k;
    return hkdf_expand_label<H>(secret, "iv", {}, iv_out, prefix.text());
}

// ---- Finished (RFC 8446 §4.4.4) and KeyUpdate (§7.2) ---------------------------

// finished_key<H>(base_key) — HKDF-Expand-Label(BaseKey, "finished", "", Hash.length).
// BaseKey is the sender's handshake traffic secret (or the binder key, §4.2.11.2).
template <hash H>
[[nodiscard]] constexpr digest<H> finished_key(bytes_view base_key, label_prefix prefix = tls13_prefix) {
    return expand_label<H, H::digest_size>(base_key, "finished", prefix);
}

// finished_verify_data<H>(base_key, transcript_hash) —
//   verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*))
template <hash H>
[[nodiscard]] constexpr digest<H> finished_verify_data(bytes_view base_key, const digest<H>& transcript_hash,
                                                       label_prefix prefix = tls13_prefix) {
    return crypto::hmac<H>(finished_key<H>(base_key, prefix), transcript_hash);
}

// next_application_traffic_secret<H>(secret) — RFC 8446 §7.2:
//   application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length)
template <hash H>
[[nodiscard]] constexpr digest<H> next_application_traffic_secret(bytes_view secret,
                                                                  label_prefix prefix = tls13_prefix) {
    return expand_label<H, H::digest_size>(secret, "traffic upd", prefix);
}

// ---- PSK binder (RFC 8446 §4.2.11.2) -----------------------------------------

// psk_binder<H>(binder_key, truncated_client_hello_hash) — the binder is
// computed like a Finished: HMAC(finished_key derived from binder_key,
// Transcript-Hash(Truncate(ClientHello1))), where Truncate() drops the
// binders list (its length prefix included) from the end of the ClientHello.
// After a HelloRetryRequest the transcript is the message_hash of CH1, the
// HRR, and the truncated CH2 (schedule::transcript does that).
template <hash H>
[[nodiscard]] constexpr digest<H> psk_binder(bytes_view binder_key, const digest<H>& truncated_client_hello_hash,
                                             label_prefix prefix = tls13_prefix) {
    return finished_verify_data<H>(binder_key, truncated_client_hello_hash, prefix);
}

// ---- Exporters (RFC 8446 §7.5) -----------------------------------------------

// exporter<H>(secret, label, context, out) —
//   TLS-Exporter(label, context_value, key_length) =
//       HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter", Hash(context_value), key_length)
// Secret is exporter_master_secret (or early_exporter_master_secret for 0-RTT).
// An absent context and an empty one are the same in TLS 1.3. Fails when the
// label is too long for HkdfLabel or out.size() is out of range.
template <hash H>
constexpr result<void> exporter(bytes_view secret, std::string_view label, bytes_view context,
                                std::span<std::uint8_t> out, label_prefix prefix = tls13_prefix) {
    digest<H> derived{};
    const digest<H> empty = empty_hash<H>();
    const result<void> d = hkdf_expand_label<H>(secret, label, empty, derived, prefix.text());
    if (!d) return d;
    const digest<H> context_hash = H::digest(context);
    return hkdf_expand_label<H>(derived, "exporter", context_hash, out, prefix.text());
}

// ---- ECH acceptance (draft-ietf-tls-esni §7.2, §7.2.1) ------------------------

inline constexpr std::size_t ech_accept_confirmation_length = 8;

// ech_accept_confirmation<H>(client_hello_inner_random, transcript_ech_conf) —
//   accept_confirmation = HKDF-Expand-Label(HKDF-Extract(0, ClientHelloInner.random),
//                                           "ech accept confirmation", transcript_ech_conf, 8)
// transcript_ech_conf is the ClientHelloInner transcript up to and including
// the ServerHello with the last 8 octets of its random set to zero. "0" is
// Hash.length zero octets. For DTLS pass dtls13_prefix.
template <hash H>
[[nodiscard]] constexpr std::array<std::uint8_t, ech_accept_confirmation_length> ech_accept_confirmation(
    bytes_view client_hello_inner_random, const digest<H>& transcript_ech_conf, label_prefix prefix = tls13_prefix) {
    const digest<H> zeros{};
    const digest<H> prk = crypto::hkdf_extract<H>(zeros, client_hello_inner_random);
    return expand_label<H, ech_accept_confirmation_length>(prk, "ech accept confirmation", transcript_ech_conf,
                                                           prefix);
}

// hrr_ech_accept_confirmation<H>(client_hello_inner1_random, transcript_hrr_ech_conf) —
// §7.2.1: the same over ClientHelloInner1 .. the HelloRetryRequest whose ECH
// extension payload is 8 zero octets, with label "hrr ech accept confirmation".
template <hash H>
[[nodiscard]] constexpr std::array<std::uint8_t, ech_accept_confirmation_length> hrr_ech_accept_confirmation(
    bytes_view client_hello_inner1_random, const digest<H>& transcript_hrr_ech_conf,
    label_prefix prefix = tls13_prefix) {
    const digest<H> zeros{};
    const digest<H> prk = crypto::hkdf_extract<H>(zeros, client_hello_inner1_random);
    return expand_label<H, ech_accept_confirmation_length>(prk, "hrr ech accept confirmation",
                                                           transcript_hrr_ech_conf, prefix);
}

}  // namespace tlswire::tls13
