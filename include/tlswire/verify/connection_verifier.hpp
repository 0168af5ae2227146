// tlswire/verify/connection_verifier.hpp — replay one connection with its
// key log and check every cryptographic value the handshake carries.
//
//   verify::connection_verifier<crypto::openssl::backend, verify::openssl_signatures> v(keylog, opts);
//   v.run(c2s, s2c, [](const verify::check& c) { ... });
//
// The connection is decoded with decryption::connection_decoder (the key log
// opens the protected records); each handshake message is kept (a copy) and,
// once the input is read, each handshake of the connection (the first and
// every TLS 1.2 renegotiation) is checked:
// TLS 1.3 — tls13_server_finished / tls13_client_finished (RFC 8446 §4.4.4,
//   from each side's handshake traffic secret and the transcript, §4.4.1,
//   with the HelloRetryRequest's message_hash), tls13_server_certificate_verify
//   / tls13_client_certificate_verify (§4.4.3, under the first certificate's
//   key, when a signature_verifier is given), tls13_psk_binder (§4.2.11.2, for
//   each offered identity whose PSK is known: options.psks, tried as external
//   then resumption PSK, or a ticket of an earlier connection in the same
//   session_store whose resumption master secret was given);
//   tls13_post_handshake_certificate_verify / tls13_post_handshake_finished
//   (§4.6.2: the client's answer to each CertificateRequest after the
//   handshake, whose Handshake Context is the handshake through the client's
//   Finished plus that CertificateRequest and whose Finished is keyed by the
//   client's application traffic secret of the generation it was sent under,
//   §4.4); and, while records are read, tls13_client_application_secret /
//   tls13_server_application_secret (the first record after each side's
//   Finished opens with CLIENT/SERVER_TRAFFIC_SECRET_0: its AEAD tag is the
//   proof) and tls13_key_update (the first record after each KeyUpdate opens
//   with the next generation, §7.2).
// TLS 1.0–1.2 — tls12_client_finished / tls12_server_finished (RFC 5246
//   §7.4.9, from the key log's master secret), tls12_server_key_exchange_signature
//   (§7.4.3), tls12_client_certificate_verify (§7.4.8), and with a
//   premaster_decryptor and the RSA key exchange tls12_rsa_premaster (the
//   decrypted pre-master secret gives the logged master secret, RFC 7627 §4
//   when extended_master_secret was negotiated).
// A check that cannot compare (no secret in the key log, a record that does
// not open, a message missing from the input) fails with a reason; a check
// whose input is absent for good reason (no CertificateVerify in a PSK
// handshake, no signature_verifier given) is not reported.
//
// Run-time only (the messages are copied into std::vector); the checks
// themselves are the pure functions of verify/tls13.hpp and verify/tls12.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "tlswire/decryption/connection_keys.hpp"
#include "tlswire/keylog/secrets.hpp"
#include "tlswire/messages/connection.hpp"
#include "tlswire/protection/suite.hpp"
#include "tlswire/schedule/signed_content.hpp"
#include "tlswire/schedule/transcript.hpp"
#include "tlswire/verify/check.hpp"
#include "tlswire/verify/keys.hpp"
#include "tlswire/verify/tls12.hpp"
#include "tlswire/verify/tls13.hpp"

namespace tlswire::verify {

// session_store — TLS 1.3 tickets whose PSK is known (RFC 8446 §4.6.1),
// learned from the connections verified before, for the binders of the ones
// after. Share one across the connections of an input.
struct session_store {
    struct ticket {
        std::vector<std::uint8_t> identity;
        std::vector<std::uint8_t> psk;
    };
    std::vector<ticket> tickets;
};

template <class Signatures = no_signatures, class Decryptor = no_decryptor>
struct verifier_options {
    std::span<const bytes_view> psks{};          // PSKs known from elsewhere (--psk)
    const Signatures* signatures = nullptr;      // checks the signatures (else none are)
    const Decryptor* decryptor = nullptr;        // the RSA key exchange's server key (else no premaster check)
    session_store* sessions = nullptr;           // tickets of earlier connections
    bytes_view resumption_master_secret{};       // this connection's, when known: its tickets go to `sessions`
};

template <class Backend, signature_verifier Signatures = no_signatures, premaster_decryptor Decryptor = no_decryptor>
class connection_verifier {
public:
    using options = verifier_options<Signatures, Decryptor>;

    // The key log's text must outlive the verifier.
    explicit connection_verifier(std::string_view keylog, options o = {}) : keylog_(keylog), opt_(o) {}

    // run(c2s, s2c, on_check) — decode the connection and call
    // on_check(const check&) for each check; returns how the decoding ended
    // (an error with failed_direction()'s offsets; the checks up to there are
    // still made).
    template <class F>
    result<void> run(bytes_view c2s, bytes_view s2c, F&& on_check) {
        decryption::connection_keys<Backend> keys(keylog_);
        decryption::connection_decoder<Backend> dec(strictness::strict);
        dec.use_keys(keys);
        const result<void> r = dec.decode(c2s, s2c, [&](const connection_event& ev) { on_event(ev); });
        failed_direction_ = dec.failed_direction();
        finish(on_check);
        return r;
    }
    [[nodiscard]] direction failed_direction() const noexcept { return failed_direction_; }

    // Step by step: on_event for each event of a connection decoder that
    // uses connection_keys over the same key log, then finish.
    void on_event(const connection_event& ev) {
        record_checks(ev);
        if (ev.kind != event_kind::handshake) return;
        const auto type = msg_type_of(ev.handshake);
        if (type == handshake_type::hello_request) return;  // in no transcript (RFC 5246 §7.4.1.1)
        // Each direction counts its own handshakes (their records interleave
        // by record, not by flight, once a renegotiation is protected).
        const bool is_hrr = std::holds_alternative<hello_retry_request>(ev.handshake);
        if (ev.dir == direction::c2s && type == handshake_type::client_hello) {
            // A new handshake, unless it answers a HelloRetryRequest.
            const bool after_hrr = client_at_ < handshakes_.size() && handshakes_[client_at_].hrr &&
                                   handshakes_[client_at_].client_hellos == 1;
            if (!after_hrr) client_at_ = client_started_ ? client_at_ + 1 : 0;
            client_started_ = true;
        } else if (ev.dir == direction::s2c && (is_hrr || std::holds_alternative<server_hello>(ev.handshake))) {
            if (!last_server_was_hrr_) server_at_ = server_started_ ? server_at_ + 1 : 0;
            server_started_ = true;
        }
        if (ev.dir == direction::s2c) last_server_was_hrr_ = is_hrr;
        const bool started = ev.dir == direction::c2s ? client_started_ : server_started_;
        if (!started) return;  // a message before any hello: in no handshake
        const std::size_t at = ev.dir == direction::c2s ? client_at_ : server_at_;
        if (handshakes_.size() <= at) handshakes_.resize(at + 1);
        handshake_log& h = handshakes_[at];
        if (ev.dir == direction::c2s && type == handshake_type::client_hello) ++h.client_hellos;
        if (is_hrr) h.hrr = true;
        if (std::holds_alternative<server_hello>(ev.handshake)) h.tls13 = ev.ctx.is_tls13();
        h.messages.push_back({ev.dir, std::vector<std::uint8_t>(ev.message.begin(), ev.message.end()), ev.ctx,
                              ev.epoch.phase == key_phase::application ? ev.epoch.generation : 0});
        // Records: TLS 1.3 application keys after each side's Finished, the
        // next generation after a KeyUpdate.
        side& s = sides_[ev.dir == direction::c2s ? 0 : 1];
        if (h.tls13 && at == 0) {
            if (type == handshake_type::finished && !s.finished) {
                s.finished = true;
                s.pending = pending_kind::application;
                s.pending_record = ev.record_offset;
            } else if (type == handshake_type::key_update) {
                s.pending = pending_kind::key_update;
                s.pending_record = ev.record_offset;
                s.pending_generation = ev.epoch.generation + 1;
            }
        }
    }

    template <class F>
    void finish(F&& on_check) {
        for (std::size_t i = 0; i < handshakes_.size(); ++i) {
            handshake_ = static_cast<std::uint32_t>(i);
            check_handshake(handshakes_[i], on_check);
        }
        for (const check& c : record_checks_) on_check(c);
        record_checks_.clear();
        handshakes_.clear();
        client_at_ = server_at_ = 0;
        client_started_ = server_started_ = last_server_was_hrr_ = false;
    }

private:
    struct message {
        direction dir;
        std::vector<std::uint8_t> bytes;
        context ctx;
        std::uint32_t generation = 0;  // the application traffic secret it was sent under (TLS 1.3)
        [[nodiscard]] handshake_type type() const noexcept { return static_cast<handshake_type>(bytes[0]); }
        [[nodiscard]] bytes_view body() const noexcept { return bytes_view(bytes).subspan(4); }
        [[nodiscard]] result<handshake_message> parsed() const { return parse_handshake(bytes, ctx); }
    };
    struct handshake_log {
        std::vector<message> messages;
        int client_hellos = 0;
        bool hrr = false;
        bool tls13 = false;
    };
    enum class pending_kind : std::uint8_t { none, application, key_update };
    struct side {
        bool finished = false;
        pending_kind pending = pending_kind::none;
        std::size_t pending_record = 0;
        std::uint32_t pending_generation = 0;
        error decrypt_error{};     // the first record of this side that did not open
        bool undecrypted = false;  // some record of this side stayed encrypted
    };

    // record_checks — the application secret and KeyUpdate checks, on the
    // first record after the message that changed the keys.
    void record_checks(const connection_event& ev) {
        side& s = sides_[ev.dir == direction::c2s ? 0 : 1];
        if (ev.kind == event_kind::encrypted) {
            if (!s.undecrypted) s.decrypt_error = ev.decrypt_error;
            s.undecrypted = true;
        }
        if (s.pending == pending_kind::none || ev.record_offset == s.pending_record) return;
        if (ev.kind != event_kind::encrypted && !ev.decrypted()) return;  // a plaintext record (a CCS)
        const bool client = ev.dir == direction::c2s;
        check c;
        if (s.pending == pending_kind::application) {
            const check_id id =
                client ? check_id::tls13_client_application_secret : check_id::tls13_server_application_secret;
            if (ev.decrypted() && ev.epoch.phase == key_phase::application && ev.epoch.generation == 0)
                c = passed(id);
            else
                c = failed(id,
                           ev.decrypt_error ? (client ? "CLIENT_TRAFFIC_SECRET_0 does not open the client's first "
                                                        "application record"
                                                      : "SERVER_TRAFFIC_SECRET_0 does not open the server's first "
                                                        "application record")
                                            : (client ? "no CLIENT_TRAFFIC_SECRET_0 in the key log"
                                                      : "no SERVER_TRAFFIC_SECRET_0 in the key log"),
                           ev.decrypt_error);
        } else {
            if (ev.decrypted() && ev.epoch.phase == key_phase::application &&
                ev.epoch.generation == s.pending_generation)
                c = passed(check_id::tls13_key_update);
            else
                c = failed(check_id::tls13_key_update,
                           "the next application traffic secret does not open the record after the KeyUpdate",
                           ev.decrypt_error);
            c.index = s.pending_generation;
            c.client = client;
        }
        s.pending = pending_kind::none;
        record_checks_.push_back(c);
    }

    // ---- helpers ----------------------------------------------------------

    // first_certificate — the DER of a Certificate message's first entry.
    static std::optional<bytes_view> first_certificate(const handshake_message& m) {
        if (const auto* c13 = std::get_if<certificate_tls13>(&m)) {
            for (const certificate_entry& e : c13->certificate_list) return e.cert_data;
        } else if (const auto* c12 = std::get_if<certificate_tls12>(&m)) {
            for (const bytes_view der : c12->certificate_list) return der;
        }
        return std::nullopt;
    }

    template <class F>
    void emit(check c, F& on_check) {
        c.handshake = handshake_;
        on_check(static_cast<const check&>(c));
    }

    // missing — why a Finished (or what precedes it) is not in the input.
    std::string_view missing_reason(direction d, const std::optional<keylog::secret>& secret, std::string_view no_secret,
                                    std::string_view no_open, error& cause) const {
        const side& s = sides_[d == direction::c2s ? 0 : 1];
        if (!secret) return no_secret;
        if (s.undecrypted && s.decrypt_error) {
            cause = s.decrypt_error;
            return no_open;
        }
        return d == direction::c2s ? "no Finished from the client in the input"
                                   : "no Finished from the server in the input";
    }

    template <class F>
    void check_handshake(const handshake_log& h, F& on_check) {
        std::vector<const message*> c, s;
        for (const message& m : h.messages) (m.dir == direction::c2s ? c : s).push_back(&m);
        if (c.empty() || c[0]->type() != handshake_type::client_hello) return;
        const message* sh_msg = nullptr;
        // The HelloRetryRequest is a server_hello on the wire; the ServerHello is the one after it.
        std::size_t sh_at = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto p = s[i]->parsed();
            if (p && std::holds_alternative<server_hello>(*p)) {
                sh_msg = s[i];
                sh_at = i;
                break;
            }
        }
        if (sh_msg == nullptr) return;  // no ServerHello: nothing negotiated, nothing to check
        const auto ch = c[0]->parsed();
        const auto sh = sh_msg->parsed();
        if (!ch || !sh || !std::holds_alternative<client_hello>(*ch) || !std::holds_alternative<server_hello>(*sh))
            return;
        const auto& hello = std::get<client_hello>(*ch);
        const auto& server = std::get<server_hello>(*sh);
        const keylog::connection_secrets secrets = keylog::secrets_for(keylog_, hello.random);
        const auto suite = negotiated_suite(static_cast<std::uint16_t>(server.cipher_suite));
        if (!suite) return;
        if (h.tls13) {
            protection::with_hash<Backend>(suite->prf_hash, [&](auto t) {
                using H = typename decltype(t)::type;
                check_tls13<H>(h, c, s, sh_at, secrets, on_check);
            });
        } else {
            const auto version = static_cast<protocol_version>(sh_msg->ctx.version);
            protection::with_prf_hash<Backend>(prf_hash_for(*suite, version), [&](auto t) {
                using H = typename decltype(t)::type;
                check_tls12<H>(c, s, hello, server, secrets, on_check);
            });
        }
    }

    // ---- TLS 1.3 ------------------------------------------------------------

    template <class H>
    static crypto::digest<H> hash_of(const std::vector<const message*>& t, std::size_t n, bool hrr,
                                     std::size_t last_length = SIZE_MAX) {
        schedule::transcript<H> tr;
        for (std::size_t i = 0; i < n && i < t.size(); ++i) {
            bytes_view b = t[i]->bytes;
            if (i + 1 == n && last_length != SIZE_MAX) b = b.first(last_length);
            tr.update(b);
            if (i == 0 && hrr && n > 1) tr.restart_after_hello_retry_request();
        }
        return tr.current();
    }

    template <class H, class F>
    void check_tls13(const handshake_log& h, const std::vector<const message*>& c, const std::vector<const message*>& s,
                     std::size_t sh_at, const keylog::connection_secrets& secrets, F& on_check) {
        // RFC 8446 §4.4.1 order: CH1 [HRR CH2] SH EE [CR] [Cert CV] Fin(s) [EOED] [Cert CV] Fin(c).
        std::vector<const message*> t;
        std::size_t client_next = 1;
        t.push_back(c[0]);
        if (h.hrr && sh_at >= 1 && c.size() >= 2) {
            t.push_back(s[0]);
            t.push_back(c[1]);
            client_next = 2;
        }
        const std::size_t hellos = t.size();
        std::size_t server_finished_at = SIZE_MAX;
        std::size_t server_after = s.size();  // s[server_after..): the server's post-handshake messages
        for (std::size_t i = sh_at; i < s.size(); ++i) {
            t.push_back(s[i]);
            if (s[i]->type() == handshake_type::finished) {
                server_finished_at = t.size() - 1;
                server_after = i + 1;
                break;
            }
        }
        const std::size_t server_end = t.size();
        std::size_t client_finished_at = SIZE_MAX;
        std::size_t client_after = c.size();  // c[client_after..): the client's
        for (std::size_t i = client_next; i < c.size(); ++i) {
            t.push_back(c[i]);
            if (c[i]->type() == handshake_type::finished) {
                client_finished_at = t.size() - 1;
                client_after = i + 1;
                break;
            }
        }
        const bool hrr = hellos == 3;

        // PSK binders of the (last) ClientHello.
        check_binders<H>(t[hellos - 1], hellos == 3 ? std::vector<const message*>{t[0], t[1], t[2]}
                                                    : std::vector<const message*>{t[0]},
                         hrr, on_check);

        // Server CertificateVerify and Finished.
        check_certificate_verify<H>(t, hellos, server_end, schedule::signer::server,
                                    check_id::tls13_server_certificate_verify, hrr, on_check);
        if (server_finished_at != SIZE_MAX && secrets.server_handshake_traffic_secret) {
            emit(tls13::finished<H>(check_id::tls13_server_finished, secrets.server_handshake_traffic_secret->view(),
                                    hash_of<H>(t, server_finished_at, hrr), t[server_finished_at]->body()),
                 on_check);
        } else {
            error cause{};
            const std::string_view why = missing_reason(
                direction::s2c, secrets.server_handshake_traffic_secret,
                "no SERVER_HANDSHAKE_TRAFFIC_SECRET for this connection in the key log",
                "SERVER_HANDSHAKE_TRAFFIC_SECRET does not open the server's handshake records", cause);
            emit(failed(check_id::tls13_server_finished, why, cause), on_check);
        }

        // Client CertificateVerify and Finished (their transcript holds the server's flight).
        const std::size_t client_end = t.size();
        if (server_finished_at != SIZE_MAX)
            check_certificate_verify<H>(t, server_end, client_end, schedule::signer::client,
                                        check_id::tls13_client_certificate_verify, hrr, on_check);
        if (client_finished_at != SIZE_MAX && server_finished_at != SIZE_MAX &&
            secrets.client_handshake_traffic_secret) {
            emit(tls13::finished<H>(check_id::tls13_client_finished, secrets.client_handshake_traffic_secret->view(),
                                    hash_of<H>(t, client_finished_at, hrr), t[client_finished_at]->body()),
                 on_check);
        } else if (client_finished_at != SIZE_MAX && secrets.client_handshake_traffic_secret) {
            emit(failed(check_id::tls13_client_finished,
                        "the server's handshake messages (part of the client Finished's transcript) are not in the "
                        "input"),
                 on_check);
        } else {
            error cause{};
            const std::string_view why = missing_reason(
                direction::c2s, secrets.client_handshake_traffic_secret,
                "no CLIENT_HANDSHAKE_TRAFFIC_SECRET for this connection in the key log",
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET does not open the client's handshake records", cause);
            emit(failed(check_id::tls13_client_finished, why, cause), on_check);
        }

        // Post-handshake authentication (§4.6.2), once the handshake is complete.
        if (client_finished_at != SIZE_MAX && server_finished_at != SIZE_MAX)
            check_post_handshake_auth<H>(t, c, client_after, s, server_after, secrets, hrr, on_check);

        // Tickets: with this connection's resumption master secret, their PSKs (§4.6.1).
        if (opt_.sessions != nullptr && !opt_.resumption_master_secret.empty()) {
            for (const message* m : s) {
                if (m->type() != handshake_type::new_session_ticket) continue;
                const auto p = m->parsed();
                if (!p) continue;
                const auto* nst = std::get_if<new_session_ticket_tls13>(&*p);
                if (nst == nullptr) continue;
                const auto psk = tlswire::tls13::resumption_psk<H>(opt_.resumption_master_secret, nst->ticket_nonce);
                if (!psk) continue;
                opt_.sessions->tickets.push_back({std::vector<std::uint8_t>(nst->ticket.begin(), nst->ticket.end()),
                                                  std::vector<std::uint8_t>(psk->begin(), psk->end())});
            }
        }
    }

    // check_post_handshake_auth — RFC 8446 §4.6.2: for each CertificateRequest
    // the server sent after its Finished (s[server_after..)), the client's
    // Certificate with the same certificate_request_context after its own
    // Finished (c[client_after..)), then its CertificateVerify (none after an
    // empty Certificate) and Finished. §4.4: their Handshake Context is the
    // handshake `t` (through the client's Finished) plus the CertificateRequest
    // — not the post-handshake messages before it —, the Finished's base key
    // client_application_traffic_secret_N, N being the generation of the
    // record it came in (KeyUpdates may come between).
    template <class H, class F>
    void check_post_handshake_auth(const std::vector<const message*>& t, const std::vector<const message*>& c,
                                   std::size_t client_after, const std::vector<const message*>& s,
                                   std::size_t server_after, const keylog::connection_secrets& secrets, bool hrr,
                                   F& on_check) {
        std::uint32_t request = 0;
        for (std::size_t i = server_after; i < s.size(); ++i) {
            if (s[i]->type() != handshake_type::certificate_request) continue;
            const auto cr = s[i]->parsed();
            const auto* cr13 = cr ? std::get_if<certificate_request_tls13>(&*cr) : nullptr;
            if (cr13 == nullptr) continue;  // refused when decoded: the decoder reported it
            const auto tag = [&](check k) {
                k.index = request;
                return k;
            };
            // The client's Certificate answering it.
            std::size_t cert_at = SIZE_MAX;
            for (std::size_t j = client_after; j < c.size() && cert_at == SIZE_MAX; ++j) {
                if (c[j]->type() != handshake_type::certificate) continue;
                const auto cert = c[j]->parsed();
                const auto* c13 = cert ? std::get_if<certificate_tls13>(&*cert) : nullptr;
                if (c13 != nullptr && equal_bytes(c13->certificate_request_context, cr13->certificate_request_context))
                    cert_at = j;
            }
            if (cert_at == SIZE_MAX) {
                emit(tag(failed(check_id::tls13_post_handshake_finished,
                                "no Certificate from the client answers the post-handshake CertificateRequest in the "
                                "input")),
                     on_check);
                ++request;
                continue;
            }
            std::vector<const message*> u(t);
            u.push_back(s[i]);
            const std::size_t answer = u.size();
            std::size_t finished_at = SIZE_MAX;
            for (std::size_t j = cert_at; j < c.size() && finished_at == SIZE_MAX; ++j) {
                const handshake_type type = c[j]->type();
                if (j != cert_at && type != handshake_type::certificate_verify && type != handshake_type::finished)
                    break;  // §4.6.2: the three come together
                u.push_back(c[j]);
                if (type == handshake_type::finished) finished_at = u.size() - 1;
            }
            check_certificate_verify<H>(u, answer, u.size(), schedule::signer::client,
                                        check_id::tls13_post_handshake_certificate_verify, hrr, on_check, request);
            check k;
            if (finished_at == SIZE_MAX) {
                k = failed(check_id::tls13_post_handshake_finished,
                           "no Finished from the client after its post-handshake Certificate in the input");
            } else if (!secrets.client_application_traffic_secret_0) {
                k = failed(check_id::tls13_post_handshake_finished,
                           "no CLIENT_TRAFFIC_SECRET_0 for this connection in the key log");
            } else {
                // client_application_traffic_secret_N from _0 (§7.2).
                const std::uint32_t n = u[finished_at]->generation;
                crypto::digest<H> base{};
                const bytes_view zero = secrets.client_application_traffic_secret_0->view();
                if (zero.size() == base.size()) {
                    for (std::size_t b = 0; b < base.size(); ++b) base[b] = zero[b];
                    for (std::uint32_t g = 0; g < n; ++g) base = tlswire::tls13::next_application_traffic_secret<H>(base);
                    k = tls13::finished<H>(check_id::tls13_post_handshake_finished, base,
                                           hash_of<H>(u, finished_at, hrr), u[finished_at]->body());
                } else {
                    k = failed(check_id::tls13_post_handshake_finished,
                               "CLIENT_TRAFFIC_SECRET_0 is not as long as the negotiated hash");
                }
                k.generation = n;
            }
            emit(tag(k), on_check);
            ++request;
        }
    }

    // check_certificate_verify — the CertificateVerify among t[from, to) and
    // the Certificate before it.
    template <class H, class F>
    void check_certificate_verify(const std::vector<const message*>& t, std::size_t from, std::size_t to,
                                  schedule::signer who, check_id id, bool hrr, F& on_check,
                                  std::uint32_t index = 0) {
        if constexpr (!Signatures::available) {
            return;
        } else {
            if (opt_.signatures == nullptr) return;
            std::size_t cv_at = SIZE_MAX, cert_at = SIZE_MAX;
            for (std::size_t i = from; i < to && i < t.size(); ++i) {
                if (t[i]->type() == handshake_type::certificate) cert_at = i;
                if (t[i]->type() == handshake_type::certificate_verify) {
                    cv_at = i;
                    break;
                }
            }
            if (cv_at == SIZE_MAX) return;  // no CertificateVerify (PSK, an empty client Certificate)
            const auto cv = t[cv_at]->parsed();
            if (!cv || !std::holds_alternative<certificate_verify>(*cv)) {
                check k = failed(id, "the CertificateVerify does not parse", cv ? error{} : cv.err());
                k.index = index;
                emit(k, on_check);
                return;
            }
            std::optional<bytes_view> der;
            std::optional<result<handshake_message>> cert;
            if (cert_at != SIZE_MAX) {
                cert.emplace(t[cert_at]->parsed());
                if (*cert) der = first_certificate(**cert);
            }
            if (!der) {
                // A compressed certificate (RFC 8879) is not decompressed here: nothing to check with.
                return;
            }
            const auto& v = std::get<certificate_verify>(*cv);
            const auto content = schedule::tls13_certificate_verify_content<H>(who, hash_of<H>(t, cv_at, hrr));
            const result<void> r = opt_.signatures->verify(*der, v.algorithm, content, v.signature);
            check k = r ? passed(id) : failed(id, "the signature does not verify under the certificate's public key", r.err());
            k.index = index;
            k.generation = t[cv_at]->generation;
            emit(k, on_check);
        }
    }

    template <class H, class F>
    void check_binders(const message* ch_msg, const std::vector<const message*>& hellos, bool hrr, F& on_check) {
        const auto p = ch_msg->parsed();
        if (!p || !std::holds_alternative<client_hello>(*p)) return;
        const auto ext = std::get<client_hello>(*p).extensions.find(extension_type::pre_shared_key);
        if (!ext) return;
        const auto offer = tls13::parse_psk_offer(*ext);
        if (!offer) {
            emit(failed(check_id::tls13_psk_binder, "the pre_shared_key extension does not parse", offer.err()),
                 on_check);
            return;
        }
        // Truncate(ClientHello): everything before the binders list, which ends
        // the extension (and the message: pre_shared_key comes last, §4.2.11).
        const std::size_t ext_end = static_cast<std::size_t>(ext->data() - ch_msg->bytes.data()) + ext->size();
        if (ext_end > ch_msg->bytes.size() || offer->binders_length > ext_end) return;
        const std::size_t truncated = ext_end - offer->binders_length;
        const crypto::digest<H> th = hash_of<H>(hellos, hellos.size(), hrr, truncated);
        const std::size_t n = offer->identity_count < offer->binder_count ? offer->identity_count : offer->binder_count;
        bool any_known = false;
        std::optional<check> first_failure;
        for (std::size_t i = 0; i < n && i < tls13::psk_offer::max_identities; ++i) {
            const bytes_view identity = offer->identities[i];
            const bytes_view found = offer->binders[i];
            // A ticket of an earlier connection: a resumption PSK.
            if (opt_.sessions != nullptr) {
                for (const auto& tk : opt_.sessions->tickets) {
                    if (!equal_bytes(bytes_view(tk.identity), identity)) continue;
                    check k = tls13::binder<H>(tk.psk, tlswire::tls13::psk_kind::resumption, th, found);
                    k.index = static_cast<std::uint32_t>(i);
                    emit(k, on_check);
                    any_known = true;
                    goto next_identity;
                }
            }
            for (const bytes_view psk : opt_.psks) {
                for (const auto kind : {tlswire::tls13::psk_kind::external, tlswire::tls13::psk_kind::resumption}) {
                    check k = tls13::binder<H>(psk, kind, th, found);
                    k.index = static_cast<std::uint32_t>(i);
                    if (k.ok) {
                        emit(k, on_check);
                        any_known = true;
                        goto next_identity;
                    }
                    if (!first_failure) first_failure = k;
                }
            }
        next_identity:;
        }
        // Every --psk failed every identity: say so once (identity 0, as an external PSK).
        if (!any_known && first_failure) emit(*first_failure, on_check);
    }

    // ---- TLS 1.0–1.2 ----------------------------------------------------------

    template <class H, class F>
    void check_tls12(const std::vector<const message*>& c, const std::vector<const message*>& s,
                     const client_hello& hello, const server_hello& server, const keylog::connection_secrets& secrets,
                     F& on_check) {
        // RFC 5246 §7.3 order, whatever order the records were read in:
        // CH; SH .. ServerHelloDone (full) or .. Finished (abbreviated); the
        // client's flight to its Finished; the rest of the server's.
        std::vector<const message*> ordered;
        std::size_t ci = 0, si = 0;
        auto take = [&](const std::vector<const message*>& from, std::size_t& i, handshake_type until1,
                        handshake_type until2) {
            while (i < from.size()) {
                const handshake_type t = from[i]->type();
                ordered.push_back(from[i++]);
                if (t == until1 || t == until2) break;
            }
        };
        take(c, ci, handshake_type::client_hello, handshake_type::client_hello);
        take(s, si, handshake_type::server_hello_done, handshake_type::finished);
        take(c, ci, handshake_type::finished, handshake_type::finished);
        take(s, si, handshake_type::finished, handshake_type::finished);
        struct view_of {
            const std::vector<const message*>& v;
            [[nodiscard]] std::size_t size() const noexcept { return v.size(); }
            const message& operator[](std::size_t i) const noexcept { return *v[i]; }
        };
        const view_of m{ordered};
        const bool extended = server.extensions.contains(extension_type::extended_main_secret);
        const std::uint16_t version = m.size() == 0 ? 0 : m[m.size() - 1].ctx.version;
        auto hash_before = [&](std::size_t end) {
            schedule::transcript<H> tr;
            for (std::size_t i = 0; i < end; ++i) tr.update(m[i].bytes);
            return tr.current();
        };
        auto find = [&](direction d, handshake_type t) -> std::size_t {
            for (std::size_t i = 0; i < m.size(); ++i)
                if (m[i].dir == d && m[i].type() == t) return i;
            return SIZE_MAX;
        };
        const std::size_t server_cert = find(direction::s2c, handshake_type::certificate);
        const std::size_t client_cert = find(direction::c2s, handshake_type::certificate);
        const std::size_t ske = find(direction::s2c, handshake_type::server_key_exchange);
        const std::size_t cke = find(direction::c2s, handshake_type::client_key_exchange);
        const std::size_t cv = find(direction::c2s, handshake_type::certificate_verify);
        const std::size_t client_fin = find(direction::c2s, handshake_type::finished);
        const std::size_t server_fin = find(direction::s2c, handshake_type::finished);
        auto der_of = [&](std::size_t at) -> std::optional<bytes_view> {
            if (at == SIZE_MAX) return std::nullopt;
            const auto p = m[at].parsed();
            if (!p) return std::nullopt;
            return first_certificate(*p);
        };
        const std::optional<signature_scheme> scheme_none{};

        // ServerKeyExchange signature (RFC 5246 §7.4.3).
        if constexpr (Signatures::available) {
            if (opt_.signatures != nullptr && ske != SIZE_MAX) {
                const auto p = m[ske].parsed();
                const auto der = der_of(server_cert);
                if (p && der) {
                    if (const auto* k = std::get_if<server_key_exchange>(&*p); k && !k->signature.empty()) {
                        std::vector<std::uint8_t> content(64 + k->params.size());
                        const auto written = schedule::server_key_exchange_content(hello.random, server.random,
                                                                                   k->params, content);
                        const auto scheme = version >= 0x0303 ? std::optional<signature_scheme>(k->algorithm)
                                                              : scheme_none;
                        const result<void> r =
                            written ? opt_.signatures->verify(*der, scheme, *written, k->signature) : written.err();
                        const check_id id = check_id::tls12_server_key_exchange_signature;
                        emit(r ? passed(id)
                               : failed(id, "the signature does not verify under the server certificate's public key",
                                        r.err()),
                             on_check);
                    }
                }
            }
            // The client's CertificateVerify (RFC 5246 §7.4.8): every message before it.
            if (opt_.signatures != nullptr && cv != SIZE_MAX) {
                const auto p = m[cv].parsed();
                const auto der = der_of(client_cert);
                if (p && der) {
                    if (const auto* v = std::get_if<certificate_verify>(&*p)) {
                        std::vector<std::uint8_t> messages;
                        for (std::size_t i = 0; i < cv; ++i)
                            messages.insert(messages.end(), m[i].bytes.begin(), m[i].bytes.end());
                        const auto scheme = version >= 0x0303 ? std::optional<signature_scheme>(v->algorithm)
                                                              : scheme_none;
                        const result<void> r = opt_.signatures->verify(
                            *der, scheme, schedule::tls12_certificate_verify_content(messages), v->signature);
                        const check_id id = check_id::tls12_client_certificate_verify;
                        emit(r ? passed(id)
                               : failed(id, "the signature does not verify under the client certificate's public key",
                                        r.err()),
                             on_check);
                    }
                }
            }
        }

        // The RSA key exchange's pre-master secret (RFC 5246 §7.4.7.1).
        if constexpr (Decryptor::available) {
            if (opt_.decryptor != nullptr && cke != SIZE_MAX) {
                const auto p = m[cke].parsed();
                const auto* k = p ? std::get_if<client_key_exchange>(&*p) : nullptr;
                if (k != nullptr && !k->encrypted_pre_master_secret.empty()) {
                    std::array<std::uint8_t, 512> pm{};
                    const result<std::size_t> n = opt_.decryptor->decrypt(k->encrypted_pre_master_secret, pm);
                    const check_id id = check_id::tls12_rsa_premaster;
                    if (!n) {
                        emit(failed(id, "the server key does not decrypt the pre-master secret", n.err()), on_check);
                    } else if (!secrets.master_secret) {
                        emit(failed(id, "no CLIENT_RANDOM for this connection in the key log"), on_check);
                    } else {
                        const auto session_hash = hash_before(cke + 1);
                        emit(tls12::premaster<H>(bytes_view(pm.data(), *n), hello.random, server.random, extended,
                                                 session_hash, secrets.master_secret->view()),
                             on_check);
                    }
                }
            }
        }

        // Finished of both sides (RFC 5246 §7.4.9), in the order they were sent.
        const bool resumed = server_fin != SIZE_MAX && client_fin != SIZE_MAX && server_fin < client_fin;
        const tlswire::tls12::sender order[2] = {
            resumed ? tlswire::tls12::sender::server : tlswire::tls12::sender::client,
            resumed ? tlswire::tls12::sender::client : tlswire::tls12::sender::server};
        for (const tlswire::tls12::sender who : order) {
            const bool client = who == tlswire::tls12::sender::client;
            const std::size_t at = client ? client_fin : server_fin;
            const check_id id = client ? check_id::tls12_client_finished : check_id::tls12_server_finished;
            if (at != SIZE_MAX && secrets.master_secret) {
                emit(tls12::finished<H>(who, secrets.master_secret->view(), hash_before(at), m[at].body()), on_check);
                continue;
            }
            error cause{};
            const std::string_view why = missing_reason(
                client ? direction::c2s : direction::s2c, secrets.master_secret,
                "no CLIENT_RANDOM for this connection in the key log",
                client ? "the key log's master secret does not open the client's Finished record"
                       : "the key log's master secret does not open the server's Finished record",
                cause);
            emit(failed(id, why, cause), on_check);
        }
    }

    std::string_view keylog_;
    options opt_;
    std::vector<handshake_log> handshakes_;
    side sides_[2]{};
    std::vector<check> record_checks_;
    std::uint32_t handshake_ = 0;
    std::size_t client_at_ = 0, server_at_ = 0;  // the handshake each side is in
    bool client_started_ = false, server_started_ = false, last_server_was_hrr_ = false;
    direction failed_direction_ = direction::c2s;
};

}  // namespace tlswire::verify
