// tlswire/wire/error.hpp — errors as values, and result<T>.
//
// Every failure in tlswire is an `error`: what went wrong (`errc`), the byte
// offset in the caller's original input (or output, for writers) where it was
// detected, and `where`, the RFC name of the innermost structure or field being
// read or written. Nothing throws; nothing is reported out of band.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

namespace tlswire {

enum class errc : std::uint8_t {
    ok = 0,
    truncated,             // the input ended inside a field
    trailing_data,         // bytes left over where a structure must be fully consumed
    length_out_of_range,   // a vector length outside the RFC's <min..max>
    length_not_multiple,   // a vector length that is not a whole number of elements
    illegal_value,         // a value the RFC forbids in this position
    duplicate_extension,   // the same extension type twice in one block
    misplaced_extension,   // an extension the message may not carry
    extension_order,       // an extension out of the place the RFC requires (pre_shared_key last)
    unsolicited_extension, // a server extension the ClientHello did not offer (RFC 8446 §4.2, RFC 5246 §7.4.1.4)
    missing_extension,     // a message without an extension it must carry (RFC 8446 §6.2's missing_extension)
    unexpected_message,    // a message that cannot appear here
    message_too_large,     // a message over the configured maximum size
    unsupported,           // the context does not say how to read this (e.g. unknown key exchange)
    buffer_overflow,       // writer: the caller's fixed buffer is full
    length_overflow,       // writer: contents too long for their length prefix or bounds
    bad_record_mac,        // a protected record that does not authenticate: AEAD tag, MAC or CBC padding
                           // (RFC 8446 §5.2, RFC 5246 §6.2.3.2's bad_record_mac)
};

[[nodiscard]] constexpr std::string_view to_string(errc e) noexcept {
    switch (e) {
        case errc::ok: return "ok";
        case errc::truncated: return "truncated";
        case errc::trailing_data: return "trailing_data";
        case errc::length_out_of_range: return "length_out_of_range";
        case errc::length_not_multiple: return "length_not_multiple";
        case errc::illegal_value: return "illegal_value";
        case errc::duplicate_extension: return "duplicate_extension";
        case errc::misplaced_extension: return "misplaced_extension";
        case errc::extension_order: return "extension_order";
        case errc::unsolicited_extension: return "unsolicited_extension";
        case errc::unexpected_message: return "unexpected_message";
        case errc::message_too_large: return "message_too_large";
        case errc::unsupported: return "unsupported";
        case errc::buffer_overflow: return "buffer_overflow";
        case errc::length_overflow: return "length_overflow";
        case errc::missing_extension: return "missing_extension";
        case errc::bad_record_mac: return "bad_record_mac";
    }
    return "unknown";
}

// name_ref — the name of a field or structure, as the parsers pass it down:
// made from a string literal without measuring it at run time (a
// std::string_view from a `const char*` would call strlen wherever the
// compiler does not inline its constructor), or from a string_view.
struct name_ref {
    const char* data = "";
    std::size_t size = 0;

    constexpr name_ref() = default;
    template <std::size_t N>
    constexpr name_ref(const char (&s)[N]) noexcept : data(s), size(N - 1) {}  // NOLINT: implicit by design
    constexpr name_ref(std::string_view s) noexcept : data(s.data()), size(s.size()) {}  // NOLINT: implicit
    // A pointer (e.g. `cond ? "a" : "b"`): measured, as a string_view would be.
    template <class P>
        requires std::is_same_v<P, const char*>
    constexpr name_ref(P s) noexcept : name_ref(std::string_view(s)) {}  // NOLINT: implicit
    constexpr operator std::string_view() const noexcept { return {data, size}; }  // NOLINT: implicit
};

// error — what went wrong, where. `offset` counts from the start of the buffer
// the caller handed to the top-level parse (or from the start of the output).
struct error {
    errc code = errc::ok;
    std::size_t offset = 0;
    std::string_view where{};

    [[nodiscard]] constexpr explicit operator bool() const noexcept { return code != errc::ok; }
    friend constexpr bool operator==(const error&, const error&) = default;
};

// result<T> — a value or an error; a minimal constexpr `expected`. T must be
// default-constructible (every tlswire value type is: they are views and enums).
template <class T>
class [[nodiscard]] result {
public:
    constexpr result(T value) noexcept(std::is_nothrow_move_constructible_v<T>)  // NOLINT: implicit by design
        : value_(std::move(value)) {}
    constexpr result(error e) noexcept : value_{}, err_(e) {}  // NOLINT: implicit by design
    // result(std::in_place) — a default T and no error (the start of
    // result(std::in_place, fill) below).
    // A structure is default-initialized, not value-initialized: every
    // member of a tlswire structure has its own initializer, and value-
    // initialization would first zero the whole object (a block store that
    // costs more than a small parse).
    constexpr explicit result(std::in_place_t) noexcept(std::is_nothrow_default_constructible_v<T>)
        requires std::is_class_v<T>
    {}
    constexpr explicit result(std::in_place_t) noexcept requires(!std::is_class_v<T>) : value_{} {}
    // result(std::in_place, fill) — the same, then fill(value, error_sink):
    // for a parser returning the result as a prvalue, so that it is built in
    // the caller's object (GCC zeroes a named return object whole first).
    template <class Fill>
        requires std::is_invocable_v<Fill&, T&, error&>
    constexpr result(std::in_place_t, Fill&& fill) : result(std::in_place) {
        fill(value_, err_);
    }

    [[nodiscard]] constexpr bool has_value() const noexcept { return err_.code == errc::ok; }
    [[nodiscard]] constexpr explicit operator bool() const noexcept { return has_value(); }

    [[nodiscard]] constexpr T& value() & noexcept { return value_; }
    [[nodiscard]] constexpr const T& value() const& noexcept { return value_; }
    [[nodiscard]] constexpr T&& value() && noexcept { return std::move(value_); }
    [[nodiscard]] constexpr T& operator*() & noexcept { return value_; }
    [[nodiscard]] constexpr const T& operator*() const& noexcept { return value_; }
    [[nodiscard]] constexpr T* operator->() noexcept { return &value_; }
    [[nodiscard]] constexpr const T* operator->() const noexcept { return &value_; }
    [[nodiscard]] constexpr const error& error_value() const noexcept { return err_; }
    [[nodiscard]] constexpr const error& err() const noexcept { return err_; }

private:
    T value_;  // NOLINT: initialized by every constructor (see result(std::in_place))
    error err_{};
};

template <>
class [[nodiscard]] result<void> {
public:
    constexpr result() noexcept = default;
    constexpr result(error e) noexcept : err_(e) {}  // NOLINT: implicit by design
    [[nodiscard]] constexpr bool has_value() const noexcept { return err_.code == errc::ok; }
    [[nodiscard]] constexpr explicit operator bool() const noexcept { return has_value(); }
    [[nodiscard]] constexpr const error& err() const noexcept { return err_; }

private:
    error err_{};
};

}  // namespace tlswire
