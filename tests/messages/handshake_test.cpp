// Unit tests for handshake messages the captured vectors do not carry, built by
// hand from each RFC structure (the section is cited per case), plus the
// rejections strict parsing must make.
#include <doctest/doctest.h>

#include <list>

#include "../support/hex.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_messages_handshake {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

namespace {

context ctx_for(std::uint16_t version, cipher_suite cs = cipher_suite{}) {
    context c;
    c.version = version;
    c.cipher_suite = static_cast<std::uint16_t>(cs);
    return c;
}

// A parsed message borrows its input: keep every test input alive.
std::list<std::vector<std::uint8_t>> inputs;

// Parse `h` (hex of a whole handshake message), check the message's name, and
// that it re-serializes to the same bytes. Returns the parsed message.
handshake_message round_trip(std::string_view h, const context& ctx, std::string_view name) {
    const auto& bytes = inputs.emplace_back(unhex(h));
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE_MESSAGE(m, to_string(m.err().code) << " at " << m.err().offset << " in " << m.err().where);
    CHECK(name_of(*m) == name);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize_handshake(*m, out, ctx));
    CHECK(hex(out) == hex(bytes));
    return *m;
}

error rejection(std::string_view h, const context& ctx) {
    const auto bytes = unhex(h);
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE_FALSE(m);
    return m.err();
}

const context ctx12 = ctx_for(0x0303);
const context ctx13 = ctx_for(0x0304, cipher_suite::TLS_AES_128_GCM_SHA256);

}  // namespace

TEST_CASE("empty messages: hello_request, server_hello_done, end_of_early_data (RFC 5246 §7.4.1.1, §7.4.5; RFC 8446 §4.5)") {
    round_trip("00000000", ctx12, "hello_request");
    round_trip("0e000000", ctx12, "server_hello_done");
    round_trip("05000000", ctx13, "end_of_early_data");
    const error e = rejection("0e00000100", ctx12);
    CHECK(e.code == errc::trailing_data);
    CHECK(e.offset == 4);
    CHECK(e.where == "server_hello_done");
}

TEST_CASE("key_update (RFC 8446 §4.6.3): only 0 and 1 in strict mode") {
    const auto m = round_trip("1800000101", ctx13, "key_update");
    CHECK(std::get<key_update>(m).request_update == key_update_request::update_requested);
    const error e = rejection("1800000102", ctx13);
    CHECK(e.code == errc::illegal_value);
    CHECK(e.offset == 4);
    CHECK(e.where == "request_update");
    context lenient = ctx13;
    lenient.mode = strictness::lenient;
    round_trip("1800000102", lenient, "key_update");
}

TEST_CASE("message_hash (RFC 8446 §4.4.1) holds the hash of ClientHello1, of the suite's hash length") {
    const std::string h32(64, 'a'), h48(96, 'b');
    const auto m = round_trip("fe000020" + h32, ctx13, "message_hash");
    CHECK(hex(std::get<message_hash>(m).hash) == h32);
    // TLS_AES_256_GCM_SHA384: 48 bytes; 32 is refused at the body (offset 4).
    const context ctx384 = ctx_for(0x0304, cipher_suite::TLS_AES_256_GCM_SHA384);
    round_trip("fe000030" + h48, ctx384, "message_hash");
    error e = rejection("fe000020" + h32, ctx384);
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.where == "hash");
    CHECK(e.offset == 4);
    // No suite known: a length of some TLS 1.3 hash (32 or 48), nothing else.
    const context no_suite = ctx_for(0x0304);
    round_trip("fe000030" + h48, no_suite, "message_hash");
    e = rejection("fe000004aabbccdd", no_suite);
    CHECK(e.code == errc::length_out_of_range);
    // Lenient reads any length.
    context lenient = ctx13;
    lenient.mode = strictness::lenient;
    CHECK(parse_handshake(unhex("fe000004aabbccdd"), lenient).has_value());
}

TEST_CASE("new_session_ticket: RFC 5077 §3.3 form before TLS 1.3, RFC 8446 §4.6.1 form in TLS 1.3") {
    const auto m12 = round_trip("0400000a" "00001c20" "0004" "01020304", ctx12, "new_session_ticket");
    CHECK(std::get<new_session_ticket_tls12>(m12).ticket_lifetime_hint == 7200);
    // lifetime, age_add, nonce<0..255>, ticket<1..2^16-1>, extensions<0..2^16-2> with early_data(42)=uint32
    const auto m13 = round_trip("04000018" "00001c20" "01020304" "0100" "0002abcd" "0008" "002a0004" "00004000",
                                ctx13, "new_session_ticket");
    const auto& t = std::get<new_session_ticket_tls13>(m13);
    CHECK(t.ticket_age_add == 0x01020304);
    CHECK(hex(t.ticket_nonce) == "00");
    CHECK(t.extensions.contains(extension_type::early_data));
    // "Servers MUST NOT use any value greater than 604800 seconds (7 days)."
    const error e = rejection("04000010" "00093a81" "01020304" "0100" "0002abcd" "0000", ctx13);
    CHECK(e.code == errc::illegal_value);
    CHECK(e.where == "ticket_lifetime");
    CHECK(e.offset == 4);
    // ticket<1..2^16-1>: an empty ticket is out of range.
    const error empty = rejection("0400000e" "00001c20" "01020304" "0100" "0000" "0000", ctx13);
    CHECK(empty.code == errc::length_out_of_range);
    CHECK(empty.where == "ticket");
}

TEST_CASE("certificate_verify: algorithm from TLS 1.2 on, signature alone in TLS 1.0/1.1 (RFC 4346 §7.4.8)") {
    const auto m12 = round_trip("0f000006" "0804" "0002beef", ctx12, "certificate_verify");
    CHECK(std::get<certificate_verify>(m12).algorithm == signature_scheme::rsa_pss_rsae_sha256);
    const auto m10 = round_trip("0f000004" "0002beef", ctx_for(0x0301), "certificate_verify");
    CHECK(hex(std::get<certificate_verify>(m10).signature) == "beef");
}

TEST_CASE("certificate_request: TLS 1.2 (RFC 5246 §7.4.4), TLS 1.0/1.1 without algorithms, TLS 1.3 (RFC 8446 §4.3.2)") {
    // types<1..255> = {rsa_sign, ecdsa_sign}; algorithms<2..2^16-2> = {0x0401}; CAs: one DN of 3 bytes
    const auto m12 = round_trip("0d00000e" "020140" "00020401" "0005" "0003616263", ctx12, "certificate_request");
    const auto& cr = std::get<certificate_request_tls12>(m12);
    CHECK(cr.certificate_types.contains(client_certificate_type::ecdsa_sign));
    CHECK(cr.certificate_authorities.size() == 1);
    round_trip("0d00000a" "020140" "0005" "0003616263", ctx_for(0x0302), "certificate_request");
    // TLS 1.3: context "", extensions<2..2^16-1> with signature_algorithms {0x0403}
    round_trip("0d00000b" "00" "0008" "000d0004" "00020403", ctx13, "certificate_request");
    const error e = rejection("0d000003" "00" "0000", ctx13);
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.where == "extensions");
    // RFC 8446 §4.3.2: signature_algorithms "MUST be specified" (here only
    // signature_algorithms_cert): strict refuses it at the extensions field,
    // lenient reads it.
    const std::string no_sigalgs = "0d00000b" "00" "0008" "00320004" "00020403";
    const error missing = rejection(no_sigalgs, ctx13);
    CHECK(missing.code == errc::missing_extension);
    CHECK(missing.where == "extensions");
    CHECK(missing.offset == 5);
    context lenient13 = ctx13;
    lenient13.mode = strictness::lenient;
    CHECK(parse_handshake(unhex(no_sigalgs), lenient13).has_value());
    // RFC 9261 §4 ClientCertificateRequest has the same body.
    round_trip("1100000d" "02abcd" "0008" "000d0004" "00020403", ctx13, "client_certificate_request");
}

TEST_CASE("certificate_status (RFC 6066 §8, RFC 6961 §2.2)") {
    const auto m = round_trip("16000007" "01" "000003" "303132", ctx12, "certificate_status");
    CHECK(hex(std::get<certificate_status>(m).response) == "303132");
    const auto multi = round_trip("1600000c" "02" "000008" "000002" "3031" "000000", ctx12, "certificate_status");
    CHECK(std::get<certificate_status>(multi).ocsp_response_list.size() == 2);
    const error e = rejection("16000004" "07" "000000", ctx12);
    CHECK(e.code == errc::illegal_value);
    CHECK(e.where == "status_type");
    CHECK(e.offset == 4);
}

TEST_CASE("compressed_certificate (RFC 8879 §4)") {
    const auto m = round_trip("1900000a" "0002" "000400" "000002" "aabb", ctx13, "compressed_certificate");
    const auto& cc = std::get<compressed_certificate>(m);
    CHECK(cc.algorithm == certificate_compression_algorithm::brotli);
    CHECK(cc.uncompressed_length == 0x400);
    const error e = rejection("19000008" "0002" "000400" "000000", ctx13);
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.where == "compressed_certificate_message");
}

TEST_CASE("certificate_url (RFC 6066 §5): padding byte must be 0x01") {
    const std::string hash20 = "0102030405060708090a0b0c0d0e0f1011121314";
    const auto m = round_trip("1500001d" "00" "001a" "0003787978" "01" + hash20, ctx12, "certificate_url");
    CHECK(std::get<certificate_url>(m).url_and_hash_list.size() == 1);
    const error e = rejection("1500001d" "00" "001a" "0003787978" "00" + hash20, ctx12);
    CHECK(e.code == errc::illegal_value);
    CHECK(e.where == "padding");
    CHECK(e.offset == 4 + 1 + 2 + 5);
}

TEST_CASE("supplemental_data (RFC 4680 §2)") {
    const auto m = round_trip("17000009" "000006" "4002" "0002" "aabb", ctx12, "supplemental_data");
    CHECK(std::get<supplemental_data>(m).supp_data.size() == 1);
    const error e = rejection("17000003" "000000", ctx12);  // supp_data<1..2^24-1>
    CHECK(e.code == errc::length_out_of_range);
}

TEST_CASE("finished: 12 bytes before TLS 1.3, Hash.length in TLS 1.3, refused without a context") {
    round_trip("1400000c" "000102030405060708090a0b", ctx12, "finished");
    round_trip("14000030" + std::string(96, 'a'), ctx_for(0x0304, cipher_suite::TLS_AES_256_GCM_SHA384), "finished");
    const error wrong = rejection("14000020" + std::string(64, 'a'), ctx_for(0x0304, cipher_suite::TLS_AES_256_GCM_SHA384));
    CHECK(wrong.code == errc::truncated);
    const error unknown = rejection("1400000c" "000102030405060708090a0b", context{});
    CHECK(unknown.code == errc::unsupported);
    context lenient;
    lenient.mode = strictness::lenient;
    round_trip("1400000c" "000102030405060708090a0b", lenient, "finished");
}

TEST_CASE("unknown handshake types are kept as raw bytes") {
    const auto m = round_trip("c8000003aabbcc", ctx12, "unknown_handshake");
    CHECK(std::get<unknown_handshake>(m).msg_type == static_cast<handshake_type>(200));
}

TEST_CASE("server_key_exchange for every key exchange (RFC 5246 §7.4.3, RFC 4279, RFC 5489, RFC 8422 §5.4, RFC 5054)") {
    using cs = cipher_suite;
    // DHE_RSA, TLS 1.2: dh_p, dh_g, dh_Ys, then SignatureAndHashAlgorithm + signature.
    auto m = round_trip("0c000010" "000101" "000102" "000103" "0401" "0003aabbcc", ctx_for(0x0303, cs::TLS_DHE_RSA_WITH_AES_128_GCM_SHA256),
                        "server_key_exchange");
    CHECK(hex(std::get<server_key_exchange>(m).params) == "000101000102000103");
    // The same in TLS 1.0: no algorithm field.
    round_trip("0c00000e" "000101" "000102" "000103" "0003aabbcc", ctx_for(0x0301, cs::TLS_DHE_RSA_WITH_AES_128_CBC_SHA),
               "server_key_exchange");
    // ECDHE_ECDSA: named_curve(3) x25519(29), point<1..255>, signature.
    m = round_trip("0c00000c" "03001d" "0201 02" "0403" "0002aabb", ctx_for(0x0303, cs::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
                   "server_key_exchange");
    CHECK(std::get<server_key_exchange>(m).ecdh.curve_params.namedcurve == named_group::x25519);
    // PSK: just the identity hint; unsigned.
    round_trip("0c000005" "0003686e74", ctx_for(0x0303, cs::TLS_PSK_WITH_AES_128_GCM_SHA256), "server_key_exchange");
    // DHE_PSK: hint then DH params; ECDHE_PSK: hint then EC params; both unsigned.
    round_trip("0c00000b" "0000" "000101" "000102" "000103", ctx_for(0x0303, cs::TLS_DHE_PSK_WITH_AES_128_GCM_SHA256),
               "server_key_exchange");
    round_trip("0c000007" "0000" "030017" "0104", ctx_for(0x0303, cs::TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256),
               "server_key_exchange");
    // DH_anon and ECDH_anon: params, no signature.
    round_trip("0c000009" "000101" "000102" "000103", ctx_for(0x0303, cs::TLS_DH_anon_WITH_AES_128_CBC_SHA),
               "server_key_exchange");
    round_trip("0c000005" "030017" "0104", ctx_for(0x0303, cs::TLS_ECDH_anon_WITH_AES_128_CBC_SHA), "server_key_exchange");
    // RSA_EXPORT (RFC 4346 §7.4.3 / RFC 2246): ServerRSAParams, signed, TLS 1.0 form.
    round_trip("0c00000a" "000201 01" "000103" "0001ff", ctx_for(0x0301, cs::TLS_RSA_EXPORT_WITH_RC4_40_MD5),
               "server_key_exchange");
    // SRP_SHA_RSA (RFC 5054 §2.8): N, g, s<0..255>, B, signed.
    round_trip("0c000010" "000101" "000102" "0100" "000103" "0401" "0001ee", ctx_for(0x0303, cs::TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA),
               "server_key_exchange");
    // Without a negotiated suite the body cannot be read: refused, not guessed.
    const error e = rejection("0c000005" "030017" "0104", ctx12);
    CHECK(e.code == errc::unsupported);
}

TEST_CASE("server_key_exchange: explicit curves (RFC 4492 §5.4) are read leniently, refused strictly (RFC 8422 §5.4)") {
    const context strict = ctx_for(0x0303, cipher_suite::TLS_ECDH_anon_WITH_AES_128_CBC_SHA);
    context lenient = strict;
    lenient.mode = strictness::lenient;
    // explicit_prime: prime_p, curve{a,b}, base, order, cofactor, then ECPoint public.
    const std::string prime = "0c00000f" "01" "0107" "0101" "0102" "0103" "0104" "0105" "0104";
    const auto m = round_trip(prime, lenient, "server_key_exchange");
    CHECK(std::get<server_key_exchange>(m).ecdh.curve_params.curve_type == ec_curve_type::explicit_prime);
    const error e = rejection(prime, strict);
    CHECK(e.code == errc::illegal_value);
    CHECK(e.where == "curve_type");
    CHECK(e.offset == 4);
    // explicit_char2 with a pentanomial basis.
    round_trip("0c000016" "02" "00a3" "02" "0101" "0102" "0103" "0104" "0105" "0106" "0107" "0108" "0109", lenient,
               "server_key_exchange");
}

TEST_CASE("client_key_exchange for every key exchange (RFC 5246 §7.4.7, RFC 4279, RFC 5489, RFC 8422 §5.7, RFC 5054)") {
    using cs = cipher_suite;
    // RSA: EncryptedPreMasterSecret with its 2-byte length from TLS 1.0 on.
    auto m = round_trip("10000004" "0002abcd", ctx_for(0x0303, cs::TLS_RSA_WITH_AES_128_GCM_SHA256), "client_key_exchange");
    CHECK(hex(std::get<client_key_exchange>(m).encrypted_pre_master_secret) == "abcd");
    // SSL 3.0: no length (RFC 6101 §5.6.7.1).
    round_trip("10000002" "abcd", ctx_for(0x0300, cs::TLS_RSA_WITH_AES_128_CBC_SHA), "client_key_exchange");
    // DHE: explicit dh_Yc<1..2^16-1>; DH: implicit (empty) when the certificate has the key.
    round_trip("10000003" "000107", ctx_for(0x0303, cs::TLS_DHE_RSA_WITH_AES_128_GCM_SHA256), "client_key_exchange");
    round_trip("10000000", ctx_for(0x0303, cs::TLS_DH_RSA_WITH_AES_128_CBC_SHA), "client_key_exchange");
    // ECDHE: ecdh_Yc<1..255>.
    m = round_trip("10000003" "020405", ctx_for(0x0303, cs::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), "client_key_exchange");
    CHECK(hex(std::get<client_key_exchange>(m).ecdh_Yc) == "0405");
    // PSK family: psk_identity first.
    round_trip("10000005" "0003696431", ctx_for(0x0303, cs::TLS_PSK_WITH_AES_128_GCM_SHA256), "client_key_exchange");
    round_trip("10000008" "0003696431" "000107", ctx_for(0x0303, cs::TLS_DHE_PSK_WITH_AES_128_GCM_SHA256),
               "client_key_exchange");
    round_trip("10000009" "0003696431" "0002abcd", ctx_for(0x0303, cs::TLS_RSA_PSK_WITH_AES_128_GCM_SHA256),
               "client_key_exchange");
    round_trip("10000007" "0003696431" "0104", ctx_for(0x0303, cs::TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256),
               "client_key_exchange");
    // SRP: srp_A<1..2^16-1>.
    round_trip("10000003" "000199", ctx_for(0x0303, cs::TLS_SRP_SHA_WITH_AES_128_CBC_SHA), "client_key_exchange");
    // An ECDHE point of length 0 is below the bound.
    const error e = rejection("10000001" "00", ctx_for(0x0303, cs::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.where == "ecdh_Yc");
}

TEST_CASE("hellos: HelloRetryRequest recognised by its random; TLS 1.3 compression rules (RFC 8446 §4.1.2, §4.1.3)") {
    const std::string hrr_random = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
    // HRR: version, random, session id "", suite 0x1301, compression 0, extensions: supported_versions(0x0304), key_share(x25519)
    const std::string hrr = "02000034" "0303" + hrr_random + "00" "1301" "00" "000c" "002b00020304" "00330002001d";
    const auto m = round_trip(hrr, context{}, "hello_retry_request");
    CHECK(std::holds_alternative<hello_retry_request>(m));
    // Only TLS 1.3 has it: a strict parse in TLS 1.2 refuses it (tests/messages/tls13_only_test.cpp).
    const error in12 = rejection(hrr, ctx_for(0x0303));
    CHECK(in12.code == errc::unexpected_message);
    CHECK(in12.offset == 4);
    // A TLS 1.3 ClientHello must offer exactly the null compression method.
    const std::string random(64, '1');
    const std::string ch = "01000033" "0303" + random + "00" "00021301" "020001" "0007" "002b000302" "0304";
    const error e = rejection(ch, context{});
    CHECK(e.code == errc::illegal_value);
    CHECK(e.where == "legacy_compression_methods");
    CHECK(e.offset == 4 + 2 + 32 + 1 + 4);
    // The same ClientHello offering only TLS 1.2 may list DEFLATE (RFC 3749).
    round_trip("01000033" "0303" + random + "00" "00021301" "020001" "0007" "002b000302" "0303", context{}, "client_hello");
    // A TLS 1.2 ClientHello may end before its extensions (RFC 5246 §7.4.1.2).
    const auto bare = round_trip("01000029" "0303" + random + "00" "0002c02f" "0100", ctx12, "client_hello");
    CHECK_FALSE(std::get<client_hello>(bare).extensions.present);
    // cipher_suites<2..2^16-2> must hold whole suites.
    const error odd = rejection("0100002a" "0303" + random + "00" "0003c02f00" "0100", ctx12);
    CHECK(odd.code == errc::length_not_multiple);
    CHECK(odd.where == "cipher_suites");
}

TEST_CASE("record layer: TLSPlaintext limits, change_cipher_spec, alert (RFC 8446 §5.1, §6; RFC 5246 §6.2.1, §7.1)") {
    const auto r = parse<record>(unhex("1603030002" "0e00"));
    REQUIRE(r);
    CHECK(r->type == content_type::handshake);
    CHECK(r->legacy_record_version == protocol_version::tls12);
    std::vector<std::uint8_t> big = unhex("17030340 01");  // 2^14 + 1 bytes of application data
    big.resize(5 + (1u << 14) + 1);
    const auto too_big = parse<record>(big);
    REQUIRE_FALSE(too_big);
    CHECK(too_big.err().code == errc::length_out_of_range);
    CHECK(too_big.err().where == "length");
    CHECK(parse<protected_record_tls13>(big));  // ciphertext may be up to 2^14 + 256
    const auto empty_handshake = parse<record>(unhex("1603030000"));
    REQUIRE_FALSE(empty_handshake);
    CHECK(empty_handshake.err().code == errc::length_out_of_range);
    CHECK(parse<change_cipher_spec>(unhex("01")));
    CHECK(parse<change_cipher_spec>(unhex("02")).err().code == errc::illegal_value);
    const auto a = parse<alert>(unhex("0228"));
    REQUIRE(a);
    CHECK(a->description == alert_description::handshake_failure);
    CHECK(parse<alert>(unhex("0328")).err().where == "level");
}

TEST_CASE("writers build any message from values, including malformed ones on purpose") {
    // A ClientHello built from values.
    const std::array<std::uint8_t, 32> random{};
    const cipher_suite suites[] = {cipher_suite::TLS_AES_128_GCM_SHA256};
    const compression_method methods[] = {compression_method::null};
    const std::uint8_t versions[] = {0x02, 0x03, 0x04};
    const extension exts[] = {{extension_type::supported_versions, versions},
                              {extension_type::supported_versions, versions}};  // a duplicate, on purpose
    client_hello ch;
    ch.legacy_version = protocol_version::tls12;
    ch.random = random;
    ch.cipher_suites = suites;
    ch.legacy_compression_methods = methods;
    ch.extensions = extension_block(exts);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize_handshake(ch, out));
    // The strict parser refuses the duplicate the writer was asked to emit.
    const auto back = parse_handshake(out);
    REQUIRE_FALSE(back);
    CHECK(back.err().code == errc::duplicate_extension);
    CHECK(back.err().where == "supported_versions");
    // Vector bounds: an empty cipher_suites is refused by a checked writer, written by an unchecked one.
    client_hello empty = ch;
    empty.cipher_suites = {};
    std::vector<std::uint8_t> o2;
    CHECK(serialize_handshake(empty, o2).err().code == errc::length_overflow);
    std::vector<std::uint8_t> o3;
    CHECK(serialize_handshake(empty, o3, {}, bounds::unchecked));
    // A fixed buffer too small is an error, not an overflow.
    std::array<std::uint8_t, 10> small{};
    CHECK(serialize_handshake(ch, small).err().code == errc::buffer_overflow);
    // encoded_size agrees with what serialize writes.
    CHECK(encoded_size(ch).value() + 4 == out.size());
}

TEST_CASE("SSL 2.0-compatible ClientHello (RFC 5246 Appendix E.2): parse and serialize") {
    // msg_length 0x8000|(9+6+0+16), msg_type 1, version TLS 1.0, lengths 6/0/16,
    // specs {00,00,0a} (TLS_RSA_WITH_3DES_EDE_CBC_SHA) and {01,00,80} (SSL2 RC4), challenge.
    const auto bytes = unhex("801f" "01" "0301" "0006" "0000" "0010" "00000a" "010080" "000102030405060708090a0b0c0d0e0f");
    REQUIRE(is_sslv2_client_hello(bytes));
    const auto h = parse_sslv2_client_hello(bytes);
    REQUIRE(h);
    CHECK(h->version == protocol_version::tls10);
    CHECK(h->cipher_specs.size() == 2);
    CHECK(*h->cipher_specs.begin() == 0x00000au);
    CHECK(h->challenge.size() == 16);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize_sslv2_client_hello(*h, out));
    CHECK(hex(out) == hex(bytes));
    // Strict: a session id is refused; a challenge outside 16..32 too.
    const auto with_session = unhex("801e" "01" "0301" "0003" "0002" "0010" "00000a" "abcd" "000102030405060708090a0b0c0d0e0f");
    CHECK(parse_sslv2_client_hello(with_session).err().where == "session_id_length");
    context lenient;
    lenient.mode = strictness::lenient;
    CHECK(parse_sslv2_client_hello(with_session, lenient));
    const auto short_challenge = unhex("800e" "01" "0301" "0003" "0000" "0002" "00000a" "0001");
    const auto e = parse_sslv2_client_hello(short_challenge).err();
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.where == "challenge_length");
    CHECK(e.offset == 9);
    // cipher_spec_length must be a non-zero multiple of 3.
    CHECK(parse_sslv2_client_hello(unhex("8019" "01" "0301" "0000" "0000" "0010" "000102030405060708090a0b0c0d0e0f")).err().where ==
          "cipher_spec_length");
    // Every proper prefix is truncated.
    for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(parse_sslv2_client_hello(bytes_view(bytes).first(n)));
    // Built from values.
    const std::uint32_t specs[] = {0x00c02f, 0x00009c};
    sslv2_client_hello built;
    built.version = protocol_version::tls12;
    built.cipher_specs = specs;
    built.challenge = bytes_view(bytes).last(16);
    std::vector<std::uint8_t> o2;
    REQUIRE(serialize_sslv2_client_hello(built, o2));
    const auto back = parse_sslv2_client_hello(o2);
    REQUIRE(back);
    CHECK(back->cipher_specs.contains(0x00c02fu));
}

}  // namespace tests_messages_handshake
