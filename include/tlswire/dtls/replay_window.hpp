// tlswire/dtls/replay_window.hpp — which records of an epoch were already
// received (RFC 6347 §4.1.2.6, RFC 9147 §4.5.1: the anti-replay window).
//
// "A window size of 64 is preferred and SHOULD be employed as the default."
// A decoder that reads both sides of a connection uses it to tell a record it
// has seen (a duplicated datagram) from a new one: a retransmitted message
// travels in a new record, with the next sequence number of its epoch (RFC
// 6347 §4.1: "if a handshake message from epoch 0 is retransmitted, it might
// have a sequence number after a message from epoch 1"). Records older than
// the window cannot be told apart and count as new.
#pragma once

#include <cstdint>

namespace tlswire::dtls {

class replay_window {
public:
    static constexpr unsigned size = 64;

    // seen(seq) — whether `seq` was marked before (within the window).
    [[nodiscard]] constexpr bool seen(std::uint64_t seq) const noexcept {
        if (!any_ || seq > highest_) return false;
        const std::uint64_t back = highest_ - seq;
        return back < size && ((bits_ >> back) & 1u) != 0;
    }

    // mark(seq) — `seq` has been received; the window slides to the highest.
    constexpr void mark(std::uint64_t seq) noexcept {
        if (!any_) {
            any_ = true;
            highest_ = seq;
            bits_ = 1;
            return;
        }
        if (seq > highest_) {
            const std::uint64_t shift = seq - highest_;
            bits_ = shift >= size ? 0 : bits_ << shift;
            bits_ |= 1;
            highest_ = seq;
            return;
        }
        const std::uint64_t back = highest_ - seq;
        if (back < size) bits_ |= std::uint64_t{1} << back;
    }

    // highest — the highest sequence number marked (0 before any).
    [[nodiscard]] constexpr std::uint64_t highest() const noexcept { return highest_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return !any_; }

private:
    std::uint64_t highest_ = 0;
    std::uint64_t bits_ = 0;
    bool any_ = false;
};

}  // namespace tlswire::dtls
