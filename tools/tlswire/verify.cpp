// tools/tlswire/verify.cpp — `tlswire verify`: replay a connection (or every
// connection of a capture) with its key log and print one JSON line per
// cryptographic check (include/tlswire/verify/). This file only parses the
// options, runs the verifier and prints.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "backend.hpp"
#include "capture_input.hpp"
#include "cli.hpp"
#include "common.hpp"
#include "subcommands.hpp"
#include "tlswire/print.hpp"
#include "tlswire/verify.hpp"
#ifdef TLSWIRE_HAVE_OPENSSL
#include "tlswire/verify/openssl.hpp"
#endif

namespace tlswire::cli {
namespace {

// The backend is the tool's (backend.hpp); signatures and the RSA key exchange
// need libcrypto too.
#ifdef TLSWIRE_HAVE_OPENSSL
using signatures = verify::openssl_signatures;
using private_key = verify::openssl_private_key;
#else
using signatures = verify::no_signatures;
using private_key = verify::no_decryptor;
#endif
using verifier = verify::connection_verifier<backend, signatures, private_key>;

class printer {
public:
    explicit printer(std::ostream& out) : out_(out) {}

    void print(const verify::check& c, const capture_connection* conn) {
        begin(conn);
        sink_.key("check");
        sink_.string(to_string(c.id));
        sink_.key("ok");
        sink_.boolean(c.ok);
        if (c.handshake != 0) {
            sink_.key("handshake");
            sink_.number(c.handshake);
        }
        if (c.id == verify::check_id::tls13_key_update) {
            sink_.key("dir");
            sink_.string(c.client ? "c2s" : "s2c");
            sink_.key("generation");
            sink_.number(c.index);
        }
        if (c.id == verify::check_id::tls13_psk_binder) {
            sink_.key("identity");
            sink_.number(c.index);
        }
        if (c.id == verify::check_id::tls13_post_handshake_certificate_verify ||
            c.id == verify::check_id::tls13_post_handshake_finished) {
            sink_.key("request");
            sink_.number(c.index);
            sink_.key("generation");
            sink_.number(c.generation);
        }
        if (!c.ok) {
            if (!c.expected.empty() || !c.found.empty()) {
                sink_.key("expected");
                sink_.hex(c.expected.view());
                sink_.key("found");
                sink_.hex(c.found.view());
            }
            sink_.key("reason");
            sink_.string(c.reason);
            if (c.cause) {
                sink_.key("error");
                print::print_error_value(sink_, c.cause);
            }
        }
        end();
        ++checks_;
        if (!c.ok) ++failures_;
    }

    // A connection the decoder stopped on: {"connection"?, "dir", "error"}.
    void print_error(const error& e, direction d, const capture_connection* conn) {
        begin(conn);
        sink_.key("dir");
        sink_.string(to_string(d));
        sink_.key("error");
        print::print_error_value(sink_, e);
        end();
        ++failures_;
    }

    [[nodiscard]] int status() const noexcept { return checks_ != 0 && failures_ == 0 ? exit_ok : exit_failure; }
    [[nodiscard]] std::size_t checks() const noexcept { return checks_; }

private:
    void begin(const capture_connection* conn) {
        sink_.begin_object();
        if (conn != nullptr) print_connection(sink_, *conn);
    }
    void end() {
        sink_.end_object();
        out_ << sink_.take() << std::flush;
    }

    std::ostream& out_;
    print::json_sink sink_;
    std::size_t checks_ = 0, failures_ = 0;
};

bool read_file(const std::string& path, std::istream& in, std::vector<std::uint8_t>& out, std::ostream& err) {
    input_problem p;
    error unused;
    if (read_input(path, in, false, out, p, unused)) return true;
    err << "tlswire verify: " << p.message() << "\n";
    return false;
}

}  // namespace

int verify_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
                   const hooks&) {
    static constexpr std::string_view valued[] = {"keylog", "c2s", "s2c", "server-key", "psk"};
    static constexpr std::string_view flags[] = {"help"};
    options o;
    std::string problem;
    if (!parse_options(args, valued, flags, o, problem)) return usage(err, "verify", problem);
    if (o.has("help")) return help(out, "verify");
    if (!o.has("keylog")) return usage(err, "verify", "--keylog FILE is needed");
    const bool pair = o.has("c2s") || o.has("s2c");
    if (pair && (!o.has("c2s") || !o.has("s2c"))) return usage(err, "verify", "--c2s and --s2c go together");
    if (pair && !o.operands.empty()) return usage(err, "verify", "a CAPTURE or --c2s/--s2c, not both");
    if (!pair && o.operands.size() != 1)
        return usage(err, "verify", o.operands.empty() ? "an input is needed: --c2s FILE --s2c FILE, or a CAPTURE"
                                                       : "one CAPTURE at a time");

    // --psk HEX: a PSK known from elsewhere (an external PSK, or a ticket's).
    std::vector<std::uint8_t> psk;
    if (const auto* v = o.value("psk")) {
        auto bytes = parse_hex(*v, "psk");
        if (!bytes || bytes->empty()) return usage(err, "verify", "--psk must be hex digits, not " + *v);
        psk = std::move(*bytes);
    }

    std::vector<std::uint8_t> keylog_bytes;
    if (!read_file(*o.value("keylog"), in, keylog_bytes, err)) return exit_usage;
    std::string keylog(keylog_bytes.begin(), keylog_bytes.end());
    report_keylog_errors("verify", *o.value("keylog"), keylog, err);

    std::optional<private_key> key;
    if (const auto* k = o.value("server-key")) {
#ifdef TLSWIRE_HAVE_OPENSSL
        std::vector<std::uint8_t> pem;
        if (!read_file(*k, in, pem, err)) return exit_usage;
        auto parsed = private_key::from_pem(std::string_view(reinterpret_cast<const char*>(pem.data()), pem.size()));
        if (!parsed) return usage(err, "verify", *k + " holds no private key in PEM");
        key = std::move(*parsed);
#else
        return usage(err, "verify", "--server-key " + *k + " needs a build with OpenSSL");
#endif
    }

    const signatures sig{};
    verify::session_store store;
    const bytes_view psks[] = {psk};
    verifier::options vo;
    if (!psk.empty()) vo.psks = psks;
    vo.signatures = &sig;
    vo.decryptor = key ? &*key : nullptr;
    vo.sessions = &store;
    printer p(out);

    auto verify_connection = [&](bytes_view c2s, bytes_view s2c, std::string_view log,
                                 const capture_connection* conn) {
        verifier v(log, vo);
        const result<void> r = v.run(c2s, s2c, [&](const verify::check& c) { p.print(c, conn); });
        if (!r) {
            error e = r.err();
            if (conn != nullptr) e.offset = conn->file_offset(v.failed_direction(), e.offset);
            p.print_error(e, v.failed_direction(), conn);
        }
    };

    if (pair) {
        std::vector<std::uint8_t> c2s, s2c;
        if (!read_file(*o.value("c2s"), in, c2s, err) || !read_file(*o.value("s2c"), in, s2c, err))
            return exit_usage;
        verify_connection(c2s, s2c, keylog, nullptr);
    } else {
        const std::string& path = o.operands[0];
        std::vector<std::uint8_t> file;
        if (!read_file(path, in, file, err)) return exit_usage;
        if (!is_capture(file))
            return usage(err, "verify", path + " is not a pcap or pcapng capture (give streams with --c2s/--s2c)");
        const capture_input cap = read_capture(file);
        keylog = capture_key_log(keylog, cap, "verify", path, err);
        for (const capture_connection& c : cap.connections) verify_connection(c.c2s, c.s2c, keylog, &c);
        if (cap.connections.empty())
            err << "tlswire verify: " << path << ": no TLS connection among the capture's " << cap.tcp_connections
                << " TCP connections\n";
        if (!cap.dtls_flows.empty())
            err << "tlswire verify: " << path << ": " << cap.dtls_flows.size()
                << " DTLS flows not verified (verify replays TLS over TCP; decode checks a DTLS Finished)\n";
    }
    if (p.checks() == 0) err << "tlswire verify: nothing could be checked\n";
    return p.status();
}

}  // namespace tlswire::cli
