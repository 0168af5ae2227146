// tlswire/dtls/record.hpp — the DTLS 1.0/1.2 record header (DTLSPlaintext,
// DTLSCiphertext) and the records of one datagram.
//
// RFC 6347 §4.1 (DTLS 1.2), RFC 4347 §4.1 (DTLS 1.0), RFC 9147 §4 (the
// DTLSPlaintext of DTLS 1.3, same layout):
//   struct {
//        ContentType type;
//        ProtocolVersion version;
//        uint16 epoch;                                    // New field
//        uint48 sequence_number;                          // New field
//        uint16 length;
//        opaque fragment[DTLSPlaintext.length];
//   } DTLSPlaintext;
// DTLSCiphertext (RFC 6347 §4.1 defers to RFC 5246 §6.2.3) has the same
// header; only the length limit differs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/dtls/back_to_back.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/registry/content_type.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire::dtls {

// The DTLS record header: type(1) version(2) epoch(2) sequence_number(6) length(2).
inline constexpr std::size_t record_header_size = 13;

// The largest 48-bit sequence number (RFC 6347 §4.1: uint48 sequence_number).
inline constexpr std::uint64_t max_sequence_number = (std::uint64_t{1} << 48) - 1;

// The pre-RFC DTLS version OpenSSL sent before RFC 4347 was final
// (OpenSSL's DTLS1_BAD_VER, still deployed in old Cisco AnyConnect
// gateways). Not a registered version: accepted by lenient parses only.
inline constexpr protocol_version openssl_pre_rfc_version = static_cast<protocol_version>(0x0100);

// record_version_ok(v, ctx) — whether `v` may stand in a DTLS record header:
// strict: DTLS 1.0 {254,255} (RFC 4347 §4.1) or DTLS 1.2 {254,253} (RFC 6347
// §4.1; RFC 9147 §4: DTLS 1.3 records carry {254,253}, the first ClientHello
// may carry {254,255}). lenient: any DTLS version (major 0xFE), and the
// pre-RFC OpenSSL 0x0100.
[[nodiscard]] constexpr bool record_version_ok(protocol_version v, bool strict) noexcept {
    if (v == protocol_version::dtls10 || v == protocol_version::dtls12) return true;
    return !strict && (is_dtls(v) || v == openssl_pre_rfc_version);
}

// basic_record<P> — DTLSPlaintext (P = plaintext) or DTLSCiphertext (P =
// protected_tls12). Strict parsing enforces the record version
// (record_version_ok), the length limit (RFC 6347 §4.1: "the length should
// not exceed 2^14"; a DTLSCiphertext's 2^14 + 2048, RFC 5246 §6.2.3) and that
// a plaintext handshake, alert or change_cipher_spec record is not empty
// (RFC 5246 §6.2.1, which DTLS inherits: "Implementations MUST NOT send
// zero-length fragments of Handshake, Alert, or ChangeCipherSpec content
// types"). Every error names the field and its absolute offset.
template <record_protection P = record_protection::plaintext>
struct basic_record {
    static_assert(P != record_protection::protected_tls13, "DTLS 1.3 protects records with the unified header");
    static constexpr std::string_view wire_name = P == record_protection::plaintext ? "DTLSPlaintext" : "DTLSCiphertext";
    static constexpr std::size_t max_length = max_record_length(P);

    content_type type{};
    protocol_version version{};
    std::uint16_t epoch = 0;
    std::uint64_t sequence_number = 0;  // uint48
    bytes_view fragment{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("type", self.type);
        const auto version_at = io.mark();
        io("version", self.version);
        io.check(record_version_ok(self.version, io.strict()), errc::illegal_value, "version", version_at);
        io("epoch", self.epoch);
        io("sequence_number", self.sequence_number, uint_<6>{});
        const auto length_at = io.mark();
        io("fragment", self.fragment, opaque<2, 0, 0xffff>{});
        if (io.strict()) {
            io.check(self.fragment.size() <= max_length, errc::length_out_of_range, "length", length_at);
            io.check(!self.fragment.empty() || P != record_protection::plaintext ||
                         self.type == content_type::application_data,
                     errc::length_out_of_range, "length", length_at);
        }
    }
};

using plaintext = basic_record<record_protection::plaintext>;
using ciphertext = basic_record<record_protection::protected_tls12>;

// for_each_record(datagram, base, ctx, f) — every DTLS 1.0/1.2 record of one
// datagram, in order: RFC 6347 §4.1.1 lets several records share a datagram
// and forbids a record to span two ("Each DTLS record MUST fit within a
// single datagram"). Calls f(const R& record, std::size_t record_offset) with
// the absolute offset of each record (the datagram starts at `base`). Stops at
// the first record that does not parse and returns its error (a truncated
// last record is errc::truncated at its end).
template <class R = plaintext, class F>
constexpr result<void> for_each_record(bytes_view datagram, std::size_t base, const context& ctx, F&& f) {
    return detail::for_each_back_to_back<R>(datagram, base, ctx, f);
}

}  // namespace tlswire::dtls
