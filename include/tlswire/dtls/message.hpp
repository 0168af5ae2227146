// tlswire/dtls/message.hpp — the body of a DTLS handshake message, typed.
//
// RFC 6347 §4.2.2: the DTLS messages are TLS 1.2's (RFC 5246 §7.4) but for
// ClientHello, which gains a cookie, and the new HelloVerifyRequest; RFC 9147
// §5 likewise for DTLS 1.3 over TLS 1.3's. A reassembled body (or an
// unfragmented fragment's) is read here: the two DTLS forms by their own
// descriptions, every other message by tlswire's TLS description of it, in
// the TLS version the DTLS version is built on (tls_equivalent: DTLS 1.0 ->
// TLS 1.1, DTLS 1.2 -> TLS 1.2, DTLS 1.3 -> TLS 1.3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <variant>

#include "tlswire/codec/codec.hpp"
#include "tlswire/dtls/client_hello.hpp"
#include "tlswire/dtls/hello_verify_request.hpp"
#include "tlswire/messages/handshake.hpp"

namespace tlswire::dtls {

// message — a DTLS ClientHello, a HelloVerifyRequest, or any other message
// in its TLS form (tlswire::handshake_message).
using message = std::variant<handshake_message, client_hello, hello_verify_request>;

// tls_context(ctx) — the context with its DTLS version replaced by the TLS
// version it is built on (what the TLS message descriptions test), and
// `dtls` set (for the version numbers DTLS messages carry, codec/context.hpp).
[[nodiscard]] constexpr context tls_context(context ctx) noexcept {
    if (is_dtls(static_cast<protocol_version>(ctx.version)))
        ctx.version = static_cast<std::uint16_t>(tls_equivalent(static_cast<protocol_version>(ctx.version)));
    ctx.dtls = true;
    return ctx;
}

// parse_body(msg_type, body, body_offset, ctx) — `body` (which starts at
// absolute offset `body_offset` of the caller's input) as the body of a
// message of type msg_type; it must be consumed exactly. The context keeps
// the DTLS version (0xfeff, 0xfefd, 0xfefc or 0).
template <class D = void>
[[nodiscard]] constexpr result<message> parse_body(handshake_type msg_type, bytes_view body, std::size_t body_offset,
                                                   const context& ctx = {}) {
    return result<message>(std::in_place, [&](message& m, error& sink) {
        reader r(body, sink, body_offset);
        const auto read_dtls_form = [&]<class T>(std::type_identity<T>) {
            T v{};
            described_format::read(r, v, T::wire_name, ctx);
            m = message(std::in_place_type<T>, v);  // (clang 14 + libstdc++ 12: no constexpr emplace into a variant)
            r.expect_end(T::wire_name);
        };
        if (msg_type == handshake_type::client_hello) {
            read_dtls_form(std::type_identity<client_hello>{});
        } else if (msg_type == handshake_type::hello_verify_request) {
            read_dtls_form(std::type_identity<hello_verify_request>{});
        } else {
            handshake_message hm;
            tlswire::detail::read_typed_body<D>(msg_type, r, tls_context(ctx), hm);
            m = hm;
        }
    });
}

// msg_type_of(m) — the handshake type the message is sent with.
[[nodiscard]] constexpr handshake_type msg_type_of(const message& m) noexcept {
    if (const auto* hm = std::get_if<handshake_message>(&m)) return tlswire::msg_type_of(*hm);
    return m.index() == 1 ? handshake_type::client_hello : handshake_type::hello_verify_request;
}

// server_hello_kind, learn_from_server_hello(ctx, m) — what a server's hello
// establishes for the messages after it: a ServerHello its selected version
// (OpenSSL's pre-RFC 0x0100, accepted only leniently, read as DTLS 1.0) and
// cipher suite; a HelloRetryRequest DTLS 1.3 (RFC 9147 §5.1: only DTLS 1.3
// has one) and its suite. Other messages change nothing.
enum class server_hello_kind : std::uint8_t { none, server_hello, hello_retry_request };

constexpr server_hello_kind learn_from_server_hello(context& ctx, const message& m) noexcept {
    const auto* hm = std::get_if<handshake_message>(&m);
    if (hm == nullptr) return server_hello_kind::none;
    if (const auto* sh = std::get_if<server_hello>(hm)) {
        auto v = selected_version(*sh);
        if (v == openssl_pre_rfc_version) v = protocol_version::dtls10;
        ctx.version = static_cast<std::uint16_t>(v);
        ctx.cipher_suite = static_cast<std::uint16_t>(sh->cipher_suite);
        return server_hello_kind::server_hello;
    }
    if (const auto* hrr = std::get_if<hello_retry_request>(hm)) {
        ctx.version = static_cast<std::uint16_t>(protocol_version::dtls13);
        ctx.cipher_suite = static_cast<std::uint16_t>(hrr->cipher_suite);
        return server_hello_kind::hello_retry_request;
    }
    return server_hello_kind::none;
}

// write_body(w, m, ctx) — the body alone (the caller writes the 12-byte
// header around it, e.g. as a dtls::handshake's fragment).
template <class D = void>
constexpr void write_body(writer& w, const message& m, const context& ctx = {}) {
    std::visit(
        [&](const auto& v) {
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (std::is_same_v<T, handshake_message>) {
                std::visit(
                    [&](const auto& x) {
                        using X = std::remove_cvref_t<decltype(x)>;
                        described_format::write(w, x, X::wire_name, tls_context(ctx));
                    },
                    v);
            } else {
                described_format::write(w, v, T::wire_name, ctx);
            }
        },
        m);
}

}  // namespace tlswire::dtls
