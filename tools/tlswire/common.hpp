// tools/tlswire/common.hpp — what the subcommands share: option parsing,
// hex and reading inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::print {
class sink;
}

namespace tlswire::cli {

// options — "--name value", "--name=value" and "--flag"; everything else is
// an operand. `valued` lists the options that take a value, `flags` the rest.
struct options {
    std::map<std::string, std::string, std::less<>> values;
    std::set<std::string, std::less<>> flags;
    std::vector<std::string> operands;

    [[nodiscard]] bool has(std::string_view name) const {
        return values.find(name) != values.end() || flags.find(name) != flags.end();
    }
    [[nodiscard]] const std::string* value(std::string_view name) const {
        const auto it = values.find(name);
        return it == values.end() ? nullptr : &it->second;
    }
};

// parse_options — fails (returns false, `problem` set) on an unknown option,
// a missing value, or an option given twice.
bool parse_options(std::span<const std::string_view> args, std::span<const std::string_view> valued,
                   std::span<const std::string_view> flags, options& out, std::string& problem);

// parse_hex — hex digits with any ASCII whitespace ignored. On failure
// returns an error naming the offending input offset.
result<std::vector<std::uint8_t>> parse_hex(std::string_view text, std::string_view where);

std::string to_hex(bytes_view b);

// input_problem — why an input could not be read: the file as given ("-"
// for standard input) and the reason.
struct input_problem {
    std::string file;
    std::string reason;
    // message — "FILE: REASON", for standard error.
    [[nodiscard]] std::string message() const;
};

// read_input — a whole file ("-" = the `in` stream), as bytes; with `hex`,
// decoded from hex text. Returns false and fills `problem` when the file
// cannot be read (missing, a directory, an I/O error: never an exception); a
// hex decoding error is returned in `hex_error`.
bool read_input(const std::string& path, std::istream& in, bool hex, std::vector<std::uint8_t>& out,
                input_problem& problem, error& hex_error);

// print_input_problem — {"error": {"code": "unreadable_input", "file",
// "reason"}}: what the subcommands print for an input they cannot read.
void print_input_problem(print::sink& s, const input_problem& p);

}  // namespace tlswire::cli
