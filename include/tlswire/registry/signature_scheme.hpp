// tlswire/registry/signature_scheme.hpp — the IANA "TLS SignatureScheme"
// registry (tls-signaturescheme; RFC 8446 §4.2.3), every assigned code point,
// with the signature algorithm family and hash each scheme uses.
//
// Enumerators are the IANA names (all lowercase except the brainpool ones,
// lowercased here: ecdsa_brainpoolp256r1tls13_sha256). The "Reserved for
// backward compatibility" ranges (TLS 1.2 hash/signature pairs, RFC 8446 §4.2.3)
// are not listed: decode them with hash_algorithm/signature_algorithm.
#pragma once

#include "tlswire/registry/algorithms.hpp"
#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// signature_family — the signature algorithm a scheme uses.
enum class signature_family : std::uint8_t {
    rsa_pkcs1,      // RSASSA-PKCS1-v1_5 (RFC 8017)
    ecdsa,          // ECDSA (FIPS 186-4 / ANSI X9.62)
    rsa_pss_rsae,   // RSASSA-PSS, rsaEncryption key (RFC 8446 §4.2.3)
    rsa_pss_pss,    // RSASSA-PSS, RSASSA-PSS key
    eddsa,          // Ed25519 / Ed448 (RFC 8032)
    sm2,            // SM2 (RFC 8998)
    gost_256,       // GOST R 34.10-2012, 256-bit (RFC 9367)
    gost_512,       // GOST R 34.10-2012, 512-bit (RFC 9367)
    eccsi,          // ECCSI (RFC 6507; draft-wang-tls-raw-public-key-with-ibc)
    iso_ibs,        // ISO/IEC 14888-3 IBS (same draft)
    mldsa,          // ML-DSA (FIPS 204)
    slhdsa,         // SLH-DSA (FIPS 205)
};

// X(identifier, value, IANA name, family, hash, Recommended)
// clang-format off
#define TLSWIRE_SIGNATURE_SCHEME_LIST(X)                                                        \
    X(rsa_pkcs1_sha1, 0x0201, "rsa_pkcs1_sha1", rsa_pkcs1, sha1, N)                            \
    X(ecdsa_sha1, 0x0203, "ecdsa_sha1", ecdsa, sha1, N)                                        \
    X(rsa_pkcs1_sha256, 0x0401, "rsa_pkcs1_sha256", rsa_pkcs1, sha256, Y)                      \
    X(ecdsa_secp256r1_sha256, 0x0403, "ecdsa_secp256r1_sha256", ecdsa, sha256, Y)              \
    X(rsa_pkcs1_sha256_legacy, 0x0420, "rsa_pkcs1_sha256_legacy", rsa_pkcs1, sha256, N)        \
    X(rsa_pkcs1_sha384, 0x0501, "rsa_pkcs1_sha384", rsa_pkcs1, sha384, Y)                      \
    X(ecdsa_secp384r1_sha384, 0x0503, "ecdsa_secp384r1_sha384", ecdsa, sha384, Y)              \
    X(rsa_pkcs1_sha384_legacy, 0x0520, "rsa_pkcs1_sha384_legacy", rsa_pkcs1, sha384, N)        \
    X(rsa_pkcs1_sha512, 0x0601, "rsa_pkcs1_sha512", rsa_pkcs1, sha512, Y)                      \
    X(ecdsa_secp521r1_sha512, 0x0603, "ecdsa_secp521r1_sha512", ecdsa, sha512, Y)              \
    X(rsa_pkcs1_sha512_legacy, 0x0620, "rsa_pkcs1_sha512_legacy", rsa_pkcs1, sha512, N)        \
    X(eccsi_sha256, 0x0704, "eccsi_sha256", eccsi, sha256, N)                                  \
    X(iso_ibs1, 0x0705, "iso_ibs1", iso_ibs, intrinsic, N)                                     \
    X(iso_ibs2, 0x0706, "iso_ibs2", iso_ibs, intrinsic, N)                                     \
    X(iso_chinese_ibs, 0x0707, "iso_chinese_ibs", iso_ibs, intrinsic, N)                       \
    X(sm2sig_sm3, 0x0708, "sm2sig_sm3", sm2, sm3, N)                                           \
    X(gostr34102012_256a, 0x0709, "gostr34102012_256a", gost_256, streebog_256, N)             \
    X(gostr34102012_256b, 0x070a, "gostr34102012_256b", gost_256, streebog_256, N)             \
    X(gostr34102012_256c, 0x070b, "gostr34102012_256c", gost_256, streebog_256, N)             \
    X(gostr34102012_256d, 0x070c, "gostr34102012_256d", gost_256, streebog_256, N)             \
    X(gostr34102012_512a, 0x070d, "gostr34102012_512a", gost_512, streebog_512, N)             \
    X(gostr34102012_512b, 0x070e, "gostr34102012_512b", gost_512, streebog_512, N)             \
    X(gostr34102012_512c, 0x070f, "gostr34102012_512c", gost_512, streebog_512, N)             \
    X(rsa_pss_rsae_sha256, 0x0804, "rsa_pss_rsae_sha256", rsa_pss_rsae, sha256, Y)             \
    X(rsa_pss_rsae_sha384, 0x0805, "rsa_pss_rsae_sha384", rsa_pss_rsae, sha384, Y)             \
    X(rsa_pss_rsae_sha512, 0x0806, "rsa_pss_rsae_sha512", rsa_pss_rsae, sha512, Y)             \
    X(ed25519, 0x0807, "ed25519", eddsa, intrinsic, Y)                                         \
    X(ed448, 0x0808, "ed448", eddsa, intrinsic, Y)                                             \
    X(rsa_pss_pss_sha256, 0x0809, "rsa_pss_pss_sha256", rsa_pss_pss, sha256, Y)                \
    X(rsa_pss_pss_sha384, 0x080a, "rsa_pss_pss_sha384", rsa_pss_pss, sha384, Y)                \
    X(rsa_pss_pss_sha512, 0x080b, "rsa_pss_pss_sha512", rsa_pss_pss, sha512, Y)                \
    X(ecdsa_brainpoolp256r1tls13_sha256, 0x081a, "ecdsa_brainpoolP256r1tls13_sha256", ecdsa, sha256, N) \
    X(ecdsa_brainpoolp384r1tls13_sha384, 0x081b, "ecdsa_brainpoolP384r1tls13_sha384", ecdsa, sha384, N) \
    X(ecdsa_brainpoolp512r1tls13_sha512, 0x081c, "ecdsa_brainpoolP512r1tls13_sha512", ecdsa, sha512, N) \
    X(mldsa44, 0x0904, "mldsa44", mldsa, intrinsic, N)                                         \
    X(mldsa65, 0x0905, "mldsa65", mldsa, intrinsic, N)                                         \
    X(mldsa87, 0x0906, "mldsa87", mldsa, intrinsic, N)                                         \
    X(slhdsa_sha2_128s, 0x0911, "slhdsa_sha2_128s", slhdsa, intrinsic, N)                      \
    X(slhdsa_sha2_128f, 0x0912, "slhdsa_sha2_128f", slhdsa, intrinsic, N)                      \
    X(slhdsa_sha2_192s, 0x0913, "slhdsa_sha2_192s", slhdsa, intrinsic, N)                      \
    X(slhdsa_sha2_192f, 0x0914, "slhdsa_sha2_192f", slhdsa, intrinsic, N)                      \
    X(slhdsa_sha2_256s, 0x0915, "slhdsa_sha2_256s", slhdsa, intrinsic, N)                      \
    X(slhdsa_sha2_256f, 0x0916, "slhdsa_sha2_256f", slhdsa, intrinsic, N)                      \
    X(slhdsa_shake_128s, 0x0917, "slhdsa_shake_128s", slhdsa, intrinsic, N)                    \
    X(slhdsa_shake_128f, 0x0918, "slhdsa_shake_128f", slhdsa, intrinsic, N)                    \
    X(slhdsa_shake_192s, 0x0919, "slhdsa_shake_192s", slhdsa, intrinsic, N)                    \
    X(slhdsa_shake_192f, 0x091a, "slhdsa_shake_192f", slhdsa, intrinsic, N)                    \
    X(slhdsa_shake_256s, 0x091b, "slhdsa_shake_256s", slhdsa, intrinsic, N)                    \
    X(slhdsa_shake_256f, 0x091c, "slhdsa_shake_256f", slhdsa, intrinsic, N)
// clang-format on

enum class signature_scheme : std::uint16_t { TLSWIRE_SIGNATURE_SCHEME_LIST(TLSWIRE_DETAIL_ENUMERATOR) };

struct signature_scheme_attributes {
    signature_family family;
    hash_function hash;  // intrinsic: the algorithm hashes internally
    recommendation recommended;
};

struct signature_scheme_entry {
    signature_scheme value;
    std::string_view name;
    signature_scheme_attributes attributes;
};

namespace detail {
inline constexpr std::array signature_scheme_table{
#define TLSWIRE_X(id, v, n, fam, h, rec)                                                         \
    signature_scheme_entry{signature_scheme::id, TLSWIRE_DETAIL_LITERAL(n),                     \
                           {signature_family::fam, hash_function::h, static_cast<recommendation>(#rec[0])}},
    TLSWIRE_SIGNATURE_SCHEME_LIST(TLSWIRE_X)
#undef TLSWIRE_X
};
}  // namespace detail

template <>
struct registry_traits<signature_scheme> {
    static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL("signature_scheme");
    static constexpr const auto& entries = detail::signature_scheme_table;
    static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::signature_scheme_table, TLSWIRE_SIGNATURE_SCHEME_LIST);
    static constexpr grease_kind grease = grease_kind::u16_pair;  // RFC 8701 §2
};
TLSWIRE_REGISTRY_CHECKS(signature_scheme);

// signature_scheme_info(s) — the attributes, or nullptr if s is not registered.
[[nodiscard]] constexpr const signature_scheme_attributes* signature_scheme_info(signature_scheme s) noexcept {
    const std::size_t i = detail::find_index(s);
    return i == detail::npos ? nullptr : &registry_traits<signature_scheme>::entries[i].attributes;
}

}  // namespace tlswire
