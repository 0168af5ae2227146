// RFC 8448 §3 (simple 1-RTT) key schedule computed at compile time with the
// reference backend: from the (EC)DHE shared secret and the handshake
// messages to the handshake and application traffic secrets and both Finished
// values. Each step is its own constexpr variable, so each is a separate
// constant evaluation and stays within the compilers' default step limits.
// The hex below is transcribed from RFC 8448 §3 (extracted by octet count).
#include <doctest/doctest.h>

#include <array>
#include <cstdint>

#include "../crypto/test_support.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/schedule/signed_content.hpp"
#include "tlswire/schedule/tls13.hpp"
#include "tlswire/schedule/transcript.hpp"

namespace tests_constexpr_schedule_rfc8448 {

namespace {

using tlswire_test::hex_array;
using H = tlswire::crypto::reference::sha256;
namespace tls13 = tlswire::tls13;
using tlswire::schedule::transcript_hash;

constexpr auto client_hello = hex_array<196>(
    "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece700000613011303130201"
    "0000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
    "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b00"
    "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
    "00024001"
);
constexpr auto server_hello = hex_array<90>(
    "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024"
    "001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304"
);
constexpr auto encrypted_extensions = hex_array<40>(
    "080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000"
);
constexpr auto certificate = hex_array<445>(
    "0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a"
    "06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a"
    "0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d98"
    "0836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced4312"
    "0998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d0"
    "3e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b060355"
    "1d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f"
    "8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102"
    "702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8"
    "f8961229ac9187b42b4de10000"
);
constexpr auto certificate_verify = hex_array<136>(
    "0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78e2d3"
    "3a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e46445c"
    "9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3"
);
constexpr auto server_finished_msg = hex_array<36>(
    "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"
);
constexpr auto shared_secret = hex_array<32>(
    "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d"
);
constexpr auto want_handshake_secret = hex_array<32>(
    "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac"
);
constexpr auto want_c_hs = hex_array<32>(
    "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"
);
constexpr auto want_s_hs = hex_array<32>(
    "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"
);
constexpr auto want_master = hex_array<32>(
    "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919"
);
constexpr auto want_c_ap = hex_array<32>(
    "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"
);
constexpr auto want_s_ap = hex_array<32>(
    "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643"
);
constexpr auto want_server_finished = hex_array<32>(
    "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"
);
constexpr auto want_client_finished = hex_array<32>(
    "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61"
);
constexpr auto want_s_hs_key = hex_array<16>(
    "3fce516009c21727d0f2e4e86ee403bc"
);
constexpr auto want_s_hs_iv = hex_array<12>(
    "5d313eb2671276ee13000b30"
);

// The client's Finished is the HMAC over the transcript through the server
// Finished; its expected value is the client Finished message body too.

// Transcript hashes: each message is hashed once (the running state is the
// transcript; copies are snapshots).
constexpr auto hash_hello = transcript_hash<H>(client_hello, server_hello);
constexpr auto hash_through_cv =
    transcript_hash<H>(client_hello, server_hello, encrypted_extensions, certificate, certificate_verify);
constexpr auto hash_through_sf = transcript_hash<H>(client_hello, server_hello, encrypted_extensions, certificate,
                                                    certificate_verify, server_finished_msg);

constexpr auto early = tls13::early_secret<H>();
constexpr auto handshake = tls13::handshake_secret<H>(early, shared_secret);
static_assert(handshake == want_handshake_secret);

constexpr auto c_hs = tls13::client_handshake_traffic_secret<H>(handshake, hash_hello);
constexpr auto s_hs = tls13::server_handshake_traffic_secret<H>(handshake, hash_hello);
static_assert(c_hs == want_c_hs);
static_assert(s_hs == want_s_hs);

constexpr auto s_hs_keys = tls13::traffic_keys<H, 16, 12>(s_hs);
static_assert(s_hs_keys.key == want_s_hs_key);
static_assert(s_hs_keys.iv == want_s_hs_iv);

constexpr auto server_finished = tls13::finished_verify_data<H>(s_hs, hash_through_cv);
static_assert(server_finished == want_server_finished);
// ... and it is what the server's Finished message carries.
static_assert([] {
    for (std::size_t i = 0; i < server_finished.size(); ++i)
        if (server_finished_msg[4 + i] != server_finished[i]) return false;
    return true;
}());

constexpr auto master = tls13::master_secret<H>(handshake);
static_assert(master == want_master);

constexpr auto c_ap = tls13::client_application_traffic_secret_0<H>(master, hash_through_sf);
constexpr auto s_ap = tls13::server_application_traffic_secret_0<H>(master, hash_through_sf);
static_assert(c_ap == want_c_ap);
static_assert(s_ap == want_s_ap);

constexpr auto client_finished = tls13::finished_verify_data<H>(c_hs, hash_through_sf);
static_assert(client_finished == want_client_finished);

// The running transcript object gives the same hashes as the one-shot form.
static_assert([] {
    tlswire::schedule::transcript<H> t;
    t.update(client_hello).update(server_hello);
    return t.current() == hash_hello;
}());

// TLS 1.3 CertificateVerify content: 64 spaces, context, 0, hash (RFC 8446 §4.4.3).
static_assert([] {
    const auto c = tlswire::schedule::tls13_certificate_verify_content<H>(tlswire::schedule::signer::server, hash_hello);
    return c.size() == 130 && c[0] == 0x20 && c[63] == 0x20 && c[64] == 'T' && c[97] == 0 && c[98] == hash_hello[0] &&
           c[129] == hash_hello[31];
}());

}  // namespace

TEST_CASE("RFC 8448 §3 schedule is computed at compile time (static_asserts above)") {
    // Also use the compile-time values at run time, so a miscompiled constant
    // would show up here as well.
    CHECK(c_hs == want_c_hs);
    CHECK(s_ap == want_s_ap);
    CHECK(client_finished == want_client_finished);
}

}  // namespace tests_constexpr_schedule_rfc8448
