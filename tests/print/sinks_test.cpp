// tests/print/sinks_test.cpp — the JSON and text sinks on their own.
#include <doctest/doctest.h>

#include <algorithm>

#include <array>
#include <cstdint>
#include <string>

#include "tlswire/print.hpp"

namespace tests_print_sinks {

using tlswire::print::json_sink;
using tlswire::print::sink;
using tlswire::print::text_sink;

namespace {

// One event stream, rendered by either sink.
void sample(sink& s) {
    static constexpr std::array<std::uint8_t, 3> bytes{0x00, 0xab, 0xff};
    s.begin_object();
    s.key("type");
    s.string("client_hello");
    s.key("length");
    s.number(192);
    s.key("hex");
    s.hex(bytes);
    s.key("list");
    s.begin_array();
    s.string("a");
    s.number(7);
    s.begin_object();
    s.key("x");
    s.boolean(true);
    s.key("y");
    s.null();
    s.end_object();
    s.end_array();
    s.key("empty_list");
    s.begin_array();
    s.end_array();
    s.key("empty_object");
    s.begin_object();
    s.end_object();
    s.end_object();
}

}  // namespace

TEST_CASE("json_sink: one line per top-level value, RFC 8259 syntax") {
    json_sink s;
    sample(s);
    CHECK(s.str() ==
          "{\"type\": \"client_hello\", \"length\": 192, \"hex\": \"00abff\", \"list\": [\"a\", 7, {\"x\": true, "
          "\"y\": null}], \"empty_list\": [], \"empty_object\": {}}\n");
    sample(s);
    const std::string two = s.take();
    CHECK(two.size() > 0);
    CHECK(s.str().empty());
    // Two complete values, two lines.
    CHECK(std::count(two.begin(), two.end(), '\n') == 2);
}

TEST_CASE("json_sink: string escaping (RFC 8259 §7)") {
    json_sink s;
    s.string(std::string("q\"b\\n\nr\rt\tc\x01" "d\x7f" "\xc3\xa9", 16));
    CHECK(s.str() == "\"q\\\"b\\\\n\\nr\\rt\\tc\\u0001d\\u007f\xc3\xa9\"\n");
    json_sink k;
    k.begin_object();
    k.key("a\"b");
    k.number(0);
    k.end_object();
    CHECK(k.str() == "{\"a\\\"b\": 0}\n");
}

TEST_CASE("json_sink: scalars at top level and nested arrays") {
    json_sink s;
    s.number(18446744073709551615ull);
    s.boolean(false);
    s.begin_array();
    s.begin_array();
    s.end_array();
    s.begin_array();
    s.number(1);
    s.end_array();
    s.end_array();
    CHECK(s.str() == "18446744073709551615\nfalse\n[[], [1]]\n");
}

TEST_CASE("text_sink: an indented tree with list items, empty containers and a blank line per value") {
    text_sink s;
    sample(s);
    CHECK(s.str() ==
          "- type: client_hello\n"
          "  length: 192\n"
          "  hex: 00abff\n"
          "  list:\n"
          "    - a\n"
          "    - 7\n"
          "    - x: true\n"
          "      y: null\n"
          "  empty_list: []\n"
          "  empty_object: {}\n"
          "\n");
}

TEST_CASE("text_sink: long bytes are shortened, printable ones shown as text, empty ones named") {
    std::array<std::uint8_t, 40> big{};
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i);
    const std::string host = "example.test";
    text_sink s(8);
    s.begin_object();
    s.key("big");
    s.hex(big);
    s.key("host");
    s.hex(tlswire::bytes_view(reinterpret_cast<const std::uint8_t*>(host.data()), host.size()));
    s.key("none");
    s.hex({});
    s.end_object();
    CHECK(s.str() ==
          "- big: 0001020304050607... (40 bytes)\n"
          "  host: 6578616d706c652e... (12 bytes)\n"
          "  none: (empty)\n\n");

    text_sink whole(0);  // 0: never shorten
    whole.begin_object();
    whole.key("host");
    whole.hex(tlswire::bytes_view(reinterpret_cast<const std::uint8_t*>(host.data()), host.size()));
    whole.end_object();
    CHECK(whole.str() == "- host: 6578616d706c652e74657374  \"example.test\"\n\n");
}

TEST_CASE("text_sink: lists of lists and objects in objects") {
    text_sink s;
    s.begin_object();
    s.key("outer");
    s.begin_object();
    s.key("inner");
    s.begin_array();
    s.begin_array();
    s.number(1);
    s.end_array();
    s.end_array();
    s.end_object();
    s.end_object();
    CHECK(s.str() ==
          "- outer:\n"
          "    inner:\n"
          "      -\n"
          "        - 1\n"
          "\n");
}

TEST_CASE("to_hex") {
    static constexpr std::array<std::uint8_t, 4> b{0xde, 0xad, 0x00, 0x0f};
    CHECK(tlswire::print::to_hex(b) == "dead000f");
    CHECK(tlswire::print::to_hex({}).empty());
}

}  // namespace tests_print_sinks
