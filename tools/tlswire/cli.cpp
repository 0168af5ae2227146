// tools/tlswire/cli.cpp — subcommand dispatch, help and usage errors.
#include "cli.hpp"

#include <exception>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "subcommands.hpp"

namespace tlswire::cli {
namespace {

constexpr std::string_view tool_help = R"(tlswire — decode and fingerprint TLS handshakes, compute TLS key schedules

usage: tlswire <subcommand> [options] [FILE...]
       tlswire <subcommand> --help

subcommands:
)";

constexpr std::string_view tool_help_end = R"(
Exit status: 0 success, 1 an input failed to parse (or --roundtrip differed,
or a verify check failed), 2 a usage error.
)";

constexpr std::string_view decode_help = R"(usage: tlswire decode [--hex] [--version tls10|tls11|tls12|tls13]
                      [--cipher-suite NAME|0xHHHH] [--roundtrip] [--text] [FILE...]
       tlswire decode --c2s FILE --s2c FILE [--keylog FILE] [--application-data]
                      [--hex] [--roundtrip] [--text]
       tlswire decode [--keylog FILE] [--application-data] [--hex] [--roundtrip]
                      [--text] CAPTURE...
       tlswire decode --dtls [--c2s FILE --s2c FILE] [--keylog FILE]
                      [--application-data] [--hex] [--roundtrip] [--text] [FILE...]

Decode each FILE (standard input when there is none, or for "-"): a stream of
TLS records, or a stream of bare handshake messages (detected: a record starts
with a content type 20-24 and a 3.x version). With --hex the input is hex text
and whitespace is ignored.

A FILE that is a pcap or pcapng capture (detected by its magic) is read as
packets: Ethernet (VLAN tags too), Linux cooked v1/v2, raw IP, BSD loopback;
IPv4 and IPv6; each TCP connection's two byte streams rebuilt from its
segments (reordered, retransmitted and overlapping ones too; on conflicting
overlaps the first copy wins). Every connection whose traffic starts like TLS,
on any port, is decoded as --c2s/--s2c decode its streams, each object
starting with "connection": {"client": "ADDR:PORT", "server": "ADDR:PORT"}
(IPv6 as "[ADDR]:PORT"; the client sent the SYN, or the ClientHello).
A pcapng's Decryption Secrets Blocks (TLS key log) are used as a key log, with
--keylog's lines. Error offsets are the capture file's; the stream's own is
"stream_offset". A direction with a hole in the capture decodes up to the hole
and then prints {"connection", "dir", "error": {"code": "truncated", "offset",
"where": "TCP stream gap ..."}}; a capture file that ends in the middle of a
block prints its connections and then {"error": {...}}; exit 1. Packets that
cannot be read are named on standard error and skipped. --version and
--cipher-suite do not apply to captures, --keylog and --application-data only
to captures and --c2s/--s2c (exit 2 otherwise).
A capture's UDP datagrams that carry DTLS records (told by content, on any
port; STUN or SRTP on the same pair is skipped) are DTLS flows: each decoded
after the TCP connections as --dtls decodes datagrams, every offset the
file's, "connection" adding "transport": "udp" (the client sent the
ClientHello); a ClientHello with another random on the same pair starts a new
flow.

Output: JSON Lines, one object per handshake message with "type" (RFC name),
"length", "hex" (the whole message) and "body" (every field by its RFC name,
IANA names for registry values, "0x1a1a" for unregistered ones, extensions as
{"type", "data", decoded fields}); one object per other record
(change_cipher_spec, alert, and protected records with "encrypted": true and
their "length"). With --keylog, the protected records the key log has secrets
for are decrypted: what they hold prints as plaintext would, with
"protected": true and "epoch" ("early", "handshake", "application",
"application+N" after N KeyUpdates, or "tls12"); application data prints as
{"type": "application_data", "protected": true, "epoch", "length"}; a record
the keys do not open stays "encrypted" and says why in "decrypt_error". A
parse failure prints {"error": {"code", "offset", "where"}},
an input that cannot be read {"error": {"code": "unreadable_input", "file",
"reason"}}, and the exit status is 1.

With --dtls the input is DTLS (RFC 6347, RFC 4347, RFC 9147): --c2s/--s2c
each direction's datagrams as DTLS records back to back, read by the DTLS
connection decoder (HelloVerifyRequest restarts, fragments reassembled in any
order, retransmissions, epochs; with --keylog DTLS 1.0/1.2 AEAD and CBC records
and DTLS 1.3 records decrypted, Finished checked); a FILE one side's records
back to back (its first message says which side), or bare DTLS handshake
messages (12-byte headers; --version dtls10|dtls12|dtls13 and --cipher-suite
apply to those). Every object also has, where they apply, "epoch" and
"sequence_number" (the record's), "message_seq", "fragment_offset" and
"fragment_length" (a message's: of the fragment that completed it); "hex" is
the message as if sent unfragmented. A fragment held until its message is
complete prints {"type": "fragment", "msg_type", "length", "message_seq",
"fragment_offset", "fragment_length"}, one that brought nothing new
"retransmission", a record seen before "duplicate_record"; decrypted records
say "protected": true and "keys" ("tls12", "handshake", "application", ...),
a checked Finished "finished": "verified"|"mismatch".

options:
  --hex                  the input is hex text
  --version V            read messages as TLS 1.0/1.1/1.2/1.3 (default: from a
                         ServerHello in the input, else unknown); with --dtls
                         dtls10, dtls12 or dtls13
  --dtls                 the input is DTLS (see above)
  --cipher-suite S       the negotiated suite, by IANA name or 0xHHHH (needed for
                         ServerKeyExchange, ClientKeyExchange, Finished; default:
                         from a ServerHello in the input)
  --roundtrip            serialize every parsed message again; on the first
                         difference print both encodings and exit 1
  --text                 an indented human-readable tree instead of JSON
  --c2s FILE --s2c FILE  the two directions of one TCP connection: messages in
                         handshake order, each object with "dir": "c2s"|"s2c",
                         version and cipher suite taken from the hellos
  --keylog FILE          an SSLKEYLOGFILE (RFC 9850) with the connection's
                         secrets (with --c2s/--s2c or captures); malformed
                         lines are named on standard error and skipped
  --application-data     with a key log: decrypted application data's bytes too
                         ("hex")
)";

constexpr std::string_view fingerprint_help = R"(usage: tlswire fingerprint [--hex] [--quic | --dtls] [FILE... | CAPTURE...]
       tlswire fingerprint --c2s FILE --s2c FILE [--hex] [--quic | --dtls]

The TLS fingerprints of every ClientHello and ServerHello in the inputs: JA3
and JA3S (salesforce/ja3), JA4 with its raw (_r), original-order (_o) and raw
original-order (_ro) forms (FoxIO's JA4.md). The inputs are those of decode:
each FILE (standard input when there is none, or for "-") a stream of TLS
records or of bare handshake messages, or a pcap/pcapng capture (each TLS
connection and each DTLS flow in it, as decode reads captures; a DTLS flow's
JA4 starts with "d" whatever the flags), or with --c2s/--s2c both directions
of one connection. A ClientHello split over several records or DTLS
fragments is fingerprinted whole; after a HelloRetryRequest or a
HelloVerifyRequest the second ClientHello has its own line.

Output: JSON Lines, one object per hello, in the order sent:
  {"dir"?, "type": "client_hello", "ja3", "ja3_string", "ja4", "ja4_r",
   "ja4_o", "ja4_ro"}
  {"dir"?, "type": "server_hello" | "hello_retry_request", "ja3s",
   "ja3s_string"}
("dir": "c2s"|"s2c" with --c2s/--s2c and captures; from a capture each object
starts with "connection": {"client", "server"}, and "transport": "udp" for a
DTLS flow). Other messages and records print
nothing; an SSL 2.0-compatible ClientHello has no fingerprint here. Errors are
those of decode: {"error": {"code", "offset", "where"}} for an input that
fails to parse (the hellos before it are printed), {"error": {"code":
"unreadable_input", "file", "reason"}} for one that cannot be read; exit 1.

options:
  --hex                  the input is hex text
  --quic                 the hellos were carried by QUIC: JA4 starts with "q"
  --dtls                 the hellos were carried by DTLS: JA4 starts with "d";
                         DTLS records (and --c2s/--s2c of them) are read by
                         the DTLS connection decoder, bare DTLS handshake
                         messages (12-byte headers) reassembled, anything else
                         read as TLS; JA3's version is the DTLS one (DTLS 1.2:
                         65277) and neither reads the ClientHello's cookie
  --c2s FILE --s2c FILE  the two directions of one connection
Without --quic or --dtls, JA4 starts with "t" (TLS over TCP).
)";

constexpr std::string_view prf_help = R"(usage: tlswire prf --hash sha256|sha384|md5-sha1 --secret HEX --label TEXT --seed HEX --length N

The TLS PRF (RFC 5246 §5; with md5-sha1 the TLS 1.0/1.1 PRF of RFC 2246 §5):
PRF(secret, label, seed) truncated to N bytes, printed as hex. sha512 and
sha224 are accepted too.
)";

constexpr std::string_view master_secret_help =
    R"(usage: tlswire master-secret --hash sha256|sha384|md5-sha1 --pre-master HEX
                             (--client-random HEX --server-random HEX | --session-hash HEX)

The 48-byte master secret as hex: PRF(pre_master_secret, "master secret",
client_random + server_random) (RFC 5246 §8.1), or with --session-hash the
extended master secret PRF(pre_master_secret, "extended master secret",
session_hash) (RFC 7627 §4). Also: sha512, sha224.
)";

constexpr std::string_view hkdf_expand_label_help =
    R"(usage: tlswire hkdf-expand-label --hash sha256|sha384 --secret HEX --label TEXT [--context HEX] --length N

HKDF-Expand-Label(Secret, Label, Context, Length) of RFC 8446 §7.1, as hex.
The label is given without the "tls13 " prefix; the context defaults to empty.
)";

constexpr std::string_view transcript_hash_help = R"(usage: tlswire transcript-hash --hash sha256|sha384 [--hex] [FILE]

The transcript hash (RFC 8446 §4.4.1) of the handshake messages in FILE (bare
messages, or the plaintext handshake records of a record stream), as hex. When
a HelloRetryRequest follows the first ClientHello, that ClientHello is replaced
by message_hash(Hash(ClientHello1)). Also: sha512, sha1, md5-sha1 (TLS 1.0/1.1).
)";

constexpr std::string_view finished_help = R"(usage: tlswire finished --hash sha256|sha384 --base-key HEX [--hex] [FILE]

TLS 1.3 Finished verify_data (RFC 8446 §4.4.4) as hex:
HMAC(HKDF-Expand-Label(BaseKey, "finished", "", Hash.length), Transcript-Hash)
over the handshake messages in FILE. BaseKey is the sender's handshake traffic
secret.
)";

constexpr std::string_view tls13_secrets_help =
    R"(usage: tlswire tls13-secrets --hash sha256|sha384 [--psk HEX] [--shared-secret HEX] [--hex] [FILE]

Every secret of the TLS 1.3 key schedule (RFC 8446 §7.1) that the inputs
determine, as one JSON object: early_secret; with --psk the binder keys and,
given a ClientHello, client_early_traffic_secret and
early_exporter_master_secret; early_derived_secret; given the ServerHello (and
--shared-secret when it carries a key_share) handshake_secret, the handshake
traffic secrets, handshake_derived_secret and master_secret; given the server
Finished the application traffic secrets and exporter_master_secret; given the
client Finished resumption_master_secret. FILE holds the handshake messages.
)";

constexpr std::string_view verify_help = R"(usage: tlswire verify --keylog FILE --c2s FILE --s2c FILE [--server-key PEM] [--psk HEX]
       tlswire verify --keylog FILE CAPTURE [--server-key PEM] [--psk HEX]

Replays the handshake of one connection (--c2s/--s2c: the two directions'
records) or of every TLS connection of a pcap/pcapng CAPTURE, opening the
protected records with the key log (RFC 9850 lines; a pcapng's own
Decryption Secrets Blocks are added to --keylog's), and checks every
cryptographic value it can. One JSON line per check:
  {"check": NAME, "ok": true|false, ...}
with, for a capture, "connection": {"client", "server"}; "handshake": N for
the N-th renegotiation; and on failure "expected" and "found" (hex) when
both exist, a "reason", and the library "error" behind it if any.

Checks (NAME):
  tls13_server_finished, tls13_client_finished   each side's Finished
      (RFC 8446 §4.4.4) from its handshake traffic secret and the transcript
  tls13_server_certificate_verify, tls13_client_certificate_verify
      the CertificateVerify signature (§4.4.3) under the first certificate's
      public key (not for a compressed certificate)
  tls13_psk_binder   each offered PSK binder (§4.2.11.2) whose PSK is known:
      --psk (tried as an external, then as a resumption PSK; "identity": N)
  tls13_client_application_secret, tls13_server_application_secret
      CLIENT/SERVER_TRAFFIC_SECRET_0 open the first record after each
      side's Finished (the AEAD tag proves the secret)
  tls13_key_update   the next generation (§7.2) opens the first record after
      each KeyUpdate ("dir", "generation")
  tls12_client_finished, tls12_server_finished   both Finished (RFC 5246
      §7.4.9) from the key log's master secret (TLS 1.0-1.2)
  tls12_server_key_exchange_signature   the ServerKeyExchange signature
      (§7.4.3) under the server certificate's public key
  tls12_client_certificate_verify   the client's CertificateVerify (§7.4.8)
  tls12_rsa_premaster   with --server-key and the RSA key exchange: the
      pre-master secret decrypted with the key gives the key log's master
      secret (extended master secret, RFC 7627, when negotiated)
A check that cannot compare (no secret in the key log, a record that does not
open, a message missing from the input) fails with a reason. ECH acceptance
(tls13_ech_accept) is not checked yet: it needs the decrypted inner ClientHello.

Exit status: 0 every check passed (and at least one ran), 1 a check failed,
an input stopped decoding, or nothing could be checked, 2 a usage error (no
--keylog, a CAPTURE with --c2s/--s2c, --psk that is not hex, a FILE that
cannot be read or a --server-key without a private key).
)";

// The subcommands: one table gives the name, the line in the tool's help,
// the subcommand's help and the function that runs it.
struct entry {
    std::string_view name;
    std::string_view summary;
    std::string_view help;
    subcommand_fn* run;
};

constexpr entry entries[] = {
    {"decode", "records or handshake messages -> JSON Lines (or --text)", decode_help, decode_command},
    {"fingerprint", "JA3, JA3S and JA4 of every hello in the inputs", fingerprint_help, fingerprint_command},
    {"verify", "check Finished, signatures and binders against the key log", verify_help,
     verify_command},
    {"prf", "the TLS 1.0-1.2 PRF", prf_help, prf_command},
    {"master-secret", "the TLS 1.0-1.2 master secret (or extended master secret)", master_secret_help,
     master_secret_command},
    {"hkdf-expand-label", "TLS 1.3 HKDF-Expand-Label", hkdf_expand_label_help, hkdf_expand_label_command},
    {"transcript-hash", "the transcript hash of the handshake messages in FILE", transcript_hash_help,
     transcript_hash_command},
    {"finished", "TLS 1.3 Finished verify_data over the transcript in FILE", finished_help, finished_command},
    {"tls13-secrets", "every TLS 1.3 secret the inputs determine, as JSON", tls13_secrets_help, tls13_secrets_command},
};

}  // namespace

int help(std::ostream& out, std::string_view subcommand) {
    for (const entry& e : entries)
        if (e.name == subcommand) {
            out << e.help;
            return exit_ok;
        }
    out << tool_help;
    for (const entry& e : entries) {
        out << "  " << e.name;
        for (std::size_t i = e.name.size(); i < 19; ++i) out << ' ';
        out << e.summary << '\n';
    }
    out << tool_help_end;
    return exit_ok;
}

int usage(std::ostream& err, std::string_view subcommand, std::string_view problem) {
    if (subcommand.empty()) {
        err << "tlswire: " << problem << "\n(see tlswire --help)\n";
    } else {
        err << "tlswire " << subcommand << ": " << problem << "\n(see tlswire " << subcommand << " --help)\n";
    }
    return exit_usage;
}

namespace {
int dispatch(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
             const hooks& h) {
    if (args.empty()) return usage(err, "", "a subcommand is needed");
    const std::string_view sub = args[0];
    const auto rest = args.subspan(1);
    if (sub == "--help" || sub == "-h" || sub == "help") {
        if (sub == "help" && !rest.empty()) return help(out, rest[0]);
        return help(out, "");
    }
    for (const entry& e : entries)
        if (e.name == sub) return e.run(rest, in, out, err, h);
    return usage(err, "", "unknown subcommand " + std::string(sub));
}
}  // namespace

int run(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
        const hooks& h) {
    // The parsers never throw; what can is the host (memory, streams). It
    // ends the run with exit 1 and a message, never with an abort.
    try {
        return dispatch(args, in, out, err, h);
    } catch (const std::exception& e) {
        err << "tlswire: " << e.what() << '\n';
    } catch (...) {
        err << "tlswire: unexpected failure\n";
    }
    return exit_failure;
}

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
    std::vector<std::string_view> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    return run(args, in, out, err);
}

}  // namespace tlswire::cli
