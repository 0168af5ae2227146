// tlswire/dtls/unified_header.hpp — the DTLS 1.3 DTLSCiphertext and its
// unified header, and telling DTLS 1.3 records apart (RFC 9147 §4, §4.1).
//
// RFC 9147 §4:
//   struct {
//       opaque unified_hdr[variable];
//       opaque encrypted_record[length];
//   } DTLSCiphertext;
//
//       0 1 2 3 4 5 6 7
//       +-+-+-+-+-+-+-+-+
//       |0|0|1|C|S|L|E E|
//       +-+-+-+-+-+-+-+-+
//       | Connection ID |   (if any, length as negotiated)
//       +-+-+-+-+-+-+-+-+
//       |  8 or 16 bit  |
//       |Sequence Number|
//       +-+-+-+-+-+-+-+-+
//       | 16 bit Length |   (if present)
//       +-+-+-+-+-+-+-+-+
// The sequence number is kept as it is on the wire: encrypted (§4.2.3,
// dtls/record_number_encryption.hpp undoes the mask).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "tlswire/codec/codec.hpp"
#include "tlswire/dtls/record.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/registry/content_type.hpp"

namespace tlswire::dtls {

// The unified header's first byte (§4): fixed bits 001, then C, S, L, E E.
inline constexpr std::uint8_t unified_fixed_mask = 0xe0;
inline constexpr std::uint8_t unified_fixed_bits = 0x20;
inline constexpr std::uint8_t unified_c_bit = 0x10;  // Connection ID present
inline constexpr std::uint8_t unified_s_bit = 0x08;  // 16-bit sequence number (else 8-bit)
inline constexpr std::uint8_t unified_l_bit = 0x04;  // 16-bit length present (else: the rest of the datagram)
inline constexpr std::uint8_t unified_epoch_bits = 0x03;

// RFC 9147 §4.2.3: "This procedure requires the ciphertext length to be at
// least 16 bytes. Receivers MUST reject shorter records".
inline constexpr std::size_t min_encrypted_record_length = 16;

// ciphertext13 — a DTLS 1.3 DTLSCiphertext. `connection_id_length` is not on
// the wire: it is the negotiated CID length (RFC 9146, RFC 9147 §9) that a
// parse must be told (parse_ciphertext13); a writer writes `connection_id`
// as it is. Every parse refuses a first byte whose top bits are not 001
// (§4.1: not a DTLS 1.3 ciphertext), errc::illegal_value at its offset.
// Strict parsing also enforces: the C bit set exactly when a CID was
// negotiated (§4: "If a Connection ID is negotiated, then it MUST be
// contained in all datagrams"); encrypted_record at most 2^14 + 256 bytes
// ("Length: Identical to the length field in a TLS 1.3 record", RFC 8446
// §5.2) and at least 16 (§4.2.3).
struct ciphertext13 {
    static constexpr std::string_view wire_name = "DTLSCiphertext";

    std::uint8_t unified_hdr = unified_fixed_bits | unified_l_bit;  // the first byte: 001CSLEE
    bytes_view connection_id{};
    std::uint16_t sequence_number = 0;  // the low 8 or 16 bits, as on the wire (encrypted)
    bytes_view encrypted_record{};
    std::size_t connection_id_length = 0;  // not on the wire: the negotiated CID length

    [[nodiscard]] constexpr bool has_connection_id() const noexcept { return (unified_hdr & unified_c_bit) != 0; }
    [[nodiscard]] constexpr bool sixteen_bit_sequence() const noexcept { return (unified_hdr & unified_s_bit) != 0; }
    [[nodiscard]] constexpr bool has_length() const noexcept { return (unified_hdr & unified_l_bit) != 0; }
    // epoch_bits — the low two bits of the epoch (E E).
    [[nodiscard]] constexpr std::uint8_t epoch_bits() const noexcept { return unified_hdr & unified_epoch_bits; }
    // header_size — the bytes of the unified header (the AEAD's additional
    // data is these bytes, before record number encryption: §4).
    [[nodiscard]] constexpr std::size_t header_size() const noexcept {
        return 1 + (has_connection_id() ? connection_id.size() : 0) + (sixteen_bit_sequence() ? 2 : 1) +
               (has_length() ? 2 : 0);
    }

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        constexpr bool parsing = std::remove_cvref_t<decltype(io)>::parsing;
        const auto at = io.mark();
        io("unified_hdr", self.unified_hdr);
        io.check((self.unified_hdr & unified_fixed_mask) == unified_fixed_bits, errc::illegal_value, "unified_hdr", at);
        if (io.strict())
            io.check(self.has_connection_id() == (self.connection_id_length != 0), errc::illegal_value, "C", at);
        if (self.has_connection_id()) {
            const std::size_t n = parsing ? self.connection_id_length : self.connection_id.size();
            io("connection_id", self.connection_id, exactly{n});
        }
        if (self.sixteen_bit_sequence()) io("sequence_number", self.sequence_number, uint_<2>{});
        else io("sequence_number", self.sequence_number, uint_<1>{});
        const auto length_at = io.mark();
        if (self.has_length()) io("encrypted_record", self.encrypted_record, opaque<2, 0, 0xffff>{});
        else io("encrypted_record", self.encrypted_record, rest{});
        if (io.strict()) {
            io.check(self.encrypted_record.size() <= max_ciphertext_length_tls13, errc::length_out_of_range, "length",
                     length_at);
            io.check(self.encrypted_record.size() >= min_encrypted_record_length, errc::length_out_of_range,
                     "length", length_at);
        }
    }
};

namespace detail {
template <class D = void>
constexpr void read_ciphertext13(reader& r, ciphertext13& out, std::size_t connection_id_length, const context& ctx) {
    out.connection_id_length = connection_id_length;
    described_format::read(r, out, ciphertext13::wire_name, ctx);
}
}  // namespace detail

// parse_ciphertext13(in, connection_id_length, ctx) — `in` is one
// DTLSCiphertext (its unified header says whether it runs to the end).
[[nodiscard]] constexpr result<ciphertext13> parse_ciphertext13(bytes_view in, std::size_t connection_id_length = 0,
                                                                const context& ctx = {}) {
    return result<ciphertext13>(std::in_place, [&](ciphertext13& v, error& sink) {
        reader r(in, sink);
        detail::read_ciphertext13(r, v, connection_id_length, ctx);
        r.expect_end(ciphertext13::wire_name);
    });
}

// record_kind — what a DTLS 1.3 receiver makes of a record's first byte
// (§4.1, Figure 5).
enum class record_kind : std::uint8_t {
    plaintext,   // alert(21), handshake(22), ack(26): DTLSPlaintext
    ciphertext,  // 001xxxxx (32..63): DTLSCiphertext with a unified header
    reject,      // anything else ("MUST be rejected as if it had failed deprotection")
};

[[nodiscard]] constexpr record_kind classify13(std::uint8_t first_byte) noexcept {
    if (first_byte == static_cast<std::uint8_t>(content_type::alert) ||
        first_byte == static_cast<std::uint8_t>(content_type::handshake) ||
        first_byte == static_cast<std::uint8_t>(content_type::ack))
        return record_kind::plaintext;
    if ((first_byte & unified_fixed_mask) == unified_fixed_bits) return record_kind::ciphertext;
    return record_kind::reject;
}

// for_each_record13(datagram, base, connection_id_length, ctx, on_plaintext,
// on_ciphertext) — every record of a DTLS 1.3 datagram, demultiplexed by
// classify13: on_plaintext(const plaintext&, offset) or
// on_ciphertext(const ciphertext13&, offset), offsets absolute (the datagram
// starts at `base`). A record to reject stops the walk with
// errc::illegal_value at its first byte, naming "type".
template <class P, class C>
constexpr result<void> for_each_record13(bytes_view datagram, std::size_t base, std::size_t connection_id_length,
                                         const context& ctx, P&& on_plaintext, C&& on_ciphertext) {
    error sink;
    reader r(datagram, sink, base);
    while (!r.empty() && r.ok()) {
        const std::size_t at = r.offset();
        switch (classify13(r.rest()[0])) {
            case record_kind::plaintext: {
                plaintext rec{};
                described_format::read(r, rec, plaintext::wire_name, ctx);
                if (r.ok()) on_plaintext(static_cast<const plaintext&>(rec), at);
                break;
            }
            case record_kind::ciphertext: {
                ciphertext13 rec{};
                detail::read_ciphertext13(r, rec, connection_id_length, ctx);
                if (r.ok()) on_ciphertext(static_cast<const ciphertext13&>(rec), at);
                break;
            }
            case record_kind::reject: r.fail(errc::illegal_value, "type"); break;
        }
    }
    if (sink) return sink;
    return {};
}

}  // namespace tlswire::dtls
