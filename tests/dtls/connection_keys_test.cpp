// Decrypting DTLS 1.0/1.2 with a key log (dtls/connection_keys.hpp): our own
// OpenSSL captures with their key logs (vectors/dtls/dtlsconn_*_keylog.json:
// AES-128-GCM, ChaCha20-Poly1305, AES-128-CBC-SHA256 with encrypt-then-MAC,
// DTLS 1.0 AES-128-CBC-SHA): both Finished are decrypted and their
// verify_data is what the master secret and the DTLS transcript give (RFC
// 6347 §4.2.6: 12-byte headers, without the first ClientHello and the
// HelloVerifyRequest), the application data is what each side's stdin sent,
// close_notify ends both sides; a wrong master secret opens nothing and says
// bad_record_mac at each record's fragment.
#include <doctest/doctest.h>

#include <string>

#include "connection_support.hpp"

namespace tests_dtls_connection_keys {

using namespace tlswire;
using test_support::dtls::seen;
using kind = tlswire::dtls::event_kind;

namespace {

std::vector<std::filesystem::path> keyed_captures() {
    std::vector<std::filesystem::path> out;
    for (const auto& f : test_support::vector_files("dtls"))
        if (test_support::load_json(f).contains("keylog")) out.push_back(f);
    return out;
}

}  // namespace

TEST_CASE("dtls keys: the key-logged captures decrypt completely, both Finished verified, the application data as sent") {
    const auto files = keyed_captures();
    REQUIRE(files.size() == 4);
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        const auto v = test_support::load_json(file);
        const auto d = test_support::dtls::load_datagrams(v);
        std::vector<seen> events;
        const auto r = test_support::dtls::decode_with_keys(d, d.keylog, events);
        REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset << " in " << std::string(r.err().where));
        for (direction dir : {direction::c2s, direction::s2c}) {
            CAPTURE(to_string(dir));
            std::size_t finished = 0, alerts = 0, encrypted = 0;
            std::string data;
            for (const auto& e : events) {
                if (e.dir != dir) continue;
                if (e.kind == kind::encrypted) ++encrypted;
                if (e.epoch == 1) CHECK(e.decrypted);
                if (e.kind == kind::handshake && e.msg_type == handshake_type::finished) {
                    ++finished;
                    CHECK(e.decrypted);
                    CHECK(e.finished == tlswire::dtls::finished_check::verified);
                }
                if (e.kind == kind::handshake && e.msg_type != handshake_type::finished)
                    CHECK(e.finished == tlswire::dtls::finished_check::not_checked);
                if (e.kind == kind::application_data) data += std::string(e.plaintext.begin(), e.plaintext.end());
                if (e.kind == kind::alert) ++alerts;
            }
            CHECK(finished == 1);
            CHECK(encrypted == 0);
            CHECK(alerts == 1);  // close_notify, protected
            CHECK(data == v.at("application_data").at(to_string(dir)).get<std::string>());
        }
    }
}

TEST_CASE("dtls keys: a wrong master secret opens no record — bad_record_mac at each protected record's fragment") {
    for (const auto& file : keyed_captures()) {
        CAPTURE(file.filename().string());
        const auto v = test_support::load_json(file);
        const auto d = test_support::dtls::load_datagrams(v);
        std::string keylog = d.keylog;
        const auto at = keylog.rfind(' ');
        REQUIRE(at != std::string::npos);
        keylog[at + 1] = keylog[at + 1] == '0' ? '1' : '0';  // the master secret's first nibble
        test_support::dtls::reference_keys keys(keylog);
        test_support::dtls::keyed_decoder dec;
        dec.use_keys(keys);
        std::size_t refused = 0;
        const auto r = dec.decode(d.list, [&](const tlswire::dtls::event& ev) {
            if (ev.rec.epoch == 0) return;
            CHECK(ev.kind == kind::encrypted);
            CHECK(ev.decrypt_error.code == errc::bad_record_mac);
            CHECK(ev.decrypt_error.offset == ev.rec.offset + tlswire::dtls::record_header_size);
            ++refused;
        });
        REQUIRE(r);
        CHECK(refused == 6);
        CHECK(dec.stats(direction::c2s).decrypted_records == 0);
    }
}

TEST_CASE("dtls keys: without a secret for the connection the records stay encrypted, no error") {
    const auto files = keyed_captures();
    REQUIRE_FALSE(files.empty());
    const auto d = test_support::dtls::load_datagrams(test_support::load_json(files[0]));
    std::vector<seen> events;
    REQUIRE(test_support::dtls::decode_with_keys(d, "CLIENT_RANDOM 00 00\n", events));
    std::size_t encrypted = 0;
    for (const auto& e : events) {
        CHECK_FALSE(e.decrypted);
        if (e.kind == kind::encrypted) ++encrypted;
    }
    CHECK(encrypted == 6);
}

}  // namespace tests_dtls_connection_keys
