// tlswire/registry/alert.hpp — alert_level (RFC 8446 §6 / RFC 5246 §7.2) and
// alert_description (IANA tls-parameters-6).
//
// Descriptions IANA marks "_RESERVED" (used before TLS 1.3) keep that suffix in
// to_string; their enumerators drop it, and from_string accepts both.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// RFC 8446 §6: enum { warning(1), fatal(2), (255) } AlertLevel;
// (No IANA registry exists; the values are transcribed from the RFC.)
// clang-format off
#define TLSWIRE_ALERT_LEVEL_LIST(X) \
    X(warning, 1, "warning")        \
    X(fatal, 2, "fatal")
// clang-format on
TLSWIRE_DEFINE_REGISTRY(alert_level, std::uint8_t, TLSWIRE_ALERT_LEVEL_LIST, grease_kind::none, "alert_level");

// clang-format off
#define TLSWIRE_ALERT_DESCRIPTION_LIST(X)                                                  \
    X(close_notify, 0, "close_notify")                                                     \
    X(unexpected_message, 10, "unexpected_message")                                        \
    X(bad_record_mac, 20, "bad_record_mac")                                                \
    X(decryption_failed, 21, "decryption_failed_RESERVED")                                 \
    X(record_overflow, 22, "record_overflow")                                              \
    X(decompression_failure, 30, "decompression_failure_RESERVED")                         \
    X(handshake_failure, 40, "handshake_failure")                                          \
    X(no_certificate, 41, "no_certificate_RESERVED")        /* SSL 3.0 only */             \
    X(bad_certificate, 42, "bad_certificate")                                              \
    X(unsupported_certificate, 43, "unsupported_certificate")                              \
    X(certificate_revoked, 44, "certificate_revoked")                                      \
    X(certificate_expired, 45, "certificate_expired")                                      \
    X(certificate_unknown, 46, "certificate_unknown")                                      \
    X(illegal_parameter, 47, "illegal_parameter")                                          \
    X(unknown_ca, 48, "unknown_ca")                                                        \
    X(access_denied, 49, "access_denied")                                                  \
    X(decode_error, 50, "decode_error")                                                    \
    X(decrypt_error, 51, "decrypt_error")                                                  \
    X(too_many_cids_requested, 52, "too_many_cids_requested") /* RFC 9147 */               \
    X(export_restriction, 60, "export_restriction_RESERVED") /* TLS 1.0 only */            \
    X(protocol_version, 70, "protocol_version")                                            \
    X(insufficient_security, 71, "insufficient_security")                                  \
    X(internal_error, 80, "internal_error")                                                \
    X(inappropriate_fallback, 86, "inappropriate_fallback") /* RFC 7507 */                 \
    X(user_canceled, 90, "user_canceled")                                                  \
    X(no_renegotiation, 100, "no_renegotiation_RESERVED")                                  \
    X(missing_extension, 109, "missing_extension")                                         \
    X(unsupported_extension, 110, "unsupported_extension")                                 \
    X(certificate_unobtainable, 111, "certificate_unobtainable_RESERVED")                  \
    X(unrecognized_name, 112, "unrecognized_name")          /* RFC 6066 */                 \
    X(bad_certificate_status_response, 113, "bad_certificate_status_response")             \
    X(bad_certificate_hash_value, 114, "bad_certificate_hash_value_RESERVED")              \
    X(unknown_psk_identity, 115, "unknown_psk_identity")    /* RFC 4279 */                 \
    X(certificate_required, 116, "certificate_required")                                   \
    X(general_error, 117, "general_error")                                                 \
    X(no_application_protocol, 120, "no_application_protocol") /* RFC 7301 */              \
    X(ech_required, 121, "ech_required")                    /* RFC 9849 */
// clang-format on

// Note: the enumerator alert_description::protocol_version shares its spelling
// with the type tlswire::protocol_version; inside tlswire code qualify it.
TLSWIRE_DEFINE_REGISTRY(alert_description, std::uint8_t, TLSWIRE_ALERT_DESCRIPTION_LIST, grease_kind::none,
                        "alert_description");

}  // namespace tlswire
