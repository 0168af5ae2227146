// tlswire/testing/mutator.hpp — a structure-aware mutator for fuzzing:
// mutate a handshake message at the level of its fields, then write it back.
//
// A byte-level fuzzer rarely gets past the first length field of a
// handshake message: most of its mutations make the message unparseable. This
// mutator parses the input with tlswire (leniently, so that it also takes
// what a previous mutation made invalid), picks one field through the codec's
// visitor — the same description parsing and serializing use — and changes
// it the way a TLS implementation gets it wrong:
//   integers and enums   0, the maximum, ±1, a GREASE value (RFC 8701), a random value
//   opaque<L,Min,Max>    a body of exactly Min-1, Min, Max or Max+1 bytes, or
//                        its bytes changed, cut or doubled
//   fixed<N>             its bytes changed, or N-1 / N+1 bytes
//   lists                an element dropped, duplicated, moved or changed, or
//                        the list emptied or reversed
//   extension blocks     an extension dropped, duplicated, moved to the end,
//                        its type swapped for a registered, GREASE or
//                        unregistered one, its body mutated through its typed
//                        description (or as bytes), or one spliced in from
//                        another input (crossover)
// and re-serializes the message with bounds::unchecked, so lengths that break
// the RFC's bounds are written as they are. What does not parse is left to
// the byte mutator the caller passes (libFuzzer's LLVMFuzzerMutate).
//
// Input layout (as tests/fuzz's handshake target): byte 0 picks the context
// (`context_of`), the rest is one handshake message. Use from a target:
//
//   extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t*, std::size_t, std::size_t);
//   extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* d, std::size_t n, std::size_t max,
//                                                   unsigned seed) {
//       return tlswire::testing::mutate_handshake(d, n, max, seed, LLVMFuzzerMutate);
//   }
//
// Run-time only (it allocates scratch storage); not constexpr.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <span>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/extensions/dispatch.hpp"
#include "tlswire/messages/handshake.hpp"
#include "tlswire/testing/properties.hpp"

namespace tlswire::testing {

// byte_mutator — mutate data[0, size) in place within max_size bytes and
// return the new size (LLVMFuzzerMutate's signature).
using byte_mutator = std::size_t (*)(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace detail {

// The RFC bounds a format carries, for the length mutations.
template <class F>
struct format_bounds {
    static constexpr bool known = false;
};
template <std::size_t L, std::size_t Min, std::size_t Max>
struct format_bounds<opaque<L, Min, Max>> {
    static constexpr bool known = true;
    static constexpr std::size_t min = Min, max = Max;
};
template <std::size_t L, std::size_t Min, std::size_t Max>
struct format_bounds<text<opaque<L, Min, Max>>> : format_bounds<opaque<L, Min, Max>> {};
template <class T>
inline constexpr bool is_number = std::is_enum_v<T> || (std::is_integral_v<T> && !std::is_same_v<T, bool>);

// Extension types a mutated type is swapped for: common registered ones
// (each with its own rules), GREASE (RFC 8701) and unregistered values.
inline constexpr std::uint16_t swapped_extension_types[] = {
    0, 1, 5, 10, 11, 13, 16, 18, 21, 23, 35, 41, 42, 43, 44, 45, 51, 57, 0xfe0d, 0xff01,
    0x0a0a, 0x1a1a, 0xfafa, 0x00ff, 0xfe00, 0x7777};

// mutate_io — the codec's visitor with mutable fields: counts them, and
// changes the one numbered `target`.
class mutate_io {
public:
    static constexpr bool parsing = false;
    static constexpr bool writing = false;
    static constexpr bool visiting = true;

    struct state {
        std::minstd_rand rng;
        byte_mutator bytes;                                    // the byte fallback for bodies
        std::vector<std::shared_ptr<void>> keep;               // storage the mutated views point into
        std::size_t max_size = 0;
        std::size_t count = 0;                                 // fields seen so far
        std::size_t target = static_cast<std::size_t>(-1);     // the field to change

        std::size_t pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); }
        template <class T>
        T& hold(T value) {
            auto p = std::make_shared<T>(std::move(value));
            keep.push_back(p);
            return *p;
        }
    };

    mutate_io(state& s, const context& ctx) noexcept : s_(s), ctx_(ctx) {}

    template <class T, class F = default_format_t<T>>
    void operator()(name_ref, T& field, F = {}) {
        if (s_.count++ != s_.target) {
            // Into the fields of a nested structure: they count too.
            if constexpr (described<T>) T::wire(*this, field);
            return;
        }
        change<T, F>(field);
    }

    // mutate_fields(s, v, ctx) — one field of v (a described structure or a
    // handshake message), picked at random among all it holds, changed: one
    // walk counts them, a second changes the one picked. False when v has none.
    template <class T>
    static bool mutate_fields(state& s, T& v, const context& ctx) {
        const auto walk = [&] {
            mutate_io io(s, ctx);
            if constexpr (std::is_same_v<T, handshake_message>)
                std::visit([&](auto& m) { std::remove_cvref_t<decltype(m)>::wire(io, m); }, v);
            else
                T::wire(io, v);
        };
        s.count = 0;
        s.target = static_cast<std::size_t>(-1);
        walk();
        if (s.count == 0) return false;
        s.target = s.pick(s.count);
        s.count = 0;
        walk();
        return true;
    }

    [[nodiscard]] const context& ctx() const noexcept { return ctx_; }
    [[nodiscard]] bool ok() const noexcept { return true; }
    [[nodiscard]] bool strict() const noexcept { return false; }
    [[nodiscard]] bool at_end() const noexcept { return false; }
    [[nodiscard]] std::size_t mark() const noexcept { return 0; }
    void check(bool, errc, std::string_view, std::size_t) noexcept {}
    void fail(errc, std::string_view) noexcept {}

private:
    template <class T, class F>
    void change(T& field) {
        if constexpr (std::is_same_v<T, bytes_view>) {
            field = mutated_bytes<F>(field);
        } else if constexpr (is_number<T>) {
            field = mutated_number(field);
        } else if constexpr (std::is_same_v<T, extension_block>) {
            mutate_block(field);
        } else if constexpr (is_list_v<T>) {
            mutate_list(field);
        } else if constexpr (described<T>) {
            // The structure as a whole: one of its own fields.
            mutate_one(field);
        }
    }

    template <class T>
    T mutated_number(T v) {
        using U = std::conditional_t<std::is_enum_v<T>, std::underlying_type<T>, std::type_identity<T>>;
        using I = typename U::type;
        const auto x = static_cast<std::uint64_t>(v);
        const std::uint64_t top = static_cast<std::uint64_t>(static_cast<I>(~I{0}));
        std::uint64_t y = 0;
        switch (s_.rng() % 6) {
            case 0: y = 0; break;
            case 1: y = top; break;
            case 2: y = x + 1; break;
            case 3: y = x - 1; break;
            case 4: y = sizeof(I) >= 2 ? 0x0a0au + 0x1010u * (s_.rng() % 16) : 0x0a; break;  // GREASE
            default: y = s_.rng(); break;
        }
        return static_cast<T>(static_cast<I>(y & top));
    }

    template <class F>
    bytes_view mutated_bytes(bytes_view v) {
        std::vector<std::uint8_t> out(v.begin(), v.end());
        std::size_t want = out.size();
        switch (s_.rng() % 4) {
            case 0:  // a length at a bound
                if constexpr (format_bounds<F>::known) {
                    const std::size_t cands[] = {format_bounds<F>::min == 0 ? 0 : format_bounds<F>::min - 1,
                                                 format_bounds<F>::min, format_bounds<F>::max,
                                                 format_bounds<F>::max + 1};
                    want = std::min(cands[s_.rng() % 4], s_.max_size);
                } else if constexpr (requires { F::fixed_size; }) {
                    const std::size_t cands[] = {F::fixed_size == 0 ? 0 : F::fixed_size - 1, F::fixed_size + 1};
                    want = cands[s_.rng() % 2];
                }
                break;
            case 1: want = out.size() / 2; break;
            case 2: want = std::min(out.size() * 2 + 1, s_.max_size); break;
            default: break;  // same length, bytes changed below
        }
        const std::size_t had = out.size();
        out.resize(want);
        for (std::size_t i = had; i < want; ++i) out[i] = had == 0 ? static_cast<std::uint8_t>(s_.rng()) : out[i % had];
        if (!out.empty() && s_.bytes != nullptr && s_.rng() % 2 == 0) {
            const std::size_t cap = std::max(out.size() * 2, std::size_t{16});
            out.resize(cap);
            out.resize(s_.bytes(out.data(), want, cap));
        }
        const auto& kept = s_.hold(std::move(out));
        return bytes_view(kept.data(), kept.size());
    }

    // edit_items — what lists and blocks share: an item dropped (op 0),
    // duplicated (1) or moved to another place (2), the order reversed (3), or
    // every item dropped (4). False for another op.
    template <class T>
    bool edit_items(std::vector<T>& items, unsigned op) {
        const std::size_t n = items.size();
        switch (op) {
            case 0:
                if (n > 0) items.erase(items.begin() + static_cast<std::ptrdiff_t>(s_.pick(n)));
                return true;
            case 1:
                if (n > 0) items.push_back(items[s_.pick(n)]);
                return true;
            case 2:
                if (n > 1) {
                    const std::size_t from = s_.pick(n);
                    const T moved = items[from];
                    items.erase(items.begin() + static_cast<std::ptrdiff_t>(from));
                    items.insert(items.begin() + static_cast<std::ptrdiff_t>(s_.pick(n)), moved);
                }
                return true;
            case 3: std::reverse(items.begin(), items.end()); return true;
            case 4: items.clear(); return true;
            default: return false;
        }
    }

    template <class T, class E>
    void mutate_list(list<T, E>& l) {
        std::vector<T> items(l.begin(), l.end());
        if (!edit_items(items, static_cast<unsigned>(s_.rng() % 6))) {
            // One element changed (or, in an empty list of numbers, one added).
            if (!items.empty()) {
                T& one = items[s_.pick(items.size())];
                if constexpr (described<T>) mutate_one(one);
                else if constexpr (is_number<T>) one = mutated_number(one);
                else if constexpr (std::is_same_v<T, bytes_view>) one = mutated_bytes<E>(one);
            } else if constexpr (is_number<T>) {
                items.push_back(mutated_number(T{}));
            }
        }
        const auto& kept = s_.hold(std::move(items));
        l = list<T, E>(std::span<const T>(kept.data(), kept.size()));
    }

    void mutate_block(extension_block& b) {
        std::vector<extension> items(b.begin(), b.end());
        // Drop, duplicate, move (ops 0-2); or one extension's type or body.
        const auto op = static_cast<unsigned>(s_.rng() % 6);
        if (op > 2 || !edit_items(items, op)) {
            if (!items.empty()) {
                extension& e = items[s_.pick(items.size())];
                if (op == 3)
                    e.extension_type = static_cast<extension_type>(
                        swapped_extension_types[s_.pick(std::size(swapped_extension_types))]);
                else
                    e.extension_data = mutated_body(e, b.kind);
            }
        }
        const auto& kept = s_.hold(std::move(items));
        const bool present = b.present || !kept.empty();
        const message_kind kind = b.kind;
        b = extension_block(std::span<const extension>(kept.data(), kept.size()), kind);
        b.present = present;
    }

    // mutated_body — an extension's body changed through its typed
    // description when it has one and parses, else as bytes.
    bytes_view mutated_body(const extension& e, message_kind kind) {
        bytes_view out = e.extension_data;
        bool done = false;
        describe_extension(e.extension_type, kind, [&]<class T>(std::type_identity<T>) {
            context lenient = ctx_;
            lenient.mode = strictness::lenient;
            auto parsed = parse<T>(e.extension_data, lenient);
            if (!parsed) return;
            T value = *parsed;
            mutate_one(value);
            std::vector<std::uint8_t> body;
            if (!serialize(value, body, lenient, bounds::unchecked)) return;
            const auto& kept = s_.hold(std::move(body));
            out = bytes_view(kept.data(), kept.size());
            done = true;
        });
        if (!done) out = mutated_bytes<opaque<2, 0, 0xffff>>(out);
        return out;
    }

    // mutate_one(v) — one field of v (or of what v holds) changed, with a
    // count of its own (this walk's count and target stay as they are).
    template <class T>
    void mutate_one(T& v) {
        state inner{s_.rng, s_.bytes, {}, s_.max_size};
        mutate_fields(inner, v, ctx_);
        s_.rng = inner.rng;
        for (auto& k : inner.keep) s_.keep.push_back(std::move(k));
    }

    state& s_;
    const context& ctx_;
};

// write_back — the message into data[1, max_size); its size with byte 0, or 0 when it does not fit.
inline std::size_t write_back(const handshake_message& m, const context& ctx, std::uint8_t* data, std::size_t max_size) {
    std::vector<std::uint8_t> out;
    if (!serialize_handshake(m, out, ctx, bounds::unchecked) || out.size() + 1 > max_size) return 0;
    std::memcpy(data + 1, out.data(), out.size());
    return out.size() + 1;
}

// lenient_context — the context of byte 0, lenient: a mutated input is read
// whatever rule an earlier mutation broke.
inline context lenient_context(std::uint8_t selector) noexcept {
    context c = context_of(selector);
    c.mode = strictness::lenient;
    return c;
}

// block_of — the extensions block of a message, when it has one.
inline extension_block* block_of(handshake_message& m) noexcept {
    return std::visit(
        [](auto& v) -> extension_block* {
            if constexpr (requires { v.extensions; }) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(v.extensions)>, extension_block>)
                    return &v.extensions;
            }
            return nullptr;
        },
        m);
}

inline std::size_t structured_mutation(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed,
                                       byte_mutator bytes) {
    if (size < 5 || max_size < 2) return 0;
    const context ctx = lenient_context(data[0]);
    // The parsed views point into the input, which write_back overwrites: parse a copy.
    auto original = std::make_shared<std::vector<std::uint8_t>>(data, data + size);
    const auto parsed = parse_handshake(bytes_view(original->data() + 1, size - 1), ctx);
    if (!parsed) return 0;
    handshake_message m = *parsed;
    mutate_io::state s{std::minstd_rand(seed == 0 ? 1u : seed), bytes, {original}, max_size};
    if (!mutate_io::mutate_fields(s, m, ctx)) return 0;
    return write_back(m, ctx, data, max_size);
}

}  // namespace detail

// mutate_handshake(data, size, max_size, seed, bytes) — one structure-aware
// mutation of an input (context byte, then a handshake message) in place;
// returns the new size. Falls back to `bytes` (e.g. LLVMFuzzerMutate) when
// the message does not parse and one time in eight; one time in sixteen it
// picks another context instead.
inline std::size_t mutate_handshake(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed,
                                    byte_mutator bytes) {
    std::minstd_rand rng(seed == 0 ? 1u : seed);
    const unsigned choice = static_cast<unsigned>(rng() % 16);
    if (size > 0 && choice == 0) {
        data[0] = static_cast<std::uint8_t>(rng());  // another context
        return size;
    }
    if (choice >= 2) {
        const std::size_t n = detail::structured_mutation(data, size, max_size, static_cast<unsigned>(rng()), bytes);
        if (n != 0) return n;
    }
    return bytes != nullptr ? bytes(data, size, max_size) : size;
}

// crossover_handshake(a, b, out, max_out, seed) — `a` with one extension of
// `b` spliced into its block at a random place (both inputs as for
// mutate_handshake); the size written to `out`, or 0 when either has no
// block (LLVMFuzzerCustomCrossOver's contract).
inline std::size_t crossover_handshake(const std::uint8_t* a, std::size_t a_size, const std::uint8_t* b,
                                       std::size_t b_size, std::uint8_t* out, std::size_t max_out, unsigned seed) {
    if (a_size < 5 || b_size < 5 || max_out < 2) return 0;
    const context ctx = detail::lenient_context(a[0]);
    auto donor = parse_handshake(bytes_view(b + 1, b_size - 1), detail::lenient_context(b[0]));
    auto host = parse_handshake(bytes_view(a + 1, a_size - 1), ctx);
    if (!donor || !host) return 0;
    const extension_block* from = detail::block_of(*donor);
    extension_block* into = detail::block_of(*host);
    if (from == nullptr || into == nullptr || from->empty()) return 0;
    std::minstd_rand rng(seed == 0 ? 1u : seed);
    std::vector<extension> items(into->begin(), into->end());
    std::vector<extension> offered(from->begin(), from->end());
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(rng() % (items.size() + 1)), offered[rng() % offered.size()]);
    const message_kind kind = into->kind;
    *into = extension_block(std::span<const extension>(items.data(), items.size()), kind);
    out[0] = a[0];
    return detail::write_back(*host, ctx, out, max_out);
}

}  // namespace tlswire::testing
