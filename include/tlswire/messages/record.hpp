// tlswire/messages/record.hpp — the record layer's plaintext structures:
// TLSPlaintext/TLSCiphertext headers, ChangeCipherSpec and Alert.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/alert.hpp"
#include "tlswire/registry/content_type.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire {

// Record size limits. RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14;
// §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256. RFC 5246 §6.2.3:
// TLSCiphertext.length MUST NOT exceed 2^14 + 2048.
inline constexpr std::size_t max_plaintext_length = 1u << 14;
inline constexpr std::size_t max_ciphertext_length_tls13 = (1u << 14) + 256;
inline constexpr std::size_t max_ciphertext_length_tls12 = (1u << 14) + 2048;

// record_protection — whether a record is known to be protected (encrypted),
// which raises the length limit. The connection decoder knows; a bare parse
// assumes plaintext unless told.
enum class record_protection : std::uint8_t { plaintext, protected_tls13, protected_tls12 };

[[nodiscard]] constexpr std::size_t max_record_length(record_protection p) noexcept {
    switch (p) {
        case record_protection::plaintext: return max_plaintext_length;
        case record_protection::protected_tls13: return max_ciphertext_length_tls13;
        case record_protection::protected_tls12: return max_ciphertext_length_tls12;
    }
    return max_plaintext_length;
}

// RFC 8446 §5.1, RFC 5246 §6.2.1:
//   struct {
//       ContentType type;
//       ProtocolVersion legacy_record_version;
//       uint16 length;
//       opaque fragment[TLSPlaintext.length];
//   } TLSPlaintext;
// Strict parsing enforces the length limit for the record's protection and
// that a plaintext handshake, alert or change_cipher_spec record is not empty
// (RFC 8446 §5.1: "Implementations MUST NOT send zero-length fragments of
// Handshake types"; RFC 5246 §6.2.1 likewise for non-application data).
template <record_protection P = record_protection::plaintext>
struct basic_record {
    static constexpr std::string_view wire_name = "TLSPlaintext";
    content_type type{};
    protocol_version legacy_record_version{};
    bytes_view fragment{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("type", self.type);
        const auto version_at = io.mark();
        io("legacy_record_version", self.legacy_record_version);
        // RFC 5246 Appendix E.1: servers accept any {03,XX} record version;
        // anything else is not a TLS record (RFC 8446 §5.1 ignores the value,
        // but never saw another major version).
        if (io.strict())
            io.check((static_cast<std::uint16_t>(self.legacy_record_version) >> 8) == 0x03, errc::illegal_value,
                     "legacy_record_version", version_at);
        const auto at = io.mark();
        io("fragment", self.fragment, opaque<2, 0, 0xffff>{});
        if (io.strict()) {
            io.check(self.fragment.size() <= max_record_length(P), errc::length_out_of_range, "length", at);
            io.check(!self.fragment.empty() || self.type == content_type::application_data || P != record_protection::plaintext,
                     errc::length_out_of_range, "length", at);
        }
    }
};

using record = basic_record<record_protection::plaintext>;
using protected_record_tls13 = basic_record<record_protection::protected_tls13>;
using protected_record_tls12 = basic_record<record_protection::protected_tls12>;

// RFC 5246 §7.1: struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec;
// RFC 8446 §5: in TLS 1.3 the compatibility record is the single byte 0x01.
struct change_cipher_spec {
    static constexpr std::string_view wire_name = "change_cipher_spec";
    std::uint8_t type = 1;
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("type", self.type);
        io.check(self.type == 1, errc::illegal_value, "type", at);
    }
};

// RFC 8446 §6, RFC 5246 §7.2: struct { AlertLevel level; AlertDescription description; } Alert;
struct alert {
    static constexpr std::string_view wire_name = "alert";
    alert_level level{};
    alert_description description{};
    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("level", self.level);
        if (io.strict())
            io.check(self.level == alert_level::warning || self.level == alert_level::fatal, errc::illegal_value,
                     "level", at);
        io("description", self.description);
    }
};

}  // namespace tlswire
