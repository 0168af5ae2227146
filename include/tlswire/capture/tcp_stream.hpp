// tlswire/capture/tcp_stream.hpp — one direction of a TCP connection rebuilt
// from its captured segments: the exact byte stream the receiver's
// application read, whatever order the segments were captured in, however
// often they were retransmitted and however they overlap.
//
// Sequence numbers (RFC 9293 §3.4) are compared modulo 2^32: a segment's
// place is its signed distance from the next expected sequence number, so a
// stream may wrap around and may be longer than 4 GiB. SYN and FIN each
// occupy one sequence number (§3.4: "the SYN is considered to occur before
// the first actual data octet", the FIN after the last). A stream captured
// without its SYN starts at the first segment the capture holds.
//
// Overlaps: the copy received FIRST wins, for every byte. For bytes already
// delivered that is forced: the receiving application has read them and TCP
// never takes delivered bytes back, so a later, different copy cannot have
// reached it. For bytes held out of order the same rule is kept so that the
// result does not depend on whether a hole was filled before or after a
// conflicting copy arrived (Linux's out-of-order queue also keeps the queued
// bytes where a new segment only partly overlaps them). Conflicting overlaps
// (same place, different bytes: a sign of evasion or of a broken capture)
// are counted, not hidden.
//
// Bounded memory: the out-of-order bytes and pieces held, the distance a
// segment may lie ahead of the stream, and the stream's own length have hard
// limits (reassembly_limits). Crossing one is an error for this direction —
// what was delivered before stays usable — never unbounded growth. Every
// operation costs O(log n) in the pieces held plus the bytes copied: a
// million tiny segments take a million cheap steps.
//
// Every delivered byte keeps its place in the capture file: a compact map of
// chunks (stream offset -> file offset, one entry per run of bytes that is
// contiguous in the file) turns a stream offset back into a file offset.
//
// This layer allocates (it buffers); it throws nothing of its own (only
// std::bad_alloc from the standard containers can escape).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <vector>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::capture {

// reassembly_limits — the hard bounds. The per-direction ones are enforced
// by tcp_stream, the totals by tcp_reassembler (connections.hpp).
struct reassembly_limits {
    // Out-of-order bytes held per direction, and the farthest a segment may
    // start ahead of the stream: a receive window larger than any real one
    // (Linux's default tcp_rmem maximum is 6 MiB).
    std::size_t max_out_of_order_bytes = std::size_t{16} << 20;
    // Out-of-order pieces held per direction (one per segment, or fewer).
    std::size_t max_out_of_order_segments = 65536;
    // Bytes delivered and kept per direction.
    std::size_t max_stream_bytes = std::size_t{1} << 30;
    // Totals over every connection of a capture.
    std::size_t max_total_out_of_order_bytes = std::size_t{256} << 20;
    std::size_t max_total_stream_bytes = std::size_t{4} << 30;
    std::size_t max_connections = 1u << 20;
};

// stream_chunk — from stream_offset on, the stream's bytes are the file's
// from file_offset on (until the next chunk).
struct stream_chunk {
    std::size_t stream_offset = 0;
    std::size_t file_offset = 0;
};

// file_offset_in(chunks, stream_offset) — where the stream's byte lies in the
// file (stream_offset may be one past the end: the position after the last
// byte). SIZE_MAX when the map is empty.
[[nodiscard]] inline std::size_t file_offset_in(const std::vector<stream_chunk>& chunks,
                                                std::size_t stream_offset) noexcept {
    auto it = std::upper_bound(chunks.begin(), chunks.end(), stream_offset,
                               [](std::size_t so, const stream_chunk& c) { return so < c.stream_offset; });
    if (it == chunks.begin()) return chunks.empty() ? SIZE_MAX : chunks.front().file_offset;
    --it;
    return it->file_offset + (stream_offset - it->stream_offset);
}

class tcp_stream {
public:
    tcp_stream() = default;
    explicit tcp_stream(const reassembly_limits& limits) : limits_(limits) {}

    // segment(seq, flags, payload, file_offset) — one captured segment of
    // this direction: its sequence number, TCP flags, payload and the file
    // offset of the payload's first byte. Returns this direction's error (ok
    // until a limit is crossed; from then on every call returns it and the
    // segment is ignored).
    error segment(std::uint32_t seq, std::uint8_t flags, bytes_view payload, std::size_t file_offset) {
        if (failure_) return failure_;
        constexpr std::uint8_t syn = 0x02, fin = 0x01, rst = 0x04;  // RFC 9293 §3.1
        if (!started_) {
            started_ = true;
            // The first sequence number of the data: after the SYN's, or (a
            // capture that missed the SYN) this segment's.
            base_ = (flags & syn) ? seq + 1u : seq;
            syn_seen_ = (flags & syn) != 0;
        } else if ((flags & syn) && !syn_seen_ && delivered_ == 0 && pending_.empty()) {
            // A SYN captured after a segment that came before it (reordered).
            base_ = seq + 1u;
            syn_seen_ = true;
        }
        if (flags & rst) {
            // §3.10.7: a reset ends the connection; what follows is not data.
            reset_ = true;
            return error{};
        }
        if (reset_) return error{};
        // The place of the first data byte: the SYN occupies `seq` itself.
        const std::uint32_t data_seq = (flags & syn) ? seq + 1u : seq;
        const std::int64_t start = position(data_seq);
        const std::int64_t end = start + static_cast<std::int64_t>(payload.size());
        if (flags & fin) {
            // §3.4: the FIN occupies the sequence number after the last data byte.
            if (!fin_at_ && end >= 0) fin_at_ = static_cast<std::size_t>(end);
        }
        if (payload.empty()) return error{};
        return place(start, payload, file_offset);
    }

    // finish() — the capture has ended. Out-of-order bytes still held lie
    // after a hole the capture never filled: the stream is cut there (an
    // error for this direction whose offset is the file offset of the first
    // byte after the hole).
    error finish() {
        if (failure_) return failure_;
        if (early_) {
            fail(error{errc::truncated, *early_, "TCP segment before the stream's first captured byte (its SYN and start are not in the capture)"});
            return failure_;
        }
        if (!pending_.empty()) {
            const std::size_t after = pending_.begin()->second.file_offset;
            fail(error{errc::truncated, after, "TCP stream gap (segments missing from the capture)"});
        }
        return failure_;
    }

    // The stream as far as it is contiguous (empty after discard()).
    [[nodiscard]] bytes_view data() const noexcept { return data_; }
    // Bytes delivered in order (counted after discard() too).
    [[nodiscard]] std::size_t delivered() const noexcept { return delivered_; }
    [[nodiscard]] const std::vector<stream_chunk>& chunks() const noexcept { return chunks_; }
    [[nodiscard]] std::size_t file_offset(std::size_t stream_offset) const noexcept {
        return file_offset_in(chunks_, stream_offset);
    }
    [[nodiscard]] std::size_t buffered() const noexcept { return pending_bytes_; }
    [[nodiscard]] std::size_t buffered_segments() const noexcept { return pending_.size(); }
    [[nodiscard]] std::size_t conflicts() const noexcept { return conflicts_; }
    [[nodiscard]] bool started() const noexcept { return started_; }
    [[nodiscard]] bool syn_seen() const noexcept { return syn_seen_; }
    [[nodiscard]] std::uint32_t initial_sequence_number() const noexcept { return base_ - 1u; }
    // The sender closed (its FIN has been reached in order) or the connection was reset.
    [[nodiscard]] bool closed() const noexcept { return reset_ || (fin_at_ && delivered_ >= *fin_at_); }
    [[nodiscard]] bool reset() const noexcept { return reset_; }
    [[nodiscard]] const error& failure() const noexcept { return failure_; }

    // discard() — stop keeping the bytes (a stream that is not TLS): what
    // was kept is freed; positions are still followed.
    void discard() {
        keep_ = false;
        std::vector<std::uint8_t>().swap(data_);
        std::vector<stream_chunk>().swap(chunks_);
    }

    // fail(e) — end this direction with `e` (a limit crossed elsewhere, e.g.
    // a total): out-of-order bytes are freed, the delivered ones stay.
    void fail(const error& e) {
        if (failure_) return;
        failure_ = e;
        pending_.clear();
        pending_bytes_ = 0;
    }

private:
    struct piece {
        std::vector<std::uint8_t> bytes;
        std::size_t file_offset = 0;
    };

    // position(seq) — the stream offset of sequence number `seq`: its signed
    // distance (mod 2^32, §3.4) from the next expected one, plus what was
    // delivered. Negative: before the stream's start.
    [[nodiscard]] std::int64_t position(std::uint32_t seq) const noexcept {
        const std::uint32_t next = base_ + static_cast<std::uint32_t>(delivered_);
        return static_cast<std::int64_t>(delivered_) + static_cast<std::int32_t>(seq - next);
    }

    // compare(stream_at, bytes) — an overlap with delivered bytes: the first
    // copy stays; a different one is counted.
    void compare_delivered(std::size_t at, bytes_view b) {
        if (!keep_) return;
        if (!equal_bytes(bytes_view(data_).subspan(at, b.size()), b)) ++conflicts_;
    }

    error place(std::int64_t start, bytes_view payload, std::size_t file_offset) {
        std::int64_t end = start + static_cast<std::int64_t>(payload.size());
        // Bytes after the FIN are not part of the stream (§3.10.7.4: the
        // receiver never delivers them).
        if (fin_at_ && end > static_cast<std::int64_t>(*fin_at_)) {
            end = std::max(start, static_cast<std::int64_t>(*fin_at_));
        }
        // A stream captured without its SYN starts at its first captured
        // segment; bytes found before that mean its start was not captured
        // (or was reordered behind later bytes): say so rather than hand out
        // a stream without its beginning.
        if (start < 0 && !syn_seen_ && !early_) early_ = file_offset;
        const auto done = static_cast<std::int64_t>(delivered_);
        if (end <= done) {  // a retransmission of delivered bytes (or bytes before the start)
            if (start >= 0) compare_delivered(static_cast<std::size_t>(start), payload.first(static_cast<std::size_t>(end - start)));
            else if (end > 0) compare_delivered(0, payload.subspan(static_cast<std::size_t>(-start), static_cast<std::size_t>(end)));
            return error{};
        }
        std::size_t skip = 0;  // payload bytes before the next expected one
        if (start < done) {
            skip = static_cast<std::size_t>(done - start);
            if (start >= 0) compare_delivered(static_cast<std::size_t>(start), payload.first(skip));
            start = done;
        }
        const auto s = static_cast<std::size_t>(start);
        const auto e = static_cast<std::size_t>(end);
        const bytes_view fresh = payload.subspan(skip, e - s);
        const std::size_t fresh_offset = file_offset + skip;
        if (e - delivered_ > limits_.max_out_of_order_bytes) {
            // Farther ahead than any window we accept: garbage, another
            // connection's segment, or a hole too large to wait for.
            fail(error{errc::length_out_of_range, fresh_offset, "TCP segment beyond the reassembly window"});
            return failure_;
        }
        if (pending_.empty() && s == delivered_) return deliver(fresh, fresh_offset);
        if (const error r = hold(s, fresh, fresh_offset)) return r;
        return drain();
    }

    // hold — keep the parts of [s, s + b.size()) that no held piece covers
    // (the first copy wins), each as its own piece.
    error hold(std::size_t s, bytes_view b, std::size_t file_offset) {
        const std::size_t e = s + b.size();
        std::size_t at = s;
        auto it = pending_.upper_bound(at);
        if (it != pending_.begin()) {
            const auto before = std::prev(it);
            const std::size_t before_end = before->first + before->second.bytes.size();
            if (before_end > at) {
                const std::size_t n = std::min(before_end, e) - at;
                count_conflict(bytes_view(before->second.bytes).subspan(at - before->first, n), b.subspan(0, n));
                at += n;
            }
        }
        while (at < e) {
            it = pending_.lower_bound(at);
            const std::size_t gap_end = it == pending_.end() ? e : std::min(e, it->first);
            if (gap_end > at) {
                const std::size_t n = gap_end - at;
                if (pending_.size() >= limits_.max_out_of_order_segments) {
                    fail(error{errc::length_out_of_range, file_offset + (at - s), "TCP out-of-order segments"});
                    return failure_;
                }
                if (pending_bytes_ + n > limits_.max_out_of_order_bytes) {
                    fail(error{errc::length_out_of_range, file_offset + (at - s), "TCP out-of-order bytes"});
                    return failure_;
                }
                const bytes_view part = b.subspan(at - s, n);
                pending_.emplace_hint(it, at, piece{std::vector<std::uint8_t>(part.begin(), part.end()),
                                                    file_offset + (at - s)});
                pending_bytes_ += n;
                at = gap_end;
            }
            if (at < e && it != pending_.end() && it->first == at) {
                const std::size_t n = std::min(it->first + it->second.bytes.size(), e) - at;
                count_conflict(bytes_view(it->second.bytes).subspan(0, n), b.subspan(at - s, n));
                at += n;
            }
        }
        return error{};
    }

    void count_conflict(bytes_view held, bytes_view again) {
        if (!equal_bytes(held, again)) ++conflicts_;
    }

    // drain — deliver the held pieces that now follow the stream. The pieces
    // never overlap and none starts before `delivered_`, so the first one
    // either starts exactly there or lies after a hole.
    error drain() {
        while (!pending_.empty() && pending_.begin()->first == delivered_) {
            auto node = pending_.extract(pending_.begin());
            pending_bytes_ -= node.mapped().bytes.size();
            if (const error r = deliver(node.mapped().bytes, node.mapped().file_offset)) return r;
        }
        return error{};
    }

    error deliver(bytes_view b, std::size_t file_offset) {
        if (keep_) {
            if (data_.size() + b.size() > limits_.max_stream_bytes) {
                fail(error{errc::length_out_of_range, file_offset, "TCP stream length"});
                return failure_;
            }
            // A new chunk unless these bytes continue the last one in the file too.
            if (chunks_.empty() ||
                chunks_.back().file_offset + (delivered_ - chunks_.back().stream_offset) != file_offset)
                chunks_.push_back(stream_chunk{delivered_, file_offset});
            data_.insert(data_.end(), b.begin(), b.end());
        }
        delivered_ += b.size();
        return error{};
    }

    reassembly_limits limits_{};
    bool started_ = false;
    bool syn_seen_ = false;
    bool reset_ = false;
    bool keep_ = true;
    std::uint32_t base_ = 0;            // the sequence number of stream offset 0
    std::size_t delivered_ = 0;         // stream bytes delivered in order
    std::optional<std::size_t> fin_at_;  // the FIN's stream offset, once seen
    std::optional<std::size_t> early_;   // file offset of a segment before a SYN-less stream's start
    std::vector<std::uint8_t> data_;
    std::vector<stream_chunk> chunks_;
    std::map<std::size_t, piece> pending_;  // out of order, by stream offset; never overlapping
    std::size_t pending_bytes_ = 0;
    std::size_t conflicts_ = 0;
    error failure_{};
};

}  // namespace tlswire::capture
