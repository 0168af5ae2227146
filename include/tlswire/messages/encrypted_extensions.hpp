// tlswire/messages/encrypted_extensions.hpp — EncryptedExtensions (TLS 1.3 only).
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/messages/tls13_only.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 8446 §4.3.1: struct { Extension extensions<0..2^16-1>; } EncryptedExtensions;
// Read with TLS 1.3 rules whatever the context says (messages/tls13_only.hpp).
struct encrypted_extensions {
    static constexpr handshake_type msg_type = handshake_type::encrypted_extensions;
    static constexpr std::string_view wire_name = "encrypted_extensions";
    extension_block extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        detail::in_tls13(io, wire_name, [&](auto& io13) {
            io13("extensions", self.extensions, extensions_fmt<message_kind::encrypted_extensions, 0, false>{});
        });
    }
};

}  // namespace tlswire
