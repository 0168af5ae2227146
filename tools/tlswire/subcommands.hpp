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

// subcommand_fn — every subcommand: its arguments (after its name), the
// standard streams, and the test seams; returns the exit status.
using subcommand_fn = int(std::span<const std::string_view> args, std::istream& in, std::ostream& out,
                          std::ostream& err, const hooks& h);

subcommand_fn decode_command;
subcommand_fn fingerprint_command;
subcommand_fn verify_command;
subcommand_fn prf_command;
subcommand_fn master_secret_command;
subcommand_fn hkdf_expand_label_command;
subcommand_fn transcript_hash_command;
subcommand_fn finished_command;
subcommand_fn tls13_secrets_command;

}  // namespace tlswire::cli
