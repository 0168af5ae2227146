// tools/tlswire/common.cpp — shared helpers of the tlswire tool.
#include "common.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <system_error>

#include "capture_input.hpp"
#include "tlswire/keylog.hpp"
#include "cli.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/messages/sslv2_client_hello.hpp"
#include "tlswire/print/message.hpp"
#include "tlswire/print/sink.hpp"
#include "tlswire/wire/reader.hpp"

namespace tlswire::cli {

bool parse_options(std::span<const std::string_view> args, std::span<const std::string_view> valued,
                   std::span<const std::string_view> flags, options& out, std::string& problem) {
    auto is_in = [](std::span<const std::string_view> set, std::string_view s) {
        return std::find(set.begin(), set.end(), s) != set.end();
    };
    bool operands_only = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (operands_only || a.size() < 2 || a.substr(0, 2) != "--") {
            out.operands.emplace_back(a);
            continue;
        }
        if (a == "--") {
            operands_only = true;
            continue;
        }
        std::string_view name = a.substr(2);
        std::optional<std::string_view> inline_value;
        if (const auto eq = name.find('='); eq != std::string_view::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (out.has(name)) {
            problem = "option --" + std::string(name) + " given twice";
            return false;
        }
        if (is_in(valued, name)) {
            if (inline_value) {
                out.values.emplace(std::string(name), std::string(*inline_value));
            } else if (i + 1 < args.size()) {
                out.values.emplace(std::string(name), std::string(args[++i]));
            } else {
                problem = "option --" + std::string(name) + " needs a value";
                return false;
            }
        } else if (is_in(flags, name)) {
            if (inline_value) {
                problem = "option --" + std::string(name) + " takes no value";
                return false;
            }
            out.flags.emplace(name);
        } else {
            problem = "unknown option --" + std::string(name);
            return false;
        }
    }
    return true;
}

result<std::vector<std::uint8_t>> parse_hex(std::string_view text, std::string_view where) {
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 2);
    int high = -1;
    std::size_t high_at = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        int v = -1;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') continue;
        else return error{errc::illegal_value, i, where};
        if (high < 0) {
            high = v;
            high_at = i;
        } else {
            out.push_back(static_cast<std::uint8_t>(high * 16 + v));
            high = -1;
        }
    }
    if (high >= 0) return error{errc::truncated, high_at, where};
    return out;
}

std::string to_hex(bytes_view b) { return print::to_hex(b); }

std::string input_problem::message() const { return (file == "-" ? std::string("-") : file) + ": " + reason; }

void print_input_problem(print::sink& s, const input_problem& p) {
    s.begin_object();
    s.key("error");
    s.begin_object();
    s.key("code");
    s.string("unreadable_input");
    s.key("file");
    s.string(p.file);
    s.key("reason");
    s.string(p.reason);
    s.end_object();
    s.end_object();
}

void print_error_object(print::sink& s, const error& e, std::optional<direction> dir) {
    s.begin_object();
    if (dir) {
        s.key("dir");
        s.string(to_string(*dir));
    }
    s.key("error");
    print::print_error_value(s, e);
    s.end_object();
}

bool parse_inputs(const options& o, inputs& out, std::string& problem) {
    out = {};
    if (o.has("c2s") || o.has("s2c")) {
        if (!o.has("c2s") || !o.has("s2c")) {
            problem = "--c2s and --s2c go together";
            return false;
        }
        if (!o.operands.empty()) {
            problem = "--c2s/--s2c take no other input files";
            return false;
        }
        out.connection.emplace(*o.value("c2s"), *o.value("s2c"));
        return true;
    }
    out.files = o.operands;
    if (out.files.empty()) out.files.emplace_back("-");
    return true;
}

stream_options stream_options_for(bytes_view in) {
    stream_options o;
    o.input = looks_like_records(in) || is_sslv2_client_hello(in) ? framing::records : framing::handshake_messages;
    return o;
}

int read_inputs(std::string_view subcommand, const inputs& what, bool hex, std::istream& in, std::ostream& err,
                const input_handlers& handle) {
    auto load = [&](const std::string& path, std::vector<std::uint8_t>& bytes) -> bool {
        error hex_error{};
        input_problem unreadable;
        if (!read_input(path, in, hex, bytes, unreadable, hex_error)) {
            err << "tlswire " << subcommand << ": " << unreadable.message() << '\n';
            handle.unreadable(unreadable);
            return false;
        }
        if (hex_error) {
            handle.bad_hex(hex_error);
            return false;
        }
        return true;
    };
    if (what.connection) {
        std::vector<std::uint8_t> c2s, s2c;
        if (!load(what.connection->first, c2s) || !load(what.connection->second, s2c)) return exit_failure;
        handle.connection(c2s, s2c);
        return exit_ok;
    }
    int status = exit_ok;
    for (const std::string& f : what.files) {
        std::vector<std::uint8_t> bytes;
        if (!load(f, bytes)) {
            status = exit_failure;
            continue;
        }
        if (handle.capture && is_capture(bytes)) handle.capture(f, bytes);
        else handle.stream(bytes);
    }
    return status;
}

namespace {
// read_all — the rest of `s`. istream::read turns a failing read (a
// directory, an I/O error) into badbit instead of letting the stream
// buffer's exception escape, as istreambuf_iterator would.
bool read_all(std::istream& s, std::string& data) {
    char buf[1 << 16];
    while (s) {
        s.read(buf, sizeof buf);
        data.append(buf, static_cast<std::size_t>(s.gcount()));
    }
    return !s.bad();
}
}  // namespace

bool read_input(const std::string& path, std::istream& in, bool hex, std::vector<std::uint8_t>& out,
                input_problem& problem, error& hex_error) {
    std::string data;
    problem = {path, ""};
    if (path == "-") {
        if (!read_all(in, data)) {
            problem.reason = "cannot read standard input";
            return false;
        }
    } else {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            problem.reason = "is a directory";
            return false;
        }
        errno = 0;
        std::ifstream f(path, std::ios::binary);
        if (!f) {
            problem.reason = std::string("cannot open: ") + (errno != 0 ? std::strerror(errno) : "unknown error");
            return false;
        }
        if (!read_all(f, data)) {
            problem.reason = "cannot read";
            return false;
        }
    }
    if (hex) {
        auto r = parse_hex(data, "hex");
        if (!r) {
            hex_error = r.err();
            out.clear();
            return true;
        }
        out = std::move(*r);
    } else {
        out.assign(data.begin(), data.end());
    }
    return true;
}

void report_keylog_errors(std::string_view subcommand, std::string_view name, std::string_view text,
                          std::ostream& err) {
    keylog::parse(
        text, [](const keylog::entry&) {},
        [&](const keylog::line_error& e) {
            err << "tlswire " << subcommand << ": " << name << ":" << e.line << ": " << to_string(e.error.code)
                << " in " << e.error.where << "\n";
        });
}

}  // namespace tlswire::cli
