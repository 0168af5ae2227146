// Every handshake message of every RFC 8448 trace: parse with the trace's
// context, re-serialize, compare byte for byte.
#include <doctest/doctest.h>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_vectors_messages_rfc8448 {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

namespace {
context trace_context(const nlohmann::json& trace) {
    context ctx;
    ctx.version = 0x0304;
    cipher_suite cs{};
    REQUIRE(from_string(trace.at("cipher_suite").get<std::string>(), cs));
    ctx.cipher_suite = static_cast<std::uint16_t>(cs);
    return ctx;
}
}  // namespace

TEST_CASE("RFC 8448: every handshake message parses and re-serializes byte for byte") {
    const auto files = test_support::vector_files("rfc8448");
    REQUIRE(files.size() >= 5);
    int messages = 0;
    for (const auto& file : files) {
        const auto trace = test_support::load_json(file);
        const context ctx = trace_context(trace);
        for (const auto& m : trace.at("messages")) {
            const auto bytes = unhex(m.at("hex").get<std::string>());
            const std::string name = m.at("name").get<std::string>();
            CAPTURE(file.filename().string());
            CAPTURE(name);
            context c = ctx;
            c.sender = m.at("dir") == "c2s" ? role::client : role::server;
            const auto parsed = parse_handshake(bytes, c);
            if (!parsed) {
                FAIL_CHECK("parse failed: " << to_string(parsed.err().code) << " at " << parsed.err().offset << " in "
                                            << parsed.err().where);
                continue;
            }
            CHECK(name_of(*parsed) == name);
            std::vector<std::uint8_t> out;
            const auto written = serialize_handshake(*parsed, out, c);
            REQUIRE(written);
            CHECK(hex(out) == hex(bytes));
            ++messages;
        }
    }
    CHECK(messages >= 30);
}

}  // namespace tests_vectors_messages_rfc8448
