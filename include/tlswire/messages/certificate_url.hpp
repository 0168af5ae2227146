// tlswire/messages/certificate_url.hpp — CertificateURL (RFC 6066 §5).
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 6066 §5: enum { individual_certs(0), pkipath(1), (255) } CertChainType;
enum class cert_chain_type : std::uint8_t { individual_certs = 0, pkipath = 1 };

[[nodiscard]] constexpr std::string_view to_string(cert_chain_type t) noexcept {
    switch (t) {
        case cert_chain_type::individual_certs: return "individual_certs";
        case cert_chain_type::pkipath: return "pkipath";
    }
    return {};
}

// RFC 6066 §5:
//   struct { opaque url<1..2^16-1>; unint8 padding; opaque SHA1Hash[20]; } URLAndHash;
// "The padding byte MUST be 0x01" (it replaces the old hash-present flag).
struct url_and_hash {
    static constexpr std::string_view wire_name = "URLAndHash";
    bytes_view url{};
    std::uint8_t padding = 1;
    bytes_view sha1_hash{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("url", self.url, text<opaque<2, 1, 0xffff>>{});
        const auto at = io.mark();
        io("padding", self.padding);
        if (io.strict()) io.check(self.padding == 1, errc::illegal_value, "padding", at);
        io("SHA1Hash", self.sha1_hash, fixed<20>{});
    }
};

//   struct { CertChainType type; URLAndHash url_and_hash_list<1..2^16-1>; } CertificateURL;
struct certificate_url {
    static constexpr handshake_type msg_type = handshake_type::certificate_url;
    static constexpr std::string_view wire_name = "certificate_url";
    cert_chain_type type{};
    list_of<url_and_hash> url_and_hash_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("type", self.type);
        if (io.strict())
            io.check(self.type == cert_chain_type::individual_certs || self.type == cert_chain_type::pkipath,
                     errc::illegal_value, "type", at);
        io("url_and_hash_list", self.url_and_hash_list, vec<2, 1, 0xffff>{});
    }
};

}  // namespace tlswire
