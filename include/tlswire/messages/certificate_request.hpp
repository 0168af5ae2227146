// tlswire/messages/certificate_request.hpp — CertificateRequest (TLS 1.0–1.2 and 1.3)
// and ClientCertificateRequest (RFC 9261 exported authenticators).
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/registry/client_certificate_type.hpp"
#include "tlswire/registry/handshake_type.hpp"
#include "tlswire/registry/signature_scheme.hpp"

namespace tlswire {

// RFC 5246 §7.4.4 (TLS 1.2):
//   struct {
//       ClientCertificateType certificate_types<1..2^8-1>;
//       SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
//       DistinguishedName certificate_authorities<0..2^16-1>;
//   } CertificateRequest;
//   opaque DistinguishedName<1..2^16-1>;
// RFC 2246/4346 §7.4.4 (TLS 1.0/1.1): without supported_signature_algorithms;
// it is read only when the context's version is TLS 1.2 (or unknown).
struct certificate_request_tls12 {
    static constexpr handshake_type msg_type = handshake_type::certificate_request;
    static constexpr std::string_view wire_name = "certificate_request";
    list_of<client_certificate_type> certificate_types{};
    list_of<signature_scheme> supported_signature_algorithms{};
    list<bytes_view, opaque<2, 1, 0xffff>> certificate_authorities{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("certificate_types", self.certificate_types, vec<1, 1, 0xff>{});
        if (!io.ctx().version_known() || io.ctx().version >= 0x0303)
            io("supported_signature_algorithms", self.supported_signature_algorithms, vec<2, 2, 0xfffe>{});
        io("certificate_authorities", self.certificate_authorities, vec<2, 0, 0xffff>{});
    }
};

// RFC 8446 §4.3.2:
//   struct {
//       opaque certificate_request_context<0..2^8-1>;
//       Extension extensions<2..2^16-1>;
//   } CertificateRequest;
// RFC 9261 §4 gives ClientCertificateRequest (type 17) the same structure.
template <handshake_type Type>
struct basic_certificate_request_tls13 {
    static constexpr handshake_type msg_type = Type;
    static constexpr std::string_view wire_name =
        Type == handshake_type::certificate_request ? "certificate_request" : "client_certificate_request";
    bytes_view certificate_request_context{};
    extension_block extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("certificate_request_context", self.certificate_request_context, opaque<1, 0, 0xff>{});
        const auto extensions_at = io.mark();
        io("extensions", self.extensions, extensions_fmt<message_kind::certificate_request, 2, false>{});
        // RFC 8446 §4.3.2: "The "signature_algorithms" extension MUST be specified".
        if constexpr (Type == handshake_type::certificate_request && detail::parsing_io<decltype(io)>)
            if (io.strict() && io.ok())
                io.check(self.extensions.contains(extension_type::signature_algorithms), errc::missing_extension,
                         "extensions", extensions_at);
    }
};

using certificate_request_tls13 = basic_certificate_request_tls13<handshake_type::certificate_request>;
using client_certificate_request = basic_certificate_request_tls13<handshake_type::client_certificate_request>;

}  // namespace tlswire
