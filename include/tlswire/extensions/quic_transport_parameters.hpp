// tlswire/extensions/quic_transport_parameters.hpp — quic_transport_parameters
// (57), RFC 9001 §8.2, whose body is RFC 9000 §18's parameter sequence.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tlswire/extensions/common.hpp"

namespace tlswire {

// quic_varint — RFC 9000 §16 variable-length integer: the two high bits of the
// first byte give the length (1, 2, 4 or 8 bytes), the rest is the value,
// big-endian. Values need not be minimally encoded (RFC 9000 §16), so a parsed
// sequence is re-serialized from its raw bytes; a value built by hand is
// written in the shortest form. A value of 2^62 or more cannot be encoded
// (errc::length_overflow).
struct quic_varint {
    static constexpr void read(reader& r, std::uint64_t& out, name_ref name, const context&) noexcept {
        const bytes_view first = r.rest();
        if (first.empty()) {
            r.bytes(1, name);  // reports truncated
            return;
        }
        const std::size_t len = std::size_t{1} << (first[0] >> 6);
        const bytes_view b = r.bytes(len, name);
        if (b.size() != len) return;
        std::uint64_t v = b[0] & 0x3fu;
        for (std::size_t i = 1; i < len; ++i) v = (v << 8) | b[i];
        out = v;
    }
    static constexpr void write(writer& w, std::uint64_t v, name_ref name, const context&) noexcept {
        if (v < (1u << 6)) w.u8(static_cast<std::uint8_t>(v));
        else if (v < (1u << 14)) w.u16(static_cast<std::uint16_t>(0x4000u | v));
        else if (v < (std::uint64_t{1} << 30)) w.u32(static_cast<std::uint32_t>(0x80000000u | v));
        else if (v < (std::uint64_t{1} << 62)) w.u64(0xc000000000000000u | v);
        else w.fail(errc::length_overflow, name);
    }
};

// quic_opaque — a byte string with a quic_varint length (RFC 9000 §18's
// Transport Parameter Length + Value).
struct quic_opaque {
    static constexpr void read(reader& r, bytes_view& out, name_ref name, const context& ctx) noexcept {
        std::uint64_t n = 0;
        const std::size_t at = r.offset();
        quic_varint::read(r, n, name, ctx);
        if (!r.ok()) return;
        if (n > r.remaining()) {
            r.fail_at(errc::truncated, at, name);
            return;
        }
        out = r.bytes(static_cast<std::size_t>(n), name);
    }
    static constexpr void write(writer& w, bytes_view v, name_ref name, const context& ctx) noexcept {
        quic_varint::write(w, v.size(), name, ctx);
        w.bytes(v);
    }
};

// RFC 9000 §18.2 (and the registry it creates, §22.3): the parameters RFC 9000 defines.
enum class quic_transport_parameter_id : std::uint64_t {
    original_destination_connection_id = 0x00,
    max_idle_timeout = 0x01,
    stateless_reset_token = 0x02,
    max_udp_payload_size = 0x03,
    initial_max_data = 0x04,
    initial_max_stream_data_bidi_local = 0x05,
    initial_max_stream_data_bidi_remote = 0x06,
    initial_max_stream_data_uni = 0x07,
    initial_max_streams_bidi = 0x08,
    initial_max_streams_uni = 0x09,
    ack_delay_exponent = 0x0a,
    max_ack_delay = 0x0b,
    disable_active_migration = 0x0c,
    preferred_address = 0x0d,
    active_connection_id_limit = 0x0e,
    initial_source_connection_id = 0x0f,
    retry_source_connection_id = 0x10,
};

[[nodiscard]] constexpr std::string_view to_string(quic_transport_parameter_id id) noexcept {
    using enum quic_transport_parameter_id;
    switch (id) {
        case original_destination_connection_id: return "original_destination_connection_id";
        case max_idle_timeout: return "max_idle_timeout";
        case stateless_reset_token: return "stateless_reset_token";
        case max_udp_payload_size: return "max_udp_payload_size";
        case initial_max_data: return "initial_max_data";
        case initial_max_stream_data_bidi_local: return "initial_max_stream_data_bidi_local";
        case initial_max_stream_data_bidi_remote: return "initial_max_stream_data_bidi_remote";
        case initial_max_stream_data_uni: return "initial_max_stream_data_uni";
        case initial_max_streams_bidi: return "initial_max_streams_bidi";
        case initial_max_streams_uni: return "initial_max_streams_uni";
        case ack_delay_exponent: return "ack_delay_exponent";
        case max_ack_delay: return "max_ack_delay";
        case disable_active_migration: return "disable_active_migration";
        case preferred_address: return "preferred_address";
        case active_connection_id_limit: return "active_connection_id_limit";
        case initial_source_connection_id: return "initial_source_connection_id";
        case retry_source_connection_id: return "retry_source_connection_id";
    }
    return {};
}

// is_reserved_quic_parameter — RFC 9000 §18.1: ids 31 * N + 27 are reserved
// (QUIC's GREASE): no semantics, any value, kept like unknown ids.
[[nodiscard]] constexpr bool is_reserved_quic_parameter(std::uint64_t id) noexcept {
    return id >= 27 && (id - 27) % 31 == 0;
}

// RFC 9000 §18.2, Figure 22:
//   Preferred Address {
//     IPv4 Address (32), IPv4 Port (16), IPv6 Address (128), IPv6 Port (16),
//     Connection ID Length (8), Connection ID (..), Stateless Reset Token (128),
//   }
// "a server MUST NOT include a zero-length connection ID in this transport
// parameter" (and a connection ID is at most 20 bytes, RFC 9000 §17.2).
struct quic_preferred_address {
    static constexpr std::string_view wire_name = "preferred_address";
    bytes_view ipv4_address{};
    std::uint16_t ipv4_port = 0;
    bytes_view ipv6_address{};
    std::uint16_t ipv6_port = 0;
    bytes_view connection_id{};
    bytes_view stateless_reset_token{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("ipv4_address", self.ipv4_address, fixed<4>{});
        io("ipv4_port", self.ipv4_port);
        io("ipv6_address", self.ipv6_address, fixed<16>{});
        io("ipv6_port", self.ipv6_port);
        io("connection_id", self.connection_id, opaque<1, 1, 20>{});
        io("stateless_reset_token", self.stateless_reset_token, fixed<16>{});
    }
};

// quic_parameter_kind — how RFC 9000 §18.2 types a parameter's value.
enum class quic_parameter_kind : std::uint8_t {
    unknown,            // an id RFC 9000 does not define (kept as bytes)
    integer,            // one varint filling the value
    connection_id,      // 0..20 bytes
    token,              // stateless_reset_token: exactly 16 bytes
    flag,               // disable_active_migration: zero-length
    preferred_address,  // Figure 22
};

[[nodiscard]] constexpr quic_parameter_kind kind_of(std::uint64_t id) noexcept {
    using enum quic_transport_parameter_id;
    switch (static_cast<quic_transport_parameter_id>(id)) {
        case original_destination_connection_id:
        case initial_source_connection_id:
        case retry_source_connection_id: return quic_parameter_kind::connection_id;
        case stateless_reset_token: return quic_parameter_kind::token;
        case disable_active_migration: return quic_parameter_kind::flag;
        case preferred_address: return quic_parameter_kind::preferred_address;
        case max_idle_timeout:
        case max_udp_payload_size:
        case initial_max_data:
        case initial_max_stream_data_bidi_local:
        case initial_max_stream_data_bidi_remote:
        case initial_max_stream_data_uni:
        case initial_max_streams_bidi:
        case initial_max_streams_uni:
        case ack_delay_exponent:
        case max_ack_delay:
        case active_connection_id_limit: return quic_parameter_kind::integer;
    }
    return quic_parameter_kind::unknown;
}

// quic_parameter_value — a parameter's value decoded by its id.
struct quic_parameter_value {
    quic_parameter_kind kind = quic_parameter_kind::unknown;
    std::uint64_t integer = 0;                // kind integer
    bytes_view bytes{};                       // connection_id, token, unknown: the value
    quic_preferred_address preferred_address{};
};

namespace detail {
// read_quic_value — decode `r` (exactly one parameter's value) as parameter
// `id`. Structure is always checked; the value ranges of RFC 9000 §18.2 only
// in strict mode (errc::illegal_value).
constexpr void read_quic_value(reader& r, std::uint64_t id, quic_parameter_value& out, const context& ctx) {
    out.kind = kind_of(id);
    const std::size_t at = r.offset();
    const std::string_view name =
        out.kind == quic_parameter_kind::unknown ? "transport_parameter" : to_string(static_cast<quic_transport_parameter_id>(id));
    switch (out.kind) {
        case quic_parameter_kind::unknown: out.bytes = r.take_rest(); return;
        case quic_parameter_kind::integer: {
            quic_varint::read(r, out.integer, name, ctx);
            r.expect_end(name);
            if (!r.ok() || !ctx.strict()) return;
            using enum quic_transport_parameter_id;
            const auto v = out.integer;
            bool good = true;
            switch (static_cast<quic_transport_parameter_id>(id)) {
                case max_udp_payload_size: good = v >= 1200; break;          // "Values below 1200 are invalid."
                case ack_delay_exponent: good = v <= 20; break;               // "Values above 20 are invalid."
                case max_ack_delay: good = v < (1u << 14); break;             // "Values of 2^14 or greater are invalid."
                case active_connection_id_limit: good = v >= 2; break;        // "MUST be at least 2"
                case initial_max_streams_bidi:                                // §4.6: at most 2^60
                case initial_max_streams_uni: good = v <= (std::uint64_t{1} << 60); break;
                default: break;
            }
            if (!good) r.fail_at(errc::illegal_value, at, name);
            return;
        }
        case quic_parameter_kind::connection_id:
            out.bytes = r.take_rest();
            if (out.bytes.size() > 20) r.fail_at(errc::length_out_of_range, at, name);
            return;
        case quic_parameter_kind::token:
            out.bytes = r.bytes(16, name);
            r.expect_end(name);
            return;
        case quic_parameter_kind::flag: r.expect_end(name); return;
        case quic_parameter_kind::preferred_address:
            described_format::read(r, out.preferred_address, name, ctx);
            r.expect_end(name);
            return;
    }
}
}  // namespace detail

// RFC 9000 §18, Figure 21:
//   Transport Parameter {
//     Transport Parameter ID (i),
//     Transport Parameter Length (i),
//     Transport Parameter Value (..),
//   }
// The value is checked against its id's definition when parsed (decode()
// gives it typed); unknown and reserved ids are kept as raw bytes.
struct quic_transport_parameter {
    static constexpr std::string_view wire_name = "transport_parameter";
    std::uint64_t id = 0;
    bytes_view value{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        io("id", self.id, quic_varint{});
        io("value", self.value, quic_opaque{});
        if constexpr (detail::parsing_io<decltype(io)>) {
            if (!io.ok()) return;
            reader vr(self.value, io.in().sink(), io.mark() - self.value.size());
            quic_parameter_value v;
            detail::read_quic_value(vr, self.id, v, io.ctx());
        }
    }

    // decode — the value typed by id (offsets in errors count from value[0]).
    [[nodiscard]] constexpr result<quic_parameter_value> decode(const context& ctx = {}) const {
        error e;
        reader r(value, e);
        quic_parameter_value v;
        detail::read_quic_value(r, id, v, ctx);
        if (e) return e;
        return v;
    }
};

// RFC 9000 §18, Figure 20: Transport Parameters { Transport Parameter (..) ..., }
// — the whole extension_data, in the ClientHello and EncryptedExtensions
// (RFC 9001 §8.2). Strict mode also enforces §7.4 "An endpoint MUST NOT send
// a parameter more than once" (for ids below 2^16, which covers every defined
// one) and §18.2 "A client MUST NOT include any server-only transport
// parameter" (original_destination_connection_id, preferred_address,
// retry_source_connection_id, stateless_reset_token).
template <bool FromClient>
struct basic_quic_transport_parameters {
    static constexpr std::string_view wire_name = "quic_transport_parameters";
    static constexpr extension_type type = extension_type::quic_transport_parameters;
    list_of<quic_transport_parameter> parameters{};

    TLSWIRE_INLINE static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("parameters", self.parameters, to_end{});
        if constexpr (detail::parsing_io<decltype(io)>) {
            if (!io.ok() || !io.strict()) return;
            detail::u16_set seen;
            std::size_t p_at = at;
            // Each parameter's start offset: re-measure its encoding.
            bytes_view rest = self.parameters.raw();
            for (const quic_transport_parameter& p : self.parameters) {
                using enum quic_transport_parameter_id;
                const auto id = static_cast<quic_transport_parameter_id>(p.id);
                if (p.id < 0x10000) io.check(seen.insert(static_cast<std::uint16_t>(p.id)), errc::illegal_value, "transport_parameter", p_at);
                if (FromClient)
                    io.check(!(id == original_destination_connection_id || id == preferred_address ||
                               id == retry_source_connection_id || id == stateless_reset_token),
                             errc::illegal_value, "transport_parameter", p_at);
                if (!io.ok()) return;
                const std::size_t id_len = std::size_t{1} << (rest[0] >> 6);
                const std::size_t len_len = std::size_t{1} << (rest[id_len] >> 6);
                const std::size_t total = id_len + len_len + p.value.size();
                p_at += total;
                rest = rest.subspan(total);
            }
        }
    }

    // find — the first parameter with this id, if any.
    [[nodiscard]] constexpr std::optional<quic_transport_parameter> find(std::uint64_t id) const {
        for (const quic_transport_parameter& p : parameters)
            if (p.id == id) return p;
        return std::nullopt;
    }
};
using quic_transport_parameters_client_hello = basic_quic_transport_parameters<true>;
using quic_transport_parameters_encrypted_extensions = basic_quic_transport_parameters<false>;

}  // namespace tlswire
