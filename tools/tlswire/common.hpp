// tools/tlswire/common.hpp — what the subcommands share: option parsing,
// hex, and reading inputs: the files or the --c2s/--s2c pair that `decode`
// and `fingerprint` take, their framing, and how a failure is reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tlswire/messages/connection.hpp"
#include "tlswire/messages/stream.hpp"
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

// print_error_object — {"dir"?, "error": {"code", "offset", "where"}}: what
// the subcommands print for an input that fails to parse.
void print_error_object(print::sink& s, const error& e, std::optional<direction> dir = std::nullopt);

// inputs — what `decode` and `fingerprint` read: FILE... (each one side's
// stream, or a pcap/pcapng capture of any number of connections; none, or
// "-", is standard input), or --c2s FILE --s2c FILE (the two directions of
// one connection).
struct inputs {
    std::vector<std::string> files;
    std::optional<std::pair<std::string, std::string>> connection;  // c2s, s2c
};

// parse_inputs — the inputs the options name. A usage problem (--c2s without
// --s2c, files beside them) returns false with `problem` set.
bool parse_inputs(const options& o, inputs& out, std::string& problem);

// stream_options_for(in) — how one side's stream is laid out: TLS records
// (or an SSL 2.0-compatible ClientHello) when it starts like them
// (looks_like_records), else bare handshake messages.
stream_options stream_options_for(bytes_view in);

// input_handlers — what read_inputs does with what it reads.
struct input_handlers {
    std::function<void(bytes_view)> stream;                    // one FILE's bytes
    // A FILE that is a pcap or pcapng capture (by its magic; capture_input.hpp),
    // with the name it was given. Unset: captures go to `stream` like any file.
    std::function<void(const std::string&, bytes_view)> capture;
    std::function<void(bytes_view, bytes_view)> connection;    // --c2s, --s2c
    std::function<void(const input_problem&)> unreadable;      // a file that cannot be read
    std::function<void(const error&)> bad_hex;                 // --hex input that is not hex
};

// read_inputs — read each input (as hex text with `hex`) and hand it on. A
// file that cannot be read is named on `err` ("tlswire SUBCOMMAND: FILE:
// REASON") and passed to `unreadable`; then the other files are still read,
// but a connection stops there. Returns exit_failure when some input could
// not be read or was not hex, else exit_ok.
int read_inputs(std::string_view subcommand, const inputs& what, bool hex, std::istream& in, std::ostream& err,
                const input_handlers& handle);

// report_keylog_errors(subcommand, name, text, err) — each malformed line
// of a key log, which is skipped (RFC 9850 §2), named on `err`:
// "tlswire SUBCOMMAND: NAME:LINE: code in where".
void report_keylog_errors(std::string_view subcommand, std::string_view name, std::string_view text,
                          std::ostream& err);

}  // namespace tlswire::cli
