// The DTLS handshake header and its fragments (RFC 6347 §4.2.2, §4.2.3):
// hand-built fragments, the fragment_offset + fragment_length <= length rule
// ±1, truncation at every prefix with its offset, several fragments in one
// record, the generic properties, and typed bodies (dtls/message.hpp).
#include <doctest/doctest.h>

#include "dtls_support.hpp"

namespace tests_dtls_handshake {

using namespace tlswire;
using test_support::hex;
using test_support::dtls::fragment;

namespace {

std::size_t truncation_offset(std::size_t n) {
    if (n < 1) return 0;   // msg_type
    if (n < 4) return 1;   // length
    if (n < 6) return 4;   // message_seq
    if (n < 9) return 6;   // fragment_offset
    return 9;              // fragment_length (cut, or longer than what is left)
}

result<dtls::handshake> parse_fragment(const std::vector<std::uint8_t>& f, const context& ctx = {}) {
    return parse<dtls::handshake>(bytes_view(f.data(), f.size()), ctx);
}

}  // namespace

TEST_CASE("dtls handshake: a hand-built fragment's fields, round trip and generic properties") {
    // The middle of a 10-byte Certificate: bytes 3..6, message_seq 2.
    const auto f = fragment(11, 10, 2, 3, {0xc0, 0xc1, 0xc2, 0xc3});
    const auto h = parse_fragment(f);
    REQUIRE(h);
    CHECK(h->msg_type == handshake_type::certificate);
    CHECK(h->length == 10);
    CHECK(h->message_seq == 2);
    CHECK(h->fragment_offset == 3);
    CHECK(h->fragment_length() == 4);
    CHECK_FALSE(h->unfragmented());
    const auto c = test_support::dtls::check_properties<dtls::handshake>(f);
    CHECK(c.prefixes == f.size());
    CHECK(c.prefixes_accepted == 0);
    CHECK(c.mutations == 2);  // fragment_length ±1
    CHECK(c.mutations_accepted == 0);

    const auto whole = fragment(1, 3, 0, 0, {7, 8, 9});
    REQUIRE(parse_fragment(whole));
    CHECK(parse_fragment(whole)->unfragmented());
    test_support::dtls::check_properties<dtls::handshake>(whole);
}

TEST_CASE("dtls handshake: fragment_offset + fragment_length <= length, ±1, strict and lenient") {
    context lenient;
    lenient.mode = strictness::lenient;
    CHECK(parse_fragment(fragment(11, 10, 2, 6, {1, 2, 3, 4})));          // ends at 10 = length
    CHECK(parse_fragment(fragment(11, 10, 2, 10, {})));                   // empty, at the end
    CHECK(parse_fragment(fragment(11, 0xffffff, 0, 0xffffff, {})));       // uint24 limits
    for (const auto& bad : {fragment(11, 10, 2, 7, {1, 2, 3, 4}), fragment(11, 10, 2, 11, {}),
                            fragment(11, 0, 0, 0, {1}), fragment(11, 3, 0, 0xffffff, {1})}) {
        for (const context& ctx : {context{}, lenient}) {
            const auto h = parse_fragment(bad, ctx);
            REQUIRE_FALSE(h);
            CHECK(h.err().code == errc::length_out_of_range);
            CHECK(h.err().offset == 9);
            CHECK(h.err().where == "fragment_length");
        }
    }
    // A writer builds what it is given (malformed on purpose allowed) but not a uint24 overflow.
    dtls::handshake h;
    h.msg_type = handshake_type::finished;
    h.length = 0x1000000;
    std::vector<std::uint8_t> out;
    const auto w = serialize(h, out);
    REQUIRE_FALSE(w);
    CHECK(w.err().code == errc::length_overflow);
    CHECK(w.err().offset == 1);
}

TEST_CASE("dtls handshake: truncation at every prefix names the field and its offset") {
    const auto f = fragment(2, 5, 1, 0, {1, 2, 3, 4, 5});
    for (std::size_t n = 0; n < f.size(); ++n) {
        CAPTURE(n);
        const auto h = parse<dtls::handshake>(bytes_view(f.data(), n));
        REQUIRE_FALSE(h);
        CHECK(h.err().code == errc::truncated);
        CHECK(h.err().offset == truncation_offset(n));
    }
}

TEST_CASE("dtls handshake: several fragments in one record, offsets absolute") {
    auto rec = fragment(2, 2, 1, 0, {0xaa, 0xbb});
    const auto b = fragment(14, 0, 2, 0, {});
    rec.insert(rec.end(), b.begin(), b.end());
    std::vector<std::size_t> at;
    std::vector<std::uint16_t> seqs;
    CHECK(dtls::for_each_fragment(bytes_view(rec.data(), rec.size()), 113, {},
                                  [&](const dtls::handshake& h, std::size_t o) {
                                      at.push_back(o);
                                      seqs.push_back(h.message_seq);
                                  }));
    CHECK(at == std::vector<std::size_t>{113, 127});
    CHECK(seqs == std::vector<std::uint16_t>{1, 2});
    rec.pop_back();
    const auto cut = dtls::for_each_fragment(bytes_view(rec.data(), rec.size()), 113, {},
                                             [](const dtls::handshake&, std::size_t) {});
    REQUIRE_FALSE(cut);
    CHECK(cut.err().code == errc::truncated);
    CHECK(cut.err().offset == 113 + 14 + 9);
}

TEST_CASE("dtls message: typed bodies — DTLS forms by their own descriptions, others by TLS's; errors absolute") {
    // HelloVerifyRequest: server_version {254,255}, cookie of 3 bytes.
    const std::vector<std::uint8_t> hvr{0xfe, 0xff, 0x03, 0x01, 0x02, 0x03};
    context ctx;
    ctx.version = 0xfefd;
    const auto m = dtls::parse_body(handshake_type::hello_verify_request, bytes_view(hvr.data(), hvr.size()), 500, ctx);
    REQUIRE(m);
    REQUIRE(std::holds_alternative<dtls::hello_verify_request>(*m));
    CHECK(std::get<dtls::hello_verify_request>(*m).cookie.size() == 3);
    CHECK(dtls::msg_type_of(*m) == handshake_type::hello_verify_request);
    std::vector<std::uint8_t> out;
    writer w(out);
    dtls::write_body(w, *m, ctx);
    CHECK(out == hvr);

    // Finished (12 bytes of verify_data in TLS 1.2, which DTLS 1.2 is built on).
    const std::vector<std::uint8_t> fin(12, 0x5a);
    const auto f = dtls::parse_body(handshake_type::finished, bytes_view(fin.data(), fin.size()), 0, ctx);
    REQUIRE(f);
    CHECK(dtls::msg_type_of(*f) == handshake_type::finished);
    // ServerHelloDone with a body byte: trailing data at its absolute offset.
    const std::vector<std::uint8_t> shd{0};
    const auto bad = dtls::parse_body(handshake_type::server_hello_done, bytes_view(shd.data(), shd.size()), 77, ctx);
    REQUIRE_FALSE(bad);
    CHECK(bad.err().code == errc::trailing_data);
    CHECK(bad.err().offset == 77);
    CHECK(dtls::tls_context(ctx).version == 0x0303);
}

}  // namespace tests_dtls_handshake
