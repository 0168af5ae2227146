// tlswire/registry/content_type.hpp — TLS ContentType (IANA tls-parameters-5).
// RFC 8446 §5.1 (and RFC 5246 §6.2.1): the first byte of every record.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_CONTENT_TYPE_LIST(X)                                         \
    X(change_cipher_spec, 20, "change_cipher_spec")                          \
    X(alert, 21, "alert")                                                    \
    X(handshake, 22, "handshake")                                            \
    X(application_data, 23, "application_data")                              \
    X(heartbeat, 24, "heartbeat")                    /* RFC 6520 */          \
    X(tls12_cid, 25, "tls12_cid")                    /* RFC 9146 */          \
    X(ack, 26, "ACK")                                /* RFC 9147 (DTLS 1.3) */ \
    X(return_routability_check, 27, "return_routability_check") /* RFC 9853 */
// clang-format on

// content_type — enumerators are the IANA names, lowercased.
TLSWIRE_DEFINE_REGISTRY(content_type, std::uint8_t, TLSWIRE_CONTENT_TYPE_LIST, grease_kind::none, "content_type");

}  // namespace tlswire
