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

// Every readme-example block in README.md appears verbatim in this file.
TEST_CASE("README examples are the ones compiled here") {
    auto slurp = [](const char* path) {
        std::ifstream f(path);
        std::stringstream s;
        s << f.rdbuf();
        return s.str();
    };
    const std::string readme = slurp(TLSWIRE_SOURCE_DIR "/README.md");
    const std::string self = slurp(TLSWIRE_SOURCE_DIR "/tests/unit/readme_test.cpp");
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
    CHECK(blocks >= 1);
}
