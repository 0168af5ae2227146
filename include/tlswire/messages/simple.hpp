// tlswire/messages/simple.hpp — the handshake messages with little or no body.
#pragma once

#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/messages/finished.hpp"
#include "tlswire/messages/tls13_only.hpp"
#include "tlswire/registry/handshake_type.hpp"
#include "tlswire/registry/key_update_request.hpp"

namespace tlswire {

// empty_message<Type> — a message whose body is empty:
//   RFC 5246 §7.4.1.1: struct { } HelloRequest;
//   RFC 5246 §7.4.5:   struct { } ServerHelloDone;
//   RFC 8446 §4.5:     struct {} EndOfEarlyData;   (TLS 1.3 only: messages/tls13_only.hpp)
template <handshake_type Type>
struct empty_message {
    static constexpr handshake_type msg_type = Type;
    static constexpr std::string_view wire_name = Type == handshake_type::hello_request ? "hello_request"
                                                  : Type == handshake_type::server_hello_done
                                                      ? "server_hello_done"
                                                      : "end_of_early_data";
    static constexpr void wire(auto& io, auto&) {
        if constexpr (Type == handshake_type::end_of_early_data) detail::in_tls13(io, wire_name, [](auto&) {});
    }
};

using hello_request = empty_message<handshake_type::hello_request>;
using server_hello_done = empty_message<handshake_type::server_hello_done>;
using end_of_early_data = empty_message<handshake_type::end_of_early_data>;

// RFC 8446 §4.6.3 (TLS 1.3 only: messages/tls13_only.hpp):
//   enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
//   struct { KeyUpdateRequest request_update; } KeyUpdate;
struct key_update {
    static constexpr handshake_type msg_type = handshake_type::key_update;
    static constexpr std::string_view wire_name = "key_update";
    key_update_request request_update{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        detail::in_tls13(io, wire_name, [&](auto& io13) {
            const auto at = io13.mark();
            io13("request_update", self.request_update);
            // "If an implementation receives a KeyUpdate with request_update set to
            // any other value, it MUST terminate with an illegal_parameter alert."
            if (io13.strict())
                io13.check(self.request_update == key_update_request::update_not_requested ||
                               self.request_update == key_update_request::update_requested,
                           errc::illegal_value, "request_update", at);
        });
    }
};

// RFC 8446 §4.4.1: the synthetic handshake message that replaces ClientHello1
// in the transcript after a HelloRetryRequest; its body is Hash(ClientHello1).
// TLS 1.3 only (messages/tls13_only.hpp).
struct message_hash {
    static constexpr handshake_type msg_type = handshake_type::message_hash;
    static constexpr std::string_view wire_name = "message_hash";
    bytes_view hash{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        detail::in_tls13(io, wire_name, [&](auto& io13) {
            const auto at = io13.mark();
            io13("hash", self.hash, rest{});
            // Strict: Hash.length of the negotiated suite (the length of a TLS 1.3
            // Finished, RFC 8446 §4.4.4); without one, the length of a hash a TLS
            // 1.3 suite uses (SHA-256 or SM3: 32, SHA-384: 48).
            if (io13.strict() && io13.ok()) {
                const std::size_t n = finished_length(io13.ctx());
                const std::size_t got = self.hash.size();
                io13.check(n != 0 ? got == n : got == 32 || got == 48, errc::length_out_of_range, "hash", at);
            }
        });
    }
};

}  // namespace tlswire
