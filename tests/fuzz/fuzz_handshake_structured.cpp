// libFuzzer target: the "handshake" property of tests/fuzz/harness.hpp
// (through targets.hpp),
// with tlswire's structure-aware mutator (tlswire/testing/mutator.hpp) as
// libFuzzer's custom mutator and crossover. fuzz_handshake is the same
// property with libFuzzer's byte mutations only: the two measure the
// mutator's coverage gain (tests/fuzz/README.md).
#include "targets.hpp"
#include "tlswire/testing/count_allocations.hpp"
#include "tlswire/testing/mutator.hpp"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { return fuzz::targets::handshake(data, size); }

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
    return tlswire::testing::mutate_handshake(data, size, max_size, seed, LLVMFuzzerMutate);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(const std::uint8_t* a, std::size_t a_size, const std::uint8_t* b,
                                                 std::size_t b_size, std::uint8_t* out, std::size_t max_out,
                                                 unsigned int seed) {
    return tlswire::testing::crossover_handshake(a, a_size, b, b_size, out, max_out, seed);
}
