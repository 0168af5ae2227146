// tests/registry/api_test.cpp — the registry API (to_string, from_string,
// is_registered, is_grease, format, traits) and attribute spot checks per
// cipher-suite family, each against the defining RFC. Most checks are
// static_asserts (the API is constexpr) repeated at run time.
#include <doctest/doctest.h>

#include <string>

#include "tlswire/registry.hpp"

namespace tests_registry_api {

namespace {

using namespace tlswire;

template <class E>
constexpr bool parses_to(std::string_view s, E expected) {
    E v{};
    return from_string(s, v) && v == expected;
}

template <class E>
constexpr bool rejects(std::string_view s) {
    E v = static_cast<E>(0x42);
    return !from_string(s, v) && v == static_cast<E>(0x42);  // out untouched on failure
}

// ---- names ----
static_assert(to_string(cipher_suite::TLS_AES_128_GCM_SHA256) == "TLS_AES_128_GCM_SHA256");
static_assert(to_string(cipher_suite{0x00ff}) == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
static_assert(to_string(cipher_suite{0x5600}) == "TLS_FALLBACK_SCSV");
static_assert(to_string(cipher_suite{0x0a0a}).empty());
static_assert(to_string(extension_type{0xfe0d}) == "encrypted_client_hello");
static_assert(to_string(extension_type{0xfd00}) == "ech_outer_extensions");
static_assert(to_string(extension_type{0xff01}) == "renegotiation_info");
static_assert(to_string(extension_type{10}) == "supported_groups");
static_assert(to_string(named_group{0x11ec}) == "X25519MLKEM768");
static_assert(to_string(named_group::x25519) == "x25519");
static_assert(to_string(signature_scheme{0x0804}) == "rsa_pss_rsae_sha256");
static_assert(to_string(protocol_version::dtls13) == "DTLS 1.3");
static_assert(to_string(protocol_version{0x0300}) == "SSL 3.0");
static_assert(to_string(handshake_type::server_key_exchange) == "server_key_exchange_RESERVED");
static_assert(to_string(alert_description::ech_required) == "ech_required");
static_assert(to_string(max_fragment_length::bytes_2048) == "2^11");
static_assert(to_string(hash_algorithm::intrinsic) == "Intrinsic");

// ---- from_string: exact names, aliases, _RESERVED-less spellings ----
static_assert(parses_to("TLS_CHACHA20_POLY1305_SHA256", cipher_suite{0x1303}));
static_assert(parses_to("TLS 1.3", protocol_version::tls13));
static_assert(parses_to("tls13", protocol_version::tls13));
static_assert(parses_to("ssl3", protocol_version::ssl30));
static_assert(parses_to("dtls12", protocol_version::dtls12));
static_assert(parses_to("elliptic_curves", extension_type::supported_groups));
static_assert(parses_to("extended_master_secret", extension_type{23}));
static_assert(parses_to("hello_request", handshake_type{0}));
static_assert(parses_to("hello_request_RESERVED", handshake_type{0}));
static_assert(parses_to("decryption_failed", alert_description{21}));
static_assert(parses_to("X25519MLKEM768", named_group::x25519mlkem768));
static_assert(rejects<cipher_suite>("tls_aes_128_gcm_sha256"));  // case sensitive
static_assert(rejects<cipher_suite>(""));
static_assert(rejects<handshake_type>("client_hello_RESERVED"));
static_assert(rejects<extension_type>("x25519mlkem768"));

// ---- is_registered / is_grease ----
static_assert(is_registered(cipher_suite{0xc02f}));
static_assert(!is_registered(cipher_suite{0x0a0a}));
static_assert(!is_registered(cipher_suite{0xffff}));
static_assert(is_grease(cipher_suite{0x0a0a}) && is_grease(cipher_suite{0xfafa}) && is_grease(cipher_suite{0x5a5a}));
static_assert(!is_grease(cipher_suite{0x0a1a}) && !is_grease(cipher_suite{0x0b0b}) && !is_grease(cipher_suite{0xc02f}));
static_assert(is_grease(extension_type{0x2a2a}) && is_grease(named_group{0x8a8a}));
static_assert(is_grease(signature_scheme{0xeaea}) && is_grease(protocol_version{0x7a7a}));
static_assert(is_grease(psk_key_exchange_mode{0x0b}) && is_grease(psk_key_exchange_mode{0x2a}) &&
              is_grease(psk_key_exchange_mode{0xe4}));
static_assert(!is_grease(psk_key_exchange_mode{0x00}) && !is_grease(psk_key_exchange_mode{0x0a}) &&
              !is_grease(psk_key_exchange_mode{0xe5}) && !is_grease(psk_key_exchange_mode{0x03}));
static_assert(is_grease_alpn("\x1a\x1a") && !is_grease_alpn("h2") && !is_grease_alpn("\x1a\x2a"));
static_assert(alpn_protocol_name("h2") == "HTTP/2 over TLS" && alpn_protocol_name("http/1.1") == "HTTP/1.1");
static_assert(alpn_protocol_name("h9").empty());
// is_grease exists only where RFC 8701 applies:
template <class E>
concept has_is_grease = requires(E e) { is_grease(e); };
static_assert(has_is_grease<cipher_suite> && has_is_grease<psk_key_exchange_mode>);
static_assert(!has_is_grease<content_type> && !has_is_grease<handshake_type>);

// ---- format ----
static_assert(format(cipher_suite{0x1a1a}).view() == "0x1a1a");
static_assert(format(cipher_suite{0x0000}).view() == "TLS_NULL_WITH_NULL_NULL");
static_assert(format(extension_type{0xabcd}).view() == "0xabcd");
static_assert(format(content_type{0x3c}).view() == "0x3c");
static_assert(format(content_type{7}).view() == "0x07");
static_assert(format(content_type::handshake).view() == "handshake");
static_assert(format_hex(named_group::x25519).view() == "0x001d");

// ---- protocol_version helpers ----
static_assert(is_dtls(protocol_version::dtls10) && !is_dtls(protocol_version::tls13));
static_assert(version_ordinal(protocol_version::ssl30) < version_ordinal(protocol_version::tls10));
static_assert(version_ordinal(protocol_version::dtls10) == version_ordinal(protocol_version::tls11));
static_assert(version_ordinal(protocol_version::dtls13) == version_ordinal(protocol_version::tls13));
static_assert(version_ordinal(protocol_version{0x7f1c}) == -1);
static_assert(tls_equivalent(protocol_version::dtls12) == protocol_version::tls12);

// ---- traits: generic code can name any registry ----
template <registered_enum E>
constexpr std::string_view registry_name() {
    return registry_traits<E>::name;
}
static_assert(registry_name<cipher_suite>() == "cipher_suite");
static_assert(registry_name<named_group>() == "named_group");
static_assert(registry_traits<content_type>::entries.size() == 8);
static_assert(!registered_enum<std::byte>);

// ---- cipher-suite attributes ----
// RFC 5289 §3.2 + RFC 5288 §3: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xC02F).
constexpr const cipher_suite_attributes* c02f = cipher_suite_info(cipher_suite{0xc02f});
static_assert(c02f->key_exchange == key_exchange_algorithm::ecdhe_rsa);
static_assert(c02f->authentication == authentication_algorithm::rsa);
static_assert(c02f->cipher == bulk_cipher_algorithm::aes_128_gcm && c02f->is_aead());
static_assert(c02f->key_length == 16 && c02f->fixed_iv_length == 4 && c02f->record_iv_length == 8);
static_assert(c02f->tag_length == 16 && c02f->mac == mac_algorithm::aead && c02f->mac_length == 0);
static_assert(c02f->prf_hash == hash_function::sha256 && c02f->verify_data_length == 12);
static_assert(c02f->min_version == protocol_version::tls12 && c02f->max_version == protocol_version::tls12);
static_assert(c02f->recommended == recommendation::yes && c02f->dtls_ok);
static_assert(allows_version(*c02f, protocol_version::tls12) && allows_version(*c02f, protocol_version::dtls12));
static_assert(!allows_version(*c02f, protocol_version::tls11) && !allows_version(*c02f, protocol_version::tls13));

// RFC 5246 App. C: TLS_RSA_WITH_AES_128_CBC_SHA (0x002F).
constexpr const cipher_suite_attributes* x2f = cipher_suite_info(cipher_suite::TLS_RSA_WITH_AES_128_CBC_SHA);
static_assert(x2f->key_exchange == key_exchange_algorithm::rsa && x2f->type == cipher_type::block);
static_assert(x2f->key_length == 16 && x2f->block_length == 16 && x2f->record_iv_length == 16);
static_assert(x2f->fixed_iv_length == 0 && key_block_iv_length(*x2f, protocol_version::tls10) == 16);
static_assert(key_block_iv_length(*x2f, protocol_version::tls11) == 0);
static_assert(x2f->mac == mac_algorithm::sha1 && x2f->mac_length == 20 && x2f->mac_key_length == 20);
static_assert(x2f->min_version == protocol_version::tls10 && x2f->max_version == protocol_version::tls12);
static_assert(prf_hash_for(*x2f, protocol_version::tls11) == hash_function::md5_sha1);
static_assert(prf_hash_for(*x2f, protocol_version::tls12) == hash_function::sha256);

// RFC 8446 §B.4: TLS 1.3 suites.
constexpr const cipher_suite_attributes* x1303 = cipher_suite_info(cipher_suite{0x1303});
static_assert(x1303->is_tls13() && x1303->cipher == bulk_cipher_algorithm::chacha20_poly1305);
static_assert(x1303->key_length == 32 && x1303->fixed_iv_length == 12 && x1303->record_iv_length == 0);
static_assert(x1303->tag_length == 16 && x1303->prf_hash == hash_function::sha256 && x1303->verify_data_length == 32);
static_assert(x1303->min_version == protocol_version::tls13 && x1303->max_version == protocol_version::tls13);
constexpr const cipher_suite_attributes* x1302 = cipher_suite_info(cipher_suite::TLS_AES_256_GCM_SHA384);
static_assert(x1302->key_length == 32 && x1302->prf_hash == hash_function::sha384 && x1302->verify_data_length == 48);
static_assert(cipher_suite_info(cipher_suite::TLS_AES_128_CCM_8_SHA256)->tag_length == 8);

// RFC 7905 §2: ChaCha20 in TLS 1.2: 12-byte implicit IV, no explicit nonce.
constexpr const cipher_suite_attributes* cca8 =
    cipher_suite_info(cipher_suite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
static_assert(cca8->fixed_iv_length == 12 && cca8->record_iv_length == 0 && cca8->key_length == 32);
static_assert(cca8->min_version == protocol_version::tls12 && !cca8->is_tls13());

// RFC 5289: *_SHA384 suites use the SHA-384 PRF; CBC SHA-384 MAC key 48.
constexpr const cipher_suite_attributes* c028 = cipher_suite_info(cipher_suite::TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384);
static_assert(c028->prf_hash == hash_function::sha384 && c028->mac_length == 48 && c028->key_length == 32);
static_assert(c028->min_version == protocol_version::tls12);

// RFC 6655 §3: CCM_8 has an 8-byte tag; the PRF is SHA-256 even for AES-256.
constexpr const cipher_suite_attributes* c0a1 = cipher_suite_info(cipher_suite::TLS_RSA_WITH_AES_256_CCM_8);
static_assert(c0a1->tag_length == 8 && c0a1->key_length == 32 && c0a1->fixed_iv_length == 4 &&
              c0a1->record_iv_length == 8 && c0a1->prf_hash == hash_function::sha256);
static_assert(cipher_suite_info(cipher_suite{0xc0aa})->key_exchange == key_exchange_algorithm::dhe_psk);  // PSK_DHE

// RFC 2246 App. C / RFC 4346: export suites: 5 bytes of key material, TLS <= 1.0.
constexpr const cipher_suite_attributes* x03 = cipher_suite_info(cipher_suite::TLS_RSA_EXPORT_WITH_RC4_40_MD5);
static_assert(x03->is_export && x03->key_length == 5 && x03->expanded_key_length == 16);
static_assert(x03->key_exchange == key_exchange_algorithm::rsa_export && x03->mac == mac_algorithm::md5);
static_assert(x03->min_version == protocol_version::ssl30 && x03->max_version == protocol_version::tls10);
static_assert(cipher_suite_info(cipher_suite::TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA)->expanded_key_length == 8);
static_assert(cipher_suite_info(cipher_suite::TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA)->is_export);

// RFC 5469: DES and IDEA removed from TLS 1.2. 3DES kept (24-byte key, 8-byte block).
static_assert(cipher_suite_info(cipher_suite::TLS_RSA_WITH_DES_CBC_SHA)->max_version == protocol_version::tls11);
static_assert(cipher_suite_info(cipher_suite::TLS_RSA_WITH_3DES_EDE_CBC_SHA)->key_length == 24);
static_assert(cipher_suite_info(cipher_suite::TLS_RSA_WITH_3DES_EDE_CBC_SHA)->block_length == 8);

// PSK families (RFC 4279, 5487, 5489): SHA-256 CBC PSK suites allowed before 1.2.
static_assert(cipher_suite_info(cipher_suite::TLS_PSK_WITH_AES_128_CBC_SHA256)->min_version == protocol_version::tls10);
static_assert(cipher_suite_info(cipher_suite::TLS_RSA_PSK_WITH_NULL_SHA384)->mac == mac_algorithm::sha384);
static_assert(cipher_suite_info(cipher_suite::TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256)->tag_length == 8);
static_assert(cipher_suite_info(cipher_suite::TLS_RSA_PSK_WITH_AES_128_GCM_SHA256)->authentication ==
              authentication_algorithm::rsa_psk);

// ARIA (RFC 6209 §3.3: TLS 1.2 PRF) and Camellia (RFC 5932 §3.3.2: 1.2 only; RFC 6367 §3.3: earlier OK).
static_assert(cipher_suite_info(cipher_suite::TLS_RSA_WITH_ARIA_128_CBC_SHA256)->min_version == protocol_version::tls12);
static_assert(cipher_suite_info(cipher_suite::TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256)->min_version ==
              protocol_version::tls12);
static_assert(cipher_suite_info(cipher_suite::TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256)->min_version ==
              protocol_version::tls10);
static_assert(cipher_suite_info(cipher_suite::TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384)->authentication ==
              authentication_algorithm::anon);

// RFC 9189: GOST TLS 1.2 suites; verify_data is 32 bytes.
constexpr const cipher_suite_attributes* c102 = cipher_suite_info(cipher_suite::TLS_GOSTR341112_256_WITH_28147_CNT_IMIT);
static_assert(c102->key_exchange == key_exchange_algorithm::gostr341112_256 && c102->mac == mac_algorithm::gost28147_imit);
static_assert(c102->verify_data_length == 32 && c102->prf_hash == hash_function::streebog_256 && c102->mac_length == 4);
static_assert(cipher_suite_info(cipher_suite::TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC)->mac_length == 16);
// RFC 9367: GOST MGM suites are TLS 1.3 suites.
static_assert(cipher_suite_info(cipher_suite::TLS_GOSTR341112_256_WITH_MAGMA_MGM_S)->is_tls13());
// RFC 9150: integrity-only; RFC 8998: SM4; RFC 8492: ECCPWD; SCSVs.
static_assert(cipher_suite_info(cipher_suite::TLS_SHA384_SHA384)->tag_length == 48);
static_assert(cipher_suite_info(cipher_suite::TLS_SHA256_SHA256)->is_tls13());
static_assert(cipher_suite_info(cipher_suite::TLS_SM4_GCM_SM3)->prf_hash == hash_function::sm3);
static_assert(cipher_suite_info(cipher_suite::TLS_ECCPWD_WITH_AES_128_GCM_SHA256)->key_exchange ==
              key_exchange_algorithm::eccpwd);
static_assert(cipher_suite_info(cipher_suite::TLS_FALLBACK_SCSV)->is_scsv());
static_assert(cipher_suite_info(cipher_suite{0x0a0a}) == nullptr);

// ---- other attribute tables ----
static_assert(named_group_info(named_group::x25519mlkem768)->kind == named_group_kind::hybrid);
static_assert(named_group_info(named_group::x25519mlkem768)->client_share_length == 1216);  // 1184 + 32
static_assert(named_group_info(named_group::secp256r1)->client_share_length == 65);        // RFC 8446 §4.2.8.2
static_assert(named_group_info(named_group::ffdhe3072)->client_share_length == 384);       // RFC 8446 §4.2.8.1
static_assert(named_group_info(named_group::mlkem768)->server_share_length == 1088);
static_assert(is_ffdhe(named_group{0x01fc}) && !is_ffdhe(named_group::x25519));
static_assert(signature_scheme_info(signature_scheme::ed25519)->family == signature_family::eddsa);
static_assert(signature_scheme_info(signature_scheme::ecdsa_secp384r1_sha384)->hash == hash_function::sha384);
static_assert(extension_type_info(extension_type::key_share)->tls13_messages ==
              (tls13_msg::ch | tls13_msg::sh | tls13_msg::hrr));
static_assert(allowed_in_tls13(extension_type{0x0a0a}, tls13_msg::nst));
static_assert(!allowed_in_tls13(extension_type{0x0a0a}, tls13_msg::sh));
static_assert(extension_type_info(extension_type::connection_id)->dtls_only);

}  // namespace

TEST_CASE("registry api: names, parsing and formatting at run time") {
    // The same paths the static_asserts cover, through the run-time code path.
    cipher_suite cs{};
    CHECK(from_string(std::string("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), cs));
    CHECK(cs == cipher_suite{0xc02c});
    CHECK(std::string(format(cs).view()) == "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    CHECK(std::string(format(cipher_suite{0x7a7a}).view()) == "0x7a7a");
    CHECK(is_grease(cipher_suite{0x7a7a}));
    CHECK_FALSE(from_string("nope", cs));
    CHECK(cs == cipher_suite{0xc02c});

    protocol_version v{};
    CHECK(from_string("TLS 1.2", v));
    CHECK(v == protocol_version::tls12);
    CHECK(from_string("dtls13", v));
    CHECK(v == protocol_version::dtls13);
    CHECK(to_string(protocol_version{0x0a0a}).empty());

    // Every registered cipher suite: name round trip and sane attributes.
    std::size_t n = 0;
    for (const auto& e : registry_traits<cipher_suite>::entries) {
        INFO(e.name);
        cipher_suite back{};
        CHECK(from_string(e.name, back));
        CHECK(back == e.value);
        CHECK_FALSE(is_grease(e.value));
        const auto& a = e.attributes;
        CHECK(version_ordinal(a.min_version) <= version_ordinal(a.max_version));
        if (a.is_aead()) CHECK((a.tag_length > 0 && a.mac == mac_algorithm::aead));
        if (a.type == cipher_type::block) CHECK((a.block_length > 0 && a.record_iv_length == a.block_length));
        if (a.is_tls13()) CHECK((a.fixed_iv_length >= 8 && a.verify_data_length == hash_length(a.prf_hash)));
        if (!a.is_tls13() && !a.is_scsv() && a.key_exchange != key_exchange_algorithm::null)
            CHECK(a.verify_data_length == (a.key_exchange == key_exchange_algorithm::gostr341112_256 ? 32 : 12));
        ++n;
    }
    CHECK(n == registry_traits<cipher_suite>::entries.size());

    // Every registry's value lookup agrees with its table; no GREASE value is registered.
    auto agree = [](auto tag) {
        using E = decltype(tag);
        std::size_t rows = 0;
        for (const auto& e : registry_traits<E>::entries) {
            CHECK(to_string(e.value) == e.name);
            CHECK(is_registered(e.value));
            if constexpr (registry_traits<E>::grease != grease_kind::none) CHECK_FALSE(is_grease(e.value));
            ++rows;
        }
        return rows;
    };
    CHECK(agree(extension_type{}) == 64);
    CHECK(agree(named_group{}) == 57);
    CHECK(agree(signature_scheme{}) == 49);
    CHECK(agree(protocol_version{}) == 8);
    CHECK(agree(alert_description{}) == 37);
    CHECK(agree(psk_key_exchange_mode{}) == 2);
    CHECK(agree(bulk_cipher_algorithm{}) == 40);
}

}  // namespace tests_registry_api
