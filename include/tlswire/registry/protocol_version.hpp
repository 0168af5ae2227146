// tlswire/registry/protocol_version.hpp — ProtocolVersion (RFC 8446 §4.1.2,
// §4.2.1; RFC 5246 §6.2.1; RFC 6101 for SSL 3.0; RFC 6347 §4.1 and RFC 9147
// §5.3 for DTLS, whose versions are the 1's complement of the TLS numbering).
//
// There is no IANA registry for versions; the values are transcribed from the
// RFCs. to_string gives "SSL 3.0", "TLS 1.0" ... "DTLS 1.3"; from_string also
// accepts the short names "ssl30", "tls10" ... "dtls13" (the enumerators).
// GREASE (RFC 8701 §2) applies to supported_versions lists.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// clang-format off
#define TLSWIRE_PROTOCOL_VERSION_LIST(X)                           \
    X(ssl30, 0x0300, "SSL 3.0")    /* RFC 6101 */                  \
    X(tls10, 0x0301, "TLS 1.0")    /* RFC 2246 */                  \
    X(tls11, 0x0302, "TLS 1.1")    /* RFC 4346 */                  \
    X(tls12, 0x0303, "TLS 1.2")    /* RFC 5246 */                  \
    X(tls13, 0x0304, "TLS 1.3")    /* RFC 8446 */                  \
    X(dtls13, 0xfefc, "DTLS 1.3")  /* RFC 9147 */                  \
    X(dtls12, 0xfefd, "DTLS 1.2")  /* RFC 6347 */                  \
    X(dtls10, 0xfeff, "DTLS 1.0")  /* RFC 4347 */
// clang-format on

enum class protocol_version : std::uint16_t { TLSWIRE_PROTOCOL_VERSION_LIST(TLSWIRE_DETAIL_ENUMERATOR) };

namespace detail {
inline constexpr auto protocol_version_table = [] {
    using enum protocol_version;
    return std::array{TLSWIRE_PROTOCOL_VERSION_LIST(TLSWIRE_DETAIL_ENTRY)};
}();
inline constexpr std::array<name_alias<protocol_version>, 9> protocol_version_aliases{{
#define TLSWIRE_X(id, v, n) {TLSWIRE_DETAIL_LITERAL(#id), protocol_version::id},
    TLSWIRE_PROTOCOL_VERSION_LIST(TLSWIRE_X)
#undef TLSWIRE_X
    {TLSWIRE_DETAIL_LITERAL("ssl3"), protocol_version::ssl30},
}};
}  // namespace detail

template <>
struct registry_traits<protocol_version> {
    static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL("protocol_version");
    static constexpr const auto& entries = detail::protocol_version_table;
    static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::protocol_version_table, TLSWIRE_PROTOCOL_VERSION_LIST);
    static constexpr grease_kind grease = grease_kind::u16_pair;
    static constexpr const auto& aliases = detail::protocol_version_aliases;
};
TLSWIRE_REGISTRY_CHECKS(protocol_version);

// is_dtls(v) — a DTLS version number (major byte 0xFE, RFC 6347 §4.1).
[[nodiscard]] constexpr bool is_dtls(protocol_version v) noexcept {
    return (static_cast<std::uint16_t>(v) >> 8) == 0xfe;
}

// version_ordinal(v) — a number that orders versions by capability across TLS
// and DTLS: SSL 3.0 = 0, TLS 1.0 = 1, TLS 1.1 = DTLS 1.0 = 2 (RFC 4347 §1:
// DTLS 1.0 is based on TLS 1.1), TLS 1.2 = DTLS 1.2 = 3, TLS 1.3 = DTLS 1.3 = 4.
// -1 for values that are not a known version (GREASE, drafts, garbage).
[[nodiscard]] constexpr int version_ordinal(protocol_version v) noexcept {
    switch (v) {
        case protocol_version::ssl30: return 0;
        case protocol_version::tls10: return 1;
        case protocol_version::tls11:
        case protocol_version::dtls10: return 2;
        case protocol_version::tls12:
        case protocol_version::dtls12: return 3;
        case protocol_version::tls13:
        case protocol_version::dtls13: return 4;
    }
    return -1;
}

// tls_equivalent(v) — the TLS version a DTLS version is built on (identity for
// TLS versions). Unknown values are returned unchanged.
[[nodiscard]] constexpr protocol_version tls_equivalent(protocol_version v) noexcept {
    switch (version_ordinal(v)) {
        case 0: return protocol_version::ssl30;
        case 1: return protocol_version::tls10;
        case 2: return protocol_version::tls11;
        case 3: return protocol_version::tls12;
        case 4: return protocol_version::tls13;
        default: return v;
    }
}

}  // namespace tlswire
