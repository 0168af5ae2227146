// Every typed extension, from bytes built by hand from its RFC structure
// (each case cites the section): parse, re-serialize byte for byte, dispatch,
// block validation, get<T>, every prefix rejected, a trailing byte rejected,
// and each bound / value rule violated (errc and offset).
#include <doctest/doctest.h>

#include <string>

#include "support.hpp"

namespace tests_extensions_typed {

using namespace tlswire;
using namespace ext_test;
using test_support::unhex;
using mk = message_kind;

namespace {
const std::string h20 = "0102030405060708090a0b0c0d0e0f1011121314";
const std::string h32 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
}  // namespace

TEST_CASE("server_name (RFC 6066 §3)") {
    // ServerNameList { ServerName { host_name(0), HostName<1..2^16-1> "example.com" } }
    const auto v = check_typed<server_name_client_hello, mk::client_hello>("000e 00 000b 6578616d706c652e636f6d", ctx13());
    REQUIRE(v->server_name_list.size() == 1);
    CHECK(v->server_name_list.begin()->host_name() == "example.com");
    check_typed<server_name_server, mk::encrypted_extensions>("", ctx13());
    check_typed<server_name_server, mk::server_hello>("", ctx12());
    // server_name_list<1..2^16-1>: empty list
    expect_reject<server_name_client_hello>(unhex("0000"), ctx13(), errc::length_out_of_range, 0);
    // HostName<1..2^16-1>: empty name
    expect_reject<server_name_client_hello>(unhex("0003 00 0000"), ctx13(), errc::length_out_of_range, 3);
    // two host_names: "MUST NOT contain more than one name of the same name_type"
    const auto two = unhex("000a 00 0002 6161 00 0002 6262");
    expect_reject<server_name_client_hello>(two, ctx13(), errc::illegal_value, 0);
    CHECK(parse<server_name_client_hello>(two, lenient(ctx13())).has_value());
}

TEST_CASE("max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449 §4)") {
    CHECK(check_typed<max_fragment_length_extension, mk::client_hello>("02", ctx13())->max_fragment_length ==
          max_fragment_length::bytes_1024);
    check_typed<max_fragment_length_extension, mk::encrypted_extensions>("02", ctx13());
    expect_reject<max_fragment_length_extension>(unhex("05"), ctx13(), errc::illegal_value, 0);
    CHECK(parse<max_fragment_length_extension>(unhex("05"), lenient(ctx13())).has_value());

    CHECK(check_typed<record_size_limit_extension, mk::client_hello>(("4001"), ctx13())->record_size_limit ==
          0x4001);
    check_typed<record_size_limit_extension, mk::encrypted_extensions>(("0040"), ctx13());
    // "Endpoints MUST NOT send a value smaller than 64"
    expect_reject<record_size_limit_extension>(unhex("003f"), ctx13(), errc::illegal_value, 0);
}

TEST_CASE("empty-bodied extensions: client_certificate_url, truncated_hmac, encrypt_then_mac, EMS, post_handshake_auth") {
    check_typed<client_certificate_url_extension, mk::client_hello>("", ctx12());
    check_typed<client_certificate_url_extension, mk::server_hello>("", ctx12());
    check_typed<truncated_hmac_extension, mk::client_hello>("", ctx12());
    check_typed<truncated_hmac_extension, mk::server_hello>("", ctx12());
    check_typed<encrypt_then_mac_extension, mk::client_hello>("", ctx12());
    check_typed<encrypt_then_mac_extension, mk::server_hello>("", ctx12());
    check_typed<extended_main_secret_extension, mk::client_hello>("", ctx13());
    check_typed<extended_main_secret_extension, mk::server_hello>("", ctx12());
    check_typed<post_handshake_auth_extension, mk::client_hello>("", ctx13());
}

TEST_CASE("trusted_ca_keys (RFC 6066 §6)") {
    // pre_agreed; key_sha1_hash SHA1Hash[20]; x509_name DistinguishedName<1..2^16-1>
    const auto v = check_typed<trusted_ca_keys_client_hello, mk::client_hello>("001c 00 01" + h20 + "02 0003 300100", ctx12());
    CHECK(v->trusted_authorities_list.size() == 3);
    check_typed<trusted_ca_keys_server_hello, mk::server_hello>("", ctx12());
    // an IdentifierType with no defined body
    expect_reject<trusted_ca_keys_client_hello>(unhex("0001 04"), ctx12(), errc::illegal_value, 2);
}

TEST_CASE("status_request (RFC 6066 §8, RFC 8446 §4.4.2.1) and status_request_v2 (RFC 6961 §2.2)") {
    // CertificateStatusRequest { ocsp, OCSPStatusRequest { responder_id_list<0..2^16-1>, Extensions<0..2^16-1> } }
    check_typed<status_request_client_hello, mk::client_hello>(("01 0000 0000"), ctx13());
    const auto v = check_typed<status_request_client_hello, mk::client_hello>(("01 0005 0003 aabbcc 0002 ffee"),
                                                                            ctx13());
    CHECK(v->request.responder_id_list.size() == 1);
    CHECK(v->request.request_extensions.size() == 2);
    expect_reject<status_request_client_hello>(unhex("07 0000 0000"), ctx13(), errc::illegal_value, 0);
    // ResponderID<1..2^16-1>: an empty one
    expect_reject<status_request_client_hello>(unhex("01 0002 0000 0000"), ctx13(), errc::length_out_of_range, 3);
    check_typed<status_request_server_hello, mk::server_hello>("", ctx12());
    check_typed<status_request_certificate_request, mk::certificate_request>("", ctx13());
    // CertificateStatus in a CertificateEntry: ocsp, OCSPResponse<1..2^24-1>
    const auto cs = check_typed<status_request_certificate, mk::certificate>(("01 000003 aabbcc"), ctx13());
    CHECK(cs->response.size() == 3);
    expect_reject<status_request_certificate>(unhex("01 000000"), ctx13(), errc::length_out_of_range, 1);

    // CertificateStatusRequestListV2 { item { ocsp_multi, request_length, OCSPStatusRequest } }, and an
    // unknown status_type skipped by its request_length.
    const auto v2 = check_typed<status_request_v2_client_hello, mk::client_hello>(
        ("000c 02 0004 00000000 09 0002 abcd"), ctx12());
    CHECK(v2->certificate_status_req_list.size() == 2);
    check_typed<status_request_v2_server_hello, mk::server_hello>("", ctx12());
    // request_length says 5 but the OCSPStatusRequest inside is 4 bytes
    expect_reject<status_request_v2_client_hello>(unhex("0008 01 0005 00000000 00"), ctx12(), errc::trailing_data, 9);
}

TEST_CASE("user_mapping (RFC 4681 §2), client_authz/server_authz (RFC 5878 §3), cert_type (RFC 6091 §3)") {
    check_typed<user_mapping_extension, mk::client_hello>(("01 40"), ctx12());
    check_typed<user_mapping_extension, mk::server_hello>(("01 40"), ctx12());
    expect_reject<user_mapping_extension>(unhex("00"), ctx12(), errc::length_out_of_range, 0);
    check_typed<client_authz_extension, mk::client_hello>(("02 00 01"), ctx12());
    check_typed<server_authz_extension, mk::server_hello>(("01 40"), ctx12());
    const auto c = check_typed<cert_type_client_hello, mk::client_hello>(("02 00 01"), ctx12());
    CHECK(c->certificate_types.contains(certificate_type::openpgp));
    CHECK(check_typed<cert_type_server_hello, mk::server_hello>(("01"), ctx12())->certificate_type ==
          certificate_type::openpgp);
}

TEST_CASE("supported_groups (RFC 8446 §4.2.7), ec_point_formats (RFC 8422 §5.1.2), srp (RFC 5054 §2.8.1)") {
    const auto g = check_typed<supported_groups_extension, mk::client_hello>(("0008 2a2a 001d 0017 0018"), ctx13());
    CHECK(g->named_group_list.size() == 4);
    CHECK(is_grease(*g->named_group_list.begin()));
    check_typed<supported_groups_extension, mk::encrypted_extensions>(("0002 001d"), ctx13());
    expect_reject<supported_groups_extension>(unhex("0000"), ctx13(), errc::length_out_of_range, 0);
    expect_reject<supported_groups_extension>(unhex("0003 001d00"), ctx13(), errc::length_not_multiple, 2);
    check_typed<ec_point_formats_extension, mk::client_hello>(("03 000102"), ctx12());
    check_typed<ec_point_formats_extension, mk::server_hello>(("01 00"), ctx12());
    expect_reject<ec_point_formats_extension>(unhex("00"), ctx12(), errc::length_out_of_range, 0);
    CHECK(check_typed<srp_client_hello, mk::client_hello>(("04 75736572"), ctx12())->srp_I.size() == 4);
    expect_reject<srp_client_hello>(unhex("00"), ctx12(), errc::length_out_of_range, 0);
}

TEST_CASE("signature_algorithms / signature_algorithms_cert (RFC 8446 §4.2.3)") {
    const auto s = check_typed<signature_algorithms_extension, mk::client_hello>(("000a 0a0a 0403 0804 0401 0201"),
                                                                               ctx13());
    CHECK(s->supported_signature_algorithms.contains(signature_scheme::rsa_pss_rsae_sha256));
    check_typed<signature_algorithms_extension, mk::certificate_request>(("0002 0403"), ctx13());
    check_typed<signature_algorithms_cert_extension, mk::client_hello>(("0002 0403"), ctx13());
    check_typed<signature_algorithms_cert_extension, mk::certificate_request>(("0002 0403"), ctx13());
    // <2..2^16-2>
    expect_reject<signature_algorithms_extension>(unhex("0000"), ctx13(), errc::length_out_of_range, 0);
    expect_reject<signature_algorithms_extension>(unhex("0001 04"), ctx13(), errc::length_out_of_range, 0);
}

TEST_CASE("use_srtp (RFC 5764 §4.1.1) and heartbeat (RFC 6520 §2)") {
    check_typed<use_srtp_client_hello, mk::client_hello>(("0004 0001 0002 00"), ctx13());
    check_typed<use_srtp_server, mk::encrypted_extensions>(("0002 0001 02 abcd"), ctx13());
    // the server names "a single SRTPProtectionProfile"
    expect_reject<use_srtp_server>(unhex("0004 0001 0002 00"), ctx13(), errc::illegal_value, 0);
    expect_reject<use_srtp_client_hello>(unhex("0000 00"), ctx13(), errc::length_out_of_range, 0);
    check_typed<heartbeat_extension, mk::client_hello>(("01"), ctx13());
    check_typed<heartbeat_extension, mk::encrypted_extensions>(("02"), ctx13());
    expect_reject<heartbeat_extension>(unhex("03"), ctx13(), errc::illegal_value, 0);
}

TEST_CASE("application_layer_protocol_negotiation (RFC 7301 §3.1) and ALPS (draft-vvv-tls-alps)") {
    const auto a = check_typed<alpn_client_hello, mk::client_hello>(("000c 02 6832 08 687474702f312e31"), ctx13());
    REQUIRE(a->protocol_name_list.size() == 2);
    CHECK(protocol_name_text(*a->protocol_name_list.begin()) == "h2");
    const auto s = check_typed<alpn_server, mk::encrypted_extensions>(("0003 02 6832"), ctx13());
    CHECK(protocol_name_text(s->selected()) == "h2");
    check_typed<alpn_server, mk::server_hello>(("0003 02 6832"), ctx12());
    // "MUST contain exactly one "ProtocolName""
    expect_reject<alpn_server>(unhex("000c 02 6832 08 687474702f312e31"), ctx13(), errc::illegal_value, 0);
    expect_reject<alpn_client_hello>(unhex("0001 00"), ctx13(), errc::length_out_of_range, 0);
    expect_reject<alpn_client_hello>(unhex("0003 00 0161"), ctx13(), errc::length_out_of_range, 2);
    // GREASE ALPN values (RFC 8701 §2) are kept
    const auto g = check_typed<alpn_client_hello, mk::client_hello>(("0006 02 3a3a 02 6832"), ctx13());
    CHECK(is_grease_alpn(protocol_name_text(*g->protocol_name_list.begin())));

    check_typed<application_settings_client_hello, mk::client_hello>(("0003 02 6832"), ctx13());
    check_typed<application_settings_old_client_hello, mk::client_hello>(("0003 02 6832"), ctx13());
    check_typed<application_settings_encrypted_extensions, mk::encrypted_extensions>(("000400000000"), ctx13(),
                                                                                    {false, false});
    check_typed<application_settings_old_encrypted_extensions, mk::encrypted_extensions>("", ctx13(), {false, false});
}

TEST_CASE("signed_certificate_timestamp (RFC 6962 §3.3) and transparency_info (RFC 9162 §6)") {
    check_typed<signed_certificate_timestamp_request, mk::client_hello>("", ctx13());
    check_typed<signed_certificate_timestamp_request, mk::certificate_request>("", ctx13());
    const auto l = check_typed<signed_certificate_timestamp_list, mk::certificate>(("000a 0008 0011223344556677"),
                                                                                   ctx13());
    CHECK(l->sct_list.size() == 1);
    check_typed<signed_certificate_timestamp_list, mk::server_hello>(("000a 0008 0011223344556677"), ctx12());
    expect_reject<signed_certificate_timestamp_list>(unhex("0002 0000"), ctx13(), errc::length_out_of_range, 2);
    check_typed<transparency_info_request, mk::client_hello>("", ctx13());
    check_typed<transparency_info_list, mk::certificate>(("0006 0004 01020304"), ctx13());
    expect_reject<transparency_info_list>(unhex("0000"), ctx13(), errc::length_out_of_range, 0);
}

TEST_CASE("client_certificate_type / server_certificate_type (RFC 7250 §3)") {
    const auto c = check_typed<client_certificate_type_client_hello, mk::client_hello>(("02 02 00"), ctx13());
    CHECK(c->certificate_types.contains(certificate_type::raw_public_key));
    check_typed<server_certificate_type_client_hello, mk::client_hello>(("01 02"), ctx13());
    CHECK(check_typed<client_certificate_type_server, mk::encrypted_extensions>(("02"), ctx13())->certificate_type ==
          certificate_type::raw_public_key);
    check_typed<server_certificate_type_server, mk::server_hello>(("00"), ctx12());
    expect_reject<client_certificate_type_client_hello>(unhex("00"), ctx13(), errc::length_out_of_range, 0);
}

TEST_CASE("padding (RFC 7685 §3)") {
    check_typed<padding_client_hello, mk::client_hello>(("000000000000"), ctx13(), {false, false});
    check_typed<padding_client_hello, mk::client_hello>("", ctx13(), {false, false});
    // "The client MUST fill the padding extension completely with zero bytes"
    expect_reject<padding_client_hello>(unhex("00000100"), ctx13(), errc::illegal_value, 2);
    CHECK(parse<padding_client_hello>(unhex("00000100"), lenient(ctx13())).has_value());
}

TEST_CASE("token_binding (RFC 8472 §3-§4) and cached_info (RFC 7924 §3)") {
    check_typed<token_binding_client_hello, mk::client_hello>(("000d 03 020100"), ctx12());
    check_typed<token_binding_server_hello, mk::server_hello>(("000d 01 02"), ctx12());
    expect_reject<token_binding_server_hello>(unhex("000d 02 0200"), ctx12(), errc::illegal_value, 2);
    expect_reject<token_binding_client_hello>(unhex("000d 00"), ctx12(), errc::length_out_of_range, 2);
    const auto c = check_typed<cached_info_client_hello, mk::client_hello>(("000a 01 08 0011223344556677"), ctx12());
    CHECK(c->cached_info.begin()->type == 1);
    check_typed<cached_info_server_hello, mk::server_hello>(("0002 01 02"), ctx12());
    expect_reject<cached_info_client_hello>(unhex("0002 01 00"), ctx12(), errc::length_out_of_range, 3);
}

TEST_CASE("compress_certificate (RFC 8879 §3)") {
    const auto c = check_typed<compress_certificate_extension, mk::client_hello>(("04 0002 0001"), ctx13());
    CHECK(c->algorithms.contains(certificate_compression_algorithm::brotli));
    check_typed<compress_certificate_extension, mk::certificate_request>(("02 0003"), ctx13());
    expect_reject<compress_certificate_extension>(unhex("00"), ctx13(), errc::length_out_of_range, 0);
    expect_reject<compress_certificate_extension>(unhex("03 000200"), ctx13(), errc::length_not_multiple, 1);
}

TEST_CASE("delegated_credential (RFC 9345 §4)") {
    check_typed<delegated_credential_request, mk::client_hello>(("0004 0403 0807"), ctx13());
    check_typed<delegated_credential_request, mk::certificate_request>(("0002 0403"), ctx13());
    // DelegatedCredential { Credential { valid_time, dc_cert_verify_algorithm, ASN1_subjectPublicKeyInfo<1..2^24-1> },
    //                       algorithm, signature<0..2^16-1> }
    const auto d = check_typed<delegated_credential_certificate, mk::certificate>(
        ("00093a80 0403 000003 aabbcc 0403 0002 ddee"), ctx13());
    CHECK(d->cred.valid_time == 604800u);
    CHECK(d->algorithm == signature_scheme::ecdsa_secp256r1_sha256);
    expect_reject<delegated_credential_certificate>(unhex("00093a80 0403 000000 0403 0000"), ctx13(),
                                                    errc::length_out_of_range, 6);
}

TEST_CASE("session_ticket (RFC 5077 §3.2) and renegotiation_info (RFC 5746 §3.2)") {
    CHECK(check_typed<session_ticket_client_hello, mk::client_hello>(("aabbccdd"), ctx12(), {false, false})
              ->ticket.size() == 4);
    check_typed<session_ticket_client_hello, mk::client_hello>("", ctx12(), {false, false});
    check_typed<session_ticket_server_hello, mk::server_hello>("", ctx12());
    check_typed<renegotiation_info_extension, mk::client_hello>(("00"), ctx13());
    check_typed<renegotiation_info_extension, mk::server_hello>(("0c 0102030405060708090a0b0c"), ctx12());
}

TEST_CASE("pre_shared_key (RFC 8446 §4.2.11), psk_key_exchange_modes (§4.2.9), early_data (§4.2.10)") {
    // OfferedPsks { identities<7..2^16-1> { identity<1..2^16-1>, obfuscated_ticket_age }, binders<33..2^16-1> { <32..255> } }
    const std::string offered = "000a 0004 01020304 00000001 0021 20" + h32;
    const auto p = check_typed<pre_shared_key_client_hello, mk::client_hello>((offered), ctx13());
    CHECK(p->identities.size() == 1);
    CHECK(p->identities.begin()->obfuscated_ticket_age == 1);
    CHECK(p->binders.size() == 1);
    CHECK(check_typed<pre_shared_key_server_hello, mk::server_hello>(("0001"), ctx13())->selected_identity == 1);
    // one identity, two binders: "one for each value in the identities list"
    expect_reject<pre_shared_key_client_hello>(unhex("000a 0004 01020304 00000001 0042 20" + h32 + "20" + h32), ctx13(),
                                               errc::illegal_value, 12);
    // identities<7..>: 6 bytes
    expect_reject<pre_shared_key_client_hello>(unhex("0006 0000 00000000 0021 20" + h32), ctx13(),
                                               errc::length_out_of_range, 0);
    // PskBinderEntry<32..255>: 31 bytes
    expect_reject<pre_shared_key_client_hello>(unhex("000a 0004 01020304 00000001 0021 1f" + h32), ctx13(),
                                               errc::length_out_of_range, 14);

    const auto m = check_typed<psk_key_exchange_modes_client_hello, mk::client_hello>(("02 0b 01"), ctx13());
    CHECK(is_grease(*m->ke_modes.begin()));
    CHECK(m->ke_modes.contains(psk_key_exchange_mode::psk_dhe_ke));
    expect_reject<psk_key_exchange_modes_client_hello>(unhex("00"), ctx13(), errc::length_out_of_range, 0);

    check_typed<early_data_client_hello, mk::client_hello>("", ctx13());
    check_typed<early_data_encrypted_extensions, mk::encrypted_extensions>("", ctx13());
    CHECK(check_typed<early_data_new_session_ticket, mk::new_session_ticket>(("00004000"), ctx13())
              ->max_early_data_size == 0x4000);
}

TEST_CASE("supported_versions (RFC 8446 §4.2.1) and cookie (§4.2.2)") {
    const auto v = check_typed<supported_versions_client_hello, mk::client_hello>(("06 7a7a 0304 0303"), ctx13());
    CHECK(v->versions.size() == 3);
    CHECK(is_grease(*v->versions.begin()));
    CHECK(check_typed<supported_versions_server_hello, mk::server_hello>(("0304"), ctx13())->selected_version ==
          protocol_version::tls13);
    check_typed<supported_versions_server_hello, mk::hello_retry_request>(("0304"), ctx13());
    expect_reject<supported_versions_server_hello>(unhex("0303"), ctx13(), errc::illegal_value, 0);
    expect_reject<supported_versions_client_hello>(unhex("00"), ctx13(), errc::length_out_of_range, 0);
    expect_reject<supported_versions_client_hello>(unhex("ff" + std::string(510, 'a')), ctx13(),
                                                   errc::length_out_of_range, 0);
    expect_reject<supported_versions_client_hello>(unhex("03 030403"), ctx13(), errc::length_not_multiple, 1);
    check_typed<cookie_extension, mk::hello_retry_request>(("0004 01020304"), ctx13());
    check_typed<cookie_extension, mk::client_hello>(("0004 01020304"), ctx13());
    expect_reject<cookie_extension>(unhex("0000"), ctx13(), errc::length_out_of_range, 0);
}

TEST_CASE("certificate_authorities (RFC 8446 §4.2.4) and oid_filters (§4.2.5)") {
    check_typed<certificate_authorities_extension, mk::client_hello>(("0005 0003 300100"), ctx13());
    check_typed<certificate_authorities_extension, mk::certificate_request>(("0005 0003 300100"), ctx13());
    expect_reject<certificate_authorities_extension>(unhex("0002 0000"), ctx13(), errc::length_out_of_range, 0);
    const auto o = check_typed<oid_filters_certificate_request, mk::certificate_request>(
        ("0009 03 551d25 0003 aabbcc"), ctx13());
    CHECK(o->filters.size() == 1);
    check_typed<oid_filters_certificate_request, mk::certificate_request>(("0000"), ctx13());
    expect_reject<oid_filters_certificate_request>(unhex("0003 00 0000"), ctx13(), errc::length_out_of_range, 2);
}

TEST_CASE("key_share (RFC 8446 §4.2.8)") {
    // KeyShareClientHello { client_shares<0..2^16-1> { group, key_exchange<1..2^16-1> } }; GREASE share first
    const auto ks = check_typed<key_share_client_hello, mk::client_hello>(
        ("0029 1a1a 0001 00 001d 0020" + h32), ctx13());
    CHECK(ks->client_shares.size() == 2);
    check_typed<key_share_client_hello, mk::client_hello>(("0000"), ctx13());
    const auto sh = check_typed<key_share_server_hello, mk::server_hello>(("001d 0020" + h32), ctx13());
    CHECK(sh->server_share.group == named_group::x25519);
    CHECK(check_typed<key_share_hello_retry_request, mk::hello_retry_request>(("0017"), ctx13())->selected_group ==
          named_group::secp256r1);
    // x25519 shares are 32 bytes (§4.2.8.2)
    expect_reject<key_share_client_hello>(unhex("0007 001d 0003 aabbcc"), ctx13(), errc::illegal_value, 4);
    expect_reject<key_share_server_hello>(unhex("001d 0003 aabbcc"), ctx13(), errc::illegal_value, 2);
    CHECK(parse<key_share_server_hello>(unhex("001d 0003 aabbcc"), lenient(ctx13())).has_value());
    // two shares for one group
    expect_reject<key_share_client_hello>(unhex("0048 001d 0020" + h32 + "001d 0020" + h32), ctx13(), errc::illegal_value,
                                          38);
    // key_exchange<1..>
    expect_reject<key_share_client_hello>(unhex("0004 1a1a 0000"), ctx13(), errc::length_out_of_range, 4);
}

TEST_CASE("connection_id (RFC 9146 §3), external_id_hash/external_session_id (RFC 8844), ticket_request (RFC 9149), "
          "dnssec_chain (RFC 9102)") {
    check_typed<connection_id_extension, mk::client_hello>(("03 aabbcc"), ctx13());
    check_typed<connection_id_extension, mk::server_hello>(("00"), ctx13());
    check_typed<external_id_hash_extension, mk::client_hello>(("20" + h32), ctx13());
    check_typed<external_id_hash_extension, mk::encrypted_extensions>(("00"), ctx13());
    expect_reject<external_id_hash_extension>(unhex("21" + h32 + "00"), ctx13(), errc::length_out_of_range, 0);
    check_typed<external_session_id_extension, mk::client_hello>(("14" + h20), ctx13());
    expect_reject<external_session_id_extension>(unhex("13" + h20.substr(0, 38)), ctx13(), errc::length_out_of_range, 0);
    const auto t = check_typed<ticket_request_client_hello, mk::client_hello>(("0201"), ctx13());
    CHECK(t->new_session_count == 2);
    CHECK(t->resumption_count == 1);
    check_typed<ticket_request_encrypted_extensions, mk::encrypted_extensions>(("02"), ctx13());
    CHECK(check_typed<dnssec_chain_client_hello, mk::client_hello>(("01bb"), ctx13())->PortNumber == 443);
    check_typed<dnssec_chain_certificate, mk::certificate>(("0e10 0003 aabbcc"), ctx13());
    expect_reject<dnssec_chain_certificate>(unhex("0e10 0000"), ctx13(), errc::length_out_of_range, 2);
}

TEST_CASE("quic_transport_parameters (RFC 9000 §18)") {
    // initial_max_data (4-byte varint), max_idle_timeout, initial_source_connection_id (8 bytes),
    // disable_active_migration (empty), a reserved id 27 = 31*0+27 (§18.1), active_connection_id_limit.
    const auto c = check_typed<quic_transport_parameters_client_hello, mk::client_hello>(
        ("04 04 80100000 01 04 80007530 0f 08 0001020304050607 0c 00 1b 03 aabbcc 0e 01 04"), ctx13(),
        {false, false});
    CHECK(c->parameters.size() == 6);
    const auto imd = c->find(0x04);
    REQUIRE(imd.has_value());
    const auto val = imd->decode();
    REQUIRE(val.has_value());
    CHECK(val->kind == quic_parameter_kind::integer);
    CHECK(val->integer == 0x100000u);
    const auto scid = c->find(0x0f)->decode();
    REQUIRE(scid.has_value());
    CHECK(scid->kind == quic_parameter_kind::connection_id);
    CHECK(scid->bytes.size() == 8);
    CHECK(c->find(0x1b)->decode()->kind == quic_parameter_kind::unknown);
    CHECK(is_reserved_quic_parameter(0x1b));

    // Server: original_destination_connection_id, stateless_reset_token (16 bytes), preferred_address (Figure 22).
    const std::string pa = "c0000201 01bb 20010db8000000000000000000000001 01bb 04 aabbccdd" + h32.substr(0, 32);
    const auto s = check_typed<quic_transport_parameters_encrypted_extensions, mk::encrypted_extensions>(
        ("00 04 01020304 02 10 " + h32.substr(0, 32) + " 0d 2d " + pa), ctx13(), {false, false});
    const auto pref = s->find(0x0d)->decode();
    REQUIRE(pref.has_value());
    CHECK(pref->preferred_address.ipv4_port == 443);
    CHECK(pref->preferred_address.connection_id.size() == 4);

    // A client MUST NOT send a server-only parameter.
    expect_reject<quic_transport_parameters_client_hello>(unhex("04 01 00 02 10" + h32.substr(0, 32)), ctx13(),
                                                          errc::illegal_value, 3);
    // A parameter twice.
    expect_reject<quic_transport_parameters_client_hello>(unhex("04 01 00 04 01 00"), ctx13(), errc::illegal_value, 3);
    // An integer parameter with a byte after its varint.
    expect_reject<quic_transport_parameters_client_hello>(unhex("04 02 0500"), ctx13(), errc::trailing_data, 3);
    // Value ranges: max_udp_payload_size < 1200, ack_delay_exponent > 20, active_connection_id_limit < 2.
    expect_reject<quic_transport_parameters_client_hello>(unhex("03 02 44af"), ctx13(), errc::illegal_value, 2);
    expect_reject<quic_transport_parameters_client_hello>(unhex("0a 01 15"), ctx13(), errc::illegal_value, 2);
    expect_reject<quic_transport_parameters_client_hello>(unhex("0e 01 01"), ctx13(), errc::illegal_value, 2);
    CHECK(parse<quic_transport_parameters_client_hello>(unhex("0e 01 01"), lenient(ctx13())).has_value());
    // A length past the end, a truncated varint, a 21-byte connection ID, a 15-byte token.
    expect_reject<quic_transport_parameters_client_hello>(unhex("04 05 00"), ctx13(), errc::truncated, 1);
    expect_reject<quic_transport_parameters_client_hello>(unhex("04 01 80"), ctx13(), errc::truncated, 2);
    expect_reject<quic_transport_parameters_client_hello>(unhex("0f 15" + h20 + "00"), ctx13(), errc::length_out_of_range,
                                                          2);
    expect_reject<quic_transport_parameters_encrypted_extensions>(unhex("02 0f" + h32.substr(0, 30)), ctx13(),
                                                                  errc::truncated, 2);

    // Writing from values: the shortest varint forms.
    static constexpr std::uint8_t v1[] = {0x44, 0xb0};  // 1200 as a 2-byte varint
    const quic_transport_parameter built[] = {{0x03, bytes_view(v1)}, {0x0c, {}}};
    quic_transport_parameters_client_hello b;
    b.parameters = built;
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(b, out, ctx13()).has_value());
    CHECK(test_support::hex(out) == "030244b00c00");
    CHECK(parse<quic_transport_parameters_client_hello>(out, ctx13()).has_value());
}

TEST_CASE("encrypted_client_hello, ECHConfigList and ech_outer_extensions (draft-ietf-tls-esni)") {
    // ECHClientHello outer: cipher_suite {kdf_id, aead_id}, config_id, enc<0..2^16-1>, payload<1..2^16-1>
    const auto o = check_typed<encrypted_client_hello_client_hello, mk::client_hello>(
        ("00 0001 0001 2a 0020" + h32 + "0004 deadbeef"), ctx13());
    CHECK(o->ech_type == ech_client_hello_type::outer);
    CHECK(o->config_id == 0x2a);
    CHECK(o->enc.size() == 32);
    check_typed<encrypted_client_hello_client_hello, mk::client_hello>(("01"), ctx13());
    expect_reject<encrypted_client_hello_client_hello>(unhex("02"), ctx13(), errc::illegal_value, 0);
    expect_reject<encrypted_client_hello_client_hello>(unhex("00 0001 0001 2a 0000 0000"), ctx13(),
                                                       errc::length_out_of_range, 8);

    // ECHConfig { version 0xfe0d, length, ECHConfigContents { HpkeKeyConfig { config_id, kem_id,
    // public_key<1..2^16-1>, cipher_suites<4..2^16-4> }, maximum_name_length, public_name<1..255>,
    // extensions<0..2^16-1> } }, then a config of another version (kept, not parsed).
    const std::string cfg = "fe0d 003a 2a 0020 0020" + h32 + "0004 00010001 00 0b 6578616d706c652e636f6d 0000";
    const std::string other = "fe0c 0002 abcd";
    const auto list_bytes = unhex("0044" + cfg + other);
    const auto l = parse<ech_config_list>(list_bytes);
    REQUIRE(l.has_value());
    REQUIRE(l->configs.size() == 2);
    const ech_config first = *l->configs.begin();
    CHECK(first.version == 0xfe0d);
    CHECK(first.contents.key_config.config_id == 0x2a);
    CHECK(first.contents.key_config.kem_id == 0x0020);
    CHECK(first.contents.public_name_text() == "example.com");
    CHECK(first.contents.key_config.cipher_suites.size() == 1);
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(*l, out).has_value());
    CHECK(out == list_bytes);
    const auto ee = check_typed<encrypted_client_hello_encrypted_extensions, mk::encrypted_extensions>("0044" + cfg + other,
                                                                                                     ctx13());
    CHECK(ee->retry_configs.size() == 2);
    // cipher_suites<4..2^16-4>: empty
    expect_reject<ech_config_list>(unhex("0011 fe0d 000d 2a 0020 0001 aa 0000 00 01 61 0000"), {},
                                   errc::length_out_of_range, 12);
    // ECHConfigList<4..>
    expect_reject<ech_config_list>(unhex("0000"), {}, errc::length_out_of_range, 0);

    check_typed<encrypted_client_hello_hello_retry_request, mk::hello_retry_request>(("0102030405060708"),
                                                                                    ctx13());
    check_typed<ech_outer_extensions_client_hello, mk::client_hello>(("04 000a 002b"), ctx13());
    expect_reject<ech_outer_extensions_client_hello>(unhex("04 000a fe0d"), ctx13(), errc::illegal_value, 0);
    expect_reject<ech_outer_extensions_client_hello>(unhex("04 000a 000a"), ctx13(), errc::illegal_value, 0);
    expect_reject<ech_outer_extensions_client_hello>(unhex("00"), ctx13(), errc::length_out_of_range, 0);
}

TEST_CASE("unknown and GREASE extension types have no description and are visited as bytes") {
    const auto body = unhex("00");
    for (auto t : {extension_type{0x1a1a}, extension_type{0xabcd}, extension_type::tls_lts}) {
        CHECK_FALSE(is_described(t, mk::client_hello));
        int raw = 0;
        const error e = visit_extension(t, mk::client_hello, body, ctx13(), [&](const auto& v) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(v)>, bytes_view>) ++raw;
        });
        CHECK(!e);
        CHECK(raw == 1);
    }
    // A described type whose body is malformed: the error comes back, f is not called.
    int calls = 0;
    const error e = visit_extension(extension_type::supported_versions, mk::client_hello, unhex("03 0304"), ctx13(),
                                    [&](const auto&) { ++calls; });
    CHECK(e.code == errc::truncated);
    CHECK(calls == 0);
}

}  // namespace tests_extensions_typed
