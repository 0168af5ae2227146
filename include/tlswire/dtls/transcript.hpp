// tlswire/dtls/transcript.hpp — what DTLS hashes of each handshake message.
//
// DTLS 1.0/1.2, RFC 6347 §4.2.6: "in order to remove sensitivity to
// handshake message fragmentation, the Finished MAC MUST be computed as if
// each handshake message had been sent as a single fragment" — each message
// with its 12-byte DTLS header, fragment_offset 0 and fragment_length =
// length (reassembled_message::header()); and "in cases where the cookie
// exchange is used, the initial ClientHello and HelloVerifyRequest MUST NOT
// be included in the CertificateVerify or Finished MAC computations".
// DTLS 1.3, RFC 9147 §5.2: "the message transcript is computed over the
// original TLS 1.3-style Handshake messages without the message_seq,
// fragment_offset, and fragment_length values" (a 4-byte header); after a
// HelloRetryRequest, ClientHello1 becomes TLS 1.3's message_hash (§5.1,
// RFC 8446 §4.4.1).
//
// The version is known only from the ServerHello, after the ClientHello has
// been hashed, so handshake_transcript keeps both forms (and, for DTLS 1.2,
// each PRF hash) until then; each is a running hash (schedule/transcript.hpp),
// nothing is buffered.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>

#include "tlswire/dtls/reassembler.hpp"
#include "tlswire/registry/algorithms.hpp"
#include "tlswire/registry/protocol_version.hpp"
#include "tlswire/schedule/transcript.hpp"

namespace tlswire::dtls {

// transcript_header — the header a message is hashed with: 12 bytes (DTLS
// 1.0/1.2) or 4 (DTLS 1.3).
struct transcript_header {
    std::array<std::uint8_t, handshake_header_size> bytes{};
    std::size_t size = 0;
    [[nodiscard]] constexpr bytes_view view() const noexcept { return bytes_view(bytes.data(), size); }
};

[[nodiscard]] constexpr transcript_header transcript_header_of(const reassembled_message& m, bool dtls13) noexcept {
    transcript_header h{m.header(), handshake_header_size};
    if (dtls13) h.size = 4;  // msg_type, uint24 length: the first four bytes of the DTLS header
    return h;
}

// handshake_transcript<Backend> — the running transcript hashes of a DTLS
// handshake: add() every message both sides sent, in handshake order (the
// order they were reassembled in); hash<H>() is Transcript-Hash so far under
// H (Backend::md5_sha1 for DTLS 1.0, the suite's hash for DTLS 1.2 and 1.3).
template <class Backend>
class handshake_transcript {
public:
    // add(m) — one message; a HelloVerifyRequest drops what came before it
    // (RFC 6347 §4.2.6), a HelloRetryRequest turns ClientHello1 into
    // message_hash first (RFC 9147 §5.1).
    constexpr void add(const reassembled_message& m, bool hello_retry_request = false) {
        if (m.msg_type == handshake_type::hello_verify_request) {
            dtls12_md5_sha1_ = {};
            dtls12_sha256_ = {};
            dtls12_sha384_ = {};
            return;
        }
        if (hello_retry_request) {
            dtls13_sha256_.restart_after_hello_retry_request();
            dtls13_sha384_.restart_after_hello_retry_request();
        }
        const transcript_header h12 = transcript_header_of(m, false), h13 = transcript_header_of(m, true);
        if (version_ != protocol_version::dtls13) {
            dtls12_md5_sha1_.update(h12.view()).update(m.body);
            dtls12_sha256_.update(h12.view()).update(m.body);
            dtls12_sha384_.update(h12.view()).update(m.body);
        }
        if (version_ == protocol_version::dtls13 || version_ == protocol_version{}) {
            dtls13_sha256_.update(h13.view()).update(m.body);
            dtls13_sha384_.update(h13.view()).update(m.body);
        }
    }

    // negotiated(v) — the version the ServerHello selected (0xfefc: the
    // 4-byte form from now on; others the 12-byte one).
    constexpr void negotiated(protocol_version v) noexcept { version_ = v; }

    // hash<H>() — the transcript hash under H so far, in the negotiated form;
    // none for a hash kept by no transcript here.
    template <class H>
    [[nodiscard]] constexpr std::optional<crypto::digest<H>> hash() const {
        const bool v13 = version_ == protocol_version::dtls13;
        if constexpr (std::is_same_v<H, typename Backend::md5_sha1>) return dtls12_md5_sha1_.current();
        else if constexpr (std::is_same_v<H, typename Backend::sha256>)
            return v13 ? dtls13_sha256_.current() : dtls12_sha256_.current();
        else if constexpr (std::is_same_v<H, typename Backend::sha384>)
            return v13 ? dtls13_sha384_.current() : dtls12_sha384_.current();
        else return std::nullopt;
    }

private:
    protocol_version version_{};
    schedule::transcript<typename Backend::md5_sha1> dtls12_md5_sha1_{};
    schedule::transcript<typename Backend::sha256> dtls12_sha256_{};
    schedule::transcript<typename Backend::sha384> dtls12_sha384_{};
    schedule::transcript<typename Backend::sha256> dtls13_sha256_{};
    schedule::transcript<typename Backend::sha384> dtls13_sha384_{};
};

}  // namespace tlswire::dtls
