// tests/support/corpus.hpp — every real handshake message the vectors hold,
// with the context to parse it: RFC 8448 traces and the openssl/gnutls
// captures (decoded with the connection decoder, which supplies the context).
#pragma once

#include <string>
#include <vector>

#include "hex.hpp"
#include "tlswire/tlswire.hpp"
#include "vectors.hpp"

namespace test_support {

struct corpus_message {
    std::string origin;  // file and message name, for failure messages
    std::vector<std::uint8_t> bytes;
    tlswire::context ctx;
};

inline std::vector<corpus_message> load_message_corpus() {
    using namespace tlswire;
    std::vector<corpus_message> out;
    for (const auto& file : vector_files("rfc8448")) {
        const auto trace = load_json(file);
        context ctx;
        ctx.version = 0x0304;
        cipher_suite cs{};
        if (!from_string(trace.at("cipher_suite").get<std::string>(), cs)) continue;
        ctx.cipher_suite = static_cast<std::uint16_t>(cs);
        for (const auto& m : trace.at("messages")) {
            context c = ctx;
            c.sender = m.at("dir") == "c2s" ? role::client : role::server;
            out.push_back({file.filename().string() + ":" + m.at("name").get<std::string>(),
                           unhex(m.at("hex").get<std::string>()), c});
        }
    }
    for (const auto& file : vector_files("captures")) {
        const auto capture = load_json(file);
        for (const auto& conn : capture.at("connections")) {
            const auto c2s = unhex(conn.at("c2s").get<std::string>());
            const auto s2c = unhex(conn.at("s2c").get<std::string>());
            connection_decoder dec;
            (void)dec.decode(c2s, s2c, [&](const connection_event& ev) {
                if (ev.kind != event_kind::handshake) return;
                out.push_back({file.filename().string() + ":" + std::string(name_of(ev.handshake)),
                               std::vector<std::uint8_t>(ev.message.begin(), ev.message.end()), ev.ctx});
            });
        }
    }
    return out;
}

}  // namespace test_support
