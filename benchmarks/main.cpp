// benchmarks/main.cpp — tlswire_bench: loads and checks every input (a broken
// input stops the binary before anything is timed), registers every benchmark,
// then runs Google Benchmark with the command line's options
// (--benchmark_filter, --benchmark_repetitions, --benchmark_out, ...).
// benchmarks/run builds and runs it; benchmarks/README.md describes the names.
#include <fstream>
#include <string>

#include "support.hpp"

namespace {
// The CPU's model name (Linux), for the JSON's context.
std::string cpu_model() {
    std::ifstream f("/proc/cpuinfo");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
        }
    return "unknown";
}
}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    tlswire_bench::register_hello_benchmarks();
    tlswire_bench::register_botan_benchmarks();
    tlswire_bench::register_flight_benchmarks();
    tlswire_bench::register_kdf_benchmarks();
    benchmark::AddCustomContext("tlswire_source_dir", tlswire_bench::source_dir());
    benchmark::AddCustomContext("cpu_model", cpu_model());
#if defined(__clang__)
    benchmark::AddCustomContext("compiler", "clang++ " __clang_version__);
#elif defined(__GNUC__)
    benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
