// tests/messages/heartbeat_test.cpp — HeartbeatMessage (RFC 6520 §4).
#include <string>

#include "messages_support.hpp"
#include "tlswire/print.hpp"

namespace tests_messages_heartbeat {

using namespace messages_test;

namespace {

const context strict{};
const context loose = lenient(context{});
const std::string padding16(32, 'e');

// heartbeat(h, ctx) — parse a HeartbeatMessage from hex (kept alive).
result<heartbeat_message> heartbeat(std::string_view h, const context& ctx) {
    const auto& bytes = inputs().emplace_back(unhex(h));
    return parse<heartbeat_message>(bytes, ctx);
}

void check_round_trip(std::string_view h, const context& ctx) {
    const auto m = heartbeat(h, ctx);
    REQUIRE_MESSAGE(m, to_string(m.err().code) << " at " << m.err().offset << " in " << m.err().where);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(*m, out, ctx));
    CHECK(hex(out) == hex(unhex(h)));
}

void check_error(std::string_view h, const context& ctx, errc code, std::size_t offset, std::string_view where) {
    const auto m = heartbeat(h, ctx);
    REQUIRE_FALSE(m);
    CHECK(to_string(m.err().code) == to_string(code));
    CHECK(m.err().offset == offset);
    CHECK(m.err().where == where);
}

}  // namespace

TEST_CASE("can_round_trip_heartbeat_request_and_response (RFC 6520 §4)") {
    const std::string request = "01" "0005" "68656c6c6f" + padding16;
    const auto m = heartbeat(request, strict);
    REQUIRE(m);
    CHECK(m->type == heartbeat_message_type::heartbeat_request);
    CHECK(hex(m->payload) == "68656c6c6f");
    CHECK(m->padding.size() == 16);
    check_round_trip(request, strict);
    // The response echoes the payload; its padding is its own (random, not checked).
    check_round_trip("02" "0005" "68656c6c6f" + std::string(40, '9'), strict);
    // An empty payload.
    check_round_trip("01" "0000" + padding16, strict);
    // Built from values.
    const auto payload = unhex("abcd");
    const auto padding = unhex(padding16);
    const heartbeat_message built{heartbeat_message_type::heartbeat_response, payload, padding};
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(built, out));
    CHECK(hex(out) == "020002abcd" + padding16);
}

TEST_CASE("rejects_heartbleed: a payload_length past the fragment, in every mode (RFC 6520 §4, CVE-2014-0160)") {
    for (const context& c : {strict, loose}) {
        // The classic request: payload_length 0x4000 with one byte of payload.
        check_error("01" "4000" "41", c, errc::length_out_of_range, 1, "payload_length");
        check_error("01" "ffff", c, errc::length_out_of_range, 1, "payload_length");
        // One byte more than the fragment holds, padding included.
        check_error("01" "0016" + std::string(42, 'a'), c, errc::length_out_of_range, 1, "payload_length");
        // Too short to hold payload_length at all.
        check_error("01" "00", c, errc::truncated, 1, "payload_length");
        check_error("", c, errc::truncated, 0, "type");
    }
}

TEST_CASE("rejects_heartbeat_padding_under_16_strictly, accepts_it_leniently (RFC 6520 §4)") {
    const std::string short_padding = "01" "0002" "abcd" + std::string(30, 'e');  // 15 bytes
    check_error(short_padding, strict, errc::length_out_of_range, 5, "padding");
    check_round_trip(short_padding, loose);
    // The payload may fill the fragment in lenient mode: no padding at all.
    check_round_trip("01" "0002" "abcd", loose);
    check_error("01" "0002" "abcd", strict, errc::length_out_of_range, 5, "padding");
}

TEST_CASE("rejects_unknown_heartbeat_types_strictly, accepts_them_leniently (RFC 6520 §3)") {
    const std::string odd = "03" "0001" "aa" + padding16;
    check_error(odd, strict, errc::illegal_value, 0, "type");
    check_round_trip(odd, loose);
    check_error("00" "0001" "aa" + padding16, strict, errc::illegal_value, 0, "type");
}

TEST_CASE("rejects_heartbeat_over_2^14_strictly (RFC 6520 §4)") {
    // 1 + 2 + 16365 + 16 = 2^14: the limit; one more byte of payload is over it.
    check_round_trip("01" "3fed" + std::string(2 * 16365, 'c') + padding16, strict);
    const std::string over = "01" "3fee" + std::string(2 * 16366, 'c') + padding16;
    check_error(over, strict, errc::length_out_of_range, 0, "heartbeat_message");
    check_round_trip(over, loose);
}

TEST_CASE("print_heartbeat: type, payload_length, payload, padding_length") {
    const auto bytes = unhex("01" "0002" "abcd" + padding16);
    const auto m = parse<heartbeat_message>(bytes);
    REQUIRE(m);
    print::json_sink s;
    s.begin_object();
    print::print_heartbeat(s, bytes, *m);
    s.end_object();
    CHECK(s.str() == "{\"type\": \"heartbeat\", \"length\": 21, \"hex\": \"010002abcd" + padding16 +
                         "\", \"body\": {\"type\": \"heartbeat_request\", \"payload_length\": 2, \"payload\": \"abcd\", "
                         "\"padding_length\": 16}}\n");
    // An unregistered type prints as hex.
    const auto odd = unhex("07" "0000" + padding16);
    const auto o = parse<heartbeat_message>(odd, loose);
    REQUIRE(o);
    print::json_sink t;
    t.begin_object();
    print::print_heartbeat(t, odd, *o);
    t.end_object();
    CHECK(t.str().find("\"body\": {\"type\": \"0x07\"") != std::string::npos);
}

}  // namespace tests_messages_heartbeat
