// tlswire/messages/finished.hpp — Finished.
#pragma once

#include <cstddef>
#include <string_view>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/cipher_suite.hpp"
#include "tlswire/registry/handshake_type.hpp"

namespace tlswire {

// finished_length(ctx) — verify_data's length: Hash.length in TLS 1.3 (RFC
// 8446 §4.4.4), the suite's verify_data_length before (12 unless the suite
// says otherwise, RFC 5246 §7.4.9). 0 when the context cannot say.
[[nodiscard]] constexpr std::size_t finished_length(const context& ctx) noexcept {
    const auto suite = negotiated_suite(ctx.cipher_suite);
    if (!suite) return ctx.version_known() && !ctx.is_tls13() ? 12 : 0;
    if (ctx.is_tls13() && !suite->is_tls13()) return 0;
    return suite->verify_data_length;
}

// RFC 8446 §4.4.4: struct { opaque verify_data[Hash.length]; } Finished;
// RFC 5246 §7.4.9: struct { opaque verify_data[verify_data_length]; } Finished;
struct finished {
    static constexpr handshake_type msg_type = handshake_type::finished;
    static constexpr std::string_view wire_name = "finished";
    bytes_view verify_data{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const std::size_t n = finished_length(io.ctx());
        if (n != 0) {
            io("verify_data", self.verify_data, exactly{n});
        } else {
            // The length is not known without a negotiated suite: strict parsing
            // refuses to guess; lenient takes the whole body.
            if (io.strict()) io.check(false, errc::unsupported, "verify_data", io.mark());
            io("verify_data", self.verify_data, rest{});
        }
    }
};

}  // namespace tlswire
