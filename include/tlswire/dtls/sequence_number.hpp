// tlswire/dtls/sequence_number.hpp — the full epoch and sequence number of a
// DTLS 1.3 record from the low bits its unified header carries (RFC 9147
// §4.2.2), and the 64-bit seq_num DTLS 1.0/1.2 protect records with (RFC 6347
// §4.1.2.1).
#pragma once

#include <cstdint>
#include <optional>

namespace tlswire::dtls {

// reconstruct_sequence_number(expected, bits, width) — RFC 9147 §4.2.2:
// "the full sequence number which is numerically closest to one plus the
// sequence number of the highest successfully deprotected record in the
// current epoch": the 64-bit value nearest `expected` whose low `width` bits
// (8 or 16) are `bits`. A tie, or a candidate below 0 or above 2^64 - 1,
// goes to the one that exists.
[[nodiscard]] constexpr std::uint64_t reconstruct_sequence_number(std::uint64_t expected, std::uint64_t bits,
                                                                  unsigned width) noexcept {
    const std::uint64_t span = std::uint64_t{1} << width, mask = span - 1, half = span / 2;
    std::uint64_t candidate = (expected & ~mask) | (bits & mask);
    if (candidate < expected && expected - candidate > half && candidate <= ~std::uint64_t{0} - span)
        candidate += span;
    else if (candidate > expected && candidate - expected > half && candidate >= span)
        candidate -= span;
    return candidate;
}

// reconstruct_epoch(bits, highest) — RFC 9147 §4.2.2: "During the handshake
// phase, the epoch bits unambiguously indicate the correct key to use. After
// the handshake is complete, if the epoch bits do not match those from the
// current epoch, implementations SHOULD use the most recent past epoch which
// has matching bits": the largest epoch up to `highest` (the newest the
// sender may be using) whose low two bits are `bits`; none when there is
// none (bits naming an epoch the sender cannot have reached).
[[nodiscard]] constexpr std::optional<std::uint64_t> reconstruct_epoch(std::uint8_t bits,
                                                                       std::uint64_t highest) noexcept {
    const std::uint64_t b = bits & 3u;
    if ((highest & 3u) >= b) return (highest & ~std::uint64_t{3}) | b;
    if (highest < 4) return std::nullopt;
    return ((highest & ~std::uint64_t{3}) - 4) | b;
}

// record_sequence_number(epoch, sequence_number) — RFC 6347 §4.1.2.1: the
// DTLS MAC's sequence number "is the 64-bit value formed by concatenating the
// epoch and the sequence number in the order they appear on the wire"; AEAD
// suites are used "exactly as with TLS 1.2" (§4.1.2.4) with the same value
// as seq_num (the additional data, RFC 7905's nonce): what OpenSSL sends and
// what opening its records takes.
[[nodiscard]] constexpr std::uint64_t record_sequence_number(std::uint16_t epoch,
                                                             std::uint64_t sequence_number) noexcept {
    return std::uint64_t{epoch} << 48 | (sequence_number & ((std::uint64_t{1} << 48) - 1));
}

}  // namespace tlswire::dtls
