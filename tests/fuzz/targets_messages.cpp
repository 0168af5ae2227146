// The message-level fuzz targets (targets.hpp), compiled once for every
// fuzz_<target> executable.
#include "targets.hpp"

#include "harness.hpp"

namespace fuzz::targets {
int handshake(const std::uint8_t* data, std::size_t size) { return fuzz::handshake(data, size); }
int extension(const std::uint8_t* data, std::size_t size) { return fuzz::extension(data, size); }
int ech_config(const std::uint8_t* data, std::size_t size) { return fuzz::ech_config(data, size); }
int quic(const std::uint8_t* data, std::size_t size) { return fuzz::quic(data, size); }
int fingerprint(const std::uint8_t* data, std::size_t size) { return fuzz::fingerprint(data, size); }
int schedule(const std::uint8_t* data, std::size_t size) { return fuzz::schedule(data, size); }
int sslv2(const std::uint8_t* data, std::size_t size) { return fuzz::sslv2(data, size); }
}  // namespace fuzz::targets
