// tests/dtls/dtls_support.hpp — what the DTLS tests share: the generic
// properties over one described structure (round trip, every prefix, every
// length field ±1, tlswire::testing::check_parse), run time only.
#pragma once

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/length_mutations.hpp"
#include "tlswire/dtls.hpp"
#include "tlswire/testing/properties.hpp"

namespace test_support::dtls {

// property_counts — how many variants each property check tried and how many
// of them a parse accepted (each accepted one re-serialized to its bytes).
struct property_counts {
    std::size_t prefixes = 0, prefixes_accepted = 0, mutations = 0, mutations_accepted = 0;
};

// accepted_consistently<T> — parse `in`; when it parses, it must serialize to
// exactly `in`, and check_parse must find no violation either way.
template <class T>
bool accepted_consistently(const std::vector<std::uint8_t>& in, const tlswire::context& ctx) {
    const tlswire::bytes_view b(in.data(), in.size());
    const auto v = tlswire::testing::check_parse<T>(b, ctx);
    CHECK_MESSAGE(!v, (v ? std::string(v->property) : std::string()) << " at " << (v ? v->offset : 0));
    const auto p = tlswire::parse<T>(b, ctx);
    if (!p) {
        CHECK(p.err().offset <= in.size());
        return false;
    }
    std::vector<std::uint8_t> out;
    REQUIRE(tlswire::serialize(*p, out, ctx, tlswire::bounds::unchecked));
    CHECK(hex(out) == hex(b));
    return true;
}

// check_properties<T>(bytes, ctx) — `bytes` is one valid T: it parses and
// round-trips byte for byte, encoded_size agrees, check_parse holds, every
// proper prefix is refused (errc::truncated, its offset inside the input),
// and every length field the description writes, moved by ±1, is refused or
// round-trips.
template <class T>
property_counts check_properties(const std::vector<std::uint8_t>& bytes, const tlswire::context& ctx = {}) {
    using namespace tlswire;
    property_counts c;
    const auto parsed = parse<T>(bytes_view(bytes.data(), bytes.size()), ctx);
    REQUIRE_MESSAGE(parsed, to_string(parsed.err().code) << " at " << parsed.err().offset << " in "
                                                         << std::string(parsed.err().where));
    std::vector<std::uint8_t> out;
    std::vector<prefix_span> lengths;
    writer w(out);
    w.record_prefixes(&lengths);
    described_format::write(w, *parsed, T::wire_name, ctx);
    REQUIRE(w.ok());
    CHECK(hex(out) == hex(bytes_view(bytes.data(), bytes.size())));
    CHECK(encoded_size(*parsed, ctx).value() == bytes.size());
    CHECK_FALSE(testing::check_parse<T>(bytes_view(bytes.data(), bytes.size()), ctx));

    for (std::size_t n = 0; n < bytes.size(); ++n) {
        ++c.prefixes;
        const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
        const auto p = parse<T>(bytes_view(cut.data(), cut.size()), ctx);
        if (p) {
            ++c.prefixes_accepted;
            CHECK(accepted_consistently<T>(cut, ctx));
        } else {
            CHECK(p.err().offset <= n);
            accepted_consistently<T>(cut, ctx);
        }
    }
    test_support::for_each_length_mutation(bytes, lengths, [&](const std::vector<std::uint8_t>& m) {
        ++c.mutations;
        if (accepted_consistently<T>(m, ctx)) ++c.mutations_accepted;
    });
    return c;
}

// record(type, version, epoch, seq, fragment) — a DTLS record's bytes, by hand.
inline std::vector<std::uint8_t> record(std::uint8_t type, std::uint16_t version, std::uint16_t epoch,
                                        std::uint64_t seq, const std::vector<std::uint8_t>& fragment) {
    std::vector<std::uint8_t> r{type, static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version),
                                static_cast<std::uint8_t>(epoch >> 8), static_cast<std::uint8_t>(epoch)};
    for (int i = 5; i >= 0; --i) r.push_back(static_cast<std::uint8_t>(seq >> (8 * i)));
    r.push_back(static_cast<std::uint8_t>(fragment.size() >> 8));
    r.push_back(static_cast<std::uint8_t>(fragment.size()));
    r.insert(r.end(), fragment.begin(), fragment.end());
    return r;
}

// fragment(type, length, seq, offset, body) — a DTLS handshake fragment's
// bytes, by hand (fragment_length = body.size()).
inline std::vector<std::uint8_t> fragment(std::uint8_t type, std::uint32_t length, std::uint16_t seq,
                                          std::uint32_t offset, const std::vector<std::uint8_t>& body) {
    const auto u24 = [](std::vector<std::uint8_t>& v, std::size_t x) {
        v.push_back(static_cast<std::uint8_t>(x >> 16));
        v.push_back(static_cast<std::uint8_t>(x >> 8));
        v.push_back(static_cast<std::uint8_t>(x));
    };
    std::vector<std::uint8_t> f{type};
    u24(f, length);
    f.push_back(static_cast<std::uint8_t>(seq >> 8));
    f.push_back(static_cast<std::uint8_t>(seq));
    u24(f, offset);
    u24(f, body.size());
    f.insert(f.end(), body.begin(), body.end());
    return f;
}

}  // namespace test_support::dtls
