// tlswire/messages/reassembler.hpp — handshake messages out of record fragments.
//
// RFC 8446 §5.1 / RFC 5246 §6.2.1: handshake messages may be coalesced into
// one record or fragmented across several. `handshake_reassembler` takes the
// fragments of consecutive handshake records (one direction of a connection)
// and hands out each complete message, header included. A message that lies
// wholly inside one fragment is handed out as a view into that fragment (no
// copy); only a message that spans records is assembled in an internal buffer.
// The declared length of every message is checked against a maximum before
// anything is buffered, so a hostile length cannot make it allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire {

// (A template only so that its members are compiled where it is used.)
template <class = void>
class basic_handshake_reassembler {
public:
    // The default maximum is the largest uint24 length: RFC-legal everywhere.
    // Stacks usually choose far less (e.g. 64 KiB, or 2^14 + certificates).
    static constexpr std::size_t default_max_message_size = 0xffffff;

    constexpr explicit basic_handshake_reassembler(std::size_t max_message_size = default_max_message_size) noexcept
        : max_(max_message_size) {}

    // feed(fragment, on_message) — consume one handshake record's fragment;
    // call on_message(bytes_view message) for each message it completes, in
    // order. The view is valid until the next call to feed. `stream_offset`
    // in errors counts bytes of handshake data fed so far, across records.
    // Fails with errc::message_too_large when a header declares more than the
    // maximum; the reassembler then refuses further input.
    template <class F>
    constexpr result<void> feed(bytes_view fragment, F&& on_message) {
        if (err_) return err_;
        std::size_t pos = 0;
        // First finish a message begun in earlier records.
        while (!buffer_.empty() && pos < fragment.size()) {
            const std::size_t want = buffer_.size() < 4 ? 4 - buffer_.size() : needed() - buffer_.size();
            const std::size_t n = want < fragment.size() - pos ? want : fragment.size() - pos;
            buffer_.insert(buffer_.end(), fragment.begin() + static_cast<std::ptrdiff_t>(pos),
                           fragment.begin() + static_cast<std::ptrdiff_t>(pos + n));
            pos += n;
            consumed_ += n;
            if (buffer_.size() == 4 && !check_length(declared(buffer_), consumed_ - 4)) return err_;
            if (buffer_.size() >= 4 && buffer_.size() == needed()) {
                on_message(bytes_view(buffer_));
                buffer_.clear();
            }
        }
        // Then whole messages straight from the fragment, without copying.
        while (pos < fragment.size()) {
            const bytes_view rest = fragment.subspan(pos);
            if (rest.size() >= 4) {
                const std::size_t len = declared(rest);
                if (!check_length(len, consumed_)) return err_;
                if (rest.size() >= 4 + len) {
                    on_message(rest.first(4 + len));
                    pos += 4 + len;
                    consumed_ += 4 + len;
                    continue;
                }
            }
            // A partial message: keep it for the next record.
            buffer_.assign(rest.begin(), rest.end());
            consumed_ += rest.size();
            pos = fragment.size();
        }
        return {};
    }

    // has_partial — a message has begun and not yet completed (at the end of
    // a flight this is an error: RFC 8446 §5.1 forbids interleaving).
    [[nodiscard]] constexpr bool has_partial() const noexcept { return !buffer_.empty(); }
    // pending — bytes of the partial message held so far.
    [[nodiscard]] constexpr std::size_t pending() const noexcept { return buffer_.size(); }
    // partial — the partial message's bytes so far (header first).
    [[nodiscard]] constexpr bytes_view partial() const noexcept { return buffer_; }
    [[nodiscard]] constexpr std::size_t max_message_size() const noexcept { return max_; }

private:
    [[nodiscard]] static constexpr std::size_t declared(bytes_view header) noexcept {
        return (std::size_t{header[1]} << 16) | (std::size_t{header[2]} << 8) | header[3];
    }
    [[nodiscard]] constexpr std::size_t needed() const noexcept { return 4 + declared(buffer_); }
    constexpr bool check_length(std::size_t len, std::size_t message_offset) noexcept {
        if (len <= max_) return true;
        err_ = error{errc::message_too_large, message_offset + 1, "length"};
        return false;
    }

    std::vector<std::uint8_t> buffer_{};
    std::size_t max_;
    std::size_t consumed_ = 0;
    error err_{};
};

using handshake_reassembler = basic_handshake_reassembler<>;

}  // namespace tlswire
