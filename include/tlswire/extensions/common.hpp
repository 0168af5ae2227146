// tlswire/extensions/common.hpp — shared pieces of the typed extension descriptions.
//
// Every typed extension is a described structure (codec/format.hpp) whose wire
// description covers exactly the extension_data bytes (RFC 8446 §4.2), with
// two extra members:
//   static constexpr extension_type type;   the code point it is carried under
//   static constexpr std::string_view wire_name;
// Where an extension's body differs by message, there is one structure per
// message context (…_client_hello, …_server_hello, …_encrypted_extensions, …).
#pragma once

#include <array>
#include <optional>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/extension_type.hpp"

namespace tlswire {

// typed_extension — a described structure tied to one extension code point.
template <class T>
concept typed_extension = described<T> && requires {
    { T::type } -> std::convertible_to<extension_type>;
};

// empty_extension<Type> — an extension whose extension_data is empty in this
// context (e.g. RFC 7627 §5.1 extended_main_secret, or server_name in a
// server's reply, RFC 6066 §3). Any byte in the body is errc::trailing_data.
template <extension_type Type>
struct empty_extension {
    static constexpr std::string_view wire_name = to_string(Type);
    static constexpr extension_type type = Type;
    static constexpr void wire(auto&, auto&) {}
};

// to_end — T x[...] running to the end of the enclosing structure, with no
// length prefix of its own (RFC 9000 §18's transport parameter sequence).
// Elements are validated at parse time; a parsed list keeps its raw bytes.
struct to_end {
    template <class T, class E>
    static constexpr void read(reader& r, list<T, E>& out, name_ref name, const context& ctx) {
        read_elements(r, out, name, ctx);
    }
    template <class T, class E>
    static constexpr void write(writer& w, const list<T, E>& v, name_ref name, const context& ctx) {
        write_elements(w, v, name, ctx);
    }
};

// as_text — a byte string (host name, ALPN ID, ...) viewed as characters.
// Not constexpr: the cast from bytes to chars is not a constant expression.
[[nodiscard]] inline std::string_view as_text(bytes_view b) noexcept {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

namespace detail {
// parsing_io — whether an io object is the parsing one (cross-field rules
// that need the parsed values are only evaluated then).
template <class IO>
inline constexpr bool parsing_io = std::remove_cvref_t<IO>::parsing;

// u16_set — a set of 16-bit values with no allocation. The first 16 values
// live in a small array searched linearly (real lists have a handful of
// entries); past that it moves to 8 KiB of bits, so detection stays linear
// however many entries a hostile body holds. The bits are left uninitialized
// until then: zeroing 8 KiB for every list would cost more than the parse.
// Declare it as `u16_set s;` (not `s{}`, which would zero the bits).
struct u16_set {
    std::array<std::uint16_t, 16> small{};
    std::size_t count = 0;
    bool big = false;
    std::array<std::uint64_t, 1024> bits;  // valid when `big`

    constexpr u16_set() noexcept {}  // NOLINT: `bits` stays uninitialized on purpose

    // insert — false when v was already there.
    constexpr bool insert(std::uint16_t v) noexcept {
        if (!big) {
            for (std::size_t i = 0; i < count; ++i)
                if (small[i] == v) return false;
            if (count < small.size()) {
                small[count++] = v;
                return true;
            }
            grow();
        }
        return set(v);
    }

private:
    TLSWIRE_COLD constexpr void grow() noexcept {
        for (std::uint64_t& w : bits) w = 0;
        big = true;
        for (std::uint16_t x : small) set(x);
    }
    constexpr bool set(std::uint16_t v) noexcept {
        const std::uint64_t mask = std::uint64_t{1} << (v & 63u);
        std::uint64_t& word = bits[v >> 6];
        const bool fresh = (word & mask) == 0;
        word |= mask;
        return fresh;
    }
};
}  // namespace detail

}  // namespace tlswire
