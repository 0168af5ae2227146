// tlswire/extensions/server_name.hpp — server_name (0), RFC 6066 §3.
#pragma once

#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/server_name_type.hpp"

namespace tlswire {

// RFC 6066 §3:
//   struct {
//       NameType name_type;
//       select (name_type) { case host_name: HostName; } name;
//   } ServerName;
//   enum { host_name(0), (255) } NameType;
//   opaque HostName<1..2^16-1>;
// Only host_name is defined, and no other type says how long its name is; every
// deployed parser (and RFC 3546, which 6066 replaced) reads a 16-bit-prefixed
// name, so any name_type is read that way and kept.
struct server_name_entry {
    static constexpr std::string_view wire_name = "ServerName";
    server_name_type name_type{};
    bytes_view name{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("name_type", self.name_type);
        io("name", self.name, text<opaque<2, 1, 0xffff>>{});
    }
    // host_name — the name as text (meaningful when name_type is host_name).
    [[nodiscard]] std::string_view host_name() const noexcept { return as_text(name); }
};

// RFC 6066 §3: struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
// "The ServerNameList MUST NOT contain more than one name of the same
// name_type" — checked in strict mode (for host_name, the only defined type).
struct server_name_client_hello {
    static constexpr std::string_view wire_name = "server_name";
    static constexpr extension_type type = extension_type::server_name;
    list_of<server_name_entry> server_name_list{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("server_name_list", self.server_name_list, vec<2, 1, 0xffff>{});
        if constexpr (detail::parsing_io<decltype(io)>) {
            if (io.ok() && io.strict()) {
                int host_names = 0;
                for (const server_name_entry& e : self.server_name_list)
                    if (e.name_type == server_name_type::host_name) ++host_names;
                io.check(host_names <= 1, errc::illegal_value, "server_name_list", at);
            }
        }
    }
};

// RFC 6066 §3: in the server's reply "the "extension_data" field of this
// extension SHALL be empty" (ServerHello before TLS 1.3, EncryptedExtensions in
// TLS 1.3, RFC 8446 §4.2).
using server_name_server = empty_extension<extension_type::server_name>;

}  // namespace tlswire
