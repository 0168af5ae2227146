// tests/dtls/detect_test.cpp — telling DTLS by its first bytes
// (dtls/detect.hpp): record headers of every content type and version, the
// DTLS 1.3 unified header, bare messages and TLS records refused, a
// ClientHello's random only from its first fragment; all at compile time.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <tuple>

#include "tlswire/dtls/detect.hpp"

namespace tests_dtls_detect {

using namespace tlswire;

namespace {

// A DTLS 1.2 ClientHello record: the 13-byte record header, the 12-byte
// handshake header (fragment_offset `offset`), client_version, a random of
// 0x00..0x1f, empty session_id and cookie.
constexpr std::array<std::uint8_t, 13 + 12 + 36> client_hello_record(std::uint8_t offset = 0, std::uint16_t epoch = 0) {
    std::array<std::uint8_t, 13 + 12 + 36> r{22, 0xfe, 0xfd, static_cast<std::uint8_t>(epoch >> 8),
                                            static_cast<std::uint8_t>(epoch), 0, 0, 0, 0, 0, 0, 0, 12 + 36,
                                            1, 0, 0, 36, 0, 0, 0, 0, offset, 0, 0, 36, 0xfe, 0xfd};
    for (std::size_t i = 0; i < 32; ++i) r[27 + i] = static_cast<std::uint8_t>(i);
    return r;
}

constexpr bool random_is_counting() {
    std::array<std::uint8_t, 32> out{};
    if (!dtls::client_hello_random(client_hello_record(), out)) return false;
    for (std::size_t i = 0; i < 32; ++i)
        if (out[i] != i) return false;
    return true;
}

constexpr bool random_of(const std::array<std::uint8_t, 61>& r) {
    std::array<std::uint8_t, 32> out{};
    return dtls::client_hello_random(r, out);
}

}  // namespace

TEST_CASE("dtls detect: record headers, the unified header, and what is not DTLS") {
    constexpr auto ch = client_hello_record();
    static_assert(dtls::starts_with_record(ch) && dtls::starts_like_datagram(ch));
    static_assert(dtls::first_handshake_type(ch) == 1);
    static_assert(random_is_counting());
    // Every content type 20..26 (RFC 9147 §4.1 adds ack, 26) and every DTLS
    // version (and OpenSSL's pre-RFC 0x0100); not 19 or 27, not TLS's 3.x.
    for (int type = 19; type <= 27; ++type)
        for (const auto& [major, minor, ok] : {std::tuple{0xfe, 0xff, true}, std::tuple{0xfe, 0xfd, true},
                                               std::tuple{0xfe, 0xfc, true}, std::tuple{0x01, 0x00, true},
                                               std::tuple{0x03, 0x03, false}, std::tuple{0x01, 0x01, false}}) {
            const std::uint8_t r[13] = {static_cast<std::uint8_t>(type), static_cast<std::uint8_t>(major),
                                        static_cast<std::uint8_t>(minor), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            const bool want = ok && type >= 20 && type <= 26;
            CHECK(dtls::starts_with_record(r) == want);
            CHECK(dtls::starts_like_datagram(r) == want);  // an empty fragment fits
        }
    // A length past the datagram is not a datagram's record (but still looks
    // like the start of a stream of records).
    std::array<std::uint8_t, 61> cut = ch;
    cut[12] = 49;
    CHECK(dtls::starts_with_record(cut));
    CHECK_FALSE(dtls::starts_like_datagram(cut));
    CHECK_FALSE(random_of(cut));
    // A bare handshake message (uint24 length where the version would be).
    const std::uint8_t bare[] = {1, 0, 0, 36, 0, 0, 0, 0, 0, 0, 0, 36};
    CHECK_FALSE(dtls::starts_with_record(bare));
    CHECK(dtls::first_handshake_type(bare) == -1);
    // The unified header's fixed bits 001 (RFC 9147 §4).
    for (int b = 0; b < 256; ++b) {
        const std::uint8_t d[1] = {static_cast<std::uint8_t>(b)};
        CHECK(dtls::starts_with_ciphertext(d) == (b >= 0x20 && b <= 0x3f));
    }
    CHECK_FALSE(dtls::starts_with_ciphertext(bytes_view{}));
    for (std::size_t n = 0; n < 13; ++n) CHECK_FALSE(dtls::starts_like_datagram(bytes_view(ch).first(n)));
}

TEST_CASE("dtls detect: the first handshake type only of epoch 0, the random only of a first fragment") {
    static_assert(dtls::first_handshake_type(client_hello_record(0, 1)) == -1);  // epoch 1: ciphertext
    static_assert(!random_of(client_hello_record(1)));                            // fragment_offset 1
    static_assert(!random_of(client_hello_record(0, 1)));
    auto server_hello = client_hello_record();
    server_hello[13] = 2;
    CHECK(dtls::first_handshake_type(server_hello) == 2);
    CHECK_FALSE(random_of(server_hello));
    auto alert = client_hello_record();
    alert[0] = 21;
    CHECK(dtls::first_handshake_type(alert) == -1);
    // A first fragment too short to hold the random.
    auto short_fragment = client_hello_record();
    short_fragment[24] = 33;
    CHECK_FALSE(random_of(short_fragment));
    // Every prefix: never a read outside it.
    const auto ch = client_hello_record();
    for (std::size_t n = 0; n < ch.size(); ++n) {
        std::array<std::uint8_t, 32> out{};
        CHECK_FALSE(dtls::client_hello_random(bytes_view(ch).first(n), out));
    }
}

}  // namespace tests_dtls_detect
