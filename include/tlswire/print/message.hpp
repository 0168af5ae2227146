// tlswire/print/message.hpp — handshake messages and records as printer objects.
//
// The shapes are the `tlswire decode` output contract (issue 6):
//   handshake message: "type" (RFC name, e.g. "client_hello"), "length" (the
//                      uint24 body length), "hex" (the whole message, header
//                      included), "body" (every field by its RFC name)
//   change_cipher_spec / alert / heartbeat record: "type" (the content type),
//                      "length" (fragment length), "hex" (the fragment), "body"
//   protected record:  "type" (the outer content type), "encrypted": true, "length"
//   error:             {"error": {"code", "offset", "where"}}
// These functions write members into an object the caller has open, so the
// caller can add keys of its own (the CLI adds "dir") before or after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "tlswire/messages/handshake.hpp"
#include "tlswire/messages/heartbeat.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/messages/sslv2_client_hello.hpp"
#include "tlswire/print/fields.hpp"
#include "tlswire/print/sink.hpp"
#include "tlswire/registry/cipher_suite.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::print {

// handshake_type_name(t) — its IANA HandshakeType name without the
// "_RESERVED" suffix (types TLS 1.3 retired), or "0x..." when unregistered.
// message_type_name(m) — the RFC name of a parsed message; for a message type
// tlswire has no structure for, its handshake_type_name.
[[nodiscard]] inline std::string_view handshake_type_name(handshake_type t, name_buf& scratch) {
    scratch = format(t);
    std::string_view n = scratch.view();
    constexpr std::string_view suffix = "_RESERVED";
    if (n.size() > suffix.size() && n.substr(n.size() - suffix.size()) == suffix) n.remove_suffix(suffix.size());
    return n;
}
[[nodiscard]] inline std::string_view message_type_name(const handshake_message& m, name_buf& scratch) {
    if (const auto* u = std::get_if<unknown_handshake>(&m)) return handshake_type_name(u->msg_type, scratch);
    return name_of(m);
}

// print_handshake — "type", "length", "hex", "body" of one handshake message.
// `raw` is the whole message as received (header included); `ctx` is the
// context it was parsed with (nested lists and extensions print with it).
template <class = void>
void print_handshake(sink& s, bytes_view raw, const handshake_message& m, const context& ctx) {
    name_buf scratch;
    s.key("type");
    s.string(message_type_name(m, scratch));
    s.key("length");
    s.number(raw.size() >= 4 ? raw.size() - 4 : 0);
    s.key("hex");
    s.hex(raw);
    s.key("body");
    s.begin_object();
    std::visit(
        [&](const auto& v) {
            using T = std::remove_cvref_t<decltype(v)>;
            context c = ctx;
            if constexpr (std::is_same_v<T, hello_retry_request>) c.version = 0x0304;
            print_fields(s, v, c);
        },
        m);
    s.end_object();
}

namespace detail {
// begin_record — what every plaintext record prints first: "type", "length"
// and "hex" of its fragment, then opens "body".
inline void begin_record(sink& s, std::string_view type, bytes_view fragment) {
    s.key("type");
    s.string(type);
    s.key("length");
    s.number(fragment.size());
    s.key("hex");
    s.hex(fragment);
    s.key("body");
    s.begin_object();
}
}  // namespace detail

// print_alert — a plaintext alert record's members.
inline void print_alert(sink& s, bytes_view fragment, const alert& a, const context& ctx = {}) {
    detail::begin_record(s, "alert", fragment);
    print_fields(s, a, ctx);
    s.end_object();
}

// print_change_cipher_spec — a ChangeCipherSpec record's members.
inline void print_change_cipher_spec(sink& s, bytes_view fragment, const change_cipher_spec& c) {
    detail::begin_record(s, "change_cipher_spec", fragment);
    print_fields(s, c);
    s.end_object();
}

// print_heartbeat — a heartbeat record's members (RFC 6520 §4): "type"
// "heartbeat", "length" (fragment length), "hex" (the fragment), "body" with
// "type" (heartbeat_request, heartbeat_response, or hex when unregistered),
// "payload_length", "payload" (hex) and "padding_length" (the padding itself
// is random and not printed).
inline void print_heartbeat(sink& s, bytes_view fragment, const heartbeat_message& m) {
    detail::begin_record(s, "heartbeat", fragment);
    s.key("type");
    s.string(format(m.type).view());
    s.key("payload_length");
    s.number(m.payload.size());
    s.key("payload");
    s.hex(m.payload);
    s.key("padding_length");
    s.number(m.padding.size());
    s.end_object();
}

// print_sslv2_client_hello — the SSL 2.0-compatible ClientHello (RFC 5246
// Appendix E.2): "type" "sslv2_client_hello", "length" (msg_length's 15 bits),
// "hex" (header included), "body" with version, cipher_specs, session_id and
// challenge. A V2CipherSpec {0x00, suite} is a TLS cipher suite and prints by
// its IANA name; the SSL 2.0 ones print as 6-digit hex.
inline void print_sslv2_client_hello(sink& s, bytes_view raw, const sslv2_client_hello& h) {
    s.key("type");
    s.string("sslv2_client_hello");
    s.key("length");
    s.number(raw.size() >= 2 ? raw.size() - 2 : 0);
    s.key("hex");
    s.hex(raw);
    s.key("body");
    s.begin_object();
    s.key("version");
    s.string(format(h.version).view());
    s.key("cipher_specs");
    s.begin_array();
    for (std::uint32_t spec : h.cipher_specs) {
        if (spec <= 0xffff) {
            s.string(format(static_cast<cipher_suite>(spec)).view());
        } else {
            const std::uint8_t b[3] = {static_cast<std::uint8_t>(spec >> 16), static_cast<std::uint8_t>(spec >> 8),
                                       static_cast<std::uint8_t>(spec)};
            std::string hex = "0x";
            detail::append_hex(hex, b);
            s.string(hex);
        }
    }
    s.end_array();
    s.key("session_id");
    s.hex(h.session_id);
    s.key("challenge");
    s.hex(h.challenge);
    s.end_object();
}

// print_encrypted — a protected record: its outer content type and length.
inline void print_encrypted(sink& s, content_type outer, std::size_t length) {
    s.key("type");
    s.string(format(outer).view());
    s.key("encrypted");
    s.boolean(true);
    s.key("length");
    s.number(length);
}

// print_error_value — {"code", "offset", "where"}: an error as a value.
inline void print_error_value(sink& s, const error& e) {
    s.begin_object();
    s.key("code");
    s.string(to_string(e.code));
    s.key("offset");
    s.number(e.offset);
    s.key("where");
    s.string(e.where);
    s.end_object();
}

// print_error — {"error": {"code", "offset", "where"}} as a whole object.
inline void print_error(sink& s, const error& e) {
    s.begin_object();
    s.key("error");
    print_error_value(s, e);
    s.end_object();
}

}  // namespace tlswire::print
