// tlswire/verify/tls12.hpp — the TLS 1.0–1.2 checks as pure functions over
// a backend hash (md5_sha1 before TLS 1.2): each side's Finished (RFC 5246
// §7.4.9) and the master secret a pre-master secret gives (RFC 5246 §8.1,
// RFC 7627 §4 when the extended master secret was negotiated).
#pragma once

#include <array>
#include <cstddef>

#include "tlswire/schedule/tls12.hpp"
#include "tlswire/verify/check.hpp"

namespace tlswire::verify::tls12 {

// finished<H>(from, master_secret, handshake_hash, verify_data) — the
// verify_data of `from` (as long as the one sent, at most 64 octets).
template <crypto::hash H>
[[nodiscard]] constexpr check finished(tlswire::tls12::sender from, bytes_view master_secret,
                                       bytes_view handshake_hash, bytes_view verify_data) {
    const check_id id = from == tlswire::tls12::sender::client ? check_id::tls12_client_finished
                                                               : check_id::tls12_server_finished;
    std::array<std::uint8_t, value::capacity> expected{};
    const std::size_t n = verify_data.empty() || verify_data.size() > expected.size()
                              ? tlswire::tls12::default_verify_data_length
                              : verify_data.size();
    tlswire::tls12::finished_verify_data<H>(master_secret, from, handshake_hash,
                                            std::span<std::uint8_t>(expected.data(), n));
    return compared(id, bytes_view(expected.data(), n), verify_data);
}

// premaster<H>(pre_master_secret, client_random, server_random, extended,
// session_hash, logged_master_secret) — tls12_rsa_premaster: the master
// secret the pre-master secret gives, against the key log's.
template <crypto::hash H>
[[nodiscard]] constexpr check premaster(bytes_view pre_master_secret, bytes_view client_random,
                                        bytes_view server_random, bool extended, bytes_view session_hash,
                                        bytes_view logged_master_secret) {
    const tlswire::tls12::master_secret_type ms =
        extended ? tlswire::tls12::extended_master_secret<H>(pre_master_secret, session_hash)
                 : tlswire::tls12::master_secret<H>(pre_master_secret, client_random, server_random);
    return compared(check_id::tls12_rsa_premaster, ms, logged_master_secret);
}

}  // namespace tlswire::verify::tls12
