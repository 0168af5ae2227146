// tlswire/registry/cipher_suite.hpp — the IANA "TLS Cipher Suites" registry
// (tls-parameters-4), every assigned value, with per-suite attributes.
// RFC 8446 §4.1.2 / §B.4 (TLS 1.3), RFC 5246 §7.4.1.2 / App. A.5 (TLS 1.2).
//
// Enumerators are the IANA Description strings verbatim
// (cipher_suite::TLS_AES_128_GCM_SHA256), so to_string is the stringized
// enumerator and cannot drift from it. Reserved and unassigned code points are
// not listed; GREASE values (RFC 8701) are recognised by is_grease.
//
// The list lives in detail/cipher_suite_list.hpp (generated from the CSV, then
// reviewed); the attribute rules applied there are:
//  * TLS 1.3 suites (no key exchange in the name, plus RFC 9367 GOST MGM, RFC
//    8998 SM4, RFC 9150 integrity-only): TLS 1.3 only; prf_hash is the HKDF
//    hash; fixed_iv_length is iv_length (RFC 8446 §5.3); verify_data_length is
//    Hash.length (RFC 8446 §4.4.4).
//  * AEAD suites for TLS 1.2 (GCM, CCM, CCM_8, ChaCha20, RFC 5288/6655/7905):
//    TLS 1.2 only; GCM/CCM: 4-byte implicit salt + 8-byte explicit nonce
//    (RFC 5288 §3, RFC 6655 §3); ChaCha20: 12-byte implicit IV, no explicit
//    nonce (RFC 7905 §2); PRF SHA-256 unless the name ends in _SHA384.
//  * CBC/stream/NULL: prf_hash is the TLS 1.2 PRF hash (SHA-256, or SHA-384 for
//    *_SHA384; RFC 5246 §5); earlier versions use MD5+SHA-1 (prf_hash_for()).
//    Versions: SSL 3.0 (values defined in RFC 6101) or TLS 1.0 up to TLS 1.2;
//    export suites up to TLS 1.0 (RFC 4346 App. A.5); single DES and IDEA up to
//    TLS 1.1 (RFC 5469); SHA-256/384 suites TLS 1.2 only (RFC 5246, 5289, 5932,
//    6209) except the PSK ones (RFC 5487 §3, RFC 5489) and RFC 6367 Camellia,
//    which allow earlier versions with that version's PRF.
//  * GOST TLS 1.2 suites (RFC 9189): PRF/MAC on GOST R 34.11-2012 (256),
//    verify_data_length 32.
//  * ECCPWD (RFC 8492): TLS 1.2 and TLS 1.3 (RFC 8492 defines the TLS 1.3 use).
//  * SCSVs: appear in any ClientHello, SSL 3.0 through TLS 1.3.
// RC4 (RFC 7465) and other deprecations are policy, reflected only in the
// Recommended column, not in the version range.
#pragma once

#include <optional>

#include "tlswire/registry/algorithms.hpp"
#include "tlswire/registry/detail/cipher_suite_list.hpp"
#include "tlswire/registry/detail/enum_table.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire {

enum class cipher_suite : std::uint16_t {
#define TLSWIRE_X(id, v, ...) id = v,
    TLSWIRE_CIPHER_SUITE_LIST(TLSWIRE_X)
#undef TLSWIRE_X
};

// cipher_suite_attributes — what a suite implies for the record layer and the
// key schedule. Lengths are in bytes, per direction, in RFC 5246 §6.1
// SecurityParameters terms.
struct cipher_suite_attributes {
    key_exchange_algorithm key_exchange;
    authentication_algorithm authentication;
    bulk_cipher_algorithm cipher;
    cipher_type type;
    std::uint8_t key_length;           // enc_key_length taken from key_block (5 for 40-bit export ciphers)
    std::uint8_t expanded_key_length;  // the cipher's real key size (RFC 2246 App. C)
    std::uint8_t fixed_iv_length;      // implicit IV/nonce from key_block (TLS 1.2), iv_length (TLS 1.3)
    std::uint8_t record_iv_length;     // explicit per-record IV or nonce (CBC in TLS 1.1+: block size)
    std::uint8_t block_length;         // block ciphers only
    std::uint8_t tag_length;           // AEAD tag
    mac_algorithm mac;
    std::uint8_t mac_length;
    std::uint8_t mac_key_length;
    hash_function prf_hash;            // TLS 1.2 PRF hash, or TLS 1.3 HKDF hash
    std::uint8_t verify_data_length;   // Finished.verify_data (TLS 1.0–1.2: 12 unless the suite says otherwise)
    protocol_version min_version;      // TLS numbering; DTLS use needs dtls_ok too
    protocol_version max_version;
    bool dtls_ok;                      // IANA DTLS-OK column
    recommendation recommended;        // IANA Recommended column
    bool is_export;                    // 40-bit export suite (RFC 2246 §6.3.1)

    [[nodiscard]] constexpr bool is_aead() const noexcept { return type == cipher_type::aead; }
    [[nodiscard]] constexpr bool is_tls13() const noexcept { return key_exchange == key_exchange_algorithm::tls13; }
    [[nodiscard]] constexpr bool is_scsv() const noexcept { return key_exchange == key_exchange_algorithm::scsv; }
};

struct cipher_suite_entry {
    cipher_suite value;
    std::string_view name;
    cipher_suite_attributes attributes;
};

namespace detail {

[[nodiscard]] constexpr cipher_suite_entry make_suite(cipher_suite value, std::string_view name,
                                                      key_exchange_algorithm kx, authentication_algorithm auth,
                                                      bulk_cipher_algorithm cipher, mac_algorithm mac,
                                                      hash_function prf, protocol_version lo, protocol_version hi,
                                                      bool dtls_ok, char rec) noexcept {
    const auto& c = bulk_cipher_table[static_cast<std::size_t>(cipher)];
    const auto& m = mac_algorithm_table[static_cast<std::size_t>(mac)];
    cipher_suite_attributes a{};
    a.key_exchange = kx;
    a.authentication = auth;
    a.cipher = cipher;
    a.type = c.type;
    a.key_length = c.key_material_length;
    a.expanded_key_length = c.key_length;
    a.block_length = c.block_length;
    a.tag_length = c.tag_length;
    a.mac = mac;
    a.mac_length = m.mac_length;
    a.mac_key_length = m.mac_key_length;
    a.prf_hash = prf;
    a.verify_data_length = 12;  // RFC 5246 §7.4.9
    a.min_version = lo;
    a.max_version = hi;
    a.dtls_ok = dtls_ok;
    a.recommended = static_cast<recommendation>(rec);
    a.is_export = c.key_material_length < c.key_length;
    if (kx == key_exchange_algorithm::tls13) {
        a.fixed_iv_length = c.nonce_length;  // RFC 8446 §5.3: iv_length
        a.record_iv_length = 0;
        a.verify_data_length = static_cast<std::uint8_t>(hash_length(prf));  // RFC 8446 §4.4.4
    } else if (c.type == cipher_type::aead) {
        if (cipher == bulk_cipher_algorithm::chacha20_poly1305) {
            a.fixed_iv_length = 12;  // RFC 7905 §2: whole nonce is implicit
            a.record_iv_length = 0;
        } else {
            a.fixed_iv_length = 4;   // RFC 5288 §3 / RFC 6655 §3: salt
            a.record_iv_length = 8;  // explicit nonce_explicit
        }
    } else if (c.type == cipher_type::block) {
        a.fixed_iv_length = 0;                 // RFC 5246 §6.3: no IV from key_block in TLS 1.1+
        a.record_iv_length = c.block_length;   // RFC 4346 §6.2.3.2 explicit IV
    } else {
        a.fixed_iv_length = c.nonce_length;    // GOST CTR/CNT IV (RFC 9189); 0 for RC4/NULL
        a.record_iv_length = 0;
    }
    if (kx == key_exchange_algorithm::gostr341112_256) a.verify_data_length = 32;  // RFC 9189
    return {value, name, a};
}

// Explicit size: CTAD over 350+ initialisers exceeds clang's fold-expression limit.
inline constexpr std::size_t cipher_suite_count = 0 TLSWIRE_CIPHER_SUITE_LIST(TLSWIRE_DETAIL_COUNT);
inline constexpr std::array<cipher_suite_entry, cipher_suite_count> cipher_suite_table{{
#define TLSWIRE_X(id, v, kx, auth, cipher, mac, prf, lo, hi, dtls, rec)                                          \
    make_suite(cipher_suite::id, TLSWIRE_DETAIL_LITERAL(#id), key_exchange_algorithm::kx,                        \
               authentication_algorithm::auth, bulk_cipher_algorithm::cipher, mac_algorithm::mac, hash_function::prf, \
               protocol_version::lo, protocol_version::hi, dtls, #rec[0]),
    TLSWIRE_CIPHER_SUITE_LIST(TLSWIRE_X)
#undef TLSWIRE_X
}};

}  // namespace detail

template <>
struct registry_traits<cipher_suite> {
    static constexpr std::string_view name = TLSWIRE_DETAIL_LITERAL("cipher_suite");
    static constexpr const auto& entries = detail::cipher_suite_table;
    static constexpr auto by_name = TLSWIRE_REGISTRY_BY_NAME(detail::cipher_suite_table, TLSWIRE_CIPHER_SUITE_LIST);
    static constexpr grease_kind grease = grease_kind::u16_pair;  // RFC 8701 §2
};
TLSWIRE_REGISTRY_CHECKS(cipher_suite);
// the table's enum/mac/cipher indices must match their values for make_suite
static_assert(detail::bulk_cipher_table[static_cast<std::size_t>(bulk_cipher_algorithm::magma_mgm_s)].value ==
              bulk_cipher_algorithm::magma_mgm_s);
static_assert(detail::mac_algorithm_table[static_cast<std::size_t>(mac_algorithm::gost28147_imit)].value ==
              mac_algorithm::gost28147_imit);

// cipher_suite_info(cs) — the suite's attributes, or nullptr when cs is not a
// registered suite (unknown, GREASE).
[[nodiscard]] constexpr const cipher_suite_attributes* cipher_suite_info(cipher_suite cs) noexcept {
    const std::size_t i = detail::find_index(cs);
    return i == detail::npos ? nullptr : &registry_traits<cipher_suite>::entries[i].attributes;
}

// negotiated_suite(raw) — the attributes of the suite with wire value `raw`,
// or nullopt when it is 0 (TLS_NULL_WITH_NULL_NULL: nothing negotiated yet)
// or unregistered. By value through the table index, so it stays a constant
// expression under GCC's -fsanitize=undefined (no pointer null check).
[[nodiscard]] constexpr std::optional<cipher_suite_attributes> negotiated_suite(std::uint16_t raw) noexcept {
    if (raw == 0) return std::nullopt;
    const std::size_t i = detail::find_index(static_cast<cipher_suite>(raw));
    if (i == detail::npos) return std::nullopt;
    return registry_traits<cipher_suite>::entries[i].attributes;
}

// prf_hash_for(a, v) — the PRF hash actually used when the suite runs at
// version v: MD5+SHA-1 before TLS 1.2 (RFC 2246 §5; SSL 3.0 has its own
// MD5/SHA-1 construction, also reported as md5_sha1), the suite's hash after.
[[nodiscard]] constexpr hash_function prf_hash_for(const cipher_suite_attributes& a, protocol_version v) noexcept {
    return version_ordinal(v) < version_ordinal(protocol_version::tls12) ? hash_function::md5_sha1 : a.prf_hash;
}

// key_block_iv_length(a, v) — client_write_IV length in the key block at
// version v: block ciphers take their IV from the key block only in SSL 3.0 and
// TLS 1.0 (RFC 2246 §6.3); TLS 1.1+ send it per record.
[[nodiscard]] constexpr std::size_t key_block_iv_length(const cipher_suite_attributes& a,
                                                        protocol_version v) noexcept {
    if (a.type == cipher_type::block && version_ordinal(v) <= version_ordinal(protocol_version::tls10))
        return a.block_length;
    return a.fixed_iv_length;
}

// allows_version(a, v) — whether the suite may be negotiated at v (for DTLS:
// at its TLS equivalent, and only if DTLS-OK).
[[nodiscard]] constexpr bool allows_version(const cipher_suite_attributes& a, protocol_version v) noexcept {
    const int o = version_ordinal(v);
    if (o < 0) return false;
    if (is_dtls(v) && !a.dtls_ok) return false;
    return version_ordinal(a.min_version) <= o && o <= version_ordinal(a.max_version);
}

}  // namespace tlswire
