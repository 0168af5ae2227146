// tests/support/length_mutations.hpp — the "every length field ±1" property
// shared by the generic property tests (messages, extensions, DTLS): each
// length prefix a writer recorded (writer::record_prefixes), moved one below
// and one above its value where its width can hold it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/writer.hpp"

namespace test_support {

// for_each_length_mutation(bytes, lengths, f) — f(const std::vector<std::uint8_t>&)
// once per variant of `bytes` with one recorded length field ±1.
template <class F>
void for_each_length_mutation(const std::vector<std::uint8_t>& bytes, std::span<const tlswire::prefix_span> lengths,
                              F&& f) {
    for (const tlswire::prefix_span& p : lengths) {
        std::size_t value = 0;
        for (std::size_t i = 0; i < p.width; ++i) value = (value << 8) | bytes[p.offset + i];
        for (const int delta : {-1, +1}) {
            if (delta < 0 && value == 0) continue;
            const std::size_t v = value + static_cast<std::size_t>(delta);
            if (v > tlswire::max_for_prefix(p.width)) continue;
            auto mutated = bytes;
            for (std::size_t i = 0; i < p.width; ++i)
                mutated[p.offset + i] = static_cast<std::uint8_t>(v >> (8 * (p.width - 1 - i)));
            f(static_cast<const std::vector<std::uint8_t>&>(mutated));
        }
    }
}

}  // namespace test_support
