// The DTLS connection decoder (dtls/connection.hpp) over the captures of
// vectors/dtls/ (OpenSSL DTLS 1.0 and 1.2, cookie exchange, MTU 300, one
// with a lost datagram): every datagram, record, fragment and message, as an
// independent decode of the headers (each file's `expect`) found them; the
// HelloVerifyRequest restart; retransmitted fragments reported as such and
// each message decoded once; epochs from each side's ChangeCipherSpec; the
// version and suite learnt from the ServerHello; the stream form
// (decode_streams) giving the same messages.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "connection_support.hpp"

namespace tests_dtls_connection {

using namespace tlswire;
using test_support::dtls::seen;
using kind = tlswire::dtls::event_kind;

namespace {

const char* name_of(direction d) { return d == direction::c2s ? "c2s" : "s2c"; }

}  // namespace

TEST_CASE("dtls connection: every capture of vectors/dtls decodes completely, each message once, in message_seq order") {
    const auto files = test_support::vector_files("dtls");
    REQUIRE(files.size() >= 7);
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        const auto v = test_support::load_json(file);
        const auto d = test_support::dtls::load_datagrams(v);
        std::vector<seen> events;
        tlswire::dtls::connection_decoder dec;
        const auto r = dec.decode(d.list, [&](const tlswire::dtls::event& ev) { events.push_back(test_support::dtls::copy(ev)); });
        REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset << " in " << std::string(r.err().where));
        const auto& expect = v.at("expect");
        const bool lossy = v.at("scenario").get<std::string>().find("retransmission") != std::string::npos;

        // Every record of every datagram was reported (the records tile the datagrams).
        std::size_t records = 0;
        for (const auto& g : d.list)
            REQUIRE(tlswire::dtls::for_each_record<tlswire::dtls::ciphertext>(g.bytes, g.offset, {},
                                                                             [&](const auto&, std::size_t) { ++records; }));
        CHECK(dec.stats(direction::c2s).records + dec.stats(direction::s2c).records == records);
        std::set<std::size_t> record_offsets;
        for (const auto& e : events) record_offsets.insert(e.record_offset);
        CHECK(record_offsets.size() == records);

        for (direction dir : {direction::c2s, direction::s2c}) {
            CAPTURE(name_of(dir));
            std::vector<int> types;
            std::map<std::uint16_t, std::set<std::size_t>> fragments;  // by message_seq: each fragment once
            std::size_t encrypted = 0, retransmissions = 0, ccs = 0;
            std::uint16_t next_seq = 0;
            for (const auto& e : events) {
                if (e.dir != dir) continue;
                if (e.kind == kind::handshake || e.kind == kind::fragment || e.kind == kind::retransmission)
                    if (e.type == content_type::handshake) fragments[e.fragment_seq].insert(e.fragment_at);
                if (e.kind == kind::handshake) {
                    types.push_back(static_cast<int>(e.msg_type));
                    CHECK(e.message_seq == next_seq++);
                    CHECK(e.epoch == 0);
                    // The DTLS forms parse as themselves, every other message in its TLS form.
                    const std::size_t variant = e.msg_type == handshake_type::client_hello           ? 1
                                                : e.msg_type == handshake_type::hello_verify_request ? 2
                                                                                                     : 0;
                    CHECK(e.message_variant == variant);
                }
                if (e.kind == kind::encrypted) {
                    ++encrypted;
                    CHECK(e.epoch == 1);  // after its ChangeCipherSpec
                }
                if (e.kind == kind::retransmission) ++retransmissions;
                if (e.kind == kind::change_cipher_spec) {
                    ++ccs;
                    CHECK(e.epoch == 0);
                }
            }
            CHECK(types == expect.at("handshake_types").at(name_of(dir)).get<std::vector<int>>());
            std::map<std::uint16_t, std::size_t> counts;
            for (const auto& [seq, at] : fragments) counts[seq] = at.size();
            std::map<std::uint16_t, std::size_t> expected_counts;
            for (const auto& [seq, n] : expect.at("fragments").at(name_of(dir)).items())
                expected_counts[static_cast<std::uint16_t>(std::stoi(seq))] = n.get<std::size_t>();
            CHECK(counts == expected_counts);
            CHECK(encrypted == expect.at("protected_records").at(name_of(dir)).get<std::size_t>());
            CHECK(ccs == 1);
            CHECK(dec.epoch(dir) == 1);
            CHECK(dec.stats(dir).retransmissions == retransmissions);
            CHECK(dec.stats(dir).messages == types.size());
            CHECK((retransmissions > 0) == lossy);
        }
        // The cookie exchange (RFC 6347 §4.2.1): ClientHello, HelloVerifyRequest, ClientHello with the cookie.
        CHECK(dec.cookie_exchange());
        CHECK(dec.ctx().version == (expect.at("version") == "dtls10" ? 0xfeff : 0xfefd));
        CHECK(dec.ctx().cipher_suite ==
              static_cast<std::uint16_t>(std::stoul(expect.at("cipher_suite").get<std::string>(), nullptr, 16)));
        if (lossy) {
            // The lost datagram: the client sent its second ClientHello twice, the server its flight again.
            CHECK(dec.stats(direction::c2s).retransmissions == 1);
            CHECK(dec.stats(direction::s2c).retransmissions >= 5);
        }
    }
}

TEST_CASE("dtls connection: decode_streams reads each direction's records back to back like the datagrams") {
    for (const auto& file : test_support::vector_files("dtls")) {
        CAPTURE(file.filename().string());
        const auto d = test_support::dtls::load_datagrams(test_support::load_json(file));
        std::vector<seen> by_datagram, by_stream;
        REQUIRE(test_support::dtls::decode_all(d, by_datagram));
        const auto c2s = d.stream(direction::c2s), s2c = d.stream(direction::s2c);
        tlswire::dtls::connection_decoder dec;
        const auto r = dec.decode_streams(bytes_view(c2s.data(), c2s.size()), bytes_view(s2c.data(), s2c.size()),
                                          [&](const tlswire::dtls::event& ev) { by_stream.push_back(test_support::dtls::copy(ev)); });
        REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset);
        for (direction dir : {direction::c2s, direction::s2c}) {
            std::vector<std::pair<int, std::vector<std::uint8_t>>> a, b;
            for (const auto& e : by_datagram)
                if (e.dir == dir && e.kind == kind::handshake) a.emplace_back(static_cast<int>(e.msg_type), e.body);
            for (const auto& e : by_stream)
                if (e.dir == dir && e.kind == kind::handshake) b.emplace_back(static_cast<int>(e.msg_type), e.body);
            CHECK(a == b);
            CHECK_FALSE(a.empty());
        }
        // Offsets count in each direction's stream: the first c2s record is at 0, so is the first s2c one.
        REQUIRE(by_stream.size() > 1);
        CHECK(by_stream[0].record_offset == 0);
        CHECK(by_stream[1].dir == direction::s2c);
        CHECK(by_stream[1].record_offset == 0);
        CHECK(by_stream.size() == by_datagram.size());
    }
}

}  // namespace tests_dtls_connection
