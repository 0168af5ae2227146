// tests/support/typed_extension.hpp — one extension body through its typed
// description, compiled once (typed_extension.cpp) for every test that walks
// real extensions. Each caller used to instantiate parse and serialize for
// every typed extension itself; at -O3 that matrix cost minutes per file.
#pragma once

#include <cstdint>
#include <vector>

#include "tlswire/tlswire.hpp"

namespace test_support {

// What the typed description of (type, kind) made of one body.
struct typed_body {
    bool described = false;                     // (type, kind) has a typed description
    tlswire::error error{};                     // the parse's (offsets from the body's first byte)
    bool written = false;                       // the parsed value serialized without error
    std::vector<std::uint8_t> reserialized;     // ... to these bytes
    std::vector<tlswire::prefix_span> lengths;  // the length fields that serialization wrote
};

// decode_typed(type, kind, body, ctx) — parse `body` with the description
// describe_extension picks, and write the value back. Not described: only
// `described` is false.
typed_body decode_typed(tlswire::extension_type type, tlswire::message_kind kind, tlswire::bytes_view body,
                        const tlswire::context& ctx);

}  // namespace test_support
