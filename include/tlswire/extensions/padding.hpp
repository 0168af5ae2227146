// tlswire/extensions/padding.hpp — padding (21), RFC 7685 §3.
#pragma once

#include <cstddef>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// RFC 7685 §3: "The "extension_data" for the extension consists of an
// arbitrary number of zero bytes." ... "The client MUST fill the padding
// extension completely with zero bytes". Strict mode rejects a non-zero byte
// (errc::illegal_value at that byte); lenient keeps whatever is there.
struct padding_client_hello {
    static constexpr std::string_view wire_name = "padding";
    static constexpr extension_type type = extension_type::padding;
    bytes_view padding{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("padding", self.padding, rest{});
        if constexpr (detail::parsing_io<decltype(io)>) {
            if (io.strict())
                for (std::size_t i = 0; i < self.padding.size(); ++i)
                    if (self.padding[i] != 0) {
                        io.check(false, errc::illegal_value, "padding", at + i);
                        break;
                    }
        }
    }
};

}  // namespace tlswire
