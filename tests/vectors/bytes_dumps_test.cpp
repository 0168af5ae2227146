// The byte dumps in vectors/bytes (The Illustrated TLS 1.2 / 1.3 / QUIC
// connections, rustls' deframer test data): every record stream decodes with
// the connection decoder, every bare or decrypted handshake message parses
// with the file's context and re-serializes byte for byte, and the invalid
// records are rejected.
#include <doctest/doctest.h>

#include <list>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_vectors_bytes_dumps {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

namespace {

context file_context(const nlohmann::json& doc) {
    context ctx;
    const auto& c = doc.at("context");
    protocol_version v{};
    if (c.contains("version") && from_string(c["version"].get<std::string>(), v))
        ctx.version = static_cast<std::uint16_t>(v);
    cipher_suite cs{};
    if (c.contains("cipher_suite") && from_string(c["cipher_suite"].get<std::string>(), cs))
        ctx.cipher_suite = static_cast<std::uint16_t>(cs);
    return ctx;
}

// Parse the handshake messages in `bytes` (one after another) with `ctx`; each
// must re-serialize to its bytes. Returns how many there were.
int messages_round_trip(bytes_view bytes, const context& ctx) {
    int n = 0;
    while (!bytes.empty()) {
        REQUIRE(bytes.size() >= 4);
        const std::size_t len = (std::size_t{bytes[1]} << 16) | (std::size_t{bytes[2]} << 8) | bytes[3];
        REQUIRE(bytes.size() >= 4 + len);
        const bytes_view one = bytes.first(4 + len);
        const auto m = parse_handshake(one, ctx);
        REQUIRE_MESSAGE(m, to_string(m.err().code) << " at " << m.err().offset << " in " << m.err().where);
        std::vector<std::uint8_t> out;
        REQUIRE(serialize_handshake(*m, out, ctx));
        CHECK(hex(out) == hex(one));
        bytes = bytes.subspan(4 + len);
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("byte dumps: record streams, bare and decrypted messages, invalid records") {
    int streams = 0, messages = 0, invalid = 0;
    for (const auto& file : test_support::vector_files("bytes")) {
        const auto doc = test_support::load_json(file);
        const context ctx = file_context(doc);
        std::vector<std::uint8_t> c2s, s2c;
        for (const auto& e : doc.at("entries")) {
            CAPTURE(file.filename().string());
            CAPTURE(e.at("name").get<std::string>());
            const std::string content = e.at("content");
            const auto bytes = unhex(e.at("hex").get<std::string>());
            if (content == "records") {
                auto& stream = e.at("dir") == "s2c" ? s2c : c2s;
                stream.insert(stream.end(), bytes.begin(), bytes.end());
            } else if (content == "handshake_messages") {
                context c = ctx;
                // A bare ServerHello tells its own version; read it as the client would, before knowing.
                if (!bytes.empty() && bytes[0] == 2 && doc.at("context").value("version", "") != "tls13") c.version = 0;
                messages += messages_round_trip(bytes, c);
            } else if (content == "tls13_inner_plaintext") {
                // RFC 8446 §5.2: content, then the real content type, then zero padding.
                std::size_t end = bytes.size();
                while (end > 0 && bytes[end - 1] == 0) --end;
                REQUIRE(end > 0);
                if (bytes[end - 1] == static_cast<std::uint8_t>(content_type::handshake))
                    messages += messages_round_trip(bytes_view(bytes).first(end - 1), ctx);
            } else if (content == "invalid_records") {
                connection_decoder dec;
                CHECK_FALSE(dec.decode(bytes, {}, [](const connection_event&) {}));
                ++invalid;
            }
        }
        if (c2s.empty() && s2c.empty()) continue;
        CAPTURE(file.filename().string());
        connection_decoder dec;
        int events = 0;
        const auto res = dec.decode(c2s, s2c, [&](const connection_event& ev) {
            ++events;
            if (ev.kind != event_kind::handshake) return;
            std::vector<std::uint8_t> out;
            REQUIRE(serialize_handshake(ev.handshake, out, ev.ctx));
            CHECK(hex(out) == hex(ev.message));
            ++messages;
        });
        CHECK_MESSAGE(res, to_string(res.err().code) << " at " << res.err().offset << " in " << res.err().where);
        CHECK(events > 0);
        ++streams;
    }
    MESSAGE("byte dumps: " << streams << " record streams, " << messages << " messages, " << invalid
                           << " invalid records rejected");
    CHECK(streams >= 3);
    CHECK(messages >= 25);
    CHECK(invalid == 4);
}

}  // namespace tests_vectors_bytes_dumps
