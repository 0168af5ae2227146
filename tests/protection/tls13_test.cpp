// TLS 1.3 record protection (protection/tls13.hpp): every protected record
// of the five RFC 8448 traces decrypted with the traces' keys (epoch changes
// and the compatibility ChangeCipherSpec included); the nonce and additional
// data constructions of RFC 8446 §5.2/§5.3 checked by hand; TLSInnerPlaintext
// padding, content types and bounds (§5.4); the errors and what they leave
// in the epoch.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../crypto/test_support.hpp"
#include "../support/vectors.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/protection/tls13.hpp"

namespace tests_protection_tls13 {

namespace ref = tlswire::crypto::reference;
namespace protection = tlswire::protection;
using tlswire::bytes_view;
using tlswire::content_type;
using tlswire::errc;
using tlswire_test::from_hex;
using tlswire_test::to_hex;
using bytes = std::vector<std::uint8_t>;

namespace {

template <class A>
protection::tls13_epoch<A> epoch_from(const nlohmann::json& ks, const std::string& name) {
    protection::tls13_epoch<A> e{};
    const bytes key = from_hex(ks.at(name + "_key").get<std::string>());
    const bytes iv = from_hex(ks.at(name + "_iv").get<std::string>());
    REQUIRE(key.size() == e.key.size());
    REQUIRE(iv.size() == e.iv.size());
    std::copy(key.begin(), key.end(), e.key.begin());
    std::copy(iv.begin(), iv.end(), e.iv.begin());
    return e;
}

// Handshake message types in a decrypted handshake fragment (RFC 8446 §4).
std::vector<int> message_types(bytes_view fragment) {
    std::vector<int> types;
    for (std::size_t at = 0; at + 4 <= fragment.size();) {
        types.push_back(fragment[at]);
        at += 4 + ((std::size_t{fragment[at + 1]} << 16) | (std::size_t{fragment[at + 2]} << 8) | fragment[at + 3]);
    }
    return types;
}

// A record whose TLSInnerPlaintext is given verbatim (to build what
// tls13_seal refuses to: no content type, too long).
template <class A>
bytes raw_record(const protection::tls13_epoch<A>& e, const bytes& inner) {
    bytes rec(5 + inner.size() + A::tag_size);
    const auto aad = protection::tls13_additional_data(inner.size() + A::tag_size);
    std::copy(aad.begin(), aad.end(), rec.begin());
    REQUIRE(A::seal(e.key, protection::tls13_nonce(e), aad, inner, std::span<std::uint8_t>(rec).subspan(5)));
    return rec;
}

using aead = ref::aes_128_gcm;

protection::tls13_epoch<aead> test_epoch() {
    protection::tls13_epoch<aead> e{};
    for (std::size_t i = 0; i < e.key.size(); ++i) e.key[i] = static_cast<std::uint8_t>(i + 1);
    for (std::size_t i = 0; i < e.iv.size(); ++i) e.iv[i] = static_cast<std::uint8_t>(0xa0 + i);
    return e;
}

}  // namespace

TEST_CASE("tls13_open: every protected record of the RFC 8448 traces, with their keys") {
    // Per direction, the epochs in order; a record carrying Finished or
    // EndOfEarlyData is the last of its epoch (RFC 8446 §4.4.4, §4.5).
    int opened = 0, skipped_ccs = 0;
    for (const char* name : {"simple_1rtt", "resumed_0rtt", "hello_retry_request", "client_auth", "compatibility_mode"}) {
        CAPTURE(name);
        const auto trace = test_support::load_json(test_support::vectors_dir() / "rfc8448" / (std::string(name) + ".json"));
        const auto& ks = trace.at("key_schedule");
        std::vector<protection::tls13_epoch<aead>> c2s, s2c;
        if (ks.contains("client_early_key")) c2s.push_back(epoch_from<aead>(ks, "client_early"));
        c2s.push_back(epoch_from<aead>(ks, "client_handshake"));
        c2s.push_back(epoch_from<aead>(ks, "client_application"));
        s2c.push_back(epoch_from<aead>(ks, "server_handshake"));
        s2c.push_back(epoch_from<aead>(ks, "server_application"));
        std::size_t ci = 0, si = 0;
        for (const auto& r : trace.at("records")) {
            const bytes rec = from_hex(r.at("hex").get<std::string>());
            const bool client = r.at("dir") == "c2s";
            const auto plain = tlswire::parse<tlswire::record>(rec);
            if (plain && protection::is_compatibility_change_cipher_spec(*plain)) {
                ++skipped_ccs;  // not protected, not counted: the next record still has sequence number 0
                continue;
            }
            if (!r.at("protected").get<bool>()) continue;
            auto& epoch = client ? c2s.at(ci) : s2c.at(si);
            const std::uint64_t seq = epoch.sequence_number;
            bytes out(rec.size());
            const auto o = protection::tls13_open(epoch, rec, out);
            REQUIRE_MESSAGE(o, tlswire::to_string(o.err().code), " at ", o.err().offset);
            CHECK(to_string(o->type) == r.at("content_type").get<std::string>());
            CHECK(to_hex(o->fragment) == r.at("plaintext").get<std::string>());
            CHECK(o->sequence_number == seq);
            CHECK(epoch.sequence_number == seq + 1);
            CHECK(o->padding == 0);  // RFC 8448 pads nothing
            ++opened;
            if (o->type == content_type::handshake) {
                const auto types = message_types(o->fragment);
                if (!types.empty() && (types.back() == 20 || types.back() == 5)) (client ? ci : si)++;
            }
        }
    }
    CHECK(opened == 27);
    CHECK(skipped_ccs == 2);
}

TEST_CASE("tls13 nonce and additional data are RFC 8446 §5.2/§5.3's") {
    auto e = test_epoch();
    e.sequence_number = 0x0102030405060708ull;
    // §5.3: the sequence number, big-endian, left-padded to iv_length, XOR iv.
    const auto nonce = protection::tls13_nonce(e);
    CHECK(to_hex(nonce) == "a0a1a2a3" "a5a7a5a3" "adafada3");  // a4^01 a5^02 ... ab^08
    // §5.2: opaque_type || legacy_record_version || length.
    CHECK(to_hex(protection::tls13_additional_data(0x1234)) == "1703031234");
    // The sealed record is exactly AEAD(key, nonce, header, inner plaintext).
    const bytes content = {1, 2, 3};
    bytes out(64);
    const auto rec = protection::tls13_seal(e, content_type::alert, content, 2, out);
    REQUIRE(rec);
    CHECK(e.sequence_number == 0x0102030405060709ull);
    REQUIRE(rec->size() == 5 + 3 + 1 + 2 + 16);
    CHECK(to_hex(rec->first(5)) == "1703030016");
    bytes inner(6);
    REQUIRE(aead::open(e.key, nonce, rec->first(5), rec->subspan(5), inner));
    CHECK(to_hex(inner) == "010203" "15" "0000");  // content, type 21, two zeros
}

TEST_CASE("tls13 seal/open round trip: every AEAD, content types, padding") {
    auto each = [](auto tag) {
        using A = typename decltype(tag)::type;
        protection::tls13_epoch<A> w{}, r{};
        w.key[0] = r.key[0] = 7;
        w.iv[3] = r.iv[3] = 9;
        int n = 0;
        for (content_type type : {content_type::handshake, content_type::alert, content_type::application_data})
            for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 300u})
                for (std::size_t padding : {0u, 1u, 100u}) {
                    if (len == 0 && type != content_type::application_data) continue;
                    bytes content(len);
                    for (std::size_t i = 0; i < len; ++i) content[i] = static_cast<std::uint8_t>(i * 7);
                    if (len > 0) content.back() = 0;  // content ending in zeros is not padding
                    bytes out(5 + len + 1 + padding + A::tag_size);
                    const auto rec = protection::tls13_seal(w, type, content, padding, out);
                    REQUIRE(rec);
                    bytes plain(rec->size());
                    const auto o = protection::tls13_open(r, *rec, plain);
                    REQUIRE(o);
                    CHECK(o->type == type);
                    CHECK(o->fragment.size() == len);
                    CHECK(tlswire::equal_bytes(o->fragment, content));
                    CHECK(o->padding == padding);
                    ++n;
                }
        CHECK(r.sequence_number == static_cast<std::uint64_t>(n));
        CHECK(w.sequence_number == r.sequence_number);
    };
    each(std::type_identity<ref::aes_128_gcm>{});
    each(std::type_identity<ref::aes_256_gcm>{});
    each(std::type_identity<ref::chacha20_poly1305>{});
    each(std::type_identity<ref::aes_128_ccm>{});
    each(std::type_identity<ref::aes_128_ccm_8>{});
}

TEST_CASE("tls13_open: TLSInnerPlaintext rules of RFC 8446 §5.4") {
    const auto e = test_epoch();
    bytes out(1 << 15);
    SUBCASE("all zeros: no content type is unexpected_message") {
        auto r = e;
        const auto o = protection::tls13_open(r, raw_record(e, bytes(20, 0)), out);
        REQUIRE_FALSE(o);
        CHECK(o.err().code == errc::unexpected_message);
        CHECK(o.err().offset == 5);
        CHECK(r.sequence_number == 0);  // refused: the epoch does not advance
    }
    SUBCASE("an empty plaintext (a bare tag) is unexpected_message too") {
        auto r = e;
        CHECK(protection::tls13_open(r, raw_record(e, {}), out).err().code == errc::unexpected_message);
    }
    SUBCASE("empty handshake and alert content are unexpected_message; empty application data is fine") {
        for (std::uint8_t type : {22, 21}) {
            auto r = e;
            const auto o = protection::tls13_open(r, raw_record(e, {type, 0, 0}), out);
            CHECK(o.err().code == errc::unexpected_message);
            CHECK(o.err().where == "TLSInnerPlaintext.content");
        }
        auto r = e;
        const auto o = protection::tls13_open(r, raw_record(e, {23, 0, 0, 0}), out);
        REQUIRE(o);
        CHECK(o->fragment.empty());
        CHECK(o->padding == 3);
    }
    SUBCASE("the type is the last non-zero octet; zeros before it are content") {
        auto r = e;
        const auto o = protection::tls13_open(r, raw_record(e, {0, 0, 5, 0, 22, 0}), out);
        REQUIRE(o);
        CHECK(o->type == content_type::handshake);
        CHECK(to_hex(o->fragment) == "00000500");
        CHECK(o->padding == 1);
    }
    SUBCASE("TLSInnerPlaintext over 2^14 + 1 octets is length_out_of_range (record_overflow)") {
        bytes inner(protection::max_inner_plaintext_length, 0x41);
        inner.back() = 23;
        auto r = e;
        CHECK(protection::tls13_open(r, raw_record(e, inner), out));  // exactly 2^14 + 1: fine
        inner.push_back(0);
        auto r2 = e;
        const auto big = raw_record(e, inner);
        const auto o = protection::tls13_open(r2, big, out);
        CHECK(o.err().code == errc::length_out_of_range);
        CHECK(o.err().where == "TLSInnerPlaintext");
        // A record_size_limit (RFC 8449) lowers the bound.
        auto r3 = e;
        CHECK(protection::tls13_open(r3, raw_record(e, {1, 2, 3, 23}), out, 3).err().code == errc::length_out_of_range);
        auto r4 = e;
        CHECK(protection::tls13_open(r4, raw_record(e, {1, 2, 3, 23}), out, 4));
    }
}

TEST_CASE("tls13_open: header, length, buffer and tag errors; the epoch is left as it was") {
    auto w = test_epoch();
    const bytes content = {0x14, 0, 0, 1, 0xff};
    bytes buf(64);
    const auto sealed = protection::tls13_seal(w, content_type::handshake, content, 0, buf);
    REQUIRE(sealed);
    const bytes rec(sealed->begin(), sealed->end());
    bytes out(64);
    auto fails = [&](bytes r, errc code, std::size_t offset) {
        auto e = test_epoch();
        const auto o = protection::tls13_open(e, r, out);
        CHECK_FALSE(o);
        CHECK(o.err().code == code);
        CHECK(o.err().offset == offset);
        CHECK(e.sequence_number == 0);
    };
    bytes r = rec;
    r[0] = 22;  // outer type handshake
    fails(r, errc::illegal_value, 0);
    r = rec;
    r[2] = 0x01;  // legacy_record_version 0x0301
    fails(r, errc::illegal_value, 1);
    r = rec;
    REQUIRE(r.size() > 5);
    if (!r.empty()) r[r.size() - 1] ^= 0x80;  // the tag (the guard is for the optimizer, which cannot see REQUIRE)
    fails(r, errc::bad_record_mac, 5);
    r = rec;
    r[7] ^= 0x01;  // the ciphertext
    fails(r, errc::bad_record_mac, 5);
    // A fragment shorter than a tag.
    fails(from_hex("170303000f" "000102030405060708090a0b0c0d0e"), errc::bad_record_mac, 5);
    // The header's length must match the bytes given (the record parser, at the length field).
    fails(bytes(rec.begin(), rec.end() - 1), errc::truncated, 3);
    // Over 2^14 + 256: record_overflow, reported at the length field.
    {
        auto e = test_epoch();
        const bytes big(tlswire::max_ciphertext_length_tls13, 0);
        tlswire::protected_record_tls13 big_rec{content_type::application_data, tlswire::protocol_version::tls12, big};
        bytes o(big.size());
        // 2^14 + 256 is a legal TLSCiphertext.length, but with a 16-octet tag
        // its TLSInnerPlaintext would be 2^14 + 240 octets: over 2^14 + 1.
        const auto inner = protection::tls13_open(e, big_rec, o).err();
        CHECK(inner.code == errc::length_out_of_range);
        CHECK(inner.where == "TLSInnerPlaintext");
        CHECK(inner.offset == 5);
        const bytes bigger(tlswire::max_ciphertext_length_tls13 + 1, 0);
        big_rec.fragment = bigger;
        const auto err = protection::tls13_open(e, big_rec, o).err();
        CHECK(err.code == errc::length_out_of_range);
        CHECK(err.offset == 3);
    }
    // Output too small: buffer_overflow with the size needed.
    {
        auto e = test_epoch();
        bytes small(content.size());  // one short: the inner plaintext has the type octet too
        const auto o = protection::tls13_open(e, rec, small);
        CHECK(o.err().code == errc::buffer_overflow);
        CHECK(o.err().offset == content.size() + 1);
        CHECK(e.sequence_number == 0);
    }
    // The right record opens after the failures (they did not advance the epoch).
    auto e = test_epoch();
    const auto o = protection::tls13_open(e, rec, out);
    REQUIRE(o);
    CHECK(tlswire::equal_bytes(o->fragment, content));
    // The same record again is a replay under the next sequence number: bad_record_mac.
    CHECK(protection::tls13_open(e, rec, out).err().code == errc::bad_record_mac);
}

TEST_CASE("tls13 sequence numbers: never wrap; the compatibility ChangeCipherSpec") {
    auto e = test_epoch();
    e.sequence_number = protection::last_sequence_number;
    bytes out(64);
    const auto s = protection::tls13_seal(e, content_type::application_data, {}, 0, out);
    CHECK(s.err().code == errc::illegal_value);
    CHECK(s.err().where == "sequence_number");
    e.sequence_number = protection::last_sequence_number - 1;
    REQUIRE(protection::tls13_seal(e, content_type::application_data, {}, 0, out));
    CHECK(e.sequence_number == protection::last_sequence_number);

    // RFC 8446 §5: the compatibility CCS is the plaintext record 14 03 03 00 01 01.
    const bytes ccs_bytes = from_hex("140303000101"), other_bytes = from_hex("140303000102");
    const auto ccs = tlswire::parse<tlswire::record>(ccs_bytes);
    REQUIRE(ccs);
    CHECK(protection::is_compatibility_change_cipher_spec(*ccs));
    const auto not_ccs = tlswire::parse<tlswire::record>(other_bytes);
    REQUIRE(not_ccs);
    CHECK_FALSE(protection::is_compatibility_change_cipher_spec(*not_ccs));
    // tls13_open refuses it and does not count it.
    auto r = test_epoch();
    CHECK(protection::tls13_open(r, *ccs, out).err().code == errc::illegal_value);
    CHECK(r.sequence_number == 0);
}

TEST_CASE("tls13_seal: what it refuses") {
    auto e = test_epoch();
    bytes out(1 << 15);
    CHECK(protection::tls13_seal(e, static_cast<content_type>(0), bytes{1}, 0, out).err().code == errc::illegal_value);
    const bytes full(protection::max_inner_plaintext_length - 1, 1);
    CHECK(protection::tls13_seal(e, content_type::application_data, full, 0, out));
    CHECK(protection::tls13_seal(e, content_type::application_data, full, 1, out).err().code ==
          errc::length_out_of_range);
    CHECK(protection::tls13_seal(e, content_type::application_data, bytes(full.size() + 1, 1), 0, out).err().code ==
          errc::length_out_of_range);
    bytes small(5 + 3 + 1 + 16 - 1);
    const auto s = protection::tls13_seal(e, content_type::alert, bytes{1, 2, 3}, 0, small);
    CHECK(s.err().code == errc::buffer_overflow);
    CHECK(s.err().offset == small.size() + 1);
    CHECK(e.sequence_number == 1);  // only the one record that was written
    // In place: the content already at out + 5.
    bytes place(5 + 4 + 1 + 16);
    place[5] = 'a', place[6] = 'b', place[7] = 'c', place[8] = 'd';
    auto w = test_epoch(), r = test_epoch();
    const auto rec = protection::tls13_seal(w, content_type::application_data, bytes_view(place).subspan(5, 4), 0, place);
    REQUIRE(rec);
    bytes plain(32);
    const auto o = protection::tls13_open(r, *rec, plain);
    REQUIRE(o);
    CHECK(to_hex(o->fragment) == "61626364");
}

}  // namespace tests_protection_tls13
