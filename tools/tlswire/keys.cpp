// tools/tlswire/keys.cpp — the key-schedule subcommands: prf,
// master-secret, hkdf-expand-label, transcript-hash, finished, tls13-secrets.
//
// Each is a thin shell over tlswire's schedule/ functions. The hash comes
// from the OpenSSL backend when the tool is built with it
// (TLSWIRE_HAVE_OPENSSL), from the constexpr reference backend otherwise;
// the results are the same by the backend contract (crypto/backend.hpp).
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "common.hpp"
#include "subcommands.hpp"
#include "tlswire/crypto.hpp"
#include "tlswire/print/message.hpp"
#include "tlswire/messages/handshake.hpp"
#include "tlswire/messages/stream.hpp"
#include "tlswire/print/json.hpp"
#include "tlswire/schedule.hpp"
#ifdef TLSWIRE_HAVE_OPENSSL
#include "tlswire/crypto/openssl.hpp"
#endif

namespace tlswire::cli {
namespace {

#ifdef TLSWIRE_HAVE_OPENSSL
namespace backend = tlswire::crypto::openssl;
#else
namespace backend = tlswire::crypto::reference;
#endif

enum class hash_id { md5_sha1, sha1, sha224, sha256, sha384, sha512 };

std::optional<hash_id> parse_hash(std::string_view s) {
    if (s == "md5-sha1" || s == "md5_sha1") return hash_id::md5_sha1;
    if (s == "sha1") return hash_id::sha1;
    if (s == "sha224") return hash_id::sha224;
    if (s == "sha256") return hash_id::sha256;
    if (s == "sha384") return hash_id::sha384;
    if (s == "sha512") return hash_id::sha512;
    return std::nullopt;
}

// with_hash — f.template operator()<H>() for the backend's hash H.
template <class F>
int with_hash(hash_id id, F&& f) {
    switch (id) {
        case hash_id::md5_sha1: return f.template operator()<backend::md5_sha1>();
        case hash_id::sha1: return f.template operator()<backend::sha1>();
        case hash_id::sha224: return f.template operator()<backend::sha224>();
        case hash_id::sha256: return f.template operator()<backend::sha256>();
        case hash_id::sha384: return f.template operator()<backend::sha384>();
        case hash_id::sha512: return f.template operator()<backend::sha512>();
    }
    return exit_failure;
}

// A parsed command line: options plus the checks every subcommand makes.
struct command {
    std::string_view name;
    options o;
    int status = -1;  // set when parsing already decided the outcome (help, usage error)
    std::ostream& err;

    int fail(std::string_view problem) {
        status = usage(err, name, problem);
        return status;
    }

    // need — a required option's value.
    const std::string* need(std::string_view opt) {
        const std::string* v = o.value(opt);
        if (!v && status < 0) fail("missing --" + std::string(opt));
        return v;
    }

    std::optional<hash_id> hash(std::span<const hash_id> allowed, std::string_view allowed_text) {
        const std::string* v = need("hash");
        if (!v) return std::nullopt;
        const auto h = parse_hash(*v);
        bool ok = false;
        for (hash_id a : allowed) ok = ok || (h && *h == a);
        if (!ok) {
            fail("--hash must be " + std::string(allowed_text) + ", not " + *v);
            return std::nullopt;
        }
        return h;
    }

    std::optional<std::vector<std::uint8_t>> hex(std::string_view opt, bool required = true) {
        const std::string* v = required ? need(opt) : o.value(opt);
        if (!v) return std::nullopt;
        auto r = parse_hex(*v, opt);
        if (!r) {
            fail("--" + std::string(opt) + " is not hex (" + std::string(to_string(r.err().code)) + " at character " +
                 std::to_string(r.err().offset) + ")");
            return std::nullopt;
        }
        return std::move(*r);
    }

    std::optional<std::size_t> length(std::size_t max) {
        const std::string* v = need("length");
        if (!v) return std::nullopt;
        std::size_t n = 0;
        const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
        if (ec != std::errc{} || end != v->data() + v->size() || n == 0 || n > max) {
            fail("--length must be a number from 1 to " + std::to_string(max) + ", not " + *v);
            return std::nullopt;
        }
        return n;
    }
};

// parse — the shared start of every subcommand: options, --help, no stray operands.
bool parse(command& c, std::span<const std::string_view> args, std::span<const std::string_view> valued,
           std::span<const std::string_view> flags, std::ostream& out, std::size_t max_operands) {
    std::string problem;
    if (!parse_options(args, valued, flags, c.o, problem)) {
        c.fail(problem);
        return false;
    }
    if (c.o.has("help")) {
        c.status = help(out, c.name);
        return false;
    }
    if (c.o.operands.size() > max_operands) {
        c.fail("unexpected argument " + c.o.operands[max_operands]);
        return false;
    }
    return true;
}

constexpr hash_id prf_hashes[] = {hash_id::sha256, hash_id::sha384, hash_id::sha512, hash_id::sha224,
                                  hash_id::md5_sha1};
constexpr std::string_view prf_hashes_text = "sha256, sha384, sha512, sha224 or md5-sha1";
constexpr hash_id tls13_hashes[] = {hash_id::sha256, hash_id::sha384, hash_id::sha512};
constexpr std::string_view tls13_hashes_text = "sha256, sha384 or sha512";
constexpr hash_id transcript_hashes[] = {hash_id::sha256, hash_id::sha384, hash_id::sha512, hash_id::sha1,
                                         hash_id::md5_sha1};
constexpr std::string_view transcript_hashes_text = "sha256, sha384, sha512, sha1 or md5-sha1";

// The largest PRF output the tool computes: far more than any key block.
constexpr std::size_t max_prf_length = 1u << 16;

// messages_of — the handshake messages in FILE (records or bare messages).
// Errors are printed as the decode subcommand prints them; returns false then.
struct transcript_input {
    std::vector<std::uint8_t> bytes;
    std::vector<std::vector<std::uint8_t>> messages;
};

bool load_transcript(command& c, std::istream& in, std::ostream& out, transcript_input& t) {
    const std::string path = c.o.operands.empty() ? std::string("-") : c.o.operands[0];
    input_problem unreadable;
    error hex_error{};
    auto report = [&](const error& e) {
        print::json_sink s;
        print::print_error(s, e);
        out << s.str();
        c.status = exit_failure;
        return false;
    };
    if (!read_input(path, in, c.o.has("hex"), t.bytes, unreadable, hex_error)) {
        c.err << "tlswire " << c.name << ": " << unreadable.message() << '\n';
        print::json_sink s;
        print_input_problem(s, unreadable);
        out << s.str();
        c.status = exit_failure;
        return false;
    }
    if (hex_error) return report(hex_error);
    // The library's stream decoder frames the messages (only the hellos are
    // parsed, leniently: a transcript holds both sides' messages); the
    // transcript ends at the first protected record.
    stream_options o;
    o.mode = strictness::lenient;
    o.input = looks_like_records(t.bytes) || is_sslv2_client_hello(t.bytes) ? framing::records
                                                                            : framing::handshake_messages;
    o.parse_messages = false;
    stream_decoder dec(o);
    bool protected_seen = false;
    const auto r = dec.decode(t.bytes, [&](const stream_event& ev) {
        if (ev.kind == event_kind::encrypted || ev.kind == event_kind::change_cipher_spec) protected_seen = true;
        if (ev.kind == event_kind::handshake && !protected_seen) t.messages.emplace_back(ev.message.begin(), ev.message.end());
    });
    if (!r) return report(r.err());
    return true;
}

bool is_hrr(bytes_view msg) {
    return msg.size() >= 4 && msg[0] == static_cast<std::uint8_t>(handshake_type::server_hello) &&
           is_hello_retry_request(msg.subspan(4));
}

// add — one message to a transcript, applying RFC 8446 §4.4.1: when the
// server answers ClientHello1 with a HelloRetryRequest, ClientHello1 is
// replaced by message_hash(Hash(ClientHello1)).
template <class H>
void add(schedule::transcript<H>& t, bytes_view msg, bool first) {
    if (!first && is_hrr(msg)) t.restart_after_hello_retry_request();
    t.update(msg);
}

}  // namespace

int prf_command(std::span<const std::string_view> args, std::istream&, std::ostream& out, std::ostream& err,
                    const hooks&) {
    static constexpr std::string_view valued[] = {"hash", "secret", "label", "seed", "length"};
    static constexpr std::string_view flags[] = {"help"};
    command c{"prf", {}, -1, err};
    if (!parse(c, args, valued, flags, out, 0)) return c.status;
    const auto h = c.hash(prf_hashes, prf_hashes_text);
    const auto secret = c.hex("secret");
    const std::string* label = c.need("label");
    const auto seed = c.hex("seed");
    const auto n = c.length(max_prf_length);
    if (c.status >= 0) return c.status;
    return with_hash(*h, [&]<class H>() {
        std::vector<std::uint8_t> o(*n);
        tls12::prf<H>(*secret, *label, *seed, o);
        out << to_hex(o) << '\n';
        return exit_ok;
    });
}

int master_secret_command(std::span<const std::string_view> args, std::istream&, std::ostream& out, std::ostream& err,
                    const hooks&) {
    static constexpr std::string_view valued[] = {"hash", "pre-master", "client-random", "server-random",
                                                  "session-hash"};
    static constexpr std::string_view flags[] = {"help"};
    command c{"master-secret", {}, -1, err};
    if (!parse(c, args, valued, flags, out, 0)) return c.status;
    const auto h = c.hash(prf_hashes, prf_hashes_text);
    const auto pms = c.hex("pre-master");
    const bool ems = c.o.has("session-hash");
    const bool randoms = c.o.has("client-random") || c.o.has("server-random");
    if (c.status >= 0) return c.status;
    if (ems == randoms)
        return c.fail("give either --client-random and --server-random, or --session-hash (extended master secret)");
    std::optional<std::vector<std::uint8_t>> session_hash, client_random, server_random;
    if (ems) session_hash = c.hex("session-hash");
    else {
        client_random = c.hex("client-random");
        server_random = c.hex("server-random");
    }
    if (c.status >= 0) return c.status;
    return with_hash(*h, [&]<class H>() {
        // RFC 7627 §4 (extended master secret) or RFC 5246 §8.1.
        const auto ms = ems ? tls12::extended_master_secret<H>(*pms, *session_hash)
                            : tls12::master_secret<H>(*pms, *client_random, *server_random);
        out << to_hex(ms) << '\n';
        return exit_ok;
    });
}

int hkdf_expand_label_command(std::span<const std::string_view> args, std::istream&, std::ostream& out, std::ostream& err,
                    const hooks&) {
    static constexpr std::string_view valued[] = {"hash", "secret", "label", "context", "length"};
    static constexpr std::string_view flags[] = {"help"};
    command c{"hkdf-expand-label", {}, -1, err};
    if (!parse(c, args, valued, flags, out, 0)) return c.status;
    const auto h = c.hash(tls13_hashes, tls13_hashes_text);
    const auto secret = c.hex("secret");
    const std::string* label = c.need("label");
    const auto context = c.hex("context", false);
    const auto n = c.length(0xffff);
    if (c.status >= 0) return c.status;
    return with_hash(*h, [&]<class H>() {
        std::vector<std::uint8_t> o(*n);
        const bytes_view ctx = context ? bytes_view(*context) : bytes_view{};
        // RFC 8446 §7.1: HKDF-Expand-Label(Secret, Label, Context, Length).
        const result<void> r = tls13::hkdf_expand_label<H>(*secret, *label, ctx, o);
        if (!r)
            return c.fail("cannot expand: " + std::string(to_string(r.err().code)) + " in " +
                          std::string(r.err().where) + " (label up to 249 bytes, context up to 255, length up to " +
                          std::to_string(255 * H::digest_size) + ")");
        out << to_hex(o) << '\n';
        return exit_ok;
    });
}

int transcript_hash_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
                    const hooks&) {
    static constexpr std::string_view valued[] = {"hash"};
    static constexpr std::string_view flags[] = {"hex", "help"};
    command c{"transcript-hash", {}, -1, err};
    if (!parse(c, args, valued, flags, out, 1)) return c.status;
    const auto h = c.hash(transcript_hashes, transcript_hashes_text);
    if (c.status >= 0) return c.status;
    transcript_input t;
    if (!load_transcript(c, in, out, t)) return c.status;
    return with_hash(*h, [&]<class H>() {
        schedule::transcript<H> tr;
        for (std::size_t i = 0; i < t.messages.size(); ++i) add(tr, t.messages[i], i == 0);
        out << to_hex(tr.current()) << '\n';
        return exit_ok;
    });
}

int finished_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
                    const hooks&) {
    static constexpr std::string_view valued[] = {"hash", "base-key"};
    static constexpr std::string_view flags[] = {"hex", "help"};
    command c{"finished", {}, -1, err};
    if (!parse(c, args, valued, flags, out, 1)) return c.status;
    const auto h = c.hash(tls13_hashes, tls13_hashes_text);
    const auto base_key = c.hex("base-key");
    if (c.status >= 0) return c.status;
    transcript_input t;
    if (!load_transcript(c, in, out, t)) return c.status;
    return with_hash(*h, [&]<class H>() {
        schedule::transcript<H> tr;
        for (std::size_t i = 0; i < t.messages.size(); ++i) add(tr, t.messages[i], i == 0);
        // RFC 8446 §4.4.4: HMAC(finished_key(BaseKey), Transcript-Hash(...)).
        out << to_hex(tls13::finished_verify_data<H>(*base_key, tr.current())) << '\n';
        return exit_ok;
    });
}

int tls13_secrets_command(std::span<const std::string_view> args, std::istream& in, std::ostream& out, std::ostream& err,
                    const hooks&) {
    static constexpr std::string_view valued[] = {"hash", "psk", "shared-secret"};
    static constexpr std::string_view flags[] = {"hex", "help"};
    command c{"tls13-secrets", {}, -1, err};
    if (!parse(c, args, valued, flags, out, 1)) return c.status;
    const auto h = c.hash(tls13_hashes, tls13_hashes_text);
    const auto psk = c.hex("psk", false);
    const auto shared = c.hex("shared-secret", false);
    if (c.status >= 0) return c.status;
    transcript_input t;
    if (!load_transcript(c, in, out, t)) return c.status;

    return with_hash(*h, [&]<class H>() {
        using digest = crypto::digest<H>;
        print::json_sink s;
        s.begin_object();
        auto put = [&](std::string_view k, bytes_view v) {
            s.key(k);
            s.hex(v);
        };
        // Walk the transcript, noting the hashes each secret is derived from
        // (RFC 8446 §7.1): ClientHello; ClientHello..ServerHello;
        // ..server Finished; ..client Finished.
        schedule::transcript<H> tr;
        std::optional<digest> ch_hash, hello_hash, server_finished_hash, client_finished_hash;
        bool server_key_share = false;
        for (std::size_t i = 0; i < t.messages.size(); ++i) {
            const bytes_view m = t.messages[i];
            add(tr, m, i == 0);
            const auto type = static_cast<handshake_type>(m[0]);
            if (type == handshake_type::client_hello && !ch_hash) ch_hash = tr.current();
            if (type == handshake_type::server_hello && !is_hrr(m) && !hello_hash) {
                hello_hash = tr.current();
                context lenient;
                lenient.version = 0x0304;
                lenient.mode = strictness::lenient;
                const auto sh = parse_handshake(m, lenient);
                server_key_share = sh && std::holds_alternative<server_hello>(*sh) &&
                                   std::get<server_hello>(*sh).extensions.contains(extension_type::key_share);
            }
            if (type == handshake_type::finished && hello_hash) {
                if (!server_finished_hash) server_finished_hash = tr.current();
                else if (!client_finished_hash) client_finished_hash = tr.current();
            }
        }

        const digest early = psk ? tls13::early_secret<H>(*psk) : tls13::early_secret<H>();
        put("early_secret", early);
        if (psk) {
            put("ext_binder_key", tls13::binder_key<H>(early, tls13::psk_kind::external));
            put("res_binder_key", tls13::binder_key<H>(early, tls13::psk_kind::resumption));
            if (ch_hash) {
                put("client_early_traffic_secret", tls13::client_early_traffic_secret<H>(early, *ch_hash));
                put("early_exporter_master_secret", tls13::early_exporter_master_secret<H>(early, *ch_hash));
            }
        }
        put("early_derived_secret", tls13::derived_secret<H>(early));
        // The handshake secret needs the (EC)DHE secret when the ServerHello
        // carries a key_share; without one (psk_ke) its IKM is zeros.
        if (hello_hash && (shared || !server_key_share)) {
            const digest hs = shared ? tls13::handshake_secret<H>(early, *shared) : tls13::handshake_secret<H>(early);
            put("handshake_secret", hs);
            put("client_handshake_traffic_secret", tls13::client_handshake_traffic_secret<H>(hs, *hello_hash));
            put("server_handshake_traffic_secret", tls13::server_handshake_traffic_secret<H>(hs, *hello_hash));
            put("handshake_derived_secret", tls13::derived_secret<H>(hs));
            const digest ms = tls13::master_secret<H>(hs);
            put("master_secret", ms);
            if (server_finished_hash) {
                put("client_application_traffic_secret_0",
                    tls13::client_application_traffic_secret_0<H>(ms, *server_finished_hash));
                put("server_application_traffic_secret_0",
                    tls13::server_application_traffic_secret_0<H>(ms, *server_finished_hash));
                put("exporter_master_secret", tls13::exporter_master_secret<H>(ms, *server_finished_hash));
            }
            if (client_finished_hash)
                put("resumption_master_secret", tls13::resumption_master_secret<H>(ms, *client_finished_hash));
        }
        s.end_object();
        out << s.str();
        return exit_ok;
    });
}

}  // namespace tlswire::cli
