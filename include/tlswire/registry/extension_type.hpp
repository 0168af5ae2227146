// tlswire/registry/extension_type.hpp — the IANA "TLS ExtensionType Values"
// registry (tls-extensiontype-values-1), every assigned code point, with the
// TLS 1.3 column (RFC 8446 §4.2: the messages an extension may appear in), the
// DTLS-Only and Recommended columns.
//
// Enumerators: the IANA name lowercased ("TLMSP" -> tlmsp); the registry's
// '(renamed from "...")' notes are history and not part of the name; entry 53
// is "connection_id (deprecated)" in IANA and connection_id_deprecated here.
// from_string also accepts the old names elliptic_curves (10),
// extended_master_secret (23) and "SessionTicket TLS" (35).
// The list body is printed by tools/registry/gen_extension_types.py.
#pragma once

#include "tlswire/registry/algorithms.hpp"
#include "tlswire/registry/detail/enum_table.hpp"
#include "tlswire/registry/message_kind.hpp"

namespace tlswire {

// The TLS 1.3 column is a set of message kinds (registry/message_kind.hpp:
// tls13_msg::ch, sh, hrr, ee, ct, cr, nst).

// X(identifier, value, IANA name, TLS 1.3 messages, DTLS-Only, Recommended)
// A TLS 1.3 mask of 0 is IANA's "-": not used in TLS 1.3.
// clang-format off
#define TLSWIRE_EXTENSION_TYPE_LIST(X) \
    X(server_name, 0x0000, "server_name", ch | ee | cr, false, Y) \
    X(max_fragment_length, 0x0001, "max_fragment_length", ch | ee, false, N) \
    X(client_certificate_url, 0x0002, "client_certificate_url", 0, false, Y) \
    X(trusted_ca_keys, 0x0003, "trusted_ca_keys", 0, false, Y) \
    X(truncated_hmac, 0x0004, "truncated_hmac", 0, false, D) \
    X(status_request, 0x0005, "status_request", ch | cr | ct, false, Y) \
    X(user_mapping, 0x0006, "user_mapping", 0, false, Y) \
    X(client_authz, 0x0007, "client_authz", 0, false, N) \
    X(server_authz, 0x0008, "server_authz", 0, false, N) \
    X(cert_type, 0x0009, "cert_type", 0, false, N) \
    X(supported_groups, 0x000a, "supported_groups", ch | ee, false, Y) \
    X(ec_point_formats, 0x000b, "ec_point_formats", 0, false, Y) \
    X(srp, 0x000c, "srp", 0, false, N) \
    X(signature_algorithms, 0x000d, "signature_algorithms", ch | cr, false, Y) \
    X(use_srtp, 0x000e, "use_srtp", ch | ee, false, Y) \
    X(heartbeat, 0x000f, "heartbeat", ch | ee, false, Y) \
    X(application_layer_protocol_negotiation, 0x0010, "application_layer_protocol_negotiation", ch | ee, false, Y) \
    X(status_request_v2, 0x0011, "status_request_v2", 0, false, Y) \
    X(signed_certificate_timestamp, 0x0012, "signed_certificate_timestamp", ch | cr | ct, false, N) \
    X(client_certificate_type, 0x0013, "client_certificate_type", ch | ee, false, Y) \
    X(server_certificate_type, 0x0014, "server_certificate_type", ch | ee, false, Y) \
    X(padding, 0x0015, "padding", ch, false, Y) \
    X(encrypt_then_mac, 0x0016, "encrypt_then_mac", 0, false, Y) \
    X(extended_main_secret, 0x0017, "extended_main_secret", 0, false, Y) \
    X(token_binding, 0x0018, "token_binding", 0, false, Y) \
    X(cached_info, 0x0019, "cached_info", 0, false, Y) \
    X(tls_lts, 0x001a, "tls_lts", 0, false, N) \
    X(compress_certificate, 0x001b, "compress_certificate", ch | cr, false, Y) \
    X(record_size_limit, 0x001c, "record_size_limit", ch | ee, false, Y) \
    X(pwd_protect, 0x001d, "pwd_protect", ch, false, N) \
    X(pwd_clear, 0x001e, "pwd_clear", ch, false, N) \
    X(password_salt, 0x001f, "password_salt", ch | sh | hrr, false, N) \
    X(ticket_pinning, 0x0020, "ticket_pinning", ch | ee, false, N) \
    X(tls_cert_with_extern_psk, 0x0021, "tls_cert_with_extern_psk", ch | sh, false, N) \
    X(delegated_credential, 0x0022, "delegated_credential", ch | cr | ct, false, Y) \
    X(session_ticket, 0x0023, "session_ticket", 0, false, Y) \
    X(tlmsp, 0x0024, "TLMSP", 0, false, N) \
    X(tlmsp_proxying, 0x0025, "TLMSP_proxying", 0, false, N) \
    X(tlmsp_delegate, 0x0026, "TLMSP_delegate", 0, false, N) \
    X(supported_ekt_ciphers, 0x0027, "supported_ekt_ciphers", ch | ee, false, Y) \
    X(pre_shared_key, 0x0029, "pre_shared_key", ch | sh, false, Y) \
    X(early_data, 0x002a, "early_data", ch | ee | nst, false, Y) \
    X(supported_versions, 0x002b, "supported_versions", ch | sh | hrr, false, Y) \
    X(cookie, 0x002c, "cookie", ch | hrr, false, Y) \
    X(psk_key_exchange_modes, 0x002d, "psk_key_exchange_modes", ch, false, Y) \
    X(certificate_authorities, 0x002f, "certificate_authorities", ch | cr, false, Y) \
    X(oid_filters, 0x0030, "oid_filters", cr, false, Y) \
    X(post_handshake_auth, 0x0031, "post_handshake_auth", ch, false, Y) \
    X(signature_algorithms_cert, 0x0032, "signature_algorithms_cert", ch | cr, false, Y) \
    X(key_share, 0x0033, "key_share", ch | sh | hrr, false, Y) \
    X(transparency_info, 0x0034, "transparency_info", ch | cr | ct, false, Y) \
    X(connection_id_deprecated, 0x0035, "connection_id (deprecated)", 0, true, D) \
    X(connection_id, 0x0036, "connection_id", ch | sh, true, N) \
    X(external_id_hash, 0x0037, "external_id_hash", ch | ee, false, Y) \
    X(external_session_id, 0x0038, "external_session_id", ch | ee, false, Y) \
    X(quic_transport_parameters, 0x0039, "quic_transport_parameters", ch | ee, false, Y) \
    X(ticket_request, 0x003a, "ticket_request", ch | ee, false, Y) \
    X(dnssec_chain, 0x003b, "dnssec_chain", ch | ct, false, N) \
    X(sequence_number_encryption_algorithms, 0x003c, "sequence_number_encryption_algorithms", ch | hrr | sh, true, N) \
    X(rrc, 0x003d, "rrc", ch | sh, true, N) \
    X(tls_flags, 0x003e, "tls_flags", ch | sh | hrr | ee | cr | ct | nst, false, N) \
    X(ech_outer_extensions, 0xfd00, "ech_outer_extensions", ch, false, Y) \
    X(encrypted_client_hello, 0xfe0d, "encrypted_client_hello", ch | hrr | ee, false, Y) \
    X(renegotiation_info, 0xff01, "renegotiation_info", 0, false, Y) \
    /* end of list */
// clang-format on

enum class extension_type : std::uint16_t { TLSWIRE_EXTENSION_TYPE_LIST(TLSWIRE_DETAIL_ENUMERATOR) };

struct extension_type_attributes {
    std::uint8_t tls13_messages;  // tls13_msg bits; 0 = not used in TLS 1.3
    bool dtls_only;
    recommendation recommended;
};

struct extension_type_entry {
    extension_type value;
    std::string_view name;
    extension_type_attributes attributes;
};

namespace detail {
inline constexpr std::array extension_type_table = [] {
    using namespace tls13_msg;
    return std::array{
#define TLSWIRE_X(id, v, n, mask, dtls, rec) \
    extension_type_entry{extension_type::id, TLSWIRE_DETAIL_LITERAL(n), {static_cast<std::uint8_t>(mask), dtls, static_cast<recommendation>(#rec[0])}},
        TLSWIRE_EXTENSION_TYPE_LIST(TLSWIRE_X)
#undef TLSWIRE_X
    };
}();
inline constexpr std::array<name_alias<extension_type>, 3> extension_type_aliases{{
    {TLSWIRE_DETAIL_LITERAL("elliptic_curves"), extension_type::supported_groups},          // RFC 4492 name
    {TLSWIRE_DETAIL_LITERAL("extended_master_secret"), extension_type::extended_main_secret},  // RFC 7627 name
    {TLSWIRE_DETAIL_LITERAL("SessionTicket TLS"), extension_type::session_ticket},         // RFC 5077 name
}};
}  // namespace detail

template <>
struct registry_traits<extension_type> {
    static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL("extension_type");
    static constexpr const auto& entries = detail::extension_type_table;
    static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::extension_type_table, TLSWIRE_EXTENSION_TYPE_LIST);
    static constexpr grease_kind grease = grease_kind::u16_pair;  // RFC 8701 §2
    static constexpr const auto& aliases = detail::extension_type_aliases;
};
TLSWIRE_REGISTRY_CHECKS(extension_type);

// extension_type_info(t) — the registry attributes, or nullptr if unregistered.
[[nodiscard]] constexpr const extension_type_attributes* extension_type_info(extension_type t) noexcept {
    const std::size_t i = detail::find_index(t);
    return i == detail::npos ? nullptr : &registry_traits<extension_type>::entries[i].attributes;
}

// allowed_in_tls13(t, message) — whether the TLS 1.3 column lists `message` (a
// tls13_msg bit) for t. GREASE extension types (RFC 8701 §2) may appear in
// ClientHello, CertificateRequest and NewSessionTicket; unknown types: false.
[[nodiscard]] constexpr bool allowed_in_tls13(extension_type t, std::uint8_t message) noexcept {
    if (is_grease(t)) return (message & (tls13_msg::ch | tls13_msg::cr | tls13_msg::nst)) != 0;
    // Indices, not pointers: GCC 12 cannot constant-evaluate a pointer's null
    // check under -fsanitize=undefined, and this runs inside static_assert.
    const std::size_t i = detail::find_index(t);
    return i != detail::npos && (registry_traits<extension_type>::entries[i].attributes.tls13_messages & message) != 0;
}

}  // namespace tlswire
