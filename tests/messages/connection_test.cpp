// tests/messages/connection_test.cpp — messages/connection.hpp: the rules
// that need both sides (answers to offers, ChangeCipherSpec timing,
// renegotiation), on hand-made TLS 1.2 connections.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/records.hpp"
#include "../support/rfc8448_connection.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_messages_connection {

using namespace tlswire;
using test_support::handshake_hex;
using test_support::record_hex;
using test_support::unhex;

namespace {

const std::string random_hex(64, '7');
const std::string session_id = "20" + std::string(64, '5');
const std::string renegotiation_info = "ff01000100";

// ClientHello (TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, a session to resume).
std::string ch_records(const std::string& extensions = "", const std::string& version = "0303") {
    const std::string ext = extensions.empty() ? "" : test_support::be(extensions.size() / 2, 2) + extensions;
    return record_hex(22, handshake_hex(1, version + random_hex + session_id + "0002c02f" "0100" + ext));
}
std::string sh_records(const std::string& extensions = "", const std::string& suite = "c02f") {
    const std::string ext = extensions.empty() ? "" : test_support::be(extensions.size() / 2, 2) + extensions;
    return record_hex(22, handshake_hex(2, "0303" + random_hex + session_id + suite + "00" + ext));
}
const std::string ccs = record_hex(20, "01");
const std::string protected_finished = record_hex(22, std::string(80, 'f'));

struct outcome {
    result<void> res;
    direction failed = direction::c2s;
    std::vector<event_kind> kinds;
};

outcome decode(const std::string& c2s_hex, const std::string& s2c_hex, strictness mode = strictness::strict) {
    const auto c2s = unhex(c2s_hex), s2c = unhex(s2c_hex);
    connection_decoder dec(mode);
    outcome o;
    o.res = dec.decode(c2s, s2c, [&](const connection_event& ev) { o.kinds.push_back(ev.kind); });
    o.failed = dec.failed_direction();
    return o;
}

}  // namespace

TEST_CASE("connection: an abbreviated TLS 1.2 handshake, then a renegotiation with renegotiation_info (RFC 5746)") {
    const std::string c2s_first = ch_records(renegotiation_info) + ccs + protected_finished;
    const std::string s2c = sh_records(renegotiation_info) + ccs + protected_finished;
    // Client-initiated: a protected ClientHello, later its protected CCS (25 bytes).
    const std::string renegotiation = record_hex(22, std::string(300, 'c')) + record_hex(20, std::string(50, 'd'));
    const auto client = decode(c2s_first + renegotiation, s2c);
    REQUIRE_MESSAGE(client.res, to_string(client.res.err().code) << " at " << client.res.err().offset);
    CHECK(client.kinds.size() == 8);
    // Server-initiated: a protected HelloRequest after the server's Finished.
    const auto server = decode(c2s_first, s2c + record_hex(22, std::string(56, 'e')));
    CHECK(server.res);
}

TEST_CASE("connection: a renegotiation without renegotiation_info is refused strictly, accepted leniently") {
    const std::string c2s = ch_records() + ccs + protected_finished;
    const std::string renegotiation = record_hex(22, std::string(300, 'c'));
    const std::string s2c = sh_records() + ccs + protected_finished;
    const auto strict = decode(c2s + renegotiation, s2c);
    REQUIRE_FALSE(strict.res);
    CHECK(strict.res.err().code == errc::unexpected_message);
    CHECK(strict.res.err().where == "renegotiation");
    CHECK(strict.res.err().offset == unhex(c2s).size());
    CHECK(strict.failed == direction::c2s);
    // Server-initiated (HelloRequest) likewise.
    const auto hello_request = decode(c2s, s2c + record_hex(22, std::string(56, 'e')));
    REQUIRE_FALSE(hello_request.res);
    CHECK(hello_request.failed == direction::s2c);
    CHECK(hello_request.res.err().offset == unhex(s2c).size());
    CHECK(decode(c2s + renegotiation, s2c, strictness::lenient).res);
    // The SCSV (RFC 5746 §3.4) in place of the client's extension: the server's answer makes it secure.
    const std::string scsv_hello =
        record_hex(22, handshake_hex(1, "0303" + random_hex + session_id + "0004c02f00ff" "0100"));
    CHECK(decode(scsv_hello + ccs + protected_finished + renegotiation,
                 sh_records(renegotiation_info) + ccs + protected_finished).res);
}

TEST_CASE("connection: the client's ChangeCipherSpec before the server's ServerHelloDone is unexpected (RFC 5246 §7.3)") {
    // The server resumes nothing and sent only its ServerHello so far.
    const std::string c2s = ch_records() + ccs;
    const auto o = decode(c2s, sh_records());
    REQUIRE_FALSE(o.res);
    CHECK(o.res.err().code == errc::unexpected_message);
    CHECK(o.failed == direction::c2s);
    CHECK(o.res.err().offset == unhex(ch_records()).size());
    CHECK(decode(c2s, sh_records(), strictness::lenient).res);
}

TEST_CASE("connection: the server's choices must be among the client's offers (RFC 5246 §7.4.1.3)") {
    // A suite the client did not offer: at the cipher_suite field (5 + 4 + 2 + 32 + 33).
    const auto suite = decode(ch_records(), sh_records("", "c030"));
    REQUIRE_FALSE(suite.res);
    CHECK(suite.res.err().code == errc::illegal_value);
    CHECK(suite.res.err().where == "cipher_suite");
    CHECK(suite.res.err().offset == 5 + 4 + 2 + 32 + 33);
    CHECK(suite.failed == direction::s2c);
    // A version above the client's (TLS 1.0 client, TLS 1.2 server): at legacy_version.
    const auto version = decode(ch_records("", "0301"), sh_records());
    REQUIRE_FALSE(version.res);
    CHECK(version.res.err().where == "legacy_version");
    CHECK(version.res.err().offset == 9);
}

TEST_CASE("connection: an unsolicited extension is reported at the extension (RFC 8446 §4.2)") {
    const auto o = decode(ch_records(), sh_records("001000050003026832"));
    REQUIRE_FALSE(o.res);
    CHECK(o.res.err().code == errc::unsolicited_extension);
    CHECK(o.res.err().where == "application_layer_protocol_negotiation");
    // 5 (record) + 4 (header) + 2 + 32 + 33 (session id) + 2 + 1 + 2 (extensions length).
    CHECK(o.res.err().offset == 5 + 4 + 2 + 32 + 33 + 2 + 1 + 2);
}

TEST_CASE("connection: 0-RTT records before a HelloRetryRequest; the second ClientHello is read before the ServerHello (RFC 8446 §4.1.4)") {
    // RFC 8448 §5 (HelloRetryRequest) with a protected record after the
    // first ClientHello, as a client sending 0-RTT data puts it there.
    const auto t = test_support::load_rfc8448_connection("hello_retry_request.json");
    const std::size_t ch1 = 5 + (std::size_t{t.c2s[3]} << 8 | t.c2s[4]);
    std::vector<std::uint8_t> c2s(t.c2s.begin(), t.c2s.begin() + static_cast<std::ptrdiff_t>(ch1));
    const auto early = unhex(record_hex(23, std::string(64, 'e')));
    c2s.insert(c2s.end(), early.begin(), early.end());
    c2s.insert(c2s.end(), t.c2s.begin() + static_cast<std::ptrdiff_t>(ch1), t.c2s.end());
    for (const strictness mode : {strictness::strict, strictness::lenient}) {
        connection_decoder dec(mode);
        std::vector<std::string> messages;
        std::size_t encrypted = 0;
        const auto r = dec.decode(c2s, t.s2c, [&](const connection_event& ev) {
            if (ev.kind == event_kind::handshake)
                messages.push_back(std::string(to_string(ev.dir)) + " " + std::string(name_of(ev.handshake)));
            if (ev.kind == event_kind::encrypted) ++encrypted;
        });
        REQUIRE(r);
        REQUIRE(messages.size() >= 4);
        CHECK(messages[0] == "c2s client_hello");
        CHECK(messages[1] == "s2c hello_retry_request");
        CHECK(messages[2] == "c2s client_hello");
        CHECK(messages[3] == "s2c server_hello");
        CHECK(encrypted >= 2);  // the 0-RTT record, and the protected flights
    }
}

}  // namespace tests_messages_connection
