// tests/fuzz/targets.hpp — the libFuzzer targets' entry points, declared
// without the harness: harness.hpp's properties are compiled once, in
// targets_messages.cpp, targets_streams.cpp and targets_dtls.cpp, and every fuzz_<target>
// executable links them. Each executable's own source (entry.cpp, compiled
// once per target with TLSWIRE_FUZZ_ENTRY naming the function below, or
// fuzz_handshake_structured.cpp) is then only a few lines: seventeen targets
// cost three heavy translation units, not seventeen.
#pragma once
#include <cstddef>
#include <cstdint>

namespace fuzz::targets {
// One handshake message or extension-level structure.
int handshake(const std::uint8_t* data, std::size_t size);
int extension(const std::uint8_t* data, std::size_t size);
int ech_config(const std::uint8_t* data, std::size_t size);
int quic(const std::uint8_t* data, std::size_t size);
int fingerprint(const std::uint8_t* data, std::size_t size);
int schedule(const std::uint8_t* data, std::size_t size);
int sslv2(const std::uint8_t* data, std::size_t size);
// Streams, connections and files.
int connection(const std::uint8_t* data, std::size_t size);
int decrypt(const std::uint8_t* data, std::size_t size);
int stream(const std::uint8_t* data, std::size_t size);
int reassembly(const std::uint8_t* data, std::size_t size);
int keylog(const std::uint8_t* data, std::size_t size);
int capture(const std::uint8_t* data, std::size_t size);
// DTLS (harness_dtls.hpp).
int dtls(const std::uint8_t* data, std::size_t size);
int dtls_reassembly(const std::uint8_t* data, std::size_t size);
int dtls_connection(const std::uint8_t* data, std::size_t size);
}  // namespace fuzz::targets
