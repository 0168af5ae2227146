// tools/tlswire/subcommands.hpp — the subcommands of the tlswire tool.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

#include "cli.hpp"

namespace tlswire::cli {

// help — the help text of the tool ("") or of a subcommand, on `out`; exit 0.
int help(std::ostream& out, std::string_view subcommand);
// usage — "tlswire <subcommand>: <problem>" and a pointer to --help, on `err`; exit 2.
int usage(std::ostream& err, std::string_view subcommand, std::string_view problem);

int decode_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
                   const hooks& h);
int prf_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err);
int master_secret_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out,
                          std::ostream& err);
int hkdf_expand_label_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out,
                              std::ostream& err);
int transcript_hash_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out,
                            std::ostream& err);
int finished_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err);
int tls13_secrets_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out,
                          std::ostream& err);

}  // namespace tlswire::cli
