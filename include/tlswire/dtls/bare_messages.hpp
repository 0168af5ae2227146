// tlswire/dtls/bare_messages.hpp — DTLS handshake messages back to back
// without record headers (what `tlswire decode --dtls` reads from a file of
// bare messages): each a 12-byte handshake header and its fragment (RFC 6347
// §4.2.2), reassembled when fragmented, parsed in the context the hellos
// establish (a ServerHello's version and suite, a HelloRetryRequest: DTLS 1.3).
#pragma once

#include <cstddef>

#include "tlswire/dtls/event.hpp"
#include "tlswire/dtls/handshake.hpp"
#include "tlswire/dtls/message.hpp"
#include "tlswire/dtls/reassembler.hpp"

namespace tlswire::dtls {

// decode_bare_messages(in, ctx, on_event) — on_event(const event&) for each
// message, once, complete and in message_seq order (kind handshake; the
// record fields stay empty; the event's views point into the reassembler and
// `in`, so they live only during the call). Offsets are absolute in `in`. Stops at the first
// error; a message begun and not completed is truncated at the end of `in`.
template <class F>
constexpr result<void> decode_bare_messages(bytes_view in, context ctx, F&& on_event) {
    ctx.dtls = true;
    reassembler ra;
    error failed{};
    const auto walked = for_each_fragment(in, 0, ctx, [&](const handshake& h, std::size_t at) {
        if (failed) return;
        const auto fed = ra.feed(h, at, [&](const reassembled_message& m) {
            if (failed) return;
            const auto parsed = parse_body(m.msg_type, m.body, 0, ctx);
            if (!parsed) {
                failed = m.origin.map(parsed.err());
                return;
            }
            event ev;
            ev.fragment = h;
            ev.fragment_at = at;
            ev.set_message(m, *parsed, ctx);
            // The messages after a server's hello are read in what it chose.
            learn_from_server_hello(ctx, ev.msg);
            on_event(static_cast<const event&>(ev));
        });
        if (!fed && !failed) failed = fed.err();
    });
    if (failed) return failed;
    if (!walked) return walked.err();
    if (ra.pending_messages() != 0) return error{errc::truncated, in.size(), "fragment"};
    return {};
}

}  // namespace tlswire::dtls
