// tests/support/command.hpp — running an outside program in a test (tshark,
// as an independent decoder): its standard output, and whether it is there.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace test_support {

// output_of(command) — what `command` (run by the shell) writes to standard
// output; "" when it cannot be started.
inline std::string output_of(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

// have_tshark() — whether Wireshark's tshark is installed (it is optional).
inline bool have_tshark() { return std::system("tshark --version >/dev/null 2>&1") == 0; }

}  // namespace test_support
