// libFuzzer target: the "stream" property of tests/fuzz/harness.hpp.
#include "harness.hpp"
#include "tlswire/testing/count_allocations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { return fuzz::stream(data, size); }
