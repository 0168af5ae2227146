// Generic properties over every real handshake message in vectors/:
//  - parse, then serialize, gives the input byte for byte;
//  - every proper prefix of a body (with the header's length adjusted) is
//    rejected — or, where the prefix is itself a valid message (a hello
//    without its optional extensions), it re-serializes to exactly those bytes;
//  - every length field moved by ±1 is rejected — or re-serializes to the
//    modified bytes. The length fields are found from the descriptions
//    themselves (the writer records where it puts each prefix).
#include <doctest/doctest.h>

#include "../support/corpus.hpp"
#include "../support/length_mutations.hpp"

namespace tests_messages_properties {

using namespace tlswire;
using test_support::hex;

namespace {

// Parse `bytes`; if it parses, it must serialize back to exactly `bytes`.
// Returns whether it parsed.
bool parses_consistently(const std::vector<std::uint8_t>& bytes, const context& ctx) {
    const auto m = parse_handshake(bytes, ctx);
    if (!m) return false;
    std::vector<std::uint8_t> out;
    REQUIRE(serialize_handshake(*m, out, ctx));
    CHECK(hex(out) == hex(bytes));
    return true;
}

std::vector<std::uint8_t> with_body_length(std::vector<std::uint8_t> msg, std::size_t n) {
    msg.resize(4 + n);
    msg[1] = static_cast<std::uint8_t>(n >> 16);
    msg[2] = static_cast<std::uint8_t>(n >> 8);
    msg[3] = static_cast<std::uint8_t>(n);
    return msg;
}

}  // namespace

TEST_CASE("every vector message: byte-exact round trip, prefixes rejected, lengths ±1 rejected") {
    const auto corpus = test_support::load_message_corpus();
    REQUIRE(corpus.size() >= 100);
    std::size_t prefixes = 0, prefixes_accepted = 0, mutations = 0, mutations_accepted = 0;
    for (const auto& m : corpus) {
        CAPTURE(m.origin);
        const auto parsed = parse_handshake(m.bytes, m.ctx);
        REQUIRE_MESSAGE(parsed, to_string(parsed.err().code) << " at " << parsed.err().offset);

        // Round trip, recording every length prefix the description writes.
        std::vector<std::uint8_t> out;
        std::vector<prefix_span> lengths;
        writer w(out);
        w.record_prefixes(&lengths);
        write_handshake(w, *parsed, m.ctx);
        REQUIRE(w.ok());
        CHECK(hex(out) == hex(m.bytes));
        REQUIRE_FALSE(lengths.empty());

        // Every proper prefix of the body.
        const std::size_t body = m.bytes.size() - 4;
        for (std::size_t n = 0; n < body; ++n) {
            ++prefixes;
            if (parses_consistently(with_body_length(m.bytes, n), m.ctx)) ++prefixes_accepted;
        }
        // Every length field ±1 (the handshake header's own length included).
        test_support::for_each_length_mutation(m.bytes, lengths, [&](const std::vector<std::uint8_t>& mutated) {
            ++mutations;
            if (parses_consistently(mutated, m.ctx)) ++mutations_accepted;
        });
    }
    MESSAGE("messages: " << corpus.size() << ", prefixes: " << prefixes << " (" << prefixes_accepted
                         << " valid on their own), length mutations: " << mutations << " (" << mutations_accepted
                         << " still valid)");
    // A prefix is valid on its own only where a hello ends before its optional
    // extensions (one per TLS 1.2 hello at most).
    CHECK(prefixes_accepted <= corpus.size());
    CHECK(mutations > 500);
}

}  // namespace tests_messages_properties
