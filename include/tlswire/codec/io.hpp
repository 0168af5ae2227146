// tlswire/codec/io.hpp — the three ways a wire description is walked.
//
// A structure's `wire(io, self)` calls `io(name, self.field, format)` for each
// field in wire order. `parse_io` reads the field, `write_io` writes it, and
// `visit_io` hands it to a visitor (printing, JSON, fuzz mutators). Rules that
// span fields go through `io.check(...)`, which only parsing evaluates.
#pragma once

#include <cstddef>
#include <string_view>

#include "tlswire/codec/context.hpp"
#include "tlswire/codec/format.hpp"
#include "tlswire/wire/error.hpp"
#include "tlswire/wire/reader.hpp"
#include "tlswire/wire/writer.hpp"

namespace tlswire {

class parse_io {
public:
    static constexpr bool parsing = true;
    static constexpr bool writing = false;
    static constexpr bool visiting = false;

    constexpr parse_io(reader& r, const context& ctx) noexcept : r_(r), ctx_(ctx) {}

    // A field is read even when an earlier one failed: a failed reader is at
    // its end, so the read fails quietly, and only the first error counts.
    template <class T, class F = default_format_t<T>>
    TLSWIRE_INLINE constexpr void operator()(name_ref name, T& field, F fmt = {}) {
        fmt.read(r_, field, name, ctx_);
    }

    [[nodiscard]] TLSWIRE_INLINE constexpr const context& ctx() const noexcept { return ctx_; }
    [[nodiscard]] constexpr reader& in() noexcept { return r_; }
    [[nodiscard]] TLSWIRE_INLINE constexpr bool ok() const noexcept { return r_.ok(); }
    // strict — whether strict rules are to be checked: a strict context, and
    // bytes not validated before (see reader::trusted).
    [[nodiscard]] TLSWIRE_INLINE constexpr bool strict() const noexcept { return ctx_.strict() && !r_.is_trusted(); }
    // at_end — no bytes left in this structure (for optional trailing fields).
    [[nodiscard]] TLSWIRE_INLINE constexpr bool at_end() const noexcept { return r_.empty(); }
    // mark — the absolute offset of the next field, for errors found later.
    [[nodiscard]] TLSWIRE_INLINE constexpr std::size_t mark() const noexcept { return r_.offset(); }
    // check — a cross-field rule: when `good` is false the parse fails with
    // `code` at offset `at`, naming `where` (not evaluated on trusted bytes).
    TLSWIRE_INLINE constexpr void check(bool good, errc code, name_ref where, std::size_t at) noexcept {
        if (!good && !r_.is_trusted()) [[unlikely]]
            r_.fail_at(code, at, where);
    }
    constexpr void fail(errc code, name_ref where) noexcept { r_.fail(code, where); }

private:
    reader& r_;
    const context& ctx_;
};

class write_io {
public:
    static constexpr bool parsing = false;
    static constexpr bool writing = true;
    static constexpr bool visiting = false;

    constexpr write_io(writer& w, const context& ctx) noexcept : w_(w), ctx_(ctx) {}

    template <class T, class F = default_format_t<T>>
    TLSWIRE_INLINE constexpr void operator()(name_ref name, const T& field, F fmt = {}) {
        fmt.write(w_, field, name, ctx_);  // a failed writer ignores every write
    }

    [[nodiscard]] constexpr const context& ctx() const noexcept { return ctx_; }
    [[nodiscard]] constexpr writer& out() noexcept { return w_; }
    [[nodiscard]] constexpr bool ok() const noexcept { return w_.ok(); }
    [[nodiscard]] constexpr bool strict() const noexcept { return ctx_.strict(); }
    [[nodiscard]] constexpr bool at_end() const noexcept { return false; }
    [[nodiscard]] constexpr std::size_t mark() const noexcept { return 0; }
    constexpr void check(bool, errc, std::string_view, std::size_t) noexcept {}  // writers emit anything
    constexpr void fail(errc code, name_ref where) noexcept { w_.fail(code, where); }

private:
    writer& w_;
    const context& ctx_;
};

// visit_io<V> — calls `visitor.field(name, value, format, ctx)` per field.
template <class V>
class visit_io {
public:
    static constexpr bool parsing = false;
    static constexpr bool writing = false;
    static constexpr bool visiting = true;

    constexpr visit_io(V& visitor, const context& ctx) noexcept : v_(visitor), ctx_(ctx) {}

    template <class T, class F = default_format_t<T>>
    constexpr void operator()(name_ref name, const T& field, F f = {}) {
        v_.field(name, field, f, ctx_);
    }

    [[nodiscard]] constexpr const context& ctx() const noexcept { return ctx_; }
    [[nodiscard]] constexpr bool ok() const noexcept { return true; }
    [[nodiscard]] constexpr bool strict() const noexcept { return ctx_.strict(); }
    [[nodiscard]] constexpr bool at_end() const noexcept { return false; }
    [[nodiscard]] constexpr std::size_t mark() const noexcept { return 0; }
    constexpr void check(bool, errc, std::string_view, std::size_t) noexcept {}
    constexpr void fail(errc, std::string_view) noexcept {}

private:
    V& v_;
    const context& ctx_;
};

template <described T>
TLSWIRE_INLINE constexpr void described_format::read(reader& r, T& out, name_ref, const context& ctx) {
    parse_io io(r, ctx);
    T::wire(io, out);
}

template <described T>
TLSWIRE_INLINE constexpr void described_format::write(writer& w, const T& v, name_ref, const context& ctx) {
    write_io io(w, ctx);
    T::wire(io, v);
}

}  // namespace tlswire
