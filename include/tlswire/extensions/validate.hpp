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
#include "tlswire/extensions/placement.hpp"
#include "tlswire/registry/extension_type.hpp"

namespace tlswire {

// validate_extension_body<Kind>(body, at, sink, type, ctx) — `body` is the
// extension_data, starting at absolute offset `at`; errors go to `sink`. The
// block's message kind is a constant here, so the dispatch keeps only that
// message's cases; each body is read by its own small function, with its own
// reader (kept in registers).
template <message_kind Kind>
TLSWIRE_INLINE constexpr void validate_extension_body(bytes_view body, std::size_t at, error& sink,
                                                      extension_type type, const context& ctx) {
    describe_extension(type, Kind, [&]<class T>(std::type_identity<T>) {
        reader r(body, sink, at);
        T value{};
        described_format::read(r, value, T::wire_name, ctx);
        r.expect_end(T::wire_name);
    });
}

}  // namespace tlswire
