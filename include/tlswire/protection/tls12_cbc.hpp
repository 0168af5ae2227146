// tlswire/protection/tls12_cbc.hpp — TLS 1.0–1.2 block-cipher record
// protection with HMAC, pure functions over a crypto::cbc_cipher and a
// crypto::hash:
//
//   MAC-then-encrypt (RFC 5246 §6.2.3.2; RFC 4346 §6.2.3.2 for TLS 1.1):
//   struct {
//       opaque IV[SecurityParameters.record_iv_length];
//       block-ciphered struct {
//           opaque content[TLSCompressed.length];
//           opaque MAC[SecurityParameters.mac_length];
//           uint8 padding[GenericBlockCipher.padding_length];
//           uint8 padding_length;
//       };
//   } GenericBlockCipher;
//   MAC = HMAC(MAC_write_key, seq_num + TLSCompressed.type + TLSCompressed.version
//                             + TLSCompressed.length + TLSCompressed.fragment)   (§6.2.3.1)
//
//   Encrypt-then-MAC (RFC 7366 §3): ENC(content + padding + padding_length)
//   followed by the MAC over seq_num + type + version + length + IV +
//   ENC(...), where length counts the IV and the ciphertext (not the MAC).
//
// TLS 1.1 and 1.2 send an explicit IV of one block per record (RFC 4346
// §6.2.3.2); TLS 1.0 has none: its first IV comes from the key block and each
// record's last ciphertext block is the next record's IV (RFC 2246 §6.2.3.2;
// the epoch keeps it). Padding: every padding octet holds padding_length, and
// the receiver checks them all (RFC 5246 §6.2.3.2; RFC 2246 says the same).
// SSL 3.0's MAC and padding are different and not implemented here.
//
// NOT CONSTANT-TIME: the padding check and the MAC are not computed in
// constant time, so on a live connection these functions would be a padding
// oracle (Lucky Thirteen). tlswire only decrypts records it holds the keys
// of, for inspection; see crypto/aead.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tlswire/codec/context.hpp"
#include "tlswire/crypto/aead.hpp"
#include "tlswire/crypto/backend.hpp"
#include "tlswire/crypto/hmac.hpp"
#include "tlswire/messages/record.hpp"
#include "tlswire/protection/epoch.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::protection {

// mac_order — where the MAC goes: inside the encryption (the default of RFC
// 5246) or after it (negotiated with encrypt_then_mac, RFC 7366).
enum class mac_order : std::uint8_t { mac_then_encrypt, encrypt_then_mac };

// cbc_iv — explicit per-record IVs (TLS 1.1, 1.2) or the chained IV of TLS 1.0.
enum class cbc_iv : std::uint8_t { explicit_iv, chained };

// cbc_iv_for(version) — chained for TLS 1.0 (and SSL 3.0 numbering), explicit after.
[[nodiscard]] constexpr cbc_iv cbc_iv_for(protocol_version version) noexcept {
    return static_cast<std::uint16_t>(version) <= static_cast<std::uint16_t>(protocol_version::tls10) ? cbc_iv::chained
                                                                                                       : cbc_iv::explicit_iv;
}

// tls12_cbc_epoch<C, H> — one direction's keys: write key, MAC key (HMAC-H:
// mac_key_length = mac_length = H's digest size, RFC 5246 App. C), the
// current IV (TLS 1.0 only), the MAC order, and the next sequence number.
template <crypto::cbc_cipher C, crypto::hash H>
struct tls12_cbc_epoch {
    static constexpr std::size_t mac_length = H::digest_size;
    std::array<std::uint8_t, C::key_size> key{};
    std::array<std::uint8_t, H::digest_size> mac_key{};
    std::array<std::uint8_t, C::block_size> iv{};  // cbc_iv::chained: the IV of the next record
    cbc_iv iv_mode = cbc_iv::explicit_iv;
    mac_order order = mac_order::mac_then_encrypt;
    std::uint64_t sequence_number = 0;
};

// tls12_cbc_epoch_from<C, H>(keys, sender, version, order) — the epoch for
// the records `sender` writes, from derive_keys' key material (the IV is
// used at TLS 1.0 only, where the key block has one, RFC 2246 §6.3). Sizes
// that do not fit C and H fail with errc::length_out_of_range.
template <crypto::cbc_cipher C, crypto::hash H>
[[nodiscard]] constexpr result<tls12_cbc_epoch<C, H>> tls12_cbc_epoch_from(const tls12::key_material& keys,
                                                                          role sender, protocol_version version,
                                                                          mac_order order) noexcept {
    const bool client = sender == role::client;
    const bytes_view key = client ? keys.client_write_key : keys.server_write_key;
    const bytes_view mac_key = client ? keys.client_write_mac_key : keys.server_write_mac_key;
    const bytes_view iv = client ? keys.client_write_iv : keys.server_write_iv;
    tls12_cbc_epoch<C, H> e{};
    e.iv_mode = cbc_iv_for(version);
    e.order = order;
    if (key.size() != C::key_size) return error{errc::length_out_of_range, key.size(), "write_key"};
    if (mac_key.size() != H::digest_size) return error{errc::length_out_of_range, mac_key.size(), "MAC_write_key"};
    if (e.iv_mode == cbc_iv::chained && iv.size() != C::block_size)
        return error{errc::length_out_of_range, iv.size(), "write_IV"};
    for (std::size_t i = 0; i < key.size(); ++i) e.key[i] = key[i];
    for (std::size_t i = 0; i < mac_key.size(); ++i) e.mac_key[i] = mac_key[i];
    if (e.iv_mode == cbc_iv::chained)
        for (std::size_t i = 0; i < iv.size(); ++i) e.iv[i] = iv[i];
    return e;
}

namespace detail {

// record_mac — HMAC(MAC_write_key, seq_num + type + version + length + data...)
// over the pieces given, without concatenating them (RFC 5246 §6.2.3.1, RFC 7366 §3).
template <crypto::hash H>
[[nodiscard]] constexpr crypto::digest<H> record_mac(bytes_view mac_key, std::uint64_t seq, content_type type,
                                                     protocol_version version, std::size_t length, bytes_view a,
                                                     bytes_view b = {}) noexcept {
    std::array<std::uint8_t, 13> head{};
    store_be64(seq, head.data());
    store_header(type, version, length, head.data() + 8);
    crypto::hmac_context<H> mac(mac_key);
    mac.update(head);
    mac.update(a);
    mac.update(b);
    return mac.final();
}

// padding_ok — RFC 5246 §6.2.3.2: the last octet is padding_length, and the
// padding_length octets before it all hold the same value. `plain` is the
// decrypted block-ciphered part; `reserved` octets in front (the MAC, in
// MAC-then-encrypt order) must remain.
[[nodiscard]] constexpr bool padding_ok(bytes_view plain, std::size_t reserved) noexcept {
    if (plain.empty()) return false;
    const std::uint8_t pad = plain.back();
    if (std::size_t{pad} + 1 + reserved > plain.size()) return false;
    for (std::size_t i = plain.size() - 1 - pad; i < plain.size() - 1; ++i)
        if (plain[i] != pad) return false;
    return true;
}

}  // namespace detail

// tls12_cbc_open(epoch, rec, out, max_fragment) — check and decrypt one
// block-cipher record into out (at least the record's length less the IV and,
// for encrypt-then-MAC, the MAC) and advance the epoch (and, at TLS 1.0, its
// IV). max_fragment bounds TLSCompressed.length as in tls12_aead_open.
// Errors (offsets from the record's first byte; the epoch is unchanged):
//   length_out_of_range  TLSCiphertext.length over 2^14 + 2048 (offset 3), or
//                        the plaintext over max_fragment (offset 5)
//   length_not_multiple  the encrypted part is not a whole number of blocks
//                        (offset 5)
//   truncated            the fragment ends inside the IV (offset 5)
//   buffer_overflow      out is too small (offset = the octets needed)
//   bad_record_mac       the MAC does not verify, or the padding is wrong, or
//                        the record is too short to hold them (offset 5; RFC
//                        5246 §6.2.3.2 reports padding errors as bad_record_mac)
//   illegal_value        the epoch's sequence number is exhausted
template <crypto::cbc_cipher C, crypto::hash H, record_protection P>
constexpr result<opened_record> tls12_cbc_open(tls12_cbc_epoch<C, H>& epoch, const basic_record<P>& rec,
                                               std::span<std::uint8_t> out,
                                               std::size_t max_fragment = max_plaintext_length) noexcept {
    constexpr std::size_t at_fragment = record_header_length;
    constexpr std::size_t bs = C::block_size;
    constexpr std::size_t mac_length = H::digest_size;
    const bytes_view fragment = rec.fragment;
    if (fragment.size() > max_ciphertext_length_tls12) return error{errc::length_out_of_range, 3, "TLSCiphertext.length"};
    const std::size_t iv_length = epoch.iv_mode == cbc_iv::explicit_iv ? bs : 0;
    if (fragment.size() < iv_length) return error{errc::truncated, at_fragment, "GenericBlockCipher.IV"};
    const bool etm = epoch.order == mac_order::encrypt_then_mac;
    if (etm && fragment.size() < iv_length + mac_length) return error{errc::bad_record_mac, at_fragment, "MAC"};
    // The encrypted part: after the IV, before an encrypt-then-MAC MAC.
    const bytes_view encrypted = fragment.subspan(iv_length, fragment.size() - iv_length - (etm ? mac_length : 0));
    if (epoch.sequence_number == last_sequence_number) return detail::sequence_exhausted();

    if (etm) {
        // RFC 7366 §3: the MAC is checked before anything else is done.
        const bytes_view covered = fragment.first(fragment.size() - mac_length);
        const auto mac = detail::record_mac<H>(epoch.mac_key, epoch.sequence_number, rec.type, rec.legacy_record_version,
                                               covered.size(), covered);
        if (!crypto::detail::tags_equal(mac.data(), fragment.data() + covered.size(), mac_length))
            return error{errc::bad_record_mac, at_fragment, "MAC"};
    }
    if (encrypted.size() % bs != 0) return error{errc::length_not_multiple, at_fragment, "GenericBlockCipher"};
    // At least the padding_length octet, and in MAC-then-encrypt order the MAC.
    if (encrypted.size() < (etm ? 1 : mac_length + 1)) return error{errc::bad_record_mac, at_fragment, "GenericBlockCipher"};
    if (out.size() < encrypted.size()) return error{errc::buffer_overflow, encrypted.size(), "GenericBlockCipher"};

    std::array<std::uint8_t, bs> iv{};
    for (std::size_t i = 0; i < bs; ++i) iv[i] = iv_length != 0 ? fragment[i] : epoch.iv[i];
    std::array<std::uint8_t, bs> next_iv{};  // TLS 1.0: the last ciphertext block, saved before an in-place decrypt
    for (std::size_t i = 0; i < bs; ++i) next_iv[i] = encrypted[encrypted.size() - bs + i];
    if (!C::decrypt(epoch.key, iv, encrypted, out)) return error{errc::bad_record_mac, at_fragment, "GenericBlockCipher"};
    const bytes_view plain(out.data(), encrypted.size());

    if (!detail::padding_ok(plain, etm ? 0 : mac_length))
        return error{errc::bad_record_mac, at_fragment, "GenericBlockCipher.padding"};
    const std::size_t padding = std::size_t{plain.back()} + 1;
    const std::size_t length = plain.size() - padding - (etm ? 0 : mac_length);
    if (length > max_fragment) return error{errc::length_out_of_range, at_fragment, "TLSCompressed.length"};
    if (!etm) {
        const bytes_view content = plain.first(length);
        const auto mac = detail::record_mac<H>(epoch.mac_key, epoch.sequence_number, rec.type, rec.legacy_record_version,
                                               length, content);
        if (!crypto::detail::tags_equal(mac.data(), plain.data() + length, mac_length))
            return error{errc::bad_record_mac, at_fragment, "GenericBlockCipher.MAC"};
    }
    opened_record r{rec.type, plain.first(length), epoch.sequence_number, padding};
    if (epoch.iv_mode == cbc_iv::chained) epoch.iv = next_iv;
    ++epoch.sequence_number;
    return r;
}

// tls12_cbc_seal(epoch, type, version, plaintext, explicit_iv, out,
// extra_padding_blocks) — write one block-cipher record to the front of out
// and advance the epoch. explicit_iv is the record's IV at TLS 1.1+ (ignored
// for chained IVs; the caller picks it: unpredictable on a real connection,
// anything in a test). The padding is the least that fills the last block,
// plus extra_padding_blocks whole blocks (RFC 5246 §6.2.3.2 allows up to 255
// octets, to hide lengths). plaintext must not overlap out. Errors:
// length_out_of_range (plaintext over 2^14 + 1024, or padding over 255
// octets), buffer_overflow (offset = the octets needed), illegal_value
// (sequence number exhausted).
template <crypto::cbc_cipher C, crypto::hash H>
constexpr result<bytes_view> tls12_cbc_seal(tls12_cbc_epoch<C, H>& epoch, content_type type, protocol_version version,
                                            bytes_view plaintext, std::span<const std::uint8_t, C::block_size> explicit_iv,
                                            std::span<std::uint8_t> out, std::size_t extra_padding_blocks = 0) noexcept {
    constexpr std::size_t bs = C::block_size;
    constexpr std::size_t mac_length = H::digest_size;
    if (plaintext.size() > max_plaintext_length + 1024) return error{errc::length_out_of_range, 0, "TLSCompressed.length"};
    const bool etm = epoch.order == mac_order::encrypt_then_mac;
    const std::size_t iv_length = epoch.iv_mode == cbc_iv::explicit_iv ? bs : 0;
    const std::size_t unpadded = plaintext.size() + (etm ? 0 : mac_length) + 1;  // + padding_length octet
    const std::size_t padding_length = (bs - unpadded % bs) % bs + extra_padding_blocks * bs;
    if (extra_padding_blocks > 255 || padding_length > 255)
        return error{errc::length_out_of_range, 0, "GenericBlockCipher.padding_length"};
    const std::size_t encrypted_length = unpadded + padding_length;
    const std::size_t length = iv_length + encrypted_length + (etm ? mac_length : 0);
    const std::size_t total = record_header_length + length;
    if (out.size() < total) return error{errc::buffer_overflow, total, "TLSCiphertext"};
    if (epoch.sequence_number == last_sequence_number) return detail::sequence_exhausted();

    detail::store_header(type, version, length, out.data());
    std::uint8_t* iv_at = out.data() + record_header_length;
    for (std::size_t i = 0; i < iv_length; ++i) iv_at[i] = explicit_iv[i];
    const std::span<std::uint8_t> block = out.subspan(record_header_length + iv_length, encrypted_length);
    detail::copy_forward(plaintext, block.data());
    std::size_t at = plaintext.size();
    if (!etm) {
        const auto mac = detail::record_mac<H>(epoch.mac_key, epoch.sequence_number, type, version, plaintext.size(),
                                               plaintext);
        for (std::size_t i = 0; i < mac_length; ++i) block[at++] = mac[i];
    }
    while (at < encrypted_length) block[at++] = static_cast<std::uint8_t>(padding_length);
    std::array<std::uint8_t, bs> iv{};
    for (std::size_t i = 0; i < bs; ++i) iv[i] = iv_length != 0 ? explicit_iv[i] : epoch.iv[i];
    if (!C::encrypt(epoch.key, iv, block, block))
        return error{errc::length_not_multiple, 0, "GenericBlockCipher"};  // not reached: padded to whole blocks
    if (etm) {
        const bytes_view covered(out.data() + record_header_length, iv_length + encrypted_length);
        const auto mac =
            detail::record_mac<H>(epoch.mac_key, epoch.sequence_number, type, version, covered.size(), covered);
        for (std::size_t i = 0; i < mac_length; ++i) out[record_header_length + covered.size() + i] = mac[i];
    }
    if (epoch.iv_mode == cbc_iv::chained)
        for (std::size_t i = 0; i < bs; ++i) epoch.iv[i] = block[encrypted_length - bs + i];
    ++epoch.sequence_number;
    return bytes_view(out.data(), total);
}

}  // namespace tlswire::protection
