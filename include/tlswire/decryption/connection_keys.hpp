// tlswire/decryption/connection_keys.hpp — a connection's record keys, from
// a key log, following its handshake: what basic_connection_decoder<Keys>
// uses to open both sides' protected records.
//
//   decryption::connection_keys<crypto::reference::backend> keys(keylog_text);
//   decryption::connection_decoder<crypto::reference::backend> dec;
//   dec.use_keys(keys);
//   dec.decode(c2s, s2c, on_event);  // events of opened records say `decrypted`
//
// The secrets are those of RFC 9850's key log, found by the ClientHello's
// random when the decoder reads it (a renegotiation's ClientHello, read
// decrypted, names its own). Each side's keys change where its messages say:
// TLS 1.3 (RFC 8446 §7): the client's early keys after its ClientHello when
//   it offers early_data (§4.2.10), the handshake keys after the ServerHello,
//   the client's from its EndOfEarlyData on; the application keys after each
//   side's Finished, and the next generation after each KeyUpdate (§7.2).
//   When the server did not accept 0-RTT, the client's records after its
//   early data are under its handshake keys: a record the early keys do not
//   open is tried with those, which then stay (what a server does, §4.2.10).
//   The early keys are those of the cipher suite of the PSK the client
//   offered first (§4.2.10), which the wire does not name and which need not
//   be the one the server selected (a server that rejects the PSK or the
//   0-RTT; OpenSSL 3.0 even accepts 0-RTT under another suite of the same
//   hash): until an early record opens, one the selected suite's early keys
//   do not open is tried with each other TLS 1.3 suite's, and the suite that
//   opens it stays.
// TLS 1.0–1.2 (RFC 5246 §6.3, §7.1): the key block of the master secret and
//   both hellos' randoms, taken into use by each side's ChangeCipherSpec
//   (encrypt-then-MAC when the ServerHello has encrypt_then_mac, RFC 7366 §3);
//   a renegotiation's records stay under the previous keys until its own
//   ChangeCipherSpec (RFC 5246 §7.4.1.1).
// A side without a secret in the log keeps its records encrypted; a record
// its keys fail to open (a wrong secret) is reported encrypted with that
// error, and the keys stay where they were.
//
// Decryption need not be constant-time here: this decodes captured traffic,
// it does not answer a peer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "tlswire/keylog/secrets.hpp"
#include "tlswire/messages/connection.hpp"
#include "tlswire/protection/suite.hpp"
#include "tlswire/schedule/cipher_suite_keys.hpp"
#include "tlswire/schedule/tls13.hpp"

namespace tlswire::decryption {

// tls12_epoch_pair — both sides' TLS 1.0–1.2 record keys of one handshake.
template <class Backend>
struct tls12_epoch_pair {
    protection::suite_epoch<Backend> client{}, server{};
};

// tls12_epochs<Backend>(master_secret, client_random, sh, version) — RFC 5246
// §6.3: key_block = PRF(master_secret, "key expansion", server_random +
// client_random), cut into each side's keys for the suite `sh` selected
// (encrypt-then-MAC when `sh` has encrypt_then_mac, RFC 7366 §3). `version`
// is the TLS version (DTLS: the one it is built on, RFC 6347 §4.1.2: DTLS
// 1.2 protects records as TLS 1.2 does). No keys (epoch_kind::none) for a
// suite the backend cannot protect.
template <class Backend>
constexpr tls12_epoch_pair<Backend> tls12_epochs(bytes_view master_secret, bytes_view client_random,
                                                 const server_hello& sh, protocol_version version) {
    using suite_epoch = protection::suite_epoch<Backend>;
    tls12_epoch_pair<Backend> out{};
    const auto a = negotiated_suite(static_cast<std::uint16_t>(sh.cipher_suite));
    if (!a) return out;
    std::array<std::uint8_t, 32> server_random{};
    for (std::size_t i = 0; i < server_random.size(); ++i) server_random[i] = sh.random[i];
    std::array<std::uint8_t, 2 * (suite_epoch::max_mac_key + 32 + 16)> block{};
    result<tls12::key_material> keys = error{errc::unsupported, 0, "cipher_suite"};
    const hash_function prf = prf_hash_for(*a, version);
    protection::with_prf_hash<Backend>(prf, [&](auto h) {
        using H = typename decltype(h)::type;
        keys = tls12::derive_keys<H>(master_secret, client_random, server_random, sh.cipher_suite, version, block);
    });
    if (!keys) return out;
    const auto order = sh.extensions.contains(extension_type::encrypt_then_mac) ? protection::mac_order::encrypt_then_mac
                                                                                : protection::mac_order::mac_then_encrypt;
    if (const auto c = suite_epoch::tls12(sh.cipher_suite, version, *keys, role::client, order)) out.client = *c;
    if (const auto s = suite_epoch::tls12(sh.cipher_suite, version, *keys, role::server, order)) out.server = *s;
    crypto::detail::wipe(block, block.size());  // the key block holds every key of both sides
    return out;
}

template <class Backend>
class connection_keys {
public:
    // From a key log's text, which must outlive the decoding.
    constexpr explicit connection_keys(std::string_view keylog) noexcept : keylog_(keylog) {}
    // From secrets found some other way (their client_random is not checked).
    constexpr explicit connection_keys(const keylog::connection_secrets& secrets) noexcept
        : secrets_(secrets), fixed_(true) {}

    // The stream decoder's hook (messages/stream.hpp): open a protected
    // record that `sender` wrote.
    constexpr bool open(role sender, const record& rec, std::span<std::uint8_t> out, decrypted_record& got,
                        error& failure) {
        if (sender == role::unknown) return false;
        side& s = side_of(sender);
        if (s.current.has_keys() && open_with(s.current, s.epoch, rec, out, got, failure)) {
            s.early_unkeyed = false;
            if (s.epoch.phase == key_phase::early) s.early_suite_known = true;
            return true;
        }
        if (&s == &client_ && s.epoch.phase == key_phase::early && !s.early_suite_known &&
            open_early_under_other_suite(rec, out, got)) {
            failure = {};
            return true;
        }
        // 0-RTT offered with no early secret in the log: the records before the
        // first one the handshake keys open are early data, with no keys here.
        if (s.early_unkeyed) failure = {};
        if (s.fallback.has_keys()) {
            error second{};
            if (open_with(s.fallback, handshake_epoch, rec, out, got, second)) {
                s.to_handshake();
                failure = {};
                return true;
            }
            if (!failure) failure = second;
        }
        return false;
    }

    // The connection decoder's hooks (messages/connection.hpp).
    constexpr void on_handshake(direction d, const stream_event& se) {
        if (se.message.empty()) return;
        const auto type = static_cast<handshake_type>(se.message[0]);
        side& s = side_of(d);
        if (const auto* ch = std::get_if<client_hello>(&se.handshake); ch && d == direction::c2s) {
            client_hello_(*ch);
            return;
        }
        if (d == direction::s2c) {
            if (const auto* sh = std::get_if<server_hello>(&se.handshake)) return server_hello_(*sh, se.ctx);
            if (const auto* hrr = std::get_if<hello_retry_request>(&se.handshake)) {
                // RFC 8446 §4.1.4: 0-RTT is rejected; the client's early records
                // before its second ClientHello are under its early keys still.
                suite_ = hrr->cipher_suite;
                client_.enter(early_offered_ ? tls13_epoch(client_secret(early)) : suite_epoch{},
                              key_epoch{key_phase::early, 0});
                return;
            }
        }
        if (!tls13_) return;
        if (type == handshake_type::finished && !s.finished) {
            // RFC 8446 §7.1: application_traffic_secret_0 after the sender's Finished.
            s.finished = true;
            const keylog::secret* next = d == direction::c2s ? found(secrets_.client_application_traffic_secret_0)
                                                             : found(secrets_.server_application_traffic_secret_0);
            s.traffic_secret = next != nullptr ? *next : keylog::secret{};
            s.enter(tls13_epoch(next), key_epoch{key_phase::application, 0});
        } else if (type == handshake_type::end_of_early_data && d == direction::c2s) {
            // RFC 8446 §4.5: the client's handshake keys from here.
            if (client_.epoch.phase == key_phase::early) client_.to_handshake();
        } else if (type == handshake_type::key_update && s.epoch.phase == key_phase::application) {
            // RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd", "", Hash.length).
            const key_epoch e{key_phase::application, s.epoch.generation + 1};
            const auto a = negotiated_suite(static_cast<std::uint16_t>(suite_));
            keylog::secret next{};
            if (s.traffic_secret.size != 0 && a)
                protection::with_hash<Backend>(a->prf_hash, [&](auto h) {
                    using H = typename decltype(h)::type;
                    const auto n = tls13::next_application_traffic_secret<H>(s.traffic_secret.view());
                    for (std::size_t i = 0; i < n.size(); ++i) next.bytes[i] = n[i];
                    next.size = static_cast<std::uint8_t>(n.size());
                });
            s.traffic_secret = next;
            s.enter(next.size != 0 ? tls13_epoch(&next) : suite_epoch{}, e);
        }
    }

    constexpr void on_change_cipher_spec(direction d, const stream_event&) {
        // RFC 8446 §5: TLS 1.3's compatibility ChangeCipherSpec changes nothing.
        if (tls13_ || !version_known_) return;
        side& s = side_of(d);
        s.enter(s.pending, key_epoch{key_phase::tls12, s.changes++});
        s.pending = {};
    }

private:
    using suite_epoch = protection::suite_epoch<Backend>;

    static constexpr key_epoch handshake_epoch{key_phase::handshake, 0};

    struct side {
        suite_epoch current{};
        key_epoch epoch{};
        suite_epoch fallback{};  // TLS 1.3 client: its handshake keys while early ones are current
        suite_epoch pending{};   // TLS 1.0–1.2: the keys its next ChangeCipherSpec takes into use
        keylog::secret traffic_secret{};  // TLS 1.3: the current application traffic secret
        std::uint32_t changes = 0;        // TLS 1.0–1.2: ChangeCipherSpecs so far
        bool finished = false;            // TLS 1.3: its handshake Finished was read
        bool early_unkeyed = false;       // TLS 1.3 client: early data offered, its secret not in the log
        bool early_suite_known = false;   // TLS 1.3 client: an early record opened (its suite stays)

        // enter(keys, e) — these keys from now on, none in reserve.
        constexpr void enter(const suite_epoch& keys, key_epoch e) {
            current = keys;
            epoch = e;
            fallback = {};
        }
        // to_handshake — the client's handshake keys kept in reserve, from now on.
        constexpr void to_handshake() { enter(suite_epoch(fallback), handshake_epoch); }
    };

    enum secret_kind { early, handshake_keys };

    constexpr side& side_of(role r) noexcept { return r == role::client ? client_ : server_; }
    constexpr side& side_of(direction d) noexcept { return d == direction::c2s ? client_ : server_; }

    static constexpr const keylog::secret* found(const std::optional<keylog::secret>& s) noexcept {
        return s ? &*s : nullptr;
    }
    constexpr const keylog::secret* client_secret(secret_kind k) const noexcept {
        return found(k == early ? secrets_.client_early_traffic_secret : secrets_.client_handshake_traffic_secret);
    }

    // tls13_epoch — RFC 8446 §7.3 keys of the negotiated suite from a traffic
    // secret; no keys when the secret is missing or does not fit the suite.
    constexpr suite_epoch tls13_epoch(const keylog::secret* secret) const {
        if (secret == nullptr) return {};
        const result<suite_epoch> e = suite_epoch::tls13(suite_, secret->view());
        return e ? *e : suite_epoch{};
    }

    // open_early_under_other_suite — the client's early record under the early
    // keys of a TLS 1.3 suite other than the selected one (see the header
    // comment); those keys stay, with the early epoch and the handshake keys
    // in reserve.
    constexpr bool open_early_under_other_suite(const record& rec, std::span<std::uint8_t> out,
                                                decrypted_record& got) {
        const keylog::secret* secret = client_secret(early);
        if (secret == nullptr) return false;
        // Every TLS 1.3 suite of the registry.
        for (const cipher_suite_entry& entry : ::tlswire::detail::cipher_suite_table) {
            const cipher_suite other = entry.value;
            if (!entry.attributes.is_tls13() || other == suite_) continue;
            const result<suite_epoch> e = suite_epoch::tls13(other, secret->view());
            if (!e) continue;  // not this secret's hash, or a suite the backend cannot protect
            suite_epoch keys = *e;
            error ignored{};
            if (!open_with(keys, client_.epoch, rec, out, got, ignored)) continue;
            client_.current = keys;
            client_.early_unkeyed = false;
            client_.early_suite_known = true;
            return true;
        }
        return false;
    }

    constexpr void client_hello_(const client_hello& ch) {
        for (std::size_t i = 0; i < client_random_.size(); ++i) client_random_[i] = ch.random[i];
        if (!fixed_) secrets_ = keylog::secrets_for(keylog_, client_random_, [](const keylog::line_error&) {});
        // RFC 8446 §4.2.10: early data follows a ClientHello offering it.
        const bool offered = ch.extensions.contains(extension_type::early_data);
        early_offered_ = offered && secrets_.client_early_traffic_secret.has_value();
        client_.early_unkeyed = offered && !early_offered_;
    }

    constexpr void server_hello_(const server_hello& sh, const context& ctx) {
        suite_ = sh.cipher_suite;
        version_known_ = ctx.version_known();
        tls13_ = ctx.is_tls13();
        if (tls13_) {
            // RFC 8446 §7.1: each side's handshake traffic keys.
            server_.enter(tls13_epoch(found(secrets_.server_handshake_traffic_secret)), handshake_epoch);
            const suite_epoch hs = tls13_epoch(client_secret(handshake_keys));
            if (early_offered_) {
                client_.enter(tls13_epoch(client_secret(early)), key_epoch{key_phase::early, 0});
                client_.fallback = hs;
            } else {
                client_.enter(hs, handshake_epoch);
            }
            return;
        }
        client_.pending = server_.pending = {};
        if (!secrets_.master_secret) return;
        const auto keys = tls12_epochs<Backend>(secrets_.master_secret->view(), client_random_, sh,
                                                static_cast<protocol_version>(ctx.version));
        client_.pending = keys.client;
        server_.pending = keys.server;
    }

    static constexpr bool open_with(suite_epoch& e, key_epoch epoch, const record& rec, std::span<std::uint8_t> out,
                                    decrypted_record& got, error& failure) {
        const std::uint64_t seq = e.sequence_number();
        result<protection::opened_record> r = error{errc::unsupported, 0, "cipher_suite"};
        if (e.kind() == protection::epoch_kind::tls13)
            r = e.open(protected_record_tls13{rec.type, rec.legacy_record_version, rec.fragment}, out);
        else
            r = e.open(protected_record_tls12{rec.type, rec.legacy_record_version, rec.fragment}, out);
        if (!r) {
            failure = r.err();
            return false;
        }
        got.type = r->type;
        got.content = r->fragment;
        got.content_offset = protection::record_header_length + e.explicit_iv_length();
        got.epoch = epoch;
        got.sequence_number = seq;
        return true;
    }

    std::string_view keylog_{};
    keylog::connection_secrets secrets_{};
    bool fixed_ = false;
    std::array<std::uint8_t, 32> client_random_{};
    cipher_suite suite_{};
    bool version_known_ = false;
    bool tls13_ = false;
    bool early_offered_ = false;
    side client_{}, server_{};
};

// connection_decoder<Backend> — a connection decoder that opens records with
// connection_keys (give it the keys with use_keys).
template <class Backend>
using connection_decoder = basic_connection_decoder<connection_keys<Backend>>;

}  // namespace tlswire::decryption
