// tlswire/registry/named_group.hpp — the IANA "TLS Supported Groups" registry
// (tls-parameters-8; RFC 8422 §5.1.1, RFC 7919, RFC 8446 §4.2.7), every
// assigned code point, with its kind and the fixed key_exchange sizes.
//
// Enumerators: the IANA name lowercased (X25519MLKEM768 -> x25519mlkem768,
// brainpoolP256r1 -> brainpoolp256r1); an IANA suffix " (OBSOLETE)" becomes
// "_obsolete". to_string returns the IANA spelling.
#pragma once

#include "tlswire/registry/algorithms.hpp"
#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// named_group_kind — what a group is.
// ecdhe: an elliptic curve (SEC 2, brainpool, X25519/X448, GOST, SM2);
// ffdhe: RFC 7919 finite-field group; kem: a pure KEM (ML-KEM, FIPS 203);
// hybrid: ECDHE + KEM concatenated (draft-ietf-tls-ecdhe-mlkem);
// explicit_curves: RFC 8422 §5.1.1 arbitrary_explicit_* (TLS 1.2, deprecated).
enum class named_group_kind : std::uint8_t { ecdhe, ffdhe, kem, hybrid, explicit_curves };

// Sizes are KeyShareEntry.key_exchange lengths (RFC 8446 §4.2.8.1/§4.2.8.2;
// for curves also the TLS 1.2 uncompressed ECPoint, 1 + 2 * field bytes), from
// the client (public key / encapsulation key) and from the server (public key /
// ciphertext). 0 = not fixed here (GOST curves, whose TLS 1.3 encoding RFC 9367
// defines separately, and the explicit-curve placeholders).
// X(identifier, value, IANA name, kind, client length, server length, DTLS-OK, Recommended)
// clang-format off
#define TLSWIRE_NAMED_GROUP_LIST(X)                                                              \
    X(sect163k1, 0x0001, "sect163k1", ecdhe, 43, 43, true, D)                                    \
    X(sect163r1, 0x0002, "sect163r1", ecdhe, 43, 43, true, D)                                    \
    X(sect163r2, 0x0003, "sect163r2", ecdhe, 43, 43, true, D)                                    \
    X(sect193r1, 0x0004, "sect193r1", ecdhe, 51, 51, true, D)                                    \
    X(sect193r2, 0x0005, "sect193r2", ecdhe, 51, 51, true, D)                                    \
    X(sect233k1, 0x0006, "sect233k1", ecdhe, 61, 61, true, D)                                    \
    X(sect233r1, 0x0007, "sect233r1", ecdhe, 61, 61, true, D)                                    \
    X(sect239k1, 0x0008, "sect239k1", ecdhe, 61, 61, true, D)                                    \
    X(sect283k1, 0x0009, "sect283k1", ecdhe, 73, 73, true, N)                                    \
    X(sect283r1, 0x000a, "sect283r1", ecdhe, 73, 73, true, N)                                    \
    X(sect409k1, 0x000b, "sect409k1", ecdhe, 105, 105, true, N)                                  \
    X(sect409r1, 0x000c, "sect409r1", ecdhe, 105, 105, true, N)                                  \
    X(sect571k1, 0x000d, "sect571k1", ecdhe, 145, 145, true, N)                                  \
    X(sect571r1, 0x000e, "sect571r1", ecdhe, 145, 145, true, N)                                  \
    X(secp160k1, 0x000f, "secp160k1", ecdhe, 41, 41, true, D)                                    \
    X(secp160r1, 0x0010, "secp160r1", ecdhe, 41, 41, true, D)                                    \
    X(secp160r2, 0x0011, "secp160r2", ecdhe, 41, 41, true, D)                                    \
    X(secp192k1, 0x0012, "secp192k1", ecdhe, 49, 49, true, D)                                    \
    X(secp192r1, 0x0013, "secp192r1", ecdhe, 49, 49, true, D)                                    \
    X(secp224k1, 0x0014, "secp224k1", ecdhe, 57, 57, true, D)                                    \
    X(secp224r1, 0x0015, "secp224r1", ecdhe, 57, 57, true, D)                                    \
    X(secp256k1, 0x0016, "secp256k1", ecdhe, 65, 65, true, N)                                    \
    X(secp256r1, 0x0017, "secp256r1", ecdhe, 65, 65, true, Y)                                    \
    X(secp384r1, 0x0018, "secp384r1", ecdhe, 97, 97, true, Y)                                    \
    X(secp521r1, 0x0019, "secp521r1", ecdhe, 133, 133, true, N)                                  \
    X(brainpoolp256r1, 0x001a, "brainpoolP256r1", ecdhe, 65, 65, true, N)                        \
    X(brainpoolp384r1, 0x001b, "brainpoolP384r1", ecdhe, 97, 97, true, N)                        \
    X(brainpoolp512r1, 0x001c, "brainpoolP512r1", ecdhe, 129, 129, true, N)                      \
    X(x25519, 0x001d, "x25519", ecdhe, 32, 32, true, Y)                                          \
    X(x448, 0x001e, "x448", ecdhe, 56, 56, true, Y)                                              \
    X(brainpoolp256r1tls13, 0x001f, "brainpoolP256r1tls13", ecdhe, 65, 65, true, N)              \
    X(brainpoolp384r1tls13, 0x0020, "brainpoolP384r1tls13", ecdhe, 97, 97, true, N)              \
    X(brainpoolp512r1tls13, 0x0021, "brainpoolP512r1tls13", ecdhe, 129, 129, true, N)            \
    X(gc256a, 0x0022, "GC256A", ecdhe, 0, 0, true, N)                                            \
    X(gc256b, 0x0023, "GC256B", ecdhe, 0, 0, true, N)                                            \
    X(gc256c, 0x0024, "GC256C", ecdhe, 0, 0, true, N)                                            \
    X(gc256d, 0x0025, "GC256D", ecdhe, 0, 0, true, N)                                            \
    X(gc512a, 0x0026, "GC512A", ecdhe, 0, 0, true, N)                                            \
    X(gc512b, 0x0027, "GC512B", ecdhe, 0, 0, true, N)                                            \
    X(gc512c, 0x0028, "GC512C", ecdhe, 0, 0, true, N)                                            \
    X(curvesm2, 0x0029, "curveSM2", ecdhe, 65, 65, false, N)                                     \
    X(ffdhe2048, 0x0100, "ffdhe2048", ffdhe, 256, 256, true, N)                                  \
    X(ffdhe3072, 0x0101, "ffdhe3072", ffdhe, 384, 384, true, N)                                  \
    X(ffdhe4096, 0x0102, "ffdhe4096", ffdhe, 512, 512, true, N)                                  \
    X(ffdhe6144, 0x0103, "ffdhe6144", ffdhe, 768, 768, true, N)                                  \
    X(ffdhe8192, 0x0104, "ffdhe8192", ffdhe, 1024, 1024, true, N)                                \
    X(mlkem512, 0x0200, "MLKEM512", kem, 800, 768, true, N)                                      \
    X(mlkem768, 0x0201, "MLKEM768", kem, 1184, 1088, true, N)                                    \
    X(mlkem1024, 0x0202, "MLKEM1024", kem, 1568, 1568, true, N)                                  \
    X(secp256r1mlkem768, 0x11eb, "SecP256r1MLKEM768", hybrid, 1249, 1153, true, N)               \
    X(x25519mlkem768, 0x11ec, "X25519MLKEM768", hybrid, 1216, 1120, true, N)                     \
    X(secp384r1mlkem1024, 0x11ed, "SecP384r1MLKEM1024", hybrid, 1665, 1665, true, N)             \
    X(curvesm2mlkem768, 0x11ee, "curveSM2MLKEM768", hybrid, 1249, 1153, false, N)                \
    X(x25519kyber768draft00_obsolete, 0x6399, "X25519Kyber768Draft00 (OBSOLETE)", hybrid, 1216, 1120, true, D) \
    X(secp256r1kyber768draft00_obsolete, 0x639a, "SecP256r1Kyber768Draft00 (OBSOLETE)", hybrid, 1249, 1153, true, D) \
    X(arbitrary_explicit_prime_curves, 0xff01, "arbitrary_explicit_prime_curves", explicit_curves, 0, 0, true, N) \
    X(arbitrary_explicit_char2_curves, 0xff02, "arbitrary_explicit_char2_curves", explicit_curves, 0, 0, true, N)
// clang-format on

enum class named_group : std::uint16_t { TLSWIRE_NAMED_GROUP_LIST(TLSWIRE_DETAIL_ENUMERATOR) };

struct named_group_attributes {
    named_group_kind kind;
    std::uint16_t client_share_length;  // 0 = not fixed
    std::uint16_t server_share_length;  // 0 = not fixed
    bool dtls_ok;
    recommendation recommended;
};

struct named_group_entry {
    named_group value;
    std::string_view name;
    named_group_attributes attributes;
};

namespace detail {
inline constexpr std::array named_group_table{
#define TLSWIRE_X(id, v, n, kind, cl, sl, dtls, rec)                                                    \
    named_group_entry{named_group::id, TLSWIRE_DETAIL_LITERAL(n),                                      \
                      {named_group_kind::kind, cl, sl, dtls, static_cast<recommendation>(#rec[0])}},
    TLSWIRE_NAMED_GROUP_LIST(TLSWIRE_X)
#undef TLSWIRE_X
};
}  // namespace detail

template <>
struct registry_traits<named_group> {
    static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL("named_group");
    static constexpr const auto& entries = detail::named_group_table;
    static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::named_group_table, TLSWIRE_NAMED_GROUP_LIST);
    static constexpr grease_kind grease = grease_kind::u16_pair;  // RFC 8701 §2
};
TLSWIRE_REGISTRY_CHECKS(named_group);

// named_group_info(g) — the attributes, or nullptr if g is not registered.
[[nodiscard]] constexpr const named_group_attributes* named_group_info(named_group g) noexcept {
    const std::size_t i = detail::find_index(g);
    return i == detail::npos ? nullptr : &registry_traits<named_group>::entries[i].attributes;
}

// is_ffdhe(g) — RFC 7919 §A: the FFDHE range 0x0100–0x01FF (named or private).
[[nodiscard]] constexpr bool is_ffdhe(named_group g) noexcept {
    return (static_cast<std::uint16_t>(g) & 0xff00u) == 0x0100u;
}

}  // namespace tlswire
