// Our own captures of real DTLS 1.0 and 1.2 handshakes (vectors/dtls/, OpenSSL
// s_server -listen / s_client -mtu 300 through tests/dtls/udp_relay.py, one
// with a dropped datagram so that both sides retransmit, the server's
// flight cut at other offsets than the first time):
// every record of every datagram decodes and round-trips byte for byte,
// every handshake fragment has the generic properties, and each direction's
// fragments reassemble into the flight's messages — the Certificate from
// four fragments, ServerKeyExchange from two — which parse as their typed
// bodies and round-trip too; the second ClientHello echoes the
// HelloVerifyRequest's cookie.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "../support/vectors.hpp"
#include "dtls_support.hpp"

namespace tests_dtls_capture {

using namespace tlswire;
using test_support::hex;

namespace {

struct direction {
    dtls::reassembler reassembler;
    std::vector<std::pair<handshake_type, std::vector<std::uint8_t>>> messages;
    std::map<std::uint16_t, std::size_t> fragments;  // by message_seq
    std::size_t records = 0, protected_records = 0, duplicates = 0;
};

}  // namespace

TEST_CASE("dtls capture: OpenSSL DTLS 1.0 and 1.2 flights (cookie, MTU 300, a lost datagram) decode and reassemble completely") {
    const auto files = test_support::vector_files("dtls");
    REQUIRE_FALSE(files.empty());
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        const auto v = test_support::load_json(file);
        std::map<std::string, direction> dirs;
        for (const auto& d : v.at("datagrams")) {
            const std::string dir = d.at("dir");
            const auto bytes = test_support::unhex(d.at("hex").get<std::string>());
            direction& st = dirs[dir];
            // Every record, read as DTLSCiphertext (the wider limit), then by its epoch.
            const auto walked = dtls::for_each_record<dtls::ciphertext>(
                bytes_view(bytes.data(), bytes.size()), 0, {}, [&](const dtls::ciphertext& rec, std::size_t at) {
                    ++st.records;
                    const std::vector<std::uint8_t> raw(
                        bytes.begin() + static_cast<std::ptrdiff_t>(at),
                        bytes.begin() + static_cast<std::ptrdiff_t>(at + dtls::record_header_size + rec.fragment.size()));
                    std::vector<std::uint8_t> out;
                    REQUIRE(serialize(rec, out));
                    CHECK(out == raw);
                    if (rec.epoch != 0) {  // protected under the negotiated keys
                        ++st.protected_records;
                        return;
                    }
                    test_support::dtls::check_properties<dtls::plaintext>(raw);
                    if (rec.type != content_type::handshake) return;
                    const std::size_t base = at + dtls::record_header_size;
                    CHECK(dtls::for_each_fragment(rec.fragment, base, {}, [&](const dtls::handshake& h, std::size_t fat) {
                        ++st.fragments[h.message_seq];
                        const auto f0 = bytes.begin() + static_cast<std::ptrdiff_t>(fat);
                        test_support::dtls::check_properties<dtls::handshake>(
                            std::vector<std::uint8_t>(f0, f0 + static_cast<std::ptrdiff_t>(12 + h.fragment.size())));
                        const auto fed = st.reassembler.feed(h, fat, [&](const dtls::reassembled_message& m) {
                            st.messages.emplace_back(m.msg_type, std::vector<std::uint8_t>(m.body.begin(), m.body.end()));
                            CHECK(m.origin.offset(0) < bytes.size() + 1);
                        });
                        REQUIRE_MESSAGE(fed, to_string(fed.err().code) << " at " << fed.err().offset);
                        if (*fed == dtls::feed_status::duplicate) ++st.duplicates;
                    }));
                });
            REQUIRE_MESSAGE(walked, to_string(walked.err().code) << " at " << walked.err().offset);
        }
        REQUIRE(dirs.size() == 2);
        // What an independent decode of the same bytes found (the file's `expect`).
        const auto& expect = v.at("expect");
        for (const char* name : {"c2s", "s2c"}) {
            CAPTURE(name);
            direction& d = dirs[name];
            std::vector<int> types;
            for (const auto& m : d.messages) types.push_back(static_cast<int>(m.first));
            CHECK(types == expect.at("handshake_types").at(name).get<std::vector<int>>());
            std::map<std::uint16_t, std::size_t> fragments;
            for (const auto& [seq, n] : expect.at("fragments").at(name).items())
                fragments[static_cast<std::uint16_t>(std::stoi(seq))] = n.get<std::size_t>();
            CHECK(d.fragments == fragments);
            CHECK(d.protected_records == expect.at("protected_records").at(name).get<std::size_t>());
            CHECK(d.reassembler.pending_messages() == 0);
            CHECK(d.reassembler.buffered_bytes() == 0);
        }
        // Retransmissions are recognised as such (the lost datagram's scenario has them, the others none).
        const bool lossy = v.at("scenario").get<std::string>().find("retransmission") != std::string::npos;
        CHECK((dirs["c2s"].duplicates + dirs["s2c"].duplicates > 0) == lossy);
        if (lossy) CHECK(dirs["c2s"].duplicates == 1);  // the second ClientHello, sent twice
        direction& c2s = dirs["c2s"];
        direction& s2c = dirs["s2c"];
        CHECK(s2c.fragments[2] >= 4);  // Certificate: fragmented at MTU 300
        CHECK(s2c.fragments[3] >= 2);  // ServerKeyExchange

        // Typed bodies, in the context the hellos establish; each round-trips.
        context ctx;
        ctx.version = expect.at("version") == "dtls10" ? 0xfeff : 0xfefd;
        ctx.cipher_suite = static_cast<std::uint16_t>(std::stoul(expect.at("cipher_suite").get<std::string>(), nullptr, 16));
        std::vector<bytes_view> cookies;
        for (direction* d : {&c2s, &s2c}) {
            ctx.sender = d == &c2s ? role::client : role::server;
            for (const auto& entry : d->messages) {
                const handshake_type type = entry.first;
                const std::vector<std::uint8_t>& body = entry.second;
                CAPTURE(to_string(type));
                const auto m = dtls::parse_body(type, bytes_view(body.data(), body.size()), 0, ctx);
                REQUIRE_MESSAGE(m, to_string(m.err().code) << " at " << m.err().offset << " in " << std::string(m.err().where));
                std::vector<std::uint8_t> out;
                writer w(out);
                dtls::write_body(w, *m, ctx);
                REQUIRE(w.ok());
                CHECK(hex(out) == hex(body));
                if (const auto* ch = std::get_if<dtls::client_hello>(&*m)) {
                    cookies.push_back(ch->cookie);
                    test_support::dtls::check_properties<dtls::client_hello>(body, ctx);
                }
                if (const auto* hvr = std::get_if<dtls::hello_verify_request>(&*m)) {
                    CHECK(hvr->server_version == protocol_version::dtls10);  // RFC 6347 §4.2.1's SHOULD
                    cookies.push_back(hvr->cookie);
                    test_support::dtls::check_properties<dtls::hello_verify_request>(body, ctx);
                }
            }
        }
        REQUIRE(cookies.size() == 3);
        CHECK(cookies[0].empty());                           // the first ClientHello
        CHECK_FALSE(cookies[2].empty());                     // the HelloVerifyRequest's
        CHECK(hex(cookies[1]) == hex(cookies[2]));           // echoed by the second ClientHello
    }
}

}  // namespace tests_dtls_capture
