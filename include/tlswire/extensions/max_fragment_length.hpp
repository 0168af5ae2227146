// tlswire/extensions/max_fragment_length.hpp — max_fragment_length (1), RFC 6066 §4,
// and record_size_limit (28), RFC 8449 §4.
#pragma once

#include <cstdint>
#include <string_view>

#include "tlswire/extensions/common.hpp"
#include "tlswire/registry/max_fragment_length.hpp"

namespace tlswire {

// RFC 6066 §4:
//   enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength;
// The extension_data is one MaxFragmentLength, in the ClientHello and in the
// server's echo alike. "If a server receives a maximum fragment length
// negotiation request for a value other than the allowed values, it MUST abort
// the handshake with an "illegal_parameter" alert" (and likewise the client).
struct max_fragment_length_extension {
    static constexpr std::string_view wire_name = "max_fragment_length";
    static constexpr extension_type type = extension_type::max_fragment_length;
    ::tlswire::max_fragment_length max_fragment_length{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("max_fragment_length", self.max_fragment_length);
        if (io.strict())
            io.check(is_registered(self.max_fragment_length), errc::illegal_value, "max_fragment_length", at);
    }
};

// RFC 8449 §4: uint16 RecordSizeLimit;
// "Endpoints MUST NOT send a "record_size_limit" extension with a value
// smaller than 64. An endpoint MUST treat receipt of a smaller value as a fatal
// error and generate an "illegal_parameter" alert." Same body in ClientHello,
// ServerHello (TLS 1.2) and EncryptedExtensions (TLS 1.3).
struct record_size_limit_extension {
    static constexpr std::string_view wire_name = "record_size_limit";
    static constexpr extension_type type = extension_type::record_size_limit;
    std::uint16_t record_size_limit = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("record_size_limit", self.record_size_limit);
        if (io.strict()) io.check(self.record_size_limit >= 64, errc::illegal_value, "record_size_limit", at);
    }
};

}  // namespace tlswire
