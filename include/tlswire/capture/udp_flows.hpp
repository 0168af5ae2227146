// tlswire/capture/udp_flows.hpp — the DTLS flows of a capture: each UDP
// datagram that carries DTLS records to its flow (by the endpoint pair,
// either way round), copied with its file offset, the client told from the
// server, and a new association on the same pair told from the old one.
//
// What is DTLS: a datagram whose first record header is a DTLSPlaintext one
// (RFC 6347 §4.1, RFC 9147 §4: ContentType 20..26, version major 0xFE or the
// pre-RFC OpenSSL 0x0100, a length that fits the datagram) starts or joins a
// flow; once a flow exists, a datagram whose first byte is a DTLS 1.3
// unified header's (RFC 9147 §4: 0b001xxxxx) joins it too. Anything else on
// the pair is not DTLS and is skipped (and counted): RFC 7983 multiplexes
// STUN, TURN and SRTP with DTLS on one pair, told apart by the first byte.
// Ports are not looked at: DTLS is found by content, on any port.
//
// Roles: the client is the sender of a ClientHello (the first record a
// handshake one of epoch 0 whose first fragment has msg_type 1), or the
// receiver of a HelloVerifyRequest or ServerHello; else the flow's first
// sender.
//
// Associations: UDP has no SYN, so a new association on a pair is told by
// its ClientHello: one (epoch 0, fragment_offset 0) whose random differs
// from the first ClientHello's of the flow (RFC 6347 §4.2.1: the ClientHello
// that answers a HelloVerifyRequest keeps its random; RFC 8446 §4.1.2: so
// does the one that answers a HelloRetryRequest) starts a new flow.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "tlswire/capture/packet.hpp"
#include "tlswire/capture/tcp_stream.hpp"
#include "tlswire/dtls/detect.hpp"
#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::capture {

// udp_flow — the DTLS datagrams of one association, both directions.
class udp_flow {
public:
    // piece — one datagram: who sent it (0: ends()[0]), where its payload is
    // in the flow's copy, and where it is in the file.
    struct piece {
        std::uint8_t from = 0;
        std::size_t at = 0;
        std::size_t size = 0;
        std::size_t file_offset = 0;
    };

    udp_flow(const endpoint& first_source, const endpoint& first_destination, std::size_t first_offset)
        : ends_{first_source, first_destination}, first_offset_(first_offset) {}

    [[nodiscard]] const endpoint& client() const noexcept { return ends_[client_]; }
    [[nodiscard]] const endpoint& server() const noexcept { return ends_[1 - client_]; }
    // The file offset of the flow's first datagram's payload.
    [[nodiscard]] std::size_t first_offset() const noexcept { return first_offset_; }
    // Whether the roles come from a hello (else: the first sender).
    [[nodiscard]] bool roles_from_hello() const noexcept { return roles_known_; }

    // The datagrams, in capture order.
    [[nodiscard]] std::size_t size() const noexcept { return pieces_.size(); }
    [[nodiscard]] bool from_client(std::size_t i) const noexcept { return pieces_[i].from == client_; }
    [[nodiscard]] bytes_view payload(std::size_t i) const noexcept {
        return bytes_view(data_).subspan(pieces_[i].at, pieces_[i].size);
    }
    [[nodiscard]] std::size_t file_offset(std::size_t i) const noexcept { return pieces_[i].file_offset; }
    // Bytes kept, and datagrams on the pair that were not DTLS (skipped).
    [[nodiscard]] std::size_t bytes() const noexcept { return data_.size(); }
    [[nodiscard]] std::size_t skipped() const noexcept { return skipped_; }
    // Why the flow stopped keeping datagrams (a limit crossed), else ok.
    [[nodiscard]] const error& failure() const noexcept { return failure_; }

private:
    friend class udp_flows;

    std::array<endpoint, 2> ends_;
    std::size_t first_offset_ = 0;
    std::uint8_t client_ = 0;  // index of the client in ends_
    bool roles_known_ = false;
    bool have_random_ = false;
    std::array<std::uint8_t, 32> random_{};  // of the flow's first ClientHello
    std::vector<std::uint8_t> data_;
    std::vector<piece> pieces_;
    std::size_t skipped_ = 0;
    error failure_{};
};

// udp_flows — every DTLS flow of a capture.
class udp_flows {
public:
    udp_flows() = default;
    explicit udp_flows(const reassembly_limits& limits) : limits_(limits) {}

    // add(datagram, packet_offset) — one UDP datagram; packet_offset is the
    // file offset of its packet's data (payload_offset counts from there).
    // Returns an error only for the capture as a whole (too many flows, or
    // the total of bytes kept); a flow's own limit stays with it.
    error add(const udp_datagram& d, std::size_t packet_offset) {
        if (failure_) return failure_;
        const std::size_t file_offset = packet_offset + d.payload_offset;
        const endpoint_pair k = endpoint_pair_of(d.source, d.destination);
        auto found = by_pair_.find(k);
        const bool plaintext = dtls::starts_like_datagram(d.payload);
        if (!plaintext && !(found != by_pair_.end() && dtls::starts_with_ciphertext(d.payload))) {
            if (found != by_pair_.end()) ++flows_[found->second].skipped_;
            return error{};
        }
        std::array<std::uint8_t, 32> random{};
        const bool hello = dtls::client_hello_random(d.payload, random);
        if (found != by_pair_.end() && hello) {
            const udp_flow& f = flows_[found->second];
            if (f.have_random_ && f.random_ != random) {
                by_pair_.erase(found);  // a new association (see the header's comment)
                found = by_pair_.end();
            }
        }
        if (found == by_pair_.end()) {
            if (flows_.size() >= limits_.max_connections) {
                failure_ = error{errc::length_out_of_range, file_offset, "UDP flows in the capture"};
                return failure_;
            }
            flows_.emplace_back(d.source, d.destination, file_offset);
            found = by_pair_.emplace(k, flows_.size() - 1).first;
        }
        udp_flow& f = flows_[found->second];
        const std::uint8_t from = f.ends_[0] == d.source ? 0 : 1;
        if (hello && !f.have_random_) {
            f.random_ = random;
            f.have_random_ = true;
        }
        if (!f.roles_known_) {
            const int type = dtls::first_handshake_type(d.payload);
            // ClientHello: the sender is the client; ServerHello (or a
            // HelloRetryRequest) and HelloVerifyRequest: the receiver is.
            if (type == 1 || type == 2 || type == 3) {
                f.client_ = type == 1 ? from : static_cast<std::uint8_t>(1 - from);
                f.roles_known_ = true;
            }
        }
        if (f.failure_) return error{};
        if (d.payload.size() > limits_.max_stream_bytes - f.data_.size()) {
            f.failure_ = error{errc::length_out_of_range, file_offset, "UDP flow bytes"};
            return error{};
        }
        if (d.payload.size() > limits_.max_total_stream_bytes - total_) {
            failure_ = error{errc::length_out_of_range, file_offset, "UDP flow bytes in the capture"};
            return failure_;
        }
        f.pieces_.push_back(udp_flow::piece{from, f.data_.size(), d.payload.size(), file_offset});
        f.data_.insert(f.data_.end(), d.payload.begin(), d.payload.end());
        total_ += d.payload.size();
        return error{};
    }

    // The flows, in the order of their first DTLS datagram.
    [[nodiscard]] const std::vector<udp_flow>& flows() const noexcept { return flows_; }
    [[nodiscard]] const error& failure() const noexcept { return failure_; }

private:
    reassembly_limits limits_{};
    std::vector<udp_flow> flows_;
    std::map<endpoint_pair, std::size_t> by_pair_;  // the live flow of each pair
    std::size_t total_ = 0;
    error failure_{};
};

}  // namespace tlswire::capture
