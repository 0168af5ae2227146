// tools/tlswire/cli.hpp — the `tlswire` command-line tool as a library.
//
// main.cpp only forwards argv and the standard streams to `run`, so the tests
// (tests/tool/) drive every subcommand in-process: exit statuses, output, and
// thousands of hostile inputs in a bounded time without spawning processes.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <span>
#include <string_view>
#include <vector>

#include "tlswire/messages/handshake.hpp"

namespace tlswire::cli {

// Exit statuses (issue 6): 0 success; 1 an input failed to parse, a
// --roundtrip differed, or a file could not be read; 2 a usage error.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

// hooks — seams for the tests. `reserialize` is how --roundtrip re-encodes a
// parsed handshake message (default: serialize_handshake). Parse and
// serialize are symmetric by construction, so an honest mismatch cannot be
// produced from input; the tests swap in a serializer that changes one byte
// to check that the mismatch is detected, reported with both encodings, and
// turned into exit status 1.
struct hooks {
    std::function<bool(const handshake_message&, const context&, std::vector<std::uint8_t>&)> reserialize{};
};

// run(args, in, out, err) — run the tool. `args` excludes the program name.
// Results go to `out` (JSON Lines, text, or hex), diagnostics and usage
// errors to `err`; `in` is read where a subcommand reads standard input.
int run(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
        const hooks& h = {});

// run(argc, argv, ...) — the same from main's arguments (argv[0] is skipped).
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace tlswire::cli
