// tests/support/extension_block.hpp — an extensions block as a structure of
// its own, to run extensions through a `K` message's block rules (strict
// checks, typed bodies) without the rest of the message.
#pragma once

#include <string_view>

#include "tlswire/extensions/block.hpp"

namespace test_support {

// Extension extensions<0..2^16-1>, as a K message carries it.
template <tlswire::message_kind K>
struct block_of {
    static constexpr std::string_view wire_name = "block";
    tlswire::extension_block extensions{};
    static constexpr void wire(auto& io, auto& self) {
        io("extensions", self.extensions, tlswire::extensions_fmt<K, 0, false>{});
    }
};

}  // namespace test_support
