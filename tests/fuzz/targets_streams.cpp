// The stream-, connection- and file-level fuzz targets (targets.hpp),
// compiled once for every fuzz_<target> executable.
#include "targets.hpp"

#include "harness.hpp"

namespace fuzz::targets {
int connection(const std::uint8_t* data, std::size_t size) { return fuzz::connection(data, size); }
int decrypt(const std::uint8_t* data, std::size_t size) { return fuzz::decrypt(data, size); }
int stream(const std::uint8_t* data, std::size_t size) { return fuzz::stream(data, size); }
int reassembly(const std::uint8_t* data, std::size_t size) { return fuzz::reassembly(data, size); }
int keylog(const std::uint8_t* data, std::size_t size) { return fuzz::keylog(data, size); }
int capture(const std::uint8_t* data, std::size_t size) { return fuzz::capture(data, size); }
}  // namespace fuzz::targets
