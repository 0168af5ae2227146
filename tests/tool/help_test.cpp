// tests/tool/help_test.cpp — --help for the tool and every subcommand, and
// the tool-level usage errors.
#include <doctest/doctest.h>

#include <string>

#include "tool_support.hpp"

namespace tests_tool_help {

using cli_test::tool;

TEST_CASE("--help: the tool and each subcommand, exit 0 on stdout") {
    for (const char* form : {"--help", "-h", "help"}) {
        const auto r = tool({form});
        CHECK(r.rc == 0);
        CHECK(r.err.empty());
        CHECK(r.out.find("usage: tlswire <subcommand>") != std::string::npos);
        for (const char* sub : {"decode", "fingerprint", "prf", "master-secret", "hkdf-expand-label",
                                "transcript-hash", "finished", "tls13-secrets"})
            CHECK(r.out.find(sub) != std::string::npos);
    }
    for (const char* sub : {"decode", "fingerprint", "prf", "master-secret", "hkdf-expand-label", "transcript-hash",
                            "finished", "tls13-secrets"}) {
        CAPTURE(sub);
        const auto r = tool({sub, "--help"});
        CHECK(r.rc == 0);
        CHECK(r.out.rfind("usage: tlswire " + std::string(sub), 0) == 0);
        CHECK(tool({"help", sub}).out == r.out);
    }
    // Every decode flag is documented.
    const auto d = tool({"decode", "--help"});
    for (const char* flag : {"--hex", "--version", "--cipher-suite", "--roundtrip", "--text", "--c2s", "--s2c"})
        CHECK(d.out.find(flag) != std::string::npos);
}

TEST_CASE("usage errors: no subcommand, unknown subcommand — exit 2 on stderr") {
    auto r = tool({});
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("a subcommand is needed") != std::string::npos);
    r = tool({"frobnicate"});
    CHECK(r.rc == 2);
    CHECK(r.err.find("unknown subcommand frobnicate") != std::string::npos);
}

}  // namespace tests_tool_help
