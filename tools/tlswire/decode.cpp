// tools/tlswire/decode.cpp — `tlswire decode`: records or bare handshake
// messages in, one JSON object (or text tree) per message and record out.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "backend.hpp"
#include "capture_input.hpp"
#include "cli.hpp"
#include "common.hpp"
#include "subcommands.hpp"
#include "tlswire/decryption.hpp"
#include "tlswire/dtls/bare_messages.hpp"
#include "tlswire/dtls/connection.hpp"
#include "tlswire/dtls/detect.hpp"
#include "tlswire/dtls/connection_keys.hpp"
#include "tlswire/messages.hpp"
#include "tlswire/print.hpp"
#include "tlswire/print/dtls.hpp"

namespace tlswire::cli {
namespace {

// epoch_name — "early", "handshake", "application", "application+N" (after N
// KeyUpdates), "tls12".
std::string epoch_name(key_epoch e) {
    std::string name(to_string(e.phase));
    if (e.phase == key_phase::application && e.generation != 0) name += "+" + std::to_string(e.generation);
    return name;
}

struct decode_config {
    bool hex = false;
    bool text = false;
    bool roundtrip = false;
    bool application_data = false;              // --application-data
    bool dtls = false;                          // --dtls
    std::optional<std::string> keylog;          // --keylog: the file's text
    std::optional<std::uint16_t> version;       // --version
    std::optional<std::uint16_t> cipher_suite;  // --cipher-suite
};

class decoder {
public:
    decoder(const decode_config& cfg, const hooks& h, std::ostream& out)
        : cfg_(cfg), hooks_(h), out_(out) {
        if (cfg.text) sink_ = std::make_unique<print::text_sink>();
        else sink_ = std::make_unique<print::json_sink>();
    }

    [[nodiscard]] int status() const noexcept { return status_; }

    // One input holding records or bare handshake messages, from one side.
    void decode_stream(bytes_view in) {
        const stream_options o = stream_options_for(in);
        context initial;
        initial.version = cfg_.version.value_or(0);
        initial.cipher_suite = cfg_.cipher_suite.value_or(0);
        stream_decoder dec(o, initial);
        bool stopped = false;
        const result<void> r = dec.decode(in, [&](const stream_event& ev) {
            if (!stopped && !print_event(ev, std::nullopt)) stopped = true;
        });
        if (!r && !stopped) report(r.err());
    }

    // Both directions of one connection, through the connection decoder
    // (one type with keys or without, so that it is compiled once).
    void decode_connection(bytes_view c2s, bytes_view s2c) {
        decode_connection(c2s, s2c, cfg_.keylog ? std::optional<std::string_view>(*cfg_.keylog) : std::nullopt);
    }

    // A pcap/pcapng capture: every TLS connection in it, as --c2s/--s2c
    // would decode its two streams, each object naming the connection; the
    // key log is --keylog's lines and the capture's own (pcapng Decryption
    // Secrets Blocks). Error offsets are absolute in the file.
    void decode_capture(const std::string& path, bytes_view file, std::ostream& err) {
        const capture_input cap = read_capture(file);
        const std::string keylog = capture_key_log(cfg_.keylog.value_or(std::string()), cap, "decode", path, err);
        const bool have_keys = cfg_.keylog || !cap.key_log().empty();
        for (const capture_connection& c : cap.connections) {
            connection_ = &c;
            decode_connection(c.c2s, c.s2c, have_keys ? std::optional<std::string_view>(keylog) : std::nullopt);
            // A direction cut short by the capture (a hole, a limit): say where.
            for (const direction d : {direction::c2s, direction::s2c})
                if (c.stream_error(d)) report_absolute(c.stream_error(d), d, std::nullopt);
            connection_ = nullptr;
        }
        // Its DTLS flows, as --dtls would decode their datagrams (offsets
        // are the file's already).
        for (const capture_dtls_flow& f : cap.dtls_flows) {
            flow_ = &f;
            decode_dtls_datagrams(f.datagrams, have_keys ? std::optional<std::string_view>(keylog) : std::nullopt);
            if (f.failure) report_absolute(f.failure, std::nullopt, std::nullopt);
            flow_ = nullptr;
        }
        if (cap.connections.empty() && cap.dtls_flows.empty())
            err << "tlswire decode: " << path << ": no TLS connection among the capture's " << cap.tcp_connections
                << " TCP connections, and no DTLS flow\n";
        if (cap.contents.packet_problem_count != 0) {
            for (const error& e : cap.contents.packet_problems)
                err << "tlswire decode: " << path << ": packet skipped at offset " << e.offset << ": "
                    << to_string(e.code) << " in " << e.where << "\n";
            if (cap.contents.packet_problem_count > cap.contents.packet_problems.size())
                err << "tlswire decode: " << path << ": "
                    << cap.contents.packet_problem_count - cap.contents.packet_problems.size()
                    << " more packets skipped\n";
        }
        if (const error e = cap.failure()) report(e);
    }

private:
    void decode_connection(bytes_view c2s, bytes_view s2c, std::optional<std::string_view> keylog) {
        decryption::connection_keys<backend> keys(keylog.value_or(std::string_view()));
        decryption::connection_decoder<backend> dec(strictness::strict);
        if (keylog) dec.use_keys(keys);
        bool stopped = false;
        const result<void> r = dec.decode(c2s, s2c, [&](const connection_event& ev) {
            if (!stopped && !print_event(ev, ev.dir)) stopped = true;
        });
        if (!r && !stopped) report(r.err(), dec.failed_direction());
    }

public:
    // --dtls --c2s/--s2c: each direction's DTLS records back to back,
    // through the DTLS connection decoder (with the key log's keys).
    void decode_dtls_connection(bytes_view c2s, bytes_view s2c) {
        decode_dtls([&](auto& dec, auto& on_event) { return dec.decode_streams(c2s, s2c, on_event); },
                    cfg_.keylog ? std::optional<std::string_view>(*cfg_.keylog) : std::nullopt);
    }

private:
    // decode_dtls_datagrams — a capture's DTLS flow, datagram by datagram.
    void decode_dtls_datagrams(std::span<const dtls::datagram> datagrams, std::optional<std::string_view> keylog) {
        decode_dtls([&](auto& dec, auto& on_event) { return dec.decode(datagrams, on_event); }, keylog);
    }

    // decode_dtls — the DTLS connection decoder (one type, with keys or
    // without, so that it is compiled once), run by `run(dec, on_event)`.
    template <class Run>
    void decode_dtls(Run run, std::optional<std::string_view> keylog) {
        using keys_t = dtls::connection_keys<backend>;
        keys_t keys(keylog.value_or(std::string_view()));
        dtls::basic_connection_decoder<keys_t> dec;
        if (keylog) dec.use_keys(keys);
        bool stopped = false;
        auto on_event = [&](const dtls::event& ev) {
            if (!stopped && !print_dtls_event(ev, ev.dir)) stopped = true;
        };
        const result<void> r = run(dec, on_event);
        if (!r && !stopped) report(r.err(), dec.failed_direction());
    }

public:

    // --dtls FILE: one side's DTLS records back to back (the side told by
    // the first handshake message: a ClientHello is the client's), or bare
    // DTLS handshake messages (12-byte headers, RFC 6347 §4.2.2), reassembled
    // when fragmented.
    void decode_dtls_stream(bytes_view in) {
        if (dtls::starts_with_record(in)) {
            const bool client = dtls::first_handshake_type(in) == 1;
            decode_dtls_connection(client ? in : bytes_view{}, client ? bytes_view{} : in);
            return;
        }
        context ctx;
        ctx.version = cfg_.version.value_or(0);
        ctx.cipher_suite = cfg_.cipher_suite.value_or(0);
        bool stopped = false;
        const auto r = dtls::decode_bare_messages(in, ctx, [&](const dtls::event& ev) {
            if (stopped) return;
            begin(std::nullopt);
            print::print_dtls_handshake(*sink_, ev);
            end();
            if (!check_dtls_roundtrip(ev, std::nullopt)) stopped = true;
        });
        if (!r && !stopped) report(r.err());
    }

    // report — an error object ({"dir"?, "error": {...}}); the status becomes 1.
    // In a capture's connection the offset becomes the file's and the
    // stream's own is kept as "stream_offset".
    void report(const error& e, std::optional<direction> dir = std::nullopt) {
        if (flow_ && dir) return report_absolute(e, *dir, std::nullopt);
        if (connection_ && dir) {
            error in_file = e;
            in_file.offset = connection_->file_offset(*dir, e.offset);
            report_absolute(in_file, *dir, e.offset);
            return;
        }
        print_error_object(*sink_, e, dir);
        flush();
        status_ = exit_failure;
    }

    // report — an input that cannot be read; the status becomes 1.
    void report(const input_problem& p) {
        print_input_problem(*sink_, p);
        flush();
        status_ = exit_failure;
    }

private:
    // report_absolute — an error whose offset is already the file's.
    void report_absolute(const error& e, std::optional<direction> dir, std::optional<std::size_t> stream_offset) {
        begin(dir);
        sink_->key("error");
        print::print_error_value(*sink_, e);
        if (stream_offset) {
            sink_->key("stream_offset");
            sink_->number(*stream_offset);
        }
        end();
        status_ = exit_failure;
    }

    // absolute — a stream offset as the file's, in a capture.
    std::size_t absolute(std::size_t offset, std::optional<direction> dir) const {
        return connection_ && dir ? connection_->file_offset(*dir, offset) : offset;
    }

    void begin(std::optional<direction> dir) {
        sink_->begin_object();
        if (connection_) print_connection(*sink_, *connection_);
        if (flow_) print_connection(*sink_, *flow_);
        if (dir) {
            sink_->key("dir");
            sink_->string(to_string(*dir));
        }
    }
    void end() {
        sink_->end_object();
        flush();
    }
    void flush() { out_ << sink_->take() << std::flush; }

    // print_event — print one event, and with --roundtrip check it
    // re-serializes to the bytes received. False: stop (a mismatch was printed).
    bool print_event(const stream_event& ev, std::optional<direction> dir) {
        begin(dir);
        if (ev.decrypted()) {
            sink_->key("protected");
            sink_->boolean(true);
            sink_->key("epoch");
            sink_->string(epoch_name(ev.epoch));
        }
        // What the record held: its fragment, or a decrypted record's plaintext.
        const bytes_view content = ev.decrypted() ? ev.plaintext : ev.rec.fragment;
        const std::size_t content_offset = ev.decrypted() ? ev.plaintext_offset : ev.record_offset + 5;
        switch (ev.kind) {
            case event_kind::handshake:
                print::print_handshake(*sink_, ev.message, ev.handshake, ev.ctx);
                end();
                return check_roundtrip(ev.message, ev.handshake, ev.ctx, ev.message_offset, dir);
            case event_kind::change_cipher_spec: {
                change_cipher_spec ccs{};
                ccs.type = content[0];
                print::print_change_cipher_spec(*sink_, content, ccs);
                end();
                return check_roundtrip_struct(content, ccs, ev.ctx, content_offset, dir);
            }
            case event_kind::alert:
                print::print_alert(*sink_, content, ev.alert_value, ev.ctx);
                end();
                return check_roundtrip_struct(content, ev.alert_value, ev.ctx, content_offset, dir);
            case event_kind::heartbeat:
                print::print_heartbeat(*sink_, content, ev.heartbeat);
                end();
                return check_roundtrip_struct(content, ev.heartbeat, ev.ctx, content_offset, dir);
            case event_kind::sslv2_client_hello:
                print::print_sslv2_client_hello(*sink_, ev.message, ev.sslv2);
                end();
                return check_roundtrip_sslv2(ev.message, ev.sslv2, 0, dir);
            case event_kind::application_data:
                sink_->key("type");
                sink_->string("application_data");
                sink_->key("length");
                sink_->number(content.size());
                if (cfg_.application_data) {
                    sink_->key("hex");
                    sink_->hex(content);
                }
                end();
                return true;
            case event_kind::encrypted:
                print::print_encrypted(*sink_, ev.rec.type, ev.rec.fragment.size());
                if (ev.decrypt_error) {
                    sink_->key("decrypt_error");
                    print::print_error_value(*sink_, ev.decrypt_error);
                }
                end();
                return true;
        }
        end();
        return true;
    }

    // print_dtls_event — one event of the DTLS connection decoder
    // (print/dtls.hpp has the shapes). False: stop (a mismatch was printed).
    bool print_dtls_event(const dtls::event& ev, std::optional<direction> dir) {
        begin(dir);
        print::print_dtls_record(*sink_, ev.rec);
        if (ev.decrypted()) {
            sink_->key("protected");
            sink_->boolean(true);
            sink_->key("keys");
            sink_->string(to_string(ev.keys));
        }
        const bytes_view content = ev.decrypted() ? ev.plaintext : ev.rec.payload;
        switch (ev.kind) {
            case dtls::event_kind::handshake:
                print::print_dtls_handshake(*sink_, ev);
                end();
                return check_dtls_roundtrip(ev, dir);
            case dtls::event_kind::fragment:
            case dtls::event_kind::retransmission: print::print_dtls_fragment(*sink_, ev); break;
            case dtls::event_kind::duplicate_record:
                sink_->key("type");
                sink_->string("duplicate_record");
                sink_->key("content_type");
                sink_->string(format(ev.rec.type).view());
                sink_->key("length");
                sink_->number(ev.rec.payload.size());
                break;
            case dtls::event_kind::change_cipher_spec: {
                change_cipher_spec ccs{};
                ccs.type = content.empty() ? 0 : content[0];
                print::print_change_cipher_spec(*sink_, content, ccs);
                break;
            }
            case dtls::event_kind::alert: print::print_alert(*sink_, content, ev.alert_value, ev.ctx); break;
            case dtls::event_kind::ack: print::print_dtls_ack(*sink_, content, ev.ack_value); break;
            case dtls::event_kind::application_data:
                sink_->key("type");
                sink_->string("application_data");
                sink_->key("length");
                sink_->number(content.size());
                if (cfg_.application_data) {
                    sink_->key("hex");
                    sink_->hex(content);
                }
                break;
            case dtls::event_kind::encrypted:
                print::print_encrypted(*sink_, ev.rec.type, ev.rec.payload.size());
                if (ev.decrypt_error) {
                    sink_->key("decrypt_error");
                    print::print_error_value(*sink_, ev.decrypt_error);
                }
                break;
        }
        end();
        return true;
    }

    // check_dtls_roundtrip — --roundtrip for a DTLS message: its body again.
    bool check_dtls_roundtrip(const dtls::event& ev, std::optional<direction> dir) {
        if (!cfg_.roundtrip) return true;
        std::vector<std::uint8_t> again;
        writer w(again);
        dtls::write_body(w, ev.msg, ev.ctx);
        name_buf scratch;
        return compare(ev.body, again, w.ok(), w.ok() ? error{} : w.err(), print::dtls_message_type_name(ev.msg, scratch),
                       ev.origin.offset(0), dir);
    }

    // check_roundtrip — --roundtrip: serialize the parsed message again and
    // compare with what was received. On a difference, print both and fail.
    bool check_roundtrip(bytes_view raw, const handshake_message& m, const context& ctx, std::size_t offset,
                         std::optional<direction> dir) {
        if (!cfg_.roundtrip) return true;
        std::vector<std::uint8_t> again;
        bool ok = true;
        error serialize_error{};
        if (hooks_.reserialize) {
            ok = hooks_.reserialize(m, ctx, again);
        } else {
            const auto r = serialize_handshake(m, again, ctx);
            if (!r) {
                ok = false;
                serialize_error = r.err();
            }
        }
        name_buf scratch;
        return compare(raw, again, ok, serialize_error, print::message_type_name(m, scratch), offset, dir);
    }

    template <class T>
    bool check_roundtrip_struct(bytes_view raw, const T& v, const context& ctx, std::size_t offset,
                                std::optional<direction> dir) {
        if (!cfg_.roundtrip) return true;
        std::vector<std::uint8_t> again;
        const auto r = serialize(v, again, ctx);
        return compare(raw, again, static_cast<bool>(r), r ? error{} : r.err(), T::wire_name, offset, dir);
    }

    bool check_roundtrip_sslv2(bytes_view raw, const sslv2_client_hello& h, std::size_t offset,
                               std::optional<direction> dir) {
        if (!cfg_.roundtrip) return true;
        std::vector<std::uint8_t> again;
        const auto r = serialize_sslv2_client_hello(h, again);
        return compare(raw, again, static_cast<bool>(r), r ? error{} : r.err(), "sslv2_client_hello", offset, dir);
    }

    bool compare(bytes_view raw, bytes_view again, bool serialized, const error& serialize_error,
                 std::string_view type, std::size_t offset, std::optional<direction> dir) {
        if (serialized && equal_bytes(raw, again)) return true;
        std::size_t first = 0;
        while (first < raw.size() && first < again.size() && raw[first] == again[first]) ++first;
        begin(dir);
        sink_->key("roundtrip_mismatch");
        sink_->begin_object();
        sink_->key("type");
        sink_->string(type);
        sink_->key("offset");
        sink_->number(absolute(offset, dir));
        sink_->key("first_difference");
        sink_->number(first);
        sink_->key("original");
        sink_->hex(raw);
        sink_->key("reserialized");
        sink_->hex(again);
        if (serialize_error) {
            sink_->key("serialize_error");
            print::print_error_value(*sink_, serialize_error);
        }
        sink_->end_object();
        end();
        status_ = exit_failure;
        return false;
    }

    const decode_config& cfg_;
    const hooks& hooks_;
    std::ostream& out_;
    std::unique_ptr<print::sink> sink_;
    const capture_connection* connection_ = nullptr;  // the capture's connection being decoded
    const capture_dtls_flow* flow_ = nullptr;         // or its DTLS flow
    int status_ = exit_ok;
};

std::optional<std::uint16_t> parse_version(std::string_view s) {
    if (s == "dtls10") return 0xfeff;
    if (s == "dtls12") return 0xfefd;
    if (s == "dtls13") return 0xfefc;
    if (s == "tls10") return 0x0301;
    if (s == "tls11") return 0x0302;
    if (s == "tls12") return 0x0303;
    if (s == "tls13") return 0x0304;
    return std::nullopt;
}

// parse_cipher_suite — an IANA name (TLS_AES_128_GCM_SHA256) or 0xHHHH.
std::optional<std::uint16_t> parse_cipher_suite(std::string_view s) {
    if (s.size() == 6 && (s.substr(0, 2) == "0x" || s.substr(0, 2) == "0X")) {
        std::uint16_t v = 0;
        const auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), v, 16);
        if (ec == std::errc{} && end == s.data() + s.size()) return v;
        return std::nullopt;
    }
    cipher_suite cs{};
    if (from_string(s, cs)) return static_cast<std::uint16_t>(cs);
    return std::nullopt;
}

}  // namespace

int decode_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
                   const hooks& h) {
    static constexpr std::string_view valued[] = {"version", "cipher-suite", "c2s", "s2c", "keylog"};
    static constexpr std::string_view flags[] = {"hex", "roundtrip", "text", "application-data", "dtls", "help"};
    options o;
    std::string problem;
    if (!parse_options(args, valued, flags, o, problem)) return usage(err, "decode", problem);
    if (o.has("help")) return help(out, "decode");
    decode_config cfg;
    cfg.hex = o.has("hex");
    cfg.text = o.has("text");
    cfg.roundtrip = o.has("roundtrip");
    cfg.application_data = o.has("application-data");
    cfg.dtls = o.has("dtls");
    if (const auto* v = o.value("version")) {
        cfg.version = parse_version(*v);
        if (!cfg.version)
            return usage(err, "decode", "--version must be tls10, tls11, tls12, tls13, dtls10, dtls12 or dtls13, not " + *v);
        if (cfg.dtls != is_dtls(static_cast<protocol_version>(*cfg.version)))
            return usage(err, "decode", cfg.dtls ? "--dtls takes --version dtls10, dtls12 or dtls13"
                                                 : "--version " + *v + " needs --dtls");
    }
    if (const auto* v = o.value("cipher-suite")) {
        cfg.cipher_suite = parse_cipher_suite(*v);
        if (!cfg.cipher_suite)
            return usage(err, "decode", "--cipher-suite must be an IANA cipher suite name or 0xHHHH, not " + *v);
    }
    inputs what;
    if (!parse_inputs(o, what, problem)) return usage(err, "decode", problem);
    if (what.connection && (cfg.version || cfg.cipher_suite))
        return usage(err, "decode", "--c2s/--s2c take the context from the hellos: no --version/--cipher-suite");
    // --keylog and --application-data need both directions: --c2s/--s2c, or
    // captures (checked when a FILE turns out to be one).
    if (cfg.application_data && what.connection && !o.has("keylog"))
        return usage(err, "decode", "--application-data needs --keylog");
    if (const auto* k = o.value("keylog")) {
        std::vector<std::uint8_t> text;
        input_problem p;
        error unused;
        if (!read_input(*k, in, false, text, p, unused)) {
            err << "tlswire decode: " << p.message() << "\n";
            return exit_failure;
        }
        cfg.keylog = std::string(text.begin(), text.end());
        report_keylog_errors("decode", *k, *cfg.keylog, err);
    }

    decoder d(cfg, h, out);
    input_handlers handle;
    bool misused = false;  // an option that does not apply to a FILE's kind: exit 2
    handle.stream = [&](bytes_view bytes) {
        if (o.has("keylog") || cfg.application_data) {
            misused = true;
            usage(err, "decode", "--keylog and --application-data need both directions: --c2s and --s2c, "
                                 "or a pcap/pcapng capture");
            return;
        }
        if (cfg.dtls) d.decode_dtls_stream(bytes);
        else d.decode_stream(bytes);
    };
    handle.capture = [&](const std::string& path, bytes_view bytes) {
        if (cfg.version || cfg.cipher_suite) {
            misused = true;
            usage(err, "decode", path + " is a capture: its connections take the context from the hellos, "
                                        "no --version/--cipher-suite");
            return;
        }
        d.decode_capture(path, bytes, err);
    };
    handle.connection = [&](bytes_view c2s, bytes_view s2c) {
        if (cfg.dtls) d.decode_dtls_connection(c2s, s2c);
        else d.decode_connection(c2s, s2c);
    };
    handle.unreadable = [&](const input_problem& p) { d.report(p); };
    handle.bad_hex = [&](const error& e) { d.report(e); };
    const int read_status = read_inputs("decode", what, cfg.hex, in, err, handle);
    if (misused) return exit_usage;
    return d.status() != exit_ok ? d.status() : read_status;
}

}  // namespace tlswire::cli
