// tlswire/codec/codec.hpp — parse, serialize and size any described structure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "tlswire/codec/context.hpp"
#include "tlswire/codec/format.hpp"
#include "tlswire/codec/io.hpp"
#include "tlswire/codec/list.hpp"
#include "tlswire/wire/error.hpp"
#include "tlswire/wire/reader.hpp"
#include "tlswire/wire/writer.hpp"

namespace tlswire {

namespace detail {
// read_whole<T>(in, ctx, trusted) — what fills a result<T> with the T that
// spans all of `in`: for result(std::in_place, fill), which builds the
// result in the caller's object (no copy of T, no zeroing first).
template <described T>
TLSWIRE_INLINE constexpr auto read_whole(bytes_view in, const context& ctx, bool trusted) {
    return [in, &ctx, trusted](T& value, error& sink) {
        reader r = trusted ? reader(in, sink, 0, reader::trusted) : reader(in, sink);
        described_format::read(r, value, T::wire_name, ctx);
        r.expect_end(T::wire_name);
    };
}
}  // namespace detail

// parse<T>(in, ctx) — read a T that spans all of `in`. The result borrows
// `in`: every opaque field and list is a view into it. Fails with the first
// error, its absolute offset and the innermost field; trailing bytes fail
// with errc::trailing_data naming T.
template <described T>
[[nodiscard]] constexpr result<T> parse(bytes_view in, const context& ctx = {}) {
    return result<T>(std::in_place, detail::read_whole<T>(in, ctx, false));
}

// serialize(v, out, ctx) — write v into a fixed buffer; returns the size.
template <described T>
[[nodiscard]] constexpr result<std::size_t> serialize(const T& v, std::span<std::uint8_t> out, const context& ctx = {},
                                                      bounds b = bounds::checked) {
    writer w(out, b);
    described_format::write(w, v, T::wire_name, ctx);
    if (!w.ok()) return w.err();
    return w.size();
}

// serialize(v, vec, ctx) — append v to a growable vector (allocates).
template <described T>
[[nodiscard]] constexpr result<std::size_t> serialize(const T& v, std::vector<std::uint8_t>& out,
                                                      const context& ctx = {}, bounds b = bounds::checked) {
    writer w(out, b);
    described_format::write(w, v, T::wire_name, ctx);
    if (!w.ok()) return w.err();
    return w.size();
}

// encoded_size(v, ctx) — how many bytes serialize would write.
template <described T>
[[nodiscard]] constexpr result<std::size_t> encoded_size(const T& v, const context& ctx = {},
                                                         bounds b = bounds::checked) {
    writer w(b);
    described_format::write(w, v, T::wire_name, ctx);
    if (!w.ok()) return w.err();
    return w.size();
}

// visit(v, visitor, ctx) — walk v's fields in wire order.
template <described T, class V>
constexpr void visit(const T& v, V& visitor, const context& ctx = {}) {
    visit_io<V> io(visitor, ctx);
    T::wire(io, v);
}

}  // namespace tlswire
