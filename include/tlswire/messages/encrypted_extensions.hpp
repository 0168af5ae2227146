// tlswire/messages/encrypted_extensions.hpp — EncryptedExtensions (TLS 1.3).
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// RFC 8446 §4.3.1: struct { Extension extensions<0..2^16-1>; } EncryptedExtensions;
struct encrypted_extensions {
    static constexpr handshake_type msg_type = handshake_type::encrypted_extensions;
    static constexpr std::string_view wire_name = "encrypted_extensions";
    extension_block extensions{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("extensions", self.extensions, extensions_fmt<message_kind::encrypted_extensions, 0, false>{});
    }
};

}  // namespace tlswire
