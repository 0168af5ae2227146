// tlswire/registry/algorithms.hpp — the vocabulary the registry attributes use:
// key exchange, authentication, bulk cipher, MAC and hash algorithms. These are
// not IANA registries; they are named with the same machinery so that generic
// printers can show them.
#pragma once

#include "tlswire/registry/detail/enum_table.hpp"

namespace tlswire {

// key_exchange_algorithm — the key exchange part of a cipher suite name
// (RFC 5246 §7.4.2/§7.4.3, RFC 4346 export variants, RFC 8422 ECC, RFC 4279 /
// 5489 PSK, RFC 5054 SRP, RFC 2712 Kerberos, RFC 8492 ECCPWD, RFC 9189 GOST).
// tls13: TLS 1.3 suites, where key exchange is negotiated by extensions.
// scsv: signalling values that are not real suites (RFC 5746, RFC 7507).
// clang-format off
#define TLSWIRE_KEY_EXCHANGE_LIST(X)                                                   \
    X(null, 0, "NULL") X(rsa, 1, "RSA") X(rsa_export, 2, "RSA_EXPORT")                 \
    X(dh_dss, 3, "DH_DSS") X(dh_dss_export, 4, "DH_DSS_EXPORT")                        \
    X(dh_rsa, 5, "DH_RSA") X(dh_rsa_export, 6, "DH_RSA_EXPORT")                        \
    X(dhe_dss, 7, "DHE_DSS") X(dhe_dss_export, 8, "DHE_DSS_EXPORT")                    \
    X(dhe_rsa, 9, "DHE_RSA") X(dhe_rsa_export, 10, "DHE_RSA_EXPORT")                   \
    X(dh_anon, 11, "DH_anon") X(dh_anon_export, 12, "DH_anon_EXPORT")                  \
    X(ecdh_ecdsa, 13, "ECDH_ECDSA") X(ecdh_rsa, 14, "ECDH_RSA")                        \
    X(ecdhe_ecdsa, 15, "ECDHE_ECDSA") X(ecdhe_rsa, 16, "ECDHE_RSA")                    \
    X(ecdh_anon, 17, "ECDH_anon") X(psk, 18, "PSK") X(dhe_psk, 19, "DHE_PSK")          \
    X(rsa_psk, 20, "RSA_PSK") X(ecdhe_psk, 21, "ECDHE_PSK")                            \
    X(srp_sha, 22, "SRP_SHA") X(srp_sha_rsa, 23, "SRP_SHA_RSA")                        \
    X(srp_sha_dss, 24, "SRP_SHA_DSS") X(krb5, 25, "KRB5")                              \
    X(krb5_export, 26, "KRB5_EXPORT") X(eccpwd, 27, "ECCPWD")                          \
    X(gostr341112_256, 28, "GOSTR341112_256") X(tls13, 29, "TLS13") X(scsv, 30, "SCSV")
// clang-format on
TLSWIRE_DEFINE_REGISTRY(key_exchange_algorithm, std::uint8_t, TLSWIRE_KEY_EXCHANGE_LIST, grease_kind::none,
                        "key_exchange_algorithm");

// authentication_algorithm — how the server (and, for PSK, the client) is
// authenticated. tls13: by signature_algorithms / PSK, not by the suite.
// clang-format off
#define TLSWIRE_AUTHENTICATION_LIST(X)                                                     \
    X(null, 0, "NULL") X(anon, 1, "anon") X(rsa, 2, "RSA") X(dss, 3, "DSS")                \
    X(ecdsa, 4, "ECDSA") X(psk, 5, "PSK") X(rsa_psk, 6, "RSA_PSK") X(srp, 7, "SRP")        \
    X(srp_rsa, 8, "SRP_RSA") X(srp_dss, 9, "SRP_DSS") X(krb5, 10, "KRB5")                  \
    X(password, 11, "ECCPWD") X(gostr34102012, 12, "GOSTR341012") X(tls13, 13, "TLS13")
// clang-format on
TLSWIRE_DEFINE_REGISTRY(authentication_algorithm, std::uint8_t, TLSWIRE_AUTHENTICATION_LIST, grease_kind::none,
                        "authentication_algorithm");

// cipher_type — RFC 5246 §6.1 CipherType, plus null.
// clang-format off
#define TLSWIRE_CIPHER_TYPE_LIST(X) X(null, 0, "null") X(stream, 1, "stream") X(block, 2, "block") X(aead, 3, "aead")
// clang-format on
TLSWIRE_DEFINE_REGISTRY(cipher_type, std::uint8_t, TLSWIRE_CIPHER_TYPE_LIST, grease_kind::none, "cipher_type");

// hash_function — hashes used as PRF/HKDF hash, MAC hash or signature hash.
// md5_sha1: the TLS 1.0/1.1 PRF (RFC 2246 §5) and their 36-byte handshake hash.
// intrinsic: the signature scheme hashes internally (Ed25519, ML-DSA, ...).
// clang-format off
#define TLSWIRE_HASH_FUNCTION_LIST(X)                                                   \
    X(none, 0, "none") X(md5, 1, "MD5") X(sha1, 2, "SHA-1") X(sha224, 3, "SHA-224")     \
    X(sha256, 4, "SHA-256") X(sha384, 5, "SHA-384") X(sha512, 6, "SHA-512")             \
    X(md5_sha1, 7, "MD5+SHA-1") X(sm3, 8, "SM3")                                        \
    X(streebog_256, 9, "GOST R 34.11-2012 256") X(streebog_512, 10, "GOST R 34.11-2012 512") \
    X(ascon_hash256, 11, "Ascon-Hash256") X(intrinsic, 12, "intrinsic")
// clang-format on
TLSWIRE_DEFINE_REGISTRY(hash_function, std::uint8_t, TLSWIRE_HASH_FUNCTION_LIST, grease_kind::none,
                        "hash_function");

// hash_length(h) — digest size in bytes (0 for none/intrinsic).
[[nodiscard]] constexpr std::size_t hash_length(hash_function h) noexcept {
    switch (h) {
        case hash_function::md5: return 16;
        case hash_function::sha1: return 20;
        case hash_function::sha224: return 28;
        case hash_function::sha256:
        case hash_function::sm3:
        case hash_function::streebog_256:
        case hash_function::ascon_hash256: return 32;
        case hash_function::sha384: return 48;
        case hash_function::sha512:
        case hash_function::streebog_512: return 64;
        case hash_function::md5_sha1: return 36;
        case hash_function::none:
        case hash_function::intrinsic: return 0;
    }
    return 0;
}

// mac_algorithm — the record MAC of non-AEAD suites (RFC 5246 §6.2.3.1 HMAC;
// RFC 9189 OMAC/IMIT for GOST). aead: the suite's AEAD authenticates records.
// X(id, value, name, mac_length, mac_key_length)
// clang-format off
#define TLSWIRE_MAC_ALGORITHM_LIST(X)                                                       \
    X(null, 0, "NULL", 0, 0) X(aead, 1, "AEAD", 0, 0)                                      \
    X(md5, 2, "HMAC-MD5", 16, 16) X(sha1, 3, "HMAC-SHA1", 20, 20)                          \
    X(sha256, 4, "HMAC-SHA256", 32, 32) X(sha384, 5, "HMAC-SHA384", 48, 48)                \
    X(kuznyechik_omac, 6, "OMAC-Kuznyechik", 16, 32) X(magma_omac, 7, "OMAC-Magma", 8, 32) \
    X(gost28147_imit, 8, "GOST28147-IMIT", 4, 32)
// clang-format on
#define TLSWIRE_DETAIL_MAC_ENTRY(id, v, n, len, keylen) \
    ::tlswire::detail::mac_algorithm_entry{::tlswire::mac_algorithm::id, TLSWIRE_DETAIL_LITERAL(n), len, keylen},

enum class mac_algorithm : std::uint8_t { TLSWIRE_MAC_ALGORITHM_LIST(TLSWIRE_DETAIL_ENUMERATOR) };
namespace detail {
struct mac_algorithm_entry {
    mac_algorithm value;
    std::string_view name;
    std::uint8_t mac_length;      // RFC 5246 §6.1 SecurityParameters.mac_length
    std::uint8_t mac_key_length;  // RFC 5246 §6.1 SecurityParameters.mac_key_length
};
inline constexpr std::array mac_algorithm_table{TLSWIRE_MAC_ALGORITHM_LIST(TLSWIRE_DETAIL_MAC_ENTRY)};
}  // namespace detail
template <>
struct registry_traits<mac_algorithm> {
    static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL("mac_algorithm");
    static constexpr const auto& entries = detail::mac_algorithm_table;
    static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::mac_algorithm_table, TLSWIRE_MAC_ALGORITHM_LIST);
    static constexpr grease_kind grease = grease_kind::none;
};
TLSWIRE_REGISTRY_CHECKS(mac_algorithm);

// bulk_cipher_algorithm — cipher, mode and key size together, as a suite names
// them. Parameters per RFC 2246 Appendix C / RFC 5246 Appendix C (classic
// ciphers; "key material" < "key" marks the export ciphers), RFC 5116/5288 (GCM),
// RFC 6655 (CCM, CCM_8: 8-byte tag), RFC 7905 (ChaCha20-Poly1305), RFC 8998
// (SM4), RFC 9150 (integrity-only HMAC "AEADs": key, nonce and tag = hash
// length), RFC 9189 (GOST CTR/CNT: stream-like; the "nonce" column is the IV
// taken from the key block), RFC 9367 (GOST MGM), the AEGIS and Ascon drafts
// (nonce 16/32 bytes, 16-byte tags).
// X(id, value, name, type, key_material, key, block, nonce, tag)
// nonce = the AEAD's full nonce length N (RFC 5116 §4), i.e. TLS 1.3 iv_length.
// clang-format off
#define TLSWIRE_BULK_CIPHER_LIST(X)                                                          \
    X(null, 0, "NULL", null, 0, 0, 0, 0, 0)                                                  \
    X(rc4_40, 1, "RC4_40", stream, 5, 16, 0, 0, 0)                                           \
    X(rc4_128, 2, "RC4_128", stream, 16, 16, 0, 0, 0)                                        \
    X(rc2_cbc_40, 3, "RC2_CBC_40", block, 5, 16, 8, 0, 0)                                    \
    X(idea_cbc, 4, "IDEA_CBC", block, 16, 16, 8, 0, 0)                                       \
    X(des40_cbc, 5, "DES40_CBC", block, 5, 8, 8, 0, 0)                                       \
    X(des_cbc, 6, "DES_CBC", block, 8, 8, 8, 0, 0)                                           \
    X(des_ede3_cbc, 7, "3DES_EDE_CBC", block, 24, 24, 8, 0, 0)                               \
    X(seed_cbc, 8, "SEED_CBC", block, 16, 16, 16, 0, 0)                                      \
    X(aes_128_cbc, 9, "AES_128_CBC", block, 16, 16, 16, 0, 0)                                \
    X(aes_256_cbc, 10, "AES_256_CBC", block, 32, 32, 16, 0, 0)                               \
    X(camellia_128_cbc, 11, "CAMELLIA_128_CBC", block, 16, 16, 16, 0, 0)                     \
    X(camellia_256_cbc, 12, "CAMELLIA_256_CBC", block, 32, 32, 16, 0, 0)                     \
    X(aria_128_cbc, 13, "ARIA_128_CBC", block, 16, 16, 16, 0, 0)                             \
    X(aria_256_cbc, 14, "ARIA_256_CBC", block, 32, 32, 16, 0, 0)                             \
    X(aes_128_gcm, 15, "AES_128_GCM", aead, 16, 16, 0, 12, 16)                               \
    X(aes_256_gcm, 16, "AES_256_GCM", aead, 32, 32, 0, 12, 16)                               \
    X(camellia_128_gcm, 17, "CAMELLIA_128_GCM", aead, 16, 16, 0, 12, 16)                     \
    X(camellia_256_gcm, 18, "CAMELLIA_256_GCM", aead, 32, 32, 0, 12, 16)                     \
    X(aria_128_gcm, 19, "ARIA_128_GCM", aead, 16, 16, 0, 12, 16)                             \
    X(aria_256_gcm, 20, "ARIA_256_GCM", aead, 32, 32, 0, 12, 16)                             \
    X(aes_128_ccm, 21, "AES_128_CCM", aead, 16, 16, 0, 12, 16)                               \
    X(aes_256_ccm, 22, "AES_256_CCM", aead, 32, 32, 0, 12, 16)                               \
    X(aes_128_ccm_8, 23, "AES_128_CCM_8", aead, 16, 16, 0, 12, 8)                            \
    X(aes_256_ccm_8, 24, "AES_256_CCM_8", aead, 32, 32, 0, 12, 8)                            \
    X(chacha20_poly1305, 25, "CHACHA20_POLY1305", aead, 32, 32, 0, 12, 16)                   \
    X(sm4_gcm, 26, "SM4_GCM", aead, 16, 16, 0, 12, 16)                                       \
    X(sm4_ccm, 27, "SM4_CCM", aead, 16, 16, 0, 12, 16)                                       \
    X(aegis_128l, 28, "AEGIS_128L", aead, 16, 16, 0, 16, 16)                                 \
    X(aegis_256, 29, "AEGIS_256", aead, 32, 32, 0, 32, 16)                                   \
    X(ascon_aead128, 30, "ASCONAEAD128", aead, 16, 16, 0, 16, 16)                            \
    X(hmac_sha256, 31, "HMAC_SHA256", aead, 32, 32, 0, 32, 32)                               \
    X(hmac_sha384, 32, "HMAC_SHA384", aead, 48, 48, 0, 48, 48)                               \
    X(kuznyechik_ctr, 33, "KUZNYECHIK_CTR", stream, 32, 32, 0, 8, 0)                         \
    X(magma_ctr, 34, "MAGMA_CTR", stream, 32, 32, 0, 4, 0)                                   \
    X(gost28147_cnt, 35, "28147_CNT", stream, 32, 32, 0, 8, 0)                               \
    X(kuznyechik_mgm_l, 36, "KUZNYECHIK_MGM_L", aead, 32, 32, 0, 16, 16)                     \
    X(kuznyechik_mgm_s, 37, "KUZNYECHIK_MGM_S", aead, 32, 32, 0, 16, 16)                     \
    X(magma_mgm_l, 38, "MAGMA_MGM_L", aead, 32, 32, 0, 8, 8)                                 \
    X(magma_mgm_s, 39, "MAGMA_MGM_S", aead, 32, 32, 0, 8, 8)
// clang-format on
#define TLSWIRE_DETAIL_CIPHER_ENTRY(id, v, n, type, keymat, key, block, nonce, tag)              \
    ::tlswire::detail::bulk_cipher_entry{::tlswire::bulk_cipher_algorithm::id, TLSWIRE_DETAIL_LITERAL(n),     \
                                         ::tlswire::cipher_type::type, keymat, key, block, nonce, tag},

enum class bulk_cipher_algorithm : std::uint8_t { TLSWIRE_BULK_CIPHER_LIST(TLSWIRE_DETAIL_ENUMERATOR) };
namespace detail {
struct bulk_cipher_entry {
    bulk_cipher_algorithm value;
    std::string_view name;
    cipher_type type;
    std::uint8_t key_material_length;  // RFC 2246 App. C "Key Material": bytes from key_block
    std::uint8_t key_length;           // RFC 2246 App. C "Expanded Key Material": the cipher key
    std::uint8_t block_length;         // block ciphers only
    std::uint8_t nonce_length;         // AEAD nonce N; GOST CTR/CNT: IV from key block
    std::uint8_t tag_length;           // AEAD tag
};
inline constexpr std::array bulk_cipher_table{TLSWIRE_BULK_CIPHER_LIST(TLSWIRE_DETAIL_CIPHER_ENTRY)};
}  // namespace detail
template <>
struct registry_traits<bulk_cipher_algorithm> {
    static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL("bulk_cipher_algorithm");
    static constexpr const auto& entries = detail::bulk_cipher_table;
    static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::bulk_cipher_table, TLSWIRE_BULK_CIPHER_LIST);
    static constexpr grease_kind grease = grease_kind::none;
};
TLSWIRE_REGISTRY_CHECKS(bulk_cipher_algorithm);

// recommendation — the IANA "Recommended" column (RFC 8447 §5, rfc8447bis:
// Y = recommended, N = not, D = discouraged; unspecified where the column is
// empty or the registry has none).
enum class recommendation : char { unspecified = 0, yes = 'Y', no = 'N', discouraged = 'D' };

}  // namespace tlswire
