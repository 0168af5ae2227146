// decryption/connection_keys.hpp over RFC 8448's traces, with a key log made
// from their key schedules: §4's resumed handshake with accepted 0-RTT (early
// data and EndOfEarlyData under the client's early keys, its Finished under
// its handshake keys), §3's 1-RTT handshake (the ticket and application data
// under the application keys), and §3 extended with a KeyUpdate each way,
// sealed here, after which each side's records are under
// application_traffic_secret_1 (RFC 8446 §7.2).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/rfc8448_connection.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_decryption_rfc8448 {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;
using backend = crypto::reference::backend;
using bytes = std::vector<std::uint8_t>;

namespace {

using trace = test_support::rfc8448_connection;

trace load(const char* name) { return test_support::load_rfc8448_connection(name); }

struct item {
    std::string dir, what, epoch;
    std::uint64_t sequence_number = 0;
    bytes plaintext;
    std::string error;  // an encrypted record's decrypt_error
};

std::string epoch_name(const connection_event& ev) {
    if (!ev.decrypted()) return ev.kind == event_kind::encrypted ? "encrypted" : "plaintext";
    if (ev.epoch.phase != key_phase::application) return std::string(to_string(ev.epoch.phase));
    return "application+" + std::to_string(ev.epoch.generation);
}

std::vector<item> decode(const trace& t, const bytes& c2s, const bytes& s2c) {
    decryption::connection_keys<backend> keys(t.keylog);
    decryption::connection_decoder<backend> dec;
    dec.use_keys(keys);
    std::vector<item> out;
    const auto r = dec.decode(c2s, s2c, [&](const connection_event& ev) {
        item i{std::string(to_string(ev.dir)), "", epoch_name(ev), ev.sequence_number, {}, {}};
        switch (ev.kind) {
            case event_kind::handshake: {
                i.what = name_of(ev.handshake);
                std::vector<std::uint8_t> again;
                REQUIRE(serialize_handshake(ev.handshake, again, ev.ctx));
                CHECK(hex(again) == hex(ev.message));
                break;
            }
            case event_kind::application_data: i.what = "application_data"; break;
            case event_kind::alert: i.what = "alert"; break;
            case event_kind::change_cipher_spec: i.what = "change_cipher_spec"; break;
            default: i.what = "other"; break;
        }
        i.plaintext.assign(ev.plaintext.begin(), ev.plaintext.end());
        if (ev.decrypt_error) i.error = to_string(ev.decrypt_error.code);
        out.push_back(i);
    });
    REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset << " in " << r.err().where);
    return out;
}

std::string summary(const std::vector<item>& items, const std::string& dir) {
    std::string s;
    for (const auto& i : items)
        if (i.dir == dir) s += (s.empty() ? "" : " ") + i.what + "@" + i.epoch;
    return s;
}

}  // namespace

TEST_CASE("RFC 8448 §4: accepted 0-RTT — early data and EndOfEarlyData under the early keys, then the handshake keys") {
    const trace t = load("resumed_0rtt.json");
    const auto items = decode(t, t.c2s, t.s2c);
    CHECK(summary(items, "c2s") ==
          "client_hello@plaintext application_data@early end_of_early_data@early finished@handshake "
          "application_data@application+0 alert@application+0");
    CHECK(summary(items, "s2c") ==
          "server_hello@plaintext encrypted_extensions@handshake finished@handshake application_data@application+0 "
          "alert@application+0");
    // The early data is the trace's plaintext, and EndOfEarlyData is the early epoch's second record.
    for (const auto& i : items)
        if (i.dir == "c2s" && i.epoch == "early") {
            if (i.what == "application_data") {
                CHECK(hex(i.plaintext) == t.json.at("records")[1].at("plaintext").get<std::string>());
                CHECK(i.sequence_number == 0);
            } else {
                CHECK(i.sequence_number == 1);
            }
        }
}

TEST_CASE("RFC 8448 §4 without the early secret: the early data stays encrypted (no keys, no error), the rest decrypts") {
    trace t = load("resumed_0rtt.json");
    const auto at = t.keylog.find("CLIENT_EARLY_TRAFFIC_SECRET");
    t.keylog.erase(at, t.keylog.find('\n', at) + 1 - at);
    const auto items = decode(t, t.c2s, t.s2c);
    for (const auto& i : items) CHECK(i.error.empty());
    CHECK(summary(items, "c2s") ==
          "client_hello@plaintext other@encrypted other@encrypted finished@handshake "
          "application_data@application+0 alert@application+0");
}

TEST_CASE("RFC 8448 §3 with a KeyUpdate each way: the next records under application_traffic_secret_1") {
    const trace t = load("simple_1rtt.json");
    const auto plain = decode(t, t.c2s, t.s2c);
    CHECK(summary(plain, "c2s") == "client_hello@plaintext finished@handshake application_data@application+0 alert@application+0");
    CHECK(summary(plain, "s2c") ==
          "server_hello@plaintext encrypted_extensions@handshake certificate@handshake certificate_verify@handshake "
          "finished@handshake new_session_ticket@application+0 application_data@application+0 alert@application+0");

    // Each side's application records in the trace: the KeyUpdate takes the next sequence number.
    using A = backend::aes_128_gcm;
    using H = backend::sha256;
    const auto& ks = t.json.at("key_schedule");
    auto extend = [&](bytes stream, const char* secret_name, std::uint64_t records_sent) {
        const bytes secret0 = unhex(ks.at(secret_name).get<std::string>());
        auto e0 = protection::tls13_epoch_from_secret<H, A>(secret0);
        e0.sequence_number = records_sent;
        const auto next = tls13::next_application_traffic_secret<H>(secret0);
        auto e1 = protection::tls13_epoch_from_secret<H, A>(next);
        const bytes key_update = {0x18, 0x00, 0x00, 0x01, 0x00};  // RFC 8446 §4.6.3: update_not_requested
        const bytes data = {'p', 'i', 'n', 'g'};
        bytes out(64);
        const auto r1 = protection::tls13_seal(e0, content_type::handshake, key_update, 0, out);
        REQUIRE(r1);
        stream.insert(stream.end(), r1->begin(), r1->end());
        const auto r2 = protection::tls13_seal(e1, content_type::application_data, data, 3, out);
        REQUIRE(r2);
        stream.insert(stream.end(), r2->begin(), r2->end());
        return stream;
    };
    const bytes c2s = extend(t.c2s, "client_application_traffic_secret_0", 2);  // application data, alert
    const bytes s2c = extend(t.s2c, "server_application_traffic_secret_0", 3);  // ticket, application data, alert
    const auto items = decode(t, c2s, s2c);
    CHECK(summary(items, "c2s") ==
          "client_hello@plaintext finished@handshake application_data@application+0 alert@application+0 "
          "key_update@application+0 application_data@application+1");
    CHECK(summary(items, "s2c") ==
          "server_hello@plaintext encrypted_extensions@handshake certificate@handshake certificate_verify@handshake "
          "finished@handshake new_session_ticket@application+0 application_data@application+0 alert@application+0 "
          "key_update@application+0 application_data@application+1");
    CHECK(hex(items.back().plaintext) == "70696e67");
    CHECK(items.back().sequence_number == 0);
}

TEST_CASE("RFC 8448 §3 with the server's flight resealed in 64-octet records: messages span protected records") {
    const trace t = load("simple_1rtt.json");
    using A = backend::aes_128_gcm;
    using H = backend::sha256;
    const auto& records = t.json.at("records");
    auto epoch = protection::tls13_epoch_from_secret<H, A>(
        unhex(t.json.at("key_schedule").at("server_handshake_traffic_secret").get<std::string>()));
    bytes s2c, flight;
    for (const auto& r : records) {
        if (r.at("dir") != "s2c") continue;
        const bytes b = unhex(r.at("hex").get<std::string>());
        // The one record under the server's handshake keys (EncryptedExtensions
        // to Finished) is the first protected one; the ticket's comes later.
        if (flight.empty() && r.at("protected") == true && r.at("content_type") == "handshake") {
            flight = unhex(r.at("plaintext").get<std::string>());
            for (std::size_t at = 0; at < flight.size(); at += 64) {
                const bytes_view piece = bytes_view(flight).subspan(at, std::min<std::size_t>(64, flight.size() - at));
                bytes out(piece.size() + 64);
                const auto sealed = protection::tls13_seal(epoch, content_type::handshake, piece, 0, out);
                REQUIRE(sealed);
                s2c.insert(s2c.end(), sealed->begin(), sealed->end());
            }
            continue;
        }
        s2c.insert(s2c.end(), b.begin(), b.end());
    }
    REQUIRE(flight.size() > 600);
    const auto items = decode(t, t.c2s, s2c);
    CHECK(summary(items, "s2c") ==
          "server_hello@plaintext encrypted_extensions@handshake certificate@handshake certificate_verify@handshake "
          "finished@handshake new_session_ticket@application+0 application_data@application+0 alert@application+0");
    CHECK(summary(items, "c2s") == "client_hello@plaintext finished@handshake application_data@application+0 alert@application+0");

    // An alert inside a message's fragments is refused (RFC 8446 §5.1), at its inner type octet.
    auto e2 = protection::tls13_epoch_from_secret<H, A>(
        unhex(t.json.at("key_schedule").at("server_handshake_traffic_secret").get<std::string>()));
    bytes cut = unhex(records[1].at("hex").get<std::string>());  // the ServerHello record
    bytes out(200);
    const auto first = protection::tls13_seal(e2, content_type::handshake, bytes_view(flight).first(100), 0, out);
    REQUIRE(first);
    cut.insert(cut.end(), first->begin(), first->end());
    const std::size_t alert_at = cut.size();
    const bytes alert = {0x02, 0x28};
    const auto second = protection::tls13_seal(e2, content_type::alert, alert, 0, out);
    REQUIRE(second);
    cut.insert(cut.end(), second->begin(), second->end());
    decryption::connection_keys<backend> keys(t.keylog);
    decryption::connection_decoder<backend> dec;
    dec.use_keys(keys);
    const auto r = dec.decode(t.c2s, cut, [](const connection_event&) {});
    REQUIRE_FALSE(r);
    CHECK(dec.failed_direction() == direction::s2c);
    CHECK(r.err().code == errc::unexpected_message);
    CHECK(r.err().offset == alert_at + 5 + alert.size());
}

}  // namespace tests_decryption_rfc8448
