// tlswire/schedule/transcript.hpp — the running handshake transcript hash.
//
// TLS 1.3 (RFC 8446 §4.4.1) and TLS 1.2 (RFC 5246 §7.4.9, RFC 7627 §3) both
// hash the handshake messages as sent: each whole message including its
// 4-octet header (msg_type, uint24 length), in order, excluding record
// headers. A transcript is read many times mid-handshake (after ServerHello
// for the handshake secrets, after server Finished for the application
// secrets, ...), so current() hashes a copy of the running state and the
// transcript carries on.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/crypto/backend.hpp"
#include "tlswire/wire/bytes.hpp"

namespace tlswire::schedule {

using crypto::digest;
using crypto::hash;

// message_hash_type — HandshakeType message_hash(254), RFC 8446 §4.
inline constexpr std::uint8_t message_hash_type = 254;

// message_hash_message<H>(client_hello1_hash) — RFC 8446 §4.4.1: the
// synthetic handshake message that replaces ClientHello1 after a
// HelloRetryRequest:
//   message_hash (254) || 00 00 || Hash.length || Hash(ClientHello1)
template <hash H>
[[nodiscard]] constexpr std::array<std::uint8_t, 4 + H::digest_size> message_hash_message(
    const digest<H>& client_hello1_hash) noexcept {
    static_assert(H::digest_size <= 0xff, "message_hash carries Hash.length in one octet");
    std::array<std::uint8_t, 4 + H::digest_size> m{};
    m[0] = message_hash_type;
    m[1] = 0;
    m[2] = 0;
    m[3] = static_cast<std::uint8_t>(H::digest_size);
    for (std::size_t i = 0; i < H::digest_size; ++i) m[4 + i] = client_hello1_hash[i];
    return m;
}

// transcript<H> — Transcript-Hash over handshake messages, for any backend
// hash (md5_sha1 gives the TLS 1.0/1.1 handshake hash). Copyable: a copy is
// an independent snapshot. Never allocates with the reference backend.
template <hash H>
class transcript {
public:
    constexpr transcript() noexcept(noexcept(H::init())) : state_(H::init()) {}

    // update — append one or more whole handshake messages (header included).
    constexpr transcript& update(bytes_view handshake_messages) {
        H::update(state_, handshake_messages);
        return *this;
    }

    // current — Transcript-Hash of everything so far; the transcript goes on.
    [[nodiscard]] constexpr digest<H> current() const {
        typename H::state copy = state_;
        return H::final(copy);
    }

    // restart_after_hello_retry_request — RFC 8446 §4.4.1: call after adding
    // ClientHello1 and before adding the HelloRetryRequest. The transcript
    // becomes message_hash(Hash(ClientHello1)), so that
    //   Transcript-Hash(ClientHello1, HelloRetryRequest, ... Mn) =
    //     Hash(message_hash || 00 00 Hash.length || Hash(ClientHello1) ||
    //          HelloRetryRequest || ... || Mn)
    constexpr transcript& restart_after_hello_retry_request() {
        const digest<H> ch1 = current();
        state_ = H::init();
        const auto synthetic = message_hash_message<H>(ch1);
        H::update(state_, synthetic);
        return *this;
    }

    // session_hash — RFC 7627 §3: for the extended master secret, the hash of
    // the handshake messages up to and including ClientKeyExchange; call it
    // right after adding ClientKeyExchange. (Same value as current().)
    [[nodiscard]] constexpr digest<H> session_hash() const { return current(); }

private:
    typename H::state state_;
};

// transcript_hash<H>(messages...) — the hash of a fixed list of messages.
template <hash H, class... Messages>
[[nodiscard]] constexpr digest<H> transcript_hash(const Messages&... messages) {
    typename H::state s = H::init();
    (H::update(s, bytes_view(messages)), ...);
    return H::final(s);
}

}  // namespace tlswire::schedule
