// tlswire/print/fields.hpp — print any described structure, field by field.
//
// The codec describes each structure once (`wire(io, self)`); `visit` walks
// that description calling `field(name, value, format, ctx)` in wire order
// (codec/io.hpp). `field_printer` answers those calls with sink events, so
// every structure tlswire can parse prints with its RFC field names and no
// per-structure printing code. Values print as:
//   bytes_view                  hex (opaque<..>, fixed[N], ...); a field that is
//                               text by definition (format text<F>) also as
//                               "<name>_text": a string (see detail::append_text)
//   registered enum             its IANA name, or "0x1a1a"-style hex when unregistered
//   other enum / integer        a number
//   list<T, E>                  an array of its elements
//   described structure         an object of its fields
//   extension_block             an array of {"type", "data"} objects (absent blocks are omitted)
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/extensions/dispatch.hpp"
#include "tlswire/print/sink.hpp"
#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire::print {

namespace detail {
template <class F>
inline constexpr bool is_text_format = requires { F::is_text; };
}  // namespace detail

template <class T>
void print_value(sink& s, const T& v, const context& ctx);

// print_extension — one Extension (RFC 8446 §4.2) as an object: "type" (the
// IANA name, or hex for unregistered and GREASE values), "data" (the raw
// body, hex), then the fields of the body decoded with the typed description
// for this extension in this message (extensions/dispatch.hpp), when there is
// one. A decoded field that would collide with "type" or "data" is printed as
// "<extension>.<field>" (ECH's own `type`). A body that does not decode — only
// possible when the block was parsed leniently — adds "decode_error".
template <class = void>
void print_extension(sink& s, const extension& e, message_kind kind, const context& ctx);

// field_printer — the visitor: one key and value per field.
class field_printer {
public:
    explicit field_printer(sink& s) noexcept : s_(s) {}
    field_printer(sink& s, std::string_view rename_prefix) noexcept : s_(s), rename_prefix_(rename_prefix) {}

    template <class T, class F>
    void field(std::string_view name, const T& value, const F&, const context& ctx) {
        // A pre-TLS 1.3 hello without the optional extensions field has no
        // extensions on the wire; print nothing rather than an empty list.
        if constexpr (std::is_same_v<T, extension_block>)
            if (!value.present) return;
        if (!rename_prefix_.empty() && (name == "type" || name == "data")) {
            std::string k(rename_prefix_);
            k += '.';
            k += name;
            s_.key(k);
        } else {
            s_.key(name);
        }
        print_value(s_, value, ctx);
        // A field that is text by definition also prints as text, under
        // "<name>_text" (a list of them as a list of strings).
        if constexpr (std::is_same_v<T, bytes_view> && detail::is_text_format<F>) {
            s_.key(std::string(name) + "_text");
            print_text(value);
        } else if constexpr (is_list_v<T>) {
            if constexpr (detail::is_text_format<typename T::element_format>) {
                s_.key(std::string(name) + "_text");
                s_.begin_array();
                for (bytes_view x : value) print_text(x);
                s_.end_array();
            }
        }
    }

private:
    void print_text(bytes_view b) {
        std::string t;
        detail::append_text(t, b);
        s_.string(t);
    }

    sink& s_;
    std::string_view rename_prefix_{};
};

// print_fields — the fields of a described structure into the object the
// caller has open (no begin/end_object), so callers can add their own keys.
template <described T>
void print_fields(sink& s, const T& v, const context& ctx = {}) {
    field_printer p(s);
    visit(v, p, ctx);
}

// print_value — one value as a JSON-like value (see the table above).
template <class T>
void print_value(sink& s, const T& v, const context& ctx) {
    if constexpr (std::is_same_v<T, bytes_view>) {
        s.hex(v);
    } else if constexpr (std::is_same_v<T, bool>) {
        s.boolean(v);
    } else if constexpr (std::is_enum_v<T>) {
        if constexpr (registered_enum<T>) s.string(format(v).view());
        else s.number(static_cast<std::uint64_t>(v));
    } else if constexpr (std::unsigned_integral<T>) {
        s.number(static_cast<std::uint64_t>(v));
    } else if constexpr (std::is_same_v<T, extension_block>) {
        s.begin_array();
        for (const extension& e : v) print_extension(s, e, v.kind, ctx);
        s.end_array();
    } else if constexpr (is_list_v<T>) {
        s.begin_array();
        for (const auto& x : v) print_value(s, x, ctx);
        s.end_array();
    } else if constexpr (described<T>) {
        s.begin_object();
        print_fields(s, v, ctx);
        s.end_object();
    } else {
        static_assert(sizeof(T) == 0, "tlswire::print: no printing rule for this field type");
    }
}

template <class>
void print_extension(sink& s, const extension& e, message_kind kind, const context& ctx) {
    s.begin_object();
    s.key("type");
    s.string(format(e.extension_type).view());
    s.key("data");
    s.hex(e.extension_data);
    const error err = visit_extension(e.extension_type, kind, e.extension_data, ctx, [&](const auto& v) {
        using V = std::remove_cvref_t<decltype(v)>;
        if constexpr (described<V>) {
            field_printer p(s, V::wire_name);
            visit(v, p, ctx);
        }
    });
    if (err) {
        s.key("decode_error");
        s.begin_object();
        s.key("code");
        s.string(to_string(err.code));
        s.key("offset");
        s.number(err.offset);
        s.key("where");
        s.string(err.where);
        s.end_object();
    }
    s.end_object();
}

}  // namespace tlswire::print
