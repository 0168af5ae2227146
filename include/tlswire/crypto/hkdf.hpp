// tlswire/crypto/hkdf.hpp — HKDF (RFC 5869), once, over any crypto::hash.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::crypto {

// hkdf_extract<H>(salt, ikm) — RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM).
// An empty salt means HashLen zero octets; HMAC zero-pads its key, so the
// two give the same PRK and no special case is needed.
template <hash H>
[[nodiscard]] constexpr digest<H> hkdf_extract(bytes_view salt, bytes_view ikm) noexcept {
    if constexpr (native_hkdf<H>) {
        if (!std::is_constant_evaluated()) {
            digest<H> prk{};
            if (H::hkdf_extract(salt, ikm, std::span<std::uint8_t, H::digest_size>(prk))) return prk;
        }
    }
    return hmac<H>(salt, ikm);
}

// hkdf_max_output<H> — RFC 5869 §2.3: L <= 255*HashLen.
template <hash H>
inline constexpr std::size_t hkdf_max_output = 255 * H::digest_size;

// hkdf_expand<H>(prk, info, out) — RFC 5869 §2.3: fills `out` (L = out.size())
// with T(1) | T(2) | ..., T(i) = HMAC-Hash(PRK, T(i-1) | info | i).
// Fails with errc::length_out_of_range (offset = L) when L > 255*HashLen,
// writing nothing.
template <hash H>
constexpr result<void> hkdf_expand(bytes_view prk, bytes_view info, std::span<std::uint8_t> out) noexcept {
    if (out.size() > hkdf_max_output<H>) return error{errc::length_out_of_range, out.size(), "hkdf_expand.L"};
    if constexpr (native_hkdf<H>) {
        if (!std::is_constant_evaluated() && !out.empty()) {
            if (H::hkdf_expand(prk, info, out)) return {};
        }
    }
    const hmac_context<H> keyed(prk);
    digest<H> t{};
    std::size_t done = 0;
    for (std::uint8_t i = 1; done < out.size(); ++i) {
        hmac_context<H> ctx = keyed;
        if (i > 1) ctx.update(t);  // T(0) is the empty string
        ctx.update(info);
        const std::array<std::uint8_t, 1> counter{i};
        ctx.update(counter);
        t = ctx.final();
        for (std::size_t k = 0; k < t.size() && done < out.size(); ++k) out[done++] = t[k];
    }
    return {};
}

// hkdf_expand<H, L>(prk, info) — the same with a length fixed at compile time.
template <hash H, std::size_t L>
[[nodiscard]] constexpr std::array<std::uint8_t, L> hkdf_expand(bytes_view prk, bytes_view info) noexcept {
    static_assert(L <= hkdf_max_output<H>, "RFC 5869 §2.3: L <= 255*HashLen");
    std::array<std::uint8_t, L> out{};
    (void)hkdf_expand<H>(prk, info, std::span<std::uint8_t>(out));  // cannot fail: L is in range
    return out;
}

}  // namespace tlswire::crypto
