// benchmarks/alloc_counter.cpp — the one translation unit of tlswire_bench
// that replaces the global operator new/delete (every form), so that each
// benchmark can report how many allocations an iteration made (support.hpp:
// measure(), counter allocs_per_iter). The replacement is the library's own
// testing/count_allocations.hpp: malloc/free as libstdc++'s, counted in a
// thread_local (one add, no atomic: the count of the thread that runs the
// benchmarks, with no lock prefix to slow down the allocating peers). Botan
// and libstdc++ call it too; malloc inside OpenSSL is not counted.
#include <cstdint>

#include "support.hpp"
#include "tlswire/testing/count_allocations.hpp"

std::uint64_t tlswire_bench::allocation_count() noexcept { return tlswire::testing::thread_allocations; }
