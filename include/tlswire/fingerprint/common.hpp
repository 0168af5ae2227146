// tlswire/fingerprint/common.hpp — what JA3 and JA4 both read from a hello:
// its typed extensions, and its lists with GREASE left out.
//
// GREASE (RFC 8701 §2: the sixteen values 0x0A0A, 0x1A1A, ..., 0xFAFA of
// the cipher suite, extension, named group, signature scheme and version
// registries) is ignored by both: JA3 "ignores these values completely"
// (salesforce/ja3 README), JA4 "needs to ignore GREASE values anywhere it
// sees them" (JA4.md "Details").
#pragma once

#include <cstdint>
#include <optional>

#include "tlswire/extensions/block.hpp"
#include "tlswire/fingerprint/text.hpp"
#include "tlswire/messages/hello.hpp"
#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire::detail {

// typed_extension_of<T>(block) — the first T::type extension of the block,
// decoded (T is the ClientHello description, e.g. supported_groups_extension).
// std::nullopt when the block has none, or when its body does not decode:
// a parsed block's bodies were validated by its parse, so that happens only
// in a block built by hand, and then the extension contributes no values.
template <class T>
[[nodiscard]] constexpr std::optional<T> typed_extension_of(const extension_block& block) {
    const auto r = block.get<T>(decoding_context(block));
    if (!r || !*r) return std::nullopt;
    return **r;
}

// grease_free(v) — v's 16-bit value, or -1 for a GREASE value (the `key`
// that for_each_sorted and join take).
template <class E>
[[nodiscard]] constexpr int grease_free(E v) noexcept {
    const auto u = static_cast<std::uint16_t>(v);
    return is_grease_u16(u) ? -1 : u;
}
// extension_key(e) — an extension's type, or -1 for a GREASE type.
[[nodiscard]] constexpr int extension_key(const extension& e) noexcept { return grease_free(e.extension_type); }

// join(values, key, format, separator, out) — format(k) of every element
// whose key k is not negative, in list order, separated by `separator`.
// Returns how many were written.
template <class Range, class Key, class Format, class Out>
constexpr std::size_t join(const Range& values, Key key, Format format, std::string_view separator, Out& out) {
    std::size_t n = 0;
    for (const auto& x : values) {
        const int k = key(x);
        if (k < 0) continue;
        if (n++ != 0) out(separator);
        out(format(static_cast<std::uint16_t>(k)).view());
    }
    return n;
}

// count(values, key) — how many elements have a key that is not negative.
template <class Range, class Key>
[[nodiscard]] constexpr std::size_t count(const Range& values, Key key) {
    std::size_t n = 0;
    for (const auto& x : values)
        if (key(x) >= 0) ++n;
    return n;
}

}  // namespace tlswire::detail
