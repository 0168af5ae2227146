// tlswire/wire/reader.hpp — the bounds-checked constexpr cursor.
//
// `reader` is the only code in tlswire that reads input bytes. Every read goes
// through one private `take(n)`, which is the single bounds check. Errors are
// sticky and shared: a reader and all the sub-readers made from it report into
// one `error` owned by the caller of the top-level parse, so the first failure
// (with its absolute offset and field name) is what the caller sees, and every
// later read is a no-op that returns zeros.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire {

class reader {
public:
    // reader(data, sink) — read `data`; offsets in errors count from data[0].
    constexpr reader(bytes_view data, error& sink) noexcept
        : data_(data), base_(0), sink_(&sink) {}
    // reader(data, sink, base) — `data` starts at absolute offset `base`.
    constexpr reader(bytes_view data, error& sink, std::size_t base) noexcept
        : data_(data), base_(base), sink_(&sink) {}

    [[nodiscard]] constexpr bool ok() const noexcept { return sink_->code == errc::ok; }
    [[nodiscard]] constexpr const error& err() const noexcept { return *sink_; }
    [[nodiscard]] constexpr error& sink() const noexcept { return *sink_; }
    // Absolute offset of the cursor in the original input.
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return base_ + pos_; }
    [[nodiscard]] constexpr std::size_t remaining() const noexcept { return data_.size() - pos_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return pos_ == data_.size(); }
    // The bytes not read yet (does not advance).
    [[nodiscard]] constexpr bytes_view rest() const noexcept { return data_.subspan(pos_); }
    // All bytes this reader covers, read or not.
    [[nodiscard]] constexpr bytes_view all() const noexcept { return data_; }
    [[nodiscard]] constexpr std::size_t position() const noexcept { return pos_; }

    // fail — record the first error; later failures are ignored (the first
    // one is the cause). Returns false so callers can `return r.fail(...)`.
    constexpr bool fail(errc code, std::string_view where) noexcept { return fail_at(code, offset(), where); }
    constexpr bool fail_at(errc code, std::size_t abs_offset, std::string_view where) noexcept {
        if (sink_->code == errc::ok) *sink_ = error{code, abs_offset, where};
        pos_ = data_.size();  // stop: nothing after a failure is trusted
        return false;
    }

    // bytes — the next n bytes as a view, or an empty view and errc::truncated.
    constexpr bytes_view bytes(std::size_t n, std::string_view where) noexcept { return take(n, where); }

    constexpr std::uint8_t u8(std::string_view where) noexcept { return static_cast<std::uint8_t>(be(1, where)); }
    constexpr std::uint16_t u16(std::string_view where) noexcept { return static_cast<std::uint16_t>(be(2, where)); }
    constexpr std::uint32_t u24(std::string_view where) noexcept { return static_cast<std::uint32_t>(be(3, where)); }
    constexpr std::uint32_t u32(std::string_view where) noexcept { return static_cast<std::uint32_t>(be(4, where)); }
    constexpr std::uint64_t u64(std::string_view where) noexcept { return be(8, where); }
    // uint — a big-endian unsigned of `width` bytes (1..8).
    constexpr std::uint64_t uint(std::size_t width, std::string_view where) noexcept { return be(width, where); }

    template <std::size_t N>
    constexpr std::array<std::uint8_t, N> array(std::string_view where) noexcept {
        std::array<std::uint8_t, N> out{};
        bytes_view b = take(N, where);
        for (std::size_t i = 0; i < b.size(); ++i) out[i] = b[i];
        return out;
    }

    // length — read a `prefix_bytes`-wide length and check it against the
    // RFC bounds <min..max> and against what is left. On failure returns 0.
    constexpr std::size_t length(std::size_t prefix_bytes, std::size_t min, std::size_t max,
                                 std::string_view where) noexcept {
        const std::size_t at = offset();
        const auto n = static_cast<std::size_t>(be(prefix_bytes, where));
        if (!ok()) return 0;
        if (n < min || n > max) return fail_at(errc::length_out_of_range, at, where), 0;
        if (n > remaining()) return fail_at(errc::truncated, at, where), 0;
        return n;
    }

    // prefixed — a sub-reader over a length-prefixed body (`opaque x<min..max>`
    // with a `prefix_bytes` length). The sub-reader shares this reader's error.
    constexpr reader prefixed(std::size_t prefix_bytes, std::size_t min, std::size_t max,
                              std::string_view where) noexcept {
        const std::size_t n = length(prefix_bytes, min, max, where);
        return sub(n, where);
    }

    // sub — a sub-reader over the next n bytes.
    constexpr reader sub(std::size_t n, std::string_view where) noexcept {
        const std::size_t at = offset();
        bytes_view b = take(n, where);
        return reader(b, *sink_, at);
    }

    // expect_end — the structure must be fully consumed.
    constexpr bool expect_end(std::string_view where) noexcept {
        if (!empty() && ok()) return fail(errc::trailing_data, where);
        return ok();
    }

    // skip_to_end — consume everything (used where a field runs to the end).
    constexpr bytes_view take_rest() noexcept {
        bytes_view b = data_.subspan(pos_);
        pos_ = data_.size();
        return b;
    }

private:
    // take — THE bounds check.
    constexpr bytes_view take(std::size_t n, std::string_view where) noexcept {
        if (!ok()) return {};
        if (n > remaining()) {
            fail(errc::truncated, where);
            return {};
        }
        bytes_view b = data_.subspan(pos_, n);
        pos_ += n;
        return b;
    }

    constexpr std::uint64_t be(std::size_t width, std::string_view where) noexcept {
        bytes_view b = take(width, where);
        std::uint64_t v = 0;
        for (std::uint8_t x : b) v = (v << 8) | x;
        return v;
    }

    bytes_view data_;
    std::size_t pos_ = 0;
    std::size_t base_ = 0;
    error* sink_;
};

}  // namespace tlswire
