// tlswire/dtls/client_hello.hpp — the DTLS ClientHello: TLS's, with a cookie.
//
// RFC 6347 §4.2.1 (DTLS 1.2; RFC 4347 §4.2.1 for DTLS 1.0):
//   struct {
//     ProtocolVersion client_version;
//     Random random;
//     SessionID session_id;
//     opaque cookie<0..2^8-1>;                             // New field
//     CipherSuite cipher_suites<2..2^16-1>;
//     CompressionMethod compression_methods<1..2^8-1>;
//   } ClientHello;
// RFC 9147 §5.3 (DTLS 1.3) names the cookie legacy_cookie and the rest as
// TLS 1.3 does. Everything but the cookie is tlswire's TLS ClientHello
// description (messages/hello.hpp), walked with the cookie inserted after
// the session id: one description of the shared fields, not two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "tlswire/codec/codec.hpp"
#include "tlswire/dtls/hello_verify_request.hpp"
#include "tlswire/dtls/record.hpp"
#include "tlswire/extensions/supported_versions.hpp"
#include "tlswire/messages/hello.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire::dtls {

// client_hello — the fields of tlswire::client_hello (legacy_version is the
// RFC's client_version) plus `cookie`. The context's version is the DTLS
// wire value (0xfeff, 0xfefd, 0xfefc; 0 when not known). Strict parsing
// enforces, beyond the TLS rules:
//  - legacy_version a DTLS version (record_version_ok; lenient: any 0xFE..
//    and the pre-RFC 0x0100);
//  - the cookie at most 32 bytes from a DTLS 1.0 client (legacy_version
//    {254,255}, or a DTLS 1.0 context: RFC 4347 §4.2.1), else 255;
//  - for a ClientHello offering DTLS 1.3 (supported_versions lists 0xfefc)
//    or read in a DTLS 1.3 context, RFC 9147 §5.3: legacy_version {254,253},
//    legacy_compression_methods the single null method ("Same as for TLS
//    1.3"), extensions present;
//  - in a DTLS 1.3 context, legacy_cookie empty (§5.3: "If a DTLS 1.3
//    ClientHello is received with any other value in this field, the server
//    MUST abort"; a client offering 1.2 as well may echo a DTLS 1.2
//    server's HelloVerifyRequest cookie, so offering 1.3 is not enough).
struct client_hello : tlswire::client_hello {
    static constexpr std::string_view wire_name = "client_hello";
    bytes_view cookie{};

    // offers_dtls13 — whether supported_versions lists DTLS 1.3 (0xfefc).
    [[nodiscard]] static constexpr bool offers_dtls13(const tlswire::client_hello& ch) noexcept {
        const auto sv = ch.extensions.get<supported_versions_client_hello>(tlswire::detail::decoding_context(ch.extensions));
        return sv && *sv && (*sv)->versions.contains(protocol_version::dtls13);
    }

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto version_at = io.mark();
        std::size_t cookie_at = 0;
        tlswire::client_hello::fields(io, self, [&](auto& inner) {
            cookie_at = inner.mark();
            inner("cookie", self.cookie, opaque<1, 0, max_cookie_length>{});
        });
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            if (!io.ok() || !io.strict()) return;
            const auto dtls13 = static_cast<std::uint16_t>(protocol_version::dtls13);
            io.check(record_version_ok(self.legacy_version, true), errc::illegal_value, "legacy_version", version_at);
            const bool v10 = self.legacy_version == protocol_version::dtls10 ||
                             io.ctx().version == static_cast<std::uint16_t>(protocol_version::dtls10);
            io.check(self.cookie.size() <= (v10 ? max_cookie_length_dtls10 : max_cookie_length),
                     errc::length_out_of_range, "cookie", cookie_at);
            if (io.ctx().version == dtls13 || offers_dtls13(self)) {
                io.check(self.legacy_version == protocol_version::dtls12, errc::illegal_value, "legacy_version",
                         version_at);
                const auto& m = self.legacy_compression_methods;
                io.check(m.size() == 1 && *m.begin() == compression_method::null, errc::illegal_value,
                         "legacy_compression_methods", cookie_at + 1 + self.cookie.size() + 2 +
                                                           self.cipher_suites.raw().size());
            }
            if (io.ctx().version == dtls13)
                io.check(self.cookie.empty(), errc::illegal_value, "legacy_cookie", cookie_at);
        }
    }
};

}  // namespace tlswire::dtls
