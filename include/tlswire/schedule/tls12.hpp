// tlswire/schedule/tls12.hpp — the TLS 1.0–1.2 key derivations: the PRFs,
// master secret, extended master secret, key block, Finished verify_data and
// the RFC 5705 exporter.
//
// One PRF serves every version: `prf<H>`. With a single hash H it is the
// TLS 1.2 PRF, P_H (RFC 5246 §5); with H = an md5_sha1 combination
// (crypto::reference::md5_sha1, crypto::openssl::md5_sha1) it is the TLS
// 1.0/1.1 PRF, P_MD5(S1) XOR P_SHA-1(S2) over the two halves of the secret
// (RFC 2246 §5, RFC 4346 §5). The same choice of H then gives the right
// Finished hash too: TLS 1.0/1.1 verify_data covers MD5(handshake) +
// SHA-1(handshake), which is exactly digest<md5_sha1>.
//
// Pure functions; outputs go to caller spans or fixed-size arrays; nothing
// allocates. Lengths a caller chooses are checked and reported as errors.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <type_traits>

#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::tls12 {

using crypto::digest;
using crypto::hash;

namespace detail {

// label_bytes — the label's chars as bytes, without copying. Not constexpr
// (the reinterpretation is not allowed in constant evaluation), so constexpr
// paths feed the label char by char instead (see feed).
[[nodiscard]] inline bytes_view label_bytes(std::string_view label) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(label.data()), label.size()};
}

// seed — label + seed parts, fed to HMAC without concatenating them first.
struct seed_parts {
    std::string_view label;
    std::span<const bytes_view> parts;
};

template <hash H>
constexpr void feed(crypto::hmac_context<H>& ctx, const seed_parts& seed) noexcept {
    if (std::is_constant_evaluated()) {
        for (char c : seed.label) {
            const std::array<std::uint8_t, 1> b{static_cast<std::uint8_t>(c)};
            ctx.update(b);
        }
    } else {
        ctx.update(label_bytes(seed.label));
    }
    for (bytes_view p : seed.parts) ctx.update(p);
}

// p_hash — RFC 5246 §5:
//   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
//   A(0) = seed, A(i) = HMAC_hash(secret, A(i-1))
// With `xor_into`, the output is XORed into `out` instead of stored (the TLS
// 1.0 PRF XORs P_MD5 and P_SHA-1).
template <hash H>
constexpr void p_hash(bytes_view secret, const seed_parts& seed, std::span<std::uint8_t> out, bool xor_into) noexcept {
    const crypto::hmac_context<H> keyed(secret);
    crypto::hmac_context<H> a_ctx = keyed;
    feed(a_ctx, seed);
    digest<H> a = a_ctx.final();  // A(1)
    std::size_t done = 0;
    while (done < out.size()) {
        crypto::hmac_context<H> ctx = keyed;
        ctx.update(a);
        feed(ctx, seed);
        const digest<H> block = ctx.final();
        for (std::size_t k = 0; k < block.size() && done < out.size(); ++k, ++done)
            out[done] = xor_into ? static_cast<std::uint8_t>(out[done] ^ block[k]) : block[k];
        if (done < out.size()) {
            crypto::hmac_context<H> next = keyed;
            next.update(a);
            a = next.final();  // A(i+1)
        }
    }
}

template <hash H>
constexpr void prf_parts(bytes_view secret, const seed_parts& seed, std::span<std::uint8_t> out) noexcept {
    if constexpr (crypto::native_tls_prf<H>) {
        if (!std::is_constant_evaluated()) {
            // The backend's PRF takes the label as the first seed part.
            std::array<bytes_view, 8> all{};
            if (seed.parts.size() + 1 <= all.size()) {
                all[0] = label_bytes(seed.label);
                for (std::size_t i = 0; i < seed.parts.size(); ++i) all[i + 1] = seed.parts[i];
                if (H::tls_prf(secret, std::span<const bytes_view>(all.data(), seed.parts.size() + 1), out)) return;
            }
        }
    }
    if constexpr (crypto::is_md5_sha1<H>) {
        // RFC 2246 §5: S1 is the first ceil(n/2) octets of the secret, S2 the
        // last ceil(n/2); for odd n they share the middle octet.
        const std::size_t half = (secret.size() + 1) / 2;
        p_hash<typename H::md5_type>(secret.first(half), seed, out, false);
        p_hash<typename H::sha1_type>(secret.last(half), seed, out, true);
    } else {
        p_hash<H>(secret, seed, out, false);
    }
}

}  // namespace detail

// prf<H>(secret, label, seed, out) — RFC 5246 §5: PRF(secret, label, seed) =
// P_<H>(secret, label + seed), filling `out`. H = md5_sha1 gives the TLS
// 1.0/1.1 PRF (RFC 2246 §5). The label is ASCII without a terminating NUL.
template <hash H>
constexpr void prf(bytes_view secret, std::string_view label, bytes_view seed, std::span<std::uint8_t> out) noexcept {
    const bytes_view parts[] = {seed};
    detail::prf_parts<H>(secret, {label, parts}, out);
}

// prf<H>(secret, label, seed_a, seed_b, out) — the same with seed = seed_a + seed_b
// (the randoms are always two parts; this saves the caller a copy).
template <hash H>
constexpr void prf(bytes_view secret, std::string_view label, bytes_view seed_a, bytes_view seed_b,
                   std::span<std::uint8_t> out) noexcept {
    const bytes_view parts[] = {seed_a, seed_b};
    detail::prf_parts<H>(secret, {label, parts}, out);
}

// p_hash<H>(secret, seed, out) — the data-expansion function on its own (RFC 5246 §5).
template <hash H>
constexpr void p_hash(bytes_view secret, bytes_view seed, std::span<std::uint8_t> out) noexcept {
    const bytes_view parts[] = {seed};
    detail::p_hash<H>(secret, {std::string_view{}, parts}, out, false);
}

inline constexpr std::size_t master_secret_length = 48;  // RFC 5246 §8.1
inline constexpr std::size_t random_length = 32;         // RFC 5246 §7.4.1.2
using master_secret_type = std::array<std::uint8_t, master_secret_length>;

// master_secret<H>(pre_master_secret, client_random, server_random) — RFC 5246 §8.1:
//   master_secret = PRF(pre_master_secret, "master secret",
//                       ClientHello.random + ServerHello.random)[0..47];
template <hash H>
[[nodiscard]] constexpr master_secret_type master_secret(bytes_view pre_master_secret, bytes_view client_random,
                                                         bytes_view server_random) noexcept {
    master_secret_type ms{};
    prf<H>(pre_master_secret, "master secret", client_random, server_random, ms);
    return ms;
}

// extended_master_secret<H>(pre_master_secret, session_hash) — RFC 7627 §4:
//   master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47];
// session_hash is the handshake hash up to and including ClientKeyExchange
// (schedule::transcript<H>::current() at that point; md5_sha1 before TLS 1.2).
template <hash H>
[[nodiscard]] constexpr master_secret_type extended_master_secret(bytes_view pre_master_secret,
                                                                  bytes_view session_hash) noexcept {
    master_secret_type ms{};
    prf<H>(pre_master_secret, "extended master secret", session_hash, ms);
    return ms;
}

// key_block<H>(master_secret, client_random, server_random, out) — RFC 5246 §6.3:
//   key_block = PRF(SecurityParameters.master_secret, "key expansion",
//                   SecurityParameters.server_random + SecurityParameters.client_random);
// Note the order: the server random comes first here (unlike the master secret).
template <hash H>
constexpr void key_block(bytes_view master_secret, bytes_view client_random, bytes_view server_random,
                         std::span<std::uint8_t> out) noexcept {
    prf<H>(master_secret, "key expansion", server_random, client_random, out);
}

// key_sizes — what a cipher suite needs from the key block (RFC 5246 §6.3,
// Appendix C): MAC key (0 for AEAD), encryption key, and fixed IV (the
// implicit nonce part for AEAD, RFC 5288 §3 / RFC 7905 §2; the CBC IV in TLS 1.0).
struct key_sizes {
    std::size_t mac_key_length = 0;
    std::size_t enc_key_length = 0;
    std::size_t fixed_iv_length = 0;

    // The key block length this needs: 2 * (mac + key + iv).
    [[nodiscard]] constexpr std::size_t key_block_length() const noexcept {
        return 2 * (mac_key_length + enc_key_length + fixed_iv_length);
    }
};

// key_material — the key block split (RFC 5246 §6.3), as views into the
// caller's buffer, in key-block order.
struct key_material {
    bytes_view client_write_mac_key;
    bytes_view server_write_mac_key;
    bytes_view client_write_key;
    bytes_view server_write_key;
    bytes_view client_write_iv;
    bytes_view server_write_iv;
};

// derive_keys<H>(master_secret, client_random, server_random, sizes, buffer) —
// compute the key block into buffer[0 .. sizes.key_block_length()) and split it:
//   client_write_MAC_key[mac] server_write_MAC_key[mac] client_write_key[enc]
//   server_write_key[enc] client_write_IV[iv] server_write_IV[iv]
// Fails with errc::buffer_overflow (offset = bytes needed) if buffer is too small.
template <hash H>
constexpr result<key_material> derive_keys(bytes_view master_secret, bytes_view client_random,
                                           bytes_view server_random, const key_sizes& sizes,
                                           std::span<std::uint8_t> buffer) noexcept {
    const std::size_t need = sizes.key_block_length();
    if (buffer.size() < need) return error{errc::buffer_overflow, need, "key_block"};
    const std::span<std::uint8_t> block = buffer.first(need);
    key_block<H>(master_secret, client_random, server_random, block);
    const bytes_view b = block;
    std::size_t at = 0;
    auto take = [&](std::size_t n) {
        const bytes_view v = b.subspan(at, n);
        at += n;
        return v;
    };
    key_material km;
    km.client_write_mac_key = take(sizes.mac_key_length);
    km.server_write_mac_key = take(sizes.mac_key_length);
    km.client_write_key = take(sizes.enc_key_length);
    km.server_write_key = take(sizes.enc_key_length);
    km.client_write_iv = take(sizes.fixed_iv_length);
    km.server_write_iv = take(sizes.fixed_iv_length);
    return km;
}

// sender — whose Finished message (RFC 5246 §7.4.9 finished_label).
enum class sender : std::uint8_t { client, server };

[[nodiscard]] constexpr std::string_view finished_label(sender s) noexcept {
    return s == sender::client ? std::string_view("client finished") : std::string_view("server finished");
}

inline constexpr std::size_t default_verify_data_length = 12;  // RFC 5246 §7.4.9

// finished_verify_data<H>(master_secret, from, handshake_hash, out) — RFC 5246 §7.4.9:
//   verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..verify_data_length-1];
// For TLS 1.0/1.1 (RFC 2246 §7.4.9) use H = md5_sha1: handshake_hash is then
// MD5(handshake_messages) + SHA-1(handshake_messages). out.size() is
// verify_data_length (12 unless the cipher suite says otherwise).
template <hash H>
constexpr void finished_verify_data(bytes_view master_secret, sender from, bytes_view handshake_hash,
                                    std::span<std::uint8_t> out) noexcept {
    prf<H>(master_secret, finished_label(from), handshake_hash, out);
}

// client_finished / server_finished — the usual 12-octet verify_data.
template <hash H>
[[nodiscard]] constexpr std::array<std::uint8_t, default_verify_data_length> client_finished(
    bytes_view master_secret, bytes_view handshake_hash) noexcept {
    std::array<std::uint8_t, default_verify_data_length> out{};
    finished_verify_data<H>(master_secret, sender::client, handshake_hash, out);
    return out;
}
template <hash H>
[[nodiscard]] constexpr std::array<std::uint8_t, default_verify_data_length> server_finished(
    bytes_view master_secret, bytes_view handshake_hash) noexcept {
    std::array<std::uint8_t, default_verify_data_length> out{};
    finished_verify_data<H>(master_secret, sender::server, handshake_hash, out);
    return out;
}

// export_keying_material<H>(master_secret, label, client_random, server_random, out) —
// RFC 5705 §4 without a context:
//   PRF(SecurityParameters.master_secret, label,
//       SecurityParameters.client_random + SecurityParameters.server_random)[length]
template <hash H>
constexpr void export_keying_material(bytes_view master_secret, std::string_view label, bytes_view client_random,
                                      bytes_view server_random, std::span<std::uint8_t> out) noexcept {
    prf<H>(master_secret, label, client_random, server_random, out);
}

// export_keying_material<H>(master_secret, label, client_random, server_random, context, out) —
// RFC 5705 §4 with a context (which may be empty, and then differs from no context):
//   PRF(..., label, client_random + server_random + context_value_length + context_value)
// context_value_length is a uint16; a longer context fails with
// errc::length_out_of_range (offset = its length) and writes nothing.
template <hash H>
constexpr result<void> export_keying_material(bytes_view master_secret, std::string_view label,
                                              bytes_view client_random, bytes_view server_random,
                                              bytes_view context, std::span<std::uint8_t> out) noexcept {
    if (context.size() > 0xffff) return error{errc::length_out_of_range, context.size(), "context_value"};
    const std::array<std::uint8_t, 2> len{static_cast<std::uint8_t>(context.size() >> 8),
                                          static_cast<std::uint8_t>(context.size())};
    const bytes_view parts[] = {client_random, server_random, len, context};
    detail::prf_parts<H>(master_secret, {label, parts}, out);
    return {};
}

}  // namespace tlswire::tls12
