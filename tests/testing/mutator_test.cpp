// tlswire/testing/mutator.hpp: structure-aware mutations of every vector
// message keep most messages parseable (where byte mutations break them),
// reach the RFC's length bounds and the other rules, never outgrow the
// buffer, and keep every property of testing/properties.hpp; crossover
// splices an extension of one message into another's block.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <random>

#include "../support/corpus.hpp"
#include "tlswire/testing/mutator.hpp"

namespace tests_testing_mutator {

using namespace tlswire;

namespace {

// A byte mutator of our own (libFuzzer's is not linked here): one byte
// changed, inserted or erased.
std::mt19937 byte_rng(0x627974);
std::size_t bytes_only(std::uint8_t* data, std::size_t size, std::size_t max_size) {
    if (size == 0) return 0;
    const std::size_t at = byte_rng() % size;
    switch (byte_rng() % 3) {
        case 0: data[at] = static_cast<std::uint8_t>(byte_rng()); return size;
        case 1:
            if (size >= max_size) return size;
            std::memmove(data + at + 1, data + at, size - at);
            data[at] = static_cast<std::uint8_t>(byte_rng());
            return size + 1;
        default: std::memmove(data + at, data + at + 1, size - at - 1); return size - 1;
    }
}

bool parses(const std::vector<std::uint8_t>& in, strictness mode, errc* code = nullptr) {
    if (in.size() < 2) return false;
    context ctx = testing::context_of(in[0]);
    ctx.mode = mode;
    const auto m = parse_handshake(bytes_view(in).subspan(1), ctx);
    if (!m && code != nullptr) *code = m.err().code;
    return m.has_value();
}

}  // namespace

TEST_CASE("mutator: structured mutations of every vector message") {
    const auto corpus = test_support::load_message_corpus();
    REQUIRE(corpus.size() >= 100);
    std::size_t runs = 0, changed = 0, lenient_ok = 0, strict_ok = 0, byte_ok = 0;
    std::map<errc, std::size_t> refusals;
    unsigned seed = 1;
    std::size_t messages = 0;
    for (const auto& m : corpus) {
        const auto sel = testing::selector_for(m.ctx);
        if (!sel) continue;
        std::vector<std::uint8_t> input{*sel};
        input.insert(input.end(), m.bytes.begin(), m.bytes.end());
        if (!parses(input, strictness::strict)) continue;  // a context the byte cannot say (e.g. a sender)
        ++messages;
        for (int i = 0; i < 24; ++i, ++runs) {
            const std::size_t max_size = input.size() + 600;
            std::vector<std::uint8_t> buf = input;
            buf.resize(max_size);
            const std::size_t n = testing::mutate_handshake(buf.data(), input.size(), max_size, seed++, bytes_only);
            REQUIRE(n <= max_size);
            buf.resize(n);
            if (buf != input) ++changed;
            if (parses(buf, strictness::lenient)) ++lenient_ok;
            errc code = errc::ok;
            if (parses(buf, strictness::strict, &code)) ++strict_ok;
            else ++refusals[code];
            // Whatever the mutation made, every property holds on it.
            if (buf.size() >= 1) {
                const auto v = testing::check_handshake(bytes_view(buf).subspan(1), testing::context_of(buf[0]));
                INFO(m.origin << " mutation " << i << ": " << (v ? v->property : "none"));
                CHECK_FALSE(v.has_value());
            }
            // The same number of byte mutations, for comparison.
            std::vector<std::uint8_t> b = input;
            b.resize(input.size() + 1);
            b.resize(bytes_only(b.data(), input.size(), b.size()));
            if (parses(b, strictness::lenient)) ++byte_ok;
        }
    }
    CHECK(messages > corpus.size() * 3 / 4);
    MESSAGE("mutator: " << messages << " of " << corpus.size() << " messages, " << runs << " mutations, " << changed << " changed, " << lenient_ok << " parse leniently, "
                        << strict_ok << " strictly; byte mutations: " << byte_ok << " parse leniently");
    for (const auto& [code, count] : refusals) MESSAGE("  strict refusal " << to_string(code) << ": " << count);
    CHECK(changed > runs * 8 / 10);
    CHECK(lenient_ok > runs / 2);
    CHECK(lenient_ok > byte_ok);
    // The mutations reach the rules: lengths out of their bounds, values the
    // RFCs forbid, duplicated and misplaced extensions.
    CHECK(refusals[errc::length_out_of_range] > 0);
    CHECK(refusals[errc::illegal_value] > 0);
    CHECK(refusals[errc::duplicate_extension] > 0);
}

TEST_CASE("mutator: crossover splices one extension of the second message into the first's block") {
    const auto corpus = test_support::load_message_corpus();
    std::vector<std::vector<std::uint8_t>> hellos;
    for (const auto& m : corpus) {
        const auto parsed = parse_handshake(m.bytes, m.ctx);
        const auto sel = testing::selector_for(m.ctx);
        if (parsed && sel && std::holds_alternative<client_hello>(*parsed)) {
            std::vector<std::uint8_t> in{*sel};
            in.insert(in.end(), m.bytes.begin(), m.bytes.end());
            hellos.push_back(in);
        }
    }
    REQUIRE(hellos.size() >= 10);
    std::size_t spliced = 0;
    for (std::size_t i = 0; i + 1 < hellos.size(); ++i) {
        const auto& a = hellos[i];
        const auto& b = hellos[i + 1];
        std::vector<std::uint8_t> out(a.size() + b.size());
        const std::size_t n = testing::crossover_handshake(a.data(), a.size(), b.data(), b.size(), out.data(),
                                                           out.size(), static_cast<unsigned>(i + 1));
        REQUIRE(n > 0);
        out.resize(n);
        context lenient = testing::context_of(out[0]);
        lenient.mode = strictness::lenient;
        const auto host = parse_handshake(bytes_view(a).subspan(1), lenient);
        const auto got = parse_handshake(bytes_view(out).subspan(1), lenient);
        REQUIRE(got.has_value());
        CHECK(std::get<client_hello>(*got).extensions.size() == std::get<client_hello>(*host).extensions.size() + 1);
        ++spliced;
    }
    CHECK(spliced + 1 == hellos.size());
}

}  // namespace tests_testing_mutator
