// The DTLS connection decoder's refusals, each with its errc, field and
// exact absolute offset, on our OpenSSL DTLS 1.2 captures (vectors/dtls/)
// with bytes altered or datagrams added; and what lenient mode lets through.
//
// Layout of dtlsconn_dtls12_openssl_aes128gcm_keylog.json used below
// (offsets in the datagrams laid end to end): datagram 0 (c2s, 0..152) the
// first ClientHello (record header 0..12, handshake header 13..24, body
// 25..); 1 (s2c, 153..200) the HelloVerifyRequest; 2 (c2s, 201..373) the
// second ClientHello; 3 (s2c, 374..) the ServerHello record and, at 460,
// the Certificate's first fragment; 4 (s2c, 646..) its second fragment;
// 8 (c2s, 1718..) ClientKeyExchange, ChangeCipherSpec at 1776, Finished
// (epoch 1) at 1790.
#include <doctest/doctest.h>

#include <string>

#include "connection_support.hpp"

namespace tests_dtls_connection_errors {

using namespace tlswire;
using test_support::dtls::seen;

namespace {

test_support::dtls::datagrams gcm() {
    return test_support::dtls::load_datagrams(
        test_support::load_json(test_support::vectors_dir() / "dtls" / "dtlsconn_dtls12_openssl_aes128gcm_keylog.json"));
}

// rebuilt(d, edit) — the same datagrams after edit(bytes of each, index).
template <class Edit>
test_support::dtls::datagrams rebuilt(const test_support::dtls::datagrams& d, Edit edit) {
    test_support::dtls::datagrams out;
    for (std::size_t i = 0; i < d.list.size(); ++i) {
        std::vector<std::uint8_t> b(d.list[i].bytes.begin(), d.list[i].bytes.end());
        edit(b, i, out);
        if (!b.empty()) out.add(d.list[i].dir, b);
    }
    return out;
}

error refusal(const test_support::dtls::datagrams& d, strictness mode = strictness::strict) {
    std::vector<seen> events;
    tlswire::dtls::decoder_options o;
    o.mode = mode;
    const auto r = test_support::dtls::decode_all(d, events, o);
    REQUIRE_FALSE(r);
    return r.err();
}

bool accepted(const test_support::dtls::datagrams& d, strictness mode) {
    std::vector<seen> events;
    tlswire::dtls::decoder_options o;
    o.mode = mode;
    return bool(test_support::dtls::decode_all(d, events, o));
}

void check(const error& e, errc code, std::size_t offset, std::string_view where) {
    CHECK(to_string(e.code) == to_string(code));
    CHECK(e.offset == offset);
    CHECK(std::string(e.where) == std::string(where));
}

}  // namespace

TEST_CASE("dtls connection errors: the unaltered capture decodes (what each case below changes is the only fault)") {
    CHECK(accepted(gcm(), strictness::strict));
}

TEST_CASE("dtls connection errors: a truncated record — truncated at its length field, which overruns the datagram") {
    const auto d = rebuilt(gcm(), [](auto& b, std::size_t i, auto&) {
        if (i == 0) b.pop_back();
    });
    // As everywhere in the codec, a length that overruns its input is reported at the length field.
    check(refusal(d), errc::truncated, 11, "fragment");
    check(refusal(d, strictness::lenient), errc::truncated, 11, "fragment");
}

TEST_CASE("dtls connection errors: a fragment_length past its record — truncated at fragment_length") {
    const auto d = rebuilt(gcm(), [](auto& b, std::size_t i, auto&) {
        if (i == 0) ++b[24];  // the first ClientHello's fragment_length, 128 -> 129
    });
    check(refusal(d), errc::truncated, 13 + 9, "fragment");
}

TEST_CASE("dtls connection errors: fragments of one message whose length fields disagree") {
    const auto d = rebuilt(gcm(), [](auto& b, std::size_t i, auto&) {
        if (i == 4) ++b[13 + 3];  // the Certificate's second fragment: length's low byte
    });
    check(refusal(d), errc::illegal_value, 646 + 13 + 1, "length");
}

TEST_CASE("dtls connection errors: a retransmitted fragment overlapping held bytes with other bytes") {
    // dtls12_openssl_retransmission_mtu300.json: the server's second copy of
    // the Certificate, fragment_offset 0 length 247 in the record at 1532,
    // overlaps bytes 0..160 held from the first copy.
    auto base = test_support::dtls::load_datagrams(
        test_support::load_json(test_support::vectors_dir() / "dtls" / "dtls12_openssl_retransmission_mtu300.json"));
    std::size_t which = 0;
    for (std::size_t i = 0; i < base.list.size(); ++i)
        if (base.list[i].offset == 1532) which = i;
    REQUIRE(which != 0);
    const auto d = rebuilt(base, [&](auto& b, std::size_t i, auto&) {
        if (i == which) b[13 + 12 + 10] ^= 0xff;  // body byte 10
    });
    check(refusal(d), errc::illegal_value, 1532 + 13 + 12 + 10, "fragment");
    check(refusal(d, strictness::lenient), errc::illegal_value, 1532 + 13 + 12 + 10, "fragment");
    // Unaltered, the overlap agrees and its new bytes (161..246) are held: a fragment event.
    std::vector<seen> events;
    REQUIRE(test_support::dtls::decode_all(base, events));
    bool found = false;
    for (const auto& e : events)
        if (e.record_offset == 1532) found = e.kind == tlswire::dtls::event_kind::fragment;
    CHECK(found);
}

TEST_CASE("dtls connection errors: a record of an epoch its sender has not reached — strict refuses, lenient reports it encrypted") {
    // The first ClientHello's record in epoch 1 (no ChangeCipherSpec yet).
    const auto early = rebuilt(gcm(), [](auto& b, std::size_t i, auto&) {
        if (i == 0) b[4] = 1;
    });
    check(refusal(early), errc::unexpected_message, 3, "epoch");
    // A record of epoch 5 from the server after everything: lenient reports it, unopened.
    auto later = gcm();
    const std::size_t at = later.bytes.size();
    std::vector<std::uint8_t> g{0x17, 0xfe, 0xfd, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};
    g.resize(g.size() + 16, 0xaa);
    later.add(direction::s2c, g);
    check(refusal(later), errc::unexpected_message, at + 3, "epoch");
    std::vector<seen> events;
    tlswire::dtls::decoder_options o;
    o.mode = strictness::lenient;
    REQUIRE(test_support::dtls::decode_all(later, events, o));
    CHECK(events.back().kind == tlswire::dtls::event_kind::encrypted);
    CHECK(events.back().epoch == 5);
    CHECK(events.back().record_offset == at);
    // The client's Finished in epoch 2: one ChangeCipherSpec only.
    const auto late = rebuilt(gcm(), [](auto& b, std::size_t i, auto&) {
        if (i == 8) b[1790 - 1718 + 4] = 2;
    });
    check(refusal(late), errc::unexpected_message, 1790 + 3, "epoch");
}

TEST_CASE("dtls connection errors: a message_seq the window of 16 does not reach; one inside it never completing") {
    const auto beyond = rebuilt(gcm(), [](auto& b, std::size_t i, auto&) {
        if (i == 0) b[13 + 5] = 16;  // the first ClientHello's message_seq: 0 -> 16
    });
    check(refusal(beyond), errc::unexpected_message, 13 + 4, "message_seq");
    check(refusal(beyond, strictness::lenient), errc::unexpected_message, 13 + 4, "message_seq");
    // 15 is inside the window: held; nothing before it ever comes, so every
    // client message waits, and the end finds them incomplete.
    const auto inside = rebuilt(gcm(), [](auto& b, std::size_t i, auto&) {
        if (i == 0) b[13 + 5] = 15;
    });
    check(refusal(inside), errc::truncated, 13 + 1, "length");
    // A wider window takes 16 too (and fails only at the end).
    std::vector<seen> events;
    tlswire::dtls::decoder_options wide;
    wide.message_seq_window = 17;
    const auto r = test_support::dtls::decode_all(beyond, events, wide);
    REQUIRE_FALSE(r);
    check(r.err(), errc::truncated, 13 + 1, "length");
}

TEST_CASE("dtls connection errors: a new plaintext handshake message after the sender's ChangeCipherSpec") {
    // An empty Finished (message_seq 4) in an epoch-0 record, after the client's flight.
    const std::vector<std::uint8_t> extra{0x16, 0xfe, 0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x63, 0x00, 0x0c,
                                          0x14, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    auto d = gcm();
    const std::size_t at = d.bytes.size();
    d.add(direction::c2s, extra);
    check(refusal(d), errc::unexpected_message, at + 13, "Handshake");
}

TEST_CASE("dtls connection errors: a second ClientHello that does not echo the HelloVerifyRequest's cookie (RFC 6347 §4.2.1)") {
    const auto base = gcm();
    const std::size_t session_id = base.list[2].bytes[25 + 34];
    const std::size_t cookie_at = 25 + 2 + 32 + 1 + session_id;  // the cookie's length byte, in datagram 2
    const auto d = rebuilt(base, [&](auto& b, std::size_t i, auto&) {
        if (i == 2) b[cookie_at + 1] ^= 0x01;
    });
    check(refusal(d), errc::illegal_value, 201 + cookie_at, "cookie");
    CHECK(accepted(d, strictness::lenient));
}

TEST_CASE("dtls connection errors: a DTLS 1.3 unified header where DTLS 1.3 was not offered") {
    auto d = gcm();
    const std::size_t at = d.bytes.size();
    std::vector<std::uint8_t> g{0x2e, 0x00, 0x00, 0x00, 0x10};
    g.resize(g.size() + 16, 0xaa);
    d.add(direction::c2s, g);
    check(refusal(d), errc::unexpected_message, at, "unified_hdr");
}

TEST_CASE("dtls connection errors: a ChangeCipherSpec before the ServerHello") {
    test_support::dtls::datagrams d;
    d.add(direction::c2s, {0x14, 0xfe, 0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01});
    check(refusal(d), errc::unexpected_message, 0, "type");
}

TEST_CASE("dtls connection errors: the pre-RFC OpenSSL version 0x0100 — refused strictly, read as DTLS 1.0 leniently") {
    // dtls10_openssl_cookie_mtu300.json with every record's version and the
    // ServerHello's server_version set to 0x0100 (OpenSSL's DTLS1_BAD_VER).
    const auto base = test_support::dtls::load_datagrams(
        test_support::load_json(test_support::vectors_dir() / "dtls" / "dtls10_openssl_cookie_mtu300.json"));
    const auto d = rebuilt(base, [](auto& b, std::size_t, auto&) {
        REQUIRE(tlswire::dtls::for_each_record<tlswire::dtls::ciphertext>(
            bytes_view(b.data(), b.size()), 0, {}, [&](const tlswire::dtls::ciphertext& rec, std::size_t at) {
                b[at + 1] = 0x01;
                b[at + 2] = 0x00;
                if (rec.type == content_type::handshake && rec.epoch == 0 && rec.fragment[0] == 2 && rec.fragment[8] == 0) {
                    b[at + 25] = 0x01;  // server_version
                    b[at + 26] = 0x00;
                }
            }));
    });
    check(refusal(d), errc::illegal_value, 1, "version");
    tlswire::dtls::decoder_options o;
    o.mode = strictness::lenient;
    tlswire::dtls::connection_decoder dec(o);
    std::size_t messages = 0;
    REQUIRE(dec.decode(d.list, [&](const tlswire::dtls::event& ev) {
        if (ev.kind == tlswire::dtls::event_kind::handshake) ++messages;
    }));
    CHECK(dec.ctx().version == 0xfeff);
    CHECK(messages == 3 + 6);
}

TEST_CASE("dtls connection errors: a duplicated datagram is reported as duplicate records, not an error") {
    const auto d = rebuilt(gcm(), [](auto& b, std::size_t i, auto& out) {
        if (i == 1) out.add(direction::s2c, b);  // the HelloVerifyRequest twice
    });
    tlswire::dtls::connection_decoder dec;
    std::size_t duplicates = 0, hvr = 0;
    REQUIRE(dec.decode(d.list, [&](const tlswire::dtls::event& ev) {
        if (ev.kind == tlswire::dtls::event_kind::duplicate_record) ++duplicates;
        if (ev.kind == tlswire::dtls::event_kind::handshake && ev.msg_type == handshake_type::hello_verify_request) ++hvr;
    }));
    CHECK(duplicates == 1);
    CHECK(hvr == 1);
    CHECK(dec.stats(direction::s2c).duplicate_records == 1);
}

}  // namespace tests_dtls_connection_errors
