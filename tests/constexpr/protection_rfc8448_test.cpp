// RFC 8448 §3 (simple 1-RTT handshake, TLS_AES_128_GCM_SHA256) record
// protection at compile time with the reference backend: from the (EC)DHE
// shared secret and the two hellos, the existing key schedule derives the
// handshake traffic secrets; tls13_epoch_from_secret turns them into the
// write key and IV (RFC 8446 §7.3); tls13_open decrypts
//  * the server's protected handshake record (679 octets: EncryptedExtensions,
//    Certificate, CertificateVerify, Finished), and
//  * the client's Finished record (58 octets),
// finds their content type behind the AEAD (22, handshake; RFC 8446 §5.4),
// and the messages inside are checked: their types and lengths, and both
// Finished values, recomputed from the decrypted transcript (RFC 8446 §4.4.4);
// the client's Finished once more through suite_epoch (protection/suite.hpp).
// Each step is its own constexpr variable, so each is a separate constant
// evaluation within the compilers' default step limits. The record hex is
// transcribed from RFC 8448 §3 ("complete record"), the hellos and the shared
// secret as in schedule_rfc8448_test.cpp; a run-time test compares the
// records with vectors/rfc8448/simple_1rtt.json.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>

#include "../crypto/test_support.hpp"
#include "../support/vectors.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/protection/suite.hpp"
#include "tlswire/protection/tls13.hpp"
#include "tlswire/schedule/tls13.hpp"
#include "tlswire/schedule/transcript.hpp"

namespace tests_constexpr_protection_rfc8448 {

namespace {

using tlswire_test::hex_array;
using H = tlswire::crypto::reference::sha256;
using A = tlswire::crypto::reference::aes_128_gcm;
namespace tls13 = tlswire::tls13;
namespace protection = tlswire::protection;
using tlswire::content_type;
using tlswire::schedule::transcript_hash;

constexpr auto client_hello = hex_array<196>("010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece700000613011303130201"
    "0000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
    "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b00"
    "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
    "00024001");
constexpr auto server_hello = hex_array<90>("020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024"
    "001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304");
constexpr auto shared_secret = hex_array<32>("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");

// {server} send handshake record: complete record (679 octets).
constexpr auto server_handshake_record = hex_array<679>(
    "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848a7ca"
    "07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13b"
    "d9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c"
    "7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd61092"
    "8d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a8"
    "9441ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f"
    "4415cf9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a3"
    "6ac1b639c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e"
    "1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052c"
    "f93b16499a66db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe"
    "5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb"
    "5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038"
    "ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd50278"
    "4016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e"
    "750edc53370d2b");
// {client} send handshake record: complete record (58 octets).
constexpr auto client_finished_record = hex_array<58>(
    "170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1c"
    "aeacab6867d726c40546");

// The key schedule (RFC 8446 §7.1) up to the handshake traffic secrets.
constexpr auto hash_hello = transcript_hash<H>(client_hello, server_hello);
constexpr auto handshake_secret = tls13::handshake_secret<H>(tls13::early_secret<H>(), shared_secret);
constexpr auto s_hs = tls13::server_handshake_traffic_secret<H>(handshake_secret, hash_hello);
constexpr auto c_hs = tls13::client_handshake_traffic_secret<H>(handshake_secret, hash_hello);

// RFC 8446 §7.3: the write keys; RFC 8448 prints them ("key expanded", "iv expanded").
constexpr auto server_epoch = protection::tls13_epoch_from_secret<H, A>(s_hs);
constexpr auto client_epoch = protection::tls13_epoch_from_secret<H, A>(c_hs);
static_assert(server_epoch.key == hex_array<16>("3fce516009c21727d0f2e4e86ee403bc"));
static_assert(server_epoch.iv == hex_array<12>("5d313eb2671276ee13000b30"));
static_assert(client_epoch.key == hex_array<16>("dbfaa693d1762c5b666af5d950258d01"));
static_assert(client_epoch.iv == hex_array<12>("5bd3c71b836e0b76bb73265f"));
static_assert(server_epoch.sequence_number == 0);

// opened — a decrypted record copied out of the constant evaluation.
template <std::size_t N>
struct opened {
    bool ok = false;
    content_type type{};
    std::size_t length = 0;
    std::size_t padding = 0;
    std::uint64_t sequence_number = 0;       // the record's
    std::uint64_t next_sequence_number = 0;  // the epoch's afterwards
    std::array<std::uint8_t, N> content{};
};

template <std::size_t N, std::size_t R>
constexpr opened<N> open_record(protection::tls13_epoch<A> epoch, const std::array<std::uint8_t, R>& record) {
    std::array<std::uint8_t, R> out{};
    const auto r = protection::tls13_open(epoch, tlswire::bytes_view(record), out);
    opened<N> o{};
    if (!r || r->fragment.size() > N) return o;
    o.ok = true;
    o.type = r->type;
    o.length = r->fragment.size();
    o.padding = r->padding;
    o.sequence_number = r->sequence_number;
    o.next_sequence_number = epoch.sequence_number;
    for (std::size_t i = 0; i < o.length; ++i) o.content[i] = r->fragment[i];
    return o;
}

// The server's flight: one record, sequence number 0 of the handshake epoch.
constexpr auto server_flight = open_record<657>(server_epoch, server_handshake_record);
static_assert(server_flight.ok);
static_assert(server_flight.type == content_type::handshake);  // TLSInnerPlaintext.type = 22
static_assert(server_flight.length == 657 && server_flight.padding == 0);
static_assert(server_flight.sequence_number == 0 && server_flight.next_sequence_number == 1);

// The handshake messages inside (RFC 8446 §4: msg_type, uint24 length).
constexpr std::size_t message_length(const opened<657>& f, std::size_t at) {
    return (std::size_t{f.content[at + 1]} << 16) | (std::size_t{f.content[at + 2]} << 8) | f.content[at + 3];
}
constexpr std::size_t ee_at = 0, cert_at = 40, cv_at = 485, fin_at = 621;
static_assert(server_flight.content[ee_at] == 8 && message_length(server_flight, ee_at) == 36);       // encrypted_extensions
static_assert(server_flight.content[cert_at] == 11 && message_length(server_flight, cert_at) == 441);  // certificate
static_assert(server_flight.content[cv_at] == 15 && message_length(server_flight, cv_at) == 132);     // certificate_verify
static_assert(server_flight.content[fin_at] == 20 && message_length(server_flight, fin_at) == 32);    // finished
static_assert(fin_at + 4 + 32 == server_flight.length);

// The server Finished is right: HMAC(finished_key(s_hs), Transcript-Hash(CH..CV))
// over the messages just decrypted (RFC 8446 §4.4.4).
constexpr auto hash_through_cv =
    transcript_hash<H>(client_hello, server_hello, tlswire::bytes_view(server_flight.content).first(fin_at));
constexpr auto server_verify_data = tls13::finished_verify_data<H>(s_hs, hash_through_cv);
static_assert([] {
    for (std::size_t i = 0; i < 32; ++i)
        if (server_flight.content[fin_at + 4 + i] != server_verify_data[i]) return false;
    return true;
}());

// The client's Finished record, sequence number 0 of the client's handshake epoch.
constexpr auto client_finished = open_record<36>(client_epoch, client_finished_record);
static_assert(client_finished.ok && client_finished.type == content_type::handshake);
static_assert(client_finished.length == 36 && client_finished.content[0] == 20 && client_finished.content[3] == 32);
constexpr auto hash_through_sf =
    transcript_hash<H>(client_hello, server_hello, tlswire::bytes_view(server_flight.content).first(server_flight.length));
constexpr auto client_verify_data = tls13::finished_verify_data<H>(c_hs, hash_through_sf);
static_assert([] {
    for (std::size_t i = 0; i < 32; ++i)
        if (client_finished.content[4 + i] != client_verify_data[i]) return false;
    return true;
}());

// The same record through suite_epoch, the choice by cipher suite a stream
// decoder makes at run time, in constant evaluation too.
constexpr bool via_suite_epoch() {
    auto e = protection::suite_epoch<tlswire::crypto::reference::backend>::tls13(
        tlswire::cipher_suite::TLS_AES_128_GCM_SHA256, c_hs);
    if (!e) return false;
    const auto rec = tlswire::parse<tlswire::protected_record_tls13>(client_finished_record);
    if (!rec) return false;
    std::array<std::uint8_t, 58> out{};
    const auto o = e->open(*rec, out);
    return o && o->type == content_type::handshake && o->fragment.size() == 36 && o->fragment[0] == 20 &&
           e->sequence_number() == 1;
}
static_assert(via_suite_epoch());

// A flipped bit anywhere in the record, header included, is bad_record_mac:
// the header is the additional data (RFC 8446 §5.2).
constexpr tlswire::errc open_flipped(std::size_t at) {
    auto record = client_finished_record;
    record[at] ^= 0x01;
    auto epoch = client_epoch;
    std::array<std::uint8_t, 58> out{};
    const auto r = protection::tls13_open(epoch, tlswire::bytes_view(record), out);
    return r ? tlswire::errc::ok : r.err().code;
}
static_assert(open_flipped(57) == tlswire::errc::bad_record_mac);  // the tag
static_assert(open_flipped(5) == tlswire::errc::bad_record_mac);   // the ciphertext
static_assert(open_flipped(2) == tlswire::errc::illegal_value);    // legacy_record_version 0x0302: refused before

}  // namespace

TEST_CASE("RFC 8448 §3 records are decrypted at compile time (static_asserts above)") {
    CHECK(server_flight.ok);
    CHECK(client_finished.ok);
    CHECK(server_flight.content[fin_at] == 20);
    CHECK(via_suite_epoch());
    // The transcribed records are the ones in vectors/rfc8448/simple_1rtt.json.
    const auto trace = test_support::load_json(test_support::vectors_dir() / "rfc8448" / "simple_1rtt.json");
    int found = 0;
    for (const auto& r : trace.at("records")) {
        const std::string hex = r.at("hex");
        if (hex == tlswire_test::to_hex(server_handshake_record) || hex == tlswire_test::to_hex(client_finished_record))
            ++found;
    }
    CHECK(found == 2);
}

}  // namespace tests_constexpr_protection_rfc8448
