// tests/support/records.hpp — hand-made records and handshake messages, in hex.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

#include "../support/vectors.hpp"

namespace test_support {

// be — `v` as `bytes` big-endian bytes, in hex.
inline std::string be(std::size_t v, int bytes) {
    std::string out;
    for (int i = bytes - 1; i >= 0; --i) {
        char b[3];
        std::snprintf(b, sizeof b, "%02x", static_cast<unsigned>((v >> (8 * i)) & 0xff));
        out += b;
    }
    return out;
}

// record_hex — TLSPlaintext{type, 0x0303, fragment}.
inline std::string record_hex(int type, const std::string& fragment_hex) {
    return be(static_cast<std::size_t>(type), 1) + "0303" + be(fragment_hex.size() / 2, 2) + fragment_hex;
}

// handshake_hex — Handshake{msg_type, body}.
inline std::string handshake_hex(int msg_type, const std::string& body_hex) {
    return be(static_cast<std::size_t>(msg_type), 1) + be(body_hex.size() / 2, 3) + body_hex;
}

// records_hex — `data_hex` (handshake bytes) cut into handshake records of `n` bytes.
inline std::string records_hex(const std::string& data_hex, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < data_hex.size(); i += 2 * n) out += record_hex(22, data_hex.substr(i, 2 * n));
    return out;
}

// rfc8448_message — the hex of the i-th message named `name` in an RFC 8448 trace.
inline std::string rfc8448_message(const std::string& trace, const std::string& name, int nth = 0) {
    const auto j = load_json(vectors_dir() / "rfc8448" / (trace + ".json"));
    for (const auto& m : j.at("messages"))
        if (m.at("name") == name && nth-- == 0) return m.at("hex").get<std::string>();
    return {};
}

}  // namespace test_support
