// tlswire/dtls/hello_verify_request.hpp — DTLS 1.0/1.2 HelloVerifyRequest.
//
// RFC 6347 §4.2.1:
//   struct {
//     ProtocolVersion server_version;
//     opaque cookie<0..2^8-1>;
//   } HelloVerifyRequest;
// "This specification increases the cookie size limit to 255 bytes for
// greater future flexibility. The limit remains 32 for previous versions of
// DTLS" (RFC 4347 §4.2.1: opaque cookie<0..32>).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/dtls/record.hpp"
#include "tlswire/registry/handshake_type.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire::dtls {

// RFC 4347 §4.2.1: the DTLS 1.0 cookie limit; RFC 6347 §4.2.1: DTLS 1.2's.
inline constexpr std::size_t max_cookie_length_dtls10 = 32;
inline constexpr std::size_t max_cookie_length = 255;

// max_cookie_length_for(ctx) — 32 when the context says DTLS 1.0, else 255.
// (The context, not server_version, decides: RFC 6347 §4.2.1 has DTLS 1.2
// servers send server_version DTLS 1.0 "regardless of the version of TLS
// that is expected to be negotiated".)
[[nodiscard]] constexpr std::size_t max_cookie_length_for(const context& ctx) noexcept {
    return ctx.version == static_cast<std::uint16_t>(protocol_version::dtls10) ? max_cookie_length_dtls10
                                                                               : max_cookie_length;
}

// hello_verify_request — strict parsing enforces: server_version a DTLS
// version (record_version_ok: {254,255} or {254,253}; lenient also the
// pre-RFC 0x0100), the cookie limit of the context's version, and that the
// context is not DTLS 1.3 (RFC 9147 §5.1: DTLS 1.3 uses HelloRetryRequest's
// cookie extension; HelloVerifyRequest is not a DTLS 1.3 message):
// errc::unexpected_message at the start of the body.
struct hello_verify_request {
    static constexpr std::string_view wire_name = "hello_verify_request";
    static constexpr handshake_type msg_type = handshake_type::hello_verify_request;

    protocol_version server_version{};
    bytes_view cookie{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto version_at = io.mark();
        if (io.strict())
            io.check(io.ctx().version != static_cast<std::uint16_t>(protocol_version::dtls13),
                     errc::unexpected_message, wire_name, version_at);
        io("server_version", self.server_version);
        io.check(record_version_ok(self.server_version, io.strict()), errc::illegal_value, "server_version",
                 version_at);
        const auto cookie_at = io.mark();
        io("cookie", self.cookie, opaque<1, 0, max_cookie_length>{});
        if (io.strict())
            io.check(self.cookie.size() <= max_cookie_length_for(io.ctx()), errc::length_out_of_range, "cookie",
                     cookie_at);
    }
};

}  // namespace tlswire::dtls
