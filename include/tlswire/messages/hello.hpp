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

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto version_at = io.mark();
        io("legacy_version", self.legacy_version);
        io("random", self.random, fixed<32>{});
        io("legacy_session_id", self.legacy_session_id, opaque<1, 0, 32>{});
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
        // §4.1.2 also: "the legacy_version field MUST be set to 0x0303".
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            if (io.ok() && io.strict() && (io.ctx().is_tls13() || offers_tls13(self))) {
                io.check(self.legacy_version == protocol_version::tls12, errc::illegal_value, "legacy_version",
                         version_at);
                const auto& m = self.legacy_compression_methods;
                io.check(m.size() == 1 && *m.begin() == compression_method::null, errc::illegal_value,
                         "legacy_compression_methods", compression_at);
            }
        }
    }

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

template <message_kind Kind, handshake_type Type>
struct basic_server_hello;

// selected_version(sh) — the version a ServerHello (or HelloRetryRequest)
// selects, RFC 8446 §4.2.1: supported_versions' selected_version when the
// extension is there with a 2-byte body, else legacy_version (RFC 5246
// §7.4.1.3: server_version). Never fails: a supported_versions body that is
// not a ProtocolVersion (only possible in a block built by hand) counts as
// absent.
template <message_kind Kind, handshake_type Type>
[[nodiscard]] constexpr protocol_version selected_version(const basic_server_hello<Kind, Type>& sh) noexcept {
    const auto sv = sh.extensions.template get<supported_versions_server_hello>(detail::decoding_context(sh.extensions));
    if (sv && *sv) return (*sv)->selected_version;
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
        io("cipher_suite", self.cipher_suite);
        const auto compression_at = io.mark();
        io("legacy_compression_method", self.legacy_compression_method);
        if (io.ctx().is_tls13()) io("extensions", self.extensions, extensions_fmt<Kind, 6, false>{});
        else io("extensions", self.extensions, extensions_fmt<Kind, 0, true>{});
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            const bool is_hrr =
                self.random.size() == 32 && equal_bytes(self.random.data(), hello_retry_request_random.data(), 32);
            io.check(is_hrr == (Kind == message_kind::hello_retry_request), errc::illegal_value, "random", random_at);
            // RFC 8446 §4.1.3: in TLS 1.3 legacy_version MUST be 0x0303 and
            // legacy_compression_method MUST be 0.
            if (io.strict() && io.ctx().is_tls13()) {
                io.check(self.legacy_version == protocol_version::tls12, errc::illegal_value, "legacy_version",
                         version_at);
                io.check(self.legacy_compression_method == compression_method::null, errc::illegal_value,
                         "legacy_compression_method", compression_at);
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
