// The connection decoder over every capture in vectors/captures (real
// openssl and gnutls peers): every plaintext handshake message decodes and
// re-serializes byte for byte, in the order the peers reported, and the
// version and cipher suite the decoder derives agree with the peers.
#include <doctest/doctest.h>

#include <map>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_messages_connection_captures {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

namespace {
std::uint16_t version_value(const std::string& name) {
    if (name == "TLS 1.0") return 0x0301;
    if (name == "TLS 1.1") return 0x0302;
    if (name == "TLS 1.2") return 0x0303;
    if (name == "TLS 1.3") return 0x0304;
    return 0;
}
}  // namespace

TEST_CASE("connection decoder: every capture decodes in handshake order and round-trips") {
    const auto files = test_support::vector_files("captures");
    REQUIRE(files.size() >= 10);
    int connections = 0, messages = 0;
    for (const auto& file : files) {
        const auto capture = test_support::load_json(file);
        for (const auto& conn : capture.at("connections")) {
            CAPTURE(file.filename().string());
            const auto c2s = unhex(conn.at("c2s").get<std::string>());
            const auto s2c = unhex(conn.at("s2c").get<std::string>());
            const auto& expect = conn.at("expect");
            std::map<std::string, std::vector<std::string>> seen;
            std::vector<std::string> order;
            connection_decoder dec;
            const auto res = dec.decode(c2s, s2c, [&](const connection_event& ev) {
                if (ev.kind != event_kind::handshake) return;
                const std::string name(name_of(ev.handshake));
                // The peers' traces name a HelloRetryRequest by its wire type, server_hello.
                seen[std::string(to_string(ev.dir))].push_back(name == "hello_retry_request" ? "server_hello" : name);
                order.push_back(name);
                std::vector<std::uint8_t> out;
                REQUIRE(serialize_handshake(ev.handshake, out, ev.ctx));
                CHECK(hex(out) == hex(ev.message));
                ++messages;
            });
            if (!res) {
                FAIL_CHECK("decode failed in " << to_string(dec.failed_direction()) << ": "
                                               << to_string(res.err().code) << " at " << res.err().offset << " in "
                                               << res.err().where);
                continue;
            }
            ++connections;
            CHECK(dec.ctx().version == version_value(expect.at("version").get<std::string>()));
            cipher_suite cs{};
            REQUIRE(from_string(expect.at("cipher_suite").get<std::string>(), cs));
            CHECK(dec.ctx().cipher_suite == static_cast<std::uint16_t>(cs));
            // What we decoded is what the peer reported, up to where encryption began.
            for (const std::string dir : {"c2s", "s2c"}) {
                const auto reported = expect.at("handshake_types").at(dir).get<std::vector<std::string>>();
                const auto& got = seen[dir];
                CAPTURE(dir);
                REQUIRE(got.size() >= 1);
                REQUIRE(got.size() <= reported.size());
                for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == reported[i]);
            }
            CHECK(order.front() == "client_hello");
        }
    }
    CHECK(connections >= 20);
    CHECK(messages >= 60);
}

TEST_CASE("connection decoder: an SSL 2.0-compatible ClientHello opens the client's stream (RFC 5246 E.2)") {
    // V2ClientHello offering TLS 1.0 with TLS_RSA_WITH_3DES_EDE_CBC_SHA, then the server's
    // ServerHello (TLS 1.0, that suite, no extensions) in a record.
    const auto c2s = unhex("801c" "01" "0301" "0003" "0000" "0010" "00000a" "000102030405060708090a0b0c0d0e0f");
    const auto s2c = unhex("160301002a" "02000026" "0301" + std::string(64, '5') + "00" "000a" "00");
    std::vector<event_kind> kinds;
    connection_decoder dec;
    const auto res = dec.decode(c2s, s2c, [&](const connection_event& ev) {
        kinds.push_back(ev.kind);
        if (ev.kind == event_kind::sslv2_client_hello) CHECK(ev.sslv2.cipher_specs.contains(0x00000au));
    });
    REQUIRE_MESSAGE(res, to_string(res.err().code) << " at " << res.err().offset << " in " << res.err().where);
    CHECK(kinds == std::vector<event_kind>{event_kind::sslv2_client_hello, event_kind::handshake});
    CHECK(dec.ctx().version == 0x0301);
    CHECK(dec.ctx().cipher_suite == 0x000a);
}

TEST_CASE("connection decoder: a ServerHello extension the ClientHello did not offer is refused (RFC 5246 §7.4.1.4)") {
    // ClientHello (TLS 1.2, one suite, no extensions); ServerHello answering with ALPN.
    const std::string random(64, '7');
    const auto c2s = unhex("160303002d" "01000029" "0303" + random + "00" "0002c02f" "0100");
    const auto s2c = unhex("1603030035" "02000031" "0303" + random + "00" "c02f" "00" "0009" "0010000500030268 32");
    connection_decoder dec;
    const auto res = dec.decode(c2s, s2c, [](const connection_event&) {});
    REQUIRE_FALSE(res);
    CHECK(res.err().code == errc::unsolicited_extension);
    CHECK(res.err().where == "application_layer_protocol_negotiation");
    CHECK(dec.failed_direction() == direction::s2c);
}

}  // namespace tests_messages_connection_captures
