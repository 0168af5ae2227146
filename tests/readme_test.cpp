// The README's usage examples, compiled and checked. Keep the code between
// the README's readme-example markers identical to the blocks below.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "tlswire/tlswire.hpp"

TEST_CASE("README example: wire") {
    // --- begin readme-example:wire
    // RFC 8446 §4.1.2: opaque legacy_session_id<0..32>;
    constexpr std::array<std::uint8_t, 4> input{0x03, 0xaa, 0xbb, 0xcc};
    tlswire::error err;
    tlswire::reader r(input, err);
    auto session_id = r.prefixed(1, 0, 32, "legacy_session_id");
    r.expect_end("client_hello");
    // err is empty; session_id.rest() views the three bytes inside `input`.
    // --- end readme-example:wire
    CHECK_FALSE(err);
    CHECK(session_id.rest().size() == 3);
    CHECK(session_id.rest().data() == input.data() + 1);
}

TEST_CASE("README example: parse") {
    // --- begin readme-example:parse
    // A TLS 1.3 KeyUpdate (RFC 8446 §4.6.3): msg_type 24, length 1, update_requested.
    constexpr std::array<std::uint8_t, 5> bytes{0x18, 0x00, 0x00, 0x01, 0x01};
    tlswire::context ctx;
    ctx.version = 0x0304;  // context is explicit: never guessed from lengths
    auto msg = tlswire::parse_handshake(bytes, ctx);
    // msg holds a tlswire::key_update; re-serializing gives `bytes` back.
    auto bad = tlswire::parse_handshake(std::array<std::uint8_t, 5>{0x18, 0, 0, 1, 7}, ctx);
    // bad.err(): code illegal_value, offset 4, where "request_update".
    // --- end readme-example:parse
    REQUIRE(msg);
    CHECK(std::get<tlswire::key_update>(*msg).request_update == tlswire::key_update_request::update_requested);
    std::vector<std::uint8_t> out;
    REQUIRE(tlswire::serialize_handshake(*msg, out, ctx));
    CHECK(out == std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    REQUIRE_FALSE(bad);
    CHECK(bad.err().code == tlswire::errc::illegal_value);
    CHECK(bad.err().offset == 4);
    CHECK(bad.err().where == "request_update");
}

// Every readme-example block in README.md appears verbatim in this file.
TEST_CASE("README examples are the ones compiled here") {
    auto slurp = [](const char* path) {
        std::ifstream f(path);
        std::stringstream s;
        s << f.rdbuf();
        return s.str();
    };
    const std::string readme = slurp(TLSWIRE_SOURCE_DIR "/README.md");
    const std::string self = slurp(TLSWIRE_SOURCE_DIR "/tests/readme_test.cpp");
    REQUIRE_FALSE(readme.empty());
    std::size_t pos = 0;
    int blocks = 0;
    while ((pos = readme.find("<!-- readme-example:", pos)) != std::string::npos) {
        const std::size_t code = readme.find("```cpp\n", pos);
        const std::size_t end = readme.find("```\n", code + 7);
        REQUIRE(code != std::string::npos);
        REQUIRE(end != std::string::npos);
        std::istringstream lines(readme.substr(code + 7, end - code - 7));
        for (std::string line; std::getline(lines, line);) {
            CAPTURE(line);
            CHECK(self.find(line) != std::string::npos);
        }
        ++blocks;
        pos = end;
    }
    CHECK(blocks >= 2);
}
