// tlswire/messages/connection.hpp — follow one connection, both directions.
//
// `connection_decoder` takes the raw bytes each side sent (client to server,
// server to client), walks their records in handshake order, reassembles
// handshake messages, and parses each with the context the hellos establish:
// the version (ServerHello's supported_versions, else its legacy_version) and
// the cipher suite. It reports every record as an event: a parsed handshake
// message, change_cipher_spec, alert, or an encrypted record (TLS 1.3
// application_data records; in TLS 1.2 everything after a side's
// ChangeCipherSpec), never misparsing ciphertext. Having both hellos, it also
// checks what a lone message parse cannot: a server extension must answer one
// the ClientHello offered (RFC 8446 §4.2, RFC 5246 §7.4.1.4).
//
// Order: a side is read until it ends a flight (ClientHello, HelloRetryRequest,
// ServerHelloDone) or sends an encrypted record, then the other side's turn
// comes. Views in an event point into the caller's streams, or — for a message
// that spanned records — into the decoder's buffer, valid during the callback.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tlswire/messages/handshake.hpp"
#include "tlswire/messages/reassembler.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/messages/sslv2_client_hello.hpp"

namespace tlswire {

enum class direction : std::uint8_t { c2s, s2c };

[[nodiscard]] constexpr std::string_view to_string(direction d) noexcept { return d == direction::c2s ? "c2s" : "s2c"; }

// sslv2_client_hello: a client opened with the SSL 2.0-compatible hello
// (RFC 5246 Appendix E.2), which has no record header.
enum class event_kind : std::uint8_t { handshake, change_cipher_spec, alert, encrypted, sslv2_client_hello };

struct connection_event {
    direction dir = direction::c2s;
    event_kind kind = event_kind::handshake;
    record rec{};                   // the record the event came from (header fields and fragment)
    std::size_t record_offset = 0;  // where the record starts in its direction's stream
    bytes_view message{};           // handshake: the whole message, header included
    handshake_message handshake{};  // handshake: the parsed message
    alert alert_value{};            // alert
    sslv2_client_hello sslv2{};     // sslv2_client_hello (`message` holds its bytes)
    context ctx{};                  // the context the message was parsed with
};

// (A template only so that its members are compiled where it is used, not in
// every translation unit that includes the library.)
template <class D = void>
class basic_connection_decoder {
public:
    explicit basic_connection_decoder(strictness mode = strictness::strict,
                                std::size_t max_message_size = handshake_reassembler::default_max_message_size)
        : mode_(mode), sides_{side{max_message_size}, side{max_message_size}} {
        ctx_.mode = mode;
    }

    // decode(c2s, s2c, on_event) — walk both streams to their ends. Stops at
    // the first error; failed_direction() then says in which stream its
    // offset counts.
    template <class F>
    result<void> decode(bytes_view c2s, bytes_view s2c, F&& on_event) {
        sides_[0].stream = c2s;
        sides_[1].stream = s2c;
        direction turn = direction::c2s;
        if (is_sslv2_client_hello(c2s)) {
            error e;
            reader r(c2s, e);
            connection_event ev;
            ev.kind = event_kind::sslv2_client_hello;
            ev.sslv2 = read_sslv2_client_hello(r, ctx_);
            if (e) return fail(direction::c2s, e), err_;
            ev.message = c2s.first(r.offset());
            ev.ctx = ctx_;
            sides_[0].pos = r.offset();
            on_event(static_cast<const connection_event&>(ev));
            turn = direction::s2c;
        }
        while (!done(direction::c2s) || !done(direction::s2c)) {
            if (done(turn)) turn = other(turn);
            bool yield = false;
            if (!step(turn, on_event, yield)) return err_;
            if (yield && !done(other(turn))) turn = other(turn);
        }
        for (direction d : {direction::c2s, direction::s2c}) {
            if (at(d).reassembler.has_partial()) {
                failed_ = d;
                return error{errc::truncated, at(d).stream.size(), "Handshake"};
            }
        }
        return {};
    }

    [[nodiscard]] const context& ctx() const noexcept { return ctx_; }
    [[nodiscard]] direction failed_direction() const noexcept { return failed_; }

private:
    struct side {
        explicit side(std::size_t max) : reassembler(max) {}
        bytes_view stream{};
        std::size_t pos = 0;
        handshake_reassembler reassembler;
        bool encrypting = false;  // TLS 1.2: this side has sent ChangeCipherSpec
    };

    static constexpr direction other(direction d) noexcept {
        return d == direction::c2s ? direction::s2c : direction::c2s;
    }
    side& at(direction d) noexcept { return sides_[d == direction::c2s ? 0 : 1]; }
    bool done(direction d) noexcept { return at(d).pos >= at(d).stream.size(); }

    bool fail(direction d, error e) {
        failed_ = d;
        err_ = e;
        return false;
    }

    // step — one record from side d.
    template <class F>
    bool step(direction d, F& on_event, bool& yield) {
        side& s = at(d);
        error e;
        reader r(s.stream, e);
        r.bytes(s.pos, "");
        const std::size_t record_at = r.offset();
        // Ciphertext may be longer than plaintext (RFC 8446 §5.2, RFC 5246 §6.2.3);
        // the limit is applied below once the record's protection is known.
        context rctx = ctx_;
        rctx.mode = strictness::lenient;
        record rec{};
        described_format::read(r, rec, "TLSPlaintext", rctx);
        if (e) return fail(d, e);
        if (mode_ == strictness::strict && (static_cast<std::uint16_t>(rec.legacy_record_version) >> 8) != 0x03)
            return fail(d, error{errc::illegal_value, record_at + 1, "legacy_record_version"});
        s.pos = r.offset();
        connection_event ev;
        ev.dir = d;
        ev.rec = rec;
        ev.record_offset = record_at;
        const bool tls13 = ctx_.is_tls13();
        const bool encrypted = rec.type == content_type::application_data ||
                               (s.encrypting && rec.type != content_type::change_cipher_spec);
        const std::size_t limit = !encrypted ? max_plaintext_length
                                  : tls13    ? max_ciphertext_length_tls13
                                             : max_ciphertext_length_tls12;
        if (mode_ == strictness::strict && rec.fragment.size() > limit)
            return fail(d, error{errc::length_out_of_range, record_at + 3, "length"});
        if (encrypted) {
            ev.kind = event_kind::encrypted;
            on_event(static_cast<const connection_event&>(ev));
            yield = true;
            return true;
        }
        error fe;
        reader fr(rec.fragment, fe, record_at + 5);
        switch (rec.type) {
            case content_type::change_cipher_spec: {
                change_cipher_spec ccs{};
                described_format::read(fr, ccs, "change_cipher_spec", ctx_);
                fr.expect_end("change_cipher_spec");
                if (fe) return fail(d, fe);
                // In TLS 1.3 this is the middlebox-compatibility record (RFC 8446
                // §5): nothing changes. Before, everything after it is protected.
                if (!tls13) s.encrypting = true;
                ev.kind = event_kind::change_cipher_spec;
                on_event(static_cast<const connection_event&>(ev));
                return true;
            }
            case content_type::alert: {
                described_format::read(fr, ev.alert_value, "alert", ctx_);
                fr.expect_end("alert");
                if (fe) return fail(d, fe);
                ev.kind = event_kind::alert;
                on_event(static_cast<const connection_event&>(ev));
                return true;
            }
            case content_type::handshake: {
                if (mode_ == strictness::strict && rec.fragment.empty())
                    return fail(d, error{errc::length_out_of_range, record_at + 3, "length"});
                const std::size_t stream_base = record_at + 5;
                bool ok = true;
                auto res = s.reassembler.feed(rec.fragment, [&](bytes_view msg) {
                    if (!ok) return;
                    ok = on_message(d, msg, ev, stream_base, on_event, yield);
                });
                if (!res) return fail(d, error{res.err().code, record_at + 5, res.err().where});
                return ok;
            }
            default:
                return fail(d, error{errc::illegal_value, record_at, "type"});
        }
    }

    template <class F>
    bool on_message(direction d, bytes_view msg, connection_event& ev, std::size_t stream_base, F& on_event,
                    bool& yield) {
        context c = ctx_;
        c.sender = d == direction::c2s ? role::client : role::server;
        const auto type = static_cast<handshake_type>(msg[0]);
        if (type == handshake_type::server_hello && !is_hello_retry_request(msg.subspan(4))) {
            // The ServerHello states the version it chose: read it first (RFC 8446 §4.2.1).
            c.version = negotiated_version(msg, c);
        }
        // Offsets: relative to the record when the message lies in it.
        const bool in_record = msg.data() >= ev.rec.fragment.data() &&
                               msg.data() + msg.size() <= ev.rec.fragment.data() + ev.rec.fragment.size();
        const std::size_t base = in_record ? stream_base + static_cast<std::size_t>(msg.data() - ev.rec.fragment.data())
                                           : stream_base;
        error e;
        reader r(msg, e, base);
        handshake_message m = read_handshake<D>(r, c);
        r.expect_end("Handshake");
        if (e) return fail(d, e);
        if (!learn(m, c, base)) return fail(d, err_);
        ev.kind = event_kind::handshake;
        ev.message = msg;
        ev.handshake = m;
        ev.ctx = c;
        on_event(static_cast<const connection_event&>(ev));
        if (type == handshake_type::client_hello || type == handshake_type::server_hello_done ||
            std::holds_alternative<hello_retry_request>(m))
            yield = true;
        return true;
    }

    // negotiated_version — supported_versions' selected_version, else legacy_version.
    std::uint16_t negotiated_version(bytes_view msg, const context& c) {
        context lenient = c;
        lenient.mode = strictness::lenient;
        lenient.version = 0;
        const auto sh = parse_handshake<D>(msg, lenient);
        if (!sh || !std::holds_alternative<server_hello>(*sh)) return c.version;
        const auto& hello = std::get<server_hello>(*sh);
        if (const auto sv = hello.extensions.find(extension_type::supported_versions); sv && sv->size() == 2)
            return static_cast<std::uint16_t>(((*sv)[0] << 8) | (*sv)[1]);
        return static_cast<std::uint16_t>(hello.legacy_version);
    }

    // learn — update the connection context from a hello, and check server
    // extensions against the ClientHello's offers.
    bool learn(const handshake_message& m, const context& c, std::size_t base) {
        if (const auto* ch = std::get_if<client_hello>(&m)) {
            offered_ = {};
            offered_scsv_ = ch->cipher_suites.contains(cipher_suite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
            for (const extension& x : ch->extensions) offered_[static_cast<std::uint16_t>(x.extension_type) >> 6] |= bit(x.extension_type);
            have_client_hello_ = true;
            return true;
        }
        if (const auto* sh = std::get_if<server_hello>(&m)) {
            ctx_.version = c.version;
            ctx_.cipher_suite = static_cast<std::uint16_t>(sh->cipher_suite);
            return answered(sh->extensions, false, base);
        }
        if (const auto* hrr = std::get_if<hello_retry_request>(&m)) {
            ctx_.version = 0x0304;
            ctx_.cipher_suite = static_cast<std::uint16_t>(hrr->cipher_suite);
            return answered(hrr->extensions, true, base);
        }
        if (const auto* ee = std::get_if<encrypted_extensions>(&m)) return answered(ee->extensions, false, base);
        return true;
    }

    static constexpr std::uint64_t bit(extension_type t) noexcept {
        return std::uint64_t{1} << (static_cast<std::uint16_t>(t) & 63u);
    }

    // answered — RFC 8446 §4.2: "Implementations MUST NOT send extension
    // responses unless the remote endpoint sent the corresponding extension
    // request, with the exception of the "cookie" extension in the
    // HelloRetryRequest." RFC 5746 §3.6: renegotiation_info answers the SCSV too.
    bool answered(const extension_block& block, bool hrr, std::size_t base) {
        if (!have_client_hello_ || mode_ != strictness::strict) return true;
        for (const extension& x : block) {
            const auto t = x.extension_type;
            if (offered_[static_cast<std::uint16_t>(t) >> 6] & bit(t)) continue;
            if (hrr && t == extension_type::cookie) continue;
            if (t == extension_type::renegotiation_info && offered_scsv_) continue;
            const auto name = to_string(t);
            err_ = error{errc::unsolicited_extension, base, name.empty() ? std::string_view("extension") : name};
            return false;
        }
        return true;
    }

    strictness mode_;
    context ctx_{};
    std::array<side, 2> sides_;
    std::array<std::uint64_t, 1024> offered_{};
    bool offered_scsv_ = false;
    bool have_client_hello_ = false;
    direction failed_ = direction::c2s;
    error err_{};
};

using connection_decoder = basic_connection_decoder<>;

}  // namespace tlswire
