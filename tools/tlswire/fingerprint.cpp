// tools/tlswire/fingerprint.cpp — `tlswire fingerprint`: the JA3/JA4 of
// every ClientHello and the JA3S of every ServerHello in the inputs, as JSON
// Lines. The inputs are read as `decode` reads them (common.hpp), through the
// library's stream and connection decoders (with --dtls, and for a capture's
// DTLS flows, the DTLS ones), so a hello split over records or fragments is
// fingerprinted whole; the fingerprints are the library's
// (tlswire/fingerprint.hpp).
#include <optional>
#include <ostream>
#include <string>

#include "capture_input.hpp"
#include "cli.hpp"
#include "common.hpp"
#include "subcommands.hpp"
#include "tlswire/dtls/bare_messages.hpp"
#include "tlswire/dtls/connection.hpp"
#include "tlswire/dtls/detect.hpp"
#include "tlswire/fingerprint.hpp"
#include "tlswire/messages.hpp"
#include "tlswire/print/json.hpp"
#include "tlswire/print/message.hpp"

namespace tlswire::cli {
namespace {

// starts_with_bare_dtls_message — whether `in` starts with a DTLS handshake
// fragment (dtls::first_fragment: RFC 6347 §4.2.2's 12-byte header, the
// fragment inside its message and inside `in`) and is not a TLS handshake
// message (RFC 8446 §4: msg_type, uint24 length — the same bytes) that fills
// `in` exactly.
bool starts_with_bare_dtls_message(bytes_view in) {
    const auto h = dtls::first_fragment(in);
    return h && 4 + std::size_t{h->length} != in.size();
}

class fingerprinter {
public:
    fingerprinter(ja4_transport transport, std::ostream& out) : transport_(transport), out_(out) {}

    [[nodiscard]] int status() const noexcept { return status_; }

    // One input holding records or bare handshake messages, from one side.
    void stream(bytes_view in) {
        if (transport_ == ja4_transport::dtls && dtls_stream(in)) return;
        stream_decoder dec(stream_options_for(in));
        const result<void> r = dec.decode(in, [&](const stream_event& ev) { print(ev, std::nullopt); });
        if (!r) report(r.err());
    }

    // Both directions of one connection (DTLS records, with --dtls, through
    // the DTLS connection decoder).
    void connection(bytes_view c2s, bytes_view s2c) {
        if (transport_ == ja4_transport::dtls && (dtls::starts_with_record(c2s) || dtls::starts_with_record(s2c))) {
            dtls::connection_decoder dec;
            const auto r = dec.decode_streams(c2s, s2c, [&](const dtls::event& ev) { print(ev, ev.dir); });
            if (!r) report(r.err(), dec.failed_direction());
            return;
        }
        connection_decoder dec(strictness::strict);
        const result<void> r = dec.decode(c2s, s2c, [&](const connection_event& ev) { print(ev, ev.dir); });
        if (!r) report(r.err(), dec.failed_direction());
    }

    // A pcap/pcapng capture: every TLS connection in it, then every DTLS
    // flow (fingerprinted as DTLS whatever the flags say), each object
    // naming the connection; error offsets are the file's (as decode prints
    // them).
    void capture(const std::string& path, bytes_view file, std::ostream& err) {
        const capture_input cap = read_capture(file);
        const ja4_transport given = transport_;
        // A TCP connection carries TLS, whatever --dtls says.
        if (given == ja4_transport::dtls) transport_ = ja4_transport::tcp;
        for (const capture_connection& c : cap.connections) {
            connection_ = &c;
            connection(c.c2s, c.s2c);
            for (const direction d : {direction::c2s, direction::s2c})
                if (c.stream_error(d)) report_in_file(c.stream_error(d), d, std::nullopt);
            connection_ = nullptr;
        }
        transport_ = ja4_transport::dtls;
        for (const capture_dtls_flow& f : cap.dtls_flows) {
            flow_ = &f;
            dtls::connection_decoder dec;
            const auto r = dec.decode(f.datagrams, [&](const dtls::event& ev) { print(ev, ev.dir); });
            if (!r) report_in_file(r.err(), dec.failed_direction(), std::nullopt);
            if (f.failure) report_in_file(f.failure, std::nullopt, std::nullopt);
            flow_ = nullptr;
        }
        transport_ = given;
        if (cap.connections.empty() && cap.dtls_flows.empty())
            err << "tlswire fingerprint: " << path << ": no TLS connection among the capture's "
                << cap.tcp_connections << " TCP connections, and no DTLS flow\n";
        if (const error e = cap.failure()) report(e);
    }

    void report(const error& e, std::optional<direction> dir = std::nullopt) {
        if (connection_ && dir) {
            error in_file = e;
            in_file.offset = connection_->file_offset(*dir, e.offset);
            report_in_file(in_file, *dir, e.offset);
            return;
        }
        print_error_object(sink_, e, dir);
        flush();
        status_ = exit_failure;
    }
    void report(const input_problem& p) {
        print_input_problem(sink_, p);
        flush();
        status_ = exit_failure;
    }

private:
    void flush() { out_ << sink_.take() << std::flush; }

    void open(std::optional<direction> dir) {
        sink_.begin_object();
        if (connection_) print_connection(sink_, *connection_);
        if (flow_) print_connection(sink_, *flow_);
        if (dir) {
            sink_.key("dir");
            sink_.string(to_string(*dir));
        }
    }

    void report_in_file(const error& e, std::optional<direction> dir, std::optional<std::size_t> stream_offset) {
        open(dir);
        sink_.key("error");
        print::print_error_value(sink_, e);
        if (stream_offset) {
            sink_.key("stream_offset");
            sink_.number(*stream_offset);
        }
        sink_.end_object();
        flush();
        status_ = exit_failure;
    }

    void begin(const handshake_message& m, std::optional<direction> dir) {
        open(dir);
        sink_.key("type");
        sink_.string(name_of(m));
    }
    void field(std::string_view key, std::string_view value) {
        sink_.key(key);
        sink_.string(value);
    }

    // --dtls FILE: one side's DTLS records back to back (the side told by
    // the first handshake message: a ClientHello is the client's), or bare
    // DTLS handshake messages (as decode --dtls reads them). False: neither
    // (TLS records or messages, read as TLS with JA4's DTLS transport).
    bool dtls_stream(bytes_view in) {
        if (dtls::starts_with_record(in)) {
            const bool client = dtls::first_handshake_type(in) == 1;
            connection(client ? in : bytes_view{}, client ? bytes_view{} : in);
            return true;
        }
        if (!starts_with_bare_dtls_message(in)) return false;
        const auto r = dtls::decode_bare_messages(in, context{}, [&](const dtls::event& ev) { print(ev, std::nullopt); });
        if (!r) report(r.err());
        return true;
    }

    void print(const stream_event& ev, std::optional<direction> dir) {
        if (ev.kind == event_kind::handshake) print(ev.handshake, dir);
    }

    // A DTLS message: its ClientHello is a TLS one with a cookie (JA3 and
    // JA4 do not look at the cookie); the server's hellos are TLS ones.
    void print(const dtls::event& ev, std::optional<direction> dir) {
        if (ev.kind != dtls::event_kind::handshake) return;
        if (const auto* ch = std::get_if<dtls::client_hello>(&ev.msg))
            print(handshake_message(static_cast<const client_hello&>(*ch)), dir);
        else if (const auto* m = std::get_if<handshake_message>(&ev.msg))
            print(*m, dir);
    }

    // print — one object per ClientHello, ServerHello and HelloRetryRequest;
    // every other message has no fingerprint. The long forms are written
    // whole (the write_* functions), never truncated.
    void print(const handshake_message& m, std::optional<direction> dir) {
        std::string text;
        auto into_text = [&text](std::string_view s) { text += s; };
        if (const auto* ch = std::get_if<client_hello>(&m)) {
            begin(m, dir);
            field("ja3", ja3(*ch));
            write_ja3_string(*ch, into_text);
            field("ja3_string", text);
            field("ja4", ja4(*ch, transport_));
            text.clear();
            write_ja4_r(*ch, transport_, into_text);
            field("ja4_r", text);
            field("ja4_o", ja4_o(*ch, transport_));
            text.clear();
            write_ja4_ro(*ch, transport_, into_text);
            field("ja4_ro", text);
        } else if (const auto* sh = std::get_if<server_hello>(&m)) {
            begin(m, dir);
            field("ja3s", ja3s(*sh));
            write_ja3s_string(*sh, into_text);
            field("ja3s_string", text);
        } else if (const auto* hrr = std::get_if<hello_retry_request>(&m)) {
            begin(m, dir);
            field("ja3s", ja3s(*hrr));
            write_ja3s_string(*hrr, into_text);
            field("ja3s_string", text);
        } else {
            return;
        }
        sink_.end_object();
        flush();
    }

    ja4_transport transport_;
    std::ostream& out_;
    print::json_sink sink_;
    const capture_connection* connection_ = nullptr;  // the capture's connection being read
    const capture_dtls_flow* flow_ = nullptr;         // or its DTLS flow
    int status_ = exit_ok;
};

}  // namespace

int fingerprint_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out,
                        std::ostream& err, const hooks&) {
    static constexpr std::string_view valued[] = {"c2s", "s2c"};
    static constexpr std::string_view flags[] = {"hex", "quic", "dtls", "help"};
    options o;
    std::string problem;
    if (!parse_options(args, valued, flags, o, problem)) return usage(err, "fingerprint", problem);
    if (o.has("help")) return help(out, "fingerprint");
    if (o.has("quic") && o.has("dtls")) return usage(err, "fingerprint", "--quic and --dtls exclude each other");
    inputs what;
    if (!parse_inputs(o, what, problem)) return usage(err, "fingerprint", problem);
    const ja4_transport transport =
        o.has("quic") ? ja4_transport::quic : o.has("dtls") ? ja4_transport::dtls : ja4_transport::tcp;

    fingerprinter f(transport, out);
    input_handlers handle;
    handle.stream = [&](bytes_view bytes) { f.stream(bytes); };
    handle.connection = [&](bytes_view c2s, bytes_view s2c) { f.connection(c2s, s2c); };
    handle.capture = [&](const std::string& path, bytes_view bytes) { f.capture(path, bytes, err); };
    handle.unreadable = [&](const input_problem& p) { f.report(p); };
    handle.bad_hex = [&](const error& e) { f.report(e); };
    const int read_status = read_inputs("fingerprint", what, o.has("hex"), in, err, handle);
    return f.status() != exit_ok ? f.status() : read_status;
}

}  // namespace tlswire::cli
