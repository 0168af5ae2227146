// tlswire/protection/suite.hpp — record protection chosen at run time from
// the negotiated cipher suite: which backend algorithm a suite's bulk cipher
// and MAC are (with_aead, with_cbc, with_hash), and suite_epoch<Backend>, one
// direction's keys for any suite the backend can protect, which a stream
// decoder keeps per direction and asks to open each protected record.
//
// A backend is a struct naming its algorithms (crypto::reference::backend,
// crypto::openssl::backend): md5, sha1, sha224, sha256, sha384, sha512,
// aes_128_gcm, aes_256_gcm, aes_128_ccm, aes_256_ccm, aes_128_ccm_8,
// aes_256_ccm_8, chacha20_poly1305, aes_128_cbc, aes_256_cbc.
//
// Supported: the five TLS 1.3 suites of RFC 8446 §B.4; TLS 1.2 AES-GCM,
// AES-CCM(_8) and ChaCha20-Poly1305 suites; TLS 1.0–1.2 AES-CBC suites with
// HMAC-SHA1, -SHA256 or -SHA384. Others (3DES, RC4, Camellia, ARIA, SM4,
// GOST, NULL, integrity-only) fail with errc::unsupported.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "tlswire/codec/context.hpp"
#include "tlswire/crypto/aead.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/protection/epoch.hpp"
#include "tlswire/protection/tls12_aead.hpp"
#include "tlswire/protection/tls12_cbc.hpp"
#include "tlswire/protection/tls13.hpp"
#include "tlswire/registry/algorithms.hpp"
#include "tlswire/registry/cipher_suite.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/schedule/tls13.hpp"

namespace tlswire::protection {

// with_aead<Backend>(cipher, f) — call f(std::type_identity<A>{}) with the
// backend's AEAD for `cipher`; false (f not called) when it has none.
template <class Backend, class F>
constexpr bool with_aead(bulk_cipher_algorithm cipher, F&& f) {
    switch (cipher) {
        case bulk_cipher_algorithm::aes_128_gcm: f(std::type_identity<typename Backend::aes_128_gcm>{}); return true;
        case bulk_cipher_algorithm::aes_256_gcm: f(std::type_identity<typename Backend::aes_256_gcm>{}); return true;
        case bulk_cipher_algorithm::aes_128_ccm: f(std::type_identity<typename Backend::aes_128_ccm>{}); return true;
        case bulk_cipher_algorithm::aes_256_ccm: f(std::type_identity<typename Backend::aes_256_ccm>{}); return true;
        case bulk_cipher_algorithm::aes_128_ccm_8: f(std::type_identity<typename Backend::aes_128_ccm_8>{}); return true;
        case bulk_cipher_algorithm::aes_256_ccm_8: f(std::type_identity<typename Backend::aes_256_ccm_8>{}); return true;
        case bulk_cipher_algorithm::chacha20_poly1305:
            f(std::type_identity<typename Backend::chacha20_poly1305>{});
            return true;
        default: return false;
    }
}

// with_cbc<Backend>(cipher, f) — the same for the CBC ciphers.
template <class Backend, class F>
constexpr bool with_cbc(bulk_cipher_algorithm cipher, F&& f) {
    switch (cipher) {
        case bulk_cipher_algorithm::aes_128_cbc: f(std::type_identity<typename Backend::aes_128_cbc>{}); return true;
        case bulk_cipher_algorithm::aes_256_cbc: f(std::type_identity<typename Backend::aes_256_cbc>{}); return true;
        default: return false;
    }
}

// with_hash<Backend>(h, f) — the same for hashes (the TLS 1.3 HKDF hash, the HMAC hash).
template <class Backend, class F>
constexpr bool with_hash(hash_function h, F&& f) {
    switch (h) {
        case hash_function::md5: f(std::type_identity<typename Backend::md5>{}); return true;
        case hash_function::sha1: f(std::type_identity<typename Backend::sha1>{}); return true;
        case hash_function::sha224: f(std::type_identity<typename Backend::sha224>{}); return true;
        case hash_function::sha256: f(std::type_identity<typename Backend::sha256>{}); return true;
        case hash_function::sha384: f(std::type_identity<typename Backend::sha384>{}); return true;
        case hash_function::sha512: f(std::type_identity<typename Backend::sha512>{}); return true;
        default: return false;
    }
}

// with_prf_hash<Backend>(h, f) — with_hash, and the TLS 1.0/1.1 PRF's
// MD5+SHA-1 pair (RFC 2246 §5): the hash of prf_hash_for(suite, version).
template <class Backend, class F>
constexpr bool with_prf_hash(hash_function h, F&& f) {
    if (h == hash_function::md5_sha1) {
        f(std::type_identity<typename Backend::md5_sha1>{});
        return true;
    }
    return with_hash<Backend>(h, f);
}

// mac_hash(mac) — the hash of an HMAC record MAC (RFC 5246 §6.2.3.1), or none.
[[nodiscard]] constexpr hash_function mac_hash(mac_algorithm mac) noexcept {
    switch (mac) {
        case mac_algorithm::md5: return hash_function::md5;
        case mac_algorithm::sha1: return hash_function::sha1;
        case mac_algorithm::sha256: return hash_function::sha256;
        case mac_algorithm::sha384: return hash_function::sha384;
        default: return hash_function::none;
    }
}

// epoch_kind — which protection a suite_epoch applies.
enum class epoch_kind : std::uint8_t { none, tls13, tls12_aead, tls12_cbc };

// suite_epoch<Backend> — one direction's record protection keys for a suite
// picked at run time: a plain, trivially copyable value holding the keys,
// usable in constant evaluation with the reference backend. Each open()
// builds the typed epoch (tls13_epoch, tls12_aead_epoch, tls12_cbc_epoch),
// runs it, and keeps its new sequence number (and TLS 1.0 IV). A stream
// decoder holds one per direction and replaces it at each key change (TLS
// 1.3: handshake, application, each KeyUpdate; TLS 1.2: each
// ChangeCipherSpec), skipping the TLS 1.3 compatibility ChangeCipherSpec
// (is_compatibility_change_cipher_spec, protection/tls13.hpp).
template <class Backend>
class suite_epoch {
public:
    // The largest key, MAC key and IV of the supported suites.
    static constexpr std::size_t max_key = 32, max_mac_key = 48, max_iv = 16;

    constexpr suite_epoch() = default;  // epoch_kind::none: no keys

    // tls13(suite, traffic_secret) — RFC 8446 §7.3 keys from a traffic secret
    // (handshake, application_N, early). Fails with errc::unsupported for a
    // suite that is not one of RFC 8446's (or whose AEAD the backend lacks),
    // and errc::length_out_of_range for a secret that is not the hash's size.
    [[nodiscard]] static constexpr result<suite_epoch> tls13(cipher_suite suite, bytes_view traffic_secret,
                                                             tls13::label_prefix prefix = tls13::tls13_prefix) {
        const auto a = negotiated_suite(static_cast<std::uint16_t>(suite));
        if (!a || !a->is_tls13()) return error{errc::unsupported, 0, "cipher_suite"};
        if (traffic_secret.size() != hash_length(a->prf_hash)) return error{errc::length_out_of_range, 0, "traffic_secret"};
        suite_epoch s;
        s.kind_ = epoch_kind::tls13;
        s.cipher_ = a->cipher;
        s.limit_ = max_inner_plaintext_length;
        bool ok = false;
        with_hash<Backend>(a->prf_hash, [&](auto h) {
            using H = typename decltype(h)::type;
            ok = with_aead<Backend>(a->cipher, [&](auto t) {
                using A = typename decltype(t)::type;
                const tls13_epoch<A> e = tls13_epoch_from_secret<H, A>(traffic_secret, prefix);
                s.store(e.key, e.iv);
            });
        });
        if (!ok) return error{errc::unsupported, 0, "cipher_suite"};
        return s;
    }

    // tls12(suite, version, keys, sender, order) — TLS 1.0–1.2 keys for the
    // records `sender` writes, from derive_keys' key material (RFC 5246 §6.3).
    // `order` matters for CBC suites only (RFC 7366 encrypt_then_mac).
    // Fails with errc::unsupported for a suite the backend cannot protect, and
    // with errc::length_out_of_range when the key material does not fit it.
    [[nodiscard]] static constexpr result<suite_epoch> tls12(cipher_suite suite, protocol_version version,
                                                             const tls12::key_material& keys, role sender,
                                                             mac_order order = mac_order::mac_then_encrypt) {
        const auto a = negotiated_suite(static_cast<std::uint16_t>(suite));
        if (!a || a->is_tls13() || a->is_scsv()) return error{errc::unsupported, 0, "cipher_suite"};
        suite_epoch s;
        s.cipher_ = a->cipher;
        s.limit_ = max_plaintext_length;
        error err{errc::unsupported, 0, "cipher_suite"};
        if (a->is_aead()) {
            s.kind_ = epoch_kind::tls12_aead;
            with_aead<Backend>(a->cipher, [&](auto t) {
                using A = typename decltype(t)::type;
                const result<tls12_aead_epoch<A>> e = tls12_aead_epoch_from<A>(keys, sender);
                if (!e) {
                    err = e.err();
                    return;
                }
                s.store(e->key, e->iv);
                s.nonce_ = e->nonce;
                err = {};
            });
        } else if (a->type == cipher_type::block) {
            s.kind_ = epoch_kind::tls12_cbc;
            s.mac_ = mac_hash(a->mac);
            s.order_ = order;
            with_cbc<Backend>(a->cipher, [&](auto c) {
                using C = typename decltype(c)::type;
                with_hash<Backend>(s.mac_, [&](auto h) {
                    using H = typename decltype(h)::type;
                    const result<tls12_cbc_epoch<C, H>> e = tls12_cbc_epoch_from<C, H>(keys, sender, version, order);
                    if (!e) {
                        err = e.err();
                        return;
                    }
                    s.store(e->key, e->iv);
                    for (std::size_t i = 0; i < e->mac_key.size(); ++i) s.mac_key_[i] = e->mac_key[i];
                    s.iv_mode_ = e->iv_mode;
                    err = {};
                });
            });
        }
        if (err) return err;
        return s;
    }

    // open(rec, out) — tls13_open, tls12_aead_open or tls12_cbc_open with
    // these keys (see each for its errors); an empty epoch fails with
    // errc::unsupported. The epoch advances only on success.
    template <record_protection P>
    constexpr result<opened_record> open(const basic_record<P>& rec, std::span<std::uint8_t> out) {
        result<opened_record> r = error{errc::unsupported, 0, "cipher_suite"};
        switch (kind_) {
            case epoch_kind::none: break;
            case epoch_kind::tls13:
                with_aead<Backend>(cipher_, [&](auto t) {
                    using A = typename decltype(t)::type;
                    tls13_epoch<A> e{};
                    load(e.key, e.iv);
                    e.sequence_number = seq_;
                    r = tls13_open(e, rec, out, limit_);
                    seq_ = e.sequence_number;
                });
                break;
            case epoch_kind::tls12_aead:
                with_aead<Backend>(cipher_, [&](auto t) {
                    using A = typename decltype(t)::type;
                    tls12_aead_epoch<A> e{};
                    load(e.key, e.iv);
                    e.nonce = nonce_;
                    e.sequence_number = seq_;
                    r = tls12_aead_open(e, rec, out, limit_);
                    seq_ = e.sequence_number;
                });
                break;
            case epoch_kind::tls12_cbc:
                with_cbc<Backend>(cipher_, [&](auto c) {
                    using C = typename decltype(c)::type;
                    with_hash<Backend>(mac_, [&](auto h) {
                        using H = typename decltype(h)::type;
                        tls12_cbc_epoch<C, H> e{};
                        load(e.key, e.iv);
                        for (std::size_t i = 0; i < e.mac_key.size(); ++i) e.mac_key[i] = mac_key_[i];
                        e.iv_mode = iv_mode_;
                        e.order = order_;
                        e.sequence_number = seq_;
                        r = tls12_cbc_open(e, rec, out, limit_);
                        seq_ = e.sequence_number;
                        for (std::size_t i = 0; i < e.iv.size(); ++i) iv_[i] = e.iv[i];  // TLS 1.0 chaining
                    });
                });
                break;
        }
        return r;
    }

    // open_encrypted(additional_data, encrypted_record, out, at) — TLS 1.3
    // keys only: tls13_open_encrypted (DTLS 1.3, RFC 9147 §4: the additional
    // data is the unified header, not TLS's record header); other epochs fail
    // with errc::unsupported.
    constexpr result<opened_record> open_encrypted(bytes_view additional_data, bytes_view encrypted,
                                                   std::span<std::uint8_t> out, std::size_t at) {
        result<opened_record> r = error{errc::unsupported, 0, "cipher_suite"};
        if (kind_ != epoch_kind::tls13) return r;
        with_aead<Backend>(cipher_, [&](auto t) {
            using A = typename decltype(t)::type;
            tls13_epoch<A> e{};
            load(e.key, e.iv);
            e.sequence_number = seq_;
            r = tls13_open_encrypted(e, additional_data, encrypted, out, limit_, at);
            seq_ = e.sequence_number;
        });
        return r;
    }

    // The record size limit: TLSInnerPlaintext for TLS 1.3 (2^14 + 1 by
    // default, RFC 8446 §5.4), TLSCompressed for TLS 1.2 (2^14; 2^14 + 1024
    // with compression, RFC 5246 §6.2.2). A record_size_limit (RFC 8449 §4)
    // is given here as negotiated: it counts the same octets in both.
    constexpr void set_plaintext_limit(std::size_t limit) noexcept { limit_ = limit; }
    [[nodiscard]] constexpr std::size_t plaintext_limit() const noexcept { return limit_; }

    [[nodiscard]] constexpr epoch_kind kind() const noexcept { return kind_; }
    [[nodiscard]] constexpr bool has_keys() const noexcept { return kind_ != epoch_kind::none; }
    [[nodiscard]] constexpr bulk_cipher_algorithm cipher() const noexcept { return cipher_; }
    // explicit_iv_length() — the octets of the fragment before the ciphertext:
    // RFC 5288 §3's explicit nonce (8), a TLS 1.1+ CBC record's IV (RFC 4346
    // §6.2.3.2: the block size, 16 for AES), none for TLS 1.3, RFC 7905 and
    // TLS 1.0 CBC. The ciphers keep positions, so plaintext octet i was
    // carried by fragment octet explicit_iv_length() + i.
    [[nodiscard]] constexpr std::size_t explicit_iv_length() const noexcept {
        if (kind_ == epoch_kind::tls12_aead && nonce_ == tls12_nonce::explicit_nonce) return tls12_explicit_nonce_length;
        if (kind_ == epoch_kind::tls12_cbc && iv_mode_ == cbc_iv::explicit_iv) return 16;
        return 0;
    }
    // sequence_number() — the next record's (RFC 8446 §5.3, RFC 5246 §6.1).
    [[nodiscard]] constexpr std::uint64_t sequence_number() const noexcept { return seq_; }
    // set_sequence_number(seq) — the next record's, given: DTLS records carry
    // theirs, and lose or repeat them (RFC 6347 §4.1: the MAC's seq_num is
    // epoch || sequence_number; RFC 9147 §4: the reconstructed 64-bit one).
    constexpr void set_sequence_number(std::uint64_t seq) noexcept { seq_ = seq; }

private:
    template <std::size_t K, std::size_t N>
    constexpr void store(const std::array<std::uint8_t, K>& key, const std::array<std::uint8_t, N>& iv) noexcept {
        static_assert(K <= max_key && N <= max_iv);
        for (std::size_t i = 0; i < K; ++i) key_[i] = key[i];
        for (std::size_t i = 0; i < N; ++i) iv_[i] = iv[i];
    }
    template <std::size_t K, std::size_t N>
    constexpr void load(std::array<std::uint8_t, K>& key, std::array<std::uint8_t, N>& iv) const noexcept {
        static_assert(K <= max_key && N <= max_iv);
        for (std::size_t i = 0; i < K; ++i) key[i] = key_[i];
        for (std::size_t i = 0; i < N; ++i) iv[i] = iv_[i];
    }

    epoch_kind kind_ = epoch_kind::none;
    bulk_cipher_algorithm cipher_ = bulk_cipher_algorithm::null;
    hash_function mac_ = hash_function::none;
    tls12_nonce nonce_ = tls12_nonce::explicit_nonce;
    cbc_iv iv_mode_ = cbc_iv::explicit_iv;
    mac_order order_ = mac_order::mac_then_encrypt;
    std::size_t limit_ = max_plaintext_length;
    std::uint64_t seq_ = 0;
    std::array<std::uint8_t, max_key> key_{};
    std::array<std::uint8_t, max_mac_key> mac_key_{};
    std::array<std::uint8_t, max_iv> iv_{};
};

}  // namespace tlswire::protection
