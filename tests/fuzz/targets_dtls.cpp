// The DTLS fuzz targets (targets.hpp; harness_dtls.hpp), compiled once for
// every fuzz_<target> executable.
#include "targets.hpp"

#include "harness_dtls.hpp"

namespace fuzz::targets {
int dtls(const std::uint8_t* data, std::size_t size) { return fuzz::dtls(data, size); }
int dtls_reassembly(const std::uint8_t* data, std::size_t size) { return fuzz::dtls_reassembly(data, size); }
int dtls_connection(const std::uint8_t* data, std::size_t size) { return fuzz::dtls_connection(data, size); }
}  // namespace fuzz::targets
