// libFuzzer target: the "decrypt" property of tests/fuzz/harness.hpp.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { return fuzz::decrypt(data, size); }
