// The handshake reassembler gives the same messages for every way a stream of
// handshake messages can be cut into records: every single split point, and
// 1-byte records; and it refuses a declared length over its maximum.
#include <doctest/doctest.h>

#include "../support/corpus.hpp"

namespace tests_messages_reassembler {

using namespace tlswire;
using test_support::hex;

namespace {

// feed_all — feed `stream` cut at `cuts` (sorted offsets); collect messages.
std::vector<std::string> feed_all(const std::vector<std::uint8_t>& stream, const std::vector<std::size_t>& cuts,
                                  bool& zero_copy) {
    handshake_reassembler r;
    std::vector<std::string> out;
    std::size_t from = 0;
    auto feed = [&](std::size_t to) {
        const bytes_view fragment(stream.data() + from, to - from);
        REQUIRE(r.feed(fragment, [&](bytes_view m) {
            out.push_back(hex(m));
            // A message inside one fragment is a view into it, not a copy.
            if (m.data() < fragment.data() || m.data() + m.size() > fragment.data() + fragment.size())
                zero_copy = false;
        }));
        from = to;
    };
    for (std::size_t c : cuts) feed(c);
    feed(stream.size());
    CHECK_FALSE(r.has_partial());
    return out;
}

}  // namespace

TEST_CASE("reassembler: every split of every RFC 8448 flight gives the same messages") {
    for (const auto& file : test_support::vector_files("rfc8448")) {
        const auto trace = test_support::load_json(file);
        for (const char* dir : {"c2s", "s2c"}) {
            std::vector<std::uint8_t> stream;
            std::vector<std::string> want;
            for (const auto& m : trace.at("messages")) {
                if (m.at("dir") != dir) continue;
                const auto b = test_support::unhex(m.at("hex").get<std::string>());
                stream.insert(stream.end(), b.begin(), b.end());
                want.push_back(hex(b));
            }
            CAPTURE(file.filename().string());
            CAPTURE(dir);
            bool zero_copy = true;
            CHECK(feed_all(stream, {}, zero_copy) == want);
            CHECK(zero_copy);  // one record holding every message: nothing copied
            for (std::size_t cut = 1; cut < stream.size(); ++cut) {
                bool zc = true;
                const auto got = feed_all(stream, {cut}, zc);
                if (got != want) {
                    FAIL_CHECK("split at " << cut);
                    break;
                }
            }
            std::vector<std::size_t> every_byte;
            for (std::size_t i = 1; i < stream.size(); ++i) every_byte.push_back(i);
            bool zc = true;
            CHECK(feed_all(stream, every_byte, zc) == want);
        }
    }
}

TEST_CASE("reassembler: a declared length over the maximum is refused before buffering") {
    handshake_reassembler r(1000);
    const std::uint8_t header[] = {0x0b, 0x00, 0x03, 0xe9, 0x00};  // certificate, length 1001
    int messages = 0;
    const auto res = r.feed(header, [&](bytes_view) { ++messages; });
    REQUIRE_FALSE(res);
    CHECK(res.err().code == errc::message_too_large);
    CHECK(res.err().offset == 1);
    CHECK(res.err().where == "length");
    CHECK(r.pending() == 0);
    CHECK(messages == 0);
    // Split header: the check happens once the 4 header bytes are in.
    handshake_reassembler split(1000);
    REQUIRE(split.feed(bytes_view(header, 2), [&](bytes_view) { ++messages; }));
    const auto res2 = split.feed(bytes_view(header + 2, 3), [&](bytes_view) { ++messages; });
    REQUIRE_FALSE(res2);
    CHECK(res2.err().code == errc::message_too_large);
    CHECK(messages == 0);
    // Later input is refused too.
    CHECK_FALSE(split.feed(header, [&](bytes_view) { ++messages; }));
}

TEST_CASE("reassembler: partial data is reported") {
    handshake_reassembler r;
    const std::uint8_t part[] = {0x14, 0x00, 0x00, 0x0c, 0xaa, 0xbb};
    REQUIRE(r.feed(part, [](bytes_view) { FAIL("no message is complete"); }));
    CHECK(r.has_partial());
    CHECK(r.pending() == 6);
    CHECK(hex(r.partial()) == "1400000caabb");
}

}  // namespace tests_messages_reassembler
