// tests/dtls/bare_messages_test.cpp — bare DTLS handshake messages
// (dtls/bare_messages.hpp): a real ClientHello (an OpenSSL interop capture's)
// cut into fragments sent out of order and overlapping, a flight whose
// ServerHello sets the context, each message once with its body's origin;
// errors at absolute offsets; at compile time.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/hex.hpp"
#include "../support/vectors.hpp"
#include "dtls_support.hpp"
#include "tlswire/dtls/bare_messages.hpp"

namespace tests_dtls_bare_messages {

using namespace tlswire;
using test_support::dtls::fragment;

namespace {

// The first ClientHello of a stored capture: its record's fragment is one
// whole message.
std::vector<std::uint8_t> client_hello_message() {
    const auto cap = test_support::load_json(test_support::vectors_dir() / "dtls" / "interop" /
                                             "interop_dtls12_openssl_default.json");
    const auto d = test_support::unhex(cap["datagrams"][0]["hex"].get<std::string>());
    const std::size_t length = (std::size_t{d[11]} << 8) | d[12];
    return {d.begin() + 13, d.begin() + 13 + static_cast<std::ptrdiff_t>(length)};
}

std::vector<std::uint8_t> cat(std::initializer_list<std::vector<std::uint8_t>> parts) {
    std::vector<std::uint8_t> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// A HelloVerifyRequest (server_version DTLS 1.0, a 2-byte cookie) as one
// bare message, at compile time.
constexpr bool hello_verify_request_at_compile_time() {
    const std::uint8_t in[] = {3, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5, 0xfe, 0xff, 2, 0xab, 0xcd};
    int seen = 0;
    bool ok = true;
    const auto r = dtls::decode_bare_messages(in, context{}, [&](const dtls::event& ev) {
        ++seen;
        const auto* hvr = std::get_if<dtls::hello_verify_request>(&ev.msg);
        ok = ok && hvr != nullptr && hvr->cookie.size() == 2 && hvr->cookie[1] == 0xcd && ev.origin.offset(0) == 12;
    });
    return r && seen == 1 && ok;
}
static_assert(hello_verify_request_at_compile_time());

}  // namespace

TEST_CASE("dtls bare messages: a real ClientHello in overlapping fragments out of order is one message") {
    const auto whole = client_hello_message();
    REQUIRE(whole.size() > 100);
    const std::uint32_t length = static_cast<std::uint32_t>(whole.size() - 12);
    const std::vector<std::uint8_t> body(whole.begin() + 12, whole.end());
    auto piece = [&](std::uint32_t from, std::uint32_t to) {
        return fragment(1, length, 0, from, std::vector<std::uint8_t>(body.begin() + from, body.begin() + to));
    };
    // The last third, the first half, the middle again (overlapping both).
    const auto a = piece(2 * length / 3, length), b = piece(0, length / 2), c = piece(length / 3, 3 * length / 4);
    const auto in = cat({a, b, c});
    // The event's views point into the reassembler: checked during the call.
    std::size_t seen = 0;
    const auto r = dtls::decode_bare_messages(in, context{}, [&](const dtls::event& ev) {
        ++seen;
        const auto* ch = std::get_if<dtls::client_hello>(&ev.msg);
        REQUIRE(ch != nullptr);
        CHECK(ch->legacy_version == protocol_version::dtls12);
        CHECK(std::equal(ev.body.begin(), ev.body.end(), body.begin(), body.end()));
        // Body byte 0 came from fragment b (after its 12-byte header); the
        // last byte from fragment a.
        CHECK(ev.origin.offset(0) == a.size() + 12);
        CHECK(ev.origin.offset(length - 1) == a.size() - 1);
        CHECK(ev.message_seq == 0);
        CHECK(ev.ctx.dtls);
    });
    REQUIRE(r);
    CHECK(seen == 1);
}

TEST_CASE("dtls bare messages: the ServerHello sets the context for what follows; errors say where") {
    // ServerHello (DTLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), then
    // ServerHelloDone, as one flight.
    std::vector<std::uint8_t> sh_body{0xfe, 0xfd};
    sh_body.insert(sh_body.end(), 32, 0x11);
    sh_body.insert(sh_body.end(), {0, 0xc0, 0x2f, 0});
    const auto sh = fragment(2, static_cast<std::uint32_t>(sh_body.size()), 0, 0, sh_body);
    const auto done = fragment(14, 0, 1, 0, {});
    std::vector<context> contexts;
    std::vector<handshake_type> types;
    auto r = dtls::decode_bare_messages(cat({sh, done}), context{}, [&](const dtls::event& ev) {
        contexts.push_back(ev.ctx);
        types.push_back(ev.msg_type);
    });
    REQUIRE(r);
    REQUIRE(types == std::vector<handshake_type>{handshake_type::server_hello, handshake_type::server_hello_done});
    CHECK(contexts[1].version == 0xfefd);
    CHECK(contexts[1].cipher_suite == 0xc02f);
    // A message begun and never completed: truncated at the end of the input.
    const auto half = fragment(2, static_cast<std::uint32_t>(sh_body.size()), 0, 0,
                               std::vector<std::uint8_t>(sh_body.begin(), sh_body.begin() + 10));
    r = dtls::decode_bare_messages(cat({half, done}), context{}, [](const dtls::event&) {});
    REQUIRE_FALSE(r);
    CHECK(r.err().code == errc::truncated);
    CHECK(r.err().offset == half.size() + done.size());
    // A body that does not parse: its offset in the input (a session_id of
    // 33 bytes: RFC 5246 §7.4.1.2 allows at most 32), after the 12-byte
    // header, version and random.
    std::vector<std::uint8_t> bad_body = sh_body;
    bad_body[34] = 33;
    const auto bad = fragment(2, static_cast<std::uint32_t>(bad_body.size()), 0, 0, bad_body);
    r = dtls::decode_bare_messages(cat({bad, done}), context{}, [](const dtls::event&) {});
    REQUIRE_FALSE(r);
    CHECK(r.err().offset == 12 + 34);
    // A fragment cut by the end of the input.
    auto cut = sh;
    cut.pop_back();
    r = dtls::decode_bare_messages(cut, context{}, [](const dtls::event&) {});
    REQUIRE_FALSE(r);
    CHECK(r.err().code == errc::truncated);
}

}  // namespace tests_dtls_bare_messages
