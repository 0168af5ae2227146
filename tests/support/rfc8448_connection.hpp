// tests/support/rfc8448_connection.hpp — an RFC 8448 trace (vectors/rfc8448)
// as a connection to decode: each direction's records back to back, and a
// key log (RFC 9850 lines) made from the trace's key schedule.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "hex.hpp"
#include "vectors.hpp"

namespace test_support {

struct rfc8448_connection {
    nlohmann::json json;
    std::vector<std::uint8_t> c2s, s2c;
    std::string keylog;
};

inline rfc8448_connection load_rfc8448_connection(const char* name) {
    rfc8448_connection t;
    t.json = load_json(vectors_dir() / "rfc8448" / name);
    for (const auto& r : t.json.at("records")) {
        const auto b = unhex(r.at("hex").get<std::string>());
        auto& side = r.at("dir") == "c2s" ? t.c2s : t.s2c;
        side.insert(side.end(), b.begin(), b.end());
    }
    // The client random is in the first record: header (5), handshake
    // header (4), legacy_version (2).
    const std::string random = hex(std::vector<std::uint8_t>(t.c2s.begin() + 11, t.c2s.begin() + 43));
    const auto& ks = t.json.at("key_schedule");
    const std::pair<const char*, const char*> labels[] = {
        {"CLIENT_EARLY_TRAFFIC_SECRET", "client_early_traffic_secret"},
        {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"},
        {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"},
        {"CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0"},
        {"SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0"}};
    for (const auto& [label, key] : labels)
        if (ks.contains(key)) t.keylog += std::string(label) + " " + random + " " + ks.at(key).get<std::string>() + "\n";
    return t;
}

}  // namespace test_support
