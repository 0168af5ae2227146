// tlswire/keylog/secrets.hpp — the secrets an SSLKEYLOGFILE holds for one
// connection, found by its ClientHello.random.
//
// RFC 9850 §2: the client_random field "can be used to identify a
// connection" in a log of many; §2.1: with ECH accepted, the TLS 1.3 labels
// carry the inner ClientHello's random, §2.3: the ECH labels always the outer
// one. A caller that decodes an ECH connection asks for both randoms.
#pragma once

#include <optional>

#include "tlswire/keylog/line.hpp"

namespace tlswire::keylog {

// connection_secrets — every secret of one client_random. The traffic
// secrets of later generations (CLIENT_TRAFFIC_SECRET_N, N > 0) are not kept:
// each follows from generation 0 by RFC 8446 §7.2, which is what a decoder
// does at each KeyUpdate.
struct connection_secrets {
    std::array<std::uint8_t, 32> client_random{};
    std::optional<secret> master_secret;                 // CLIENT_RANDOM (TLS ≤1.2)
    std::optional<secret> client_early_traffic_secret;
    std::optional<secret> early_exporter_secret;
    std::optional<secret> client_handshake_traffic_secret;
    std::optional<secret> server_handshake_traffic_secret;
    std::optional<secret> client_application_traffic_secret_0;
    std::optional<secret> server_application_traffic_secret_0;
    std::optional<secret> exporter_secret;
    std::optional<secret> ech_secret;
    std::string_view ech_config_hex;                     // ECH_CONFIG, as written

    [[nodiscard]] constexpr bool empty() const noexcept {
        return !master_secret && !client_early_traffic_secret && !early_exporter_secret &&
               !client_handshake_traffic_secret && !server_handshake_traffic_secret &&
               !client_application_traffic_secret_0 && !server_application_traffic_secret_0 && !exporter_secret &&
               !ech_secret && ech_config_hex.empty();
    }
};

namespace detail {
// slot(s, e) — where entry e goes in s (nullptr: not kept).
[[nodiscard]] constexpr std::optional<secret>* slot(connection_secrets& s, const entry& e) noexcept {
    switch (e.label) {
        case label::client_random: return &s.master_secret;
        case label::client_early_traffic_secret: return &s.client_early_traffic_secret;
        case label::early_exporter_secret: return &s.early_exporter_secret;
        case label::client_handshake_traffic_secret: return &s.client_handshake_traffic_secret;
        case label::server_handshake_traffic_secret: return &s.server_handshake_traffic_secret;
        case label::client_traffic_secret:
            return e.generation == 0 ? &s.client_application_traffic_secret_0 : nullptr;
        case label::server_traffic_secret:
            return e.generation == 0 ? &s.server_application_traffic_secret_0 : nullptr;
        case label::exporter_secret: return &s.exporter_secret;
        case label::ech_secret: return &s.ech_secret;
        case label::ech_config: return nullptr;
    }
    return nullptr;
}
}  // namespace detail

// secrets_for(text, client_random, on_error) — the secrets of the
// connection whose ClientHello.random is client_random. Every malformed line
// of the text is reported to on_error(const line_error&), for any
// connection, and skipped. The same label logged twice with the same value
// (a client and a server writing to one file) is one secret; with two values
// the first is kept and the second reported (illegal_value, where "secret").
template <class OnError>
[[nodiscard]] constexpr connection_secrets secrets_for(std::string_view text, bytes_view client_random,
                                                       OnError&& on_error) {
    connection_secrets out{};
    if (client_random.size() != out.client_random.size()) return out;
    for (std::size_t i = 0; i < client_random.size(); ++i) out.client_random[i] = client_random[i];
    parse(
        text,
        [&](const entry& e) {
            if (!equal_bytes(e.client_random.data(), out.client_random.data(), out.client_random.size())) return;
            if (e.label == label::ech_config) {
                if (out.ech_config_hex.empty()) out.ech_config_hex = e.secret_hex;
                return;
            }
            std::optional<secret>* s = detail::slot(out, e);
            if (s == nullptr) return;
            if (!*s) {
                *s = e.value;
            } else if (!(**s == e.value)) {
                on_error(line_error{error{errc::illegal_value, e.secret_offset, "secret"}, e.line});
            }
        },
        on_error);
    return out;
}

// secrets_for(text, client_random) — the same, malformed lines ignored.
[[nodiscard]] constexpr connection_secrets secrets_for(std::string_view text, bytes_view client_random) {
    return secrets_for(text, client_random, [](const line_error&) {});
}

}  // namespace tlswire::keylog
