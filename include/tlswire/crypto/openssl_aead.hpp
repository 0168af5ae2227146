// tlswire/crypto/openssl_aead.hpp — the OpenSSL (libcrypto 3.x) cipher
// backend: the crypto::aead and crypto::cbc_cipher types of the reference
// backend, over EVP_CIPHER.
//
//   aes_128_gcm, aes_256_gcm            EVP "AES-128-GCM", "AES-256-GCM"
//   chacha20_poly1305                   EVP "ChaCha20-Poly1305"
//   aes_128_ccm, aes_256_ccm            EVP "AES-128-CCM", "AES-256-CCM", 16-byte tag
//   aes_128_ccm_8, aes_256_ccm_8        the same with an 8-byte tag
//   aes_128_cbc, aes_256_cbc            EVP "AES-128-CBC", "AES-256-CBC", no padding
//   backend                             all of them and the hashes of openssl.hpp
//
// Opt-in like openssl.hpp: no umbrella header includes this file; include it
// and link with -lcrypto. Nothing here is constexpr, nothing throws.
//
// The same contract as the reference backend (crypto/aead.hpp): seal and open
// return false on any failure — a bad tag, a short buffer, a length over the
// algorithm's limit or over INT_MAX (EVP counts in int), and also a failure
// inside OpenSSL (no memory, a cipher missing from the loaded providers),
// which the AEAD interface has no other way to report. After a failed open
// the output holds no plaintext: OpenSSL writes plaintext before it checks a
// GCM or ChaCha20-Poly1305 tag, so it is overwritten with zeros.
#pragma once

#include <openssl/evp.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/openssl.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto::openssl {
namespace detail {

// cipher_ctx — an owning EVP_CIPHER_CTX for one operation.
class cipher_ctx {
public:
    cipher_ctx() noexcept : ctx_(EVP_CIPHER_CTX_new()) {}
    cipher_ctx(const cipher_ctx&) = delete;
    cipher_ctx& operator=(const cipher_ctx&) = delete;
    ~cipher_ctx() { EVP_CIPHER_CTX_free(ctx_); }
    [[nodiscard]] EVP_CIPHER_CTX* get() const noexcept { return ctx_; }

private:
    EVP_CIPHER_CTX* ctx_;
};

// A non-null pointer for empty inputs (EVP rejects some null data pointers).
inline const std::uint8_t* data_or_dummy(bytes_view v) noexcept {
    static const std::uint8_t dummy = 0;
    return v.empty() ? &dummy : v.data();
}
inline std::uint8_t* data_or_dummy(std::span<std::uint8_t> v) noexcept {
    static std::uint8_t dummy = 0;
    return v.empty() ? &dummy : v.data();
}

inline bool fits_int(std::size_t n) noexcept { return n <= static_cast<std::size_t>(INT_MAX); }

enum class aead_mode : std::uint8_t { gcm_like, ccm };

// CipherTraits: name (EVP fetch name), key_size, nonce_size, tag_size, mode.
template <class Traits>
struct evp_aead {
    static constexpr std::size_t key_size = Traits::key_size;
    static constexpr std::size_t nonce_size = Traits::nonce_size;
    static constexpr std::size_t tag_size = Traits::tag_size;

    static const EVP_CIPHER* cipher() noexcept {
        static EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, Traits::name, nullptr);
        return c;
    }

    [[nodiscard]] static bool seal(std::span<const std::uint8_t, key_size> key,
                                   std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad,
                                   bytes_view plaintext, std::span<std::uint8_t> out) noexcept {
        if (out.size() < plaintext.size() || out.size() - plaintext.size() < tag_size) return false;
        if (!fits_int(plaintext.size()) || !fits_int(aad.size()) || plaintext.size() > Traits::max_plaintext)
            return false;
        cipher_ctx ctx;
        if (ctx.get() == nullptr || cipher() == nullptr) return false;
        if (!init(ctx.get(), key, nonce, 1, nullptr)) return false;
        int n = 0;
        // CCM (RFC 3610 §2.2) needs the message length before the AAD.
        if (Traits::mode == aead_mode::ccm &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &n, nullptr, static_cast<int>(plaintext.size())) != 1)
            return false;
        if (!aad.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) != 1)
            return false;
        int written = 0;
        if ((!plaintext.empty() || Traits::mode == aead_mode::ccm) &&
            EVP_EncryptUpdate(ctx.get(), data_or_dummy(out), &written, data_or_dummy(plaintext),
                              static_cast<int>(plaintext.size())) != 1)
            return false;
        int tail = 0;
        if (EVP_EncryptFinal_ex(ctx.get(), data_or_dummy(out), &tail) != 1 ||
            static_cast<std::size_t>(written) + static_cast<std::size_t>(tail) != plaintext.size())
            return false;
        return EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_size),
                                   out.data() + plaintext.size()) == 1;
    }

    [[nodiscard]] static bool open(std::span<const std::uint8_t, key_size> key,
                                   std::span<const std::uint8_t, nonce_size> nonce, bytes_view aad, bytes_view in,
                                   std::span<std::uint8_t> out) noexcept {
        if (in.size() < tag_size) return false;
        const std::size_t len = in.size() - tag_size;
        if (out.size() < len || !fits_int(len) || !fits_int(aad.size()) || len > Traits::max_plaintext) return false;
        const bool ok = open_evp(key, nonce, aad, in.first(len), in.last(tag_size), out);
        if (!ok) crypto::detail::wipe(out, len);
        return ok;
    }

private:
    // init — cipher, IV length and (for CCM) tag length, then key and nonce.
    static bool init(EVP_CIPHER_CTX* ctx, std::span<const std::uint8_t, key_size> key,
                     std::span<const std::uint8_t, nonce_size> nonce, int enc, const std::uint8_t* expected_tag) {
        if (EVP_CipherInit_ex(ctx, cipher(), nullptr, nullptr, nullptr, enc) != 1) return false;
        if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(nonce_size), nullptr) != 1)
            return false;
        if (Traits::mode == aead_mode::ccm) {
            // CCM's tag length is a parameter of the mode (M in B_0); when
            // decrypting, the expected tag is set here too.
            void* tag = const_cast<std::uint8_t*>(expected_tag);  // NOLINT: OpenSSL API (read only)
            if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_size), tag) != 1) return false;
        }
        return EVP_CipherInit_ex(ctx, nullptr, nullptr, key.data(), nonce.data(), enc) == 1;
    }

    static bool open_evp(std::span<const std::uint8_t, key_size> key, std::span<const std::uint8_t, nonce_size> nonce,
                         bytes_view aad, bytes_view ciphertext, bytes_view tag, std::span<std::uint8_t> out) {
        cipher_ctx ctx;
        if (ctx.get() == nullptr || cipher() == nullptr) return false;
        if (!init(ctx.get(), key, nonce, 0, Traits::mode == aead_mode::ccm ? tag.data() : nullptr)) return false;
        int n = 0;
        if (Traits::mode == aead_mode::ccm) {
            // CCM: length, AAD, then one update that decrypts and checks the tag.
            if (EVP_DecryptUpdate(ctx.get(), nullptr, &n, nullptr, static_cast<int>(ciphertext.size())) != 1)
                return false;
            if (!aad.empty() &&
                EVP_DecryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) != 1)
                return false;
            return EVP_DecryptUpdate(ctx.get(), data_or_dummy(out), &n, data_or_dummy(ciphertext),
                                     static_cast<int>(ciphertext.size())) == 1 &&
                   static_cast<std::size_t>(n) == ciphertext.size();
        }
        if (!aad.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) != 1)
            return false;
        int written = 0;
        if (!ciphertext.empty() && EVP_DecryptUpdate(ctx.get(), out.data(), &written, ciphertext.data(),
                                                     static_cast<int>(ciphertext.size())) != 1)
            return false;
        void* t = const_cast<std::uint8_t*>(tag.data());  // NOLINT: OpenSSL API (read only)
        if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_size), t) != 1) return false;
        int tail = 0;
        // The tag is checked here: Final fails on a mismatch.
        return EVP_DecryptFinal_ex(ctx.get(), data_or_dummy(out), &tail) == 1 &&
               static_cast<std::size_t>(written) + static_cast<std::size_t>(tail) == ciphertext.size();
    }
};

template <const char* Name, std::size_t Key, std::size_t Tag, aead_mode Mode, std::uint64_t Max>
struct aead_traits {
    static constexpr const char* name = Name;
    static constexpr std::size_t key_size = Key;
    static constexpr std::size_t nonce_size = 12;
    static constexpr std::size_t tag_size = Tag;
    static constexpr aead_mode mode = Mode;
    static constexpr std::uint64_t max_plaintext = Max;
};

inline constexpr char aes_128_gcm_name[] = "AES-128-GCM";
inline constexpr char aes_256_gcm_name[] = "AES-256-GCM";
inline constexpr char aes_128_ccm_name[] = "AES-128-CCM";
inline constexpr char aes_256_ccm_name[] = "AES-256-CCM";
inline constexpr char chacha20_poly1305_name[] = "ChaCha20-Poly1305";
inline constexpr char aes_128_cbc_name[] = "AES-128-CBC";
inline constexpr char aes_256_cbc_name[] = "AES-256-CBC";

// The algorithms' own limits (as in the reference backend): SP 800-38D
// §5.2.1.1 for GCM, RFC 8439 §2.8 for ChaCha20-Poly1305, RFC 3610 §2 with
// L = 3 for CCM with a 12-byte nonce.
inline constexpr std::uint64_t gcm_max = (std::uint64_t{1} << 36) - 32;
inline constexpr std::uint64_t chacha_max = 274877906880ull;
inline constexpr std::uint64_t ccm_l3_max = (std::uint64_t{1} << 24) - 1;

// evp_cbc — AES-CBC without padding (crypto::cbc_cipher).
template <const char* Name, std::size_t Key>
struct evp_cbc {
    static constexpr std::size_t key_size = Key;
    static constexpr std::size_t block_size = 16;

    static const EVP_CIPHER* cipher() noexcept {
        static EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, Name, nullptr);
        return c;
    }

    [[nodiscard]] static bool encrypt(std::span<const std::uint8_t, key_size> key,
                                      std::span<const std::uint8_t, block_size> iv, bytes_view in,
                                      std::span<std::uint8_t> out) noexcept {
        return run(key, iv, in, out, 1);
    }
    [[nodiscard]] static bool decrypt(std::span<const std::uint8_t, key_size> key,
                                      std::span<const std::uint8_t, block_size> iv, bytes_view in,
                                      std::span<std::uint8_t> out) noexcept {
        return run(key, iv, in, out, 0);
    }

private:
    static bool run(std::span<const std::uint8_t, key_size> key, std::span<const std::uint8_t, block_size> iv,
                    bytes_view in, std::span<std::uint8_t> out, int enc) noexcept {
        if (in.size() % block_size != 0 || out.size() < in.size() || !fits_int(in.size())) return false;
        if (in.empty()) return true;
        cipher_ctx ctx;
        if (ctx.get() == nullptr || cipher() == nullptr) return false;
        if (EVP_CipherInit_ex(ctx.get(), cipher(), nullptr, key.data(), iv.data(), enc) != 1) return false;
        if (EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) return false;  // the record layer pads
        int written = 0, tail = 0;
        return EVP_CipherUpdate(ctx.get(), out.data(), &written, in.data(), static_cast<int>(in.size())) == 1 &&
               EVP_CipherFinal_ex(ctx.get(), out.data() + written, &tail) == 1 &&
               static_cast<std::size_t>(written) + static_cast<std::size_t>(tail) == in.size();
    }
};

}  // namespace detail

struct aes_128_gcm
    : detail::evp_aead<detail::aead_traits<detail::aes_128_gcm_name, 16, 16, detail::aead_mode::gcm_like, detail::gcm_max>> {};
struct aes_256_gcm
    : detail::evp_aead<detail::aead_traits<detail::aes_256_gcm_name, 32, 16, detail::aead_mode::gcm_like, detail::gcm_max>> {};
struct chacha20_poly1305 : detail::evp_aead<detail::aead_traits<detail::chacha20_poly1305_name, 32, 16,
                                                                detail::aead_mode::gcm_like, detail::chacha_max>> {};
struct aes_128_ccm
    : detail::evp_aead<detail::aead_traits<detail::aes_128_ccm_name, 16, 16, detail::aead_mode::ccm, detail::ccm_l3_max>> {};
struct aes_256_ccm
    : detail::evp_aead<detail::aead_traits<detail::aes_256_ccm_name, 32, 16, detail::aead_mode::ccm, detail::ccm_l3_max>> {};
struct aes_128_ccm_8
    : detail::evp_aead<detail::aead_traits<detail::aes_128_ccm_name, 16, 8, detail::aead_mode::ccm, detail::ccm_l3_max>> {};
struct aes_256_ccm_8
    : detail::evp_aead<detail::aead_traits<detail::aes_256_ccm_name, 32, 8, detail::aead_mode::ccm, detail::ccm_l3_max>> {};
struct aes_128_cbc : detail::evp_cbc<detail::aes_128_cbc_name, 16> {};
struct aes_256_cbc : detail::evp_cbc<detail::aes_256_cbc_name, 32> {};

// backend — the OpenSSL counterpart of crypto::reference::backend.
struct backend {
    using md5 = openssl::md5;
    using sha1 = openssl::sha1;
    using sha224 = openssl::sha224;
    using sha256 = openssl::sha256;
    using sha384 = openssl::sha384;
    using sha512 = openssl::sha512;
    using md5_sha1 = openssl::md5_sha1;
    using aes_128_gcm = openssl::aes_128_gcm;
    using aes_256_gcm = openssl::aes_256_gcm;
    using aes_128_ccm = openssl::aes_128_ccm;
    using aes_256_ccm = openssl::aes_256_ccm;
    using aes_128_ccm_8 = openssl::aes_128_ccm_8;
    using aes_256_ccm_8 = openssl::aes_256_ccm_8;
    using chacha20_poly1305 = openssl::chacha20_poly1305;
    using aes_128_cbc = openssl::aes_128_cbc;
    using aes_256_cbc = openssl::aes_256_cbc;
};

static_assert(aead<aes_128_gcm> && aead<aes_256_gcm> && aead<chacha20_poly1305> && aead<aes_128_ccm> &&
              aead<aes_256_ccm> && aead<aes_128_ccm_8> && aead<aes_256_ccm_8>);
static_assert(cbc_cipher<aes_128_cbc> && cbc_cipher<aes_256_cbc>);

}  // namespace tlswire::crypto::openssl
