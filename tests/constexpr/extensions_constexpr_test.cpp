// Extensions in constant evaluation: a ClientHello with key_share and
// supported_versions is parsed (block checks and typed bodies included) and
// its extensions read back typed, inside static_assert.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>

#include "tlswire/extensions.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_constexpr_extensions_constexpr {

namespace {
using namespace tlswire;

// Handshake { client_hello(1), uint24 length, ClientHello { legacy_version 0x0303, random[32],
// legacy_session_id<0..32> (empty), cipher_suites<2..> {TLS_AES_128_GCM_SHA256},
// legacy_compression_methods<1..> {null}, extensions<8..> {
//   supported_versions (RFC 8446 §4.2.1): versions<2..254> {0x0304},
//   key_share (RFC 8446 §4.2.8): client_shares {x25519, key_exchange[32]} } } }
constexpr std::array<std::uint8_t, 96> hello = [] {
    std::array<std::uint8_t, 96> b{};
    const std::uint8_t head[] = {0x01, 0x00, 0x00, 0x5c, 0x03, 0x03};
    std::size_t i = 0;
    for (std::uint8_t x : head) b[i++] = x;
    for (int k = 0; k < 32; ++k) b[i++] = static_cast<std::uint8_t>(k);
    const std::uint8_t mid[] = {0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00, 0x00, 0x31,
                                0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04,
                                0x00, 0x33, 0x00, 0x26, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20};
    for (std::uint8_t x : mid) b[i++] = x;
    for (int k = 0; k < 32; ++k) b[i++] = static_cast<std::uint8_t>(0x80 + k);
    return b;
}();

constexpr context tls13_ctx() {
    context c;
    c.version = 0x0304;
    return c;
}

constexpr bool hello_parses_typed() {
    const auto m = parse_handshake(hello, tls13_ctx());
    if (!m || !std::holds_alternative<client_hello>(*m)) return false;
    const client_hello& ch = std::get<client_hello>(*m);
    const auto sv = ch.extensions.get<supported_versions_client_hello>();
    if (!sv || !*sv || !(**sv).versions.contains(protocol_version::tls13)) return false;
    const auto ks = ch.extensions.get<key_share_client_hello>();
    if (!ks || !*ks) return false;
    const key_share_entry e = *(**ks).client_shares.begin();
    return e.group == named_group::x25519 && e.key_exchange.size() == 32 && e.key_exchange[0] == 0x80;
}

// A bound violated inside a body: the block reports it at the absolute offset.
constexpr error bound_error() {
    auto b = hello;
    b[51] = 0x00;  // supported_versions: versions<2..254> with length 0
    const auto m = parse_handshake(b, tls13_ctx());
    return m ? error{} : m.err();
}

constexpr bool writes_extension() {
    constexpr protocol_version v[] = {protocol_version::tls13, protocol_version::tls12};
    std::array<std::uint8_t, 8> buf{};
    const auto x = make_extension(supported_versions_client_hello{v}, buf);
    return x && x->extension_data.size() == 5 && buf[0] == 4 && buf[1] == 3 && buf[2] == 4 && buf[4] == 3;
}

static_assert(hello_parses_typed());
static_assert(writes_extension());
static_assert(is_described(extension_type::key_share, message_kind::hello_retry_request));
static_assert(!is_described(extension_type{0x0a0a}, message_kind::client_hello));
}  // namespace

TEST_CASE("constexpr: ClientHello with key_share and supported_versions, typed (also at run time)") {
    CHECK(hello_parses_typed());
    CHECK(writes_extension());
    constexpr error e = bound_error();
    static_assert(e.code == errc::length_out_of_range && e.offset == 51);
    CHECK(e.code == errc::length_out_of_range);
    CHECK(e.offset == 51);
    CHECK(e.where == "versions");
}

}  // namespace tests_constexpr_extensions_constexpr
