// TLS 1.2 AEAD record protection (protection/tls12_aead.hpp): the nonce
// constructions (RFC 5288 §3 explicit salt || nonce_explicit for GCM, RFC
// 6655 §3 for CCM; RFC 7905 §2 iv XOR sequence for ChaCha20-Poly1305) and the
// additional data (RFC 5246 §6.2.3.3) checked by hand, round trips for every
// AEAD, and the errors.
#include <doctest/doctest.h>

#include <vector>

#include "../crypto/test_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/protection/tls12_aead.hpp"

namespace tests_protection_tls12_aead {

namespace ref = tlswire::crypto::reference;
namespace protection = tlswire::protection;
using tlswire::bytes_view;
using tlswire::content_type;
using tlswire::errc;
using tlswire::protocol_version;
using tlswire_test::from_hex;
using tlswire_test::to_hex;
using bytes = std::vector<std::uint8_t>;

namespace {

template <class A>
protection::tls12_aead_epoch<A> make_epoch(std::size_t iv_length) {
    bytes key(A::key_size), iv(iv_length);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(0x10 + i);
    for (std::size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<std::uint8_t>(0xc0 + i);
    auto e = protection::tls12_aead_epoch_from<A>(key, iv);
    REQUIRE(e);
    return *e;
}

// record — a parsed TLSCiphertext view over bytes the caller keeps.
tlswire::protected_record_tls12 record(const bytes& b) {
    REQUIRE(b.size() >= 5);
    return {static_cast<content_type>(b[0]), static_cast<protocol_version>((b[1] << 8) | b[2]),
            bytes_view(b).subspan(5)};
}

// Seal and open in constant evaluation (the reference backend is constexpr).
constexpr bool gcm_round_trip() {
    protection::tls12_aead_epoch<ref::aes_128_gcm> w{}, r{};
    w.key[0] = r.key[0] = 1;
    w.iv[0] = r.iv[0] = 2;  // the salt
    const std::array<std::uint8_t, 16> finished{0x14, 0, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    std::array<std::uint8_t, 64> out{}, plain{};
    const auto rec = protection::tls12_aead_seal(w, content_type::handshake, protocol_version::tls12, finished, out);
    if (!rec || rec->size() != 5 + 8 + 16 + 16) return false;
    const tlswire::protected_record_tls12 parsed{content_type::handshake, protocol_version::tls12, rec->subspan(5)};
    const auto o = protection::tls12_aead_open(r, parsed, plain);
    return o && tlswire::equal_bytes(o->fragment, finished) && r.sequence_number == 1;
}
static_assert(gcm_round_trip());

}  // namespace

TEST_CASE("tls12 AEAD: RFC 5288 explicit nonce and RFC 5246 §6.2.3.3 additional data, by hand") {
    using A = ref::aes_128_gcm;
    auto w = make_epoch<A>(4);  // AES-GCM: a 4-octet salt from the key block
    CHECK(w.nonce == protection::tls12_nonce::explicit_nonce);
    w.sequence_number = 5;
    const bytes plain = from_hex("1400000c000102030405060708090a0b");  // a TLS 1.2 Finished
    bytes out(64);
    const auto rec = protection::tls12_aead_seal(w, content_type::handshake, protocol_version::tls12, plain, out);
    REQUIRE(rec);
    REQUIRE(rec->size() == 5 + 8 + plain.size() + 16);
    // TLSCiphertext.length covers nonce_explicit, ciphertext and tag.
    CHECK(to_hex(rec->first(5)) == "1603030028");
    // nonce_explicit is the sequence number.
    CHECK(to_hex(rec->subspan(5, 8)) == "0000000000000005");
    // nonce = salt || nonce_explicit; AAD = seq_num || type || version || TLSCompressed.length.
    const auto nonce = tlswire_test::hex_array<12>("c0c1c2c3" "0000000000000005");
    const auto aad = from_hex("0000000000000005" "16" "0303" "0010");
    bytes back(plain.size());
    REQUIRE(A::open(w.key, nonce, aad, rec->subspan(13), back));
    CHECK(back == plain);

    auto r = make_epoch<A>(4);
    r.sequence_number = 5;
    bytes got(64);
    const bytes wire(rec->begin(), rec->end());
    const auto o = protection::tls12_aead_open(r, record(wire), got);
    REQUIRE(o);
    CHECK(o->type == content_type::handshake);
    CHECK(o->sequence_number == 5);
    CHECK(r.sequence_number == 6);
    CHECK(to_hex(o->fragment) == to_hex(plain));
}

TEST_CASE("tls12 AEAD: RFC 7905 ChaCha20-Poly1305 nonce = iv XOR sequence, no explicit part") {
    using A = ref::chacha20_poly1305;
    auto w = make_epoch<A>(12);
    CHECK(w.nonce == protection::tls12_nonce::xor_sequence);
    w.sequence_number = 0x0102;
    const bytes plain = {1, 2, 3};
    bytes out(64);
    const auto rec = protection::tls12_aead_seal(w, content_type::application_data, protocol_version::tls12, plain, out);
    REQUIRE(rec);
    REQUIRE(rec->size() == 5 + 3 + 16);
    const auto nonce = tlswire_test::hex_array<12>("c0c1c2c3c4c5c6c7c8c9cbc9");  // ca^01 cb^02
    const auto aad = from_hex("0000000000000102" "17" "0303" "0003");
    bytes back(3);
    REQUIRE(A::open(w.key, nonce, aad, rec->subspan(5), back));
    CHECK(back == plain);
}

TEST_CASE("tls12 AEAD: round trips for GCM, CCM, CCM_8 and ChaCha20-Poly1305") {
    auto each = [](auto tag, std::size_t iv_length) {
        using A = typename decltype(tag)::type;
        auto w = make_epoch<A>(iv_length);
        auto r = make_epoch<A>(iv_length);
        for (std::size_t len : {0u, 1u, 16u, 100u, 16384u}) {
            bytes plain(len, 0x5a);
            bytes out(len + 64), back(len);
            const auto rec = protection::tls12_aead_seal(w, content_type::application_data, protocol_version::tls12,
                                                         plain, out);
            REQUIRE(rec);
            const bytes wire(rec->begin(), rec->end());
            const auto o = protection::tls12_aead_open(r, record(wire), back);
            REQUIRE(o);
            CHECK(o->fragment.size() == len);
            CHECK(tlswire::equal_bytes(o->fragment, plain));
        }
        CHECK(r.sequence_number == 5);
    };
    each(std::type_identity<ref::aes_128_gcm>{}, 4);
    each(std::type_identity<ref::aes_256_gcm>{}, 4);
    each(std::type_identity<ref::aes_128_ccm>{}, 4);
    each(std::type_identity<ref::aes_128_ccm_8>{}, 4);
    each(std::type_identity<ref::aes_256_ccm>{}, 4);
    each(std::type_identity<ref::chacha20_poly1305>{}, 12);
}

TEST_CASE("tls12 AEAD: errors, and the epoch is left as it was") {
    using A = ref::aes_128_gcm;
    auto w = make_epoch<A>(4);
    const bytes plain = {9, 9, 9};
    bytes out(64);
    const auto sealed = protection::tls12_aead_seal(w, content_type::handshake, protocol_version::tls12, plain, out);
    REQUIRE(sealed);
    const bytes wire(sealed->begin(), sealed->end());
    auto fails = [&](const bytes& b, errc code, std::size_t offset) {
        auto e = make_epoch<A>(4);
        bytes o(64);
        const auto r = protection::tls12_aead_open(e, record(b), o);
        CHECK_FALSE(r);
        CHECK(r.err().code == code);
        CHECK(r.err().offset == offset);
        CHECK(e.sequence_number == 0);
    };
    bytes b = wire;
    b[0] = 23;  // the type is additional data
    fails(b, errc::bad_record_mac, 5);
    b = wire;
    b[2] = 0x02;  // so is the version
    fails(b, errc::bad_record_mac, 5);
    b = wire;
    b[5] ^= 1;  // nonce_explicit
    fails(b, errc::bad_record_mac, 5);
    b = wire;
    b.back() ^= 1;  // tag
    fails(b, errc::bad_record_mac, 5);
    fails(from_hex("1603030007" "00010203040506"), errc::truncated, 5);           // inside nonce_explicit
    fails(from_hex("1603030010" "0001020304050607" "0001020304050607"), errc::bad_record_mac, 5);  // no room for a tag
    {
        auto e = make_epoch<A>(4);
        bytes big(tlswire::max_ciphertext_length_tls12 + 1);
        tlswire::protected_record_tls12 rec{content_type::application_data, protocol_version::tls12, big};
        bytes o(big.size());
        const auto r = protection::tls12_aead_open(e, rec, o);
        CHECK(r.err().code == errc::length_out_of_range);
        CHECK(r.err().offset == 3);
        // 2^14 + 1 octets of plaintext: over TLSPlaintext's 2^14 without compression.
        bytes over(8 + (1u << 14) + 1 + 16);
        rec.fragment = over;
        CHECK(protection::tls12_aead_open(e, rec, o).err().code == errc::length_out_of_range);
        // ... but within 2^14 + 1024 when compression was negotiated: then the tag decides.
        CHECK(protection::tls12_aead_open(e, rec, o, (1u << 14) + 1024).err().code == errc::bad_record_mac);
    }
    {
        auto e = make_epoch<A>(4);
        bytes small(2);
        const auto r = protection::tls12_aead_open(e, record(wire), small);
        CHECK(r.err().code == errc::buffer_overflow);
        CHECK(r.err().offset == 3);
    }
    // The epoch's construction comes from the IV length; other lengths are refused.
    const bytes key(16), iv8(8);
    CHECK(protection::tls12_aead_epoch_from<A>(key, iv8).err().code == errc::length_out_of_range);
    CHECK(protection::tls12_aead_epoch_from<A>(bytes(15), bytes(4)).err().code == errc::length_out_of_range);
    // Sequence numbers do not wrap.
    auto e = make_epoch<A>(4);
    e.sequence_number = protection::last_sequence_number;
    CHECK(protection::tls12_aead_seal(e, content_type::handshake, protocol_version::tls12, plain, out).err().code ==
          errc::illegal_value);
    bytes o(64);
    CHECK(protection::tls12_aead_open(e, record(wire), o).err().code == errc::illegal_value);
}

}  // namespace tests_protection_tls12_aead
