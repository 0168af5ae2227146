// tlswire/messages/stream.hpp — decode what one side of a connection sent.
//
// `stream_decoder` takes the bytes one peer sent (its records, or bare
// handshake messages) and turns them into events: records → record
// protection → the handshake reassembler → typed handshake messages, with
// the context (version, cipher suite) learned from the hellos. Every error
// carries the absolute offset, in the caller's stream, of the offending byte,
// also inside a message reassembled from several records.
//
// Record protection (RFC 8446 §5, RFC 5246 §6.2) is state of the stream, not
// a guess: a record is parsed with the limits of its protection
// (`basic_record<P>`, whose strict rules apply as they stand), and a
// protected record is reported as an opaque `encrypted` event — unless the
// decoder was given keys (see "Keys" below), which open it: what it held is
// then read as a plaintext record of its inner type would be, with the same
// strictness, and its events say `decrypted`. The state changes
//   TLS 1.0–1.2: after this side's ChangeCipherSpec, every record is protected
//                (a renegotiation's records included, its CCS too);
//   TLS 1.3:     after the ServerHello (server side), or once the connection
//                decoder says the peer's ServerHello was read (client side),
//                handshake records are protected: a plaintext one is refused.
//                The compatibility ChangeCipherSpec and plaintext alerts stay
//                readable (RFC 8446 §5, §D.4).
// One side alone does not always say its version. A client that offered TLS
// 1.3 and sent ChangeCipherSpec may be a TLS 1.2 client (its Finished comes
// next, protected) or a TLS 1.3 one answering a HelloRetryRequest (its second
// ClientHello comes next, in plaintext, RFC 8446 §D.4). Unless the context
// tells the version, the next handshake record is read as plaintext if and
// only if it holds exactly one ClientHello that parses (ciphertext passes
// with negligible probability); the connection decoder always knows.
//
// Plaintext records are read by type: change_cipher_spec, alert, heartbeat
// (RFC 6520 §4) and handshake; any other type is illegal_value at "type".
//
// Record-layer rules enforced (strict and lenient alike, as every peer does):
// RFC 8446 §5.1 "Handshake messages MUST NOT be interleaved with other record
// types" and "MUST NOT span key changes" (the ServerHello of TLS 1.3 must end
// its record); a ChangeCipherSpec or protected record before any handshake
// message is unexpected.
//
// Keys. basic_stream_decoder<Keys> with Keys = void (stream_decoder) never
// decrypts. Otherwise use_keys(&k) hands it an object with
//   bool open(role sender, const record& rec, std::span<std::uint8_t> out,
//             decrypted_record& got, error& failure)
// which opens a protected record `sender` wrote into `out` (true), has no
// keys for it (false, `failure` left empty), or fails with its keys (false,
// `failure` set: the record is reported encrypted, with that error). The
// connection decoder tells the same object about every handshake message and
// ChangeCipherSpec, so that it follows the key changes
// (decryption/connection_keys.hpp). Offsets in decrypted messages are stream
// offsets too: plaintext byte i of a record stands at the offset of the
// ciphertext byte that carried it, the record's offset + 5 + the explicit
// nonce or IV + i (AEAD and CBC keep positions), so an error in a decrypted
// Certificate points into the record it came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "tlswire/messages/handshake.hpp"
#include "tlswire/messages/heartbeat.hpp"
#include "tlswire/messages/reassembler.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/messages/sslv2_client_hello.hpp"

namespace tlswire {

// sslv2_client_hello: a client opened with the SSL 2.0-compatible hello
// (RFC 5246 Appendix E.2), which has no record header.
// application_data: a decrypted application_data record (its plaintext stays
// opaque: `plaintext`); encrypted: a protected record that was not opened.
enum class event_kind : std::uint8_t {
    handshake,
    change_cipher_spec,
    alert,
    heartbeat,
    encrypted,
    sslv2_client_hello,
    application_data
};

// key_phase, key_epoch — which keys protected a record: TLS 1.3's early
// (client_early_traffic_secret), handshake and application traffic keys,
// the last with the number of KeyUpdates before it (application_traffic_secret_N,
// RFC 8446 §7.2), or TLS 1.0–1.2's keys from a master secret (one epoch per
// ChangeCipherSpec; `generation` counts the renegotiations before it).
enum class key_phase : std::uint8_t { none, early, handshake, application, tls12 };

[[nodiscard]] constexpr std::string_view to_string(key_phase p) noexcept {
    switch (p) {
        case key_phase::none: return "none";
        case key_phase::early: return "early";
        case key_phase::handshake: return "handshake";
        case key_phase::application: return "application";
        case key_phase::tls12: return "tls12";
    }
    return "none";
}

struct key_epoch {
    key_phase phase = key_phase::none;
    std::uint32_t generation = 0;
    friend constexpr bool operator==(const key_epoch&, const key_epoch&) = default;
};

// decrypted_record — what a Keys object's open() found in a protected record
// (its epoch's phase is never none).
struct decrypted_record {
    content_type type{};                // TLS 1.3: TLSInnerPlaintext.type; TLS 1.2: the record's type
    bytes_view content{};               // the plaintext, in the decoder's buffer
    std::size_t content_offset = 0;     // where, from the record's first byte, the ciphertext of content[0] is
    key_epoch epoch{};
    std::uint64_t sequence_number = 0;  // the record's in its epoch (RFC 8446 §5.3, RFC 5246 §6.1)
};

// framing — how the stream is laid out: TLS records (what travels on the
// wire), or handshake messages back to back without record headers (what
// RFC 8448 and many test vectors print).
enum class framing : std::uint8_t { records, handshake_messages };

// looks_like_records — whether `in` starts with a TLS record header
// (ContentType 20..24, then a 3.x legacy_record_version) rather than with a
// bare handshake message. A handshake message starting the same way would
// declare a body of at least 192 KiB (uint24 length 0x03xxxx) and could not
// have been sent in one record either, so the rule is safe for real traffic.
[[nodiscard]] constexpr bool looks_like_records(bytes_view in) noexcept {
    return in.size() >= 3 && in[0] >= 20 && in[0] <= 24 && in[1] == 0x03;
}

struct stream_options {
    strictness mode = strictness::strict;
    framing input = framing::records;
    std::size_t max_message_size = handshake_reassembler::default_max_message_size;
    // parse_messages — false: handshake events carry the message's bytes
    // (and `handshake` stays unknown_handshake); only the hellos are parsed,
    // for the context. For transcript hashing and framing-only tools.
    bool parse_messages = true;
};

// stream_event — one thing the stream held. Views point into the caller's
// stream, or — for a message that spanned records — into the decoder's
// buffer; they are valid during the callback.
struct stream_event {
    event_kind kind = event_kind::handshake;
    record rec{};                   // the record it came from (for bare messages: type handshake, the message)
    std::size_t record_offset = 0;  // where that record starts in the stream
    bytes_view message{};           // handshake: the whole message, header included; sslv2: its bytes
    std::size_t message_offset = 0; // handshake: where its first byte sits in the stream
    message_origin origin{};        // handshake: where each of its bytes sits (reassembled messages)
    handshake_message handshake{};  // handshake: the parsed message
    alert alert_value{};            // alert
    heartbeat_message heartbeat{};  // heartbeat (RFC 6520), a plaintext one
    sslv2_client_hello sslv2{};     // sslv2_client_hello
    context ctx{};                  // the context the message or record was read with
    // A protected record that was opened: its keys (a phase other than none:
    // decrypted()) and sequence number. The record stays `rec` (the
    // ciphertext); handshake, alert, heartbeat and change_cipher_spec events
    // carry what it held as plaintext ones do.
    key_epoch epoch{};
    std::uint64_t sequence_number = 0;
    bytes_view plaintext{};         // decrypted: the record's plaintext content
    std::size_t plaintext_offset = 0;  // decrypted: the stream offset of plaintext[0] (see "Keys")
    error decrypt_error{};          // encrypted: why the keys the decoder had did not open it

    [[nodiscard]] constexpr bool decrypted() const noexcept { return epoch.phase != key_phase::none; }

    // offset_of — the stream offset of byte `p`, which points into `message`.
    [[nodiscard]] constexpr std::size_t offset_of(const std::uint8_t* p) const noexcept {
        return origin.offset(static_cast<std::size_t>(p - message.data()));
    }
};

// (A template also so that its members are compiled where it is used, not in
// every translation unit that includes the library.)
template <class Keys = void>
class basic_stream_decoder {
    // The codec's templates take a dummy parameter for the same reason; every
    // decoder uses the same instantiation.
    using D = std::conditional_t<std::is_void_v<Keys>, void, void>;

public:
    // `initial` supplies what the stream cannot say (e.g. the version and
    // cipher suite for a client's stream alone); what a hello says is learned
    // when the context leaves it unknown.
    explicit basic_stream_decoder(stream_options options = {}, context initial = {})
        : options_(options), ctx_(initial), reassembler_(options.max_message_size) {
        ctx_.mode = options.mode;
    }

    // decode(stream, on_event) — the whole stream, on_event(const
    // stream_event&) for each event; then finish().
    template <class F>
    result<void> decode(bytes_view stream, F&& on_event) {
        start(stream);
        while (!at_end())
            if (!step(on_event)) return err_;
        return finish();
    }

    // Step by step (the connection decoder interleaves two streams this way).
    void start(bytes_view stream) {
        stream_ = stream;
        pos_ = 0;
    }
    [[nodiscard]] bool at_end() const noexcept { return pos_ >= stream_.size(); }
    // step — one record (or, for bare messages, the whole stream). False on
    // an error (failure() says which; the stream cannot go on).
    template <class F>
    bool step(F&& on_event) {
        flight_ended_ = false;
        if (err_) return false;
        if (pos_ == 0 && options_.input == framing::records && is_sslv2_client_hello(stream_))
            return sslv2(on_event);
        if (options_.input == framing::handshake_messages) return bare_messages(on_event);
        return next_record(on_event);
    }
    // finish — at the end of the stream: a message begun and not completed is
    // truncated; as the codec reports a length that overruns its input, the
    // error points at the message's length field.
    result<void> finish() {
        if (!err_ && reassembler_.has_partial())
            err_ = error{errc::truncated, reassembler_.partial_origin().offset(1), "length"};
        if (err_) return err_;
        return {};
    }

    [[nodiscard]] const error& failure() const noexcept { return err_; }
    // flight_ended — the last step ended a flight (ClientHello,
    // HelloRetryRequest, ServerHelloDone) or met a protected record: where
    // the connection decoder lets the other side speak.
    [[nodiscard]] bool flight_ended() const noexcept { return flight_ended_; }
    [[nodiscard]] std::size_t position() const noexcept { return pos_; }
    // next_record_is(t) — the next record's (outer) content type is t.
    [[nodiscard]] bool next_record_is(content_type t) const noexcept {
        return options_.input == framing::records && !at_end() && stream_[pos_] == static_cast<std::uint8_t>(t);
    }

    // What the stream established. The connection decoder tells a client's
    // stream what the server's hello said (learn), and that the client's
    // TLS 1.3 handshake keys are in use (protect).
    [[nodiscard]] const context& ctx() const noexcept { return ctx_; }
    void learn(std::uint16_t version, std::uint16_t cipher_suite) noexcept {
        ctx_.version = version;
        ctx_.cipher_suite = cipher_suite;
    }
    void protect(record_protection p) noexcept { protection_ = p; }
    // use_keys — open protected records with `keys` (see the header comment).
    void use_keys(Keys* keys) noexcept
        requires(!std::is_void_v<Keys>)
    {
        keys_ = keys;
    }
    [[nodiscard]] record_protection protection() const noexcept { return protection_; }
    // Facts the connection decoder's rules read.
    [[nodiscard]] bool sent_change_cipher_spec() const noexcept { return ccs_count_ != 0; }
    [[nodiscard]] std::size_t protected_handshake_records() const noexcept { return protected_handshake_records_; }
    [[nodiscard]] bool offered_tls13() const noexcept { return offered_tls13_; }

private:
    bool fail(error e) {
        err_ = e;
        return false;
    }

    template <class F>
    bool sslv2(F& on_event) {
        error e;
        reader r(stream_, e);
        stream_event ev;
        ev.kind = event_kind::sslv2_client_hello;
        ev.sslv2 = read_sslv2_client_hello(r, ctx_);
        if (e) return fail(e);
        ev.message = stream_.first(r.offset());
        ev.ctx = ctx_;
        pos_ = r.offset();
        ctx_.sender = role::client;
        seen_handshake_ = true;
        flight_ended_ = true;
        on_event(static_cast<const stream_event&>(ev));
        return true;
    }

    // bare_messages — the whole stream is handshake data (no record layer).
    template <class F>
    bool bare_messages(F& on_event) {
        stream_event ev;
        ev.rec.type = content_type::handshake;
        ev.rec.fragment = stream_;
        const auto fed = reassembler_.feed(stream_, 0, [&](bytes_view msg, const message_origin& origin) {
            if (!err_) message(msg, origin, ev, on_event);
        });
        pos_ = stream_.size();
        if (err_) return false;
        if (!fed) return fail(fed.err());
        return true;
    }

    // The protection a record of type `t` is read under.
    [[nodiscard]] record_protection protection_of(content_type t) const noexcept {
        if (protection_ == record_protection::protected_tls13)
            // RFC 8446 §5: the compatibility CCS, and alerts sent before keys, are plaintext.
            return t == content_type::application_data ? protection_ : record_protection::plaintext;
        if (protection_ == record_protection::protected_tls12) return protection_;
        if (t == content_type::application_data)
            // Early data (RFC 8446 §4.2.10) or data after a CCS whose version is unknown.
            return ctx_.is_tls13() || offered_tls13_ ? record_protection::protected_tls13
                                                     : record_protection::protected_tls12;
        return record_protection::plaintext;
    }

    template <record_protection P>
    void read_record(reader& r, record& out) const {
        basic_record<P> rec{};
        described_format::read(r, rec, "TLSPlaintext", ctx_);
        out = record{rec.type, rec.legacy_record_version, rec.fragment};
    }

    template <class F>
    bool next_record(F& on_event) {
        error e;
        reader r(stream_, e);
        r.bytes(pos_, "");
        const std::size_t at = pos_;
        const auto type = static_cast<content_type>(stream_[pos_]);
        const record_protection p = protection_of(type);
        stream_event ev;
        switch (p) {
            case record_protection::plaintext: read_record<record_protection::plaintext>(r, ev.rec); break;
            case record_protection::protected_tls13: read_record<record_protection::protected_tls13>(r, ev.rec); break;
            case record_protection::protected_tls12: read_record<record_protection::protected_tls12>(r, ev.rec); break;
        }
        if (e) return fail(e);
        pos_ = r.offset();
        ev.record_offset = at;
        ev.ctx = ctx_;
        const auto type_is = [&](content_type t) { return ev.rec.type == t; };
        // RFC 8446 §5.1: no other record between the fragments of a handshake
        // message (a TLS 1.3 protected record's type is inside it: decrypted()).
        if (reassembler_.has_partial() && !type_is(content_type::handshake) &&
            !(p == record_protection::protected_tls13 && type_is(content_type::application_data)))
            return fail(error{errc::unexpected_message, at, "type"});
        if (p != record_protection::plaintext) return protected_record(ev, on_event);
        if (ambiguous_ccs_ && type_is(content_type::handshake)) {
            // See the header comment: the second ClientHello of a HelloRetryRequest
            // flow, or the protected Finished of TLS 1.2.
            ambiguous_ccs_ = false;
            if (!is_one_client_hello(ev.rec.fragment)) {
                protection_ = record_protection::protected_tls12;
                return protected_record(ev, on_event);
            }
        }
        return content(ev, ev.rec.type, ev.rec.fragment, at + 5, on_event);
    }

    // content — what a record held (a plaintext record's fragment, or a
    // decrypted one's content), read by its type; `base` is the stream offset
    // of fragment[0].
    template <class F>
    bool content(stream_event& ev, content_type type, bytes_view fragment, std::size_t base, F& on_event) {
        const std::size_t at = ev.record_offset;
        error fe;
        reader fr(fragment, fe, base);
        switch (type) {
            case content_type::change_cipher_spec: {
                // RFC 8446 §5: a protected change_cipher_spec record is refused.
                if (ev.decrypted() && ctx_.is_tls13()) return fail(error{errc::unexpected_message, at, "type"});
                change_cipher_spec ccs{};
                described_format::read(fr, ccs, "change_cipher_spec", ctx_);
                fr.expect_end("change_cipher_spec");
                if (fe) return fail(fe);
                // RFC 5246 §7.1, RFC 8446 §D.4: a CCS comes after a hello.
                if (!seen_handshake_) return fail(error{errc::unexpected_message, at, "type"});
                ++ccs_count_;
                // In TLS 1.3 this is the middlebox-compatibility record (RFC 8446
                // §5): nothing changes. Before, everything after it is protected.
                if (!ctx_.version_known() && ctx_.sender != role::server && offered_tls13_) ambiguous_ccs_ = true;
                else if (!ctx_.is_tls13()) protection_ = record_protection::protected_tls12;
                ev.kind = event_kind::change_cipher_spec;
                on_event(static_cast<const stream_event&>(ev));
                return true;
            }
            case content_type::alert: {
                described_format::read(fr, ev.alert_value, "alert", ctx_);
                fr.expect_end("alert");
                if (fe) return fail(fe);
                ev.kind = event_kind::alert;
                on_event(static_cast<const stream_event&>(ev));
                return true;
            }
            case content_type::heartbeat: {
                // RFC 6520 §4: the HeartbeatMessage is the whole fragment.
                described_format::read(fr, ev.heartbeat, "heartbeat_message", ctx_);
                if (fe) return fail(fe);
                ev.kind = event_kind::heartbeat;
                on_event(static_cast<const stream_event&>(ev));
                return true;
            }
            case content_type::handshake: {
                if (!ev.decrypted() && protection_ == record_protection::protected_tls13)
                    // RFC 8446 §5: after the ServerHello, handshake messages are protected.
                    return fail(error{errc::unexpected_message, at, "type"});
                keys_changed_ = false;
                const auto fed = reassembler_.feed(fragment, base, [&](bytes_view msg, const message_origin& origin) {
                    if (err_) return;
                    // RFC 8446 §5.1: a key change ends the record.
                    if (keys_changed_) return void(fail(error{errc::unexpected_message, origin.offset(0), "Handshake"}));
                    message(msg, origin, ev, on_event);
                });
                if (err_) return false;
                if (!fed) return fail(fed.err());
                if (keys_changed_ && reassembler_.has_partial())
                    return fail(error{errc::unexpected_message, reassembler_.partial_origin().offset(0), "Handshake"});
                return true;
            }
            case content_type::application_data:
                if (ev.decrypted()) {
                    ev.kind = event_kind::application_data;
                    on_event(static_cast<const stream_event&>(ev));
                    return true;
                }
                [[fallthrough]];
            default:
                return fail(error{errc::illegal_value, at, "type"});
        }
    }

    template <class F>
    bool protected_record(stream_event& ev, F& on_event) {
        if (!seen_handshake_) return fail(error{errc::unexpected_message, ev.record_offset, "type"});
        if (ambiguous_ccs_ && ev.rec.type == content_type::application_data) {
            // A TLS 1.3 client: its Finished travels as application_data.
            ambiguous_ccs_ = false;
            protection_ = record_protection::protected_tls13;
        }
        if (ev.rec.type == content_type::handshake) ++protected_handshake_records_;
        flight_ended_ = true;
        if constexpr (!std::is_void_v<Keys>)
            if (keys_ != nullptr) {
                plain_.resize(ev.rec.fragment.size());
                decrypted_record got{};
                error failure{};
                if (keys_->open(ctx_.sender, ev.rec, std::span<std::uint8_t>(plain_), got, failure))
                    return decrypted(ev, got, on_event);
                if (failure) failure.offset += ev.record_offset;
                ev.decrypt_error = failure;
            }
        // A message begun in a decrypted record cannot go on in one that is not.
        if (reassembler_.has_partial()) return fail(error{errc::unexpected_message, ev.record_offset, "type"});
        ev.kind = event_kind::encrypted;
        on_event(static_cast<const stream_event&>(ev));
        return true;
    }

    // decrypted — a record the keys opened: its content read by its inner type.
    template <class F>
    bool decrypted(stream_event& ev, const decrypted_record& got, F& on_event) {
        ev.epoch = got.epoch;
        ev.sequence_number = got.sequence_number;
        ev.plaintext = got.content;
        const std::size_t base = ev.record_offset + got.content_offset;
        ev.plaintext_offset = base;
        // RFC 8446 §5.1, RFC 5246 §6.2.1: no zero-length fragments of types
        // other than application_data (a TLS 1.3 record of padding only has
        // no content either).
        if (got.content.empty() && got.type != content_type::application_data && ctx_.mode == strictness::strict)
            return fail(error{errc::length_out_of_range, base, "content"});
        // RFC 8446 §5.1: no other content between the fragments of a handshake message.
        if (reassembler_.has_partial() && got.type != content_type::handshake)
            return fail(error{errc::unexpected_message, base + got.content.size(), "type"});
        return content(ev, got.type, got.content, base, on_event);
    }

    // is_one_client_hello — `fragment` is exactly one ClientHello that parses.
    [[nodiscard]] bool is_one_client_hello(bytes_view fragment) const {
        if (fragment.size() < 4 || fragment[0] != static_cast<std::uint8_t>(handshake_type::client_hello)) return false;
        const auto m = parse_handshake<D>(fragment, ctx_);
        return m.has_value();
    }

    template <class F>
    void message(bytes_view msg, const message_origin& origin, stream_event& ev, F& on_event) {
        context c = ctx_;
        const auto type = static_cast<handshake_type>(msg[0]);
        const bool hello_retry = type == handshake_type::server_hello && is_hello_retry_request(msg.subspan(4));
        if (c.sender == role::unknown) {
            // One side alone: its first hello says which side it is.
            if (type == handshake_type::client_hello) c.sender = ctx_.sender = role::client;
            else if (type == handshake_type::server_hello) c.sender = ctx_.sender = role::server;
        }
        if (hello_retry) c.version = 0x0304;
        const bool parse = options_.parse_messages || type == handshake_type::client_hello ||
                           type == handshake_type::server_hello;
        ev.handshake = handshake_message{};
        if (parse) {
            error e;
            reader r(msg, e);
            read_handshake_into<D>(r, c, ev.handshake);
            r.expect_end("Handshake");
            if (e) return void(fail(origin.map(e)));
        }
        // A ServerHello read without a version followed the one it selects (RFC 8446 §4.2.1).
        if (const auto* sh = std::get_if<server_hello>(&ev.handshake); sh && !c.version_known())
            c.version = static_cast<std::uint16_t>(selected_version(*sh));
        seen_handshake_ = true;
        learn(ev.handshake, c);
        key_change(type);
        ev.kind = event_kind::handshake;
        ev.message = msg;
        ev.message_offset = origin.offset(0);
        ev.origin = origin;
        ev.ctx = c;
        on_event(static_cast<const stream_event&>(ev));
        if (type == handshake_type::client_hello || type == handshake_type::server_hello_done || hello_retry)
            flight_ended_ = true;
    }

    // learn — what a hello establishes for the messages after it.
    void learn(const handshake_message& m, const context& c) {
        if (const auto* ch = std::get_if<client_hello>(&m)) {
            offered_tls13_ = client_hello::offers_tls13(*ch);
        } else if (const auto* sh = std::get_if<server_hello>(&m)) {
            ctx_.version = c.version;
            if (!ctx_.cipher_suite_known()) ctx_.cipher_suite = static_cast<std::uint16_t>(sh->cipher_suite);
            // RFC 8446 §2: everything the server sends after its ServerHello is protected.
            if (ctx_.is_tls13() && ctx_.sender == role::server) {
                protection_ = record_protection::protected_tls13;
                keys_changed_ = true;
            }
        } else if (const auto* hrr = std::get_if<hello_retry_request>(&m)) {
            ctx_.version = 0x0304;
            ctx_.cipher_suite = static_cast<std::uint16_t>(hrr->cipher_suite);
        }
    }

    // key_change — RFC 8446 §5.1: in TLS 1.3 the sender's keys change after
    // its handshake Finished, an EndOfEarlyData and a KeyUpdate (a
    // post-handshake Finished, §4.6.2, changes nothing). By type, so that it
    // holds with parse_messages off too.
    void key_change(handshake_type type) noexcept {
        if (!ctx_.is_tls13()) return;
        const bool is_finished = type == handshake_type::finished;
        if ((is_finished && !finished_seen_) || type == handshake_type::end_of_early_data ||
            type == handshake_type::key_update)
            keys_changed_ = true;
        if (is_finished) finished_seen_ = true;
    }

    stream_options options_;
    context ctx_;
    basic_handshake_reassembler<D> reassembler_;
    std::conditional_t<std::is_void_v<Keys>, char, Keys*> keys_{};
    std::vector<std::uint8_t> plain_{};  // a decrypted record's plaintext
    bytes_view stream_{};
    std::size_t pos_ = 0;
    record_protection protection_ = record_protection::plaintext;
    std::size_t ccs_count_ = 0;
    std::size_t protected_handshake_records_ = 0;
    bool seen_handshake_ = false;
    bool offered_tls13_ = false;
    bool ambiguous_ccs_ = false;
    bool keys_changed_ = false;
    bool finished_seen_ = false;
    bool flight_ended_ = false;
    error err_{};
};

using stream_decoder = basic_stream_decoder<>;

}  // namespace tlswire
