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
//
// Each message comes with its origin: where each of its pieces sat in the
// caller's input, so that an error found inside a reassembled message can be
// reported at the absolute offset of the offending byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire {

// message_origin — where a handshake message's bytes came from: piece i
// starts at byte pieces[i].at of the message and at pieces[i].offset of the
// input (the pieces are in order; the first starts at 0).
struct message_piece {
    std::size_t at = 0;
    std::size_t offset = 0;
};

struct message_origin {
    std::span<const message_piece> pieces{};

    // offset — the input offset of byte `pos` of the message.
    [[nodiscard]] constexpr std::size_t offset(std::size_t pos) const noexcept {
        std::size_t i = pieces.size();
        while (i > 1 && pieces[i - 1].at > pos) --i;
        return i == 0 ? pos : pieces[i - 1].offset + (pos - pieces[i - 1].at);
    }
    // map — an error found in the message (offset counted from its first
    // byte) with its offset moved to the input's.
    [[nodiscard]] constexpr error map(error e) const noexcept {
        e.offset = offset(e.offset);
        return e;
    }
};

// (A template only so that its members are compiled where it is used.)
template <class = void>
class basic_handshake_reassembler {
public:
    // The default maximum is the largest uint24 length: RFC-legal everywhere.
    // Stacks usually choose far less (e.g. 64 KiB, or 2^14 + certificates).
    static constexpr std::size_t default_max_message_size = 0xffffff;

    constexpr explicit basic_handshake_reassembler(std::size_t max_message_size = default_max_message_size) noexcept
        : max_(max_message_size) {}

    // feed(fragment, fragment_offset, on_message) — consume one handshake
    // record's fragment, which starts at `fragment_offset` of the caller's
    // input; call on_message(bytes_view message, const message_origin&) for
    // each message it completes, in order (on_message may also take only the
    // message). The views are valid until the next call to feed. Fails with
    // errc::message_too_large, at the input offset of the message's length
    // field, when a header declares more than the maximum; the reassembler
    // then refuses further input.
    template <class F>
    constexpr result<void> feed(bytes_view fragment, std::size_t fragment_offset, F&& on_message) {
        if (err_) return err_;
        std::size_t pos = 0;
        // First finish a message begun in earlier records.
        if (!buffer_.empty() && !fragment.empty()) pieces_.push_back({buffer_.size(), fragment_offset});
        while (!buffer_.empty() && pos < fragment.size()) {
            const std::size_t want = buffer_.size() < 4 ? 4 - buffer_.size() : needed() - buffer_.size();
            const std::size_t n = want < fragment.size() - pos ? want : fragment.size() - pos;
            buffer_.insert(buffer_.end(), fragment.begin() + static_cast<std::ptrdiff_t>(pos),
                           fragment.begin() + static_cast<std::ptrdiff_t>(pos + n));
            pos += n;
            const message_origin origin{pieces_};
            if (buffer_.size() == 4 && !check_length(declared(buffer_), origin.offset(1))) return err_;
            if (buffer_.size() >= 4 && buffer_.size() == needed()) {
                deliver(on_message, bytes_view(buffer_), origin);
                buffer_.clear();
                pieces_.clear();
            }
        }
        // Then whole messages straight from the fragment, without copying.
        while (pos < fragment.size()) {
            const bytes_view rest = fragment.subspan(pos);
            const message_piece here[1] = {{0, fragment_offset + pos}};
            if (rest.size() >= 4) {
                const std::size_t len = declared(rest);
                if (!check_length(len, here[0].offset + 1)) return err_;
                if (rest.size() >= 4 + len) {
                    deliver(on_message, rest.first(4 + len), message_origin{here});
                    pos += 4 + len;
                    continue;
                }
            }
            // A partial message: keep it for the next record.
            buffer_.assign(rest.begin(), rest.end());
            pieces_.assign(here, here + 1);
            pos = fragment.size();
        }
        return {};
    }

    // feed(fragment, on_message) — the same, offsets counting the handshake
    // bytes fed so far (the fragments laid end to end).
    template <class F>
    constexpr result<void> feed(bytes_view fragment, F&& on_message) {
        const std::size_t at = fed_;
        fed_ += fragment.size();
        return feed(fragment, at, on_message);
    }

    // has_partial — a message has begun and not yet completed (at the end of
    // a flight this is an error: RFC 8446 §5.1 forbids interleaving).
    [[nodiscard]] constexpr bool has_partial() const noexcept { return !buffer_.empty(); }
    // pending — bytes of the partial message held so far.
    [[nodiscard]] constexpr std::size_t pending() const noexcept { return buffer_.size(); }
    // partial — the partial message's bytes so far (header first), and where they came from.
    [[nodiscard]] constexpr bytes_view partial() const noexcept { return buffer_; }
    [[nodiscard]] constexpr message_origin partial_origin() const noexcept { return {pieces_}; }
    [[nodiscard]] constexpr std::size_t max_message_size() const noexcept { return max_; }

private:
    template <class F>
    static constexpr void deliver(F& on_message, bytes_view message, const message_origin& origin) {
        if constexpr (std::is_invocable_v<F&, bytes_view, const message_origin&>) on_message(message, origin);
        else on_message(message);
    }
    // The uint24 length of a handshake header (RFC 8446 §4: msg_type, uint24 length).
    [[nodiscard]] static constexpr std::size_t declared(bytes_view header) noexcept {
        return static_cast<std::size_t>(load_be<3>(header.data() + 1));
    }
    [[nodiscard]] constexpr std::size_t needed() const noexcept { return 4 + declared(buffer_); }
    constexpr bool check_length(std::size_t len, std::size_t length_offset) noexcept {
        if (len <= max_) return true;
        err_ = error{errc::message_too_large, length_offset, "length"};
        return false;
    }

    std::vector<std::uint8_t> buffer_{};
    std::vector<message_piece> pieces_{};
    std::size_t max_;
    std::size_t fed_ = 0;
    error err_{};
};

using handshake_reassembler = basic_handshake_reassembler<>;

}  // namespace tlswire
