// tlswire/crypto/hmac.hpp — HMAC (RFC 2104), once, over any crypto::hash.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "tlswire/crypto/backend.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::crypto {

// hmac_context<H> — incremental HMAC-H (RFC 2104 §2):
//   H(K XOR opad, H(K XOR ipad, text))
// Construction absorbs the padded key into both hash states, so a keyed
// context can be copied and reused for many messages under one key (the TLS
// PRF's P_hash does exactly that).
template <hash H>
class hmac_context {
public:
    // RFC 2104 §2: a key longer than B is first hashed; shorter keys are
    // zero-padded to B. An empty key is allowed (it is B zero octets).
    constexpr explicit hmac_context(bytes_view key) noexcept : inner_(H::init()), outer_(H::init()) {
        std::array<std::uint8_t, H::block_size> k{};
        if (key.size() > H::block_size) {
            const digest<H> hk = H::digest(key);
            for (std::size_t i = 0; i < hk.size(); ++i) k[i] = hk[i];
        } else {
            for (std::size_t i = 0; i < key.size(); ++i) k[i] = key[i];
        }
        std::array<std::uint8_t, H::block_size> pad{};
        for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k[i] ^ 0x36);  // ipad
        H::update(inner_, pad);
        for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k[i] ^ 0x5c);  // opad
        H::update(outer_, pad);
    }

    constexpr void update(bytes_view data) noexcept { H::update(inner_, data); }

    // final — the MAC of everything fed so far. Consumes this context's
    // running state; copy the context first to continue from here.
    [[nodiscard]] constexpr digest<H> final() noexcept {
        const digest<H> inner = H::final(inner_);
        H::update(outer_, inner);
        return H::final(outer_);
    }

private:
    typename H::state inner_;
    typename H::state outer_;
};

// hmac<H>(key, message) — one-shot HMAC-H; uses the backend's own HMAC when
// it has one (outside constant evaluation), else hmac_context.
template <hash H>
[[nodiscard]] constexpr digest<H> hmac(bytes_view key, bytes_view message) noexcept {
    if constexpr (native_hmac<H>) {
        if (!std::is_constant_evaluated()) {
            digest<H> out{};
            if (H::hmac(key, message, std::span<std::uint8_t, H::digest_size>(out))) return out;
        }
    }
    hmac_context<H> ctx(key);
    ctx.update(message);
    return ctx.final();
}

}  // namespace tlswire::crypto
