// tlswire/dtls/ack.hpp — the DTLS 1.3 ACK message (RFC 9147 §7), the
// content of a record of type ack(26).
//
// RFC 9147 §4:
//   struct {
//       uint64 epoch;
//       uint64 sequence_number;
//   } RecordNumber;
// RFC 9147 §7:
//   struct {
//       RecordNumber record_numbers<0..2^16-1>;
//   } ACK;
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "tlswire/codec/codec.hpp"

namespace tlswire::dtls {

struct record_number {
    static constexpr std::string_view wire_name = "RecordNumber";
    std::uint64_t epoch = 0;
    std::uint64_t sequence_number = 0;

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("epoch", self.epoch, uint_<8>{});
        io("sequence_number", self.sequence_number, uint_<8>{});
    }
    friend constexpr bool operator==(const record_number&, const record_number&) = default;
    friend constexpr bool operator<(const record_number& a, const record_number& b) noexcept {
        return a.epoch != b.epoch ? a.epoch < b.epoch : a.sequence_number < b.sequence_number;
    }
};

inline constexpr std::size_t record_number_size = 16;

// ack — strict parsing enforces §7's "in numerically increasing order"
// (each RecordNumber above the one before, as the 128-bit number epoch ||
// sequence_number): errc::illegal_value at the first one out of order. A
// body that is not a whole number of RecordNumbers is errc::truncated at the
// partial one.
struct ack {
    static constexpr std::string_view wire_name = "ACK";
    list_of<record_number> record_numbers{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("record_numbers", self.record_numbers, vec<2, 0, 0xffff>{});
        if constexpr (std::remove_cvref_t<decltype(io)>::parsing) {
            if (!io.ok() || !io.strict()) return;
            std::size_t i = 0;
            record_number previous{};
            for (const record_number& rn : self.record_numbers) {
                if (i != 0 && !(previous < rn)) {
                    io.check(false, errc::illegal_value, "record_numbers", at + 2 + record_number_size * i);
                    return;
                }
                previous = rn;
                ++i;
            }
        }
    }
};

}  // namespace tlswire::dtls
