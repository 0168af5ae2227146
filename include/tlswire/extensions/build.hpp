// tlswire/extensions/build.hpp — writing extensions from typed values.
//
// make_extension turns a typed value (any structure from extensions/*.hpp)
// into an `extension` {type, extension_data}; extension_list collects them,
// or raw ones, in any order — duplicates, unknown and GREASE types included,
// on purpose, because test tools need malformed blocks — and hands out an
// extension_block for a message to serialize.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"

namespace tlswire {

// make_extension(value, buf, ctx, b) — write value's body into the caller's
// fixed buffer; the returned extension's data views `buf`.
template <typed_extension T>
[[nodiscard]] constexpr result<extension> make_extension(const T& value, std::span<std::uint8_t> buf,
                                                         const context& ctx = {}, bounds b = bounds::checked) {
    const result<std::size_t> n = serialize(value, buf, ctx, b);
    if (!n) return n.err();
    return extension{T::type, bytes_view(buf.data(), *n)};
}

// make_extension(value, out, ctx, b) — `out` is cleared and receives the
// body; the returned extension's data views `out`, so it is valid while
// `out` is neither modified nor destroyed.
template <typed_extension T>
[[nodiscard]] constexpr result<extension> make_extension(const T& value, std::vector<std::uint8_t>& out,
                                                         const context& ctx = {}, bounds b = bounds::checked) {
    out.clear();
    const result<std::size_t> n = serialize(value, out, ctx, b);
    if (!n) return n.err();
    return extension{T::type, bytes_view(out.data(), out.size())};
}

// extension_list — owns the bodies of the extensions added to it and keeps
// them in the order added. Views handed out (entries(), block()) are valid
// until the next add or the list's destruction.
// (A template only so that its members are compiled where it is used.)
template <class = void>
class basic_extension_list {
public:
    constexpr basic_extension_list() = default;
    explicit constexpr basic_extension_list(bounds b) : bounds_(b) {}

    // add(value) — a typed extension; its body is serialized now.
    template <typed_extension T>
    constexpr result<void> add(const T& value, const context& ctx = {}) {
        std::vector<std::uint8_t> body;
        const result<std::size_t> n = serialize(value, body, ctx, bounds_);
        if (!n) return n.err();
        push(T::type, std::move(body));
        return {};
    }
    // add_raw(type, body) — any type, any bytes (unknown, GREASE, malformed).
    constexpr void add_raw(extension_type type, bytes_view body) {
        push(type, std::vector<std::uint8_t>(body.begin(), body.end()));
    }

    [[nodiscard]] constexpr std::size_t size() const noexcept { return types_.size(); }
    // entries — the extensions, in order.
    [[nodiscard]] constexpr std::span<const extension> entries() {
        entries_.clear();
        for (std::size_t i = 0; i < types_.size(); ++i)
            entries_.push_back(extension{types_[i], bytes_view(bodies_[i].data(), bodies_[i].size())});
        return entries_;
    }
    // block(kind) — an extension_block over entries(), for a message to serialize.
    [[nodiscard]] constexpr extension_block block(message_kind kind = message_kind::unknown) {
        return extension_block(entries(), kind);
    }

private:
    constexpr void push(extension_type type, std::vector<std::uint8_t> body) {
        types_.push_back(type);
        bodies_.push_back(std::move(body));
    }

    std::vector<extension_type> types_{};
    std::vector<std::vector<std::uint8_t>> bodies_{};
    std::vector<extension> entries_{};
    bounds bounds_ = bounds::checked;
};

using extension_list = basic_extension_list<>;

}  // namespace tlswire
