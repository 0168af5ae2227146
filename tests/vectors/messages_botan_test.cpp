// Botan's message decoding vectors (vectors/botan/tls*.json, bodies without
// the 4-byte handshake header): tlswire must accept what Botan accepts and
// reject what it rejects, and round-trip what it accepts. Where tlswire is
// stricter or more lenient than Botan on purpose, the case is listed below
// with the RFC text that decides it.
#include <doctest/doctest.h>

#include <list>
#include <map>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_vectors_messages_botan {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

namespace {

const std::map<std::string, handshake_type> handshake_structures = {
    {"client_hello", handshake_type::client_hello},
    {"server_hello", handshake_type::server_hello},
    {"certificate_status", handshake_type::certificate_status},
    {"certificate_verify", handshake_type::certificate_verify},
    {"hello_request", handshake_type::hello_request},
    {"new_session_ticket", handshake_type::new_session_ticket},
};

context context_for(const nlohmann::json& file_ctx, const nlohmann::json& c) {
    context ctx;
    const std::string structure = file_ctx.at("structure");
    const std::string message_type = c.contains("botan") ? c["botan"].value("message_type", "") : "";
    if (structure == "client_hello") {
        ctx.version = 0;  // a server reads a ClientHello before any version is chosen
    } else if (structure == "server_hello") {
        // Botan's HelloRetryRequest cases are TLS 1.3 (the only version that has one).
        ctx.version = message_type == "server_hello_13" || message_type == "hello_retry_request" ? 0x0304 : 0x0303;
    } else {
        ctx.version = 0x0303;
    }
    return ctx;
}

}  // namespace

TEST_CASE("Botan message vectors: the same verdicts, and byte-exact round trips") {
    std::list<std::vector<std::uint8_t>> keep;  // parsed messages borrow their input
    int valid = 0, rejected = 0;
    for (const auto& file : test_support::vector_files("botan")) {
        const auto doc = test_support::load_json(file);
        const auto& file_ctx = doc.at("context");
        const std::string structure = file_ctx.at("structure");
        for (const auto& c : doc.at("cases")) {
            CAPTURE(file.filename().string());
            CAPTURE(c.value("comment", ""));
            const auto body = unhex(c.at("hex").get<std::string>());
            const bool expect_valid = c.at("expect") == "valid";
            if (structure == "alert") {
                const auto a = parse<alert>(body);
                CHECK(a.has_value() == expect_valid);
                (expect_valid ? valid : rejected)++;
                continue;
            }
            const auto it = handshake_structures.find(structure);
            if (it == handshake_structures.end()) continue;  // extensions: tests/extensions/
            auto& msg = keep.emplace_back();
            msg.push_back(static_cast<std::uint8_t>(it->second));
            msg.push_back(static_cast<std::uint8_t>(body.size() >> 16));
            msg.push_back(static_cast<std::uint8_t>(body.size() >> 8));
            msg.push_back(static_cast<std::uint8_t>(body.size()));
            msg.insert(msg.end(), body.begin(), body.end());
            const context ctx = context_for(file_ctx, c);
            const auto m = parse_handshake(msg, ctx);
            if (expect_valid) {
                REQUIRE_MESSAGE(m, to_string(m.err().code) << " at " << m.err().offset << " in " << m.err().where);
                std::vector<std::uint8_t> out;
                REQUIRE(serialize_handshake(*m, out, ctx));
                CHECK(hex(out) == hex(msg));
                ++valid;
            } else {
                CHECK_MESSAGE(!m, "accepted what Botan rejects");
                ++rejected;
            }
        }
    }
    MESSAGE("Botan message cases: " << valid << " valid, " << rejected << " rejected");
    CHECK(valid >= 15);
    CHECK(rejected >= 25);
}

}  // namespace tests_vectors_messages_botan
