// The DTLS connection decoder on DTLS 1.3 (RFC 9147):
// - a real connection, "The Illustrated DTLS Connection" (wolfSSL, with its
//   key log; illustrated_dtls13.hpp): ClientHello and ServerHello in
//   plaintext (the DTLS 1.3 ServerHello parses strictly: legacy_version
//   0xfefd, §5.4), everything after under unified headers with encrypted
//   record numbers, decrypted: epochs 2 and 3 (§6.1), each Finished
//   verified against the 4-byte-header transcript (§5.2), the ACK (§7),
//   "ping" and "pong";
// - the same without keys (encrypted records, epochs from the E bits) and
//   with bytes altered (bad_record_mac at the record's encrypted_record);
// - a flight built here from RFC 9147's structures with the library's own
//   serializer and the reference crypto (known secrets): unified headers with
//   8- and 16-bit sequence numbers, with and without the length, several
//   records per datagram, 300 records of 8-bit sequence numbers (§4.2.2's
//   reconstruction across the wrap), an ACK, both Finished — decrypted,
//   verified, and every record re-serialized byte for byte.
#include <doctest/doctest.h>

#include <string>

#include "connection_support.hpp"
#include "illustrated_dtls13.hpp"
#include "tlswire/testing/properties.hpp"

namespace tests_dtls_connection13 {

using namespace tlswire;
using test_support::dtls::seen;
using kind = tlswire::dtls::event_kind;
using sha256 = crypto::reference::backend::sha256;
using aes_128_gcm = crypto::reference::backend::aes_128_gcm;

namespace {

test_support::dtls::datagrams illustrated() {
    test_support::dtls::datagrams d;
    for (const auto& g : test_support::illustrated_dtls13::datagrams)
        d.add(g.c2s ? direction::c2s : direction::s2c, test_support::unhex(g.hex));
    return d;
}

struct expected_event {
    kind k;
    direction dir;
    std::uint64_t epoch, sequence_number;
    handshake_type type;
};

}  // namespace

TEST_CASE("dtls 1.3: the Illustrated DTLS Connection decrypts completely with its key log") {
    const auto d = illustrated();
    std::vector<seen> events;
    const auto r = test_support::dtls::decode_with_keys(d, test_support::illustrated_dtls13::keylog, events);
    REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset << " in " << std::string(r.err().where));
    const auto c2s = direction::c2s, s2c = direction::s2c;
    const handshake_type none{};
    const std::vector<expected_event> expected{
        {kind::handshake, c2s, 0, 0, handshake_type::client_hello},
        {kind::handshake, s2c, 0, 0, handshake_type::server_hello},
        {kind::handshake, s2c, 2, 0, handshake_type::encrypted_extensions},
        {kind::handshake, s2c, 2, 1, handshake_type::certificate},
        {kind::handshake, s2c, 2, 2, handshake_type::certificate_verify},
        {kind::handshake, s2c, 2, 3, handshake_type::finished},
        {kind::handshake, c2s, 2, 0, handshake_type::finished},
        {kind::ack, s2c, 3, 0, none},
        {kind::application_data, c2s, 3, 0, none},
        {kind::application_data, s2c, 3, 1, none},
        {kind::alert, s2c, 3, 2, none},
    };
    REQUIRE(events.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(events[i].kind == expected[i].k);
        CHECK(events[i].dir == expected[i].dir);
        CHECK(events[i].epoch == expected[i].epoch);
        CHECK(events[i].sequence_number == expected[i].sequence_number);
        CHECK(events[i].unified == (i >= 2));
        CHECK(events[i].decrypted == (i >= 2));
        if (expected[i].k == kind::handshake) CHECK(events[i].msg_type == expected[i].type);
        if (expected[i].type == handshake_type::finished)
            CHECK(events[i].finished == tlswire::dtls::finished_check::verified);
    }
    CHECK(std::string(events[8].plaintext.begin(), events[8].plaintext.end()) == "ping");
    CHECK(std::string(events[9].plaintext.begin(), events[9].plaintext.end()) == "pong");
}

TEST_CASE("dtls 1.3: decoding and decrypting unfragmented messages allocates nothing (when the test binary counts)") {
    const auto d = illustrated();
    test_support::dtls::reference_keys keys(test_support::illustrated_dtls13::keylog);
    test_support::dtls::keyed_decoder dec;
    dec.use_keys(keys);  // reserves the one record buffer
    std::size_t events = 0;
    const auto before = testing::thread_allocations;
    const auto r = dec.decode(d.list, [&](const tlswire::dtls::event&) { ++events; });
    const auto allocated = testing::thread_allocations - before;
    REQUIRE(r);
    CHECK(events == 11);
    if (testing::allocations_counted) CHECK(allocated == 0);
}

TEST_CASE("dtls 1.3: the ACK acknowledges the client's Finished record, epoch 2 sequence 0 (RFC 9147 §7)") {
    const auto d = illustrated();
    test_support::dtls::reference_keys keys(test_support::illustrated_dtls13::keylog);
    test_support::dtls::keyed_decoder dec;
    dec.use_keys(keys);
    std::vector<tlswire::dtls::record_number> acked;
    REQUIRE(dec.decode(d.list, [&](const tlswire::dtls::event& ev) {
        if (ev.kind == kind::ack)
            for (const auto& rn : ev.ack_value.record_numbers) acked.push_back(rn);
    }));
    REQUIRE(acked.size() == 1);
    CHECK(acked[0] == tlswire::dtls::record_number{2, 0});
    CHECK(dec.ctx().version == 0xfefc);
    CHECK(dec.ctx().cipher_suite == 0x1301);
    CHECK(dec.epoch(direction::c2s) == 3);
    CHECK(dec.epoch(direction::s2c) == 3);
}

TEST_CASE("dtls 1.3: without keys the protected records are encrypted events, their epochs from the E bits") {
    const auto d = illustrated();
    std::vector<seen> events;
    REQUIRE(test_support::dtls::decode_all(d, events));
    REQUIRE(events.size() == 11);
    CHECK(events[0].msg_type == handshake_type::client_hello);
    CHECK(events[1].msg_type == handshake_type::server_hello);
    for (std::size_t i = 2; i < events.size(); ++i) {
        CAPTURE(i);
        CHECK(events[i].kind == kind::encrypted);
        CHECK(events[i].unified);
        CHECK(events[i].epoch == (i < 7 ? 2u : 3u));
    }
}

TEST_CASE("dtls 1.3: a protected record before the ServerHello names an epoch its sender cannot be in (strict), or stays encrypted (lenient)") {
    const auto real = illustrated();
    test_support::dtls::datagrams d;
    d.add(direction::c2s, std::vector<std::uint8_t>(real.list[0].bytes.begin(), real.list[0].bytes.end()));
    d.add(direction::s2c, std::vector<std::uint8_t>(real.list[2].bytes.begin(), real.list[2].bytes.end()));  // EncryptedExtensions first
    const std::size_t at = d.list[1].offset;
    std::vector<seen> events;
    const auto r = test_support::dtls::decode_all(d, events);
    REQUIRE_FALSE(r);
    CHECK(r.err().code == errc::unexpected_message);
    CHECK(r.err().offset == at);
    CHECK(std::string(r.err().where) == "epoch");
    events.clear();
    tlswire::dtls::decoder_options o;
    o.mode = strictness::lenient;
    REQUIRE(test_support::dtls::decode_all(d, events, o));
    REQUIRE(events.size() == 2);
    CHECK(events[1].kind == kind::encrypted);
}

TEST_CASE("dtls 1.3: an altered record or sequence number does not authenticate (bad_record_mac at encrypted_record)") {
    // The server's last record (the alert, datagram 10) and the client's "ping" (datagram 8).
    for (const std::size_t which : {std::size_t{10}, std::size_t{8}}) {
        for (const std::size_t byte : {std::size_t{2}, std::size_t{9}}) {  // the encrypted sequence number; a ciphertext byte
            CAPTURE(which);
            CAPTURE(byte);
            auto d = illustrated();
            const std::size_t at = d.list[which].offset;
            d.bytes[at + byte] ^= 0x01;
            std::size_t refused = 0;
            test_support::dtls::reference_keys keys(test_support::illustrated_dtls13::keylog);
            test_support::dtls::keyed_decoder dec;
            dec.use_keys(keys);
            REQUIRE(dec.decode(d.list, [&](const tlswire::dtls::event& ev) {
                if (ev.rec.offset != at) return;
                CHECK(ev.kind == kind::encrypted);
                CHECK(ev.decrypt_error.code == errc::bad_record_mac);
                CHECK(ev.decrypt_error.offset == at + 5);  // unified_hdr, 16-bit sequence number, length
                ++refused;
            }));
            CHECK(refused == 1);
        }
    }
}

TEST_CASE("dtls 1.3: decode_streams of the two directions decrypts the same") {
    const auto d = illustrated();
    const auto c2s = d.stream(direction::c2s), s2c = d.stream(direction::s2c);
    test_support::dtls::reference_keys keys(test_support::illustrated_dtls13::keylog);
    test_support::dtls::keyed_decoder dec;
    dec.use_keys(keys);
    std::string data[2];
    std::size_t verified = 0;
    const auto r = dec.decode_streams(bytes_view(c2s.data(), c2s.size()), bytes_view(s2c.data(), s2c.size()),
                                      [&](const tlswire::dtls::event& ev) {
                                          if (ev.kind == kind::application_data)
                                              data[ev.dir == direction::c2s ? 0 : 1] += std::string(ev.plaintext.begin(), ev.plaintext.end());
                                          if (ev.finished == tlswire::dtls::finished_check::verified) ++verified;
                                      });
    REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset);
    // (Which side spoke first two streams do not say: each side's data, in order.)
    CHECK(data[0] == "ping");
    CHECK(data[1] == "pong");
    CHECK(verified == 2);
}

// ---- A DTLS 1.3 flight built from RFC 9147's structures --------------------------------

namespace {

using bytes = std::vector<std::uint8_t>;

bytes secret_of(std::uint8_t fill) { return bytes(32, fill); }

// One direction's epoch: keys from a traffic secret with the "dtls13" prefix
// (RFC 9147 §5.9), its sn_key (§4.2.3), the next sequence number.
struct sender_epoch {
    std::uint8_t epoch;
    bytes cid;  // the connection ID (RFC 9146) every record carries, if any
    tls13::traffic_key_iv<16, 12> keys;
    std::array<std::uint8_t, 16> sn_key{};
    std::uint64_t seq = 0;

    sender_epoch(std::uint8_t e, const bytes& secret, const bytes& connection_id)
        : epoch(e), cid(connection_id), keys(tls13::traffic_keys<sha256, 16, 12>(bytes_view(secret.data(), secret.size()), tls13::dtls13_prefix)) {
        REQUIRE(tlswire::dtls::derive_sn_key<sha256>(bytes_view(secret.data(), secret.size()), sn_key));
    }

    // record(type, content, sixteen_bit, with_length) — one DTLSCiphertext:
    // AEAD over content || type with the header (plaintext sequence number)
    // as additional data (§4), then the sequence number masked (§4.2.3);
    // written by the library's ciphertext13 description.
    bytes record(content_type type, const bytes& content, bool sixteen_bit, bool with_length) {
        tlswire::dtls::ciphertext13 rec;
        rec.unified_hdr = static_cast<std::uint8_t>(tlswire::dtls::unified_fixed_bits | (epoch & 3u) |
                                                    (cid.empty() ? 0 : tlswire::dtls::unified_c_bit) |
                                                    (sixteen_bit ? tlswire::dtls::unified_s_bit : 0) |
                                                    (with_length ? tlswire::dtls::unified_l_bit : 0));
        rec.sequence_number = static_cast<std::uint16_t>(sixteen_bit ? seq & 0xffff : seq & 0xff);
        rec.connection_id = bytes_view(cid.data(), cid.size());
        bytes inner = content;
        inner.push_back(static_cast<std::uint8_t>(type));
        bytes sealed(inner.size() + aes_128_gcm::tag_size);
        // The header as the additional data: serialize with a placeholder record of the final length.
        const bytes placeholder(sealed.size(), 0);
        rec.encrypted_record = bytes_view(placeholder.data(), placeholder.size());
        bytes header;
        REQUIRE(serialize(rec, header));
        header.resize(rec.header_size());
        const auto nonce = protection::xor_nonce(keys.iv, seq);
        REQUIRE(aes_128_gcm::seal(keys.key, nonce, bytes_view(header.data(), header.size()),
                                  bytes_view(inner.data(), inner.size()), sealed));
        const auto mask = tlswire::dtls::mask_aes<crypto::reference::aes128>(sn_key, bytes_view(sealed.data(), sealed.size()));
        REQUIRE(mask);
        rec.sequence_number = tlswire::dtls::apply_mask(*mask, rec.sequence_number, sixteen_bit);
        rec.encrypted_record = bytes_view(sealed.data(), sealed.size());
        bytes out;
        REQUIRE(serialize(rec, out));
        ++seq;
        return out;
    }
};

// fragment(msg_type, message_seq, body) — an unfragmented DTLS handshake message (RFC 9147 §5.2).
bytes fragment(handshake_type type, std::uint16_t message_seq, const bytes& body) {
    tlswire::dtls::handshake h;
    h.msg_type = type;
    h.length = static_cast<std::uint32_t>(body.size());
    h.message_seq = message_seq;
    h.fragment = bytes_view(body.data(), body.size());
    bytes out;
    REQUIRE(serialize(h, out));
    return out;
}

// tls_form(msg_type, body) — the message as the transcript hashes it (§5.2: 4-byte header).
bytes tls_form(handshake_type type, const bytes& body) {
    // Sized first: g++ 12 -O3 reports a false -Warray-bounds on inserting into a 4-byte vector.
    bytes out(4 + body.size());
    out[0] = static_cast<std::uint8_t>(type);
    out[1] = static_cast<std::uint8_t>(body.size() >> 16);
    out[2] = static_cast<std::uint8_t>(body.size() >> 8);
    out[3] = static_cast<std::uint8_t>(body.size());
    std::copy(body.begin(), body.end(), out.begin() + 4);
    return out;
}

std::string hex_line(std::string_view label, const bytes& b) {
    return std::string(label) + " e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff " +
           test_support::hex(bytes_view(b.data(), b.size())) + "\n";
}

// check_hand_built_flight(cid) — the flight below, every record carrying `cid`.
void check_hand_built_flight(const bytes& cid) {
    CAPTURE(cid.size());
    // The Illustrated connection's ClientHello and ServerHello (plaintext,
    // client_random e0..ff), then records of our own under our own secrets.
    const auto real = illustrated();
    const bytes ch_datagram(real.list[0].bytes.begin(), real.list[0].bytes.end());
    const bytes sh_datagram(real.list[1].bytes.begin(), real.list[1].bytes.end());
    const bytes ch_body(ch_datagram.begin() + 25, ch_datagram.end());
    const bytes sh_body(sh_datagram.begin() + 25, sh_datagram.end());
    const bytes c_hs = secret_of(0x11), s_hs = secret_of(0x22), c_ap = secret_of(0x33), s_ap = secret_of(0x44);
    const std::string keylog = hex_line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", c_hs) +
                               hex_line("SERVER_HANDSHAKE_TRAFFIC_SECRET", s_hs) +
                               hex_line("CLIENT_TRAFFIC_SECRET_0", c_ap) + hex_line("SERVER_TRAFFIC_SECRET_0", s_ap);

    const bytes ee_body{0x00, 0x00};  // EncryptedExtensions with no extension
    schedule::transcript<sha256> t;
    for (const bytes& m : {tls_form(handshake_type::client_hello, ch_body), tls_form(handshake_type::server_hello, sh_body),
                           tls_form(handshake_type::encrypted_extensions, ee_body)})
        t.update(bytes_view(m.data(), m.size()));
    const auto server_vd = tls13::finished_verify_data<sha256>(bytes_view(s_hs.data(), s_hs.size()), t.current(), tls13::dtls13_prefix);
    const bytes server_fin(server_vd.begin(), server_vd.end());
    const bytes server_fin_msg = tls_form(handshake_type::finished, server_fin);
    t.update(bytes_view(server_fin_msg.data(), server_fin_msg.size()));
    const auto client_vd = tls13::finished_verify_data<sha256>(bytes_view(c_hs.data(), c_hs.size()), t.current(), tls13::dtls13_prefix);
    const bytes client_fin(client_vd.begin(), client_vd.end());

    sender_epoch server2(2, s_hs, cid), client2(2, c_hs, cid), server3(3, s_ap, cid), client3(3, c_ap, cid);
    test_support::dtls::datagrams d;
    d.add(direction::c2s, ch_datagram);
    d.add(direction::s2c, sh_datagram);
    {  // EncryptedExtensions (8-bit sequence number, with length) and Finished (16-bit, no length: to the datagram's end).
        bytes g = server2.record(content_type::handshake, fragment(handshake_type::encrypted_extensions, 1, ee_body), false, true);
        const bytes fin = server2.record(content_type::handshake, fragment(handshake_type::finished, 2, server_fin), true, false);
        g.insert(g.end(), fin.begin(), fin.end());
        d.add(direction::s2c, g);
    }
    d.add(direction::c2s, client2.record(content_type::handshake, fragment(handshake_type::finished, 1, client_fin), true, true));
    // RFC 9147 §7: ACK { RecordNumber record_numbers<0..2^16-1>; } of the client's Finished, epoch 2, sequence 0.
    bytes ack_body{0x00, 0x10};
    for (int i = 0; i < 7; ++i) ack_body.push_back(0);
    ack_body.push_back(2);
    for (int i = 0; i < 8; ++i) ack_body.push_back(0);
    d.add(direction::s2c, server3.record(content_type::ack, ack_body, false, true));
    constexpr std::size_t app_records = 300;  // 8-bit sequence numbers wrap (§4.2.2)
    for (std::size_t i = 0; i < app_records; i += 4) {
        bytes g;
        for (std::size_t j = i; j < i + 4 && j < app_records; ++j) {
            const std::string text = "record " + std::to_string(j);
            const bytes rec = client3.record(content_type::application_data, bytes(text.begin(), text.end()), false, true);
            g.insert(g.end(), rec.begin(), rec.end());
        }
        d.add(direction::c2s, g);
    }

    test_support::dtls::reference_keys keys(keylog);
    tlswire::dtls::decoder_options options;
    options.connection_id_length = cid.size();  // negotiated, not on the wire (RFC 9147 §9)
    test_support::dtls::keyed_decoder dec(options);
    dec.use_keys(keys);
    std::size_t verified = 0, app = 0, acks = 0, unified = 0;
    const auto r = dec.decode(d.list, [&](const tlswire::dtls::event& ev) {
        if (ev.rec.unified) {
            ++unified;
            CHECK(ev.decrypted());
            CHECK(ev.rec.sequence_number_known);
            CHECK(test_support::hex(ev.rec.connection_id) == test_support::hex(bytes_view(cid.data(), cid.size())));
            // Byte for byte: the record as the event describes it, serialized again.
            tlswire::dtls::ciphertext13 again;
            again.unified_hdr = ev.rec.unified_hdr;
            again.connection_id = ev.rec.connection_id;
            again.sequence_number = ev.rec.encrypted_sequence_number;
            again.encrypted_record = ev.rec.payload;
            bytes out;
            REQUIRE(serialize(again, out));
            CHECK(out.size() == ev.rec.size);
            CHECK(test_support::hex(bytes_view(out.data(), out.size())) ==
                  test_support::hex(bytes_view(d.bytes.data() + ev.rec.offset, ev.rec.size)));
        }
        if (ev.finished == tlswire::dtls::finished_check::verified) ++verified;
        if (ev.kind == kind::ack) {
            ++acks;
            REQUIRE(ev.ack_value.record_numbers.size() == 1);
            CHECK(*ev.ack_value.record_numbers.begin() == tlswire::dtls::record_number{2, 0});
        }
        if (ev.kind == kind::application_data) {
            CHECK(ev.rec.epoch == 3);
            CHECK(ev.rec.sequence_number == app);  // the full number, past 255
            CHECK(std::string(ev.plaintext.begin(), ev.plaintext.end()) == "record " + std::to_string(app));
            ++app;
        }
    });
    REQUIRE_MESSAGE(r, to_string(r.err().code) << " at " << r.err().offset << " in " << std::string(r.err().where));
    CHECK(verified == 2);
    CHECK(acks == 1);
    CHECK(app == app_records);
    CHECK(unified == 2 + 1 + 1 + app_records);
    CHECK(dec.stats(direction::c2s).encrypted_records == 0);
    CHECK(dec.stats(direction::s2c).encrypted_records == 0);
}

}  // namespace

TEST_CASE("dtls 1.3: a hand-built flight decrypts, verifies and round-trips byte for byte (without and with a connection ID)") {
    check_hand_built_flight({});
    check_hand_built_flight({0xca, 0xfe, 0x01});
}

}  // namespace tests_dtls_connection13
