// tlswire/extensions/connection_id.hpp — connection_id (54), RFC 9146 §3;
// external_id_hash (55) and external_session_id (56), RFC 8844 §3–§4;
// ticket_request (58), RFC 9149 §3; dnssec_chain (59), RFC 9102 §2.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 9146 §3: struct { opaque cid<0..2^8-1>; } ConnectionId;
// The same body from the client and the server (ServerHello; in DTLS 1.3,
// RFC 9147 §9, also EncryptedExtensions).
struct connection_id_extension {
    static constexpr std::string_view wire_name = "connection_id";
    static constexpr extension_type type = extension_type::connection_id;
    bytes_view cid{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("cid", self.cid, opaque<1, 0, 0xff>{}); }
};

// RFC 8844 §3: struct { opaque binding_hash<0..32>; } ExternalIdHash;
// ClientHello and EncryptedExtensions (the server's may be empty).
struct external_id_hash_extension {
    static constexpr std::string_view wire_name = "external_id_hash";
    static constexpr extension_type type = extension_type::external_id_hash;
    bytes_view binding_hash{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("binding_hash", self.binding_hash, opaque<1, 0, 32>{}); }
};

// RFC 8844 §4: struct { opaque session_id<20..255>; } ExternalSessionId;
struct external_session_id_extension {
    static constexpr std::string_view wire_name = "external_session_id";
    static constexpr extension_type type = extension_type::external_session_id;
    bytes_view session_id{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("session_id", self.session_id, opaque<1, 20, 0xff>{}); }
};

// RFC 9149 §3:
//   struct {
//       uint8 new_session_count;
//       uint8 resumption_count;
//   } ClientTicketRequest;
struct ticket_request_client_hello {
    static constexpr std::string_view wire_name = "ticket_request";
    static constexpr extension_type type = extension_type::ticket_request;
    std::uint8_t new_session_count = 0;
    std::uint8_t resumption_count = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("new_session_count", self.new_session_count);
        io("resumption_count", self.resumption_count);
    }
};

// RFC 9149 §3: struct { uint8 expected_count; } ServerTicketRequestHint;  (EncryptedExtensions)
struct ticket_request_encrypted_extensions {
    static constexpr std::string_view wire_name = "ticket_request";
    static constexpr extension_type type = extension_type::ticket_request;
    std::uint8_t expected_count = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("expected_count", self.expected_count); }
};

// RFC 9102 §2 (ClientHello): struct { uint16 PortNumber; } DnssecChainExtension;
struct dnssec_chain_client_hello {
    static constexpr std::string_view wire_name = "dnssec_chain";
    static constexpr extension_type type = extension_type::dnssec_chain;
    std::uint16_t PortNumber = 0;  // NOLINT: the RFC's field name

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) { io("PortNumber", self.PortNumber); }
};

// RFC 9102 §2 (the server's, in the end-entity CertificateEntry):
//   struct {
//       uint16 ExtSupportLifetime;
//       opaque AuthenticationChain<1..2^16-1>
//   } DnssecChainExtension;
struct dnssec_chain_certificate {
    static constexpr std::string_view wire_name = "dnssec_chain";
    static constexpr extension_type type = extension_type::dnssec_chain;
    std::uint16_t ExtSupportLifetime = 0;  // NOLINT: the RFC's field names
    bytes_view AuthenticationChain{};      // NOLINT

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("ExtSupportLifetime", self.ExtSupportLifetime);
        io("AuthenticationChain", self.AuthenticationChain, opaque<2, 1, 0xffff>{});
    }
};

}  // namespace tlswire
