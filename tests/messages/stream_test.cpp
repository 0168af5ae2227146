// tests/messages/stream_test.cpp — messages/stream.hpp: one side's records
// through record protection and the reassembler to typed messages; the
// record-layer rules (RFC 8446 §5.1) and absolute offsets through reassembly.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/records.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_messages_stream {

using namespace tlswire;
using test_support::handshake_hex;
using test_support::record_hex;
using test_support::records_hex;
using test_support::rfc8448_message;
using test_support::unhex;

namespace {

struct decoded {
    std::vector<event_kind> kinds;
    std::vector<std::size_t> message_offsets;
    result<void> res;
};

decoded decode(const std::string& stream_hex, stream_options o = {}, context initial = {}) {
    const auto bytes = unhex(stream_hex);
    decoded d;
    stream_decoder dec(o, initial);
    d.res = dec.decode(bytes, [&](const stream_event& ev) {
        d.kinds.push_back(ev.kind);
        if (ev.kind == event_kind::handshake) d.message_offsets.push_back(ev.message_offset);
    });
    return d;
}

// A TLS 1.2 ClientHello offering TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, no extensions.
const std::string random_hex(64, '7');
const std::string tls12_client_hello = handshake_hex(1, "0303" + random_hex + "00" "0002c02f" "0100");

constexpr event_kind hs = event_kind::handshake;
constexpr event_kind ccs = event_kind::change_cipher_spec;
constexpr event_kind enc = event_kind::encrypted;

}  // namespace

TEST_CASE("stream: a message reassembled from many records reports errors at their absolute offset") {
    // legacy_compression_methods<1..2^8-1> empty: the error is at its length byte,
    // message byte 4+2+32+1+4 = 43. In 10-byte records (15 bytes each with the
    // header) that byte is byte 3 of the fifth record's fragment: 4*15+5+3 = 68.
    const std::string bad = handshake_hex(1, "0303" + random_hex + "00" "0002c02f" "00");
    const auto whole = decode(record_hex(22, bad));
    REQUIRE_FALSE(whole.res);
    CHECK(whole.res.err().offset == 5 + 43);
    const auto split = decode(records_hex(bad, 10));
    REQUIRE_FALSE(split.res);
    CHECK(split.res.err().code == whole.res.err().code);
    CHECK(split.res.err().where == whole.res.err().where);
    CHECK(split.res.err().offset == 68);
}

TEST_CASE("stream: a reassembled message's offset is where its first byte is") {
    // Two messages in 7-byte records: the second starts in the middle of a record.
    const std::string two = tls12_client_hello + tls12_client_hello;
    const auto d = decode(records_hex(two, 7));
    REQUIRE(d.res);
    REQUIRE(d.message_offsets.size() == 2);
    const std::size_t first_len = tls12_client_hello.size() / 2;  // 45: 6 records and 3 bytes
    REQUIRE(first_len % 7 != 0);
    CHECK(d.message_offsets[0] == 5);
    CHECK(d.message_offsets[1] == (first_len / 7) * 12 + 5 + first_len % 7);
}

TEST_CASE("stream: message_too_large points at the message's length field, also when the header is split") {
    stream_options o;
    o.max_message_size = 100;
    const auto d = decode(record_hex(22, "010003e8" "00"), o);
    REQUIRE_FALSE(d.res);
    CHECK(d.res.err().code == errc::message_too_large);
    CHECK(d.res.err().offset == 6);
    CHECK(d.res.err().where == "length");
    // msg_type in one record, the length in the next (whose fragment starts at 6 + 5).
    const auto split = decode(record_hex(22, "01") + record_hex(22, "0003e8"), o);
    REQUIRE_FALSE(split.res);
    CHECK(split.res.err().code == errc::message_too_large);
    CHECK(split.res.err().offset == 11);
}

TEST_CASE("stream: no other record between the fragments of a handshake message (RFC 8446 §5.1)") {
    const std::string part1 = tls12_client_hello.substr(0, 20), part2 = tls12_client_hello.substr(20);
    const std::string alert = record_hex(21, "0100");
    const auto d = decode(record_hex(22, part1) + alert + record_hex(22, part2));
    REQUIRE_FALSE(d.res);
    CHECK(d.res.err().code == errc::unexpected_message);
    CHECK(d.res.err().offset == 5 + 10);  // the alert record's type byte
    CHECK(d.res.err().where == "type");
    // The same alert after the whole message is fine.
    CHECK(decode(record_hex(22, part1) + record_hex(22, part2) + alert).res);
}

TEST_CASE("stream: a message begun and not ended is truncated at its length field") {
    const auto d = decode(record_hex(22, tls12_client_hello.substr(0, 30)));
    REQUIRE_FALSE(d.res);
    CHECK(d.res.err().code == errc::truncated);
    CHECK(d.res.err().offset == 6);
    CHECK(d.res.err().where == "length");
}

TEST_CASE("stream: after a TLS 1.3 ServerHello a plaintext handshake record is refused (RFC 8446 §5)") {
    const std::string sh = rfc8448_message("simple_1rtt", "server_hello");
    const std::string ee = rfc8448_message("simple_1rtt", "encrypted_extensions");
    REQUIRE(!sh.empty());
    REQUIRE(!ee.empty());
    // As the server sends it: the ServerHello, the compatibility CCS, then protected records.
    const auto ok = decode(record_hex(22, sh) + record_hex(20, "01") + record_hex(23, std::string(60, 'a')));
    REQUIRE(ok.res);
    CHECK(ok.kinds == std::vector<event_kind>{hs, ccs, enc});
    // The EncryptedExtensions in a plaintext record: not a legitimate message.
    const auto plain = decode(record_hex(22, sh) + record_hex(22, ee));
    REQUIRE_FALSE(plain.res);
    CHECK(plain.res.err().code == errc::unexpected_message);
    CHECK(plain.res.err().offset == 5 + sh.size() / 2);
    // In the ServerHello's own record: a message spanning the key change (RFC 8446 §5.1).
    const auto same = decode(record_hex(22, sh + ee));
    REQUIRE_FALSE(same.res);
    CHECK(same.res.err().code == errc::unexpected_message);
    CHECK(same.res.err().offset == 5 + sh.size() / 2);
}

TEST_CASE("stream: a TLS 1.2 side's records after its ChangeCipherSpec are all protected, a CCS too") {
    // The client of an abbreviated handshake, then a renegotiation: its
    // Finished, its next ClientHello, and the renegotiation's 25-byte CCS.
    context c;
    c.version = 0x0303;
    c.cipher_suite = 0xc02f;
    const auto d = decode(record_hex(22, tls12_client_hello) + record_hex(20, "01") + record_hex(22, std::string(80, 'b')) +
                              record_hex(22, std::string(200, 'c')) + record_hex(20, std::string(50, 'd')),
                          {}, c);
    REQUIRE_MESSAGE(d.res, to_string(d.res.err().code) << " at " << d.res.err().offset);
    CHECK(d.kinds == std::vector<event_kind>{hs, ccs, enc, enc, enc});
}

TEST_CASE("stream: one client alone after CCS — a second ClientHello (HelloRetryRequest flow) or protected data") {
    const std::string ch1 = rfc8448_message("hello_retry_request", "client_hello", 0);
    const std::string ch2 = rfc8448_message("hello_retry_request", "client_hello", 1);
    REQUIRE(!ch2.empty());
    // RFC 8446 §D.4: the compatibility CCS, then the second ClientHello in plaintext.
    const auto hrr = decode(record_hex(22, ch1) + record_hex(20, "01") + record_hex(22, ch2));
    REQUIRE_MESSAGE(hrr.res, to_string(hrr.res.err().code) << " at " << hrr.res.err().offset);
    CHECK(hrr.kinds == std::vector<event_kind>{hs, ccs, hs});
    // A TLS 1.2 resumption: the CCS, then the protected Finished (of handshake type).
    const auto resumed = decode(record_hex(22, ch1) + record_hex(20, "01") + record_hex(22, std::string(80, 'e')));
    REQUIRE(resumed.res);
    CHECK(resumed.kinds == std::vector<event_kind>{hs, ccs, enc});
}

TEST_CASE("stream: a ChangeCipherSpec or protected record before any hello is unexpected") {
    for (const std::string& first : {record_hex(20, "01"), record_hex(23, std::string(40, 'f'))}) {
        const auto d = decode(first + record_hex(22, tls12_client_hello));
        REQUIRE_FALSE(d.res);
        CHECK(d.res.err().code == errc::unexpected_message);
        CHECK(d.res.err().offset == 0);
    }
}

TEST_CASE("stream: record limits are those of the record's protection") {
    // 2^14 + 1 bytes: too long for plaintext, fine once protected (TLS 1.2: 2^14 + 2048).
    context c;
    c.version = 0x0303;
    const std::string big(2 * ((1u << 14) + 1), 'a');
    const auto protected_ok = decode(record_hex(22, tls12_client_hello) + record_hex(20, "01") + record_hex(22, big), {}, c);
    CHECK(protected_ok.res);
    const auto plain = decode(record_hex(22, tls12_client_hello) + record_hex(21, big), {}, c);
    REQUIRE_FALSE(plain.res);
    CHECK(plain.res.err().code == errc::length_out_of_range);
    CHECK(plain.res.err().where == "length");
}

TEST_CASE("stream: bare handshake messages, and parse_messages = false frames without parsing") {
    const std::string sh = rfc8448_message("simple_1rtt", "server_hello");
    const std::string ee = rfc8448_message("simple_1rtt", "encrypted_extensions");
    stream_options o;
    o.input = framing::handshake_messages;
    const auto d = decode(sh + ee, o);
    REQUIRE(d.res);
    CHECK(d.message_offsets == std::vector<std::size_t>{0, sh.size() / 2});
    // A body the version cannot read: refused when parsed, framed when not.
    const std::string odd = handshake_hex(16, "00");  // client_key_exchange without a known suite
    CHECK_FALSE(decode(tls12_client_hello + odd, o).res);
    o.parse_messages = false;
    CHECK(decode(tls12_client_hello + odd, o).res);
}

TEST_CASE("stream: looks_like_records tells records from bare messages") {
    CHECK(looks_like_records(unhex(record_hex(22, tls12_client_hello))));
    CHECK_FALSE(looks_like_records(unhex(tls12_client_hello)));
    CHECK_FALSE(looks_like_records(unhex("16")));
}

TEST_CASE("stream: heartbeat records (RFC 6520) are decoded, with their own strict rules") {
    // heartbeat_request, payload_length 3, payload "abc", 16 bytes of padding.
    const std::string request = "01" "0003" "616263" + std::string(32, '0');
    const auto d = decode(record_hex(22, tls12_client_hello) + record_hex(24, request));
    REQUIRE(d.res);
    CHECK(d.kinds == std::vector<event_kind>{hs, event_kind::heartbeat});
    // A payload_length beyond the record (Heartbleed): refused at the length, never read.
    const std::size_t at = 5 + tls12_client_hello.size() / 2;
    const auto bleed = decode(record_hex(22, tls12_client_hello) + record_hex(24, "01" "4000" "61"));
    REQUIRE_FALSE(bleed.res);
    CHECK(bleed.res.err().code == errc::length_out_of_range);
    CHECK(bleed.res.err().offset == at + 5 + 1);
    CHECK(bleed.res.err().where == "payload_length");
    // Too little padding: strict refuses, lenient reads it.
    const std::string short_padding = record_hex(22, tls12_client_hello) + record_hex(24, "02" "0001" "61" "0000");
    CHECK_FALSE(decode(short_padding).res);
    stream_options lenient;
    lenient.mode = strictness::lenient;
    CHECK(decode(short_padding, lenient).res);
}

}  // namespace tests_messages_stream
