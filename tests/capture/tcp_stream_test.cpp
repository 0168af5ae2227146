// tests/capture/tcp_stream_test.cpp — one direction's reassembly
// (capture/tcp_stream.hpp): order, retransmission, overlap, wraparound,
// holes, limits, and a million tiny segments.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "tlswire/capture/tcp_stream.hpp"

namespace tests_capture_tcp_stream {

using namespace tlswire;
using capture::reassembly_limits;
using capture::tcp_stream;
using bytes = std::vector<std::uint8_t>;

constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, ack = 0x10;

bytes pattern(std::size_t n, std::uint32_t seed = 7) {
    bytes b(n);
    std::mt19937 g(seed);
    for (auto& x : b) x = static_cast<std::uint8_t>(g());
    return b;
}

struct seg {
    std::uint32_t seq;
    std::size_t at;  // offset in the stream
    std::size_t len;
};

// Cut `data` (sent from ISN `isn`) into segments of `size` bytes.
std::vector<seg> cut(std::size_t n, std::size_t size, std::uint32_t isn) {
    std::vector<seg> v;
    for (std::size_t at = 0; at < n; at += size)
        v.push_back({static_cast<std::uint32_t>(isn + 1 + at), at, std::min(size, n - at)});
    return v;
}

// Feed segments; segment k's payload lies at file offset 1000 * (k + 1) + its stream offset's remainder.
void feed(tcp_stream& s, const bytes& data, const std::vector<seg>& segs) {
    for (const seg& x : segs) {
        const error e = s.segment(x.seq, ack, bytes_view(data).subspan(x.at, x.len), 100000 + x.at * 2);
        REQUIRE_FALSE(e);
    }
}

bool same(bytes_view a, const bytes& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

TEST_CASE("tcp_stream: in order after the SYN; the chunk map gives every byte's file offset") {
    const bytes data = pattern(3000);
    tcp_stream s;
    REQUIRE_FALSE(s.segment(41, syn, {}, 0));
    feed(s, data, cut(data.size(), 500, 41));
    REQUIRE_FALSE(s.finish());
    CHECK(same(s.data(), data));
    CHECK(s.syn_seen());
    CHECK(s.initial_sequence_number() == 41);
    // feed() puts stream byte i at file offset 100000 + 2i: a chunk per segment.
    CHECK(s.chunks().size() == 6);
    for (std::size_t i : {std::size_t{0}, std::size_t{1}, std::size_t{499}, std::size_t{500}, std::size_t{2999}})
        CHECK(s.file_offset(i) == 100000 + (i / 500) * 1000 + (i % 500));
}

TEST_CASE("tcp_stream: a contiguous run in the file is one chunk") {
    const bytes data = pattern(100);
    tcp_stream s;
    REQUIRE_FALSE(s.segment(0, syn, {}, 0));
    REQUIRE_FALSE(s.segment(1, ack, bytes_view(data).first(40), 500));
    REQUIRE_FALSE(s.segment(41, ack, bytes_view(data).subspan(40), 540));
    CHECK(s.chunks().size() == 1);
    CHECK(s.file_offset(99) == 599);
}

TEST_CASE("tcp_stream: any order, retransmissions and overlaps give the exact stream") {
    const bytes data = pattern(20000);
    for (std::uint32_t trial = 0; trial < 50; ++trial) {
        std::mt19937 g(trial);
        std::vector<seg> segs;
        // Random segments covering everything, overlapping, some twice.
        const std::uint32_t isn = static_cast<std::uint32_t>(g());
        for (std::size_t at = 0; at < data.size();) {
            const std::size_t len = std::min<std::size_t>(1 + g() % 900, data.size() - at);
            segs.push_back({static_cast<std::uint32_t>(isn + 1 + at), at, len});
            if (g() % 4 == 0) {  // an overlapping one that starts inside
                const std::size_t back = std::min<std::size_t>(at, g() % 300);
                const std::size_t l2 = std::min<std::size_t>(len + back + g() % 200, data.size() - (at - back));
                segs.push_back({static_cast<std::uint32_t>(isn + 1 + at - back), at - back, l2});
            }
            if (g() % 5 == 0) segs.push_back(segs.back());  // a retransmission
            at += len;
        }
        std::shuffle(segs.begin(), segs.end(), g);
        // A "file" holding every segment's payload after a 7-byte header.
        bytes file;
        tcp_stream s;
        REQUIRE_FALSE(s.segment(isn, syn, {}, 0));
        for (const seg& x : segs) {
            file.insert(file.end(), 7, 0xee);
            const std::size_t at = file.size();
            file.insert(file.end(), data.begin() + static_cast<std::ptrdiff_t>(x.at),
                        data.begin() + static_cast<std::ptrdiff_t>(x.at + x.len));
            REQUIRE_FALSE(s.segment(x.seq, ack, bytes_view(file).subspan(at, x.len), at));
        }
        REQUIRE_FALSE(s.finish());
        CHECK(same(s.data(), data));
        CHECK(s.conflicts() == 0);
        CHECK(s.buffered() == 0);
        // Every byte maps back to a file offset that holds it.
        bool mapped = true;
        for (std::size_t i = 0; i < data.size(); ++i) mapped = mapped && file[s.file_offset(i)] == data[i];
        CHECK(mapped);
    }
}

TEST_CASE("tcp_stream: the file offsets of a reordered stream point at the copies that were used") {
    // Stream bytes 0..9 from packet A (file 200), 10..19 from packet B (file 100, captured first).
    const bytes data = pattern(20);
    tcp_stream s;
    REQUIRE_FALSE(s.segment(9, syn, {}, 0));
    REQUIRE_FALSE(s.segment(20, ack, bytes_view(data).subspan(10), 100));
    CHECK(s.data().empty());
    CHECK(s.buffered() == 10);
    REQUIRE_FALSE(s.segment(10, ack, bytes_view(data).first(10), 200));
    CHECK(same(s.data(), data));
    CHECK(s.file_offset(0) == 200);
    CHECK(s.file_offset(9) == 209);
    CHECK(s.file_offset(10) == 100);
    CHECK(s.file_offset(19) == 109);
}

TEST_CASE("tcp_stream: on a conflicting overlap the first copy received wins, and is counted") {
    const bytes data = pattern(30);
    bytes other = data;
    for (auto& b : other) b = static_cast<std::uint8_t>(b ^ 0xff);
    SUBCASE("over delivered bytes") {
        tcp_stream s;
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        REQUIRE_FALSE(s.segment(1, ack, bytes_view(data).first(20), 0));
        REQUIRE_FALSE(s.segment(11, ack, bytes_view(other).subspan(10, 20), 0));  // 10..29, 10..19 conflicting
        bytes want(30);
        for (std::size_t i = 0; i < 30; ++i) want[i] = i < 20 ? data[i] : other[i];
        CHECK(same(s.data(), want));
        CHECK(s.conflicts() == 1);
    }
    SUBCASE("over held bytes") {
        tcp_stream s;
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        REQUIRE_FALSE(s.segment(11, ack, bytes_view(data).subspan(10, 10), 0));    // held 10..19
        REQUIRE_FALSE(s.segment(6, ack, bytes_view(other).subspan(5, 25), 0));     // 5..29 around it
        REQUIRE_FALSE(s.segment(1, ack, bytes_view(data).first(5), 0));            // 0..4 fills the hole
        bytes want(30);  // the first copies: data, other, data, other
        for (std::size_t i = 0; i < 30; ++i) want[i] = (i >= 5 && i < 10) || i >= 20 ? other[i] : data[i];
        CHECK(same(s.data(), want));
        CHECK(s.conflicts() == 1);
        CHECK(s.buffered() == 0);
        CHECK(s.buffered_segments() == 0);
    }
}

TEST_CASE("tcp_stream: sequence numbers wrap around 2^32") {
    const bytes data = pattern(5000);
    const std::uint32_t isn = 0xfffffc00u;  // the stream crosses 0 after 1023 bytes
    auto segs = cut(data.size(), 700, isn);
    std::reverse(segs.begin(), segs.end());
    tcp_stream s;
    REQUIRE_FALSE(s.segment(isn, syn, {}, 0));
    feed(s, data, segs);
    REQUIRE_FALSE(s.finish());
    CHECK(same(s.data(), data));
}

TEST_CASE("tcp_stream: a stream longer than 4 GiB of sequence space is followed by distance, not value") {
    // Not 4 GiB of memory: a discarded stream counts positions only.
    tcp_stream s;
    REQUIRE_FALSE(s.segment(0, syn, {}, 0));
    s.discard();
    const bytes chunk(60000, 0x17);
    std::uint32_t seq = 1;
    for (int i = 0; i < 80000; ++i) {  // 4.8 GB
        REQUIRE_FALSE(s.segment(seq, ack, chunk, 0));
        seq += static_cast<std::uint32_t>(chunk.size());
    }
    CHECK(s.delivered() == std::size_t{80000} * 60000);
    CHECK(s.data().empty());
}

TEST_CASE("tcp_stream: a hole is an error at finish, with the file offset after it; what came before stays") {
    const bytes data = pattern(300);
    tcp_stream s;
    REQUIRE_FALSE(s.segment(0, syn, {}, 0));
    REQUIRE_FALSE(s.segment(1, ack, bytes_view(data).first(100), 1000));
    REQUIRE_FALSE(s.segment(201, ack, bytes_view(data).subspan(200), 3000));  // 100..199 never captured
    const error e = s.finish();
    CHECK(e.code == errc::truncated);
    CHECK(e.offset == 3000);
    CHECK(same(s.data(), bytes(data.begin(), data.begin() + 100)));
    CHECK(s.buffered() == 0);
    CHECK(s.segment(101, ack, bytes_view(data).subspan(100, 100), 2000) == e);  // sticky
}

TEST_CASE("tcp_stream: FIN and RST") {
    const bytes data = pattern(50);
    SUBCASE("bytes after the FIN are not stream bytes; the FIN before the data closes once reached") {
        tcp_stream s;
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        REQUIRE_FALSE(s.segment(41, fin | ack, {}, 0));  // FIN after 40 bytes, captured first
        CHECK_FALSE(s.closed());
        REQUIRE_FALSE(s.segment(1, ack, data, 0));        // 50 bytes: 10 beyond the FIN
        CHECK(s.data().size() == 40);
        CHECK(s.closed());
    }
    SUBCASE("after a RST nothing is data") {
        tcp_stream s;
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        REQUIRE_FALSE(s.segment(1, ack, bytes_view(data).first(10), 0));
        REQUIRE_FALSE(s.segment(11, rst, {}, 0));
        REQUIRE_FALSE(s.segment(11, ack, bytes_view(data).subspan(10), 0));
        CHECK(s.data().size() == 10);
        CHECK(s.closed());
        CHECK(s.reset());
    }
}

TEST_CASE("tcp_stream: without the SYN the stream starts at its first captured segment") {
    const bytes data = pattern(100);
    SUBCASE("in order") {
        tcp_stream s;
        REQUIRE_FALSE(s.segment(777, ack, bytes_view(data).first(50), 0));
        REQUIRE_FALSE(s.segment(827, ack, bytes_view(data).subspan(50), 0));
        REQUIRE_FALSE(s.finish());
        CHECK(same(s.data(), data));
        CHECK_FALSE(s.syn_seen());
    }
    SUBCASE("a segment before the first one captured is named, not dropped silently") {
        tcp_stream s;
        REQUIRE_FALSE(s.segment(827, ack, bytes_view(data).subspan(50), 0));
        REQUIRE_FALSE(s.segment(777, ack, bytes_view(data).first(50), 4242));
        const error e = s.finish();
        CHECK(e.code == errc::truncated);
        CHECK(e.offset == 4242);
    }
    SUBCASE("a SYN reordered behind an empty segment still sets the start") {
        tcp_stream s;
        REQUIRE_FALSE(s.segment(500, ack, {}, 0));
        REQUIRE_FALSE(s.segment(99, syn, {}, 0));
        REQUIRE_FALSE(s.segment(100, ack, data, 0));
        REQUIRE_FALSE(s.finish());
        CHECK(same(s.data(), data));
    }
}

TEST_CASE("tcp_stream: limits become errors, never growth") {
    const bytes data = pattern(1000);
    SUBCASE("a segment beyond the window") {
        reassembly_limits l;
        l.max_out_of_order_bytes = 4096;
        tcp_stream s(l);
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        const error e = s.segment(1 + 5000, ack, bytes_view(data).first(10), 77);
        CHECK(e.code == errc::length_out_of_range);
        CHECK(e.offset == 77);
        CHECK(s.buffered() == 0);
    }
    SUBCASE("out-of-order bytes") {
        reassembly_limits l;
        l.max_out_of_order_bytes = 2500;
        tcp_stream s(l);
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        REQUIRE_FALSE(s.segment(101, ack, data, 0));     // held: 1000
        REQUIRE_FALSE(s.segment(1101, ack, data, 0));    // held: 2000
        const error e = s.segment(2101, ack, bytes_view(data).first(400), 0);  // 2400: the window still
        CHECK_FALSE(e);
        CHECK(s.segment(2501, ack, bytes_view(data).first(10), 9).code == errc::length_out_of_range);
        CHECK(s.buffered() == 0);
    }
    SUBCASE("out-of-order segments") {
        reassembly_limits l;
        l.max_out_of_order_segments = 10;
        tcp_stream s(l);
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        for (std::uint32_t i = 0; i < 10; ++i) REQUIRE_FALSE(s.segment(3 + 2 * i, ack, bytes_view(data).first(1), 0));
        CHECK(s.segment(3 + 2 * 10, ack, bytes_view(data).first(1), 5).code == errc::length_out_of_range);
    }
    SUBCASE("the stream's length") {
        reassembly_limits l;
        l.max_stream_bytes = 1500;
        tcp_stream s(l);
        REQUIRE_FALSE(s.segment(0, syn, {}, 0));
        REQUIRE_FALSE(s.segment(1, ack, data, 0));
        const error e = s.segment(1001, ack, data, 3);
        CHECK(e.code == errc::length_out_of_range);
        CHECK(s.data().size() == 1000);
    }
}

TEST_CASE("tcp_stream: a million one-byte segments, in order and pairwise swapped, stay fast") {
    constexpr std::size_t n = 1000000;
    const bytes data = pattern(n);
    const auto t0 = std::chrono::steady_clock::now();
    tcp_stream in_order, swapped;
    REQUIRE_FALSE(in_order.segment(0, syn, {}, 0));
    REQUIRE_FALSE(swapped.segment(0, syn, {}, 0));
    for (std::size_t i = 0; i < n; ++i) {
        REQUIRE_FALSE(in_order.segment(static_cast<std::uint32_t>(1 + i), ack, bytes_view(data).subspan(i, 1), 60 * i));
        const std::size_t j = i ^ 1u;  // 1, 0, 3, 2, ...
        REQUIRE_FALSE(swapped.segment(static_cast<std::uint32_t>(1 + j), ack, bytes_view(data).subspan(j, 1), 60 * j));
    }
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    CHECK(same(in_order.data(), data));
    CHECK(same(swapped.data(), data));
    CHECK(swapped.buffered_segments() == 0);
    CHECK(in_order.file_offset(n - 1) == 60 * (n - 1));
    MESSAGE("2e6 one-byte segments reassembled in " << ms << " ms");
    CHECK(ms < 20000);  // linear: about a second even unoptimized; quadratic would be hours
}

TEST_CASE("tcp_stream: a million one-byte segments in reverse order hit the segment limit, not the memory") {
    constexpr std::size_t n = 1000000;
    const bytes data = pattern(n);
    tcp_stream s;  // default limits: 65536 pieces held
    REQUIRE_FALSE(s.segment(0, syn, {}, 0));
    error e{};
    std::size_t i = n;
    while (i-- > 0 && !e) e = s.segment(static_cast<std::uint32_t>(1 + i), ack, bytes_view(data).subspan(i, 1), i);
    CHECK(e.code == errc::length_out_of_range);
    CHECK(s.buffered() == 0);
    CHECK(n - i <= reassembly_limits{}.max_out_of_order_segments + 2);
}

}  // namespace tests_capture_tcp_stream
