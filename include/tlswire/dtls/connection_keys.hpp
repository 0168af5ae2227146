// tlswire/dtls/connection_keys.hpp — a DTLS connection's record keys from a
// key log (RFC 9850), following its handshake: what
// dtls::basic_connection_decoder<Keys> uses to open protected records.
//
//   dtls::connection_keys<crypto::reference::backend> keys(keylog_text);
//   dtls::basic_connection_decoder<dtls::connection_keys<crypto::reference::backend>> dec;
//   dec.use_keys(keys);
//   dec.decode(datagrams, on_event);  // events of opened records say decrypted()
//
// DTLS 1.0/1.2: CLIENT_RANDOM's master secret and both randoms give the key
//   block (RFC 5246 §6.3, decryption::tls12_epochs, with the TLS version DTLS
//   builds on: RFC 4347 §4.1.2 DTLS 1.0 is TLS 1.1's, RFC 6347 §4.1.2 DTLS
//   1.2 TLS 1.2's); each side's keys are epoch 1 from its ChangeCipherSpec.
//   A record is opened as TLS opens it (protection/: AES-GCM and CCM with
//   the record's explicit nonce, RFC 5288 §3; ChaCha20-Poly1305 with the
//   XOR nonce, RFC 7905 §2; CBC with HMAC, MAC-then-encrypt or RFC 7366's
//   encrypt-then-MAC) but for seq_num, "the 64-bit value formed by
//   concatenating the epoch and the sequence number" (RFC 6347 §4.1.2.1),
//   which stands in the MAC, the additional data and RFC 7905's nonce
//   (record_sequence_number).
// DTLS 1.3 (RFC 9147): each epoch's keys from its traffic secret with the
//   "dtls13" label prefix (§5.9): epoch 1 CLIENT_EARLY_TRAFFIC_SECRET, 2
//   the *_HANDSHAKE_TRAFFIC_SECRETs, 3 the *_TRAFFIC_SECRET_0s (§6.1), under
//   the ServerHello's suite; a record's sequence number is unmasked with the
//   epoch's sn_key (§4.2.3: "sn", key_length), reconstructed to 64 bits
//   from the highest deprotected in its epoch (§4.2.2), and is the TLS 1.3
//   per-record nonce's (§4: "In DTLS 1.3 the 64-bit sequence_number is used
//   as the sequence number for the AEAD computation; unlike DTLS 1.2, the
//   epoch is not included"); the additional data is the unified header "prior
//   to record number encryption" (§4), i.e. with the plaintext sequence
//   number.
// Finished: each decrypted Finished is checked against the transcript
//   (dtls/transcript.hpp): DTLS 1.2's PRF(master_secret, finished_label,
//   Hash(handshake_messages)) (RFC 5246 §7.4.9), DTLS 1.3's HMAC of the
//   sender's finished_key (RFC 8446 §4.4.4, "dtls13" labels).
// Not followed: renegotiation (epoch 2 in DTLS 1.2) and KeyUpdate (epoch 4
// on in DTLS 1.3): their records stay encrypted.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "tlswire/crypto/reference/aes.hpp"
#include "tlswire/decryption/connection_keys.hpp"
#include "tlswire/dtls/connection.hpp"
#include "tlswire/dtls/record_number_encryption.hpp"
#include "tlswire/dtls/sequence_number.hpp"
#include "tlswire/dtls/transcript.hpp"
#include "tlswire/keylog/secrets.hpp"
#include "tlswire/protection/suite.hpp"

namespace tlswire::dtls {

template <class Backend>
class connection_keys {
public:
    // From a key log's text, which must outlive the decoding.
    constexpr explicit connection_keys(std::string_view keylog) noexcept : keylog_(keylog) {}
    // From secrets found some other way.
    constexpr explicit connection_keys(const keylog::connection_secrets& secrets) noexcept
        : secrets_(secrets), fixed_(true) {}

    // open — a DTLS 1.0/1.2 DTLSCiphertext of epoch 1 (see the header comment).
    constexpr bool open(direction d, const ciphertext& rec, std::span<std::uint8_t> out, opened_record& got,
                        error& failure) {
        side& s = side_of(d);
        if (rec.epoch != 1 || !s.tls12.has_keys()) return false;
        s.tls12.set_sequence_number(record_sequence_number(rec.epoch, rec.sequence_number));
        const auto r = s.tls12.open(protected_record_tls12{rec.type, rec.version, rec.fragment}, out);
        if (!r) {
            // The protection layer counts from a 5-byte TLS header: the DTLS
            // header has epoch and sequence_number (8 bytes) before the length.
            failure = r.err();
            if (failure.offset >= 3 && failure.code != errc::buffer_overflow) failure.offset += 8;
            return false;
        }
        got = opened_record{r->type, r->fragment, record_header_size + s.tls12.explicit_iv_length(), key_phase::tls12,
                            rec.sequence_number};
        return true;
    }

    // open13 — a DTLS 1.3 DTLSCiphertext of `epoch`; `header` is its unified
    // header as on the wire.
    constexpr bool open13(direction d, const ciphertext13& rec, bytes_view header, std::uint64_t epoch,
                          std::span<std::uint8_t> out, opened_record& got, error& failure) {
        if (epoch == 0 || epoch > 3) return false;
        epoch13& k = side_of(d).epochs[epoch - 1];
        if (!k.record.has_keys()) return false;
        const result<record_number_mask> mask = k.mask(rec.encrypted_record);
        if (!mask) {
            failure = error{mask.err().code, header.size(), "encrypted_record"};
            return false;
        }
        const std::uint16_t bits = decrypt_sequence_number(rec, *mask);
        const std::uint64_t seq = reconstruct_sequence_number(k.next, bits, rec.sixteen_bit_sequence() ? 16 : 8);
        // §4: the additional data is the header "prior to record number encryption".
        std::array<std::uint8_t, 1 + 255 + 2 + 2> aad{};
        if (header.size() > aad.size()) return false;
        for (std::size_t i = 0; i < header.size(); ++i) aad[i] = header[i];
        const std::size_t seq_at = 1 + (rec.has_connection_id() ? rec.connection_id.size() : 0);
        if (rec.sixteen_bit_sequence()) {
            aad[seq_at] = static_cast<std::uint8_t>(bits >> 8);
            aad[seq_at + 1] = static_cast<std::uint8_t>(bits);
        } else {
            aad[seq_at] = static_cast<std::uint8_t>(bits);
        }
        k.record.set_sequence_number(seq);
        const auto r = k.record.open_encrypted(bytes_view(aad.data(), header.size()), rec.encrypted_record, out,
                                               header.size());
        if (!r) {
            failure = r.err();
            return false;
        }
        if (seq + 1 > k.next) k.next = seq + 1;
        got = opened_record{r->type, r->fragment, header.size(), phase_of(epoch), seq};
        return true;
    }

    // The decoder's hooks.
    constexpr void on_message(direction d, const reassembled_message& m, const message& msg, const context& ctx,
                              finished_check& check) {
        if (const auto* ch = std::get_if<client_hello>(&msg); ch && d == direction::c2s) {
            for (std::size_t i = 0; i < client_random_.size(); ++i) client_random_[i] = ch->random[i];
            if (!fixed_) secrets_ = keylog::secrets_for(keylog_, client_random_);
        }
        bool hello_retry = false;
        if (const auto* hm = std::get_if<handshake_message>(&msg); hm && d == direction::s2c) {
            if (const auto* sh = std::get_if<server_hello>(hm)) server_hello_(*sh, ctx);
            hello_retry = std::holds_alternative<hello_retry_request>(*hm);
            if (const auto* fin = std::get_if<finished>(hm)) check = finished_(d, fin->verify_data);
        } else if (hm && d == direction::c2s) {
            if (const auto* fin = std::get_if<finished>(hm)) check = finished_(d, fin->verify_data);
        }
        transcript_.add(m, hello_retry);
    }

    constexpr void on_change_cipher_spec(direction d) {
        side& s = side_of(d);
        s.tls12 = s.pending;  // RFC 6347 §4.1: epoch 1 from here
        s.pending = {};
    }

private:
    using suite_epoch = protection::suite_epoch<Backend>;

    // epoch13 — one DTLS 1.3 epoch of one side: record keys, sn_key, and the
    // next sequence number expected (§4.2.2).
    struct epoch13 {
        suite_epoch record{};
        std::array<std::uint8_t, 32> sn_key{};
        bulk_cipher_algorithm cipher = bulk_cipher_algorithm::null;
        std::uint64_t next = 0;

        // mask — §4.2.3: AES-ECB for the AES-based AEADs, the ChaCha20 block for ChaCha20-Poly1305.
        [[nodiscard]] constexpr result<record_number_mask> mask(bytes_view encrypted_record) const {
            using namespace crypto::reference;
            switch (cipher) {
                case bulk_cipher_algorithm::aes_128_gcm:
                case bulk_cipher_algorithm::aes_128_ccm:
                case bulk_cipher_algorithm::aes_128_ccm_8:
                    return mask_aes<aes128>(std::span<const std::uint8_t, 16>(sn_key.data(), 16), encrypted_record);
                case bulk_cipher_algorithm::aes_256_gcm:
                case bulk_cipher_algorithm::aes_256_ccm:
                case bulk_cipher_algorithm::aes_256_ccm_8:
                    return mask_aes<aes256>(std::span<const std::uint8_t, 32>(sn_key.data(), 32), encrypted_record);
                case bulk_cipher_algorithm::chacha20_poly1305:
                    return mask_chacha20(std::span<const std::uint8_t, 32>(sn_key.data(), 32), encrypted_record);
                default: return error{errc::unsupported, 0, "cipher_suite"};
            }
        }
    };

    struct side {
        suite_epoch tls12{};    // DTLS 1.0/1.2: epoch 1
        suite_epoch pending{};  // DTLS 1.0/1.2: what the next ChangeCipherSpec takes into use
        std::array<epoch13, 3> epochs{};  // DTLS 1.3: epochs 1, 2, 3
    };

    constexpr side& side_of(direction d) noexcept { return d == direction::c2s ? client_ : server_; }

    static constexpr key_phase phase_of(std::uint64_t epoch) noexcept {
        return epoch == 1 ? key_phase::early : epoch == 2 ? key_phase::handshake : key_phase::application;
    }

    // epoch13_from — RFC 9147 §4.2.3, RFC 8446 §7.3 with the "dtls13" prefix.
    constexpr epoch13 epoch13_from(const std::optional<keylog::secret>& secret) const {
        epoch13 e{};
        if (!secret) return e;
        const auto a = negotiated_suite(static_cast<std::uint16_t>(suite_));
        if (!a) return e;
        const result<suite_epoch> keys = suite_epoch::tls13(suite_, secret->view(), tls13::dtls13_prefix);
        if (!keys) return e;
        const std::size_t key_length = a->cipher == bulk_cipher_algorithm::aes_128_gcm ||
                                               a->cipher == bulk_cipher_algorithm::aes_128_ccm ||
                                               a->cipher == bulk_cipher_algorithm::aes_128_ccm_8
                                           ? 16
                                           : 32;
        bool derived = false;
        protection::with_hash<Backend>(a->prf_hash, [&](auto h) {
            using H = typename decltype(h)::type;
            derived = bool(derive_sn_key<H>(secret->view(), std::span<std::uint8_t>(e.sn_key.data(), key_length)));
        });
        if (!derived) return e;
        e.record = *keys;
        e.cipher = a->cipher;
        return e;
    }

    constexpr void server_hello_(const server_hello& sh, const context& ctx) {
        suite_ = sh.cipher_suite;
        version_ = static_cast<protocol_version>(ctx.version);
        transcript_.negotiated(version_);
        if (version_ == protocol_version::dtls13) {
            client_.epochs[0] = epoch13_from(secrets_.client_early_traffic_secret);
            client_.epochs[1] = epoch13_from(secrets_.client_handshake_traffic_secret);
            server_.epochs[1] = epoch13_from(secrets_.server_handshake_traffic_secret);
            client_.epochs[2] = epoch13_from(secrets_.client_application_traffic_secret_0);
            server_.epochs[2] = epoch13_from(secrets_.server_application_traffic_secret_0);
            return;
        }
        client_.pending = server_.pending = {};
        if (!secrets_.master_secret) return;
        const auto keys = decryption::tls12_epochs<Backend>(secrets_.master_secret->view(), client_random_, sh,
                                                            tls_equivalent(version_));
        client_.pending = keys.client;
        server_.pending = keys.server;
    }

    // finished_ — the verify_data `d`'s Finished must carry, against the
    // transcript before it (the header comment).
    constexpr finished_check finished_(direction d, bytes_view verify_data) const {
        const auto a = negotiated_suite(static_cast<std::uint16_t>(suite_));
        if (!a) return finished_check::not_checked;
        bool ok = false, checked = false;
        if (version_ == protocol_version::dtls13) {
            const auto& base = d == direction::c2s ? secrets_.client_handshake_traffic_secret
                                                   : secrets_.server_handshake_traffic_secret;
            if (!base) return finished_check::not_checked;
            protection::with_hash<Backend>(a->prf_hash, [&](auto h) {
                using H = typename decltype(h)::type;
                const auto hash = transcript_.template hash<H>();
                if (!hash) return;
                const auto expected = tls13::finished_verify_data<H>(base->view(), *hash, tls13::dtls13_prefix);
                checked = true;
                ok = equal_bytes(bytes_view(expected), verify_data);
            });
        } else {
            if (!secrets_.master_secret) return finished_check::not_checked;
            protection::with_prf_hash<Backend>(prf_hash_for(*a, tls_equivalent(version_)), [&](auto h) {
                using H = typename decltype(h)::type;
                const auto hash = transcript_.template hash<H>();
                if (!hash) return;
                std::array<std::uint8_t, tls12::default_verify_data_length> expected{};
                tls12::finished_verify_data<H>(secrets_.master_secret->view(),
                                               d == direction::c2s ? tls12::sender::client : tls12::sender::server,
                                               bytes_view(*hash), expected);
                checked = true;
                ok = equal_bytes(bytes_view(expected), verify_data);
            });
        }
        if (!checked) return finished_check::not_checked;
        return ok ? finished_check::verified : finished_check::mismatch;
    }

    std::string_view keylog_{};
    keylog::connection_secrets secrets_{};
    bool fixed_ = false;
    std::array<std::uint8_t, 32> client_random_{};
    cipher_suite suite_{};
    protocol_version version_{};
    handshake_transcript<Backend> transcript_{};
    side client_{}, server_{};
};

}  // namespace tlswire::dtls
