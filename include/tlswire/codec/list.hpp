// tlswire/codec/list.hpp — list<T>: a TLS vector of T, parsed as a view.
//
// A parsed list keeps the raw bytes of the vector's body (already validated
// element by element at parse time) and decodes elements as it iterates, so
// parsing allocates nothing. A list built for serializing holds a span of
// values instead. Either way `for (T x : list)` works, and serializing a
// parsed list writes its raw bytes back unchanged.
#pragma once

#include <cstddef>
#include <iterator>
#include <span>

#include "tlswire/codec/context.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"
#include "tlswire/wire/reader.hpp"

namespace tlswire {

template <class T, class Elem>
class list {
public:
    using value_type = T;
    using element_format = Elem;

    constexpr list() = default;
    // list(values) — a list to serialize; the values must outlive it.
    constexpr list(std::span<const T> values) noexcept : values_(values), built_(true) {}  // NOLINT: implicit
    template <std::size_t N>
    constexpr list(const T (&values)[N]) noexcept : list(std::span<const T>(values)) {}  // NOLINT: implicit

    // view — a parsed list over a validated vector body (used by the vec format).
    [[nodiscard]] static constexpr list view(bytes_view raw, const context& ctx) noexcept {
        list l;
        l.raw_ = raw;
        l.ctx_ = ctx;
        return l;
    }

    // raw — the vector body as received (empty for a list built from values).
    [[nodiscard]] constexpr bytes_view raw() const noexcept { return raw_; }
    [[nodiscard]] constexpr bool built() const noexcept { return built_; }
    [[nodiscard]] constexpr const context& ctx() const noexcept { return ctx_; }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using reference = const T&;
        using pointer = const T*;

        constexpr iterator() = default;
        constexpr const T& operator*() const noexcept { return built_ ? values_[index_] : current_; }
        constexpr const T* operator->() const noexcept { return &**this; }
        constexpr iterator& operator++() noexcept {
            ++index_;
            if (!built_) decode();
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.index_ == b.index_; }

    private:
        friend class list;
        constexpr iterator(const list& l, bool at_end) noexcept
            : values_(l.values_), rest_(l.raw_), ctx_(l.ctx_), built_(l.built_) {
            if (at_end) index_ = l.size();
            else if (!built_) decode();
        }
        // decode — the next element from the raw body. The body was validated
        // when the list was parsed, so this cannot fail on a parsed list.
        constexpr void decode() noexcept {
            if (rest_.empty()) return;
            error e;
            reader r(rest_, e);
            current_ = T{};
            Elem::read(r, current_, "element", ctx_);
            rest_ = r.rest();
        }

        std::span<const T> values_{};
        bytes_view rest_{};
        context ctx_{};
        T current_{};
        std::size_t index_ = 0;
        bool built_ = false;
    };

    [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(*this, false); }
    [[nodiscard]] constexpr iterator end() const noexcept { return iterator(*this, true); }

    // size — the number of elements (O(1) for fixed-size elements).
    [[nodiscard]] constexpr std::size_t size() const noexcept {
        if (built_) return values_.size();
        if constexpr (requires { Elem::fixed_size; }) {
            return raw_.size() / Elem::fixed_size;
        } else {
            std::size_t n = 0;
            bytes_view rest = raw_;
            while (!rest.empty()) {
                error e;
                reader r(rest, e);
                T tmp{};
                Elem::read(r, tmp, "element", ctx_);
                if (e) break;
                rest = r.rest();
                ++n;
            }
            return n;
        }
    }
    [[nodiscard]] constexpr bool empty() const noexcept { return built_ ? values_.empty() : raw_.empty(); }

    // contains — whether some element equals `x` (for lists of enums/integers).
    [[nodiscard]] constexpr bool contains(const T& x) const noexcept {
        for (const T& y : *this)
            if (y == x) return true;
        return false;
    }

private:
    std::span<const T> values_{};
    bytes_view raw_{};
    context ctx_{};
    bool built_ = false;
};

}  // namespace tlswire
