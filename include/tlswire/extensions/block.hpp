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

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/message_kind.hpp"
#include "tlswire/extensions/validate.hpp"
#include "tlswire/registry/extension_type.hpp"

namespace tlswire {

// extension — one entry: its type and its body, as on the wire.
struct extension {
    static constexpr std::string_view wire_name = "Extension";
    ::tlswire::extension_type extension_type{};
    bytes_view extension_data{};

    static constexpr void wire(auto& io, auto& self) {
        io("extension_type", self.extension_type);
        io("extension_data", self.extension_data, opaque<2, 0, 0xffff>{});
    }
};

// extension_block — the extensions of one message. `present` is false when a
// pre-TLS 1.3 hello ended before its optional extensions field (RFC 5246
// §7.4.1.2); then nothing is written for it either.
struct extension_block {
    list_of<extension> entries{};
    message_kind kind = message_kind::unknown;
    bool present = true;

    constexpr extension_block() = default;
    // extension_block(entries) — a block to serialize, in the given order
    // (duplicates and unknown types are written as given: test tools need them).
    constexpr extension_block(std::span<const extension> list, message_kind k = message_kind::unknown)  // NOLINT
        : entries(list), kind(k) {}

    [[nodiscard]] constexpr auto begin() const noexcept { return entries.begin(); }
    [[nodiscard]] constexpr auto end() const noexcept { return entries.end(); }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return entries.size(); }
    [[nodiscard]] constexpr bool empty() const noexcept { return entries.empty(); }

    // find — the body of the first extension of type `t`, if there is one.
    [[nodiscard]] constexpr std::optional<bytes_view> find(extension_type t) const noexcept {
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
    // value borrows the block's input, like everything parsed.
    template <typed_extension T>
    [[nodiscard]] constexpr std::optional<result<T>> get(const context& ctx = {}) const {
        const std::optional<bytes_view> body = find(T::type);
        if (!body) return std::nullopt;
        return parse<T>(*body, ctx);
    }
};

// extensions_fmt<Kind, Min, Optional> — the block of a `Kind` message:
// Extension extensions<Min..2^16-1>, absent when Optional and nothing is left.
template <message_kind Kind, std::size_t Min, bool Optional, std::size_t Max = 0xffff>
struct extensions_fmt {
    static constexpr void read(reader& r, extension_block& out, std::string_view name, const context& ctx) {
        out.kind = Kind;
        if (Optional && r.empty()) {
            out.present = false;
            return;
        }
        out.present = true;
        reader body = r.prefixed(2, Min, Max, name);
        const bytes_view raw = body.all();
        detail::u16_set seen;
        bool psk_seen = false;
        while (body.ok() && !body.empty()) {
            const std::size_t at = body.offset();
            const auto type = static_cast<extension_type>(body.u16("extension_type"));
            reader data = body.prefixed(2, 0, 0xffff, "extension_data");
            if (!body.ok()) return;
            // The extension's IANA name, for errors only (looked up when one happens).
            const auto ext_name = [type] {
                const std::string_view n = to_string(type);
                return n.empty() ? std::string_view("extension") : n;
            };
            if (ctx.strict()) {
                if (!seen.insert(static_cast<std::uint16_t>(type))) {
                    body.fail_at(errc::duplicate_extension, at, ext_name());
                    return;
                }
                // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension in the ClientHello.
                if (psk_seen) {
                    body.fail_at(errc::extension_order, at, "pre_shared_key");
                    return;
                }
                if (Kind == message_kind::client_hello && type == extension_type::pre_shared_key) psk_seen = true;
                // RFC 8446 §4.2: a recognised extension in a TLS 1.3 message it is not
                // specified for is an illegal_parameter.
                if (ctx.is_tls13() && !extension_allowed_in(type, Kind)) {
                    body.fail_at(errc::misplaced_extension, at, ext_name());
                    return;
                }
            }
            validate_extension_body(data, type, Kind, ctx);
        }
        if (body.ok()) out.entries = list_of<extension>::view(raw, ctx);
    }

    static constexpr void write(writer& w, const extension_block& v, std::string_view name, const context& ctx) {
        if (!v.present) return;
        vec<2, Min, Max>::write(w, v.entries, name, ctx);
    }
};

}  // namespace tlswire
