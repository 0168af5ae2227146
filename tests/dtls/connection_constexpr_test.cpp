// The DTLS connection decoder in constant evaluation (as the codec and the
// reference crypto are): a cookie exchange's first ClientHello and
// HelloVerifyRequest, and the Illustrated DTLS 1.3 connection's first three
// datagrams with its key log (the EncryptedExtensions decrypted: record
// number mask, AES-128-GCM, "dtls13" HKDF labels), decoded in static_asserts
// and the same at run time.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>

#include "illustrated_dtls13.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/dtls/connection.hpp"
#include "tlswire/dtls/connection_keys.hpp"

namespace tests_dtls_connection_constexpr {

using namespace tlswire;

// A DTLS 1.2 ClientHello (RFC 6347 §4.2.1) by hand: record (epoch 0,
// sequence 0, length 56), handshake header (message_seq 0, unfragmented,
// length 44), client_version {254,253}, random 32 x 0x11, empty session_id
// and cookie, two suites, the null compression method, no extensions.
constexpr std::array<std::uint8_t, 13 + 12 + 44> client_hello = [] {
    std::array<std::uint8_t, 13 + 12 + 44> b{0x16, 0xfe, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x38,
                                             0x01, 0x00, 0x00, 0x2c, 0x00, 0x00, 0, 0, 0, 0x00, 0x00, 0x2c,
                                             0xfe, 0xfd};
    for (std::size_t i = 0; i < 32; ++i) b[27 + i] = 0x11;
    const std::uint8_t tail[] = {0x00, 0x00, 0x00, 0x04, 0xc0, 0x2b, 0xc0, 0x2f, 0x01, 0x00};
    for (std::size_t i = 0; i < sizeof tail; ++i) b[59 + i] = tail[i];
    return b;
}();

// The HelloVerifyRequest answering it (message_seq 0): server_version
// {254,255}, a 4-byte cookie.
constexpr std::array<std::uint8_t, 13 + 12 + 7> hello_verify_request{
    0x16, 0xfe, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x13,
    0x03, 0x00, 0x00, 0x07, 0x00, 0x00, 0, 0, 0, 0x00, 0x00, 0x07,
    0xfe, 0xff, 0x04, 0xa1, 0xa2, 0xa3, 0xa4};

struct outcome {
    bool ok = false;
    int messages = 0;
    bool cookie_exchange = false;
    std::size_t hvr_at = 0;
    std::size_t cookie_size = 0;
};

constexpr outcome decode() {
    const dtls::datagram d[2] = {{direction::c2s, bytes_view(client_hello), 0},
                                 {direction::s2c, bytes_view(hello_verify_request), client_hello.size()}};
    dtls::connection_decoder dec;
    outcome o;
    const auto r = dec.decode(d, [&](const dtls::event& ev) {
        if (ev.kind != dtls::event_kind::handshake) return;
        ++o.messages;
        if (const auto* hvr = std::get_if<dtls::hello_verify_request>(&ev.msg)) {
            o.hvr_at = ev.rec.offset;
            o.cookie_size = hvr->cookie.size();
        }
    });
    o.ok = bool(r);
    o.cookie_exchange = dec.cookie_exchange();
    return o;
}

static_assert(decode().ok);
static_assert(decode().messages == 2);
static_assert(decode().cookie_exchange);
static_assert(decode().hvr_at == client_hello.size());
static_assert(decode().cookie_size == 4);

namespace illustrated = test_support::illustrated_dtls13;

constexpr std::uint8_t nibble(char c) { return static_cast<std::uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10); }

template <std::size_t I>
constexpr auto datagram_bytes() {
    constexpr std::string_view h = illustrated::datagrams[I].hex;
    std::array<std::uint8_t, h.size() / 2> b{};
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(nibble(h[2 * i]) << 4 | nibble(h[2 * i + 1]));
    return b;
}
constexpr auto client_hello13 = datagram_bytes<0>();
constexpr auto server_hello13 = datagram_bytes<1>();
constexpr auto encrypted_extensions13 = datagram_bytes<2>();

// decode13 — the message_seq of the decrypted EncryptedExtensions and its
// record's reconstructed epoch (or -1).
constexpr std::array<long, 2> decode13() {
    using keys_type = dtls::connection_keys<crypto::reference::backend>;
    keys_type keys(illustrated::keylog);
    dtls::basic_connection_decoder<keys_type> dec;
    dec.use_keys(keys);
    const dtls::datagram d[3] = {
        {direction::c2s, bytes_view(client_hello13), 0},
        {direction::s2c, bytes_view(server_hello13), client_hello13.size()},
        {direction::s2c, bytes_view(encrypted_extensions13), client_hello13.size() + server_hello13.size()}};
    std::array<long, 2> out{-1, -1};
    for (const auto& g : d)
        if (!dec.feed(g, [&](const dtls::event& ev) {
                if (ev.decrypted() && ev.kind == dtls::event_kind::handshake &&
                    ev.msg_type == handshake_type::encrypted_extensions)
                    out = {ev.message_seq, static_cast<long>(ev.rec.epoch)};
            }))
            return {-1, -1};
    return out;
}

static_assert(decode13()[0] == 1);  // the server's second message (ServerHello is 0)
static_assert(decode13()[1] == 2);  // the handshake keys

TEST_CASE("dtls connection constexpr: the cookie exchange decoded in a static_assert decodes the same at run time") {
    const outcome o = decode();
    CHECK(o.ok);
    CHECK(o.messages == 2);
    CHECK(o.cookie_exchange);
    CHECK(o.hvr_at == client_hello.size());
    CHECK(o.cookie_size == 4);
    const auto e = decode13();
    CHECK(e[0] == 1);
    CHECK(e[1] == 2);
}

}  // namespace tests_dtls_connection_constexpr
