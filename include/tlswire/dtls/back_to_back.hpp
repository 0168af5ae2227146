// tlswire/dtls/back_to_back.hpp — structures that follow one another with
// nothing between them: DTLS records in a datagram (RFC 6347 §4.1.1) and
// handshake fragments in a record (§4.2.3).
#pragma once

#include <cstddef>

#include "tlswire/codec/codec.hpp"

namespace tlswire::dtls::detail {

// for_each_back_to_back<T>(bytes, base, ctx, f) — the structures T that fill
// `bytes` one after another: f(const T&, absolute offset of each; `bytes`
// starts at `base`). Stops at the first that does not parse and returns its
// error (one cut by the end is errc::truncated at the end).
template <class T, class F>
constexpr result<void> for_each_back_to_back(bytes_view bytes, std::size_t base, const context& ctx, F& f) {
    error sink;
    reader r(bytes, sink, base);
    while (!r.empty() && r.ok()) {
        const std::size_t at = r.offset();
        T item{};
        described_format::read(r, item, T::wire_name, ctx);
        if (!r.ok()) break;
        f(static_cast<const T&>(item), at);
    }
    if (sink) return sink;
    return {};
}

}  // namespace tlswire::dtls::detail
