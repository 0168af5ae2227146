// tlswire/messages/handshake.hpp — handshake framing and the message dispatcher.
//
// RFC 8446 §4 / RFC 5246 §7.4:
//   struct {
//       HandshakeType msg_type;
//       uint24 length;
//       select (Handshake.msg_type) { ... } body;
//   } Handshake;
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "tlswire/codec/codec.hpp"
#include "tlswire/messages/certificate.hpp"
#include "tlswire/messages/certificate_request.hpp"
#include "tlswire/messages/certificate_status.hpp"
#include "tlswire/messages/certificate_url.hpp"
#include "tlswire/messages/certificate_verify.hpp"
#include "tlswire/messages/compressed_certificate.hpp"
#include "tlswire/messages/encrypted_extensions.hpp"
#include "tlswire/messages/finished.hpp"
#include "tlswire/messages/hello.hpp"
#include "tlswire/messages/key_exchange.hpp"
#include "tlswire/messages/new_session_ticket.hpp"
#include "tlswire/messages/simple.hpp"
#include "tlswire/messages/supplemental_data.hpp"

namespace tlswire {

// unknown_handshake — a message type tlswire has no structure for (or a
// registered one with none defined, such as hello_verify_request's in TLS):
// kept as raw bytes so it round-trips.
struct unknown_handshake {
    static constexpr std::string_view wire_name = "unknown_handshake";
    handshake_type msg_type{};
    bytes_view body{};
    static constexpr void wire(auto& io, auto& self) { io("body", self.body, rest{}); }
};

// handshake_message — every handshake message tlswire knows, by its form.
using handshake_message =
    std::variant<unknown_handshake, hello_request, client_hello, server_hello, hello_retry_request,
                 new_session_ticket_tls12, new_session_ticket_tls13, end_of_early_data, encrypted_extensions,
                 certificate_tls12, certificate_tls13, server_key_exchange, certificate_request_tls12,
                 certificate_request_tls13, server_hello_done, certificate_verify, client_key_exchange, finished,
                 certificate_url, certificate_status, supplemental_data, key_update, compressed_certificate,
                 client_certificate_request, message_hash>;

// msg_type_of(m) — the handshake type a message is sent with.
[[nodiscard]] constexpr handshake_type msg_type_of(const handshake_message& m) noexcept {
    return std::visit(
        [](const auto& v) -> handshake_type {
            if constexpr (requires { std::remove_cvref_t<decltype(v)>::msg_type; }) return v.msg_type;
            else return v.msg_type;
        },
        m);
}

// name_of(m) — the RFC name of the message ("client_hello", "hello_retry_request", ...).
[[nodiscard]] constexpr std::string_view name_of(const handshake_message& m) noexcept {
    return std::visit([](const auto& v) { return std::remove_cvref_t<decltype(v)>::wire_name; }, m);
}

namespace detail {
template <class T>
constexpr handshake_message read_body(reader& body, const context& ctx) {
    T out{};
    described_format::read(body, out, T::wire_name, ctx);
    body.expect_end(T::wire_name);
    return out;
}

constexpr handshake_message read_typed_body(handshake_type type, reader& body, const context& ctx) {
    const bool tls13 = ctx.is_tls13();
    switch (type) {
        case handshake_type::hello_request: return read_body<hello_request>(body, ctx);
        case handshake_type::client_hello: return read_body<client_hello>(body, ctx);
        case handshake_type::server_hello:
            // RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello with the special random.
            if (is_hello_retry_request(body.rest())) {
                context c = ctx;
                c.version = 0x0304;  // only TLS 1.3 has HelloRetryRequest
                return read_body<hello_retry_request>(body, c);
            }
            return read_body<server_hello>(body, ctx);
        case handshake_type::new_session_ticket:
            return tls13 ? read_body<new_session_ticket_tls13>(body, ctx)
                         : read_body<new_session_ticket_tls12>(body, ctx);
        case handshake_type::end_of_early_data: return read_body<end_of_early_data>(body, ctx);
        case handshake_type::encrypted_extensions: return read_body<encrypted_extensions>(body, ctx);
        case handshake_type::certificate:
            return tls13 ? read_body<certificate_tls13>(body, ctx) : read_body<certificate_tls12>(body, ctx);
        case handshake_type::server_key_exchange: return read_body<server_key_exchange>(body, ctx);
        case handshake_type::certificate_request:
            return tls13 ? read_body<certificate_request_tls13>(body, ctx)
                         : read_body<certificate_request_tls12>(body, ctx);
        case handshake_type::server_hello_done: return read_body<server_hello_done>(body, ctx);
        case handshake_type::certificate_verify: return read_body<certificate_verify>(body, ctx);
        case handshake_type::client_key_exchange: return read_body<client_key_exchange>(body, ctx);
        case handshake_type::client_certificate_request: return read_body<client_certificate_request>(body, ctx);
        case handshake_type::finished: return read_body<finished>(body, ctx);
        case handshake_type::certificate_url: return read_body<certificate_url>(body, ctx);
        case handshake_type::certificate_status: return read_body<certificate_status>(body, ctx);
        case handshake_type::supplemental_data: return read_body<supplemental_data>(body, ctx);
        case handshake_type::key_update: return read_body<key_update>(body, ctx);
        case handshake_type::compressed_certificate: return read_body<compressed_certificate>(body, ctx);
        case handshake_type::message_hash: return read_body<message_hash>(body, ctx);
        default: {
            unknown_handshake u{type, body.take_rest()};
            return u;
        }
    }
}
}  // namespace detail

// read_handshake(r, ctx) — read one whole handshake message from `r`
// (header and body; the body must be consumed exactly). Errors go to r's sink.
constexpr handshake_message read_handshake(reader& r, const context& ctx) {
    const auto type = static_cast<handshake_type>(r.u8("msg_type"));
    reader body = r.prefixed(3, 0, 0xffffff, "length");
    if (!r.ok()) return unknown_handshake{type, {}};
    return detail::read_typed_body(type, body, ctx);
}

// parse_handshake(in, ctx) — `in` holds exactly one handshake message.
[[nodiscard]] constexpr result<handshake_message> parse_handshake(bytes_view in, const context& ctx = {}) {
    error e;
    reader r(in, e);
    handshake_message m = read_handshake(r, ctx);
    r.expect_end("Handshake");
    if (e) return e;
    return m;
}

// write_handshake(w, m, ctx) — msg_type, the uint24 length, then the body.
constexpr void write_handshake(writer& w, const handshake_message& m, const context& ctx = {}) {
    w.u8(static_cast<std::uint8_t>(msg_type_of(m)));
    w.prefixed(3, 0, 0xffffff, "length", [&](writer& body) {
        std::visit(
            [&](const auto& v) {
                using T = std::remove_cvref_t<decltype(v)>;
                context c = ctx;
                if constexpr (std::is_same_v<T, hello_retry_request>) c.version = 0x0304;
                described_format::write(body, v, T::wire_name, c);
            },
            m);
    });
}

// serialize_handshake(m, out, ctx) — the whole message into a fixed buffer.
[[nodiscard]] constexpr result<std::size_t> serialize_handshake(const handshake_message& m,
                                                                std::span<std::uint8_t> out, const context& ctx = {},
                                                                bounds b = bounds::checked) {
    writer w(out, b);
    write_handshake(w, m, ctx);
    if (!w.ok()) return w.err();
    return w.size();
}

// serialize_handshake(m, vec, ctx) — append the whole message to a vector.
[[nodiscard]] constexpr result<std::size_t> serialize_handshake(const handshake_message& m,
                                                                std::vector<std::uint8_t>& out,
                                                                const context& ctx = {}, bounds b = bounds::checked) {
    writer w(out, b);
    write_handshake(w, m, ctx);
    if (!w.ok()) return w.err();
    return w.size();
}

}  // namespace tlswire
