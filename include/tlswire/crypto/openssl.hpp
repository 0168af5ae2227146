// tlswire/crypto/openssl.hpp — the OpenSSL (libcrypto 3.x) hash backend.
//
// Opt-in: no umbrella header includes this file. Include it and link with
// -lcrypto. It provides the same crypto::hash types as the reference backend
// (md5, sha1, sha224, sha256, sha384, sha512, md5_sha1) over EVP digests,
// plus the native fast paths the generic code picks up automatically:
//   hmac          — OpenSSL's one-shot HMAC()
//   hkdf_extract  — EVP_KDF "HKDF", mode EXTRACT_ONLY   (RFC 5869 §2.2)
//   hkdf_expand   — EVP_KDF "HKDF", mode EXPAND_ONLY    (RFC 5869 §2.3)
//   tls_prf       — EVP_KDF "TLS1-PRF" (RFC 5246 §5; with MD5-SHA1, RFC 2246 §5)
// A native call that OpenSSL refuses (OpenSSL 3.0 rejects, for example, an
// empty HKDF key or a TLS1-PRF seed over 1024 octets) returns false and the
// generic code computes the value itself, so results never depend on which
// path ran. Nothing here is constexpr.
//
// Failure to allocate or initialise a digest context (out of memory, digest
// unavailable in the loaded providers) cannot be reported through the hash
// interface, which has no error channel; it aborts the process rather than
// return a wrong digest.
#pragma once

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <utility>

#include "tlswire/crypto/backend.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::openssl {
namespace detail {

[[noreturn]] inline void fatal() noexcept { std::abort(); }

// octets — an OSSL_PARAM octet string over a read-only view. OpenSSL's
// parameter structs are not const-correct; it only reads these.
inline OSSL_PARAM octets(const char* key, bytes_view v) noexcept {
    static std::uint8_t empty = 0;
    void* p = v.empty() ? static_cast<void*>(&empty)
                        : const_cast<void*>(static_cast<const void*>(v.data()));  // NOLINT: OpenSSL API
    return OSSL_PARAM_construct_octet_string(key, p, v.size());
}

inline OSSL_PARAM utf8(const char* key, const char* value) noexcept {
    return OSSL_PARAM_construct_utf8_string(key, const_cast<char*>(value), 0);  // NOLINT: OpenSSL API
}

// md_ctx — an owning EVP_MD_CTX; copying duplicates the running state.
class md_ctx {
public:
    explicit md_ctx(const EVP_MD* md) : ctx_(EVP_MD_CTX_new()) {
        if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, md, nullptr) != 1) fatal();
    }
    md_ctx(const md_ctx& other) : ctx_(EVP_MD_CTX_new()) {
        if (ctx_ == nullptr || EVP_MD_CTX_copy_ex(ctx_, other.ctx_) != 1) fatal();
    }
    md_ctx(md_ctx&& other) noexcept : ctx_(std::exchange(other.ctx_, nullptr)) {}
    md_ctx& operator=(const md_ctx& other) {
        if (this != &other && EVP_MD_CTX_copy_ex(ctx_ ? ctx_ : (ctx_ = EVP_MD_CTX_new()), other.ctx_) != 1) fatal();
        return *this;
    }
    md_ctx& operator=(md_ctx&& other) noexcept {
        std::swap(ctx_, other.ctx_);
        return *this;
    }
    ~md_ctx() { EVP_MD_CTX_free(ctx_); }

    [[nodiscard]] EVP_MD_CTX* get() const noexcept { return ctx_; }

private:
    EVP_MD_CTX* ctx_;
};

// fetched_kdf — an EVP_KDF fetched once per process (a fetch per call is slow).
inline EVP_KDF* fetched_kdf(const char* name) noexcept { return EVP_KDF_fetch(nullptr, name, nullptr); }

inline EVP_KDF* hkdf_kdf() noexcept {
    static EVP_KDF* kdf = fetched_kdf("HKDF");
    return kdf;
}
inline EVP_KDF* tls1_prf_kdf() noexcept {
    static EVP_KDF* kdf = fetched_kdf("TLS1-PRF");
    return kdf;
}

// derive — run one EVP_KDF with the given parameters (terminated by the caller).
inline bool derive(EVP_KDF* kdf, OSSL_PARAM* params, std::span<std::uint8_t> out) noexcept {
    if (kdf == nullptr || out.empty()) return false;
    EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
    if (ctx == nullptr) return false;
    const bool ok = EVP_KDF_derive(ctx, out.data(), out.size(), params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok;
}

// tls_prf — EVP_KDF "TLS1-PRF" with `digest_name` (MD5-SHA1 selects TLS 1.0/1.1).
inline bool tls_prf(const char* digest_name, bytes_view secret, std::span<const bytes_view> seed,
                    std::span<std::uint8_t> out) noexcept {
    std::array<OSSL_PARAM, 12> params{};
    if (seed.size() + 3 > params.size()) return false;
    std::size_t n = 0;
    params[n++] = utf8(OSSL_KDF_PARAM_DIGEST, digest_name);
    params[n++] = octets(OSSL_KDF_PARAM_SECRET, secret);
    // TLS1-PRF concatenates repeated seed parameters, in order.
    for (bytes_view s : seed) params[n++] = octets(OSSL_KDF_PARAM_SEED, s);
    params[n] = OSSL_PARAM_construct_end();
    return derive(tls1_prf_kdf(), params.data(), out);
}

// Traits -> a crypto::hash over one EVP digest.
template <class Traits>
struct evp_hash {
    static constexpr std::size_t digest_size = Traits::digest_size;
    static constexpr std::size_t block_size = Traits::block_size;
    using state = md_ctx;

    static const EVP_MD* md() noexcept {
        static const EVP_MD* m = EVP_MD_fetch(nullptr, Traits::name, nullptr);
        if (m == nullptr) fatal();
        return m;
    }

    static state init() { return state(md()); }
    static void update(state& s, bytes_view in) {
        if (!in.empty() && EVP_DigestUpdate(s.get(), in.data(), in.size()) != 1) fatal();
    }
    static std::array<std::uint8_t, digest_size> final(state& s) {
        std::array<std::uint8_t, digest_size> out{};
        unsigned int len = 0;
        if (EVP_DigestFinal_ex(s.get(), out.data(), &len) != 1 || len != digest_size) fatal();
        return out;
    }
    static std::array<std::uint8_t, digest_size> digest(bytes_view in) {
        std::array<std::uint8_t, digest_size> out{};
        unsigned int len = 0;
        static std::uint8_t empty = 0;
        if (EVP_Digest(in.empty() ? &empty : in.data(), in.size(), out.data(), &len, md(), nullptr) != 1 ||
            len != digest_size)
            fatal();
        return out;
    }

    // Native HMAC (RFC 2104) via OpenSSL's one-shot HMAC().
    static bool hmac(bytes_view key, bytes_view msg, std::span<std::uint8_t, digest_size> out) noexcept {
        static const std::uint8_t empty = 0;
        unsigned int len = 0;
        if (key.size() > 0x7fffffff) return false;
        const unsigned char* r = HMAC(md(), key.empty() ? &empty : key.data(), static_cast<int>(key.size()),
                                      msg.empty() ? &empty : msg.data(), msg.size(), out.data(), &len);
        return r != nullptr && len == digest_size;
    }

    // Native HKDF-Extract / HKDF-Expand (RFC 5869 §2.2, §2.3).
    static bool hkdf_extract(bytes_view salt, bytes_view ikm, std::span<std::uint8_t, digest_size> prk) noexcept {
        int mode = EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
        std::array<OSSL_PARAM, 5> params{};
        params[0] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
        params[1] = utf8(OSSL_KDF_PARAM_DIGEST, Traits::name);
        params[2] = octets(OSSL_KDF_PARAM_KEY, ikm);
        params[3] = octets(OSSL_KDF_PARAM_SALT, salt);
        params[4] = OSSL_PARAM_construct_end();
        return derive(hkdf_kdf(), params.data(), prk);
    }
    static bool hkdf_expand(bytes_view prk, bytes_view info, std::span<std::uint8_t> out) noexcept {
        int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
        std::array<OSSL_PARAM, 5> params{};
        params[0] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
        params[1] = utf8(OSSL_KDF_PARAM_DIGEST, Traits::name);
        params[2] = octets(OSSL_KDF_PARAM_KEY, prk);
        params[3] = octets(OSSL_KDF_PARAM_INFO, info);
        params[4] = OSSL_PARAM_construct_end();
        return derive(hkdf_kdf(), params.data(), out);
    }

    // Native TLS 1.2 PRF (RFC 5246 §5).
    static bool tls_prf(bytes_view secret, std::span<const bytes_view> seed, std::span<std::uint8_t> out) noexcept {
        return detail::tls_prf(Traits::name, secret, seed, out);
    }
};

struct md5_traits {
    static constexpr const char* name = "MD5";
    static constexpr std::size_t digest_size = 16, block_size = 64;
};
struct sha1_traits {
    static constexpr const char* name = "SHA1";
    static constexpr std::size_t digest_size = 20, block_size = 64;
};
struct sha224_traits {
    static constexpr const char* name = "SHA224";
    static constexpr std::size_t digest_size = 28, block_size = 64;
};
struct sha256_traits {
    static constexpr const char* name = "SHA256";
    static constexpr std::size_t digest_size = 32, block_size = 64;
};
struct sha384_traits {
    static constexpr const char* name = "SHA384";
    static constexpr std::size_t digest_size = 48, block_size = 128;
};
struct sha512_traits {
    static constexpr const char* name = "SHA512";
    static constexpr std::size_t digest_size = 64, block_size = 128;
};

}  // namespace detail

struct md5 : detail::evp_hash<detail::md5_traits> {};
struct sha1 : detail::evp_hash<detail::sha1_traits> {};
struct sha224 : detail::evp_hash<detail::sha224_traits> {};
struct sha256 : detail::evp_hash<detail::sha256_traits> {};
struct sha384 : detail::evp_hash<detail::sha384_traits> {};
struct sha512 : detail::evp_hash<detail::sha512_traits> {};

// md5_sha1 — MD5 + SHA-1 over OpenSSL digests; as the PRF hash it selects
// OpenSSL's TLS 1.0/1.1 PRF (TLS1-PRF with digest "MD5-SHA1").
struct md5_sha1 : crypto::md5_sha1_of<md5, sha1> {
    static bool tls_prf(bytes_view secret, std::span<const bytes_view> seed, std::span<std::uint8_t> out) noexcept {
        return detail::tls_prf("MD5-SHA1", secret, seed, out);
    }
};

static_assert(hash<md5> && hash<sha1> && hash<sha224> && hash<sha256> && hash<sha384> && hash<sha512> &&
              hash<md5_sha1>);
static_assert(native_hmac<sha256> && native_hkdf<sha256> && native_tls_prf<sha256> && native_tls_prf<md5_sha1>);

}  // namespace tlswire::crypto::openssl
