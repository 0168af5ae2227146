// tlswire/extensions/block.hpp — an extensions block, as every message carries it.
//
// RFC 8446 §4.2:
//   struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension;
//   Extension extensions<min..2^16-1>;   (min depends on the message)
//
// A parsed block keeps every extension in wire order, byte for byte, known or
// not (GREASE included), and is re-serialized unchanged. Strict parsing
// checks, once, for every message: no extension type twice (RFC 8446 §4.2),
// in TLS 1.3 only extensions the registry's "TLS 1.3" column allows in that
// message, pre_shared_key last in a ClientHello (§4.2.11), and each known
// extension's body against its own description (extensions/dispatch.hpp,
// through validate.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/common.hpp"
#include "tlswire/extensions/placement.hpp"
#include "tlswire/extensions/validate.hpp"
#include "tlswire/registry/extension_type.hpp"

namespace tlswire {

// extension — one entry: its type and its body, as on the wire.
struct extension {
    static constexpr std::string_view wire_name = "Extension";
    ::tlswire::extension_type extension_type{};
    bytes_view extension_data{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("extension_type", self.extension_type);
        io("extension_data", self.extension_data, opaque<2, 0, 0xffff>{});
    }

    // decode_trusted — the entry at the start of `rest`, a block body that a
    // parse validated (list iteration, codec/list.hpp): the two fields of
    // `wire` loaded directly. Returns the entry's size, 0 when it does not
    // fit in `rest` (the bounds are still checked).
    TLSWIRE_INLINE static constexpr std::size_t decode_trusted(bytes_view rest, extension& out) noexcept {
        if (rest.size() < 4) return 0;
        const auto n = static_cast<std::size_t>(load_be<2>(rest.data() + 2));
        if (n > rest.size() - 4) return 0;
        out.extension_type = static_cast<::tlswire::extension_type>(load_be<2>(rest.data()));
        out.extension_data = rest.subspan(4, n);
        return 4 + n;
    }
};

namespace detail {
// extension_index — where the first extension of each type sits in a parsed
// block, recorded during the one validating pass so that find, contains and
// get are O(1). Types below 64 (every common one) have a slot each, valid
// when their bit in `low_present` is set; up to eight others (GREASE,
// renegotiation_info, ECH, ALPS, ...) are kept in a small table of `others`
// entries; a block with more falls back to a linear search for those. A
// position is the entry's byte offset in the block's body, plus one.
//
// The slots are bytes left uninitialized at run time and read only where
// `low_present` / `others` say they were written: zeroing 160 bytes for
// every parsed message would cost more than the index saves (GCC zeroes a
// run that long with `rep stos`, some 10 ns). In constant evaluation, where
// everything must be initialized, they are zeroed.
struct extension_index {
    static constexpr std::size_t low_slots = 64;
    static constexpr std::size_t other_slots = 8;
    std::uint64_t low_present = 0;
    std::uint8_t others = 0;
    bool complete = false;  // every entry is in the index (a parsed block)
    bool overflow = false;  // more other types than other_slots
    unsigned char low_at[2 * low_slots];        // NOLINT: written before read (see above)
    unsigned char other_at[4 * other_slots];    // NOLINT: type, position per entry

    constexpr extension_index() noexcept {  // NOLINT: slots stay uninitialized at run time on purpose
        if (std::is_constant_evaluated()) {
            for (unsigned char& b : low_at) b = 0;
            for (unsigned char& b : other_at) b = 0;
        }
    }

    // first — the recorded position (offset + 1) of type t, 0 if none;
    // `known` false when the index cannot say (overflow).
    TLSWIRE_INLINE constexpr std::uint16_t first(std::uint16_t t, bool& known) const noexcept {
        known = true;
        if (t < low_slots) return ((low_present >> t) & 1u) ? get16(low_at, 2 * t) : std::uint16_t{0};
        for (std::size_t i = 0; i < others; ++i)
            if (get16(other_at, 4 * i) == t) return get16(other_at, 4 * i + 2);
        known = !overflow;
        return 0;
    }
    // add — record position `pos` for type t unless t was seen before, and
    // say whether it was: yes, no, or unknown (t >= 64 and the small table
    // full, so the index cannot tell).
    enum class seen : std::uint8_t { no, yes, unknown };
    TLSWIRE_INLINE constexpr seen add(std::uint16_t t, std::uint16_t pos) noexcept {
        if (t < low_slots) {
            const std::uint64_t bit = std::uint64_t{1} << t;
            if (low_present & bit) return seen::yes;
            low_present |= bit;
            set16(low_at, 2 * t, pos);
            return seen::no;
        }
        bool known = false;
        if (first(t, known) != 0) return seen::yes;
        if (!known) return seen::unknown;
        if (others == other_slots) {
            overflow = true;
            return seen::unknown;
        }
        set16(other_at, 4 * others, t);
        set16(other_at, 4 * others + 2, pos);
        ++others;
        return seen::no;
    }

private:
    TLSWIRE_INLINE static constexpr std::uint16_t get16(const unsigned char* b, std::size_t i) noexcept {
        return static_cast<std::uint16_t>(load_be<2>(b + i));
    }
    TLSWIRE_INLINE static constexpr void set16(unsigned char* b, std::size_t i, std::uint16_t v) noexcept {
        b[i] = static_cast<unsigned char>(v >> 8);
        b[i + 1] = static_cast<unsigned char>(v);
    }
};

// first_duplicate — the body offset of the first entry whose type already
// appeared earlier in the block (npos when none before the first malformed
// entry). The slow path for blocks with many unusual types: 8 KiB of bits,
// zeroed only here.
TLSWIRE_COLD constexpr std::size_t first_duplicate(bytes_view raw) noexcept {
    u16_set seen;
    error e;
    reader r(raw, e);
    while (!r.empty()) {
        const std::size_t at = r.position();
        const std::uint16_t t = r.u16("extension_type");
        r.prefixed<2>(0, 0xffff, "extension_data");
        if (e) break;
        if (!seen.insert(t)) return at;
    }
    return npos;
}

// dispatches_to<T>(kind) — whether T is the typed description that strict
// validation uses for T::type in a `kind` block (extensions/dispatch.hpp).
template <class T>
constexpr bool dispatches_to(message_kind kind) noexcept;
}  // namespace detail

// extension_block — the extensions of one message. `present` is false when a
// pre-TLS 1.3 hello ended before its optional extensions field (RFC 5246
// §7.4.1.2); then nothing is written for it either. A parsed block borrows
// the input, like everything parsed.
struct extension_block {
    list_of<extension> entries{};
    message_kind kind = message_kind::unknown;
    bool present = true;
    detail::extension_index index{};

    // User-provided, so that a message holding a block is never zeroed whole
    // (value-initialization would zero the index's slots too; see extension_index).
    constexpr extension_block() noexcept {}  // NOLINT
    // extension_block(entries) — a block to serialize, in the given order
    // (duplicates and unknown types are written as given: test tools need them).
    constexpr extension_block(std::span<const extension> list, message_kind k = message_kind::unknown)  // NOLINT
        : entries(list), kind(k) {}

    [[nodiscard]] constexpr auto begin() const noexcept { return entries.begin(); }
    [[nodiscard]] constexpr auto end() const noexcept { return entries.end(); }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return entries.size(); }
    [[nodiscard]] constexpr bool empty() const noexcept { return entries.empty(); }

    // find — the body of the first extension of type `t`, if there is one.
    // O(1) on a parsed block.
    [[nodiscard]] TLSWIRE_INLINE constexpr std::optional<bytes_view> find(extension_type t) const noexcept {
        if (index.complete) {
            bool known = false;
            const std::uint16_t at = index.first(static_cast<std::uint16_t>(t), known);
            if (known) {
                if (at == 0) return std::nullopt;
                return body_at(at - 1u);
            }
        }
        for (const extension& e : entries)
            if (e.extension_type == t) return e.extension_data;
        return std::nullopt;
    }
    [[nodiscard]] constexpr bool contains(extension_type t) const noexcept { return find(t).has_value(); }

    // get<T>(ctx) — typed access: the first extension of type T::type, parsed
    // with T's description (T is the structure for the message this block
    // belongs to, e.g. key_share_server_hello). std::nullopt when the block
    // has no such extension; otherwise the parsed value, or the error (offsets
    // counted from the start of that extension's extension_data). A parsed
    // value borrows the block's input, like everything parsed. When the
    // parse of this block already validated that body with T in the same
    // context, it is decoded without checking it again.
    template <typed_extension T>
    [[nodiscard]] TLSWIRE_INLINE constexpr std::optional<result<T>> get(const context& ctx = {}) const {
        const std::optional<bytes_view> body = find(T::type);
        if (!body) return std::nullopt;
        // A body validated by the parse is decoded trusted.
        const bool trusted = index.complete && detail::dispatches_to<T>(kind) && validated_for(ctx);
        return std::optional<result<T>>(std::in_place, std::in_place, detail::read_whole<T>(*body, ctx, trusted));
    }

private:
    // body_at — extension_data of the entry at body offset `at` (parsed blocks).
    [[nodiscard]] TLSWIRE_INLINE constexpr bytes_view body_at(std::size_t at) const noexcept {
        const bytes_view raw = entries.raw();
        return raw.subspan(at + 4, static_cast<std::size_t>(load_be<2>(raw.data() + at + 2)));
    }
    // validated_for — whether the parse's checks cover a parse in `ctx`: the
    // same facts, and at least as strict.
    [[nodiscard]] TLSWIRE_INLINE constexpr bool validated_for(const context& ctx) const noexcept {
        const context& was = entries.ctx();
        return was.version == ctx.version && was.cipher_suite == ctx.cipher_suite && was.sender == ctx.sender &&
               (was.strict() || !ctx.strict());
    }
};

// extensions_fmt<Kind, Min, Optional> — the block of a `Kind` message:
// Extension extensions<Min..2^16-1>, absent when Optional and nothing is left.
template <message_kind Kind, std::size_t Min, bool Optional, std::size_t Max = 0xffff>
struct extensions_fmt {
    TLSWIRE_INLINE static constexpr void read(reader& r, extension_block& out, name_ref name, const context& ctx) {
        out.kind = Kind;
        if (Optional && r.empty()) {
            out.present = false;
            return;
        }
        out.present = true;
        reader body = r.template prefixed<2>(Min, Max, name);
        const bytes_view raw = body.rest();
        // `out` is fresh (value-initialized by every caller), so is its index.
        detail::extension_index& ix = out.index;
        const bool trusted = body.is_trusted();
        const bool strict = ctx.strict() && !trusted;
        std::size_t count = 0;
        std::size_t first_dup = detail::npos;  // from a full scan, once the index cannot tell
        bool scanned = false;
        bool psk_seen = false;
        while (!body.empty()) {
            const std::size_t at = body.offset();
            const std::size_t rel = body.position();
            const std::uint16_t t = body.u16("extension_type");
            reader data = body.template prefixed<2>(0, 0xffff, "extension_data");
            if (!body.ok()) [[unlikely]]
                return;
            ++count;
            const auto type = static_cast<extension_type>(t);
            const auto pos = static_cast<std::uint16_t>(rel + 1);  // rel < 2^16 - 4
            using seen = detail::extension_index::seen;
            const seen before = ix.add(t, pos);
            bool duplicate = before == seen::yes;
            if (before == seen::unknown && strict) [[unlikely]] {
                if (!scanned) first_dup = detail::first_duplicate(raw);
                scanned = true;
                duplicate = rel == first_dup;
            }
            if (strict) {
                // RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a given
                // extension block."
                if (duplicate) [[unlikely]]
                    return fail(body, errc::duplicate_extension, at, type);
                // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension in the ClientHello.
                if (psk_seen) [[unlikely]] {
                    body.fail_at(errc::extension_order, at, "pre_shared_key");
                    return;
                }
                if (Kind == message_kind::client_hello && type == extension_type::pre_shared_key) psk_seen = true;
                // RFC 8446 §4.2: a recognised extension in a TLS 1.3 message it is not
                // specified for is an illegal_parameter.
                if (ctx.is_tls13() && !allowed(t)) [[unlikely]]
                    return fail(body, errc::misplaced_extension, at, type);
            }
            if (!trusted) validate_extension_body<Kind>(data.all(), data.offset(), body.sink(), type, ctx);
        }
        if (body.ok()) {
            out.entries.set_view(raw, count, ctx);
            ix.complete = true;
        }
    }

    static constexpr void write(writer& w, const extension_block& v, name_ref name, const context& ctx) {
        if (!v.present) return;
        vec<2, Min, Max>::write(w, v.entries, name, ctx);
    }

private:
    // The TLS 1.3 placement of the types below 64, as a mask computed once
    // from the registry; other types ask the registry.
    static constexpr std::uint64_t low_allowed = [] {
        std::uint64_t m = 0;
        for (unsigned t = 0; t < detail::extension_index::low_slots; ++t)
            if (extension_allowed_in(static_cast<extension_type>(t), Kind)) m |= std::uint64_t{1} << t;
        return m;
    }();
    TLSWIRE_INLINE static constexpr bool allowed(std::uint16_t t) noexcept {
        if (t < detail::extension_index::low_slots) return (low_allowed >> t) & 1u;
        return extension_allowed_in(static_cast<extension_type>(t), Kind);
    }
    // fail — the error names the extension by its IANA name (looked up only now).
    TLSWIRE_COLD static constexpr void fail(reader& body, errc code, std::size_t at, extension_type type) noexcept {
        const std::string_view n = to_string(type);
        body.fail_at(code, at, n.empty() ? std::string_view("extension") : n);
    }
};

}  // namespace tlswire
