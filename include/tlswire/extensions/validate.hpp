// tlswire/extensions/validate.hpp — strict checking of one extension's body.
//
// Called by the extensions block for every entry. Extensions with a typed
// description for the message (extensions/dispatch.hpp) are parsed with it:
// bounds, fixed lengths, the RFC's value rules, and full consumption (a byte
// left over inside a body is errc::trailing_data naming the extension). The
// body reader shares the block's error sink, so a failure reports the
// absolute offset and the field inside the extension. Unknown and GREASE
// types, and types with no structure in this message, are left alone.
#pragma once

#include <type_traits>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/dispatch.hpp"
#include "tlswire/extensions/message_kind.hpp"
#include "tlswire/registry/extension_type.hpp"

namespace tlswire {

constexpr void validate_extension_body(reader& body, extension_type type, message_kind kind, const context& ctx) {
    describe_extension(type, kind, [&]<class T>(std::type_identity<T>) {
        T value{};
        described_format::read(body, value, T::wire_name, ctx);
        body.expect_end(T::wire_name);
    });
}

}  // namespace tlswire
