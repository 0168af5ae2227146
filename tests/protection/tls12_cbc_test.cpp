// TLS 1.0–1.2 CBC record protection with HMAC (protection/tls12_cbc.hpp):
// MAC-then-encrypt (RFC 5246 §6.2.3.2) and encrypt-then-MAC (RFC 7366 §3)
// layouts checked by hand; explicit IVs (TLS 1.1+) and the chained IV of TLS
// 1.0; records built with seal and opened; tampering (a bad MAC, bad padding,
// both orders) refused with the right error.
#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "../crypto/test_support.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/protection/tls12_cbc.hpp"

namespace tests_protection_tls12_cbc {

namespace ref = tlswire::crypto::reference;
namespace protection = tlswire::protection;
using tlswire::bytes_view;
using tlswire::content_type;
using tlswire::errc;
using tlswire::protocol_version;
using tlswire_test::from_hex;
using tlswire_test::to_hex;
using bytes = std::vector<std::uint8_t>;
using protection::cbc_iv;
using protection::mac_order;

namespace {

template <class C, class H>
protection::tls12_cbc_epoch<C, H> make_epoch(cbc_iv iv_mode, mac_order order) {
    protection::tls12_cbc_epoch<C, H> e{};
    for (std::size_t i = 0; i < e.key.size(); ++i) e.key[i] = static_cast<std::uint8_t>(0x20 + i);
    for (std::size_t i = 0; i < e.mac_key.size(); ++i) e.mac_key[i] = static_cast<std::uint8_t>(0x70 + i);
    for (std::size_t i = 0; i < e.iv.size(); ++i) e.iv[i] = static_cast<std::uint8_t>(0xe0 + i);
    e.iv_mode = iv_mode;
    e.order = order;
    return e;
}

tlswire::protected_record_tls12 record(const bytes& b) {
    REQUIRE(b.size() >= 5);
    return {static_cast<content_type>(b[0]), static_cast<protocol_version>((b[1] << 8) | b[2]), bytes_view(b).subspan(5)};
}

constexpr std::array<std::uint8_t, 16> explicit_iv{0x99, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

// mac_input — seq_num + type + version + length (RFC 5246 §6.2.3.1), then data.
bytes mac_input(std::uint64_t seq, std::uint8_t type, std::size_t length, bytes_view data) {
    bytes m;
    for (int i = 7; i >= 0; --i) m.push_back(static_cast<std::uint8_t>(seq >> (8 * i)));
    m.push_back(type);
    m.push_back(0x03);
    m.push_back(0x03);
    m.push_back(static_cast<std::uint8_t>(length >> 8));
    m.push_back(static_cast<std::uint8_t>(length));
    m.insert(m.end(), data.begin(), data.end());
    return m;
}

using C = ref::aes_128_cbc;
using H = ref::sha1;

// A TLS 1.2 application_data record whose fragment is `parts` in order. Sized
// up front: appending to a 5-octet vector makes g++ 12's -O3 -Warray-bounds
// misfire in some inlining contexts.
bytes application_record(std::initializer_list<bytes_view> parts) {
    std::size_t n = 0;
    for (bytes_view p : parts) n += p.size();
    bytes rec(5 + n);
    rec[0] = 0x17;
    rec[1] = 0x03;
    rec[2] = 0x03;
    rec[3] = static_cast<std::uint8_t>(n >> 8);
    rec[4] = static_cast<std::uint8_t>(n);
    std::size_t at = 5;
    for (bytes_view p : parts) {
        std::copy(p.begin(), p.end(), rec.begin() + static_cast<std::ptrdiff_t>(at));
        at += p.size();
    }
    return rec;
}

// A MAC-then-encrypt record from a plaintext block laid out by hand
// (content || MAC || padding), for the records seal will not make.
bytes mte_record(const protection::tls12_cbc_epoch<C, H>& e, bytes block) {
    REQUIRE(block.size() % 16 == 0);
    bytes enc(block.size());
    REQUIRE(C::encrypt(e.key, explicit_iv, block, enc));
    return application_record({explicit_iv, enc});
}

// An encrypt-then-MAC record from a plaintext block laid out by hand, with a correct MAC.
bytes etm_record(const protection::tls12_cbc_epoch<C, H>& e, bytes block) {
    REQUIRE(block.size() % 16 == 0);
    bytes covered(explicit_iv.begin(), explicit_iv.end());
    bytes enc(block.size());
    REQUIRE(C::encrypt(e.key, explicit_iv, block, enc));
    covered.insert(covered.end(), enc.begin(), enc.end());
    const auto mac = tlswire::crypto::hmac<H>(e.mac_key, mac_input(0, 0x17, covered.size(), covered));
    return application_record({covered, mac});
}

// Seal and open in constant evaluation, both orders (the reference backend is constexpr).
constexpr bool cbc_round_trip(mac_order order) {
    protection::tls12_cbc_epoch<ref::aes_128_cbc, ref::sha256> w{}, r{};
    w.key[0] = r.key[0] = 1;
    w.mac_key[0] = r.mac_key[0] = 2;
    w.order = r.order = order;
    const std::array<std::uint8_t, 20> content{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    std::array<std::uint8_t, 128> out{}, plain{};
    const auto rec = protection::tls12_cbc_seal(w, content_type::application_data, protocol_version::tls12, content,
                                                explicit_iv, out);
    if (!rec) return false;
    const tlswire::protected_record_tls12 parsed{content_type::application_data, protocol_version::tls12,
                                                 rec->subspan(5)};
    const auto o = protection::tls12_cbc_open(r, parsed, plain);
    return o && tlswire::equal_bytes(o->fragment, content) && r.sequence_number == 1;
}
static_assert(cbc_round_trip(mac_order::mac_then_encrypt));
static_assert(cbc_round_trip(mac_order::encrypt_then_mac));

}  // namespace

TEST_CASE("tls12 CBC, MAC-then-encrypt: the GenericBlockCipher layout of RFC 5246 §6.2.3.2, by hand") {
    auto w = make_epoch<C, H>(cbc_iv::explicit_iv, mac_order::mac_then_encrypt);
    w.sequence_number = 3;
    const bytes content = from_hex("1400000c0102030405060708090a0b0c");  // 16 octets
    bytes out(128);
    const auto rec = protection::tls12_cbc_seal(w, content_type::handshake, protocol_version::tls12, content,
                                                explicit_iv, out);
    REQUIRE(rec);
    // 16 content + 20 MAC + 1 padding_length = 37 -> padded to 48: padding_length 11.
    REQUIRE(rec->size() == 5 + 16 + 48);
    CHECK(to_hex(rec->first(5)) == "1603030040");
    CHECK(tlswire::equal_bytes(rec->subspan(5, 16), bytes_view(explicit_iv)));
    bytes plain(48);
    REQUIRE(C::decrypt(w.key, explicit_iv, rec->subspan(21), plain));
    CHECK(to_hex(bytes_view(plain).first(16)) == to_hex(content));
    const auto mac = tlswire::crypto::hmac<H>(w.mac_key, mac_input(3, 22, 16, content));
    CHECK(to_hex(bytes_view(plain).subspan(16, 20)) == to_hex(mac));
    CHECK(to_hex(bytes_view(plain).subspan(36)) == "0b0b0b0b0b0b0b0b0b0b0b0b");  // 11 padding octets of 11, and 11

    auto r = make_epoch<C, H>(cbc_iv::explicit_iv, mac_order::mac_then_encrypt);
    r.sequence_number = 3;
    const bytes wire(rec->begin(), rec->end());
    bytes got(64);
    const auto o = protection::tls12_cbc_open(r, record(wire), got);
    REQUIRE(o);
    CHECK(to_hex(o->fragment) == to_hex(content));
    CHECK(o->padding == 12);
    CHECK(o->sequence_number == 3);
    CHECK(r.sequence_number == 4);
}

TEST_CASE("tls12 CBC, encrypt-then-MAC: RFC 7366 §3's MAC over the IV and the ciphertext, by hand") {
    auto w = make_epoch<C, H>(cbc_iv::explicit_iv, mac_order::encrypt_then_mac);
    const bytes content = {0xaa, 0xbb, 0xcc};
    bytes out(128);
    const auto rec = protection::tls12_cbc_seal(w, content_type::application_data, protocol_version::tls12, content,
                                                explicit_iv, out);
    REQUIRE(rec);
    // 3 content + 1 padding_length -> 16: padding_length 12; then IV 16 and MAC 20.
    REQUIRE(rec->size() == 5 + 16 + 16 + 20);
    CHECK(to_hex(rec->first(5)) == "1703030034");
    bytes plain(16);
    REQUIRE(C::decrypt(w.key, explicit_iv, rec->subspan(21, 16), plain));
    CHECK(to_hex(plain) == "aabbcc" "0c0c0c0c0c0c0c0c0c0c0c0c" "0c");
    // length = the IV and the ciphertext, not the MAC.
    const auto mac = tlswire::crypto::hmac<H>(w.mac_key, mac_input(0, 23, 32, rec->subspan(5, 32)));
    CHECK(to_hex(rec->subspan(37)) == to_hex(mac));
}

TEST_CASE("tls12 CBC: round trips, both orders, explicit and chained IVs, SHA-1/256/384, extra padding") {
    auto each = [](auto ctag, auto htag) {
        using CC = typename decltype(ctag)::type;
        using HH = typename decltype(htag)::type;
        for (cbc_iv iv_mode : {cbc_iv::explicit_iv, cbc_iv::chained})
            for (mac_order order : {mac_order::mac_then_encrypt, mac_order::encrypt_then_mac}) {
                auto w = make_epoch<CC, HH>(iv_mode, order);
                auto r = make_epoch<CC, HH>(iv_mode, order);
                int n = 0;
                for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 1000u, 16384u})
                    for (std::size_t extra : {0u, 3u}) {
                        bytes content(len);
                        for (std::size_t i = 0; i < len; ++i) content[i] = static_cast<std::uint8_t>(i);
                        bytes out(len + 512), back(len + 512);
                        const auto rec = protection::tls12_cbc_seal(w, content_type::application_data,
                                                                    protocol_version::tls12, content, explicit_iv, out,
                                                                    extra);
                        REQUIRE(rec);
                        const bytes wire(rec->begin(), rec->end());
                        const auto o = protection::tls12_cbc_open(r, record(wire), back);
                        REQUIRE_MESSAGE(o, tlswire::to_string(o.err().code), " ", o.err().where);
                        CHECK(tlswire::equal_bytes(o->fragment, content));
                        CHECK((o->padding - 1 - extra * 16) < 16);
                        ++n;
                    }
                CHECK(r.sequence_number == static_cast<std::uint64_t>(n));
                CHECK(r.iv == w.iv);  // chained: both sides moved to the same last block
            }
    };
    each(std::type_identity<ref::aes_128_cbc>{}, std::type_identity<ref::sha1>{});
    each(std::type_identity<ref::aes_256_cbc>{}, std::type_identity<ref::sha1>{});
    each(std::type_identity<ref::aes_128_cbc>{}, std::type_identity<ref::sha256>{});
    each(std::type_identity<ref::aes_256_cbc>{}, std::type_identity<ref::sha384>{});
}

TEST_CASE("tls12 CBC, TLS 1.0: the IV is the previous record's last ciphertext block (RFC 2246 §6.2.3.2)") {
    auto w = make_epoch<C, H>(cbc_iv::chained, mac_order::mac_then_encrypt);
    CHECK(protection::cbc_iv_for(protocol_version::tls10) == cbc_iv::chained);
    CHECK(protection::cbc_iv_for(protocol_version::tls11) == cbc_iv::explicit_iv);
    std::vector<bytes> records;
    for (int i = 0; i < 3; ++i) {
        bytes out(128);
        const auto rec = protection::tls12_cbc_seal(w, content_type::application_data, protocol_version::tls10,
                                                    bytes(5, static_cast<std::uint8_t>(i)), explicit_iv, out);
        REQUIRE(rec);
        CHECK(rec->size() == 5 + 32);  // no IV on the wire
        records.emplace_back(rec->begin(), rec->end());
        CHECK(tlswire::equal_bytes(bytes_view(w.iv), bytes_view(records.back()).last(16)));
    }
    // In order they open; the second first does not (wrong IV and sequence number).
    auto out_of_order = make_epoch<C, H>(cbc_iv::chained, mac_order::mac_then_encrypt);
    bytes back(64);
    CHECK(protection::tls12_cbc_open(out_of_order, record(records[1]), back).err().code == errc::bad_record_mac);
    auto r = make_epoch<C, H>(cbc_iv::chained, mac_order::mac_then_encrypt);
    for (int i = 0; i < 3; ++i) {
        const auto o = protection::tls12_cbc_open(r, record(records[static_cast<std::size_t>(i)]), back);
        REQUIRE(o);
        CHECK(to_hex(o->fragment) == to_hex(bytes(5, static_cast<std::uint8_t>(i))));
    }
}

TEST_CASE("tls12 CBC, MAC-then-encrypt: a bad MAC and bad padding are bad_record_mac") {
    const auto e = make_epoch<C, H>(cbc_iv::explicit_iv, mac_order::mac_then_encrypt);
    const bytes content = {1, 2, 3, 4, 5, 6, 7};
    const auto mac = tlswire::crypto::hmac<H>(e.mac_key, mac_input(0, 23, content.size(), content));
    auto block = [&](bytes padding) {
        bytes b = content;
        b.insert(b.end(), mac.begin(), mac.end());
        b.insert(b.end(), padding.begin(), padding.end());
        return b;
    };
    auto open = [&](const bytes& rec) {
        auto r = e;
        bytes out(rec.size());
        const auto o = protection::tls12_cbc_open(r, record(rec), out);
        if (!o) CHECK(r.sequence_number == 0);
        return o;
    };
    // 7 + 20 = 27; padding 5 octets of 4 -> 32. The good record opens.
    CHECK(open(mte_record(e, block({4, 4, 4, 4, 4}))));
    // Padding of 21 (one more block) is also fine: up to 255 octets may be sent.
    CHECK(open(mte_record(e, block(bytes(21, 20)))));
    SUBCASE("a padding octet that is not padding_length") {
        const auto o = open(mte_record(e, block({4, 4, 3, 4, 4})));
        CHECK(o.err().code == errc::bad_record_mac);
        CHECK(o.err().where == "GenericBlockCipher.padding");
    }
    SUBCASE("padding_length reaching into the MAC") {
        bytes b = block({4, 4, 4, 4, 4});
        b.back() = 30;  // 31 octets of padding leave no room for content and MAC
        CHECK(open(mte_record(e, b)).err().where == "GenericBlockCipher.padding");
    }
    SUBCASE("a wrong MAC with good padding") {
        bytes b = block({4, 4, 4, 4, 4});
        b[7] ^= 0x01;  // the MAC's first octet
        const auto o = open(mte_record(e, b));
        CHECK(o.err().code == errc::bad_record_mac);
        CHECK(o.err().where == "GenericBlockCipher.MAC");
        bytes c = block({4, 4, 4, 4, 4});
        c[0] ^= 0x01;  // the content
        CHECK(open(mte_record(e, c)).err().where == "GenericBlockCipher.MAC");
    }
    SUBCASE("a flipped ciphertext bit") {
        bytes rec = mte_record(e, block({4, 4, 4, 4, 4}));
        rec[5 + 16] ^= 0x01;
        CHECK(open(rec).err().code == errc::bad_record_mac);
        rec = mte_record(e, block({4, 4, 4, 4, 4}));
        rec[5] ^= 0x01;  // the explicit IV: changes the first plaintext block, i.e. the content
        CHECK(open(rec).err().where == "GenericBlockCipher.MAC");
    }
    SUBCASE("lengths") {
        bytes rec = mte_record(e, block({4, 4, 4, 4, 4}));
        rec.pop_back();
        rec[4] -= 1;
        CHECK(open(rec).err().code == errc::length_not_multiple);
        // One block: no room for a 20-octet MAC and the padding length.
        CHECK(open(mte_record(e, bytes(16, 15))).err().code == errc::bad_record_mac);
        // Inside the IV.
        CHECK(open(from_hex("1703030008" "0001020304050607")).err().code == errc::truncated);
        // Output too small.
        auto r = e;
        bytes small(10);
        const auto good = mte_record(e, block({4, 4, 4, 4, 4}));
        const auto o = protection::tls12_cbc_open(r, record(good), small);
        CHECK(o.err().code == errc::buffer_overflow);
        CHECK(o.err().offset == 32);
    }
}

TEST_CASE("tls12 CBC, encrypt-then-MAC: the MAC is checked first; bad padding under a good MAC") {
    const auto e = make_epoch<C, H>(cbc_iv::explicit_iv, mac_order::encrypt_then_mac);
    auto open = [&](const bytes& rec) {
        auto r = e;
        bytes out(rec.size());
        return protection::tls12_cbc_open(r, record(rec), out);
    };
    bytes good(16, 0);
    good.back() = 8;  // 7 content octets, 8 octets of 8, padding_length 8
    for (std::size_t i = 7; i < 15; ++i) good[i] = 8;
    const auto o = open(etm_record(e, good));
    REQUIRE(o);
    CHECK(o->fragment.size() == 7);
    SUBCASE("a flipped bit in the MAC, the ciphertext or the IV") {
        for (std::size_t at : {5u + 32 + 3, 5u + 16 + 1, 5u}) {
            bytes rec = etm_record(e, good);
            rec[at] ^= 0x40;
            const auto r = open(rec);
            CHECK(r.err().code == errc::bad_record_mac);
            CHECK(r.err().where == "MAC");
        }
    }
    SUBCASE("bad padding under a good MAC") {
        bytes b = good;
        b[9] = 7;
        const auto r = open(etm_record(e, b));
        CHECK(r.err().code == errc::bad_record_mac);
        CHECK(r.err().where == "GenericBlockCipher.padding");
    }
    SUBCASE("authenticated, but not whole blocks") {
        // IV (16) + 8 octets + a correct MAC over them.
        bytes covered(explicit_iv.begin(), explicit_iv.end());
        covered.insert(covered.end(), 8, 0x11);
        const auto mac = tlswire::crypto::hmac<H>(e.mac_key, mac_input(0, 0x17, covered.size(), covered));
        const bytes rec = application_record({covered, mac});
        CHECK(open(rec).err().code == errc::length_not_multiple);
    }
    SUBCASE("shorter than the IV and a MAC") {
        CHECK(open(from_hex("1703030010" "000102030405060708090a0b0c0d0e0f")).err().code == errc::bad_record_mac);
    }
}

TEST_CASE("tls12 CBC: epochs from key material; seal limits") {
    // A key block laid out as RFC 5246 §6.3 does (TLS 1.0: with IVs).
    bytes block(2 * (20 + 16 + 16));
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<std::uint8_t>(i);
    const bytes_view b(block);
    const tlswire::tls12::key_material km{b.subspan(0, 20), b.subspan(20, 20), b.subspan(40, 16),
                                          b.subspan(56, 16), b.subspan(72, 16), b.subspan(88, 16)};
    const auto client = protection::tls12_cbc_epoch_from<C, H>(km, tlswire::role::client, protocol_version::tls10,
                                                               mac_order::mac_then_encrypt);
    REQUIRE(client);
    CHECK(client->iv_mode == cbc_iv::chained);
    CHECK(client->mac_key[0] == 0);
    CHECK(client->key[0] == 40);
    CHECK(client->iv[0] == 72);
    const auto server = protection::tls12_cbc_epoch_from<C, H>(km, tlswire::role::server, protocol_version::tls12,
                                                               mac_order::encrypt_then_mac);
    REQUIRE(server);
    CHECK(server->iv_mode == cbc_iv::explicit_iv);
    CHECK(server->mac_key[0] == 20);
    CHECK(server->key[0] == 56);
    CHECK(protection::tls12_cbc_epoch_from<C, ref::sha256>(km, tlswire::role::client, protocol_version::tls12,
                                                           mac_order::mac_then_encrypt)
              .err()
              .code == errc::length_out_of_range);

    // 3 + 20 + 1 = 24 octets need 8 of padding; 15 more blocks make 248 (at
    // most 255 may be sent, RFC 5246 §6.2.3.2), 16 more would make 264.
    auto w = make_epoch<C, H>(cbc_iv::explicit_iv, mac_order::mac_then_encrypt);
    bytes out(1 << 15);
    CHECK(protection::tls12_cbc_seal(w, content_type::application_data, protocol_version::tls12, bytes(3), explicit_iv,
                                     out, 15));
    CHECK(protection::tls12_cbc_seal(w, content_type::application_data, protocol_version::tls12, bytes(3), explicit_iv,
                                     out, 16)
              .err()
              .code == errc::length_out_of_range);
    bytes small(5 + 16 + 32 - 1);
    const auto s = protection::tls12_cbc_seal(w, content_type::application_data, protocol_version::tls12, bytes(3),
                                              explicit_iv, small);
    CHECK(s.err().code == errc::buffer_overflow);
    CHECK(s.err().offset == small.size() + 1);
}

}  // namespace tests_protection_tls12_cbc
