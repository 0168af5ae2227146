// tlswire/verify/tls13.hpp — the TLS 1.3 checks as pure functions over a
// backend hash: each side's Finished (RFC 8446 §4.4.4) and a PSK binder
// (§4.2.11.2), compared with what the handshake carried; and where a
// ClientHello's binders start (the truncation point of §4.2.11.2).
#pragma once

#include <cstddef>
#include <cstdint>

#include "tlswire/schedule/tls13.hpp"
#include "tlswire/verify/check.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::verify::tls13 {

// finished<H>(id, base_key, transcript_hash, verify_data) — the Finished
// computed from the sender's handshake traffic secret and the transcript
// hash up to (not including) the Finished, against the one sent.
template <crypto::hash H>
[[nodiscard]] constexpr check finished(check_id id, bytes_view base_key, const crypto::digest<H>& transcript_hash,
                                       bytes_view verify_data) {
    const crypto::digest<H> expected = tlswire::tls13::finished_verify_data<H>(base_key, transcript_hash);
    return compared(id, expected, verify_data);
}

// binder<H>(psk, kind, truncated_hash, found) — RFC 8446 §4.2.11.2: the
// binder of `psk` over Transcript-Hash(Truncate(ClientHello)).
template <crypto::hash H>
[[nodiscard]] constexpr check binder(bytes_view psk, tlswire::tls13::psk_kind kind,
                                     const crypto::digest<H>& truncated_hash, bytes_view found) {
    const crypto::digest<H> early = tlswire::tls13::early_secret<H>(psk);
    const crypto::digest<H> key = tlswire::tls13::binder_key<H>(early, kind);
    const crypto::digest<H> expected = tlswire::tls13::psk_binder<H>(key, truncated_hash);
    return compared(check_id::tls13_psk_binder, expected, found);
}

// psk_offer — the pre_shared_key extension of a ClientHello (RFC 8446
// §4.2.11): its identities and binders (views into the extension), and how
// many octets the binders list takes (its 2-octet length included).
struct psk_offer {
    static constexpr std::size_t max_identities = 16;
    bytes_view identities[max_identities]{};
    bytes_view binders[max_identities]{};
    std::size_t identity_count = 0;
    std::size_t binder_count = 0;
    std::size_t binders_length = 0;
};

// parse_psk_offer(body) — the extension's body; errors name the field and
// the offset in the body. More than max_identities identities are counted
// but not kept.
[[nodiscard]] constexpr result<psk_offer> parse_psk_offer(bytes_view body) noexcept {
    psk_offer o;
    auto u16 = [&](std::size_t at) -> std::size_t {
        return static_cast<std::size_t>(body[at] << 8 | body[at + 1]);
    };
    if (body.size() < 2) return error{errc::truncated, 0, "identities"};
    const std::size_t ids_len = u16(0);
    if (2 + ids_len > body.size()) return error{errc::truncated, 2, "identities"};
    std::size_t at = 2;
    while (at < 2 + ids_len) {
        if (at + 2 > 2 + ids_len) return error{errc::truncated, at, "identity"};
        const std::size_t n = u16(at);
        if (at + 2 + n + 4 > 2 + ids_len) return error{errc::truncated, at, "identity"};
        if (o.identity_count < psk_offer::max_identities) o.identities[o.identity_count] = body.subspan(at + 2, n);
        ++o.identity_count;
        at += 2 + n + 4;
    }
    if (at + 2 > body.size()) return error{errc::truncated, at, "binders"};
    const std::size_t binders_len = u16(at);
    if (at + 2 + binders_len != body.size()) return error{errc::illegal_value, at, "binders"};
    o.binders_length = 2 + binders_len;
    at += 2;
    while (at < body.size()) {
        const std::size_t n = body[at];
        if (at + 1 + n > body.size()) return error{errc::truncated, at, "binder"};
        if (o.binder_count < psk_offer::max_identities) o.binders[o.binder_count] = body.subspan(at + 1, n);
        ++o.binder_count;
        at += 1 + n;
    }
    return o;
}

}  // namespace tlswire::verify::tls13
