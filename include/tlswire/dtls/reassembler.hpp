// tlswire/dtls/reassembler.hpp — DTLS handshake messages out of fragments.
//
// RFC 6347 §4.2.2/§4.2.3 (RFC 9147 §5.5 is the same for DTLS 1.3): a
// handshake message travels as one or more fragments that carry its
// message_seq, the whole message's length and their own fragment_offset and
// fragment_length. Datagrams are lost, reordered and duplicated, and
// retransmissions may cut a message differently ("DTLS implementations MUST
// be able to handle overlapping fragment ranges"). `dtls::reassembler` takes
// the fragments of one direction in whatever order they come and hands out
// each message exactly once, complete, in message_seq order (§4.2.2: a
// message with message_seq above next_receive_seq is queued, one below it
// discarded).
//
// Memory is bounded: a message's declared length is checked against
// max_message_size, and everything held (message bytes, coverage bitmaps,
// piece lists, one slot overhead per message) against max_buffered_bytes,
// before anything is allocated. Rules, each refused with its absolute offset:
//  - a message over max_message_size: errc::message_too_large at its length;
//  - more than max_buffered_bytes held: errc::message_too_large at the
//    length, naming "max_buffered_bytes";
//  - a fragment whose msg_type or length disagrees with an earlier fragment
//    of the same message_seq: errc::illegal_value at that field;
//  - a fragment reaching past its message (fragment_offset + fragment_length
//    > length; possible only in a hand-built `handshake`):
//    errc::length_out_of_range at fragment_length;
//  - overlapping bytes that differ from the bytes held:
//    errc::illegal_value at the first differing byte, naming "fragment".
// A refused fragment changes nothing: errors are not sticky (RFC 6347 §4.1.2.7
// lets a receiver discard bad records and go on), the caller decides.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "tlswire/dtls/handshake.hpp"
#include "tlswire/messages/reassembler.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::dtls {

// reassembled_message — a complete handshake message: its type, message_seq
// and body (views valid only during the on_message call that hands it out:
// copy what must outlive it), and where each
// body byte sat in the caller's input (`origin`, body byte 0 = position 0).
struct reassembled_message {
    handshake_type msg_type{};
    std::uint16_t message_seq = 0;
    bytes_view body{};
    message_origin origin{};

    // header() — the message's DTLS header as if sent unfragmented
    // (fragment_offset 0, fragment_length = length): the form RFC 6347
    // §4.2.6 has the Finished MAC (the handshake hash) cover.
    [[nodiscard]] constexpr std::array<std::uint8_t, handshake_header_size> header() const noexcept {
        const auto n = static_cast<std::uint32_t>(body.size());
        return {static_cast<std::uint8_t>(msg_type),
                static_cast<std::uint8_t>(n >> 16),
                static_cast<std::uint8_t>(n >> 8),
                static_cast<std::uint8_t>(n),
                static_cast<std::uint8_t>(message_seq >> 8),
                static_cast<std::uint8_t>(message_seq),
                0,
                0,
                0,
                static_cast<std::uint8_t>(n >> 16),
                static_cast<std::uint8_t>(n >> 8),
                static_cast<std::uint8_t>(n)};
    }
};

// feed_status — what a fragment that was not refused did.
enum class feed_status : std::uint8_t {
    buffered,   // new bytes held; no message completed
    delivered,  // one or more messages handed out
    duplicate,  // nothing new: every byte already held, or the message already handed out
};

struct reassembler_limits {
    // Defaults: the largest uint24 length (RFC-legal), and 1 MiB held at once.
    std::size_t max_message_size = 0xffffff;
    std::size_t max_buffered_bytes = std::size_t{1} << 20;
};

// (A template only so that its members are compiled where it is used.)
template <class = void>
class basic_reassembler {
public:
    // The fixed cost counted for each message held, beside its bytes.
    static constexpr std::size_t slot_overhead = 64;

    constexpr explicit basic_reassembler(reassembler_limits limits = {}, std::uint16_t next_message_seq = 0) noexcept
        : limits_(limits), next_(next_message_seq) {}

    // feed(h, at, on_message) — one fragment, `h`, whose header starts at
    // absolute offset `at` of the caller's input (for_each_fragment gives
    // both). Calls on_message(const reassembled_message&) for each message
    // it completes, in message_seq order. Fails (changing nothing) as the
    // header comment says.
    template <class F>
    constexpr result<feed_status> feed(const handshake& h, std::size_t at, F&& on_message) {
        const std::size_t length_at = at + 1, fragment_length_at = at + 9, body_at = at + handshake_header_size;
        if (std::size_t{h.fragment_offset} + h.fragment.size() > h.length) [[unlikely]]
            return error{errc::length_out_of_range, fragment_length_at, "fragment_length"};
        if (h.length > limits_.max_message_size) [[unlikely]]
            return error{errc::message_too_large, length_at, "length"};
        if (h.message_seq < next_) return feed_status::duplicate;  // §4.2.2: "MUST be discarded"

        slot* s = find(h.message_seq);
        const std::size_t off = h.fragment_offset;
        if (s == nullptr) {
            if (h.message_seq == next_ && h.unfragmented()) {
                // The common case: a whole message, in order — handed out from the input, no copy.
                const message_piece piece[1] = {{0, body_at}};
                on_message(static_cast<const reassembled_message&>(
                    reassembled_message{h.msg_type, h.message_seq, h.fragment, message_origin{piece}}));
                ++next_;
                deliver_ready(on_message);
                return feed_status::delivered;
            }
            // A new message: nothing held to compare with; one run of new bytes (if any).
            const std::size_t cost = slot_cost(h.length) + (h.fragment.empty() ? 0 : sizeof(message_piece));
            if (buffered_ + cost > limits_.max_buffered_bytes) [[unlikely]]
                return error{errc::message_too_large, length_at, "max_buffered_bytes"};
            s = insert(h);
            buffered_ += slot_cost(h.length);
        } else {
            if (h.msg_type != s->msg_type) [[unlikely]]
                return error{errc::illegal_value, at, "msg_type"};
            if (h.length != s->body.size()) [[unlikely]]
                return error{errc::illegal_value, length_at, "length"};
            // Overlapping bytes must be the bytes held; checked before anything is written.
            std::size_t fresh = 0, runs = 0;
            for (std::size_t i = 0; i < h.fragment.size(); ++i) {
                if (!s->has(off + i)) {
                    ++fresh;
                    if (i == 0 || s->has(off + i - 1)) ++runs;
                    continue;
                }
                if (s->body[off + i] != h.fragment[i]) [[unlikely]]
                    return error{errc::illegal_value, body_at + i, "fragment"};
            }
            // Nothing new (a zero-length message's first fragment is new, though it has no bytes).
            if (fresh == 0 && !(h.length == 0 && !s->empty_seen)) return feed_status::duplicate;
            if (buffered_ + runs * sizeof(message_piece) > limits_.max_buffered_bytes) [[unlikely]]
                return error{errc::message_too_large, length_at, "max_buffered_bytes"};
        }

        // Copy the new bytes; each run of them adds one piece to the origin map.
        bool in_run = false;
        for (std::size_t i = 0; i < h.fragment.size(); ++i) {
            if (s->has(off + i)) {
                in_run = false;
                continue;
            }
            if (!in_run) {
                s->pieces.push_back({off + i, body_at + i});
                buffered_ += sizeof(message_piece);
                in_run = true;
            }
            s->body[off + i] = h.fragment[i];
            s->set(off + i);
            ++s->covered;
        }
        if (h.length == 0) s->empty_seen = true;
        return deliver_ready(on_message) ? feed_status::delivered : feed_status::buffered;
    }

    // feed_record(record_fragment, base, ctx, on_message) — every fragment of
    // one handshake record (its fragment field at absolute offset `base`).
    // Stops at the first fragment that does not parse or is refused.
    template <class F>
    constexpr result<void> feed_record(bytes_view record_fragment, std::size_t base, const context& ctx,
                                       F&& on_message) {
        error first{};
        const auto parsed = for_each_fragment(record_fragment, base, ctx, [&](const handshake& h, std::size_t at) {
            if (first) return;
            const auto r = feed(h, at, on_message);
            if (!r) first = r.err();
        });
        if (first) return first;
        if (!parsed) return parsed.err();
        return {};
    }

    // next_message_seq — the message_seq of the next message to hand out.
    [[nodiscard]] constexpr std::uint16_t next_message_seq() const noexcept { return next_; }
    // buffered_bytes — what is held now, as counted against the limit.
    [[nodiscard]] constexpr std::size_t buffered_bytes() const noexcept { return buffered_; }
    // pending_messages — messages begun or queued, not yet handed out.
    [[nodiscard]] constexpr std::size_t pending_messages() const noexcept { return slots_.size(); }
    [[nodiscard]] constexpr const reassembler_limits& limits() const noexcept { return limits_; }

private:
    struct slot {
        std::uint16_t message_seq = 0;
        handshake_type msg_type{};
        std::vector<std::uint8_t> body;
        std::vector<std::uint8_t> coverage;  // one bit per body byte
        std::vector<message_piece> pieces;   // the input offset of each run of body bytes, by position
        std::size_t covered = 0;
        bool empty_seen = false;  // a zero-length message's one fragment has come

        [[nodiscard]] constexpr bool has(std::size_t i) const noexcept { return (coverage[i / 8] >> (i % 8)) & 1u; }
        constexpr void set(std::size_t i) noexcept { coverage[i / 8] = static_cast<std::uint8_t>(coverage[i / 8] | (1u << (i % 8))); }
        [[nodiscard]] constexpr bool complete() const noexcept {
            return body.empty() ? empty_seen : covered == body.size();
        }
    };

    [[nodiscard]] static constexpr std::size_t slot_cost(std::size_t length) noexcept {
        return slot_overhead + length + (length + 7) / 8;
    }

    constexpr slot* find(std::uint16_t seq) noexcept {
        for (slot& s : slots_)
            if (s.message_seq == seq) return &s;
        return nullptr;
    }

    constexpr slot* insert(const handshake& h) {
        slot s;
        s.message_seq = h.message_seq;
        s.msg_type = h.msg_type;
        s.body.assign(h.length, 0);
        s.coverage.assign((std::size_t{h.length} + 7) / 8, 0);
        slots_.push_back(std::move(s));
        return &slots_.back();
    }

    // deliver_ready — hand out every complete message from next_ on.
    template <class F>
    constexpr bool deliver_ready(F& on_message) {
        bool any = false;
        for (;;) {
            auto it = std::find_if(slots_.begin(), slots_.end(), [&](const slot& s) { return s.message_seq == next_; });
            if (it == slots_.end() || !it->complete()) return any;
            std::sort(it->pieces.begin(), it->pieces.end(),
                      [](const message_piece& a, const message_piece& b) { return a.at < b.at; });
            on_message(static_cast<const reassembled_message&>(reassembled_message{
                it->msg_type, it->message_seq, bytes_view(it->body), message_origin{it->pieces}}));
            buffered_ -= slot_cost(it->body.size()) + it->pieces.size() * sizeof(message_piece);
            slots_.erase(it);
            ++next_;
            any = true;
        }
    }

    reassembler_limits limits_;
    std::uint16_t next_ = 0;
    std::size_t buffered_ = 0;
    std::vector<slot> slots_{};
};

using reassembler = basic_reassembler<>;

}  // namespace tlswire::dtls
