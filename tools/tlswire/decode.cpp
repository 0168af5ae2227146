// tools/tlswire/decode.cpp — `tlswire decode`: records or bare handshake
// messages in, one JSON object (or text tree) per message and record out.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "common.hpp"
#include "subcommands.hpp"
#include "tlswire/messages.hpp"
#include "tlswire/print.hpp"

namespace tlswire::cli {
namespace {

struct decode_config {
    bool hex = false;
    bool text = false;
    bool roundtrip = false;
    std::optional<std::uint16_t> version;       // --version
    std::optional<std::uint16_t> cipher_suite;  // --cipher-suite
};

// The version a ServerHello selects: supported_versions' selected_version
// (RFC 8446 §4.2.1), else legacy_version. Read leniently and without a
// version, because the strict parse of the ServerHello needs the answer.
std::uint16_t selected_version(bytes_view message, std::uint16_t fallback) {
    context lenient;
    lenient.mode = strictness::lenient;
    const auto sh = parse_handshake(message, lenient);
    if (!sh || !std::holds_alternative<server_hello>(*sh)) return fallback;
    const auto& hello = std::get<server_hello>(*sh);
    if (const auto sv = hello.extensions.find(extension_type::supported_versions); sv && sv->size() == 2)
        return static_cast<std::uint16_t>(((*sv)[0] << 8) | (*sv)[1]);
    return static_cast<std::uint16_t>(hello.legacy_version);
}

class decoder {
public:
    decoder(const decode_config& cfg, const hooks& h, std::ostream& out)
        : cfg_(cfg), hooks_(h), out_(out) {
        if (cfg.text) sink_ = std::make_unique<print::text_sink>();
        else sink_ = std::make_unique<print::json_sink>();
    }

    [[nodiscard]] int status() const noexcept { return status_; }

    // One input holding records or bare handshake messages.
    void decode_stream(bytes_view in) {
        ctx_ = context{};
        ctx_.version = cfg_.version.value_or(0);
        ctx_.cipher_suite = cfg_.cipher_suite.value_or(0);
        if (is_sslv2_client_hello(in)) {
            // RFC 5246 Appendix E.2: a client's first bytes may be an SSL
            // 2.0-compatible ClientHello, without a record header; TLS records follow.
            error e;
            reader r(in, e);
            const sslv2_client_hello h = read_sslv2_client_hello(r, ctx_);
            if (e) return report(e);
            const bytes_view raw = in.first(r.position());
            begin(std::nullopt);
            print::print_sslv2_client_hello(*sink_, raw, h);
            end();
            if (!check_roundtrip_sslv2(raw, h, 0, std::nullopt)) return;
            return decode_records(in.subspan(raw.size()), raw.size());
        }
        if (looks_like_records(in)) decode_records(in);
        else decode_messages(in);
    }

    // Both directions of one connection, through the connection decoder.
    void decode_connection(bytes_view c2s, bytes_view s2c) {
        connection_decoder dec(strictness::strict);
        bool stopped = false;
        const result<void> r = dec.decode(c2s, s2c, [&](const connection_event& ev) {
            if (stopped) return;
            const direction dir = ev.dir;
            switch (ev.kind) {
                case event_kind::handshake: {
                    begin(dir);
                    print::print_handshake(*sink_, ev.message, ev.handshake, ev.ctx);
                    end();
                    // The message's offset in its direction's stream (the record's
                    // when the message was reassembled from several records).
                    const bytes_view stream = dir == direction::c2s ? c2s : s2c;
                    const bool inside = !stream.empty() && ev.message.data() >= stream.data() &&
                                        ev.message.data() < stream.data() + stream.size();
                    const std::size_t at =
                        inside ? static_cast<std::size_t>(ev.message.data() - stream.data()) : ev.record_offset;
                    if (!check_roundtrip(ev.message, ev.handshake, ev.ctx, at, dir))
                        stopped = true;
                    break;
                }
                case event_kind::change_cipher_spec: {
                    change_cipher_spec ccs{};
                    if (!ev.rec.fragment.empty()) ccs.type = ev.rec.fragment[0];
                    begin(dir);
                    print::print_change_cipher_spec(*sink_, ev.rec.fragment, ccs);
                    end();
                    if (!check_roundtrip_struct(ev.rec.fragment, ccs, ev.ctx, ev.record_offset + 5, dir)) stopped = true;
                    break;
                }
                case event_kind::alert:
                    begin(dir);
                    print::print_alert(*sink_, ev.rec.fragment, ev.alert_value, ev.ctx);
                    end();
                    if (!check_roundtrip_struct(ev.rec.fragment, ev.alert_value, ev.ctx, ev.record_offset + 5, dir))
                        stopped = true;
                    break;
                case event_kind::sslv2_client_hello:
                    begin(dir);
                    print::print_sslv2_client_hello(*sink_, ev.message, ev.sslv2);
                    end();
                    if (!check_roundtrip_sslv2(ev.message, ev.sslv2, 0, dir)) stopped = true;
                    break;
                case event_kind::encrypted:
                    begin(dir);
                    print::print_encrypted(*sink_, ev.rec.type, ev.rec.fragment.size());
                    end();
                    break;
            }
        });
        if (!r && !stopped) report(r.err(), dec.failed_direction());
    }

    // report — an error object ({"dir"?, "error": {...}}); the status becomes 1.
    void report(const error& e, std::optional<direction> dir = std::nullopt) {
        sink_->begin_object();
        if (dir) {
            sink_->key("dir");
            sink_->string(to_string(*dir));
        }
        sink_->key("error");
        sink_->begin_object();
        sink_->key("code");
        sink_->string(to_string(e.code));
        sink_->key("offset");
        sink_->number(e.offset);
        sink_->key("where");
        sink_->string(e.where);
        sink_->end_object();
        sink_->end_object();
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
    void begin(std::optional<direction> dir) {
        sink_->begin_object();
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
        sink_->number(offset);
        sink_->key("first_difference");
        sink_->number(first);
        sink_->key("original");
        sink_->hex(raw);
        sink_->key("reserialized");
        sink_->hex(again);
        if (serialize_error) {
            sink_->key("serialize_error");
            sink_->begin_object();
            sink_->key("code");
            sink_->string(to_string(serialize_error.code));
            sink_->key("offset");
            sink_->number(serialize_error.offset);
            sink_->key("where");
            sink_->string(serialize_error.where);
            sink_->end_object();
        }
        sink_->end_object();
        end();
        status_ = exit_failure;
        return false;
    }

    // learn — a hello in the input supplies what the flags did not.
    void learn(const handshake_message& m, const context& parsed_with) {
        if (const auto* sh = std::get_if<server_hello>(&m)) {
            if (!cfg_.version) ctx_.version = parsed_with.version;
            if (!cfg_.cipher_suite) ctx_.cipher_suite = static_cast<std::uint16_t>(sh->cipher_suite);
        } else if (const auto* hrr = std::get_if<hello_retry_request>(&m)) {
            if (!cfg_.version) ctx_.version = 0x0304;
            if (!cfg_.cipher_suite) ctx_.cipher_suite = static_cast<std::uint16_t>(hrr->cipher_suite);
        }
    }

    // message — parse, print and check one whole handshake message that
    // starts at absolute offset `base` of the input. False stops the input.
    bool message(bytes_view msg, std::size_t base) {
        context c = ctx_;
        if (!cfg_.version && msg.size() >= 4 && msg[0] == static_cast<std::uint8_t>(handshake_type::server_hello) &&
            !is_hello_retry_request(msg.subspan(4)))
            c.version = selected_version(msg, c.version);
        error e;
        reader r(msg, e, base);
        const handshake_message m = read_handshake(r, c);
        r.expect_end("Handshake");
        if (e) {
            report(e);
            return false;
        }
        learn(m, c);
        begin(std::nullopt);
        print::print_handshake(*sink_, msg, m, c);
        end();
        return check_roundtrip(msg, m, c, base, std::nullopt);
    }

    void decode_messages(bytes_view in) {
        error e;
        reader r(in, e);
        while (!r.empty()) {
            const std::size_t at = r.position();
            r.u8("msg_type");
            (void)r.prefixed(3, 0, 0xffffff, "length").take_rest();
            if (e) {
                report(e);
                return;
            }
            if (!message(in.subspan(at, r.position() - at), at)) return;
        }
    }

    // decode_records — `in` starts at absolute offset `base` of the input.
    void decode_records(bytes_view in, std::size_t base = 0) {
        error e;
        reader r(in, e, base);
        handshake_reassembler reassembler;
        bool encrypting = false;  // before TLS 1.3: this stream has sent ChangeCipherSpec
        context lenient;
        lenient.mode = strictness::lenient;  // the length limit depends on protection: checked below
        while (!r.empty()) {
            const std::size_t at = r.offset();
            record rec{};
            described_format::read(r, rec, "TLSPlaintext", lenient);
            if (e) return report(e);
            bool encrypted = rec.type == content_type::application_data ||
                             (encrypting && rec.type != content_type::change_cipher_spec);
            // TLS 1.3 HelloRetryRequest flow (RFC 8446 §D.4): a client may send its
            // compatibility CCS before its second ClientHello, which is still
            // plaintext. A single stream cannot know the version, so a record that
            // holds exactly one ClientHello is read as one (ciphertext matches
            // that pattern with probability 2^-32).
            if (encrypted && rec.type == content_type::handshake && rec.fragment.size() >= 4 &&
                rec.fragment[0] == static_cast<std::uint8_t>(handshake_type::client_hello) &&
                ((std::size_t{rec.fragment[1]} << 16) | (std::size_t{rec.fragment[2]} << 8) | rec.fragment[3]) + 4 ==
                    rec.fragment.size())
                encrypted = false;
            const std::size_t limit = !encrypted        ? max_plaintext_length
                                      : ctx_.is_tls13() ? max_ciphertext_length_tls13
                                                        : max_ciphertext_length_tls12;
            if (rec.fragment.size() > limit) return report(error{errc::length_out_of_range, at + 3, "length"});
            if (encrypted) {
                begin(std::nullopt);
                print::print_encrypted(*sink_, rec.type, rec.fragment.size());
                end();
                continue;
            }
            error fe;
            reader fr(rec.fragment, fe, at + 5);
            switch (rec.type) {
                case content_type::change_cipher_spec: {
                    change_cipher_spec ccs{};
                    described_format::read(fr, ccs, "change_cipher_spec", ctx_);
                    fr.expect_end("change_cipher_spec");
                    if (fe) return report(fe);
                    if (!ctx_.is_tls13()) encrypting = true;
                    begin(std::nullopt);
                    print::print_change_cipher_spec(*sink_, rec.fragment, ccs);
                    end();
                    if (!check_roundtrip_struct(rec.fragment, ccs, ctx_, at + 5, std::nullopt)) return;
                    break;
                }
                case content_type::alert: {
                    alert a{};
                    described_format::read(fr, a, "alert", ctx_);
                    fr.expect_end("alert");
                    if (fe) return report(fe);
                    begin(std::nullopt);
                    print::print_alert(*sink_, rec.fragment, a, ctx_);
                    end();
                    if (!check_roundtrip_struct(rec.fragment, a, ctx_, at + 5, std::nullopt)) return;
                    break;
                }
                case content_type::handshake: {
                    // RFC 8446 §5.1: no zero-length handshake fragments.
                    if (rec.fragment.empty()) return report(error{errc::length_out_of_range, at + 3, "length"});
                    bool go_on = true;
                    const auto fed = reassembler.feed(rec.fragment, [&](bytes_view msg) {
                        if (!go_on) return;
                        const bool inside = msg.data() >= rec.fragment.data() &&
                                            msg.data() + msg.size() <= rec.fragment.data() + rec.fragment.size();
                        const std::size_t base =
                            inside ? at + 5 + static_cast<std::size_t>(msg.data() - rec.fragment.data()) : at + 5;
                        go_on = message(msg, base);
                    });
                    if (!go_on) return;
                    if (!fed) return report(error{fed.err().code, at + 5, fed.err().where});
                    break;
                }
                default:
                    return report(error{errc::illegal_value, at, "type"});
            }
        }
        if (reassembler.has_partial()) report(error{errc::truncated, base + in.size(), "Handshake"});
    }

    const decode_config& cfg_;
    const hooks& hooks_;
    std::ostream& out_;
    std::unique_ptr<print::sink> sink_;
    context ctx_{};
    int status_ = exit_ok;
};

std::optional<std::uint16_t> parse_version(std::string_view s) {
    if (s == "tls10") return 0x0301;
    if (s == "tls11") return 0x0302;
    if (s == "tls12") return 0x0303;
    if (s == "tls13") return 0x0304;
    return std::nullopt;
}

// parse_cipher_suite — an IANA name (TLS_AES_128_GCM_SHA256) or 0xHHHH.
std::optional<std::uint16_t> parse_cipher_suite(std::string_view s) {
    if (s.size() == 6 && (s.substr(0, 2) == "0x" || s.substr(0, 2) == "0X")) {
        const auto v = parse_hex(s.substr(2), "cipher_suite");
        if (v && v->size() == 2) return static_cast<std::uint16_t>(((*v)[0] << 8) | (*v)[1]);
        return std::nullopt;
    }
    cipher_suite cs{};
    if (from_string(s, cs)) return static_cast<std::uint16_t>(cs);
    return std::nullopt;
}

}  // namespace

int decode_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
                   const hooks& h) {
    static constexpr std::string_view valued[] = {"version", "cipher-suite", "c2s", "s2c"};
    static constexpr std::string_view flags[] = {"hex", "roundtrip", "text", "help"};
    options o;
    std::string problem;
    if (!parse_options(args, valued, flags, o, problem)) return usage(err, "decode", problem);
    if (o.has("help")) return help(out, "decode");
    decode_config cfg;
    cfg.hex = o.has("hex");
    cfg.text = o.has("text");
    cfg.roundtrip = o.has("roundtrip");
    if (const auto* v = o.value("version")) {
        cfg.version = parse_version(*v);
        if (!cfg.version) return usage(err, "decode", "--version must be tls10, tls11, tls12 or tls13, not " + *v);
    }
    if (const auto* v = o.value("cipher-suite")) {
        cfg.cipher_suite = parse_cipher_suite(*v);
        if (!cfg.cipher_suite)
            return usage(err, "decode", "--cipher-suite must be an IANA cipher suite name or 0xHHHH, not " + *v);
    }
    const bool connection = o.has("c2s") || o.has("s2c");
    if (connection) {
        if (!o.has("c2s") || !o.has("s2c")) return usage(err, "decode", "--c2s and --s2c go together");
        if (!o.operands.empty()) return usage(err, "decode", "--c2s/--s2c take no other input files");
        if (cfg.version || cfg.cipher_suite)
            return usage(err, "decode", "--c2s/--s2c take the context from the hellos: no --version/--cipher-suite");
    }

    decoder d(cfg, h, out);
    auto load = [&](const std::string& path, std::vector<std::uint8_t>& bytes) -> bool {
        error hex_error{};
        input_problem unreadable;
        if (!read_input(path, in, cfg.hex, bytes, unreadable, hex_error)) {
            err << "tlswire decode: " << unreadable.message() << '\n';
            d.report(unreadable);
            return false;
        }
        if (hex_error) {
            d.report(hex_error);
            return false;
        }
        return true;
    };

    if (connection) {
        std::vector<std::uint8_t> c2s, s2c;
        if (!load(*o.value("c2s"), c2s) || !load(*o.value("s2c"), s2c)) return exit_failure;
        d.decode_connection(c2s, s2c);
        return d.status();
    }
    std::vector<std::string> files = o.operands;
    if (files.empty()) files.emplace_back("-");
    int status = exit_ok;
    for (const std::string& f : files) {
        std::vector<std::uint8_t> bytes;
        if (!load(f, bytes)) {
            status = exit_failure;
            continue;
        }
        d.decode_stream(bytes);
    }
    return d.status() != exit_ok ? d.status() : status;
}

}  // namespace tlswire::cli
