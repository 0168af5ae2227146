// tlswire/registry/compression_method.hpp — CompressionMethod (IANA comp-meth-ids-2;
// RFC 5246 §7.4.1.2). Enumerators are the IANA names lowercased. TLS 1.3
// requires exactly one method, null (RFC 8446 §4.1.2).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_COMPRESSION_METHOD_LIST(X) \
    X(null, 0, "NULL") X(deflate, 1, "DEFLATE") /* RFC 3749 */ X(lzs, 64, "LZS") /* RFC 3943 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(compression_method, std::uint8_t, TLSWIRE_COMPRESSION_METHOD_LIST, grease_kind::none, "compression_method");

}  // namespace tlswire
