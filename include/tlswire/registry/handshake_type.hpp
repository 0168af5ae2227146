// tlswire/registry/handshake_type.hpp — TLS HandshakeType (IANA tls-parameters-7).
// RFC 8446 §4 and RFC 5246 §7.4: the msg_type byte of a Handshake message.
//
// IANA marks messages that TLS 1.3 dropped with a "_RESERVED" suffix
// ("server_key_exchange_RESERVED"). to_string returns that IANA name; the
// enumerators drop the suffix (handshake_type::server_key_exchange) because the
// codec still parses these messages for TLS 1.0–1.2, and from_string accepts
// either spelling. new_session_ticket's IANA entry carries a note
// '(renamed from "NewSessionTicket")' that is history, not part of the name.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_HANDSHAKE_TYPE_LIST(X)                                                     \
    X(hello_request, 0, "hello_request_RESERVED")                                          \
    X(client_hello, 1, "client_hello")                                                     \
    X(server_hello, 2, "server_hello")                                                     \
    X(hello_verify_request, 3, "hello_verify_request_RESERVED") /* DTLS 1.0/1.2 */         \
    X(new_session_ticket, 4, "new_session_ticket")                                         \
    X(end_of_early_data, 5, "end_of_early_data")                                           \
    X(hello_retry_request, 6, "hello_retry_request_RESERVED")                               \
    X(encrypted_extensions, 8, "encrypted_extensions")                                     \
    X(request_connection_id, 9, "request_connection_id")       /* RFC 9147 */              \
    X(new_connection_id, 10, "new_connection_id")              /* RFC 9147 */              \
    X(certificate, 11, "certificate")                                                      \
    X(server_key_exchange, 12, "server_key_exchange_RESERVED")                             \
    X(certificate_request, 13, "certificate_request")                                      \
    X(server_hello_done, 14, "server_hello_done_RESERVED")                                 \
    X(certificate_verify, 15, "certificate_verify")                                        \
    X(client_key_exchange, 16, "client_key_exchange_RESERVED")                             \
    X(client_certificate_request, 17, "client_certificate_request") /* RFC 9261 */         \
    X(finished, 20, "finished")                                                            \
    X(certificate_url, 21, "certificate_url_RESERVED")         /* RFC 6066 */              \
    X(certificate_status, 22, "certificate_status_RESERVED")   /* RFC 6066 */              \
    X(supplemental_data, 23, "supplemental_data_RESERVED")     /* RFC 4680 */              \
    X(key_update, 24, "key_update")                                                        \
    X(compressed_certificate, 25, "compressed_certificate")    /* RFC 8879 */              \
    X(ekt_key, 26, "ekt_key")                                  /* RFC 8870 */              \
    X(message_hash, 254, "message_hash")                       /* RFC 8446 §4.4.1 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(handshake_type, std::uint8_t, TLSWIRE_HANDSHAKE_TYPE_LIST, grease_kind::none,
                        "handshake_type");

}  // namespace tlswire
