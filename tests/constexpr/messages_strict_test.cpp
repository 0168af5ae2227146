// The version rules of tests/messages/ at compile time: a HeartbeatMessage
// parses and re-serializes, a Heartbleed request is refused, a TLS 1.3
// ServerHello says which version it selects and an EncryptedExtensions with
// key_share is refused with the version unknown. Compiling this file is
// passing; the same functions also run at run time below.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>

#include "tlswire/tlswire.hpp"

namespace tests_constexpr_messages_strict {

namespace {
using namespace tlswire;

// RFC 6520 §4: heartbeat_request, payload_length 3, "abc", 16 bytes of padding.
inline constexpr std::array<std::uint8_t, 22> heartbeat_request{
    0x01, 0x00, 0x03, 0x61, 0x62, 0x63, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4,
    0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};
// payload_length 0x4000 over a 3-byte fragment.
inline constexpr std::array<std::uint8_t, 4> heartbleed{0x01, 0x40, 0x00, 0x41};

constexpr bool heartbeat_round_trips() {
    const auto m = parse<heartbeat_message>(heartbeat_request);
    if (!m || m->type != heartbeat_message_type::heartbeat_request || m->payload.size() != 3 ||
        m->payload[0] != 0x61 || m->padding.size() != 16)
        return false;
    std::array<std::uint8_t, 22> out{};
    const auto n = serialize(*m, out);
    return n && *n == out.size() && equal_bytes(out, heartbeat_request);
}

constexpr bool heartbleed_refused() {
    context lenient;
    lenient.mode = strictness::lenient;
    for (const context& c : {context{}, lenient}) {
        const auto m = parse<heartbeat_message>(heartbleed, c);
        if (m || m.err().code != errc::length_out_of_range || m.err().offset != 1 ||
            m.err().where != std::string_view("payload_length"))
            return false;
    }
    return true;
}

// RFC 8448 §3's ServerHello (also tests/constexpr/messages_rfc8448_test.cpp).
inline constexpr std::array<std::uint8_t, 90> rfc8448_server_hello{
    0x02, 0x00, 0x00, 0x56, 0x03, 0x03, 0xa6, 0xaf, 0x06, 0xa4, 0x12, 0x18, 0x60, 0xdc, 0x5e, 0x6e,
    0x60, 0x24, 0x9c, 0xd3, 0x4c, 0x95, 0x93, 0x0c, 0x8a, 0xc5, 0xcb, 0x14, 0x34, 0xda, 0xc1, 0x55,
    0x77, 0x2e, 0xd3, 0xe2, 0x69, 0x28, 0x00, 0x13, 0x01, 0x00, 0x00, 0x2e, 0x00, 0x33, 0x00, 0x24,
    0x00, 0x1d, 0x00, 0x20, 0xc9, 0x82, 0x88, 0x76, 0x11, 0x20, 0x95, 0xfe, 0x66, 0x76, 0x2b, 0xdb,
    0xf7, 0xc6, 0x72, 0xe1, 0x56, 0xd6, 0xcc, 0x25, 0x3b, 0x83, 0x3d, 0xf1, 0xdd, 0x69, 0xb1, 0xb0,
    0x4e, 0x75, 0x1f, 0x0f, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
};

constexpr bool server_hello_selects_tls13() {
    const auto m = parse_handshake(rfc8448_server_hello);  // the version unknown
    if (!m || !std::holds_alternative<server_hello>(*m)) return false;
    const auto& sh = std::get<server_hello>(*m);
    return selected_version(sh) == protocol_version::tls13 && sh.extensions.entries.ctx().is_tls13();
}

// EncryptedExtensions { key_share(51) { 00 1d 00 01 aa } }: misplaced (RFC 8446 §4.2).
inline constexpr std::array<std::uint8_t, 15> ee_with_key_share{
    0x08, 0x00, 0x00, 0x0b, 0x00, 0x09, 0x00, 0x33, 0x00, 0x05, 0x00, 0x1d, 0x00, 0x01, 0xaa,
};

constexpr bool encrypted_extensions_is_tls13() {
    const auto m = parse_handshake(ee_with_key_share);
    return !m && m.err().code == errc::misplaced_extension && m.err().offset == 6;
}

static_assert(heartbeat_round_trips());
static_assert(heartbleed_refused());
static_assert(server_hello_selects_tls13());
static_assert(encrypted_extensions_is_tls13());

}  // namespace

TEST_CASE("constexpr: heartbeat, selected_version and TLS 1.3-only messages, again at run time") {
    CHECK(heartbeat_round_trips());
    CHECK(heartbleed_refused());
    CHECK(server_hello_selects_tls13());
    CHECK(encrypted_extensions_is_tls13());
}

}  // namespace tests_constexpr_messages_strict
