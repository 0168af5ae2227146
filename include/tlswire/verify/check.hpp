// tlswire/verify/check.hpp — the result of one cryptographic check of a
// replayed handshake (verify/connection_verifier.hpp): which check, whether
// it passed, and, when it did not, what was expected and what was found (or
// why nothing could be compared).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::verify {

// check_id — every check; to_string gives its stable snake_case name.
enum class check_id : std::uint8_t {
    tls13_server_finished,             // RFC 8446 §4.4.4, from SERVER_HANDSHAKE_TRAFFIC_SECRET
    tls13_client_finished,             // ... from CLIENT_HANDSHAKE_TRAFFIC_SECRET
    tls13_server_certificate_verify,   // §4.4.3, under the server certificate's key
    tls13_client_certificate_verify,   // ... the client certificate's (mTLS)
    tls13_psk_binder,                  // §4.2.11.2, when the PSK is known
    tls13_key_update,                  // §7.2: the next generation opens the records after a KeyUpdate
    tls13_client_application_secret,   // CLIENT_TRAFFIC_SECRET_0 opens the client's first application record
    tls13_server_application_secret,   // SERVER_TRAFFIC_SECRET_0 ... the server's
    tls13_ech_accept,                  // draft-ietf-tls-esni §7.2 (not computed yet, see README)
    tls13_post_handshake_certificate_verify,  // §4.6.2: the client's CertificateVerify after a
                                              // post-handshake CertificateRequest
    tls13_post_handshake_finished,            // ... its Finished, from CLIENT_TRAFFIC_SECRET_N
    tls12_client_finished,             // RFC 5246 §7.4.9 from the master secret (CLIENT_RANDOM)
    tls12_server_finished,
    tls12_server_key_exchange_signature,  // §7.4.3, under the server certificate's key
    tls12_client_certificate_verify,      // §7.4.8, under the client certificate's key
    tls12_rsa_premaster,  // §7.4.7.1: the decrypted pre-master secret gives the key log's master secret
};

[[nodiscard]] constexpr std::string_view to_string(check_id c) noexcept {
    switch (c) {
        case check_id::tls13_server_finished: return "tls13_server_finished";
        case check_id::tls13_client_finished: return "tls13_client_finished";
        case check_id::tls13_server_certificate_verify: return "tls13_server_certificate_verify";
        case check_id::tls13_client_certificate_verify: return "tls13_client_certificate_verify";
        case check_id::tls13_psk_binder: return "tls13_psk_binder";
        case check_id::tls13_key_update: return "tls13_key_update";
        case check_id::tls13_client_application_secret: return "tls13_client_application_secret";
        case check_id::tls13_server_application_secret: return "tls13_server_application_secret";
        case check_id::tls13_ech_accept: return "tls13_ech_accept";
        case check_id::tls13_post_handshake_certificate_verify: return "tls13_post_handshake_certificate_verify";
        case check_id::tls13_post_handshake_finished: return "tls13_post_handshake_finished";
        case check_id::tls12_client_finished: return "tls12_client_finished";
        case check_id::tls12_server_finished: return "tls12_server_finished";
        case check_id::tls12_server_key_exchange_signature: return "tls12_server_key_exchange_signature";
        case check_id::tls12_client_certificate_verify: return "tls12_client_certificate_verify";
        case check_id::tls12_rsa_premaster: return "tls12_rsa_premaster";
    }
    return "unknown";
}

// value — a short byte string (a verify_data, a binder, a master secret),
// held by value so a check outlives the buffers it was computed from.
struct value {
    static constexpr std::size_t capacity = 64;
    std::array<std::uint8_t, capacity> bytes{};
    std::size_t size = 0;

    constexpr value() = default;
    constexpr explicit value(bytes_view b) noexcept { assign(b); }
    constexpr void assign(bytes_view b) noexcept {
        size = b.size() < capacity ? b.size() : capacity;
        for (std::size_t i = 0; i < size; ++i) bytes[i] = b[i];
    }
    [[nodiscard]] constexpr bytes_view view() const noexcept { return bytes_view(bytes.data(), size); }
    [[nodiscard]] constexpr bool empty() const noexcept { return size == 0; }
    friend constexpr bool operator==(const value& a, const value& b) noexcept {
        return equal_bytes(a.view(), b.view());
    }
};

// check — one check's outcome. On failure `expected`/`found` hold what was
// computed and what the handshake (or key log) carried, when both exist;
// `reason` says in words why it failed when something is missing (no secret
// in the key log, a record that did not open, a signature that does not
// verify), and `cause` carries the library error behind it, if any.
struct check {
    check_id id{};
    bool ok = false;
    std::uint32_t handshake = 0;      // 0: the connection's first handshake; n: its n-th renegotiation
    std::uint32_t index = 0;          // tls13_key_update: the new generation; tls13_psk_binder: the identity;
                                      // tls13_post_handshake_*: the CertificateRequest (0: the first after
                                      // the handshake)
    std::uint32_t generation = 0;     // tls13_post_handshake_*: the client's application traffic secret N
    bool client = false;              // tls13_key_update: whose KeyUpdate (false: the server's)
    value expected{};
    value found{};
    std::string_view reason{};        // static text
    error cause{};
};

// passed / failed — building checks.
[[nodiscard]] constexpr check passed(check_id id) noexcept {
    check c;
    c.id = id;
    c.ok = true;
    return c;
}
[[nodiscard]] constexpr check failed(check_id id, std::string_view reason, error cause = {}) noexcept {
    check c;
    c.id = id;
    c.reason = reason;
    c.cause = cause;
    return c;
}
// compared — ok when expected == found; else both are kept.
[[nodiscard]] constexpr check compared(check_id id, bytes_view expected, bytes_view found) noexcept {
    check c;
    c.id = id;
    c.ok = equal_bytes(expected, found);
    if (!c.ok) {
        c.expected.assign(expected);
        c.found.assign(found);
        c.reason = "mismatch";
    }
    return c;
}

}  // namespace tlswire::verify
