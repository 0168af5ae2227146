// tlswire/messages/sslv2_client_hello.hpp — the SSL 2.0-compatible ClientHello
// (RFC 5246 Appendix E.2; RFC 4346 and RFC 2246 Appendix E likewise).
//
//   uint8 V2CipherSpec[3];
//   struct {
//       uint16 msg_length;          // highest bit 1; the rest: length of what follows
//       uint8 msg_type;             // 1
//       Version version;
//       uint16 cipher_spec_length;  // non-zero, a multiple of 3
//       uint16 session_id_length;
//       uint16 challenge_length;    // 16..32
//       V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
//       opaque session_id[V2ClientHello.session_id_length];
//       opaque challenge[V2ClientHello.challenge_length];
//   } V2ClientHello;
//
// It is not a Handshake message and has no TLS record header: a stream whose
// first byte has its high bit set is one. Its lengths all come before the
// data, so it does not fit the length-prefix formats; its reading and writing
// sit side by side here instead. Strict parsing enforces the RFC's MUSTs:
// session_id empty (RFC 5246 E.2: "This field MUST be empty"), challenge 16..32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tlswire/codec/codec.hpp"
#include "tlswire/registry/protocol_version.hpp"

namespace tlswire {

struct sslv2_client_hello {
    static constexpr std::string_view wire_name = "V2ClientHello";
    protocol_version version{};
    list<std::uint32_t, uint_<3>> cipher_specs{};  // TLS suites appear as {0x00, suite}
    bytes_view session_id{};
    bytes_view challenge{};
};

// is_sslv2_client_hello(stream) — whether a client's first bytes are a
// V2ClientHello rather than a TLS record (high bit of byte 0, msg_type 1).
[[nodiscard]] constexpr bool is_sslv2_client_hello(bytes_view stream) noexcept {
    return stream.size() >= 3 && (stream[0] & 0x80) != 0 && stream[2] == 1;
}

// read_sslv2_client_hello(r, ctx) — read one V2ClientHello (its 2-byte header included).
constexpr sslv2_client_hello read_sslv2_client_hello(reader& r, const context& ctx) {
    sslv2_client_hello out;
    const std::size_t at = r.offset();
    const std::uint16_t header = r.u16("msg_length");
    if (r.ok() && (header & 0x8000) == 0) r.fail_at(errc::illegal_value, at, "msg_length");
    reader body = r.sub(header & 0x7fff, "msg_length");
    const std::size_t type_at = body.offset();
    if (body.u8("msg_type") != 1 && body.ok()) body.fail_at(errc::illegal_value, type_at, "msg_type");
    out.version = static_cast<protocol_version>(body.u16("version"));
    const std::size_t lengths_at = body.offset();
    const std::uint16_t cipher_spec_length = body.u16("cipher_spec_length");
    const std::uint16_t session_id_length = body.u16("session_id_length");
    const std::size_t challenge_at = body.offset();
    const std::uint16_t challenge_length = body.u16("challenge_length");
    if (!body.ok()) return out;
    if (cipher_spec_length == 0 || cipher_spec_length % 3 != 0)
        return body.fail_at(errc::length_out_of_range, lengths_at, "cipher_spec_length"), out;
    if (ctx.strict() && session_id_length != 0)
        return body.fail_at(errc::length_out_of_range, lengths_at + 2, "session_id_length"), out;
    if (ctx.strict() && (challenge_length < 16 || challenge_length > 32))
        return body.fail_at(errc::length_out_of_range, challenge_at, "challenge_length"), out;
    const bytes_view specs = body.bytes(cipher_spec_length, "cipher_specs");
    out.cipher_specs.set_view(specs, specs.size() / 3, ctx);  // 3-byte specs (length checked above)
    out.session_id = body.bytes(session_id_length, "session_id");
    out.challenge = body.bytes(challenge_length, "challenge");
    body.expect_end("V2ClientHello");
    return out;
}

// parse_sslv2_client_hello(in, ctx) — `in` holds exactly one V2ClientHello.
[[nodiscard]] constexpr result<sslv2_client_hello> parse_sslv2_client_hello(bytes_view in, const context& ctx = {}) {
    error e;
    reader r(in, e);
    sslv2_client_hello h = read_sslv2_client_hello(r, ctx);
    r.expect_end("V2ClientHello");
    if (e) return e;
    return h;
}

// write_sslv2_client_hello(w, h) — for test tools: the lengths come from the values.
constexpr void write_sslv2_client_hello(writer& w, const sslv2_client_hello& h) {
    std::size_t specs = 0;
    if (h.cipher_specs.built()) specs = 3 * h.cipher_specs.size();
    else specs = h.cipher_specs.raw().size();
    const std::size_t length = 9 + specs + h.session_id.size() + h.challenge.size();
    if (length > 0x7fff) {
        w.fail(errc::length_overflow, "msg_length");
        return;
    }
    w.u16(static_cast<std::uint16_t>(0x8000 | length));
    w.u8(1);
    w.u16(static_cast<std::uint16_t>(h.version));
    w.u16(static_cast<std::uint16_t>(specs));
    w.u16(static_cast<std::uint16_t>(h.session_id.size()));
    w.u16(static_cast<std::uint16_t>(h.challenge.size()));
    if (h.cipher_specs.built())
        for (std::uint32_t spec : h.cipher_specs) w.u24(spec);
    else
        w.bytes(h.cipher_specs.raw());
    w.bytes(h.session_id);
    w.bytes(h.challenge);
}

[[nodiscard]] constexpr result<std::size_t> serialize_sslv2_client_hello(const sslv2_client_hello& h,
                                                                         std::vector<std::uint8_t>& out) {
    writer w(out);
    write_sslv2_client_hello(w, h);
    if (!w.ok()) return w.err();
    return w.size();
}

}  // namespace tlswire
