// tlswire/dtls/event.hpp — what the DTLS connection decoder reports
// (dtls/connection.hpp): one event per record, handshake fragment or
// message, with the record header as on the wire and every offset absolute
// in the caller's input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/dtls/ack.hpp"
#include "tlswire/dtls/handshake.hpp"
#include "tlswire/dtls/message.hpp"
#include "tlswire/dtls/reassembler.hpp"
#include "tlswire/messages/connection.hpp"

namespace tlswire::dtls {

using tlswire::direction;

// datagram — one UDP datagram: who sent it, its bytes (one or more records,
// RFC 6347 §4.1.1, RFC 9147 §4.3), and where its first byte sits in the
// caller's input (a capture file, a hex dump: offsets in events and errors
// count from there).
struct datagram {
    direction dir = direction::c2s;
    bytes_view bytes{};
    std::size_t offset = 0;
};

enum class event_kind : std::uint8_t {
    handshake,           // a handshake message, complete: `msg` (each message is reported once)
    fragment,            // a handshake fragment held until its message completes
    retransmission,      // a handshake fragment (or ChangeCipherSpec) that brought nothing new:
                         // its message was reported or is held already (RFC 6347 §4.2.4)
    duplicate_record,    // a record whose epoch and sequence number were seen (RFC 6347 §4.1.2.6)
    change_cipher_spec,  // DTLS 1.0/1.2: the sender's next epoch begins
    alert,
    ack,                 // DTLS 1.3 (RFC 9147 §7): `ack_value`
    application_data,    // a decrypted application_data record: `plaintext`
    encrypted,           // a protected record not opened (no keys, or `decrypt_error`)
};

[[nodiscard]] constexpr std::string_view to_string(event_kind k) noexcept {
    switch (k) {
        case event_kind::handshake: return "handshake";
        case event_kind::fragment: return "fragment";
        case event_kind::retransmission: return "retransmission";
        case event_kind::duplicate_record: return "duplicate_record";
        case event_kind::change_cipher_spec: return "change_cipher_spec";
        case event_kind::alert: return "alert";
        case event_kind::ack: return "ack";
        case event_kind::application_data: return "application_data";
        case event_kind::encrypted: return "encrypted";
    }
    return "unknown";
}

// record_header — the record an event came from.
//  - DTLSPlaintext / DTLSCiphertext of DTLS 1.0/1.2 (and DTLS 1.3's
//    plaintext records), RFC 6347 §4.1: type, version, epoch,
//    sequence_number (uint48) as on the wire;
//  - DTLS 1.3 DTLSCiphertext with the unified header (RFC 9147 §4,
//    `unified`): unified_hdr (001CSLEE), connection_id, the sequence number
//    bits as on the wire (encrypted_sequence_number, 8 or 16 bits); epoch
//    reconstructed from the E bits (§4.2.2), and, once decrypted, `type` (the
//    inner content type) and the full 64-bit sequence_number
//    (sequence_number_known).
struct record_header {
    std::size_t offset = 0;  // its first byte, absolute
    std::size_t size = 0;    // header and payload
    bool unified = false;
    content_type type{};
    protocol_version version{};
    std::uint64_t epoch = 0;
    std::uint64_t sequence_number = 0;
    bool sequence_number_known = true;
    std::uint8_t unified_hdr = 0;
    bytes_view connection_id{};
    std::uint16_t encrypted_sequence_number = 0;
    bytes_view payload{};  // fragment / encrypted_record, as on the wire
};

// finished_check — with keys: whether a Finished's verify_data is the one the
// transcript and the secrets give (RFC 6347 §4.2.6 / RFC 5246 §7.4.9, RFC
// 9147 §5.2 / RFC 8446 §4.4.4).
enum class finished_check : std::uint8_t { not_checked, verified, mismatch };

// event — views point into the caller's datagrams, or into the decoder's
// buffers (a decrypted record's plaintext, a message reassembled from several
// fragments): valid during the callback.
struct event {
    event_kind kind = event_kind::handshake;
    direction dir = direction::c2s;
    std::size_t datagram_offset = 0;  // the datagram's first byte (stream mode: the record's)
    record_header rec{};

    // A protected record that was opened: its keys and plaintext (positions
    // kept: plaintext[i] was carried by the record byte at plaintext_offset + i).
    key_phase keys = key_phase::none;
    bytes_view plaintext{};
    std::size_t plaintext_offset = 0;
    error decrypt_error{};  // encrypted: why the keys the decoder had did not open it

    // fragment, retransmission, handshake: the fragment read (for handshake,
    // the one that completed the message), its header's absolute offset.
    handshake fragment{};
    std::size_t fragment_at = 0;

    // handshake: the message, parsed in `ctx` (dtls::message: a DTLS
    // ClientHello, a HelloVerifyRequest, or the TLS form of any other);
    // `origin` maps each body byte to its absolute offset (body byte 0 =
    // position 0).
    handshake_type msg_type{};
    std::uint16_t message_seq = 0;
    bytes_view body{};
    message_origin origin{};
    message msg{};
    context ctx{};
    finished_check finished = finished_check::not_checked;

    alert alert_value{};
    ack ack_value{};

    [[nodiscard]] constexpr bool decrypted() const noexcept { return keys != key_phase::none; }

    // set_message — a handshake event for a reassembled message, parsed in `c`.
    constexpr void set_message(const reassembled_message& m, const message& parsed, const context& c) {
        kind = event_kind::handshake;
        msg_type = m.msg_type;
        message_seq = m.message_seq;
        body = m.body;
        origin = m.origin;
        msg = parsed;
        ctx = c;
    }
};

}  // namespace tlswire::dtls
