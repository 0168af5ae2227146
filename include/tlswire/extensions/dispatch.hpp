// tlswire/extensions/dispatch.hpp — THE table from (extension type, message) to
// the typed description of the body.
//
// Strict validation (validate.hpp), typed access (extension_block::get) and
// printing (visit_extension) all go through describe_extension, so what is
// checked and what is shown cannot drift apart. Unknown types, GREASE types
// (RFC 8701) and types with no structure in that message have no entry: their
// bodies are kept as bytes and never rejected here (whether they may appear at
// all is the block's rule, RFC 8446 §4.2).
//
// "server_hello" covers both the TLS 1.3 ServerHello and the TLS 1.0–1.2
// ServerHello, which carries what TLS 1.3 moved to EncryptedExtensions; the
// block's TLS 1.3 placement check runs before the body is described.
#pragma once

#include <type_traits>
#include <utility>

#include "tlswire/extensions/alpn.hpp"
#include "tlswire/extensions/authz.hpp"
#include "tlswire/extensions/cached_info.hpp"
#include "tlswire/extensions/certificate_authorities.hpp"
#include "tlswire/extensions/certificate_type.hpp"
#include "tlswire/extensions/common.hpp"
#include "tlswire/extensions/compress_certificate.hpp"
#include "tlswire/extensions/connection_id.hpp"
#include "tlswire/extensions/dnssec_chain.hpp"
#include "tlswire/extensions/ech.hpp"
#include "tlswire/extensions/empty.hpp"
#include "tlswire/extensions/external_id.hpp"
#include "tlswire/extensions/heartbeat.hpp"
#include "tlswire/extensions/key_share.hpp"
#include "tlswire/extensions/max_fragment_length.hpp"
#include "tlswire/extensions/padding.hpp"
#include "tlswire/extensions/placement.hpp"
#include "tlswire/extensions/pre_shared_key.hpp"
#include "tlswire/extensions/quic_transport_parameters.hpp"
#include "tlswire/extensions/renegotiation_info.hpp"
#include "tlswire/extensions/server_name.hpp"
#include "tlswire/extensions/session_ticket.hpp"
#include "tlswire/extensions/signature_algorithms.hpp"
#include "tlswire/extensions/signed_certificate_timestamp.hpp"
#include "tlswire/extensions/status_request.hpp"
#include "tlswire/extensions/supported_groups.hpp"
#include "tlswire/extensions/supported_versions.hpp"
#include "tlswire/extensions/ticket_request.hpp"
#include "tlswire/extensions/token_binding.hpp"
#include "tlswire/extensions/trusted_ca_keys.hpp"
#include "tlswire/extensions/use_srtp.hpp"
#include "tlswire/extensions/user_mapping.hpp"

namespace tlswire {

namespace detail {
template <class T, class F>
constexpr bool describe_as(F& f) {
    f(std::type_identity<T>{});
    return true;
}
}  // namespace detail

// describe_extension(type, kind, f) — calls f(std::type_identity<T>{}) with the
// typed description T of a `type` extension's body in a `kind` message and
// returns true; returns false (f not called) when there is none.
// Always inlined: where `kind` is a constant (the extensions block of one
// message) only that message's cases remain.
template <class F>
TLSWIRE_INLINE constexpr bool describe_extension(extension_type type, message_kind kind, F&& f) {
    using detail::describe_as;
    using et = extension_type;
    using namespace tls13_msg;  // the message-kind bits: ch, sh, hrr, ee, ct, cr, nst
    const std::uint8_t k = kind_bit(kind);
    constexpr std::uint8_t server = sh | ee;  // the server's reply: TLS 1.2 ServerHello or TLS 1.3 EncryptedExtensions

    switch (type) {
        case et::server_name:  // RFC 6066 §3
            if (k & ch) return describe_as<server_name_client_hello>(f);
            if (k & server) return describe_as<server_name_server>(f);
            break;
        case et::max_fragment_length:  // RFC 6066 §4
            if (k & (ch | server)) return describe_as<max_fragment_length_extension>(f);
            break;
        case et::client_certificate_url:  // RFC 6066 §5
            if (k & (ch | sh)) return describe_as<client_certificate_url_extension>(f);
            break;
        case et::trusted_ca_keys:  // RFC 6066 §6
            if (k & ch) return describe_as<trusted_ca_keys_client_hello>(f);
            if (k & sh) return describe_as<trusted_ca_keys_server_hello>(f);
            break;
        case et::truncated_hmac:  // RFC 6066 §7
            if (k & (ch | sh)) return describe_as<truncated_hmac_extension>(f);
            break;
        case et::status_request:  // RFC 6066 §8, RFC 8446 §4.4.2.1
            if (k & ch) return describe_as<status_request_client_hello>(f);
            if (k & sh) return describe_as<status_request_server_hello>(f);
            if (k & cr) return describe_as<status_request_certificate_request>(f);
            if (k & ct) return describe_as<status_request_certificate>(f);
            break;
        case et::user_mapping:  // RFC 4681 §2
            if (k & (ch | sh)) return describe_as<user_mapping_extension>(f);
            break;
        case et::client_authz:  // RFC 5878 §3
            if (k & (ch | sh)) return describe_as<client_authz_extension>(f);
            break;
        case et::server_authz:
            if (k & (ch | sh)) return describe_as<server_authz_extension>(f);
            break;
        case et::cert_type:  // RFC 6091 §3
            if (k & ch) return describe_as<cert_type_client_hello>(f);
            if (k & sh) return describe_as<cert_type_server_hello>(f);
            break;
        case et::supported_groups:  // RFC 8446 §4.2.7, RFC 8422 §5.1.1
            if (k & (ch | server)) return describe_as<supported_groups_extension>(f);
            break;
        case et::ec_point_formats:  // RFC 8422 §5.1.2
            if (k & (ch | sh)) return describe_as<ec_point_formats_extension>(f);
            break;
        case et::srp:  // RFC 5054 §2.8.1
            if (k & ch) return describe_as<srp_client_hello>(f);
            break;
        case et::signature_algorithms:  // RFC 8446 §4.2.3
            if (k & (ch | cr)) return describe_as<signature_algorithms_extension>(f);
            break;
        case et::use_srtp:  // RFC 5764 §4.1.1
            if (k & ch) return describe_as<use_srtp_client_hello>(f);
            if (k & server) return describe_as<use_srtp_server>(f);
            break;
        case et::heartbeat:  // RFC 6520 §2
            if (k & (ch | server)) return describe_as<heartbeat_extension>(f);
            break;
        case et::application_layer_protocol_negotiation:  // RFC 7301 §3.1
            if (k & ch) return describe_as<alpn_client_hello>(f);
            if (k & server) return describe_as<alpn_server>(f);
            break;
        case et::status_request_v2:  // RFC 6961 §2.2
            if (k & ch) return describe_as<status_request_v2_client_hello>(f);
            if (k & sh) return describe_as<status_request_v2_server_hello>(f);
            break;
        case et::signed_certificate_timestamp:  // RFC 6962 §3.3, RFC 8446 §4.4.2.1
            if (k & (ch | cr)) return describe_as<signed_certificate_timestamp_request>(f);
            if (k & (sh | ct)) return describe_as<signed_certificate_timestamp_list>(f);
            break;
        case et::client_certificate_type:  // RFC 7250 §3
            if (k & ch) return describe_as<client_certificate_type_client_hello>(f);
            if (k & server) return describe_as<client_certificate_type_server>(f);
            break;
        case et::server_certificate_type:
            if (k & ch) return describe_as<server_certificate_type_client_hello>(f);
            if (k & server) return describe_as<server_certificate_type_server>(f);
            break;
        case et::padding:  // RFC 7685 §3
            if (k & ch) return describe_as<padding_client_hello>(f);
            break;
        case et::encrypt_then_mac:  // RFC 7366 §2
            if (k & (ch | sh)) return describe_as<encrypt_then_mac_extension>(f);
            break;
        case et::extended_main_secret:  // RFC 7627 §5.1
            if (k & (ch | sh)) return describe_as<extended_main_secret_extension>(f);
            break;
        case et::token_binding:  // RFC 8472 §3–§4
            if (k & ch) return describe_as<token_binding_client_hello>(f);
            if (k & sh) return describe_as<token_binding_server_hello>(f);
            break;
        case et::cached_info:  // RFC 7924 §3
            if (k & ch) return describe_as<cached_info_client_hello>(f);
            if (k & sh) return describe_as<cached_info_server_hello>(f);
            break;
        case et::compress_certificate:  // RFC 8879 §3
            if (k & (ch | cr)) return describe_as<compress_certificate_extension>(f);
            break;
        case et::record_size_limit:  // RFC 8449 §4
            if (k & (ch | server)) return describe_as<record_size_limit_extension>(f);
            break;
        case et::delegated_credential:  // RFC 9345 §4.1
            if (k & (ch | cr)) return describe_as<delegated_credential_request>(f);
            if (k & ct) return describe_as<delegated_credential_certificate>(f);
            break;
        case et::session_ticket:  // RFC 5077 §3.2
            if (k & ch) return describe_as<session_ticket_client_hello>(f);
            if (k & sh) return describe_as<session_ticket_server_hello>(f);
            break;
        case et::pre_shared_key:  // RFC 8446 §4.2.11
            if (k & ch) return describe_as<pre_shared_key_client_hello>(f);
            if (k & sh) return describe_as<pre_shared_key_server_hello>(f);
            break;
        case et::early_data:  // RFC 8446 §4.2.10
            if (k & ch) return describe_as<early_data_client_hello>(f);
            if (k & ee) return describe_as<early_data_encrypted_extensions>(f);
            if (k & nst) return describe_as<early_data_new_session_ticket>(f);
            break;
        case et::supported_versions:  // RFC 8446 §4.2.1
            if (k & ch) return describe_as<supported_versions_client_hello>(f);
            if (k & (sh | hrr)) return describe_as<supported_versions_server_hello>(f);
            break;
        case et::cookie:  // RFC 8446 §4.2.2
            if (k & (ch | hrr)) return describe_as<cookie_extension>(f);
            break;
        case et::psk_key_exchange_modes:  // RFC 8446 §4.2.9
            if (k & ch) return describe_as<psk_key_exchange_modes_client_hello>(f);
            break;
        case et::certificate_authorities:  // RFC 8446 §4.2.4
            if (k & (ch | cr)) return describe_as<certificate_authorities_extension>(f);
            break;
        case et::oid_filters:  // RFC 8446 §4.2.5
            if (k & cr) return describe_as<oid_filters_certificate_request>(f);
            break;
        case et::post_handshake_auth:  // RFC 8446 §4.2.6
            if (k & ch) return describe_as<post_handshake_auth_extension>(f);
            break;
        case et::signature_algorithms_cert:  // RFC 8446 §4.2.3
            if (k & (ch | cr)) return describe_as<signature_algorithms_cert_extension>(f);
            break;
        case et::key_share:  // RFC 8446 §4.2.8
            if (k & ch) return describe_as<key_share_client_hello>(f);
            if (k & sh) return describe_as<key_share_server_hello>(f);
            if (k & hrr) return describe_as<key_share_hello_retry_request>(f);
            break;
        case et::transparency_info:  // RFC 9162 §6
            if (k & (ch | cr)) return describe_as<transparency_info_request>(f);
            if (k & (sh | ct)) return describe_as<transparency_info_list>(f);
            break;
        case et::connection_id:  // RFC 9146 §3 (and RFC 9147 §9 for EncryptedExtensions)
            if (k & (ch | server)) return describe_as<connection_id_extension>(f);
            break;
        case et::external_id_hash:  // RFC 8844 §3
            if (k & (ch | ee)) return describe_as<external_id_hash_extension>(f);
            break;
        case et::external_session_id:  // RFC 8844 §4
            if (k & (ch | ee)) return describe_as<external_session_id_extension>(f);
            break;
        case et::quic_transport_parameters:  // RFC 9001 §8.2, RFC 9000 §18
            if (k & ch) return describe_as<quic_transport_parameters_client_hello>(f);
            if (k & ee) return describe_as<quic_transport_parameters_encrypted_extensions>(f);
            break;
        case et::ticket_request:  // RFC 9149 §3
            if (k & ch) return describe_as<ticket_request_client_hello>(f);
            if (k & ee) return describe_as<ticket_request_encrypted_extensions>(f);
            break;
        case et::dnssec_chain:  // RFC 9102 §2
            if (k & ch) return describe_as<dnssec_chain_client_hello>(f);
            if (k & ct) return describe_as<dnssec_chain_certificate>(f);
            break;
        case et::ech_outer_extensions:  // draft-ietf-tls-esni §5.1
            if (k & ch) return describe_as<ech_outer_extensions_client_hello>(f);
            break;
        case et::encrypted_client_hello:  // draft-ietf-tls-esni §5
            if (k & ch) return describe_as<encrypted_client_hello_client_hello>(f);
            if (k & ee) return describe_as<encrypted_client_hello_encrypted_extensions>(f);
            if (k & hrr) return describe_as<encrypted_client_hello_hello_retry_request>(f);
            break;
        case et::renegotiation_info:  // RFC 5746 §3.2
            if (k & (ch | sh)) return describe_as<renegotiation_info_extension>(f);
            break;
        default:
            // ALPS (draft-vvv-tls-alps §3), under both deployed code points.
            if (type == application_settings_type) {
                if (k & ch) return describe_as<application_settings_client_hello>(f);
                if (k & ee) return describe_as<application_settings_encrypted_extensions>(f);
            } else if (type == application_settings_old_type) {
                if (k & ch) return describe_as<application_settings_old_client_hello>(f);
                if (k & ee) return describe_as<application_settings_old_encrypted_extensions>(f);
            }
            break;
    }
    return false;
}

namespace detail {
// The message kinds (as bits) in which describe_extension picks T for T::type.
template <class T>
inline constexpr unsigned dispatch_kinds = [] {
    unsigned m = 0;
    for (unsigned k = 0; k <= static_cast<unsigned>(message_kind::new_session_ticket); ++k)
        describe_extension(T::type, static_cast<message_kind>(k), [&]<class U>(std::type_identity<U>) {
            if (std::is_same_v<U, T>) m |= 1u << k;
        });
    return m;
}();

template <class T>
constexpr bool dispatches_to(message_kind kind) noexcept {
    return (dispatch_kinds<T> >> static_cast<unsigned>(kind)) & 1u;
}
}  // namespace detail

// is_described(type, kind) — whether describe_extension has an entry.
[[nodiscard]] constexpr bool is_described(extension_type type, message_kind kind) noexcept {
    return describe_extension(type, kind, [](auto) {});
}

// visit_extension(type, kind, data, ctx, f) — decode one extension body for
// printing or inspection. When (type, kind) has a typed description, `data`
// is parsed with it; on success f(const T&) is called with the typed value
// and an empty error returned; on failure f is not called and the error
// (offsets counted from data[0]) is returned. Without a description (unknown
// or GREASE type, or no structure in this message) f(bytes_view data) is
// called. f is usually a generic lambda: [](const auto& v) { ... }.
template <class F>
constexpr error visit_extension(extension_type type, message_kind kind, bytes_view data, const context& ctx, F&& f) {
    error e{};
    const bool described = describe_extension(type, kind, [&]<class T>(std::type_identity<T>) {
        result<T> r = parse<T>(data, ctx);
        if (r) f(std::as_const(*r));
        else e = r.err();
    });
    if (!described) f(data);
    return e;
}

}  // namespace tlswire
