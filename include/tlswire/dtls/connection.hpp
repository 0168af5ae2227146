// tlswire/dtls/connection.hpp — follow a DTLS connection over its datagrams.
//
// `dtls::connection_decoder` takes the datagrams both peers sent, in the
// order they were captured, each with its direction and its offset in the
// caller's input, and reports events (dtls/event.hpp): every record of every
// datagram (RFC 6347 §4.1.1: several records share a datagram; RFC 9147 §4),
// every handshake fragment, every handshake message once, complete, parsed
// in the context the hellos establish. decode_streams() does the same for
// two byte streams holding each direction's records back to back.
//
// What it follows:
// - records: DTLSPlaintext (epoch 0) and DTLSCiphertext of DTLS 1.0/1.2
//   (RFC 6347 §4.1, RFC 4347 §4.1), DTLS 1.3's unified header (RFC 9147 §4;
//   told apart by the first byte, §4.1), with the negotiated connection ID
//   length from the options;
// - handshake fragments into one reassembler per direction (dtls/
//   reassembler.hpp: bounded memory, overlaps must agree, message_seq order,
//   RFC 6347 §4.2.2); a fragment that brings nothing new is a
//   `retransmission` (retransmitted flights, RFC 6347 §4.2.4); a record whose
//   epoch and sequence number were seen is a `duplicate_record` (§4.1.2.6);
// - the HelloVerifyRequest exchange (RFC 6347 §4.2.1): ClientHello without
//   and with the cookie, the cookie echoed;
// - versions and suites from the hellos: the ServerHello's version, 0xfeff
//   DTLS 1.0, 0xfefd DTLS 1.2, supported_versions 0xfefc DTLS 1.3 (RFC 9147
//   §5.3, §5.4), the pre-RFC OpenSSL 0x0100 (lenient: read as DTLS 1.0);
// - epochs. DTLS 1.0/1.2: a side's records are epoch 0 until its
//   ChangeCipherSpec, 1 after (RFC 6347 §4.1: "The epoch number is
//   initially zero and is incremented each time a ChangeCipherSpec message
//   is sent"); older epochs stay
//   readable (retransmissions). DTLS 1.3 (RFC 9147 §6.1): 1 early data after
//   a ClientHello offering early_data, 2 the handshake keys and 3 the
//   application keys after the ServerHello (the sender's Finished, which
//   separates them, may be encrypted out of reach); the E bits are read as
//   the newest such epoch (§4.2.2). Epochs from 4 on (KeyUpdate, §8) are not
//   followed.
//
// Rules (strict; lenient relaxes those marked *), each an error with its
// errc, absolute offset and field, after which decoding stops:
// - every parse rule of the records and messages (context::mode);
// - a record of an epoch the sender cannot be in yet* (a DTLS 1.0/1.2
//   DTLSCiphertext above its ChangeCipherSpecs; DTLS 1.3 E bits naming an
//   epoch beyond those above; a 13-byte-header record of epoch > 0 in DTLS
//   1.3): errc::unexpected_message at the epoch field (lenient: an
//   `encrypted` event, not opened);
// - a unified header where DTLS 1.3 was not offered*: unexpected_message;
// - a fragment whose message_seq is window or more above the next expected
//   (options.message_seq_window): unexpected_message at message_seq;
// - a new handshake message in plaintext after the sender's keys changed
//   (DTLS 1.0/1.2: its ChangeCipherSpec; DTLS 1.3: the ServerHello, RFC 9147
//   §6.1: "There are three unencrypted messages in DTLS, namely
//   ClientHello, ServerHello, and HelloRetryRequest"): unexpected_message;
// - a second ClientHello whose cookie is not the HelloVerifyRequest's (RFC
//   6347 §4.2.1)*: illegal_value at the cookie;
// - a ChangeCipherSpec before the ServerHello, or in DTLS 1.3*:
//   unexpected_message;
// - at the end (finish), a message begun and not completed: truncated, at
//   the length field of the earliest fragment still held.
//
// Keys. basic_connection_decoder<Keys> with keys given (use_keys) opens
// protected records with them (dtls/connection_keys.hpp opens DTLS 1.0/1.2
// AEAD and CBC records and DTLS 1.3 records from a key log); Keys provides
//   bool open(direction, const ciphertext&, std::span<std::uint8_t> out, opened_record&, error&)
//   bool open13(direction, const ciphertext13&, bytes_view header, std::uint64_t epoch,
//               std::span<std::uint8_t> out, opened_record&, error&)
//   void on_message(direction, const reassembled_message&, const message&, const context&, finished_check&)
//   void on_change_cipher_spec(direction)
// A record the keys open is read as a plaintext one of its (inner) type.
// Memory: the reassemblers' bounded buffers and one record's plaintext
// (reserved when the keys are given); nothing else is allocated.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>
#include <vector>

#include "tlswire/dtls/ack.hpp"
#include "tlswire/dtls/event.hpp"
#include "tlswire/dtls/message.hpp"
#include "tlswire/dtls/reassembler.hpp"
#include "tlswire/dtls/record.hpp"
#include "tlswire/dtls/replay_window.hpp"
#include "tlswire/dtls/sequence_number.hpp"
#include "tlswire/dtls/unified_header.hpp"
#include "tlswire/extensions/supported_versions.hpp"

namespace tlswire::dtls {

// opened_record — what a Keys object found in a protected record.
struct opened_record {
    content_type type{};                // DTLS 1.3: the inner type; DTLS 1.2: the record's
    bytes_view content{};               // the plaintext, in the decoder's buffer
    std::size_t content_offset = 0;     // from the record's first byte, where content[0]'s ciphertext is
    key_phase keys = key_phase::none;   // never none when opened
    std::uint64_t sequence_number = 0;  // DTLS 1.3: the reconstructed 64-bit one
};

struct decoder_options {
    strictness mode = strictness::strict;
    reassembler_limits limits{};
    // How far above the next expected message_seq a fragment may be: RFC 6347
    // §4.2.2 lets a receiver queue "future" messages; a flight is a handful.
    std::size_t message_seq_window = 16;
    // The connection ID length negotiated for DTLS 1.3 unified headers (RFC
    // 9147 §9; 0: none). Not on the wire: the caller must know it.
    std::size_t connection_id_length = 0;
};

// (A template also so that its members are compiled where it is used.)
template <class Keys = void>
class basic_connection_decoder {
    static constexpr bool with_keys = !std::is_void_v<Keys>;

public:
    constexpr explicit basic_connection_decoder(decoder_options options = {})
        : options_(options), sides_{side(options.limits), side(options.limits)} {
        ctx_.mode = options.mode;
        ctx_.dtls = true;
    }

    // use_keys — open protected records with `keys`, which must outlive the decoding.
    template <class K = Keys>
        requires(!std::is_void_v<K>)
    constexpr void use_keys(K& keys) {
        keys_ = &keys;
        // Reserved once, so that opening records allocates nothing (not in
        // constant evaluation: clang 14 + libstdc++ 12 cannot resize into
        // reserved storage there).
        if (!std::is_constant_evaluated()) plain_.reserve(max_ciphertext_length_tls12);
    }

    // decode(datagrams, on_event) — every datagram in order, on_event(const
    // event&) for each event, then finish(). Stops at the first error.
    template <class F>
    constexpr result<void> decode(std::span<const datagram> datagrams, F&& on_event) {
        for (const datagram& d : datagrams)
            if (const auto r = feed(d, on_event); !r) return r;
        return finish();
    }

    // feed(d, on_event) — one datagram: each of its records.
    template <class F>
    constexpr result<void> feed(const datagram& d, F&& on_event) {
        if (err_) return err_;
        error sink;
        reader r(d.bytes, sink, d.offset);
        while (!r.empty() && r.ok() && !err_) record(d.dir, r, d.offset, on_event);
        if (!err_ && sink) fail(d.dir, sink);
        if (err_) return err_;
        return {};
    }

    // finish — at the end of the input: a message begun and not completed is
    // truncated (at the length field of the earliest fragment still held).
    constexpr result<void> finish() {
        if (err_) return err_;
        for (direction d : {direction::c2s, direction::s2c})
            if (side_of(d).reassembler.pending_messages() != 0) {
                fail(d, error{errc::truncated, side_of(d).held_since + 1, "length"});
                return err_;
            }
        return {};
    }

    // decode_streams(c2s, s2c, on_event) — each direction's records back to
    // back (what `tlswire decode --dtls --c2s F --s2c F` reads). Records are
    // taken one at a time, a side until it ends a flight (ClientHello,
    // HelloVerifyRequest, HelloRetryRequest, ServerHelloDone, Finished) or
    // sends a record that is not opened, then the other's; each record is
    // read as a datagram of its own (a unified header without a length runs
    // to the end of its stream). Offsets count in the stream of
    // failed_direction() (events: in their direction's stream).
    template <class F>
    constexpr result<void> decode_streams(bytes_view c2s, bytes_view s2c, F&& on_event) {
        const bytes_view streams[2] = {c2s, s2c};
        std::size_t pos[2] = {0, 0};
        int turn = 0;
        const auto at_end = [&](int i) { return pos[i] >= streams[i].size(); };
        while (!at_end(0) || !at_end(1)) {
            if (at_end(turn)) turn = 1 - turn;
            const direction d = turn == 0 ? direction::c2s : direction::s2c;
            error sink;
            reader r(streams[turn], sink);
            r.bytes(pos[turn], "");
            flight_ended_ = false;
            record(d, r, pos[turn], on_event);
            if (!err_ && sink) fail(d, sink);
            if (err_) return err_;
            pos[turn] = r.offset();
            if (flight_ended_ && !at_end(1 - turn)) turn = 1 - turn;
        }
        return finish();
    }

    // What the connection established: the version (DTLS wire value, 0 until
    // the ServerHello), the cipher suite.
    [[nodiscard]] constexpr const context& ctx() const noexcept { return ctx_; }
    [[nodiscard]] constexpr direction failed_direction() const noexcept { return failed_; }
    [[nodiscard]] constexpr const error& failure() const noexcept { return err_; }
    // cookie_exchange — a HelloVerifyRequest was read (RFC 6347 §4.2.1).
    [[nodiscard]] constexpr bool cookie_exchange() const noexcept { return cookie_exchange_; }

    // counts — per direction, what was read.
    struct counts {
        std::size_t records = 0, messages = 0, fragments = 0, retransmissions = 0, duplicate_records = 0,
                    decrypted_records = 0, encrypted_records = 0;
    };
    [[nodiscard]] constexpr const counts& stats(direction d) const noexcept { return sides_[index(d)].stats; }
    // epoch — the sender's current epoch (DTLS 1.0/1.2: ChangeCipherSpecs
    // read; DTLS 1.3: the newest it may use).
    [[nodiscard]] constexpr std::uint64_t epoch(direction d) const noexcept { return sides_[index(d)].epoch; }

private:
    struct side {
        basic_reassembler<> reassembler;
        std::uint64_t epoch = 0;
        std::array<replay_window, 4> windows{};  // epochs 0..3; later ones share the last
        std::size_t held_since = 0;              // the earliest fragment held (see finish)
        counts stats{};

        constexpr explicit side(reassembler_limits limits) : reassembler(limits) {}
        constexpr replay_window& window(std::uint64_t e) noexcept { return windows[e < 3 ? e : 3]; }
    };

    static constexpr std::size_t index(direction d) noexcept { return d == direction::c2s ? 0 : 1; }
    constexpr side& side_of(direction d) noexcept { return sides_[index(d)]; }
    [[nodiscard]] constexpr bool strict() const noexcept { return ctx_.strict(); }
    [[nodiscard]] constexpr bool dtls13() const noexcept { return ctx_.version == 0xfefc; }
    [[nodiscard]] constexpr bool dtls13_possible() const noexcept {
        return dtls13() || (!ctx_.version_known() && client_offered_dtls13_);
    }
    constexpr context ctx_for(direction d) const noexcept {
        context c = ctx_;
        c.sender = d == direction::c2s ? role::client : role::server;
        return c;
    }

    constexpr void fail(direction d, error e) {
        if (err_) return;
        err_ = e;
        failed_ = d;
    }

    template <class F>
    constexpr void emit(event& ev, F& on_event) {
        on_event(static_cast<const event&>(ev));
    }

    // record — one record at r's position (a datagram's, or a stream's).
    template <class F>
    constexpr void record(direction d, reader& r, std::size_t datagram_offset, F& on_event) {
        const std::size_t at = r.offset();
        const bytes_view rest = r.rest();
        event ev;
        ev.dir = d;
        ev.datagram_offset = datagram_offset;
        ev.rec.offset = at;
        ++side_of(d).stats.records;
        if ((rest[0] & unified_fixed_mask) == unified_fixed_bits) return unified(d, r, rest, ev, on_event);
        // The epoch picks the limits a record is read with: RFC 6347 §4.1,
        // DTLSPlaintext for epoch 0, DTLSCiphertext after.
        const bool protected_record = rest.size() >= 5 && (rest[3] != 0 || rest[4] != 0);
        if (!protected_record) {
            plaintext rec{};
            described_format::read(r, rec, plaintext::wire_name, ctx_);
            if (!r.ok()) return;
            header_of(ev, rec);
            if (duplicate(d, ev, on_event)) return;
            content(d, ev, rec.type, rec.fragment, at + record_header_size, on_event);
            return;
        }
        ciphertext rec{};
        described_format::read(r, rec, ciphertext::wire_name, ctx_);
        if (!r.ok()) return;
        header_of(ev, rec);
        side& s = side_of(d);
        if (rec.epoch > s.epoch || dtls13()) {
            // RFC 6347 §4.1: records of a later epoch (reordered, or not expected at all).
            if (strict()) return void(fail(d, error{errc::unexpected_message, at + 3, "epoch"}));
            return encrypted(d, ev, {}, on_event);
        }
        if (duplicate(d, ev, on_event)) return;
        if constexpr (with_keys) {
            if (keys_ != nullptr) {
                plain_.assign(rec.fragment.size(), 0);  // (assign: clang 14 cannot constant-evaluate resize)
                opened_record got{};
                error failure{};
                if (keys_->open(d, rec, std::span<std::uint8_t>(plain_), got, failure))
                    return opened(d, ev, got, on_event);
                if (failure) failure.offset += at;
                return encrypted(d, ev, failure, on_event);
            }
        }
        encrypted(d, ev, {}, on_event);
    }

    template <class R>
    static constexpr void header_of(event& ev, const R& rec) noexcept {
        ev.rec.type = rec.type;
        ev.rec.version = rec.version;
        ev.rec.epoch = rec.epoch;
        ev.rec.sequence_number = rec.sequence_number;
        ev.rec.payload = rec.fragment;
        ev.rec.size = record_header_size + rec.fragment.size();
    }

    // duplicate — a record seen before (its epoch and sequence number): reported, not read again.
    template <class F>
    constexpr bool duplicate(direction d, event& ev, F& on_event) {
        replay_window& w = side_of(d).window(ev.rec.epoch);
        if (w.seen(ev.rec.sequence_number)) {
            ++side_of(d).stats.duplicate_records;
            ev.kind = event_kind::duplicate_record;
            emit(ev, on_event);
            return true;
        }
        w.mark(ev.rec.sequence_number);
        return false;
    }

    // unified — a DTLS 1.3 DTLSCiphertext (RFC 9147 §4).
    template <class F>
    constexpr void unified(direction d, reader& r, bytes_view rest, event& ev, F& on_event) {
        const std::size_t at = ev.rec.offset;
        if (!dtls13_possible() && strict()) return void(fail(d, error{errc::unexpected_message, at, "unified_hdr"}));
        ciphertext13 rec{};
        detail::read_ciphertext13(r, rec, options_.connection_id_length, ctx_);
        if (!r.ok()) return;
        ev.rec.unified = true;
        ev.rec.unified_hdr = rec.unified_hdr;
        ev.rec.connection_id = rec.connection_id;
        ev.rec.encrypted_sequence_number = rec.sequence_number;
        ev.rec.sequence_number = rec.sequence_number;
        ev.rec.sequence_number_known = false;
        ev.rec.payload = rec.encrypted_record;
        ev.rec.size = rec.header_size() + rec.encrypted_record.size();
        const auto e = reconstruct_epoch(rec.epoch_bits(), side_of(d).epoch);
        if (!e || *e == 0) {
            if (strict()) return void(fail(d, error{errc::unexpected_message, at, "epoch"}));
            return encrypted(d, ev, {}, on_event);
        }
        ev.rec.epoch = *e;
        if constexpr (with_keys) {
            if (keys_ != nullptr) {
                plain_.assign(rec.encrypted_record.size(), 0);
                opened_record got{};
                error failure{};
                const bytes_view header = rest.first(rec.header_size());
                if (keys_->open13(d, rec, header, *e, std::span<std::uint8_t>(plain_), got, failure)) {
                    ev.rec.sequence_number = got.sequence_number;
                    ev.rec.sequence_number_known = true;
                    ev.rec.type = got.type;
                    if (duplicate(d, ev, on_event)) return;
                    return opened(d, ev, got, on_event);
                }
                if (failure) failure.offset += at;
                return encrypted(d, ev, failure, on_event);
            }
        }
        encrypted(d, ev, {}, on_event);
    }

    template <class F>
    constexpr void encrypted(direction d, event& ev, const error& why, F& on_event) {
        ++side_of(d).stats.encrypted_records;
        ev.kind = event_kind::encrypted;
        ev.decrypt_error = why;
        flight_ended_ = true;
        emit(ev, on_event);
    }

    template <class F>
    constexpr void opened(direction d, event& ev, const opened_record& got, F& on_event) {
        ++side_of(d).stats.decrypted_records;
        ev.keys = got.keys;
        ev.plaintext = got.content;
        ev.plaintext_offset = ev.rec.offset + got.content_offset;
        // RFC 6347 §4.1 (RFC 5246 §6.2.1), RFC 9147 §4 (RFC 8446 §5.4): no
        // empty handshake, alert or ChangeCipherSpec content.
        if (got.content.empty() && got.type != content_type::application_data && strict())
            return void(fail(d, error{errc::length_out_of_range, ev.plaintext_offset, "content"}));
        content(d, ev, got.type, got.content, ev.plaintext_offset, on_event);
    }

    // content — what a record held, by its (inner) type; `base` is the
    // absolute offset of bytes[0].
    template <class F>
    constexpr void content(direction d, event& ev, content_type type, bytes_view bytes, std::size_t base,
                           F& on_event) {
        const context c = ctx_for(d);
        error e;
        reader fr(bytes, e, base);
        switch (type) {
            case content_type::handshake: {
                const auto walked = for_each_fragment(bytes, base, c, [&](const handshake& h, std::size_t fat) {
                    if (!err_) fragment(d, ev, h, fat, on_event);
                });
                if (!walked && !err_) fail(d, walked.err());
                return;
            }
            case content_type::change_cipher_spec: {
                change_cipher_spec ccs{};
                described_format::read(fr, ccs, change_cipher_spec::wire_name, c);
                fr.expect_end(change_cipher_spec::wire_name);
                if (e) return void(fail(d, e));
                // RFC 9147 §5: DTLS 1.3 has no ChangeCipherSpec; RFC 5246 §7.1: it follows the hellos.
                if (strict() && (dtls13() || !server_hello_seen_))
                    return void(fail(d, error{errc::unexpected_message, ev.rec.offset, "type"}));
                side& s = side_of(d);
                if (ev.rec.epoch == s.epoch && !ev.decrypted()) {
                    ++s.epoch;
                    ev.kind = event_kind::change_cipher_spec;
                    if constexpr (with_keys)
                        if (keys_ != nullptr) keys_->on_change_cipher_spec(d);
                } else {
                    // A retransmitted flight's ChangeCipherSpec (its record in the old epoch).
                    ev.kind = event_kind::retransmission;
                    ++s.stats.retransmissions;
                }
                emit(ev, on_event);
                return;
            }
            case content_type::alert: {
                described_format::read(fr, ev.alert_value, alert::wire_name, c);
                fr.expect_end(alert::wire_name);
                if (e) return void(fail(d, e));
                ev.kind = event_kind::alert;
                flight_ended_ = true;
                emit(ev, on_event);
                return;
            }
            case content_type::ack: {
                // RFC 9147 §7: a DTLS 1.3 record type.
                if (strict() && !dtls13_possible())
                    return void(fail(d, error{errc::illegal_value, ev.rec.offset, "type"}));
                described_format::read(fr, ev.ack_value, ack::wire_name, c);
                fr.expect_end(ack::wire_name);
                if (e) return void(fail(d, e));
                ev.kind = event_kind::ack;
                emit(ev, on_event);
                return;
            }
            case content_type::application_data:
                if (ev.decrypted()) {
                    ev.kind = event_kind::application_data;
                    flight_ended_ = true;
                    emit(ev, on_event);
                    return;
                }
                [[fallthrough]];
            default: fail(d, error{errc::illegal_value, ev.rec.offset, "type"});
        }
    }

    // keys_changed — the sender's handshake messages are protected from now
    // on: DTLS 1.0/1.2 after its ChangeCipherSpec, DTLS 1.3 after the
    // ServerHello (both sides: the client's once it has read it).
    [[nodiscard]] constexpr bool keys_changed(direction d) noexcept {
        return dtls13() ? server_hello_seen_ : side_of(d).epoch != 0;
    }

    template <class F>
    constexpr void fragment(direction d, event& ev, const handshake& h, std::size_t at, F& on_event) {
        side& s = side_of(d);
        ++s.stats.fragments;
        const std::size_t next = s.reassembler.next_message_seq();
        if (h.message_seq >= next + options_.message_seq_window)
            return void(fail(d, error{errc::unexpected_message, at + 4, "message_seq"}));
        if (h.message_seq >= next && !ev.decrypted() && keys_changed(d) && strict())
            return void(fail(d, error{errc::unexpected_message, at, "Handshake"}));
        ev.fragment = h;
        ev.fragment_at = at;
        const bool was_holding = s.reassembler.pending_messages() != 0;
        const auto fed = s.reassembler.feed(h, at, [&](const reassembled_message& m) {
            if (!err_) delivered(d, ev, m, on_event);
        });
        if (err_) return;
        if (!fed) return void(fail(d, fed.err()));
        if (s.reassembler.pending_messages() != 0 && !was_holding) s.held_since = at;
        if (*fed == feed_status::duplicate) {
            ++s.stats.retransmissions;
            ev.kind = event_kind::retransmission;
            emit(ev, on_event);
        } else if (*fed == feed_status::buffered) {
            ev.kind = event_kind::fragment;
            emit(ev, on_event);
        }
    }

    template <class F>
    constexpr void delivered(direction d, event& ev, const reassembled_message& m, F& on_event) {
        const context c = ctx_for(d);
        const auto parsed = parse_body(m.msg_type, m.body, 0, c);
        if (!parsed) return void(fail(d, m.origin.map(parsed.err())));
        ev.set_message(m, *parsed, c);
        ev.finished = finished_check::not_checked;
        if (!learn(d, m, ev.msg)) return;
        if constexpr (with_keys)
            if (keys_ != nullptr) keys_->on_message(d, m, ev.msg, ctx_for(d), ev.finished);  // what learn() established
        ++side_of(d).stats.messages;
        after(d, m.msg_type, ev.msg);
        emit(ev, on_event);
    }

    // learn — what a hello establishes; the checks that need both sides.
    constexpr bool learn(direction d, const reassembled_message& m, const message& msg) {
        if (const auto* ch = std::get_if<client_hello>(&msg)) {
            if (d != direction::c2s) return true;
            client_offered_dtls13_ = client_hello::offers_dtls13(*ch);
            // lenient: RFC 4347 §4.2.1's 32-byte cookies and RFC 6347's 255 both fit.
            if (cookie_exchange_ && strict() && !hello_retry_seen_ &&
                !(ch->cookie.size() == cookie_size_ && equal_bytes(ch->cookie.data(), cookie_.data(), cookie_size_))) {
                const std::size_t cookie_at = 2 + 32 + 1 + ch->legacy_session_id.size();
                fail(d, error{errc::illegal_value, m.origin.offset(cookie_at), "cookie"});
                return false;
            }
            return true;
        }
        if (d != direction::s2c) return true;
        if (const auto* hvr = std::get_if<hello_verify_request>(&msg)) {
            cookie_exchange_ = true;
            cookie_size_ = hvr->cookie.size();
            for (std::size_t i = 0; i < cookie_size_; ++i) cookie_[i] = hvr->cookie[i];
            return true;
        }
        switch (learn_from_server_hello(ctx_, msg)) {
            case server_hello_kind::server_hello: server_hello_seen_ = true; break;
            case server_hello_kind::hello_retry_request: hello_retry_seen_ = true; break;
            case server_hello_kind::none: break;
        }
        return true;
    }

    // after — the epochs a message opens (DTLS 1.3, RFC 9147 §6.1) and where a flight ends.
    constexpr void after(direction d, handshake_type type, const message& msg) {
        const auto* hm = std::get_if<handshake_message>(&msg);
        const bool hrr = hm != nullptr && std::holds_alternative<hello_retry_request>(*hm);
        if (type == handshake_type::client_hello || type == handshake_type::hello_verify_request ||
            type == handshake_type::server_hello_done || type == handshake_type::finished || hrr)
            flight_ended_ = true;
        if (const auto* ch = std::get_if<client_hello>(&msg); ch && client_hello::offers_dtls13(*ch) &&
                                                               ch->extensions.contains(extension_type::early_data))
            side_of(direction::c2s).epoch = 1;  // early data (epoch 1) may follow
        if (!dtls13()) return;
        // From the ServerHello on, both sides may use the handshake keys (2)
        // and, past a Finished that may be out of reach (encrypted, no keys),
        // the application keys (3).
        if (hm != nullptr && std::holds_alternative<server_hello>(*hm))
            side_of(direction::s2c).epoch = side_of(direction::c2s).epoch = 3;
        (void)d;
    }

    decoder_options options_;
    context ctx_{};
    std::array<side, 2> sides_;
    std::conditional_t<with_keys, Keys*, char> keys_{};
    std::vector<std::uint8_t> plain_{};
    std::array<std::uint8_t, max_cookie_length> cookie_{};
    std::size_t cookie_size_ = 0;
    bool client_offered_dtls13_ = false;
    bool cookie_exchange_ = false;
    bool server_hello_seen_ = false;
    bool hello_retry_seen_ = false;
    bool flight_ended_ = false;
    direction failed_ = direction::c2s;
    error err_{};
};

using connection_decoder = basic_connection_decoder<>;

}  // namespace tlswire::dtls
