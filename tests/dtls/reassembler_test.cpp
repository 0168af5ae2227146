// The DTLS fragment reassembler (RFC 6347 §4.2.2, §4.2.3): fragments in
// shuffled orders, with duplicates and overlaps, several messages at once;
// every message handed out exactly once, in message_seq order, with the
// input offset of every byte; conflicts, disagreeing lengths and types, and
// both limits ±1, each refused at its absolute offset without changing state.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "dtls_support.hpp"

namespace tests_dtls_reassembler {

using namespace tlswire;
using test_support::hex;
using test_support::dtls::fragment;

namespace {

// An "input": fragments laid end to end, as records of datagrams would be;
// `at` is where each fragment's header starts.
struct input {
    std::vector<std::uint8_t> bytes;
    std::vector<std::size_t> at;
    void add(const std::vector<std::uint8_t>& f) {
        at.push_back(bytes.size());
        bytes.insert(bytes.end(), f.begin(), f.end());
    }
    [[nodiscard]] dtls::handshake get(std::size_t i) const {
        const std::size_t end = i + 1 < at.size() ? at[i + 1] : bytes.size();
        const auto h = parse<dtls::handshake>(bytes_view(bytes.data() + at[i], end - at[i]));
        REQUIRE(h);
        return *h;
    }
};

std::vector<std::uint8_t> body_of(std::size_t n, std::uint8_t salt) {
    std::vector<std::uint8_t> b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + salt);
    return b;
}

// Cut `body` into fragments at `cuts` (sorted, inside the body).
void add_cut(input& in, std::uint8_t type, std::uint16_t seq, const std::vector<std::uint8_t>& body,
             const std::vector<std::size_t>& cuts) {
    std::size_t from = 0;
    auto piece = [&](std::size_t to) {
        in.add(fragment(type, static_cast<std::uint32_t>(body.size()), seq, static_cast<std::uint32_t>(from),
                        std::vector<std::uint8_t>(body.begin() + static_cast<std::ptrdiff_t>(from),
                                                  body.begin() + static_cast<std::ptrdiff_t>(to))));
        from = to;
    };
    for (const std::size_t c : cuts) piece(c);
    piece(body.size());
}

struct delivered {
    handshake_type type{};
    std::uint16_t seq = 0;
    std::vector<std::uint8_t> body;
};

// feed every fragment of `in` in `order`; check each delivered byte against
// the input at the offset its origin names.
std::vector<delivered> run(const input& in, const std::vector<std::size_t>& order, dtls::reassembler& r) {
    std::vector<delivered> out;
    for (const std::size_t i : order) {
        const auto h = in.get(i);
        const auto s = r.feed(h, in.at[i], [&](const dtls::reassembled_message& m) {
            for (std::size_t p = 0; p < m.body.size(); ++p) {
                const std::size_t o = m.origin.offset(p);
                REQUIRE(o < in.bytes.size());
                if (in.bytes[o] != m.body[p]) FAIL_CHECK("origin of byte " << p << " points at " << o);
            }
            out.push_back({m.msg_type, m.message_seq, {m.body.begin(), m.body.end()}});
        });
        REQUIRE_MESSAGE(s, to_string(s.err().code) << " at " << s.err().offset);
    }
    return out;
}

}  // namespace

TEST_CASE("dtls reassembler: three messages, fragments shuffled and duplicated, each handed out once in order") {
    const auto a = body_of(61, 1), b = body_of(787, 2), c = body_of(0, 3);
    input in;
    add_cut(in, 2, 0, a, {});
    add_cut(in, 11, 1, b, {161, 408, 655});
    add_cut(in, 14, 2, c, {});
    // Retransmissions cut differently (RFC 6347 §4.2.3: "overlapping fragment ranges").
    add_cut(in, 11, 1, b, {100, 500});
    add_cut(in, 2, 0, a, {30});
    std::vector<std::size_t> order(in.at.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(13);
    for (int trial = 0; trial < 300; ++trial) {
        CAPTURE(trial);
        std::shuffle(order.begin(), order.end(), rng);
        auto with_dups = order;
        with_dups.push_back(order[static_cast<std::size_t>(trial) % order.size()]);  // one more duplicate
        dtls::reassembler r;
        const auto got = run(in, with_dups, r);
        REQUIRE(got.size() == 3);
        CHECK(got[0].seq == 0);
        CHECK(got[0].type == handshake_type::server_hello);
        CHECK(got[0].body == a);
        CHECK(got[1].seq == 1);
        CHECK(got[1].body == b);
        CHECK(got[2].seq == 2);
        CHECK(got[2].body.empty());
        CHECK(r.next_message_seq() == 3);
        CHECK(r.pending_messages() == 0);
        CHECK(r.buffered_bytes() == 0);
    }
}

TEST_CASE("dtls reassembler: every single split point of a message, both orders") {
    const auto body = body_of(40, 9);
    for (std::size_t cut = 1; cut < body.size(); ++cut) {
        input in;
        add_cut(in, 11, 0, body, {cut});
        for (const auto& order : {std::vector<std::size_t>{0, 1}, std::vector<std::size_t>{1, 0}}) {
            dtls::reassembler r;
            const auto got = run(in, order, r);
            REQUIRE(got.size() == 1);
            CHECK(got[0].body == body);
        }
    }
}

TEST_CASE("dtls reassembler: an unfragmented message in order is handed out from the input; statuses") {
    input in;
    in.add(fragment(1, 3, 0, 0, {7, 8, 9}));
    dtls::reassembler r;
    const std::uint8_t* seen = nullptr;
    std::array<std::uint8_t, 12> header{};
    const auto s = r.feed(in.get(0), 0, [&](const dtls::reassembled_message& m) {
        seen = m.body.data();
        header = m.header();
        CHECK(m.origin.offset(0) == 12);
    });
    REQUIRE(s);
    CHECK(*s == dtls::feed_status::delivered);
    CHECK(seen == in.bytes.data() + 12);
    CHECK(hex(header) == "010000030000000000000003");
    // The same message again (a retransmission): discarded (§4.2.2), nothing handed out.
    int calls = 0;
    const auto again = r.feed(in.get(0), 0, [&](const dtls::reassembled_message&) { ++calls; });
    REQUIRE(again);
    CHECK(*again == dtls::feed_status::duplicate);
    CHECK(calls == 0);
    // A fragment of a later message is buffered; the same bytes again are a duplicate.
    input later;
    later.add(fragment(11, 10, 2, 0, {1, 2, 3}));
    CHECK(*r.feed(later.get(0), 0, [&](const dtls::reassembled_message&) { ++calls; }) == dtls::feed_status::buffered);
    CHECK(*r.feed(later.get(0), 0, [&](const dtls::reassembled_message&) { ++calls; }) == dtls::feed_status::duplicate);
    CHECK(calls == 0);
    CHECK(r.pending_messages() == 1);
}

TEST_CASE("dtls reassembler: overlapping bytes must be identical — a conflict is refused at the differing byte") {
    const auto body = body_of(20, 4);
    input in;
    in.add(fragment(11, 20, 0, 0, std::vector<std::uint8_t>(body.begin(), body.begin() + 12)));
    auto other = std::vector<std::uint8_t>(body.begin() + 8, body.end());
    other[2] ^= 0xff;  // body byte 10, inside the overlap [8, 12)
    in.add(fragment(11, 20, 0, 8, other));
    in.add(fragment(11, 20, 0, 8, std::vector<std::uint8_t>(body.begin() + 8, body.end())));
    dtls::reassembler r;
    int calls = 0;
    const auto count = [&](const dtls::reassembled_message& m) {
        ++calls;
        CHECK(std::vector<std::uint8_t>(m.body.begin(), m.body.end()) == body);
    };
    REQUIRE(r.feed(in.get(0), in.at[0], count));
    const auto bad = r.feed(in.get(1), in.at[1], count);
    REQUIRE_FALSE(bad);
    CHECK(bad.err().code == errc::illegal_value);
    CHECK(bad.err().offset == in.at[1] + 12 + 2);
    CHECK(bad.err().where == "fragment");
    CHECK(calls == 0);
    // Nothing of the refused fragment was kept: the good retransmission completes the message.
    REQUIRE(r.feed(in.get(2), in.at[2], count));
    CHECK(calls == 1);
}

TEST_CASE("dtls reassembler: a fragment whose length or msg_type disagrees with an earlier one is refused") {
    input in;
    in.add(fragment(11, 20, 1, 0, {1, 2, 3}));
    in.add(fragment(11, 21, 1, 3, {4}));
    in.add(fragment(12, 20, 1, 3, {4}));
    dtls::reassembler r;
    const auto none = [](const dtls::reassembled_message&) { FAIL("nothing is complete"); };
    REQUIRE(r.feed(in.get(0), in.at[0], none));
    const auto len = r.feed(in.get(1), in.at[1], none);
    REQUIRE_FALSE(len);
    CHECK(len.err().code == errc::illegal_value);
    CHECK(len.err().offset == in.at[1] + 1);
    CHECK(len.err().where == "length");
    const auto type = r.feed(in.get(2), in.at[2], none);
    REQUIRE_FALSE(type);
    CHECK(type.err().code == errc::illegal_value);
    CHECK(type.err().offset == in.at[2]);
    CHECK(type.err().where == "msg_type");
    // A hand-built fragment past its message's end.
    dtls::handshake h;
    h.msg_type = handshake_type::certificate;
    h.length = 2;
    h.fragment_offset = 1;
    const std::uint8_t two[2] = {1, 2};
    h.fragment = two;
    const auto past = r.feed(h, 500, none);
    REQUIRE_FALSE(past);
    CHECK(past.err().code == errc::length_out_of_range);
    CHECK(past.err().offset == 509);
}

TEST_CASE("dtls reassembler: max_message_size ±1 and max_buffered_bytes ±1") {
    const auto none = [](const dtls::reassembled_message&) {};
    input in;
    in.add(fragment(11, 100, 1, 0, std::vector<std::uint8_t>(10, 1)));  // seq 1 waits for seq 0
    in.add(fragment(11, 101, 2, 0, std::vector<std::uint8_t>(10, 1)));
    {
        dtls::reassembler r(dtls::reassembler_limits{100, 1 << 20});
        CHECK(r.feed(in.get(0), in.at[0], none));
        const auto big = r.feed(in.get(1), in.at[1], none);
        REQUIRE_FALSE(big);
        CHECK(big.err().code == errc::message_too_large);
        CHECK(big.err().offset == in.at[1] + 1);
        CHECK(big.err().where == "length");
    }
    // One message of 100 bytes with one run held costs 64 + 100 + 13 + one piece.
    const std::size_t cost = dtls::reassembler::slot_overhead + 100 + 13 + sizeof(message_piece);
    {
        dtls::reassembler r(dtls::reassembler_limits{0xffffff, cost});
        const auto ok = r.feed(in.get(0), in.at[0], none);
        REQUIRE(ok);
        CHECK(r.buffered_bytes() == cost);
        const auto full = r.feed(in.get(1), in.at[1], none);
        REQUIRE_FALSE(full);
        CHECK(full.err().code == errc::message_too_large);
        CHECK(full.err().where == "max_buffered_bytes");
        CHECK(full.err().offset == in.at[1] + 1);
        CHECK(r.pending_messages() == 1);
    }
    {
        dtls::reassembler r(dtls::reassembler_limits{0xffffff, cost - 1});
        const auto over = r.feed(in.get(0), in.at[0], none);
        REQUIRE_FALSE(over);
        CHECK(over.err().code == errc::message_too_large);
        CHECK(r.buffered_bytes() == 0);
        CHECK(r.pending_messages() == 0);
    }
    // A whole message in order needs no buffer: only max_message_size applies.
    {
        input whole;
        whole.add(fragment(11, 100, 0, 0, std::vector<std::uint8_t>(100, 5)));
        dtls::reassembler r(dtls::reassembler_limits{100, 0});
        int calls = 0;
        CHECK(r.feed(whole.get(0), 0, [&](const dtls::reassembled_message&) { ++calls; }));
        CHECK(calls == 1);
    }
}

TEST_CASE("dtls reassembler: one-byte fragments, in reverse, of a 300-byte message") {
    const auto body = body_of(300, 5);
    input in;
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < body.size(); ++i) cuts.push_back(i);
    add_cut(in, 11, 0, body, cuts);
    std::vector<std::size_t> order;
    for (std::size_t i = in.at.size(); i-- > 0;) order.push_back(i);
    dtls::reassembler r;
    const auto got = run(in, order, r);
    REQUIRE(got.size() == 1);
    CHECK(got[0].body == body);
    CHECK(r.buffered_bytes() == 0);
}

TEST_CASE("dtls reassembler: feed_record reads every fragment of a record and stops at the first refusal") {
    auto rec = fragment(2, 2, 0, 0, {0xaa, 0xbb});
    const auto b = fragment(11, 4, 1, 0, {1, 2});
    const auto c = fragment(11, 5, 1, 2, {3, 4});  // length disagrees
    rec.insert(rec.end(), b.begin(), b.end());
    rec.insert(rec.end(), c.begin(), c.end());
    dtls::reassembler r;
    std::vector<std::uint16_t> seqs;
    const auto res = r.feed_record(bytes_view(rec.data(), rec.size()), 40, {},
                                   [&](const dtls::reassembled_message& m) { seqs.push_back(m.message_seq); });
    REQUIRE_FALSE(res);
    CHECK(res.err().code == errc::illegal_value);
    CHECK(res.err().offset == 40 + 14 + 14 + 1);
    CHECK(seqs == std::vector<std::uint16_t>{0});
}


TEST_CASE("dtls reassembler: hostile input — random fragments of random messages never crash, stay bounded") {
    // Random headers over a small space of message_seq/length values, random
    // offsets and bytes: most are refused; none may crash (run under the
    // sanitizers), buffered_bytes never exceeds its limit, and whatever is
    // handed out has the length its fragments declared.
    std::mt19937 rng(2026);
    const auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
    for (int round = 0; round < 50; ++round) {
        dtls::reassembler r(dtls::reassembler_limits{512, 4096});
        std::vector<std::uint8_t> input;
        for (int i = 0; i < 400; ++i) {
            const auto length = pick(4) == 0 ? pick(2000) : pick(40);
            const auto offset = length == 0 ? 0 : pick(length + 1);
            const auto n = length - offset == 0 ? 0 : pick(length - offset + 1);
            std::vector<std::uint8_t> body(n);
            for (auto& b : body) b = static_cast<std::uint8_t>(pick(3));  // few values: overlaps agree sometimes
            const auto f = test_support::dtls::fragment(static_cast<std::uint8_t>(pick(3)), length,
                                                        static_cast<std::uint16_t>(pick(6)), offset, body);
            const std::size_t at = input.size();
            input.insert(input.end(), f.begin(), f.end());
            const auto h = parse<dtls::handshake>(bytes_view(f.data(), f.size()));
            REQUIRE(h);
            const auto s = r.feed(*h, at, [&](const dtls::reassembled_message& m) {
                CHECK(m.body.size() <= 512);
                for (std::size_t p = 0; p < m.body.size(); ++p) CHECK(input[m.origin.offset(p)] == m.body[p]);
            });
            if (!s) CHECK(s.err().offset < input.size());
            CHECK(r.buffered_bytes() <= 4096);
        }
    }
}

TEST_CASE("dtls parsers: every byte string up to 3 bytes, and random bytes, parse or fail inside their input") {
    std::vector<std::vector<std::uint8_t>> inputs;
    for (int a = 0; a < 256; ++a) {
        inputs.push_back({static_cast<std::uint8_t>(a)});
        for (int b = 0; b < 256; b += 17) inputs.push_back({static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b), 0});
    }
    std::mt19937 rng(6347);
    for (int i = 0; i < 2000; ++i) {
        std::vector<std::uint8_t> b(rng() % 64);
        for (auto& x : b) x = static_cast<std::uint8_t>(rng());
        if (!b.empty() && (i & 1)) b[0] = static_cast<std::uint8_t>(0x20 | (b[0] & 0x1f));
        inputs.push_back(b);
    }
    std::size_t violations = 0;
    for (const auto& in : inputs) {
        const bytes_view v(in.data(), in.size());
        for (const auto& verdict :
             {testing::check_parse<dtls::plaintext>(v, {}), testing::check_parse<dtls::handshake>(v, {}),
              testing::check_parse<dtls::hello_verify_request>(v, {}), testing::check_parse<dtls::client_hello>(v, {}),
              testing::check_parse<dtls::ack>(v, {}), testing::check_parse<dtls::ciphertext13>(v, {})})
            if (verdict) ++violations;
    }
    CHECK(violations == 0);
}

}  // namespace tests_dtls_reassembler
