// A Chrome-like and a Firefox-like ClientHello, built by hand from the RFC
// structures (RFC 8446 §4.1.2 and each extension's section), with GREASE
// (RFC 8701) in cipher suites, extension types, groups, key shares, versions
// and ALPS/ECH as Chrome sends them: both round-trip byte for byte and every
// extension decodes with its typed description.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "../support/typed_extension.hpp"
#include "support.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_extensions_browsers {

using namespace tlswire;
using namespace ext_test;
using test_support::hex;
using test_support::unhex;

namespace {
std::string u16hex(std::size_t v) {
    static constexpr char d[] = "0123456789abcdef";
    std::string s;
    for (int i = 12; i >= 0; i -= 4) s += d[(v >> i) & 15];
    return s;
}
std::string u24hex(std::size_t v) { return u16hex(v >> 16).substr(2) + u16hex(v & 0xffff); }
std::size_t hexlen(const std::string& h) { return unhex(h).size(); }
// Extension { extension_type, extension_data<0..2^16-1> }
std::string ext(const std::string& type, const std::string& body) { return type + u16hex(hexlen(body)) + body; }
std::string vec16(const std::string& body) { return u16hex(hexlen(body)) + body; }
std::string vec8(const std::string& body) { return u16hex(hexlen(body)).substr(2) + body; }
std::string bytes_of(std::size_t n, unsigned seed) {
    std::string s;
    static constexpr char d[] = "0123456789abcdef";
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned b = (seed + 37 * static_cast<unsigned>(i)) & 0xff;
        s += d[b >> 4];
        s += d[b & 15];
    }
    return s;
}
std::string zeros(std::size_t n) { return std::string(2 * n, '0'); }

// ClientHello { legacy_version, random[32], legacy_session_id<0..32>, cipher_suites<2..2^16-2>,
//               legacy_compression_methods<1..2^8-1>, extensions<8..2^16-1> } in a Handshake header.
std::vector<std::uint8_t> client_hello_bytes(const std::string& suites, const std::string& extensions) {
    const std::string body = "0303" + bytes_of(32, 1) + vec8(bytes_of(32, 2)) + vec16(suites) + "0100" + vec16(extensions);
    return unhex("01" + u24hex(hexlen(body)) + body);
}

const std::string sni = ext("0000", vec16("00" + vec16("6578616d706c652e636f6d")));  // RFC 6066 §3, "example.com"
const std::string alpn = ext("0010", vec16("026832" "08687474702f312e31"));           // RFC 7301 §3.1, h2, http/1.1

std::vector<std::uint8_t> chrome_hello() {
    const std::string suites = "0a0a 1301 1302 1303 c02b c02f c02c c030 cca9 cca8 c013 c014 009c 009d 002f 0035";
    std::string e;
    e += ext("0a0a", "");                                                 // GREASE extension (RFC 8701 §3.1)
    e += sni;
    e += ext("0017", "");                                                 // extended_main_secret (RFC 7627 §5.1)
    e += ext("ff01", "00");                                               // renegotiation_info (RFC 5746 §3.2)
    e += ext("000a", vec16("0a0a 11ec 001d 0017 0018"));                  // supported_groups with GREASE, X25519MLKEM768
    e += ext("000b", vec8("00"));                                         // ec_point_formats (RFC 8422 §5.1.2)
    e += ext("0023", "");                                                 // session_ticket (RFC 5077 §3.2)
    e += alpn;
    e += ext("0005", "01 0000 0000");                                     // status_request (RFC 6066 §8)
    e += ext("000d", vec16("0403 0804 0401 0503 0805 0501 0806 0601"));   // signature_algorithms
    e += ext("0012", "");                                                 // signed_certificate_timestamp (RFC 6962)
    e += ext("0033", vec16("0a0a 0001 00" +                               // key_share: GREASE share (RFC 8701 §3.1),
                            ("11ec 04c0" + bytes_of(1216, 3)) +           //   X25519MLKEM768 (1216 bytes),
                            ("001d 0020" + bytes_of(32, 4))));            //   x25519
    e += ext("002d", vec8("01"));                                         // psk_key_exchange_modes: psk_dhe_ke
    e += ext("002b", vec8("0a0a 0304 0303"));                             // supported_versions with GREASE
    e += ext("001b", vec8("0002"));                                       // compress_certificate: brotli (RFC 8879)
    e += ext("44cd", vec16(vec8("6832")));                                // application_settings (ALPS): h2
    e += ext("fe0d", "00 0001 0001 b7" + vec16(bytes_of(32, 5)) +         // GREASE ECH: an outer ECHClientHello
                         vec16(bytes_of(144, 6)));                        //   with random enc and payload
    e += ext("1a1a", "00");                                               // second GREASE extension, 1-byte body
    e += ext("0015", zeros(40));                                          // padding (RFC 7685)
    return client_hello_bytes(suites, e);
}

std::vector<std::uint8_t> firefox_hello() {
    const std::string suites = "1301 1303 1302 c02b c02f cca9 cca8 c02c c030 c00a c009 c013 c014 009c 009d 002f 0035";
    std::string e;
    e += sni;
    e += ext("0017", "");
    e += ext("ff01", "00");
    e += ext("000a", vec16("11ec 001d 0017 0018 0019 0100 0101"));       // incl. ffdhe2048/3072 (RFC 7919)
    e += ext("000b", vec8("00"));
    e += ext("0023", "");
    e += alpn;
    e += ext("0005", "01 0000 0000");
    e += ext("0022", vec16("0403 0503 0603 0203"));                       // delegated_credential (RFC 9345 §4.1.1)
    e += ext("0012", "");
    e += ext("0033", vec16(("11ec 04c0" + bytes_of(1216, 7)) + ("001d 0020" + bytes_of(32, 8)) +
                            ("0017 0041 04" + bytes_of(64, 9))));         // secp256r1: uncompressed point, 65 bytes
    e += ext("002b", vec8("0304 0303"));
    e += ext("000d", vec16("0403 0503 0603 0804 0805 0806 0401 0501 0601 0203 0201"));
    e += ext("002d", vec8("01"));
    e += ext("001c", "4001");                                             // record_size_limit (RFC 8449 §4)
    e += ext("001b", vec8("0001 0002 0003"));                             // compress_certificate: zlib, brotli, zstd
    e += ext("fe0d", "00 0001 0001 4c" + vec16(bytes_of(32, 10)) + vec16(bytes_of(239, 11)));
    return client_hello_bytes(suites, e);
}

struct decoded {
    int typed = 0;
    int raw = 0;
    std::map<std::uint16_t, int> types;
};

decoded decode_all(const client_hello& ch, const context& ctx) {
    decoded d;
    for (const extension& x : ch.extensions) {
        ++d.types[static_cast<std::uint16_t>(x.extension_type)];
        const auto t = test_support::decode_typed(x.extension_type, message_kind::client_hello, x.extension_data, ctx);
        if (!t.described) {
            CHECK(is_grease(x.extension_type));  // only GREASE stays raw
            ++d.raw;
            continue;
        }
        CHECK(!t.error);
        REQUIRE(t.written);
        CHECK(t.reserialized == std::vector<std::uint8_t>(x.extension_data.begin(), x.extension_data.end()));
        ++d.typed;
    }
    return d;
}

client_hello parse_ch(const std::vector<std::uint8_t>& bytes, const context& ctx) {
    const auto m = parse_handshake(bytes, ctx);
    REQUIRE_MESSAGE(m.has_value(), to_string(m.err().code) << " at " << m.err().offset << " in " << m.err().where);
    REQUIRE(std::holds_alternative<client_hello>(*m));
    std::vector<std::uint8_t> out;
    REQUIRE(serialize_handshake(*m, out, ctx).has_value());
    CHECK(hex(out) == hex(bytes));
    return std::get<client_hello>(*m);
}
}  // namespace

TEST_CASE("Chrome-like ClientHello: GREASE everywhere, ECH GREASE, ALPS, compress_certificate, X25519MLKEM768, padding") {
    const auto bytes = chrome_hello();
    for (const context& ctx : {context{}, ctx13()}) {
        const client_hello ch = parse_ch(bytes, ctx);
        const decoded d = decode_all(ch, ctx);
        CHECK(d.raw == 2);     // the two GREASE extension types
        CHECK(d.typed == 17);  // everything else
        CHECK(is_grease(*ch.cipher_suites.begin()));

        const auto ks = ch.extensions.get<key_share_client_hello>(ctx);
        REQUIRE(ks.has_value());
        REQUIRE(ks->has_value());
        std::vector<key_share_entry> shares((**ks).client_shares.begin(), (**ks).client_shares.end());
        REQUIRE(shares.size() == 3);
        CHECK(is_grease(shares[0].group));
        CHECK(shares[1].group == named_group::x25519mlkem768);
        CHECK(shares[1].key_exchange.size() == 1216);
        CHECK(shares[2].group == named_group::x25519);

        const auto sv = ch.extensions.get<supported_versions_client_hello>(ctx);
        REQUIRE(sv.has_value());
        CHECK(is_grease(*(**sv).versions.begin()));
        CHECK((**sv).versions.contains(protocol_version::tls13));

        const auto alps = ch.extensions.get<application_settings_client_hello>(ctx);
        REQUIRE(alps.has_value());
        CHECK(protocol_name_text(*(**alps).supported_protocols.begin()) == "h2");

        const auto ech = ch.extensions.get<encrypted_client_hello_client_hello>(ctx);
        REQUIRE(ech.has_value());
        CHECK((**ech).ech_type == ech_client_hello_type::outer);
        CHECK((**ech).enc.size() == 32);
        CHECK((**ech).payload.size() == 144);

        const auto pad = ch.extensions.get<padding_client_hello>(ctx);
        REQUIRE(pad.has_value());
        CHECK((**pad).padding.size() == 40);

        const auto groups = ch.extensions.get<supported_groups_extension>(ctx);
        REQUIRE(groups.has_value());
        CHECK((**groups).named_group_list.contains(named_group::x25519mlkem768));
        const auto cc = ch.extensions.get<compress_certificate_extension>(ctx);
        REQUIRE(cc.has_value());
        CHECK((**cc).algorithms.contains(certificate_compression_algorithm::brotli));
        CHECK_FALSE(ch.extensions.get<pre_shared_key_client_hello>(ctx).has_value());
    }
}

TEST_CASE("Firefox-like ClientHello: delegated_credential, record_size_limit, three key shares, ECH GREASE") {
    const auto bytes = firefox_hello();
    const client_hello ch = parse_ch(bytes, ctx13());
    const decoded d = decode_all(ch, ctx13());
    CHECK(d.raw == 0);
    CHECK(d.typed == 17);
    const auto dc = ch.extensions.get<delegated_credential_request>();
    REQUIRE(dc.has_value());
    CHECK((**dc).supported_signature_algorithms.size() == 4);
    const auto rsl = ch.extensions.get<record_size_limit_extension>();
    REQUIRE(rsl.has_value());
    CHECK((**rsl).record_size_limit == 0x4001);
    const auto ks = ch.extensions.get<key_share_client_hello>();
    REQUIRE(ks.has_value());
    CHECK((**ks).client_shares.size() == 3);
}

TEST_CASE("The browser hellos: a byte flipped in a body is caught with the extension's field and offset") {
    // Make the Chrome hello's padding non-zero: strict rejects it at that byte, lenient keeps it.
    auto bytes = chrome_hello();
    bytes[bytes.size() - 7] = 0x01;
    const auto strict = parse_handshake(bytes, ctx13());
    REQUIRE_FALSE(strict.has_value());
    CHECK(strict.err().code == errc::illegal_value);
    CHECK(strict.err().offset == bytes.size() - 7);
    CHECK(strict.err().where == "padding");
    CHECK(parse_handshake(bytes, lenient(ctx13())).has_value());
}

}  // namespace tests_extensions_browsers
