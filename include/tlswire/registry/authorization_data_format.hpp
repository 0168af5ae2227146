// tlswire/registry/authorization_data_format.hpp — AuthzDataFormat (RFC 5878 §3.3; IANA
// "TLS Authorization Data Formats" in the 2013 snapshot).
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_AUTHORIZATION_DATA_FORMAT_LIST(X) \
    X(x509_attr_cert, 0, "x509_attr_cert") X(saml_assertion, 1, "saml_assertion")         \
    X(x509_attr_cert_url, 2, "x509_attr_cert_url") X(saml_assertion_url, 3, "saml_assertion_url") \
    X(keynote_assertion_list, 64, "keynote_assertion_list")          /* RFC 6042 */        \
    X(keynote_assertion_list_url, 65, "keynote_assertion_list_url")  /* RFC 6042 */
// clang-format on

TLSWIRE_DEFINE_REGISTRY(authorization_data_format, std::uint8_t, TLSWIRE_AUTHORIZATION_DATA_FORMAT_LIST, grease_kind::none, "authorization_data_format");

}  // namespace tlswire
