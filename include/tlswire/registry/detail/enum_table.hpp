// tlswire/registry/detail/enum_table.hpp — the shared machinery behind every
// registry enum: one constexpr table per registry, sorted by value, from which
// names, lookups, GREASE checks and hex formatting are all derived.
//
// A registry header provides
//   * `enum class E : uint8_t/uint16_t` whose enumerators come from an X-macro
//     list, and an `inline constexpr std::array` table generated from the SAME
//     list (entries have at least `.value` (E) and `.name` (string_view));
//   * a `registry_traits<E>` specialization naming that table, whose by_name
//     order comes from detail/by_name.hpp (generated from the same list by
//     tools/registry/gen_by_name.py, checked by TLSWIRE_REGISTRY_INVARIANTS).
// Everything else (to_string, from_string, is_registered, format, is_grease)
// is written once here and found by ADL on `tlswire::` enums.
//
// Compile time matters here (every tlswire header includes the registries):
// nothing is sorted during constant evaluation, <algorithm> and std::span are
// not used, and the linear table checks (TLSWIRE_REGISTRY_INVARIANTS) are
// asserted by the tests rather than by every includer.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "tlswire/registry/detail/by_name.hpp"

namespace tlswire {

// registry_traits<E> — specialised by each registry header. Members:
//   static constexpr std::string_view name;     registry name, e.g. "cipher_suite"
//   static constexpr const std::array<Entry, N>& entries;  the table: sorted by
//                                                value, unique (size(), [i],
//                                                range-for; converts to
//                                                std::span<const Entry>)
//   static constexpr auto by_name;               indices of entries sorted by name
//                                                (std::array<std::uint16_t, N>)
//   static constexpr grease_kind grease;         which RFC 8701 pattern applies
//   (optional) static constexpr const std::array<name_alias<E>, M>& aliases;
// entries and aliases are references to the tables rather than std::span: a
// std::span<const T> costs ~20 ms of compile time per element type T (its
// constructors check the ranges/iterator concepts for T), ~0.7 s for the 35
// tables, on both g++ 12 and clang++ 14.
template <class E>
struct registry_traits;

// grease_kind — which GREASE pattern (RFC 8701 §2) a registry reserves.
enum class grease_kind : std::uint8_t {
    none,       // the registry has no GREASE values
    u16_pair,   // 0x0A0A, 0x1A1A, ... 0xFAFA (cipher suites, extensions, groups,
                // signature algorithms, versions: RFC 8701 §2)
    psk_mode,   // 0x0B, 0x2A, 0x49, 0x68, 0x87, 0xA6, 0xC5, 0xE4 (RFC 8701 §2)
};

// name_alias — an extra spelling accepted by from_string (never produced by
// to_string), e.g. "tls13" for protocol_version::tls13.
template <class E>
struct name_alias {
    std::string_view name;
    E value;
};

// enum_entry — the minimal table row; registries with attributes use their own
// row type with the same two leading members.
template <class E>
struct enum_entry {
    E value;
    std::string_view name;
};

template <class E>
concept registered_enum = std::is_enum_v<E> && requires {
    { registry_traits<E>::name } -> std::convertible_to<std::string_view>;
    registry_traits<E>::entries.size();
    registry_traits<E>::entries[0].value;
    registry_traits<E>::entries[0].name;
    registry_traits<E>::by_name.size();
    { registry_traits<E>::grease } -> std::convertible_to<grease_kind>;
};

namespace detail {

template <class E>
[[nodiscard]] constexpr auto to_underlying(E e) noexcept {
    return static_cast<std::underlying_type_t<E>>(e);
}

// True when the table is strictly increasing by value: binary search works and
// no value is listed twice. Every registry static_asserts this.
template <class Table>
[[nodiscard]] constexpr bool strictly_sorted(const Table& t) noexcept {
    for (std::size_t i = 1; i < t.size(); ++i)
        if (!(to_underlying(t[i - 1].value) < to_underlying(t[i].value))) return false;
    return true;
}

// True when no two rows share a name (from_string must be unambiguous), given
// an index sorted by name.
template <class Table, class Index>
[[nodiscard]] constexpr bool names_unique(const Table& t, const Index& by_name) noexcept {
    for (std::size_t i = 1; i < by_name.size(); ++i)
        if (t[by_name[i - 1]].name == t[by_name[i]].name) return false;
    return true;
}

// name_less(a, b) — a < b as std::string_view compares (bytewise, unsigned),
// for the by_name check below. __builtin_memcmp is a constant expression on
// g++ and clang++ and ~3x cheaper to constant-evaluate than a loop over the
// characters (std::string_view's operator< loops through char_traits::lt when
// constant-evaluated: ~3x slower again).
[[nodiscard]] constexpr bool name_less(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    const int c = n == 0 ? 0 : __builtin_memcmp(a.data(), b.data(), n);
    return c < 0 || (c == 0 && a.size() < b.size());
}

// True when by_name lists every row of t exactly once, in strictly increasing
// order of name: a permutation (same size, every index in range, and strict
// order rules out repeats) that is sorted, so from_string's binary search works
// and names are unique. Linear; asserted for every registry by
// TLSWIRE_REGISTRY_INVARIANTS on the order generated into detail/by_name.hpp,
// so a stale generated file fails there.
template <class Table, class Index>
[[nodiscard]] constexpr bool sorted_by_name(const Table& t, const Index& by_name) noexcept {
    if (by_name.size() != t.size()) return false;
    for (std::size_t i = 0; i < by_name.size(); ++i) {
        if (by_name[i] >= t.size()) return false;
        if (i > 0 && !name_less(t[by_name[i - 1]].name, t[by_name[i]].name)) return false;
    }
    return true;
}

template <class Table>
[[nodiscard]] constexpr std::size_t max_name_length(const Table& t) noexcept {
    std::size_t m = 0;
    for (const auto& e : t) m = e.name.size() > m ? e.name.size() : m;
    return m;
}

// npos — "no row" for find_index / find_name_index.
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// value_index<E> — the O(1) map from a value to its table row behind
// find_index, built at compile time from registry_traits<E>::entries (so from
// the registry's one X-macro list). A slot holds row + 1, 0 meaning "no row":
// the zero-initialised arrays need no fill pass (filling every slot with a
// sentinel cost g++ 12 ~0.3 s of constant evaluation over all registries), and
// find returns slot - 1, which is npos for an empty slot (unsigned wrap-around,
// no branch).
//   uint8_t registries:  slot[value], 256 slots.
//   uint16_t registries: a two-level page table; page[high byte] is 0 (the
//     all-empty page) or one of the pages holding a registered value, and
//     slot[page * 256 + low byte]. The cipher suites (356 rows, 7 high bytes)
//     take 256 + 8 * 256 * 2 bytes.
// Indices, not pointers: GCC 12 with -fsanitize=undefined cannot
// constant-evaluate a null test on a pointer into the table.
template <class E>
using value_index_slot =
    std::conditional_t<(registry_traits<E>::entries.size() <= 0xff), std::uint8_t, std::uint16_t>;

// used_pages<E>() — how many distinct high bytes the registered values have.
template <class E>
[[nodiscard]] constexpr std::size_t used_pages() noexcept {
    std::array<bool, 256> seen{};
    std::size_t n = 0;
    for (const auto& e : registry_traits<E>::entries) {
        const std::size_t hi = static_cast<std::size_t>(to_underlying(e.value)) >> 8;
        if (!seen[hi]) {
            seen[hi] = true;
            ++n;
        }
    }
    return n;
}

template <class E, std::size_t Bytes = sizeof(E)>
struct value_index;

template <class E>
struct value_index<E, 1> {
    std::array<value_index_slot<E>, 256> slot{};
    constexpr value_index() noexcept {
        const auto& t = registry_traits<E>::entries;
        for (std::size_t i = 0; i < t.size(); ++i)
            slot[static_cast<std::size_t>(to_underlying(t[i].value))] = static_cast<value_index_slot<E>>(i + 1);
    }
    [[nodiscard]] constexpr std::size_t find(std::size_t v) const noexcept {
        return static_cast<std::size_t>(slot[v]) - 1;
    }
};

template <class E>
struct value_index<E, 2> {
    static constexpr std::size_t pages = used_pages<E>() + 1;  // + the empty page 0
    static_assert(pages <= 256);
    std::array<std::uint8_t, 256> page{};
    std::array<value_index_slot<E>, 256 * pages> slot{};
    constexpr value_index() noexcept {
        const auto& t = registry_traits<E>::entries;
        std::uint8_t next = 1;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const auto v = static_cast<std::size_t>(to_underlying(t[i].value));
            if (page[v >> 8] == 0) page[v >> 8] = next++;
            slot[std::size_t{page[v >> 8]} * 256 + (v & 0xffu)] = static_cast<value_index_slot<E>>(i + 1);
        }
    }
    [[nodiscard]] constexpr std::size_t find(std::size_t v) const noexcept {
        return static_cast<std::size_t>(slot[std::size_t{page[v >> 8]} * 256 + (v & 0xffu)]) - 1;
    }
};

template <class E>
inline constexpr value_index<E> value_index_v{};

// find_index — index of the table row for v, or npos. O(1) for the uint8_t and
// uint16_t registries (value_index above): two loads at most; a binary search
// over the value-sorted table for any other underlying type.
template <registered_enum E>
[[nodiscard]] constexpr std::size_t find_index(E v) noexcept {
    using U = std::underlying_type_t<E>;
    if constexpr (std::is_unsigned_v<U> && sizeof(U) <= 2) {
        return value_index_v<E>.find(static_cast<std::size_t>(to_underlying(v)));
    } else {
        const auto& t = registry_traits<E>::entries;
        const auto key = to_underlying(v);
        std::size_t lo = 0, hi = t.size();
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            const auto mv = to_underlying(t[mid].value);
            if (mv == key) return mid;
            if (mv < key) lo = mid + 1;
            else hi = mid;
        }
        return npos;
    }
}

// find_name_index — index of the row named exactly s, or npos. O(log n).
template <registered_enum E>
[[nodiscard]] constexpr std::size_t find_name_index(std::string_view s) noexcept {
    const auto& t = registry_traits<E>::entries;
    const auto& idx = registry_traits<E>::by_name;
    std::size_t lo = 0, hi = idx.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const std::string_view mn = t[idx[mid]].name;
        if (mn == s) return idx[mid];
        if (mn < s) lo = mid + 1;
        else hi = mid;
    }
    return npos;
}

[[nodiscard]] constexpr bool is_grease_u16(std::uint16_t v) noexcept {
    // RFC 8701 §2: both bytes equal and of the form 0x?A.
    return (v & 0x0f0fu) == 0x0a0au && (v >> 8) == (v & 0xffu);
}

[[nodiscard]] constexpr bool is_grease_psk_mode(std::uint8_t v) noexcept {
    // RFC 8701 §2: 0x0B, 0x2A, ..., 0xE4 = 0x0B + 0x1F * k for k = 0..7.
    return v >= 0x0b && (v - 0x0b) % 0x1f == 0 && v <= 0xe4;
}

}  // namespace detail

// name_buf — a fixed-capacity, constexpr-friendly string: either the IANA name
// or the value in lowercase hex. view() borrows from the buffer, so keep the
// name_buf alive while the view is used.
struct name_buf {
    static constexpr std::size_t capacity = 64;
    std::array<char, capacity> data{};
    std::size_t size = 0;
    [[nodiscard]] constexpr std::string_view view() const noexcept { return {data.data(), size}; }
    friend constexpr bool operator==(const name_buf& a, std::string_view b) noexcept { return a.view() == b; }
};

// to_string(E) — the IANA name of v, or an empty view when v is not registered.
template <registered_enum E>
[[nodiscard]] constexpr std::string_view to_string(E v) noexcept {
    const std::size_t i = detail::find_index(v);
    return i == detail::npos ? std::string_view{} : registry_traits<E>::entries[i].name;
}

// is_registered(E) — whether v has an entry in the registry snapshot.
template <registered_enum E>
[[nodiscard]] constexpr bool is_registered(E v) noexcept {
    return detail::find_index(v) != detail::npos;
}

// from_string(s, out) — sets out and returns true when s is a registered name.
// Also accepted: the registry's aliases, and a name whose IANA spelling ends in
// "_RESERVED" given without that suffix (e.g. "server_key_exchange" for
// handshake_type 12, whose IANA name is "server_key_exchange_RESERVED").
// On failure out is unchanged.
template <registered_enum E>
[[nodiscard]] constexpr bool from_string(std::string_view s, E& out) noexcept {
    using traits = registry_traits<E>;
    if (const std::size_t i = detail::find_name_index<E>(s); i != detail::npos) {
        out = traits::entries[i].value;
        return true;
    }
    if constexpr (requires { traits::aliases.size(); }) {
        for (const auto& a : traits::aliases)
            if (a.name == s) {
                out = a.value;
                return true;
            }
    }
    constexpr std::string_view suffix = "_RESERVED";
    for (const auto& e : traits::entries)
        if (e.name.size() == s.size() + suffix.size() && e.name.substr(s.size()) == suffix &&
            e.name.substr(0, s.size()) == s) {
            out = e.value;
            return true;
        }
    return false;
}

// is_grease(E) — whether v is one of the RFC 8701 GREASE values of its registry.
// Only defined for registries where GREASE applies.
template <registered_enum E>
    requires(registry_traits<E>::grease != grease_kind::none)
[[nodiscard]] constexpr bool is_grease(E v) noexcept {
    if constexpr (registry_traits<E>::grease == grease_kind::u16_pair)
        return detail::is_grease_u16(static_cast<std::uint16_t>(v));
    else
        return detail::is_grease_psk_mode(static_cast<std::uint8_t>(v));
}

// format_hex(v) — "0x" and the value in lowercase hex at the natural width of
// the underlying type: "0x1a" for u8, "0x1a1a" for u16.
template <class E>
    requires std::is_enum_v<E>
[[nodiscard]] constexpr name_buf format_hex(E v) noexcept {
    constexpr char digits[] = "0123456789abcdef";
    const auto u = static_cast<std::uint32_t>(detail::to_underlying(v));
    constexpr std::size_t nibbles = 2 * sizeof(std::underlying_type_t<E>);
    name_buf b;
    b.data[0] = '0';
    b.data[1] = 'x';
    for (std::size_t i = 0; i < nibbles; ++i)
        b.data[2 + i] = digits[(u >> (4 * (nibbles - 1 - i))) & 0xfu];
    b.size = 2 + nibbles;
    return b;
}

// format(E) — the IANA name when registered, otherwise format_hex(v).
template <registered_enum E>
[[nodiscard]] constexpr name_buf format(E v) noexcept {
    const std::string_view n = to_string(v);
    if (n.empty()) return format_hex(v);
    name_buf b;
    const std::size_t len = n.size() < name_buf::capacity ? n.size() : name_buf::capacity;
    for (std::size_t i = 0; i < len; ++i) b.data[i] = n[i];
    b.size = len;
    return b;
}

}  // namespace tlswire

// TLSWIRE_REGISTRY_BY_NAME(TABLE, LIST) — the initializer of
// registry_traits<E>::by_name: LIST's name order from detail/by_name.hpp
// (generated by tools/registry/gen_by_name.py), one std::uint16_t per row.
#define TLSWIRE_REGISTRY_BY_NAME(TABLE, LIST)                                                         \
    ::std::array<::std::uint16_t, ::std::tuple_size_v<::std::remove_cvref_t<decltype(TABLE)>>> {      \
        LIST##_BY_NAME                                                                                 \
    }

// TLSWIRE_REGISTRY_INVARIANTS(E) — the table invariants, as static_asserts:
// values strictly increasing (no duplicates), by_name a sorted permutation
// (hence unique names; a stale detail/by_name.hpp fails here), names fit a
// name_buf. Linear, but not free: ~100 ms of constant evaluation per
// translation unit for all registries together (g++ 12 and clang++ 14; the
// cipher suite names alone ~20 ms), so the registry headers do not state them
// by default: tests/registry/lookup_test.cpp does, for every registry.
#define TLSWIRE_REGISTRY_INVARIANTS(E)                                                                 \
    static_assert(::tlswire::detail::strictly_sorted(::tlswire::registry_traits<E>::entries),         \
                  #E ": table must be sorted by value with no duplicates");                           \
    static_assert(::tlswire::detail::sorted_by_name(::tlswire::registry_traits<E>::entries,           \
                                                    ::tlswire::registry_traits<E>::by_name),          \
                  #E ": names must be unique and by_name sorted by them: if the list changed, run "  \
                  "tools/registry/gen_by_name.py");                                                    \
    static_assert(::tlswire::detail::max_name_length(::tlswire::registry_traits<E>::entries) <=       \
                      ::tlswire::name_buf::capacity,                                                   \
                  #E ": a name is longer than name_buf::capacity")

// TLSWIRE_REGISTRY_CHECKS(E) — what every registry header states right after
// its traits: E satisfies registered_enum, and, when TLSWIRE_REGISTRY_FULL_CHECKS
// is defined before the first tlswire include, TLSWIRE_REGISTRY_INVARIANTS(E).
#ifdef TLSWIRE_REGISTRY_FULL_CHECKS
#define TLSWIRE_REGISTRY_CHECKS(E)                                                                     \
    static_assert(::tlswire::registered_enum<E>);                                                     \
    TLSWIRE_REGISTRY_INVARIANTS(E)
#else
#define TLSWIRE_REGISTRY_CHECKS(E) static_assert(::tlswire::registered_enum<E>)
#endif

// TLSWIRE_DETAIL_LITERAL(s) — the string literal s as a std::string_view whose
// length comes from sizeof, not from counting: the string_view(const char*)
// constructor counts characters in a loop when constant-evaluated (libstdc++'s
// char_traits::length), which for the ~1000 names in the tables was ~0.1 s of
// every includer's compile time on g++ and on clang++ (the 356 cipher suite
// names alone ~270M compiler instructions). `s ""` accepts string literals only.
#define TLSWIRE_DETAIL_LITERAL(s) ::std::string_view{s "", sizeof(s "") - 1}

// ---- X-macro helpers for registries whose rows are just {value, name} ----
// A LIST macro takes X and expands X(identifier, value, "IANA name") per row.
#define TLSWIRE_DETAIL_ENUMERATOR(id, v, ...) id = v,
#define TLSWIRE_DETAIL_COUNT(...) +1
#define TLSWIRE_DETAIL_ENTRY(id, v, n) ::tlswire::enum_entry<decltype(id)>{id, TLSWIRE_DETAIL_LITERAL(n)},

// TLSWIRE_DEFINE_REGISTRY(E, U, LIST, GREASE, REGISTRY_NAME) — inside namespace
// tlswire: defines `enum class E : U` and its table `detail::E##_table` from the
// one LIST, and the registry_traits<E> specialization. The table is built in a
// lambda with `using enum E` so the list can name enumerators unqualified.
#define TLSWIRE_DEFINE_REGISTRY(E, U, LIST, GREASE, REGISTRY_NAME)                                    \
    enum class E : U { LIST(TLSWIRE_DETAIL_ENUMERATOR) };                                              \
    namespace detail {                                                                                 \
    inline constexpr auto E##_table = [] {                                                             \
        using enum E;                                                                                  \
        return std::array{LIST(TLSWIRE_DETAIL_ENTRY)};                                                 \
    }();                                                                                               \
    }                                                                                                  \
    template <>                                                                                        \
    struct registry_traits<E> {                                                                        \
        static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL(REGISTRY_NAME);                \
        static constexpr const auto& entries = detail::E##_table;                                     \
        static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::E##_table, LIST);             \
        static constexpr grease_kind grease = GREASE;                                                  \
    };                                                                                                 \
    TLSWIRE_REGISTRY_CHECKS(E)
