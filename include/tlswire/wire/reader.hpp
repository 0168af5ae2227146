// tlswire/wire/reader.hpp — the bounds-checked constexpr cursor.
//
// `reader` is the only code in tlswire that reads input bytes. Every read goes
// through one private `take(n)`, which is the single bounds check. Errors are
// sticky and shared: a reader and all the sub-readers made from it report into
// one `error` owned by the caller of the top-level parse, so the first failure
// (with its absolute offset and field name) is what the caller sees.
//
// Speed: the reads are small and always inlined, so a structure's description
// compiles to straight loads and compares; every failure goes through one
// out-of-line cold function. A failed reader jumps to its end, so every later
// read from it fails too (returning zeros) and loops over it stop; reads from
// other readers may go on, but only the first error is ever reported.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"


namespace tlswire {

class reader {
    // (Helpers first: clang 14 cannot constant-evaluate an inline member
    // template called from the class body before its definition.)
    // record — the one out-of-line step of a failure. Static, so that the
    // reader itself never escapes and stays in registers on the hot path.
    TLSWIRE_COLD static constexpr void record(error* sink, errc code, std::size_t abs_offset,
                                              name_ref where) noexcept {
        if (sink->code == errc::ok) *sink = error{code, abs_offset, where};
    }

    // A sub-reader over [b, b + n) of the same input: offsets still count from origin_.
    TLSWIRE_INLINE constexpr reader(const reader& parent, const std::uint8_t* b, std::size_t n) noexcept
        : origin_(parent.origin_), begin_(b), p_(b), end_(b + n), base_(parent.base_), sink_(parent.sink_),
          trusted_(parent.trusted_) {}

    // take_sub — the next n bytes (n <= remaining(), checked by the caller) as a sub-reader.
    TLSWIRE_INLINE constexpr reader take_sub(std::size_t n) noexcept {
        reader s(*this, p_, n);
        p_ += n;
        return s;
    }

    // take — THE bounds check: the next n bytes, or errc::truncated and
    // zeros_ (eight zero bytes, which the fixed-width reads load instead).
    TLSWIRE_INLINE constexpr const std::uint8_t* take(std::size_t n, name_ref where) noexcept {
        if (n > remaining()) [[unlikely]] {
            fail_at(errc::truncated, offset(), where);
            return zeros_.data();
        }
        const std::uint8_t* b = p_;
        p_ += n;
        return b;
    }

    template <std::size_t W>
    TLSWIRE_INLINE constexpr std::uint64_t be(name_ref where) noexcept {
        return load_be<W>(take(W, where));
    }

public:
    // trusted — a reader over bytes that a strict parse has already validated
    // (a parsed list's body, a validated extension): formats skip the rules
    // they would check again, but every read stays bounds-checked.
    struct trusted_t {
        explicit constexpr trusted_t() = default;
    };
    static constexpr trusted_t trusted{};

    // reader(data, sink) — read `data`; offsets in errors count from data[0].
    constexpr reader(bytes_view data, error& sink) noexcept : reader(data, sink, 0) {}
    // reader(data, sink, base) — `data` starts at absolute offset `base`.
    constexpr reader(bytes_view data, error& sink, std::size_t base) noexcept
        : origin_(data.data()), begin_(data.data()), p_(data.data()), end_(data.data() + data.size()), base_(base),
          sink_(&sink) {}
    // reader(data, sink, base, trusted) — the same over validated bytes.
    constexpr reader(bytes_view data, error& sink, std::size_t base, trusted_t) noexcept : reader(data, sink, base) {
        trusted_ = true;
    }

    // is_trusted — whether the bytes were validated before (see `trusted`).
    [[nodiscard]] TLSWIRE_INLINE constexpr bool is_trusted() const noexcept { return trusted_; }
    [[nodiscard]] TLSWIRE_INLINE constexpr bool ok() const noexcept { return sink_->code == errc::ok; }
    [[nodiscard]] constexpr const error& err() const noexcept { return *sink_; }
    [[nodiscard]] constexpr error& sink() const noexcept { return *sink_; }
    // Absolute offset of the cursor in the original input.
    [[nodiscard]] TLSWIRE_INLINE constexpr std::size_t offset() const noexcept {
        return base_ + static_cast<std::size_t>(p_ - origin_);
    }
    [[nodiscard]] TLSWIRE_INLINE constexpr std::size_t remaining() const noexcept {
        return static_cast<std::size_t>(end_ - p_);
    }
    [[nodiscard]] TLSWIRE_INLINE constexpr bool empty() const noexcept { return p_ == end_; }
    // The bytes not read yet (does not advance).
    [[nodiscard]] TLSWIRE_INLINE constexpr bytes_view rest() const noexcept { return bytes_view(p_, remaining()); }
    // All bytes this reader covers, read or not.
    [[nodiscard]] TLSWIRE_INLINE constexpr bytes_view all() const noexcept {
        return bytes_view(begin_, static_cast<std::size_t>(end_ - begin_));
    }
    [[nodiscard]] TLSWIRE_INLINE constexpr std::size_t position() const noexcept {
        return static_cast<std::size_t>(p_ - begin_);
    }

    // fail — record the first error; later failures are ignored (the first
    // one is the cause). Returns false so callers can `return r.fail(...)`.
    constexpr bool fail(errc code, name_ref where) noexcept { return fail_at(code, offset(), where); }
    TLSWIRE_INLINE constexpr bool fail_at(errc code, std::size_t abs_offset, name_ref where) noexcept {
        record(sink_, code, abs_offset, where);
        p_ = end_;  // stop: nothing after a failure is trusted
        return false;
    }

    // bytes — the next n bytes as a view, or an empty view and errc::truncated.
    TLSWIRE_INLINE constexpr bytes_view bytes(std::size_t n, name_ref where) noexcept {
        const std::uint8_t* b = take(n, where);
        return b != zeros_.data() ? bytes_view(b, n) : bytes_view{};
    }

    TLSWIRE_INLINE constexpr std::uint8_t u8(name_ref where) noexcept { return static_cast<std::uint8_t>(be<1>(where)); }
    TLSWIRE_INLINE constexpr std::uint16_t u16(name_ref where) noexcept { return static_cast<std::uint16_t>(be<2>(where)); }
    TLSWIRE_INLINE constexpr std::uint32_t u24(name_ref where) noexcept { return static_cast<std::uint32_t>(be<3>(where)); }
    TLSWIRE_INLINE constexpr std::uint32_t u32(name_ref where) noexcept { return static_cast<std::uint32_t>(be<4>(where)); }
    TLSWIRE_INLINE constexpr std::uint64_t u64(name_ref where) noexcept { return be<8>(where); }
    // uint<W> — a big-endian unsigned of W bytes (1..8).
    template <std::size_t W>
    TLSWIRE_INLINE constexpr std::uint64_t uint(name_ref where) noexcept { return be<W>(where); }
    // uint — the same with the width at run time.
    constexpr std::uint64_t uint(std::size_t width, name_ref where) noexcept {
        std::uint64_t v = 0;
        for (const std::uint8_t x : bytes(width, where)) v = (v << 8) | x;
        return v;
    }

    template <std::size_t N>
    constexpr std::array<std::uint8_t, N> array(name_ref where) noexcept {
        std::array<std::uint8_t, N> out{};
        const bytes_view b = bytes(N, where);
        for (std::size_t i = 0; i < b.size(); ++i) out[i] = b[i];
        return out;
    }

    // length<L> — read an L-byte length and check it against the RFC bounds
    // <min..max> and against what is left. On failure returns 0.
    template <std::size_t L>
    TLSWIRE_INLINE constexpr std::size_t length(std::size_t min, std::size_t max, name_ref where) noexcept {
        const auto n = static_cast<std::size_t>(be<L>(where));
        // Errors about the length point at the length field itself.
        if (n < min || n > max) [[unlikely]]
            return fail_at(errc::length_out_of_range, offset() - L, where), 0;
        if (n > remaining()) [[unlikely]]
            return fail_at(errc::truncated, offset() - L, where), 0;
        return n;
    }
    // length — the same with the prefix width at run time.
    constexpr std::size_t length(std::size_t prefix_bytes, std::size_t min, std::size_t max,
                                 name_ref where) noexcept {
        switch (prefix_bytes) {
            case 1: return length<1>(min, max, where);
            case 2: return length<2>(min, max, where);
            case 3: return length<3>(min, max, where);
            case 4: return length<4>(min, max, where);
            default: return fail(errc::unsupported, where), 0;
        }
    }

    // prefixed<L> — a sub-reader over a length-prefixed body (`opaque x<min..max>`
    // with an L-byte length). The sub-reader shares this reader's error.
    template <std::size_t L>
    TLSWIRE_INLINE constexpr reader prefixed(std::size_t min, std::size_t max, name_ref where) noexcept {
        const std::size_t n = length<L>(min, max, where);
        return take_sub(n);
    }
    constexpr reader prefixed(std::size_t prefix_bytes, std::size_t min, std::size_t max,
                              name_ref where) noexcept {
        const std::size_t n = length(prefix_bytes, min, max, where);
        return take_sub(n);
    }

    // sub — a sub-reader over the next n bytes.
    TLSWIRE_INLINE constexpr reader sub(std::size_t n, name_ref where) noexcept {
        const std::uint8_t* b = take(n, where);
        if (b == zeros_.data()) [[unlikely]]
            return reader(*this, p_, 0);  // failed: an empty reader at the end
        return reader(*this, b, n);
    }

    // expect_end — the structure must be fully consumed.
    TLSWIRE_INLINE constexpr bool expect_end(name_ref where) noexcept {
        if (!empty()) [[unlikely]]
            return fail_at(errc::trailing_data, offset(), where);
        return ok();
    }

    // take_rest — consume everything (used where a field runs to the end).
    TLSWIRE_INLINE constexpr bytes_view take_rest() noexcept {
        const bytes_view b = rest();
        p_ = end_;
        return b;
    }

private:
    static constexpr std::array<std::uint8_t, 8> zeros_{};

    const std::uint8_t* origin_;  // the start of the input the offsets count from (with base_)
    const std::uint8_t* begin_;
    const std::uint8_t* p_;
    const std::uint8_t* end_;
    std::size_t base_;
    error* sink_;
    bool trusted_ = false;
};

}  // namespace tlswire
