// tlswire/codec/format.hpp — how one field sits on the wire.
//
// A format is a small type with static `read` and `write`; a structure's
// `wire` function names one format per field, and the generic engine
// (codec/io.hpp) derives parse, serialize, size and visiting from that single
// description. The formats transcribe the RFC presentation language:
//
//   uint8/16/24/32 x;              uint_<1|2|3|4>   (default for enums/integers)
//   opaque x[N];                   fixed<N>         -> bytes_view of exactly N bytes
//   opaque x[n], n from context:   exactly{n}
//   opaque x<min..max>;            opaque<L,min,max> (L = bytes of the length prefix)
//   T x<min..max>;                 vec<L,min,max>   -> list<T, element format>
//   struct T x;                    described        (default for described types)
//   struct T x, length-prefixed:   nested<L,min,max>
//   opaque x<...> to the end:      rest
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "tlswire/codec/context.hpp"
#include "tlswire/codec/list.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/reader.hpp"
#include "tlswire/wire/writer.hpp"

namespace tlswire {

class parse_io;
class write_io;

// described — a structure with a wire description:
//   static constexpr std::string_view wire_name = "ClientHello";
//   static constexpr void wire(auto& io, auto& self) { io("field", self.field, fmt{}); ... }
template <class T>
concept described = requires { T::wire_name; };

// uint_<W> — a W-byte big-endian unsigned, read into an integer or an enum.
template <std::size_t W>
struct uint_ {
    static constexpr std::size_t fixed_size = W;
    static constexpr bool plain_integer = true;
    template <class T>
    TLSWIRE_INLINE static constexpr void read(reader& r, T& out, name_ref name, const context&) noexcept {
        static_assert(sizeof(T) >= W, "uint_<W>: the field is narrower than its wire integer");
        out = static_cast<T>(r.template uint<W>(name));
    }
    template <class T>
    TLSWIRE_INLINE static constexpr void write(writer& w, const T& v, name_ref name, const context&) noexcept {
        w.template uint<W>(static_cast<std::uint64_t>(v), name);
    }
};

// fixed<N> — opaque x[N]: exactly N bytes.
template <std::size_t N>
struct fixed {
    static constexpr std::size_t fixed_size = N;
    TLSWIRE_INLINE static constexpr void read(reader& r, bytes_view& out, name_ref name,
                                              const context&) noexcept {
        out = r.bytes(N, name);
    }
    TLSWIRE_INLINE static constexpr void write(writer& w, bytes_view v, name_ref name, const context&) noexcept {
        if (v.size() != N && w.checks_bounds()) {
            w.fail(errc::length_overflow, name);
            return;
        }
        w.bytes(v);
    }
};

// opaque<L, Min, Max> — opaque x<Min..Max> with an L-byte length prefix.
template <std::size_t L, std::size_t Min, std::size_t Max>
struct opaque {
    static_assert(Max <= (L >= 4 ? 0xffffffffu : (std::size_t{1} << (8 * L)) - 1), "bound exceeds the prefix");
    TLSWIRE_INLINE static constexpr void read(reader& r, bytes_view& out, name_ref name,
                                              const context&) noexcept {
        out = r.template prefixed<L>(Min, Max, name).take_rest();
    }
    TLSWIRE_INLINE static constexpr void write(writer& w, bytes_view v, name_ref name, const context&) {
        w.prefixed(L, Min, Max, name, [&](writer& c) { c.bytes(v); });
    }
};

// text<F> — the opaque format F for a field that is text by definition (a
// DNS host name, an ALPN protocol ID, a URL, a UTF-8 identity): on the wire
// exactly F; printers show such a field as text beside its hex.
template <class F>
struct text : F {
    static constexpr bool is_text = true;
};

// exactly — opaque x[n] where n comes from the context (e.g. Finished's
// verify_data, whose length is the PRF or HKDF hash's).
struct exactly {
    std::size_t n = 0;
    constexpr void read(reader& r, bytes_view& out, name_ref name, const context&) const noexcept {
        out = r.bytes(n, name);
    }
    constexpr void write(writer& w, bytes_view v, name_ref name, const context&) const noexcept {
        if (v.size() != n && w.checks_bounds()) {
            w.fail(errc::length_overflow, name);
            return;
        }
        w.bytes(v);
    }
};

// rest — every byte left in the enclosing structure.
struct rest {
    TLSWIRE_INLINE static constexpr void read(reader& r, bytes_view& out, std::string_view, const context&) noexcept {
        out = r.take_rest();
    }
    TLSWIRE_INLINE static constexpr void write(writer& w, bytes_view v, std::string_view, const context&) noexcept { w.bytes(v); }
};

// described_format — a described structure, inline (no length prefix).
struct described_format {
    template <described T>
    TLSWIRE_INLINE static constexpr void read(reader& r, T& out, name_ref name, const context& ctx);
    template <described T>
    TLSWIRE_INLINE static constexpr void write(writer& w, const T& v, name_ref name, const context& ctx);
};

// nested<L, Min, Max> — a described structure inside a length prefix; the
// body must be consumed exactly.
template <std::size_t L, std::size_t Min, std::size_t Max>
struct nested {
    template <described T>
    TLSWIRE_INLINE static constexpr void read(reader& r, T& out, name_ref name, const context& ctx) {
        reader body = r.template prefixed<L>(Min, Max, name);
        described_format::read(body, out, name, ctx);
        body.expect_end(name);
    }
    template <described T>
    TLSWIRE_INLINE static constexpr void write(writer& w, const T& v, name_ref name, const context& ctx) {
        w.prefixed(L, Min, Max, name, [&](writer& c) { described_format::write(c, v, name, ctx); });
    }
};

namespace detail {
template <class T>
struct default_format {
    using type = described_format;
};
template <class T>
    requires(std::is_enum_v<T> || std::unsigned_integral<T>)
struct default_format<T> {
    using type = uint_<sizeof(T)>;
};
}  // namespace detail

// default_format_t<T> — the format a field of type T has when its description
// names none: enums and unsigned integers by their width, structures by
// their own description.
template <class T>
using default_format_t = typename detail::default_format<T>::type;

// read_elements — every element of a list body, to its end: validated one by
// one and counted (fixed-size elements of a plain integer format need only the
// length check). A trusted body (validated before) is only counted. The list
// keeps the raw body.
template <class T, class E>
TLSWIRE_INLINE constexpr void read_elements(reader& body, list<T, E>& out, name_ref name,
                                            const context& ctx) {
    const bytes_view raw = body.rest();
    if constexpr (requires { E::fixed_size; }) {
        static_assert(E::fixed_size != 0, "a list of elements that take no bytes has no length");
        if (raw.size() % E::fixed_size != 0) [[unlikely]] {
            body.fail(errc::length_not_multiple, name);
            return;
        }
        if (requires { E::plain_integer; } || body.is_trusted()) {
            out.set_view(raw, raw.size() / E::fixed_size, ctx);  // nothing more to check
            body.take_rest();
            return;
        }
    }
    std::size_t n = 0;
    while (!body.empty()) {
        T element{};
        const std::size_t left = body.remaining();
        E::read(body, element, name, ctx);
        // An element that read nothing would repeat forever: only a description
        // made without any field can, and its list is refused.
        if (body.ok() && body.remaining() == left) [[unlikely]] {
            body.fail(errc::illegal_value, name);
            return;
        }
        ++n;
    }
    if (body.ok()) out.set_view(raw, n, ctx);
}

// write_elements — a list's body: a parsed list goes back exactly as it came,
// a built one element by element.
template <class T, class E>
TLSWIRE_INLINE constexpr void write_elements(writer& w, const list<T, E>& v, name_ref name, const context& ctx) {
    if (!v.built()) {
        w.bytes(v.raw());
        return;
    }
    for (const T& x : v) E::write(w, x, name, ctx);
}

// vec<L, Min, Max> — T x<Min..Max>: a list whose body has an L-byte length.
// Each element is validated at parse time; the list keeps the raw body.
template <std::size_t L, std::size_t Min, std::size_t Max>
struct vec {
    template <class T, class E>
    TLSWIRE_INLINE static constexpr void read(reader& r, list<T, E>& out, name_ref name,
                                              const context& ctx) {
        reader body = r.template prefixed<L>(Min, Max, name);
        read_elements(body, out, name, ctx);
    }
    template <class T, class E>
    TLSWIRE_INLINE static constexpr void write(writer& w, const list<T, E>& v, name_ref name, const context& ctx) {
        w.prefixed(L, Min, Max, name, [&](writer& c) { write_elements(c, v, name, ctx); });
    }
};

// A list whose element format follows from T (enums, integers, described).
template <class T>
using list_of = list<T, default_format_t<T>>;

}  // namespace tlswire
