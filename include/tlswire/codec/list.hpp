// tlswire/codec/list.hpp — list<T>: a TLS vector of T, parsed as a view.
//
// A parsed list keeps the raw bytes of the vector's body (already validated
// element by element at parse time, when its size is counted too) and decodes
// elements as it iterates, so parsing allocates nothing. A list built for
// serializing holds a span of values instead. Either way `for (T x : list)`
// works, and serializing a parsed list writes its raw bytes back unchanged.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <type_traits>

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
    constexpr list(std::span<const T> values) noexcept  // NOLINT: implicit
        : values_(values), count_(values.size()), built_(true) {}
    template <std::size_t N>
    constexpr list(const T (&values)[N]) noexcept : list(std::span<const T>(values)) {}  // NOLINT: implicit

    // set_view — make this list a parsed view over a validated vector body of
    // `count` elements, in place (the list formats count while they validate;
    // a parse fills the message it returns field by field, with no temporary
    // list to copy).
    TLSWIRE_INLINE constexpr void set_view(bytes_view raw, std::size_t count, const context& ctx) noexcept {
        values_ = {};
        raw_ = raw;
        count_ = count;
        ctx_ = ctx;
        built_ = false;
    }

    // raw — the vector body as received (empty for a list built from values).
    [[nodiscard]] constexpr bytes_view raw() const noexcept { return raw_; }
    [[nodiscard]] constexpr bool built() const noexcept { return built_; }
    [[nodiscard]] constexpr const context& ctx() const noexcept { return ctx_; }

    // Plain integers and enums (cipher suites, groups, signature schemes...)
    // are loaded straight from the body as the iterator is dereferenced.
    static constexpr bool plain = requires { Elem::plain_integer; };
    // Elements of a few hot types (an extension: its type and body) have
    // `T::decode_trusted(rest, out) -> size` for iterating validated bytes:
    // the same fields as the description, without a reader and its error.
    static constexpr bool fast = requires(bytes_view b, T& t) {
        { T::decode_trusted(b, t) } -> std::same_as<std::size_t>;
    };

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using reference = std::conditional_t<plain, T, const T&>;
        using pointer = const T*;

        constexpr iterator() = default;
        TLSWIRE_INLINE constexpr reference operator*() const noexcept {
            if (list_->built_) return list_->values_[pos_];
            if constexpr (plain)
                return static_cast<T>(load_be<Elem::fixed_size>(list_->raw_.data() + Elem::fixed_size * pos_));
            else return current_;
        }
        TLSWIRE_INLINE constexpr const T* operator->() const noexcept
            requires(!plain)
        {
            return &**this;
        }
        TLSWIRE_INLINE constexpr iterator& operator++() noexcept {
            if (plain || list_->built_) {
                ++pos_;
            } else {
                pos_ = next_;
                decode();
            }
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        // Positions: the element index of a built list or a list of plain
        // integers, the byte offset in the body of other parsed lists.
        friend TLSWIRE_INLINE constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.pos_ == b.pos_;
        }

    private:
        friend class list;
        TLSWIRE_INLINE constexpr iterator(const list& l, bool at_end) noexcept : list_(&l) {
            if (at_end) pos_ = l.built_ ? l.values_.size() : plain ? l.raw_.size() / width() : l.raw_.size();
            else if (!plain && !l.built_) decode();
        }
        static constexpr std::size_t width() noexcept {
            if constexpr (plain) return Elem::fixed_size;
            else return 1;
        }
        // decode — the element at pos_ (byte offset). The body was validated
        // when the list was parsed, so this is a trusted read: no rule is
        // checked again (and bounds still are).
        TLSWIRE_INLINE constexpr void decode() noexcept {
            const bytes_view raw = list_->raw_;
            if (pos_ >= raw.size()) return;
            if constexpr (fast) {
                // An element type with decode_trusted loads its fields
                // straight from the validated body (checked against the
                // described read by the list tests).
                const std::size_t n = T::decode_trusted(raw.subspan(pos_), current_);
                next_ = n != 0 ? pos_ + n : raw.size();
                return;
            }
            error e;
            reader r(raw.subspan(pos_), e, 0, reader::trusted);
            current_ = T{};
            Elem::read(r, current_, "element", list_->ctx_);
            next_ = e ? raw.size() : pos_ + r.position();
        }

        const list* list_ = nullptr;  // the list iterated (it outlives its iterators)
        T current_{};
        std::size_t pos_ = 0;
        std::size_t next_ = 0;
    };

    [[nodiscard]] TLSWIRE_INLINE constexpr iterator begin() const noexcept { return iterator(*this, false); }
    [[nodiscard]] TLSWIRE_INLINE constexpr iterator end() const noexcept { return iterator(*this, true); }

    // size — the number of elements, O(1) (counted when the list was parsed).
    [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }

    // contains — whether some element equals `x` (for lists of enums/integers).
    [[nodiscard]] constexpr bool contains(const T& x) const noexcept {
        for (const T& y : *this)
            if (y == x) return true;
        return false;
    }

private:
    std::span<const T> values_{};
    bytes_view raw_{};
    std::size_t count_ = 0;
    context ctx_{};
    bool built_ = false;
};

// is_list_v<T> — whether T is a list<T, E> (printers, digests and mutators
// walk a list's elements where other fields are one value).
template <class T>
inline constexpr bool is_list_v = false;
template <class T, class E>
inline constexpr bool is_list_v<list<T, E>> = true;

}  // namespace tlswire
