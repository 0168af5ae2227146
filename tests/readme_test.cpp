// The README's usage examples, compiled and checked. Keep the code between
// the README's readme-example markers identical to the blocks below.
#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/hex.hpp"
#include "support/rfc8448_connection.hpp"
#include "support/vectors.hpp"
#include "tlswire/testing/properties.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_readme {

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

TEST_CASE("README example: fingerprint") {
    const auto trace = test_support::load_json(test_support::vectors_dir() / "rfc8448" / "simple_1rtt.json");
    const std::vector<std::uint8_t> rfc8448_ch = test_support::unhex(trace["messages"][0]["hex"].get<std::string>());
    REQUIRE(rfc8448_ch.size() == 196);
    // --- begin readme-example:fingerprint
    // JA3 and JA4 of RFC 8448 §3's ClientHello (its 196 bytes in `rfc8448_ch`).
    auto hello = tlswire::parse_handshake(rfc8448_ch);
    const auto& ch = std::get<tlswire::client_hello>(*hello);
    auto fp4 = tlswire::ja4(ch, tlswire::ja4_transport::tcp);  // "t13d030900_55b375c5d22e_59cd3dafc54d"
    auto fp3 = tlswire::ja3(ch);                                // "da4dea34fe6d4ce5f0725df3f2682fa0"
    std::string raw;                                            // ja4_r, whole, into any callable
    tlswire::write_ja4_r(ch, tlswire::ja4_transport::tcp, [&](std::string_view s) { raw += s; });
    // --- end readme-example:fingerprint
    CHECK(fp4 == "t13d030900_55b375c5d22e_59cd3dafc54d");
    CHECK(fp3 == "da4dea34fe6d4ce5f0725df3f2682fa0");
    CHECK(raw == tlswire::ja4_r(ch, tlswire::ja4_transport::tcp).view());
    CHECK(raw.starts_with("t13d030900_1301,1302,1303_000a,"));
}

TEST_CASE("README example: decrypt") {
    const auto connection = test_support::load_rfc8448_connection("simple_1rtt.json");
    const auto& c2s = connection.c2s;
    const auto& s2c = connection.s2c;
    const std::string& keylog_text = connection.keylog;
    // --- begin readme-example:decrypt
    // RFC 8448 §3's two directions (`c2s`, `s2c`) and a key log of its secrets (`keylog_text`).
    using backend = tlswire::crypto::reference::backend;  // or crypto::openssl::backend
    tlswire::decryption::connection_keys<backend> keys(keylog_text);
    tlswire::decryption::connection_decoder<backend> dec;
    dec.use_keys(keys);
    int decrypted = 0;
    auto r = dec.decode(c2s, s2c, [&](const tlswire::connection_event& ev) {
        // ev.decrypted(), ev.epoch: a message from a protected record, parsed as
        // strictly as a plaintext one, its offsets pointing into that record.
        if (ev.decrypted() && ev.kind == tlswire::event_kind::handshake) ++decrypted;
    });
    // r succeeds; decrypted == 6: the server's EncryptedExtensions to NewSessionTicket, the client's Finished.
    // --- end readme-example:decrypt
    CHECK(r.has_value());
    CHECK(decrypted == 6);
}

// Every readme-example block in README.md appears verbatim in this file.
TEST_CASE("README example: properties") {
    const auto trace = test_support::load_json(test_support::vectors_dir() / "rfc8448" / "simple_1rtt.json");
    const std::vector<std::uint8_t> input = test_support::unhex(trace["messages"][0]["hex"].get<std::string>());
    // --- begin readme-example:properties
    // In a fuzz target: every property for one input (a handshake message here).
    tlswire::context ctx;  // a target may pick it from the input's first byte
    if (auto broken = tlswire::testing::check_handshake(input, ctx))
        std::abort();      // broken->property: "round_trip", "reparse", "lenient", ...
    // --- end readme-example:properties
    // A message cut short is refused inside its bytes: no property breaks.
    const std::vector<std::uint8_t> cut(input.begin(), input.begin() + 100);
    CHECK_FALSE(tlswire::testing::check_handshake(cut, ctx).has_value());
}

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
    CHECK(blocks >= 5);
}

}  // namespace tests_readme
