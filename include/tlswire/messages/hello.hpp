// tlswire/messages/hello.hpp — ClientHello, ServerHello and HelloRetryRequest.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/extensions/supported_versions.hpp"
#include "tlswire/messages/tls13_only.hpp"
#include "tlswire/registry/cipher_suite.hpp"
#include "tlswire/registry/compression_method.hpp"
#include "tlswire/registry/handshake_type.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire {

// tls13_legacy_version(ctx), tls13_version(ctx) — what a TLS 1.3 hello's
// legacy_version must hold and the version supported_versions names for TLS
// 1.3: 0x0303 and 0x0304 (RFC 8446 §4.1.2, §4.1.3, §4.2.1), in DTLS {254,253}
// and 0xfefc (RFC 9147 §5.3: "the legacy_version field MUST be set to
// {254, 253}"; §5.4: the ServerHello's "legacy_version field is set to
// 0xfefd"; §5.1 lists DTLS 1.3 as 0xfefc).
[[nodiscard]] constexpr protocol_version tls13_legacy_version(const context& ctx) noexcept {
    return ctx.is_dtls() ? protocol_version::dtls12 : protocol_version::tls12;
}
[[nodiscard]] constexpr protocol_version tls13_version(const context& ctx) noexcept {
    return ctx.is_dtls() ? protocol_version::dtls13 : protocol_version::tls13;
}

namespace detail {
// decoding_context(block) — the context to decode a hello's extension body
// again in: the block's own (so a body its parse validated is decoded
// without checking it again), lenient (so a body it did not validate, in a
// block built by hand, is read as far as its structure goes).
[[nodiscard]] constexpr context decoding_context(const extension_block& block) noexcept {
    context c = block.entries.ctx();
    c.mode = strictness::lenient;
    return c;
}

// block_offset(block, at, part) — the absolute offset of `part`, a view into
// a parsed block whose extensions field starts at absolute offset `at`.
[[nodiscard]] constexpr std::size_t block_offset(const extension_block& block, std::size_t at,
                                                 bytes_view part) noexcept {
    return at + 2 + static_cast<std::size_t>(part.data() - block.entries.raw().data());
}
}  // namespace detail

// RFC 8446 §4.1.2 (TLS 1.3), RFC 5246 §7.4.1.2 (TLS 1.0–1.2):
//   struct {
//       ProtocolVersion legacy_version;
//       Random random;                                       // opaque[32]
//       opaque legacy_session_id<0..32>;
//       CipherSuite cipher_suites<2..2^16-2>;
//       opaque legacy_compression_methods<1..2^8-1>;
//       Extension extensions<8..2^16-1>;                     // optional before TLS 1.3
//   } ClientHello;
struct client_hello {
    static constexpr std::string_view wire_name = "client_hello";
    static constexpr handshake_type msg_type = handshake_type::client_hello;

    protocol_version legacy_version{};
    bytes_view random{};
    bytes_view legacy_session_id{};
    list_of<cipher_suite> cipher_suites{};
    list_of<compression_method> legacy_compression_methods{};
    extension_block extensions{};

    // fields(io, self, after_session_id) — the description, with
    // `after_session_id(io)` walked between legacy_session_id and
    // cipher_suites: where DTLS puts its cookie (RFC 6347 §4.2.1; the DTLS
    // ClientHello in dtls/client_hello.hpp is this description plus it).
    // (Before wire: clang 14 cannot constant-evaluate a member template
    // called from the class body before its definition.)
    TLSWIRE_INLINE static constexpr void fields(auto& io, auto& self, auto&& after_session_id) {
        const auto version_at = io.mark();
        io("legacy_version", self.legacy_version);
        io("random", self.random, fixed<32>{});
        io("legacy_session_id", self.legacy_session_id, opaque<1, 0, 32>{});
        after_session_id(io);
        io("cipher_suites", self.cipher_suites, vec<2, 2, 0xfffe>{});
        const auto compression_at = io.mark();
        io("legacy_compression_methods", self.legacy_compression_methods, vec<1, 1, 0xff>{});
        // Before TLS 1.3 the extensions may be absent; a TLS 1.3 ClientHello always
        // carries at least supported_versions, so <8..2^16-1> is enforced then.
        if (io.ctx().is_tls13()) io("extensions", self.extensions, extensions_fmt<message_kind::client_hello, 8, false>{});
        else io("extensions", self.extensions, extensions_fmt<message_kind::client_hello, 0, true>{});
        // RFC 8446 §4.1.2: "For every TLS 1.3 ClientHello, this vector MUST
        // contain exactly one byte, set to zero" — a ClientHello offering 1.3
        // is a TLS 1.3 ClientHello whatever the server later picks.
        // §4.1.2 also: "the legacy_version field MUST be set to 0x0303" ({254,253}
        // in DTLS 1.3, RFC 9147 §5.3: tls13_legacy_version).
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            if (io.ok() && io.strict() && (io.ctx().is_tls13() || offers_tls13(self))) {
                io.check(self.legacy_version == tls13_legacy_version(io.ctx()), errc::illegal_value, "legacy_version",
                         version_at);
                const auto& m = self.legacy_compression_methods;
                io.check(m.size() == 1 && *m.begin() == compression_method::null, errc::illegal_value,
                         "legacy_compression_methods", compression_at);
            }
        }
    }

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { fields(io, self, [](auto&) {}); }

    // offers_tls13 — whether supported_versions lists TLS 1.3 (RFC 8446 §4.2.1).
    // False without the extension, or when its body is not a version list.
    [[nodiscard]] static constexpr bool offers_tls13(const client_hello& ch) noexcept {
        const auto sv = ch.extensions.get<supported_versions_client_hello>(detail::decoding_context(ch.extensions));
        return sv && *sv && (*sv)->versions.contains(protocol_version::tls13);
    }
};

// RFC 8446 §4.1.3: the Random of a HelloRetryRequest is SHA-256("HelloRetryRequest").
inline constexpr std::array<std::uint8_t, 32> hello_retry_request_random{
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

// tls13_only_extension(t) — whether t is one of the extensions RFC 8446 §4.2
// defines for TLS 1.3 alone, which a TLS 1.0–1.2 ServerHello cannot carry
// (§4.2.1: a server negotiating an earlier version "MUST NOT send the
// "supported_versions" extension"; key_share, pre_shared_key, early_data,
// cookie, psk_key_exchange_modes, oid_filters and post_handshake_auth are
// TLS 1.3 mechanisms). certificate_authorities and signature_algorithms_cert,
// also new in RFC 8446, are not here: §4.2.3 has TLS 1.2 use the latter.
[[nodiscard]] constexpr bool tls13_only_extension(extension_type t) noexcept {
    switch (t) {
        case extension_type::pre_shared_key:
        case extension_type::early_data:
        case extension_type::supported_versions:
        case extension_type::cookie:
        case extension_type::psk_key_exchange_modes:
        case extension_type::oid_filters:
        case extension_type::post_handshake_auth:
        case extension_type::key_share: return true;
        default: return false;
    }
}

namespace detail {
// registry_tls13_suite(cs) — tls13_cipher_suite's answer from the registry.
[[nodiscard]] constexpr bool registry_tls13_suite(cipher_suite cs) noexcept {
    if (is_grease(cs)) return false;
    const std::size_t i = detail::find_index(cs);
    if (i == detail::npos) return true;
    const cipher_suite_attributes& a = registry_traits<cipher_suite>::entries[i].attributes;
    return !a.is_scsv() && allows_version(a, protocol_version::tls13);
}
// RFC 8446 §B.4's five suites, 0x1301–0x1305, are what a ServerHello carries:
// answered without the registry search, which says the same.
static_assert(registry_tls13_suite(static_cast<cipher_suite>(0x1301)) &&
              registry_tls13_suite(static_cast<cipher_suite>(0x1302)) &&
              registry_tls13_suite(static_cast<cipher_suite>(0x1303)) &&
              registry_tls13_suite(static_cast<cipher_suite>(0x1304)) &&
              registry_tls13_suite(static_cast<cipher_suite>(0x1305)));
}  // namespace detail

// tls13_cipher_suite(cs) — whether a server may select cs in TLS 1.3: a
// registered suite whose version range (registry/cipher_suite.hpp) includes
// TLS 1.3 (RFC 8446 §B.4 and the later TLS 1.3 suites, e.g. RFC 9150's
// TLS_SHA256_SHA256) and that is not a signalling value, or an unregistered
// one (not the registry's call). Never a GREASE value (RFC 8701 §3.1:
// "Clients MUST reject GREASE values when negotiated by the server").
[[nodiscard]] TLSWIRE_INLINE constexpr bool tls13_cipher_suite(cipher_suite cs) noexcept {
    const auto v = detail::to_underlying(cs);
    return (v >= 0x1301 && v <= 0x1305) || detail::registry_tls13_suite(cs);
}

template <message_kind Kind, handshake_type Type>
struct basic_server_hello;

// selected_version(sh) — the version a ServerHello (or HelloRetryRequest)
// selects, RFC 8446 §4.2.1: supported_versions' selected_version when the
// extension is there with a 2-byte body, else legacy_version (RFC 5246
// §7.4.1.3: server_version). Never fails: a supported_versions body that is
// not a ProtocolVersion (only possible in a block built by hand) counts as
// absent. The body is read directly: `struct { ProtocolVersion
// selected_version; }` is the whole of it, and this runs on every parse.
template <message_kind Kind, handshake_type Type>
[[nodiscard]] TLSWIRE_INLINE constexpr protocol_version selected_version(
    const basic_server_hello<Kind, Type>& sh) noexcept {
    const auto sv = sh.extensions.find(extension_type::supported_versions);
    if (sv && sv->size() == 2) return static_cast<protocol_version>(load_be<2>(sv->data()));
    return sh.legacy_version;
}

// RFC 8446 §4.1.3 (TLS 1.3), RFC 5246 §7.4.1.3 (TLS 1.0–1.2):
//   struct {
//       ProtocolVersion legacy_version;
//       Random random;
//       opaque legacy_session_id_echo<0..32>;
//       CipherSuite cipher_suite;
//       uint8 legacy_compression_method;
//       Extension extensions<6..2^16-1>;                     // optional before TLS 1.3
//   } ServerHello;
// A HelloRetryRequest has the same structure with the special random and its
// own extension rules, so it is its own type; it exists only in TLS 1.3
// (messages/tls13_only.hpp).
//
// The version a ServerHello follows is the context's; when the context does
// not know it, the one the ServerHello selects (selected_version): a
// ServerHello selecting TLS 1.3 is read with TLS 1.3 rules, its extensions
// checked again as a TLS 1.3 block. Strict parsing then enforces, in TLS 1.3
// (RFC 8446 §4.1.3, §4.1.4, §4.2.1): legacy_version 0x0303, compression 0, a
// TLS 1.3 cipher suite, supported_versions present and selecting 0x0304; in
// TLS 1.0–1.2: no TLS 1.3-only extension (tls13_only_extension).
template <message_kind Kind, handshake_type Type = handshake_type::server_hello>
struct basic_server_hello {
    static constexpr std::string_view wire_name =
        Kind == message_kind::hello_retry_request ? "hello_retry_request" : "server_hello";
    static constexpr handshake_type msg_type = Type;

    protocol_version legacy_version{};
    bytes_view random{};
    bytes_view legacy_session_id_echo{};
    ::tlswire::cipher_suite cipher_suite{};
    compression_method legacy_compression_method{};
    extension_block extensions{};

private:
    // (Before wire: clang 14 cannot constant-evaluate a member template
    // called from the class body before its definition.)
    TLSWIRE_INLINE static constexpr void fields(auto& io, auto& self) {
        const auto version_at = io.mark();
        io("legacy_version", self.legacy_version);
        const auto random_at = io.mark();
        io("random", self.random, fixed<32>{});
        io("legacy_session_id_echo", self.legacy_session_id_echo, opaque<1, 0, 32>{});
        const auto suite_at = io.mark();
        io("cipher_suite", self.cipher_suite);
        const auto compression_at = io.mark();
        io("legacy_compression_method", self.legacy_compression_method);
        const auto extensions_at = io.mark();
        bytes_view extensions_bytes{};
        if constexpr (detail::parsing_io<decltype(io)>) extensions_bytes = io.in().rest();
        if (io.ctx().is_tls13()) io("extensions", self.extensions, extensions_fmt<Kind, 6, false>{});
        else io("extensions", self.extensions, extensions_fmt<Kind, 0, true>{});
        if constexpr (detail::parsing_io<decltype(io)>) {
            const bool is_hrr =
                self.random.size() == 32 && equal_bytes(self.random.data(), hello_retry_request_random.data(), 32);
            io.check(is_hrr == (Kind == message_kind::hello_retry_request), errc::illegal_value, "random", random_at);
            if (!io.ok()) return;
            bool tls13 = io.ctx().is_tls13();
            if (!io.ctx().version_known() && selected_version(self) == tls13_version(io.ctx())) {
                // A TLS 1.3 ServerHello: its extensions again, as a TLS 1.3 block.
                context c = io.ctx();
                c.version = 0x0304;
                reader again = io.in().is_trusted()
                                   ? reader(extensions_bytes, io.in().sink(), extensions_at, reader::trusted)
                                   : reader(extensions_bytes, io.in().sink(), extensions_at);
                self.extensions = extension_block{};
                extensions_fmt<Kind, 6, false>::read(again, self.extensions, "extensions", c);
                tls13 = true;
            }
            if (!io.strict() || !io.ok()) return;
            if (tls13) {
                // RFC 8446 §4.1.3: "legacy_version ... MUST be set to 0x0303" (DTLS:
                // 0xfefd, RFC 9147 §5.4); "legacy_compression_method: A single byte
                // which MUST have the value 0".
                io.check(self.legacy_version == tls13_legacy_version(io.ctx()), errc::illegal_value, "legacy_version",
                         version_at);
                io.check(self.legacy_compression_method == compression_method::null, errc::illegal_value,
                         "legacy_compression_method", compression_at);
                // §4.1.3: "cipher_suite: The single cipher suite selected by the
                // server from the list in ClientHello.cipher_suites" — TLS 1.3's.
                io.check(tls13_cipher_suite(self.cipher_suite), errc::illegal_value, "cipher_suite", suite_at);
                // §4.2.1: "A server which negotiates TLS 1.3 MUST respond by sending a
                // "supported_versions" extension containing the selected version value
                // (0x0304)"; §4.1.4: "The server's extensions MUST contain "supported_versions"."
                const auto sv = self.extensions.find(extension_type::supported_versions);
                io.check(sv.has_value(), errc::missing_extension, "extensions", extensions_at);
                if (sv)
                    io.check(selected_version(self) == tls13_version(io.ctx()), errc::illegal_value,
                             "selected_version", detail::block_offset(self.extensions, extensions_at, *sv));
            } else if (before_tls13(io.ctx().version_known() ? io.ctx().version
                                                             : static_cast<std::uint16_t>(selected_version(self)))) {
                // §4.2.1: "A server which negotiates a version of TLS prior to TLS 1.3
                // ... MUST NOT send the "supported_versions" extension"; no other TLS 1.3
                // mechanism exists there either.
                for (const extension& e : self.extensions) {
                    if (!tls13_only_extension(e.extension_type)) continue;
                    io.check(false, errc::misplaced_extension, to_string(e.extension_type),
                             detail::block_offset(self.extensions, extensions_at, e.extension_data) - 4);
                    return;
                }
            }
        }
    }

public:
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        if constexpr (Kind == message_kind::hello_retry_request)
            detail::in_tls13(io, wire_name, [&](auto& io13) { fields(io13, self); });
        else fields(io, self);
    }
};

using server_hello = basic_server_hello<message_kind::server_hello>;
using hello_retry_request = basic_server_hello<message_kind::hello_retry_request>;

// is_hello_retry_request — whether a server_hello body carries the special
// random (RFC 8446 §4.1.3). Looks only at bytes 2..33 of the body.
[[nodiscard]] constexpr bool is_hello_retry_request(bytes_view server_hello_body) noexcept {
    return server_hello_body.size() >= 34 &&
           equal_bytes(server_hello_body.data() + 2, hello_retry_request_random.data(), 32);
}

}  // namespace tlswire
