// Generic properties over every extension in every vector message (RFC 8448,
// the openssl/gnutls captures): each typed extension body parses with its
// description for that message, re-serializes byte for byte, rejects every
// proper prefix (or, where a prefix is itself valid, re-serializes to it), and
// rejects every one of its own length fields moved by ±1 (or re-serializes to
// the modified bytes). The length fields are the ones the description writes.
#include <doctest/doctest.h>

#include <set>

#include "../support/corpus.hpp"
#include "../support/length_mutations.hpp"
#include "../support/typed_extension.hpp"

namespace tests_extensions_properties {

using namespace tlswire;
using test_support::hex;

namespace {

struct counts {
    std::size_t extensions = 0, prefixes = 0, prefixes_valid = 0, mutations = 0, mutations_valid = 0;
    std::set<std::pair<std::uint16_t, int>> typed;  // (type, message kind) pairs seen
};

void check_extension(const extension& e, message_kind kind, const context& ctx, counts& n) {
    const auto parsed = test_support::decode_typed(e.extension_type, kind, e.extension_data, ctx);
    if (!parsed.described) return;
    n.typed.insert({static_cast<std::uint16_t>(e.extension_type), static_cast<int>(kind)});
    REQUIRE_MESSAGE(!parsed.error, to_string(parsed.error.code) << " at " << parsed.error.offset << " in "
                                                                << parsed.error.where);
    REQUIRE(parsed.written);
    CHECK(hex(parsed.reserialized) == hex(e.extension_data));
    auto consistent = [&](const std::vector<std::uint8_t>& bytes) {
        const auto m = test_support::decode_typed(e.extension_type, kind, bytes, ctx);
        if (m.error) return false;
        REQUIRE(m.written);
        CHECK(hex(m.reserialized) == hex(bytes));
        return true;
    };
    const bytes_view data = e.extension_data;
    for (std::size_t k = 0; k < data.size(); ++k) {
        ++n.prefixes;
        if (consistent(std::vector<std::uint8_t>(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(k))))
            ++n.prefixes_valid;
    }
    const std::vector<std::uint8_t> original(data.begin(), data.end());
    test_support::for_each_length_mutation(original, parsed.lengths, [&](const std::vector<std::uint8_t>& mutated) {
        ++n.mutations;
        if (consistent(mutated)) ++n.mutations_valid;
    });
}

void check_block(const extension_block& block, const context& ctx, counts& n) {
    for (const extension& e : block) {
        CAPTURE(to_string(e.extension_type));
        ++n.extensions;
        check_extension(e, block.kind, ctx, n);
    }
}

}  // namespace

TEST_CASE("every extension in every vector message: round trip, prefixes, length fields ±1") {
    const auto corpus = test_support::load_message_corpus();
    counts n;
    for (const auto& m : corpus) {
        CAPTURE(m.origin);
        const auto parsed = parse_handshake(m.bytes, m.ctx);
        REQUIRE(parsed);
        std::visit(
            [&](const auto& v) {
                using T = std::remove_cvref_t<decltype(v)>;
                if constexpr (requires { v.extensions; }) check_block(v.extensions, m.ctx, n);
                if constexpr (std::is_same_v<T, certificate_tls13>)
                    for (const certificate_entry& ce : v.certificate_list) check_block(ce.extensions, m.ctx, n);
            },
            *parsed);
    }
    MESSAGE("extensions: " << n.extensions << ", typed (type, message) pairs: " << n.typed.size() << ", prefixes: "
                           << n.prefixes << " (" << n.prefixes_valid << " valid on their own), length mutations: "
                           << n.mutations << " (" << n.mutations_valid << " still valid)");
    CHECK(n.extensions > 300);
    CHECK(n.typed.size() >= 25);
    CHECK(n.mutations > 300);
}

}  // namespace tests_extensions_properties
