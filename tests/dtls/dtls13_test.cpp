// DTLS 1.3 (RFC 9147): the unified header (§4) with and without CID, 8/16-bit
// sequence numbers and the length, demultiplexing (§4.1), the ACK (§7),
// record number encryption (§4.2.3) and the "dtls13" label prefix (§5.9).
// The crypto values were computed independently with the openssl command
// line (openssl enc -aes-128-ecb / -chacha20, openssl kdf HKDF), see each case.
#include <doctest/doctest.h>

#include <array>

#include "dtls_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"

namespace tests_dtls_dtls13 {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

namespace {

std::vector<std::uint8_t> payload(std::size_t n) {
    std::vector<std::uint8_t> b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(0x40 + i);
    return b;
}

// The minimal header of Figure 4 (001 0 0 0 EE, 8-bit sequence) over 16 bytes, in constexpr.
constexpr std::array<std::uint8_t, 18> minimal{0x22, 0x07, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
constexpr bool constexpr_minimal() {
    const auto p = dtls::parse_ciphertext13(bytes_view(minimal.data(), minimal.size()));
    if (!p || p->epoch_bits() != 2 || p->sequence_number != 7 || p->header_size() != 2) return false;
    std::array<std::uint8_t, 18> out{};
    const auto n = serialize(*p, std::span<std::uint8_t>(out));
    return n && *n == 18 && out == minimal;
}
static_assert(constexpr_minimal());

}  // namespace

TEST_CASE("dtls13 unified header: Figure 4's full and minimal forms, with the generic properties") {
    // Full: 001 1 1 1 EE = 0x3f with a 4-byte CID, 16-bit sequence, length.
    std::vector<std::uint8_t> full{0x3f, 0xc1, 0xc2, 0xc3, 0xc4, 0x12, 0x34, 0x00, 0x14};
    const auto body = payload(20);
    full.insert(full.end(), body.begin(), body.end());
    const auto p = dtls::parse_ciphertext13(bytes_view(full.data(), full.size()), 4);
    REQUIRE(p);
    CHECK(p->has_connection_id());
    CHECK(hex(p->connection_id) == "c1c2c3c4");
    CHECK(p->sixteen_bit_sequence());
    CHECK(p->sequence_number == 0x1234);
    CHECK(p->has_length());
    CHECK(p->epoch_bits() == 3);
    CHECK(p->encrypted_record.size() == 20);
    CHECK(p->header_size() == 9);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(*p, out));
    CHECK(out == full);
    // Without the CID length a strict parse refuses the C bit; lenient reads a zero-length CID.
    const auto no_cid = dtls::parse_ciphertext13(bytes_view(full.data(), full.size()), 0);
    REQUIRE_FALSE(no_cid);
    CHECK(no_cid.err().code == errc::illegal_value);
    CHECK(no_cid.err().where == "C");
    CHECK(no_cid.err().offset == 0);

    const std::vector<std::uint8_t> m(minimal.begin(), minimal.end());
    const auto c = test_support::dtls::check_properties<dtls::ciphertext13>(m);
    CHECK(c.prefixes_accepted == 0);  // below 16 bytes of ciphertext: refused
    // 16-bit sequence with length, no CID.
    std::vector<std::uint8_t> l{0x2d, 0xab, 0xcd, 0x00, 0x10};
    const auto b16 = payload(16);
    l.insert(l.end(), b16.begin(), b16.end());
    const auto lc = test_support::dtls::check_properties<dtls::ciphertext13>(l);
    CHECK(lc.mutations == 2);
    CHECK(lc.mutations_accepted == 0);
}

TEST_CASE("dtls13 unified header: fixed bits, CID rules, length bounds ±1, truncations") {
    // Not 001xxxxx: refused in every mode.
    context lenient;
    lenient.mode = strictness::lenient;
    for (const std::uint8_t first : {0x00, 0x17, 0x40, 0xc0, 0xff}) {
        std::vector<std::uint8_t> b{first, 0};
        const auto bb = payload(16);
        b.insert(b.end(), bb.begin(), bb.end());
        const auto p = dtls::parse_ciphertext13(bytes_view(b.data(), b.size()), 0, lenient);
        REQUIRE_FALSE(p);
        CHECK(p.err().code == errc::illegal_value);
        CHECK(p.err().where == "unified_hdr");
    }
    // A negotiated CID but the C bit clear: strict refuses.
    std::vector<std::uint8_t> b{0x20, 0x01};
    const auto b16 = payload(16);
    b.insert(b.end(), b16.begin(), b16.end());
    CHECK_FALSE(dtls::parse_ciphertext13(bytes_view(b.data(), b.size()), 8));
    CHECK(dtls::parse_ciphertext13(bytes_view(b.data(), b.size()), 8, lenient));
    // encrypted_record: 16 ok, 15 refused; 2^14 + 256 ok, + 1 refused (strict).
    const auto with_length = [](std::size_t n) {
        std::vector<std::uint8_t> r{0x24, 0x09, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
        r.resize(4 + n, 0x5a);
        return r;
    };
    for (const auto& entry : {std::pair<std::size_t, bool>{15, false}, {16, true}, {16640, true}, {16641, false}}) {
        const std::size_t n = entry.first;
        const bool ok = entry.second;
        CAPTURE(n);
        const auto r = with_length(n);
        const auto p = dtls::parse_ciphertext13(bytes_view(r.data(), r.size()));
        CHECK(static_cast<bool>(p) == ok);
        if (!ok) {
            CHECK(p.err().code == errc::length_out_of_range);
            CHECK(p.err().offset == 2);
            CHECK(dtls::parse_ciphertext13(bytes_view(r.data(), r.size()), 0, lenient));
        }
    }
    // Truncation: the CID, the sequence number, the length field.
    const std::vector<std::uint8_t> full{0x3c, 0xc1, 0xc2, 0x12, 0x34, 0x00, 0x10};
    const std::size_t want[] = {0, 1, 1, 3, 3, 5, 5};
    for (std::size_t n = 0; n < full.size(); ++n) {
        CAPTURE(n);
        const auto p = dtls::parse_ciphertext13(bytes_view(full.data(), n), 2);
        REQUIRE_FALSE(p);
        CHECK(p.err().code == errc::truncated);
        CHECK(p.err().offset == want[n]);
    }
    // A writer refuses a sequence number too wide for an 8-bit field.
    dtls::ciphertext13 w;
    w.unified_hdr = 0x20;
    w.sequence_number = 0x100;
    const auto bytes16 = payload(16);
    w.encrypted_record = bytes_view(bytes16.data(), bytes16.size());
    std::vector<std::uint8_t> out;
    const auto s = serialize(w, out);
    REQUIRE_FALSE(s);
    CHECK(s.err().code == errc::length_overflow);
    CHECK(s.err().offset == 1);
}

TEST_CASE("dtls13 datagram: plaintext and ciphertext records demultiplexed by their first byte (§4.1)") {
    CHECK(dtls::classify13(21) == dtls::record_kind::plaintext);
    CHECK(dtls::classify13(22) == dtls::record_kind::plaintext);
    CHECK(dtls::classify13(26) == dtls::record_kind::plaintext);
    CHECK(dtls::classify13(23) == dtls::record_kind::reject);
    CHECK(dtls::classify13(20) == dtls::record_kind::reject);
    CHECK(dtls::classify13(31) == dtls::record_kind::reject);
    CHECK(dtls::classify13(32) == dtls::record_kind::ciphertext);
    CHECK(dtls::classify13(63) == dtls::record_kind::ciphertext);
    CHECK(dtls::classify13(64) == dtls::record_kind::reject);
    // A plaintext ACK (epoch 0 in DTLSPlaintext), a ciphertext with length, one without (last).
    auto dg = test_support::dtls::record(26, 0xfefd, 0, 5, {0x00, 0x00});
    std::vector<std::uint8_t> c1{0x2c, 0x00, 0x01, 0x00, 0x10};
    const auto p16 = payload(16);
    c1.insert(c1.end(), p16.begin(), p16.end());
    std::vector<std::uint8_t> c2{0x23, 0x02};
    c2.insert(c2.end(), p16.begin(), p16.end());
    dg.insert(dg.end(), c1.begin(), c1.end());
    dg.insert(dg.end(), c2.begin(), c2.end());
    std::vector<std::size_t> plain, cipher;
    const auto r = dtls::for_each_record13(
        bytes_view(dg.data(), dg.size()), 100, 0, {},
        [&](const dtls::plaintext& p, std::size_t at) {
            CHECK(p.type == content_type::ack);
            plain.push_back(at);
        },
        [&](const dtls::ciphertext13&, std::size_t at) { cipher.push_back(at); });
    CHECK(r);
    CHECK(plain == std::vector<std::size_t>{100});
    CHECK(cipher == std::vector<std::size_t>{115, 136});
    auto bad = test_support::dtls::record(22, 0xfefd, 0, 0, {1});
    bad.push_back(0x17);
    const auto rej = dtls::for_each_record13(bytes_view(bad.data(), bad.size()), 0, 0, {},
                                             [](const dtls::plaintext&, std::size_t) {},
                                             [](const dtls::ciphertext13&, std::size_t) {});
    REQUIRE_FALSE(rej);
    CHECK(rej.err().code == errc::illegal_value);
    CHECK(rej.err().offset == 14);
}

TEST_CASE("dtls13 ACK: record_numbers of {uint64 epoch; uint64 sequence_number}, increasing, properties") {
    const auto ack_bytes = unhex(
        "0030"
        "0000000000000002" "0000000000000000"
        "0000000000000002" "0000000000000001"
        "0000000000000003" "0000000000000000");
    const auto a = parse<dtls::ack>(bytes_view(ack_bytes.data(), ack_bytes.size()));
    REQUIRE(a);
    REQUIRE(a->record_numbers.size() == 3);
    std::vector<dtls::record_number> got(a->record_numbers.begin(), a->record_numbers.end());
    CHECK(got[1] == dtls::record_number{2, 1});
    const auto c = test_support::dtls::check_properties<dtls::ack>(ack_bytes);
    CHECK(c.prefixes == ack_bytes.size());
    CHECK(c.mutations == 2);
    test_support::dtls::check_properties<dtls::ack>(unhex("0000"));
    // Out of order (and a repeat) refused at the element, strict only.
    auto swapped = ack_bytes;
    std::swap_ranges(swapped.begin() + 2, swapped.begin() + 18, swapped.begin() + 18);
    const auto s = parse<dtls::ack>(bytes_view(swapped.data(), swapped.size()));
    REQUIRE_FALSE(s);
    CHECK(s.err().code == errc::illegal_value);
    CHECK(s.err().offset == 18);
    context lenient;
    lenient.mode = strictness::lenient;
    CHECK(parse<dtls::ack>(bytes_view(swapped.data(), swapped.size()), lenient));
    // A partial RecordNumber.
    const auto partial = unhex("0011" "0000000000000002" "0000000000000000" "00");
    const auto pr = parse<dtls::ack>(bytes_view(partial.data(), partial.size()));
    REQUIRE_FALSE(pr);
    CHECK(pr.err().code == errc::truncated);
    CHECK(pr.err().offset == 18);
    // Built from values.
    const dtls::record_number rn[] = {{0, 1}, {1, 0}};
    dtls::ack built;
    built.record_numbers = rn;
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(built, out));
    CHECK(hex(out) == "0020" "0000000000000000" "0000000000000001" "0000000000000001" "0000000000000000");
}

TEST_CASE("dtls13 record number encryption: AES-ECB and ChaCha20 masks, the XOR, the sn key's dtls13 label") {
    // AES-128: key 000102..0f, ciphertext starting 00112233..ff; the mask is
    // AES-ECB of those 16 bytes: `openssl enc -aes-128-ecb -K 000102030405060708090a0b0c0d0e0f -nopad`
    // gives 69c4e0d86a7b0430d8cdb78070b4c55a.
    const auto key = unhex("000102030405060708090a0b0c0d0e0f");
    auto ct = unhex("00112233445566778899aabbccddeeff");
    ct.push_back(0x99);  // ciphertext may be longer; only the first 16 bytes count
    const auto m = dtls::mask_aes<crypto::reference::aes128>(std::span<const std::uint8_t, 16>(key.data(), 16),
                                                           bytes_view(ct.data(), ct.size()));
    REQUIRE(m);
    CHECK(hex(*m) == "69c4e0d86a7b0430d8cdb78070b4c55a");
    CHECK(dtls::apply_mask(*m, 0x0001, true) == (0x69c4 ^ 0x0001));
    CHECK(dtls::apply_mask(*m, 0x05, false) == (0x69 ^ 0x05));
    CHECK(dtls::apply_mask(*m, dtls::apply_mask(*m, 0x1234, true), true) == 0x1234);
    const auto short_ct = dtls::mask_aes<crypto::reference::aes128>(std::span<const std::uint8_t, 16>(key.data(), 16),
                                                                   bytes_view(ct.data(), 15));
    REQUIRE_FALSE(short_ct);
    CHECK(short_ct.err().code == errc::length_out_of_range);

    // ChaCha20: key 00..1f; ciphertext 01000000 000000090000004a00000000 is counter 1
    // (little-endian) and the nonce of RFC 8439 §2.3.2; `openssl enc -chacha20 -K <key>
    // -iv 01000000000000090000004a00000000` over 16 zero bytes gives 10f1e7e4d13b5915500fdd1fa32071c4.
    const auto k32 = unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    const auto ct2 = unhex("01000000000000090000004a00000000");
    const auto m2 = dtls::mask_chacha20(std::span<const std::uint8_t, 32>(k32.data(), 32), bytes_view(ct2.data(), ct2.size()));
    REQUIRE(m2);
    CHECK(hex(*m2) == "10f1e7e4d13b5915500fdd1fa32071c4");

    // A record: decrypt its sequence number with the mask over its encrypted_record.
    std::vector<std::uint8_t> rec{0x2c, 0x69 ^ 0x00, 0xc4 ^ 0x2a, 0x00, 0x11};
    rec.insert(rec.end(), ct.begin(), ct.end());
    const auto r = dtls::parse_ciphertext13(bytes_view(rec.data(), rec.size()));
    REQUIRE(r);
    const auto rm = dtls::mask_aes<crypto::reference::aes128>(std::span<const std::uint8_t, 16>(key.data(), 16),
                                                            r->encrypted_record);
    REQUIRE(rm);
    CHECK(dtls::decrypt_sequence_number(*r, *rm) == 0x002a);

    // sn_key = HKDF-Expand-Label(Secret, "sn", "", 16) with the "dtls13" prefix (§5.9):
    // `openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:<k32>
    //  -kdfopt hexinfo:00100864746c733133736e00 HKDF` gives c5b1a0649ea4fdafbe7e256665068222.
    std::array<std::uint8_t, 16> sn{};
    REQUIRE(dtls::derive_sn_key<crypto::reference::sha256>(bytes_view(k32.data(), k32.size()), sn));
    CHECK(hex(sn) == "c5b1a0649ea4fdafbe7e256665068222");
}

}  // namespace tests_dtls_dtls13
