// tlswire/messages/connection.hpp — follow one connection, both directions.
//
// `connection_decoder` is two stream decoders (messages/stream.hpp), one for
// what the client sent and one for what the server sent, read in handshake
// order, plus the rules that need both sides:
// - context: the client's messages after the ServerHello are read with the
//   version and cipher suite the server chose; in TLS 1.3 the client's
//   handshake records are protected from then on;
// - answers: a server extension must answer one the ClientHello offered
//   (RFC 8446 §4.2, RFC 5246 §7.4.1.4), and the version, cipher suite and
//   compression method the server picks must be ones the client offered
//   (RFC 8446 §4.1.3, §4.2.1; RFC 5246 §7.4.1.3);
// - ChangeCipherSpec timing (RFC 5246 §7.1, §7.3; RFC 8446 §D.4);
// - renegotiation (RFC 5746): a renegotiation — a protected handshake record
//   after a side's protected Finished, in TLS 1.0–1.2, decrypted or not — on
//   a connection that did not negotiate renegotiation_info is refused when
//   strict;
// - keys: basic_connection_decoder<Keys> with keys given (use_keys) opens
//   each side's protected records with them, and tells them every handshake
//   message and ChangeCipherSpec of both sides before the next record is
//   read:  keys.on_handshake(direction, const stream_event&) and
//   keys.on_change_cipher_spec(direction, const stream_event&)
//   (decryption/connection_keys.hpp follows the key schedule that way).
// Strictness applies to these rules as to the parsing; lenient checks none.
//
// Order: a side is read until it ends a flight (ClientHello,
// HelloRetryRequest, ServerHelloDone) or sends a protected record, then the
// other side's turn comes; and a client's ChangeCipherSpec waits for the
// ServerHello that answers its latest ClientHello (in a renegotiation both
// travel protected, and the keys that CCS takes into use come from that
// ServerHello). Every error's offset counts in the stream of
// failed_direction().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "tlswire/extensions/supported_versions.hpp"
#include "tlswire/messages/stream.hpp"

namespace tlswire {

enum class direction : std::uint8_t { c2s, s2c };

[[nodiscard]] constexpr std::string_view to_string(direction d) noexcept { return d == direction::c2s ? "c2s" : "s2c"; }

// connection_event — a stream event and the direction it travelled.
struct connection_event : stream_event {
    direction dir = direction::c2s;
};

// (A template also so that its members are compiled where it is used, not in
// every translation unit that includes the library.)
template <class Keys = void>
class basic_connection_decoder {
public:
    explicit basic_connection_decoder(strictness mode = strictness::strict,
                                      std::size_t max_message_size = handshake_reassembler::default_max_message_size)
        : mode_(mode),
          sides_{basic_stream_decoder<Keys>(options(mode, max_message_size), context{0, 0, role::client, mode}),
                 basic_stream_decoder<Keys>(options(mode, max_message_size), context{0, 0, role::server, mode})} {}

    // decode(c2s, s2c, on_event) — walk both streams to their ends, calling
    // on_event(const connection_event&). Stops at the first error.
    template <class F>
    result<void> decode(bytes_view c2s, bytes_view s2c, F&& on_event) {
        side(direction::c2s).start(c2s);
        side(direction::s2c).start(s2c);
        direction turn = direction::c2s;
        while (!side(direction::c2s).at_end() || !side(direction::s2c).at_end()) {
            if (side(turn).at_end()) turn = other(turn);
            if (turn == direction::c2s && awaiting_server_hello_ && !side(direction::s2c).at_end() &&
                side(direction::c2s).next_record_is(content_type::change_cipher_spec))
                turn = direction::s2c;
            // After a HelloRetryRequest the client's second ClientHello comes
            // before the server's ServerHello (RFC 8446 §4.1.4), and 0-RTT
            // records sent with the first one may sit between: read the client
            // up to that ClientHello first, or the ServerHello would make its
            // plaintext handshake records look protected.
            if (turn == direction::s2c && retry_unanswered() && !side(direction::c2s).at_end() &&
                side(direction::s2c).next_record_is(content_type::handshake))
                turn = direction::c2s;
            auto& s = side(turn);
            bool ok = true;
            const bool stepped = s.step([&](const stream_event& se) {
                if (ok) ok = event(turn, se, on_event);
            });
            if (!stepped) return fail(turn, s.failure());
            if (!ok) return fail(turn, err_);
            if (s.flight_ended() && !side(other(turn)).at_end()) turn = other(turn);
        }
        for (direction d : {direction::c2s, direction::s2c})
            if (const auto r = side(d).finish(); !r) return fail(d, r.err());
        return {};
    }

    // use_keys — open protected records with `keys`, which must outlive the
    // decoding (see the header comment).
    template <class K = Keys>
        requires(!std::is_void_v<K>)
    void use_keys(K& keys) noexcept {
        keys_ = &keys;
        for (auto& s : sides_) s.use_keys(&keys);
    }

    // ctx — what the connection negotiated (the server's stream's context).
    [[nodiscard]] const context& ctx() const noexcept { return sides_[1].ctx(); }
    [[nodiscard]] direction failed_direction() const noexcept { return failed_; }

private:
    static constexpr stream_options options(strictness mode, std::size_t max) noexcept {
        stream_options o;
        o.mode = mode;
        o.max_message_size = max;
        return o;
    }
    static constexpr direction other(direction d) noexcept {
        return d == direction::c2s ? direction::s2c : direction::c2s;
    }
    basic_stream_decoder<Keys>& side(direction d) noexcept { return sides_[d == direction::c2s ? 0 : 1]; }
    [[nodiscard]] bool strict() const noexcept { return mode_ == strictness::strict; }

    result<void> fail(direction d, const error& e) {
        failed_ = d;
        err_ = e;
        return e;
    }
    bool refuse(error e) {
        err_ = e;
        return false;
    }

    template <class F>
    bool event(direction d, const stream_event& se, F& on_event) {
        // RFC 5746 §4.2, §4.4: without secure renegotiation, a renegotiation is
        // refused, whether its records could be decrypted or not.
        if ((se.kind == event_kind::encrypted || se.decrypted()) && renegotiation(d, se) && strict() &&
            !secure_renegotiation_)
            return refuse(error{errc::unexpected_message, se.record_offset, "renegotiation"});
        switch (se.kind) {
            case event_kind::handshake:
                if (!handshake(d, se)) return false;
                if constexpr (!std::is_void_v<Keys>)
                    if (keys_ != nullptr) keys_->on_handshake(d, se);
                break;
            case event_kind::change_cipher_spec:
                if (!change_cipher_spec_allowed(d)) return refuse(error{errc::unexpected_message, se.record_offset, "type"});
                if constexpr (!std::is_void_v<Keys>)
                    if (keys_ != nullptr) keys_->on_change_cipher_spec(d, se);
                break;
            case event_kind::encrypted:
            case event_kind::alert:
            case event_kind::heartbeat:
            case event_kind::application_data:
            case event_kind::sslv2_client_hello: break;
        }
        connection_event ev{se, d};
        on_event(static_cast<const connection_event&>(ev));
        return true;
    }

    // change_cipher_spec_allowed — RFC 5246 §7.3 (Figures 1 and 2): the
    // client's CCS follows the server's ServerHelloDone (full handshake) or
    // its CCS (abbreviated); the server's follows the client's CCS, or its own
    // ServerHello when it resumes. RFC 8446 §D.4: in TLS 1.3 either side may
    // send one after its first hello.
    bool change_cipher_spec_allowed(direction d) const noexcept {
        if (!strict()) return true;
        const auto& client = sides_[0];
        const auto& server = sides_[1];
        const bool tls13 = server.ctx().is_tls13() || (!server.ctx().version_known() && client.offered_tls13());
        if (d == direction::c2s) {
            if (tls13) return true;  // after its ClientHello: the stream decoder checks a hello came first
            return server_hello_seen_ && (server_hello_done_seen_ || server.sent_change_cipher_spec());
        }
        if (!server_hello_seen_) return tls13 && hello_retry_seen_;
        if (tls13) return true;
        return !server_hello_done_seen_ || client.sent_change_cipher_spec();
    }

    // renegotiation — a protected handshake record after this side's
    // protected Finished (TLS 1.0–1.2): a HelloRequest or a new ClientHello
    // or the messages after them (each message of a decrypted one). (A Finished split over several records
    // would be taken for one; no stack sends that.)
    bool renegotiation(direction d, const stream_event& se) const noexcept {
        return se.rec.type == content_type::handshake && !sides_[1].ctx().is_tls13() &&
               sides_[d == direction::c2s ? 0 : 1].protected_handshake_records() >= 2;
    }

    static constexpr std::uint64_t bit(std::uint16_t v) noexcept { return std::uint64_t{1} << (v & 63u); }
    template <std::size_t N>
    static constexpr void set(std::array<std::uint64_t, N>& s, std::uint16_t v) noexcept { s[v >> 6] |= bit(v); }
    template <std::size_t N>
    static constexpr bool has(const std::array<std::uint64_t, N>& s, std::uint16_t v) noexcept {
        return (s[v >> 6] & bit(v)) != 0;
    }

    // retry_unanswered — a HelloRetryRequest was read, the second ClientHello not yet.
    [[nodiscard]] bool retry_unanswered() const noexcept {
        return hello_retry_seen_ && !awaiting_server_hello_ && !server_hello_seen_;
    }

    bool handshake(direction d, const stream_event& se) {
        const handshake_message& m = se.handshake;
        if (const auto* ch = std::get_if<client_hello>(&m)) {
            if (d == direction::c2s) {
                offers(*ch, se.ctx);
                awaiting_server_hello_ = true;
            }
            return true;
        }
        if (d != direction::s2c) return true;
        if (const auto* sh = std::get_if<server_hello>(&m)) {
            server_hello_seen_ = true;
            awaiting_server_hello_ = false;
            secure_renegotiation_ = sh->extensions.contains(extension_type::renegotiation_info);
            if (!answers(se, *sh, false)) return false;
            auto& client = side(direction::c2s);
            client.learn(se.ctx.version, static_cast<std::uint16_t>(sh->cipher_suite));
            // RFC 8446 §2: once the client has read the ServerHello, its handshake messages are protected.
            if (se.ctx.is_tls13()) client.protect(record_protection::protected_tls13);
            return true;
        }
        if (const auto* hrr = std::get_if<hello_retry_request>(&m)) {
            hello_retry_seen_ = true;
            awaiting_server_hello_ = false;
            if (!answers(se, *hrr, true)) return false;
            side(direction::c2s).learn(0x0304, static_cast<std::uint16_t>(hrr->cipher_suite));
            return true;
        }
        if (const auto* ee = std::get_if<encrypted_extensions>(&m)) return answered(se, ee->extensions, false);
        if (std::holds_alternative<server_hello_done>(m)) server_hello_done_seen_ = true;
        return true;
    }

    // offers — what a ClientHello offered, for checking the server's answers.
    void offers(const client_hello& ch, const context& c) {
        have_client_hello_ = true;
        offered_extensions_ = {};
        offered_suites_ = {};
        offered_compressions_ = {};
        offered_versions_ = {};
        for (const extension& x : ch.extensions) set(offered_extensions_, static_cast<std::uint16_t>(x.extension_type));
        for (const cipher_suite s : ch.cipher_suites) set(offered_suites_, static_cast<std::uint16_t>(s));
        for (const compression_method m : ch.legacy_compression_methods)
            set(offered_compressions_, static_cast<std::uint16_t>(m));
        client_legacy_version_ = static_cast<std::uint16_t>(ch.legacy_version);
        has_supported_versions_ = false;
        if (const auto sv = ch.extensions.template get<supported_versions_client_hello>(c); sv && *sv) {
            has_supported_versions_ = true;
            for (const protocol_version v : (**sv).versions) set(offered_versions_, static_cast<std::uint16_t>(v));
        }
    }

    // answers — the ServerHello's (or HelloRetryRequest's) choices are among the offers.
    template <class Hello>
    bool answers(const stream_event& se, const Hello& sh, bool hrr) {
        if (!have_client_hello_ || !strict()) return true;
        const std::uint8_t* suite_at = sh.legacy_session_id_echo.data() + sh.legacy_session_id_echo.size();
        if (!has(offered_suites_, static_cast<std::uint16_t>(sh.cipher_suite)))
            return refuse(error{errc::illegal_value, se.offset_of(suite_at), "cipher_suite"});
        if (!has(offered_compressions_, static_cast<std::uint16_t>(sh.legacy_compression_method)))
            return refuse(error{errc::illegal_value, se.offset_of(suite_at + 2), "legacy_compression_method"});
        const std::uint16_t v = se.ctx.version;
        if (const auto sv = sh.extensions.find(extension_type::supported_versions)) {
            if (!has_supported_versions_ || !has(offered_versions_, v))
                return refuse(error{errc::illegal_value, se.offset_of(sv->data()), "selected_version"});
        } else if (v > client_legacy_version_ || v == 0x0304) {
            return refuse(error{errc::illegal_value, se.offset_of(se.message.data() + 4), "legacy_version"});
        }
        return answered(se, sh.extensions, hrr);
    }

    // answered — RFC 8446 §4.2: "Implementations MUST NOT send extension
    // responses unless the remote endpoint sent the corresponding extension
    // request, with the exception of the "cookie" extension in the
    // HelloRetryRequest." RFC 5746 §3.6: renegotiation_info answers the SCSV
    // too. The error points at the extension.
    bool answered(const stream_event& se, const extension_block& block, bool hrr) {
        if (!have_client_hello_ || !strict()) return true;
        for (const extension& x : block) {
            const auto t = x.extension_type;
            const auto v = static_cast<std::uint16_t>(t);
            if (has(offered_extensions_, v)) continue;
            if (hrr && t == extension_type::cookie) continue;
            if (t == extension_type::renegotiation_info &&
                has(offered_suites_, static_cast<std::uint16_t>(cipher_suite::TLS_EMPTY_RENEGOTIATION_INFO_SCSV)))
                continue;
            const auto name = to_string(t);
            return refuse(error{errc::unsolicited_extension, se.offset_of(x.extension_data.data() - 4),
                                name.empty() ? std::string_view("extension") : name});
        }
        return true;
    }

    strictness mode_;
    std::array<basic_stream_decoder<Keys>, 2> sides_;
    std::conditional_t<std::is_void_v<Keys>, char, Keys*> keys_{};
    std::array<std::uint64_t, 1024> offered_extensions_{};
    std::array<std::uint64_t, 1024> offered_suites_{};
    std::array<std::uint64_t, 4> offered_compressions_{};
    std::array<std::uint64_t, 1024> offered_versions_{};
    std::uint16_t client_legacy_version_ = 0;
    bool has_supported_versions_ = false;
    bool have_client_hello_ = false;
    bool awaiting_server_hello_ = false;  // a ClientHello was read and not yet answered
    bool server_hello_seen_ = false;
    bool hello_retry_seen_ = false;
    bool server_hello_done_seen_ = false;
    bool secure_renegotiation_ = false;
    direction failed_ = direction::c2s;
    error err_{};
};

using connection_decoder = basic_connection_decoder<>;

}  // namespace tlswire
