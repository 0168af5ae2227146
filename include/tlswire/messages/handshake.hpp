// tlswire/messages/handshake.hpp — handshake framing and the message dispatcher.
//
// RFC 8446 §4 / RFC 5246 §7.4:
//   struct {
//       HandshakeType msg_type;
//       uint24 length;
//       select (Handshake.msg_type) { ... } body;
//   } Handshake;
#pragma once

#include <array>
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
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("body", self.body, rest{}); }
};

// handshake_message — every handshake message tlswire knows, by its form.
using handshake_message =
    std::variant<unknown_handshake, hello_request, client_hello, server_hello, hello_retry_request,
                 new_session_ticket_tls12, new_session_ticket_tls13, end_of_early_data, encrypted_extensions,
                 certificate_tls12, certificate_tls13, server_key_exchange, certificate_request_tls12,
                 certificate_request_tls13, server_hello_done, certificate_verify, client_key_exchange, finished,
                 certificate_url, certificate_status, supplemental_data, key_update, compressed_certificate,
                 client_certificate_request, message_hash>;

namespace detail {
// The handshake type and RFC name of each alternative, by index: a table,
// not std::visit, which would instantiate a visitor over every alternative
// in every translation unit. Alternative 0, unknown_handshake, carries its
// type as a member.
template <class V>
struct message_table;
template <class Unknown, class... Ts>
struct message_table<std::variant<Unknown, Ts...>> {
    static_assert(std::is_same_v<Unknown, unknown_handshake>);
    static constexpr std::array<handshake_type, 1 + sizeof...(Ts)> types{handshake_type{}, Ts::msg_type...};
    static constexpr std::array<std::string_view, 1 + sizeof...(Ts)> names{Unknown::wire_name, Ts::wire_name...};
};
}  // namespace detail

// msg_type_of(m) — the handshake type a message is sent with.
[[nodiscard]] constexpr handshake_type msg_type_of(const handshake_message& m) noexcept {
    if (const auto* u = std::get_if<unknown_handshake>(&m)) return u->msg_type;
    return detail::message_table<handshake_message>::types[m.index()];
}

// name_of(m) — the RFC name of the message ("client_hello", "hello_retry_request", ...).
[[nodiscard]] constexpr std::string_view name_of(const handshake_message& m) noexcept {
    return detail::message_table<handshake_message>::names[m.index()];
}

namespace detail {
// brace_initialized<T> — converts to T{} (aggregate initialization: each
// member from its default initializer, no zeroing of the whole object), for
// emplacing into a variant in place.
template <class T>
struct brace_initialized {
    constexpr operator T() const noexcept { return T{}; }  // NOLINT: implicit by design
};

// read_body_into<T> — the body as a T, built in place in `m` (no temporary
// the size of the variant is made and copied at run time).
template <class T, class D = void>
TLSWIRE_INLINE constexpr void read_body_into(reader& body, const context& ctx, handshake_message& m) {
    if (std::is_constant_evaluated()) {
        // clang 14 with libstdc++ 12 cannot emplace into a variant in a constant expression.
        T v{};
        described_format::read(body, v, T::wire_name, ctx);
        m = handshake_message(std::in_place_type<T>, v);
    } else {
        // emplace<T>() would value-initialize: zero all of T first (with GCC a
        // `rep stos` of a few hundred bytes, ~10 ns); T{} initializes members only.
        described_format::read(body, m.template emplace<T>(brace_initialized<T>{}), T::wire_name, ctx);
    }
    body.expect_end(T::wire_name);
}

// (Templates, though nothing varies: a header-only library's inline non-template
// functions are compiled in every translation unit that includes them, with
// everything they call; templates only where they are used. The calls name
// the dummy parameter D so that they are dependent: clang instantiates a
// constexpr function named in a non-dependent call as soon as it reads it.)
template <class D = void>
constexpr void read_typed_body(handshake_type type, reader& body, const context& ctx, handshake_message& m) {
    const bool tls13 = ctx.is_tls13();
    switch (type) {
        case handshake_type::hello_request: return read_body_into<hello_request, D>(body, ctx, m);
        case handshake_type::client_hello: return read_body_into<client_hello, D>(body, ctx, m);
        case handshake_type::server_hello:
            // RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello with the special random
            // (read in TLS 1.3, refused by a strict parse in an earlier version: tls13_only.hpp).
            if (is_hello_retry_request(body.rest())) return read_body_into<hello_retry_request, D>(body, ctx, m);
            return read_body_into<server_hello, D>(body, ctx, m);
        case handshake_type::new_session_ticket:
            return tls13 ? read_body_into<new_session_ticket_tls13, D>(body, ctx, m)
                         : read_body_into<new_session_ticket_tls12, D>(body, ctx, m);
        case handshake_type::end_of_early_data: return read_body_into<end_of_early_data, D>(body, ctx, m);
        case handshake_type::encrypted_extensions: return read_body_into<encrypted_extensions, D>(body, ctx, m);
        case handshake_type::certificate:
            return tls13 ? read_body_into<certificate_tls13, D>(body, ctx, m)
                         : read_body_into<certificate_tls12, D>(body, ctx, m);
        case handshake_type::server_key_exchange: return read_body_into<server_key_exchange, D>(body, ctx, m);
        case handshake_type::certificate_request:
            return tls13 ? read_body_into<certificate_request_tls13, D>(body, ctx, m)
                         : read_body_into<certificate_request_tls12, D>(body, ctx, m);
        case handshake_type::server_hello_done: return read_body_into<server_hello_done, D>(body, ctx, m);
        case handshake_type::certificate_verify: return read_body_into<certificate_verify, D>(body, ctx, m);
        case handshake_type::client_key_exchange: return read_body_into<client_key_exchange, D>(body, ctx, m);
        case handshake_type::client_certificate_request:
            return read_body_into<client_certificate_request, D>(body, ctx, m);
        case handshake_type::finished: return read_body_into<finished, D>(body, ctx, m);
        case handshake_type::certificate_url: return read_body_into<certificate_url, D>(body, ctx, m);
        case handshake_type::certificate_status: return read_body_into<certificate_status, D>(body, ctx, m);
        case handshake_type::supplemental_data: return read_body_into<supplemental_data, D>(body, ctx, m);
        case handshake_type::key_update: return read_body_into<key_update, D>(body, ctx, m);
        case handshake_type::compressed_certificate: return read_body_into<compressed_certificate, D>(body, ctx, m);
        case handshake_type::message_hash: return read_body_into<message_hash, D>(body, ctx, m);
        default: m = unknown_handshake{type, body.take_rest()}; return;
    }
}
}  // namespace detail

// read_handshake_into(r, ctx, m) — read one whole handshake message from `r`
// (header and body; the body must be consumed exactly) into `m`. Errors go
// to r's sink.
template <class D = void>
constexpr void read_handshake_into(reader& r, const context& ctx, handshake_message& m) {
    const auto type = static_cast<handshake_type>(r.u8("msg_type"));
    reader body = r.prefixed<3>(0, 0xffffff, "length");
    if (!r.ok()) [[unlikely]] {
        m = unknown_handshake{type, {}};
        return;
    }
    detail::read_typed_body<D>(type, body, ctx, m);
}

// read_handshake(r, ctx) — the same, returning the message.
template <class D = void>
constexpr handshake_message read_handshake(reader& r, const context& ctx) {
    handshake_message m;
    read_handshake_into<D>(r, ctx, m);
    return m;
}

// parse_handshake(in, ctx) — `in` holds exactly one handshake message.
template <class D = void>
[[nodiscard]] constexpr result<handshake_message> parse_handshake(bytes_view in, const context& ctx = {}) {
    return result<handshake_message>(std::in_place, [&](handshake_message& m, error& sink) {
        reader r(in, sink);
        read_handshake_into<D>(r, ctx, m);
        r.expect_end("Handshake");
    });
}

// write_handshake(w, m, ctx) — msg_type, the uint24 length, then the body.
template <class D = void>
constexpr void write_handshake(writer& w, const handshake_message& m, const context& ctx = {}) {
    w.u8(static_cast<std::uint8_t>(msg_type_of(m)));
    w.prefixed(3, 0, 0xffffff, "length", [&](writer& body) {
        std::visit(
            [&](const auto& v) {
                using T = std::remove_cvref_t<decltype(v)>;
                described_format::write(body, v, T::wire_name, ctx);
            },
            m);
    });
}

// serialize_handshake(m, out, ctx) — the whole message into a fixed buffer.
template <class D = void>
[[nodiscard]] constexpr result<std::size_t> serialize_handshake(const handshake_message& m,
                                                                std::span<std::uint8_t> out, const context& ctx = {},
                                                                bounds b = bounds::checked) {
    writer w(out, b);
    write_handshake<D>(w, m, ctx);
    if (!w.ok()) return w.err();
    return w.size();
}

// serialize_handshake(m, vec, ctx) — append the whole message to a vector.
template <class D = void>
[[nodiscard]] constexpr result<std::size_t> serialize_handshake(const handshake_message& m,
                                                                std::vector<std::uint8_t>& out,
                                                                const context& ctx = {}, bounds b = bounds::checked) {
    writer w(out, b);
    write_handshake<D>(w, m, ctx);
    if (!w.ok()) return w.err();
    return w.size();
}

}  // namespace tlswire
