// benchmarks/no_botan.cpp — stands in for botan_bench.cpp when Botan 2 was not
// found at configure time: no Botan rows (the table shows them as missing).
#include "support.hpp"

void tlswire_bench::register_botan_benchmarks() {}
