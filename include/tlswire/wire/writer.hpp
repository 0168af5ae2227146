// tlswire/wire/writer.hpp — the constexpr writer.
//
// `writer` is the only code in tlswire that writes output bytes. It writes
// into one of three targets: a caller's fixed buffer (never allocates), a
// std::vector it appends to (allocates, on request), or nothing at all (a
// size counter, for encoded_size). Length prefixes are scoped: `prefixed`
// reserves the prefix, runs the body, then fills the length in, so no length
// is ever computed by hand. Errors are sticky: the first one (fixed buffer
// full, body too long for its prefix, body outside the RFC <min..max>) is kept
// with its output offset, and later writes are ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <string_view>
#include <vector>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire {

// bounds — whether `prefixed` scopes enforce the RFC <min..max> of a vector.
// Test tools that build malformed messages on purpose use `bounds::unchecked`;
// a prefix too narrow for its body is an error either way (it cannot be encoded).
enum class bounds : std::uint8_t { checked, unchecked };

// prefix_span — where a writer put a length prefix: its output offset and
// width. Test tools and fuzz mutators use these to find every length field
// of a structure from its description, without a hand-kept list.
struct prefix_span {
    std::size_t offset = 0;
    std::size_t width = 0;
    friend constexpr bool operator==(const prefix_span&, const prefix_span&) = default;
};

class writer {
    enum class target : std::uint8_t { count, fixed, vector };

    // (Helpers first: clang 14 cannot constant-evaluate an inline member
    // template called from the class body before its definition.)
    // reserve — THE output check for a run of n bytes: where to write them
    // (size_ advanced), or nullptr when nothing is to be written here (a
    // counting writer, an earlier error; or a full fixed buffer, or a vector
    // in constant evaluation: then the caller writes byte by byte with put,
    // which stops where the buffer is full).
    TLSWIRE_INLINE constexpr std::uint8_t* reserve(std::size_t n) {
        if (!ok()) [[unlikely]]
            return nullptr;
        if (mode_ == target::fixed) {
            if (buf_.size() - size_ < n) [[unlikely]]
                return nullptr;
            std::uint8_t* out = buf_.data() + size_;
            size_ += n;
            return out;
        }
        if (mode_ == target::vector) {
            // clang 14 with libstdc++ 12 cannot resize a vector in a constant
            // expression: there, the bytes go one by one (the callers' slow path).
            if (std::is_constant_evaluated()) return nullptr;
            vec_->resize(vec_->size() + n);
            std::uint8_t* out = vec_->data() + base_ + size_;
            size_ += n;
            return out;
        }
        size_ += n;
        return nullptr;
    }

    // emit — n bytes, byte i being byte_at(i): into reserve()'s run, or one
    // by one through put() where reserve() hands out none (a full buffer, a
    // vector in constant evaluation).
    template <class ByteAt>
    TLSWIRE_INLINE constexpr void emit(std::size_t n, ByteAt byte_at) {
        std::uint8_t* out = reserve(n);
        if (out == nullptr) [[unlikely]] {
            if (mode_ != target::count && ok())
                for (std::size_t i = 0; i < n; ++i) put(byte_at(i));  // what fits; the error marks where it stopped
            return;
        }
        for (std::size_t i = 0; i < n; ++i) out[i] = byte_at(i);
    }

    template <std::size_t W>
    TLSWIRE_INLINE constexpr void be(std::uint64_t v) noexcept {
        emit(W, [v](std::size_t i) { return static_cast<std::uint8_t>(v >> (8 * (W - 1 - i))); });
    }

public:
    // writer() — counts bytes, writes nothing.
    constexpr writer() noexcept = default;
    constexpr explicit writer(bounds b) noexcept : bounds_(b) {}
    // writer(buf) — writes into a fixed buffer; overflow is errc::buffer_overflow.
    constexpr explicit writer(std::span<std::uint8_t> buf, bounds b = bounds::checked) noexcept
        : buf_(buf), mode_(target::fixed), bounds_(b) {}
    // writer(vec) — appends to a growable vector.
    constexpr explicit writer(std::vector<std::uint8_t>& vec, bounds b = bounds::checked) noexcept
        : vec_(&vec), base_(vec.size()), mode_(target::vector), bounds_(b) {}

    [[nodiscard]] constexpr bool ok() const noexcept { return err_.code == errc::ok; }
    [[nodiscard]] constexpr const error& err() const noexcept { return err_; }
    // Bytes written so far by this writer.
    [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
    [[nodiscard]] constexpr bool checks_bounds() const noexcept { return bounds_ == bounds::checked; }
    // The bytes written so far (empty for a counting writer).
    [[nodiscard]] constexpr bytes_view written() const noexcept {
        if (mode_ == target::fixed) return bytes_view(buf_.data(), size_);
        if (mode_ == target::vector) return bytes_view(vec_->data() + base_, size_);
        return {};
    }

    // record_prefixes(out) — append a prefix_span to *out for every length
    // prefix written from now on (nullptr stops recording).
    constexpr void record_prefixes(std::vector<prefix_span>* out) noexcept { prefixes_ = out; }

    TLSWIRE_COLD constexpr bool fail(errc code, name_ref where) noexcept {
        if (err_.code == errc::ok) err_ = error{code, size_, where};
        return false;
    }

    TLSWIRE_INLINE constexpr void u8(std::uint8_t v) noexcept { be<1>(v); }
    TLSWIRE_INLINE constexpr void u16(std::uint16_t v) noexcept { be<2>(v); }
    TLSWIRE_INLINE constexpr void u24(std::uint32_t v) noexcept { be<3>(v); }
    TLSWIRE_INLINE constexpr void u32(std::uint32_t v) noexcept { be<4>(v); }
    TLSWIRE_INLINE constexpr void u64(std::uint64_t v) noexcept { be<8>(v); }
    // uint<W> — W bytes big-endian (1..8); a value too wide is length_overflow.
    template <std::size_t W>
    TLSWIRE_INLINE constexpr void uint(std::uint64_t v, name_ref where = {}) noexcept {
        if (W < 8 && (v >> (8 * (W % 8))) != 0) [[unlikely]] {
            fail(errc::length_overflow, where);
            return;
        }
        be<W>(v);
    }
    // uint — the same with the width at run time.
    constexpr void uint(std::uint64_t v, std::size_t width, name_ref where = {}) noexcept {
        switch (width) {
            case 1: return uint<1>(v, where);
            case 2: return uint<2>(v, where);
            case 3: return uint<3>(v, where);
            case 4: return uint<4>(v, where);
            case 5: return uint<5>(v, where);
            case 6: return uint<6>(v, where);
            case 7: return uint<7>(v, where);
            case 8: return uint<8>(v, where);
            default: fail(errc::unsupported, where);
        }
    }

    TLSWIRE_INLINE constexpr void bytes(bytes_view b) {
        if (!b.empty()) emit(b.size(), [b](std::size_t i) { return b[i]; });
    }
    TLSWIRE_INLINE constexpr void zeros(std::size_t n) noexcept {
        emit(n, [](std::size_t) { return std::uint8_t{0}; });
    }

    // prefixed — `prefix_bytes`-wide length, then whatever `body(*this)` writes.
    // The length is filled in afterwards and checked against <min..max>.
    template <class Body>
    TLSWIRE_INLINE constexpr void prefixed(std::size_t prefix_bytes, std::size_t min, std::size_t max,
                                           name_ref where, Body&& body) {
        const std::size_t at = size_;
        zeros(prefix_bytes);
        body(*this);
        if (!ok()) [[unlikely]]
            return;
        const std::size_t n = size_ - at - prefix_bytes;
        if (n > max_for_prefix(prefix_bytes) || (checks_bounds() && (n < min || n > max))) [[unlikely]] {
            err_ = error{errc::length_overflow, at, where};
            return;
        }
        patch(at, n, prefix_bytes);
        if (prefixes_ != nullptr) [[unlikely]]
            prefixes_->push_back(prefix_span{at, prefix_bytes});
    }

private:

    // put — one byte, for the slow paths (a buffer about to be full).
    constexpr void put(std::uint8_t x) noexcept {
        if (!ok()) return;
        if (mode_ == target::fixed) {
            if (size_ >= buf_.size()) {
                fail(errc::buffer_overflow, "output");
                return;
            }
            buf_[size_] = x;
        } else if (mode_ == target::vector) {
            vec_->push_back(x);
        }
        ++size_;
    }

    constexpr void patch(std::size_t at, std::size_t n, std::size_t width) noexcept {
        for (std::size_t i = 0; i < width; ++i) {
            const auto byte = static_cast<std::uint8_t>(n >> (8 * (width - 1 - i)));
            if (mode_ == target::fixed) buf_[at + i] = byte;
            else if (mode_ == target::vector) (*vec_)[base_ + at + i] = byte;
        }
    }

    std::span<std::uint8_t> buf_{};
    std::vector<std::uint8_t>* vec_ = nullptr;
    std::size_t base_ = 0;
    std::size_t size_ = 0;
    target mode_ = target::count;
    bounds bounds_ = bounds::checked;
    error err_{};
    std::vector<prefix_span>* prefixes_ = nullptr;
};

}  // namespace tlswire
