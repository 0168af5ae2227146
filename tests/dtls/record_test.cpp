// DTLSPlaintext / DTLSCiphertext (RFC 6347 §4.1): hand-built records, every
// bound ±1, truncation at every prefix with its offset, versions strict and
// lenient, the records of one datagram, and constexpr round trips.
#include <doctest/doctest.h>

#include <array>

#include "dtls_support.hpp"

namespace tests_dtls_record {

using namespace tlswire;
using test_support::hex;
using test_support::dtls::record;

namespace {

constexpr context lenient_ctx() {
    context c;
    c.mode = strictness::lenient;
    return c;
}

// A DTLS 1.2 handshake record (epoch 0, sequence 0x0102030405) holding the
// 12-byte header of an empty ServerHelloDone (RFC 6347 §4.2.2), by hand.
constexpr std::array<std::uint8_t, 25> shd_record{
    0x16, 0xfe, 0xfd,                    // type handshake(22), version {254, 253}
    0x00, 0x00,                          // epoch 0
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05,  // sequence_number (uint48)
    0x00, 0x0c,                          // length 12
    0x0e, 0x00, 0x00, 0x00,              // msg_type server_hello_done(14), length 0
    0x00, 0x04,                          // message_seq 4
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00};  // fragment_offset 0, fragment_length 0

// Parse, then serialize into a fixed buffer, inside constant evaluation.
template <class T, std::size_t N>
constexpr bool round_trips(const std::array<std::uint8_t, N>& in) {
    const auto p = parse<T>(bytes_view(in.data(), in.size()));
    if (!p) return false;
    std::array<std::uint8_t, N> out{};
    const auto n = serialize(*p, std::span<std::uint8_t>(out));
    return n && *n == N && out == in;
}

constexpr bool constexpr_record_fields() {
    const auto p = parse<dtls::plaintext>(bytes_view(shd_record.data(), shd_record.size()));
    return p && p->type == content_type::handshake && p->version == protocol_version::dtls12 && p->epoch == 0 &&
           p->sequence_number == 0x0102030405u && p->fragment.size() == 12;
}

constexpr bool constexpr_fragment() {
    const auto r = parse<dtls::plaintext>(bytes_view(shd_record.data(), shd_record.size()));
    if (!r) return false;
    const auto h = parse<dtls::handshake>(r->fragment);
    if (!h || h->msg_type != handshake_type::server_hello_done || h->message_seq != 4 || !h->unfragmented())
        return false;
    std::array<std::uint8_t, 12> out{};
    const auto n = serialize(*h, std::span<std::uint8_t>(out));
    return n && *n == 12 && equal_bytes(bytes_view(out), r->fragment);
}

constexpr bool constexpr_truncated_offset() {
    // Cut inside sequence_number: the error is at the field's first byte (5).
    const auto p = parse<dtls::plaintext>(bytes_view(shd_record.data(), 8));
    return !p && p.err().code == errc::truncated && p.err().offset == 5;
}

static_assert(round_trips<dtls::plaintext>(shd_record));
static_assert(constexpr_record_fields());
static_assert(constexpr_fragment());
static_assert(constexpr_truncated_offset());

// The offset a truncated record's error names: the field the cut falls in
// (a fixed field at its first byte; the fragment at its length field).
std::size_t truncation_offset(std::size_t n) {
    if (n < 1) return 0;   // type
    if (n < 3) return 1;   // version
    if (n < 5) return 3;   // epoch
    if (n < 11) return 5;  // sequence_number
    return 11;             // length (too short for its fragment, or cut itself)
}

}  // namespace

TEST_CASE("dtls record: a hand-built DTLSPlaintext parses, round-trips and has the generic properties") {
    const std::vector<std::uint8_t> bytes(shd_record.begin(), shd_record.end());
    const auto p = parse<dtls::plaintext>(bytes_view(bytes.data(), bytes.size()));
    REQUIRE(p);
    CHECK(p->sequence_number == 0x0102030405u);
    CHECK(dtls::plaintext::wire_name == "DTLSPlaintext");
    const auto c = test_support::dtls::check_properties<dtls::plaintext>(bytes);
    CHECK(c.prefixes == bytes.size());
    CHECK(c.prefixes_accepted == 0);
    CHECK(c.mutations == 2);  // the record length ±1
    CHECK(c.mutations_accepted == 0);
}

TEST_CASE("dtls record: truncation at every prefix names the field and its offset") {
    const std::vector<std::uint8_t> bytes(shd_record.begin(), shd_record.end());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CAPTURE(n);
        const auto p = parse<dtls::plaintext>(bytes_view(bytes.data(), n));
        REQUIRE_FALSE(p);
        CHECK(p.err().code == errc::truncated);
        CHECK(p.err().offset == truncation_offset(n));
    }
    // One byte too many is trailing data at the end of the record.
    auto longer = bytes;
    longer.push_back(0);
    const auto p = parse<dtls::plaintext>(bytes_view(longer.data(), longer.size()));
    REQUIRE_FALSE(p);
    CHECK(p.err().code == errc::trailing_data);
    CHECK(p.err().offset == bytes.size());
}

TEST_CASE("dtls record: the length limits ±1 (2^14 plaintext, 2^14 + 2048 ciphertext)") {
    const auto at = [](std::size_t n, std::uint8_t type = 23) {
        return record(type, 0xfefd, 1, 7, std::vector<std::uint8_t>(n, 0xab));
    };
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{16383}, std::size_t{16384}}) {
        const auto r = at(n);
        CHECK(parse<dtls::plaintext>(bytes_view(r.data(), r.size())));
    }
    const auto over = at(16385);
    const auto p = parse<dtls::plaintext>(bytes_view(over.data(), over.size()));
    REQUIRE_FALSE(p);
    CHECK(p.err().code == errc::length_out_of_range);
    CHECK(p.err().offset == 11);
    CHECK(p.err().where == "length");
    CHECK(parse<dtls::plaintext>(bytes_view(over.data(), over.size()), lenient_ctx()));
    CHECK(parse<dtls::ciphertext>(bytes_view(over.data(), over.size())));

    const auto c_max = at(16384 + 2048), c_over = at(16384 + 2049);
    CHECK(parse<dtls::ciphertext>(bytes_view(c_max.data(), c_max.size())));
    const auto q = parse<dtls::ciphertext>(bytes_view(c_over.data(), c_over.size()));
    REQUIRE_FALSE(q);
    CHECK(q.err().code == errc::length_out_of_range);
    CHECK(q.err().offset == 11);
    CHECK(dtls::ciphertext::wire_name == "DTLSCiphertext");
}

TEST_CASE("dtls record: empty handshake, alert and change_cipher_spec records are refused in strict mode") {
    for (const std::uint8_t type : {20, 21, 22}) {
        const auto r = record(type, 0xfefd, 0, 0, {});
        const auto p = parse<dtls::plaintext>(bytes_view(r.data(), r.size()));
        REQUIRE_FALSE(p);
        CHECK(p.err().code == errc::length_out_of_range);
        CHECK(p.err().offset == 11);
        CHECK(parse<dtls::plaintext>(bytes_view(r.data(), r.size()), lenient_ctx()));
        CHECK(parse<dtls::ciphertext>(bytes_view(r.data(), r.size())));  // protected: its own business
    }
    const auto app = record(23, 0xfefd, 1, 0, {});
    CHECK(parse<dtls::plaintext>(bytes_view(app.data(), app.size())));
}

TEST_CASE("dtls record: versions — DTLS 1.0 and 1.2 strict; 1.3's 0xfefc, other 0xFE.. and OpenSSL's 0x0100 lenient only") {
    for (const std::uint16_t v : {0xfeff, 0xfefd}) {
        const auto r = record(22, v, 0, 0, {1});
        CHECK(parse<dtls::plaintext>(bytes_view(r.data(), r.size())));
    }
    for (const std::uint16_t v : {0xfefc, 0xfe00, 0x0100}) {
        CAPTURE(v);
        const auto r = record(22, v, 0, 0, {1});
        const auto p = parse<dtls::plaintext>(bytes_view(r.data(), r.size()));
        REQUIRE_FALSE(p);
        CHECK(p.err().code == errc::illegal_value);
        CHECK(p.err().offset == 1);
        CHECK(p.err().where == "version");
        const auto l = parse<dtls::plaintext>(bytes_view(r.data(), r.size()), lenient_ctx());
        REQUIRE(l);
        std::vector<std::uint8_t> out;
        REQUIRE(serialize(*l, out));
        CHECK(out == r);
    }
    for (const std::uint16_t v : {0x0303, 0x0301, 0x0000, 0x0101}) {
        const auto r = record(22, v, 0, 0, {1});
        CHECK_FALSE(parse<dtls::plaintext>(bytes_view(r.data(), r.size()), lenient_ctx()));
    }
}

TEST_CASE("dtls record: the 48-bit sequence number and the 16-bit epoch at their limits") {
    const auto r = record(23, 0xfefd, 0xffff, dtls::max_sequence_number, {1, 2, 3});
    const auto p = parse<dtls::plaintext>(bytes_view(r.data(), r.size()));
    REQUIRE(p);
    CHECK(p->epoch == 0xffff);
    CHECK(p->sequence_number == 0xffffffffffffu);
    test_support::dtls::check_properties<dtls::plaintext>(r);
    // A writer refuses a sequence number that does not fit 48 bits.
    dtls::plaintext big = *p;
    big.sequence_number = dtls::max_sequence_number + 1;
    std::vector<std::uint8_t> out;
    const auto w = serialize(big, out);
    REQUIRE_FALSE(w);
    CHECK(w.err().code == errc::length_overflow);
    CHECK(w.err().offset == 5);
}

TEST_CASE("dtls record: several records in one datagram, offsets absolute; a cut record's error at its length") {
    auto datagram = record(22, 0xfefd, 0, 1, {0xaa, 0xbb});
    const auto second = record(20, 0xfefd, 0, 2, {1});
    datagram.insert(datagram.end(), second.begin(), second.end());
    std::vector<std::size_t> offsets;
    std::vector<std::uint64_t> seqs;
    const auto r = dtls::for_each_record(bytes_view(datagram.data(), datagram.size()), 1000, {},
                                         [&](const dtls::plaintext& rec, std::size_t at) {
                                             offsets.push_back(at);
                                             seqs.push_back(rec.sequence_number);
                                         });
    CHECK(r);
    CHECK(offsets == std::vector<std::size_t>{1000, 1015});
    CHECK(seqs == std::vector<std::uint64_t>{1, 2});

    datagram.pop_back();  // the second record now ends one byte short
    offsets.clear();
    const auto cut = dtls::for_each_record(bytes_view(datagram.data(), datagram.size()), 1000, {},
                                           [&](const dtls::plaintext&, std::size_t at) { offsets.push_back(at); });
    REQUIRE_FALSE(cut);
    CHECK(cut.err().code == errc::truncated);
    CHECK(cut.err().offset == 1000 + 15 + 11);
    CHECK(offsets == std::vector<std::size_t>{1000});
}

}  // namespace tests_dtls_record
