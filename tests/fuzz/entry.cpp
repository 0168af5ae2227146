// libFuzzer entry point of fuzz_<target>: compiled once per target with
// TLSWIRE_FUZZ_ENTRY=<target> (tests/fuzz/CMakeLists.txt), it calls that
// property of harness.hpp through targets.hpp, and counts allocations for
// the "allocation" property (count_allocations.hpp, once per program).
#include "targets.hpp"
#include "tlswire/testing/count_allocations.hpp"

#ifndef TLSWIRE_FUZZ_ENTRY
#error "compile with -DTLSWIRE_FUZZ_ENTRY=<target>, a function of tests/fuzz/targets.hpp"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz::targets::TLSWIRE_FUZZ_ENTRY(data, size);
}
