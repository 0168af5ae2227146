// tlswire/capture/file.hpp — the packets (and decryption secrets) of a
// capture file: classic pcap and pcapng, read in place, without allocating
// and at compile time too.
//
// Formats: pcap as libpcap writes it (draft-ietf-opsawg-pcap: a 24-byte file
// header, 16-byte record headers; either byte order; microsecond or
// nanosecond magic) and pcapng (draft-ietf-opsawg-pcapng: Section Header,
// Interface Description, Enhanced / Simple / obsolete Packet Blocks, and the
// Decryption Secrets Block, type 0x0000000A, which carries key log lines as
// secrets type 'TLSK'). Other block types are skipped, as §3.1 lets a reader
// do. A capture that ends in the middle of a record (a capture cut short)
// has delivered every packet before it and then reports `truncated` at the
// record's header: what was read stays usable.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tlswire/wire/bytes.hpp"
#include "tlswire/wire/error.hpp"

namespace tlswire::capture {

enum class file_format : std::uint8_t { unknown, pcap, pcapng };

// link_type — the LINKTYPE_ values (tcpdump.org link-layer header types)
// this library decodes; any other value is carried through as a number.
enum class link_type : std::uint16_t {
    null = 0,          // BSD loopback: a 4-byte address family in the capturing host's byte order
    ethernet = 1,
    raw = 101,         // IPv4 or IPv6, told apart by the version field
    loop = 108,        // OpenBSD loopback: the address family in network byte order
    linux_sll = 113,   // Linux "cooked" capture v1
    ipv4 = 228,
    ipv6 = 229,
    linux_sll2 = 276,  // Linux "cooked" capture v2
};

// packet — one captured packet, as the file has it.
struct packet {
    std::uint32_t interface_id = 0;      // pcapng's interface; 0 in pcap
    capture::link_type link_type{};
    std::uint64_t timestamp = 0;         // in units of 1/units_per_second since 1970
    std::uint64_t units_per_second = 1000000;
    std::uint32_t original_length = 0;   // on the wire (data may be shorter: the snapshot length)
    bytes_view data;                     // the captured bytes
    std::size_t offset = 0;              // of data's first byte in the file
};

// secrets — a pcapng Decryption Secrets Block.
struct secrets {
    std::uint32_t secrets_type = 0;
    bytes_view data;
    std::size_t offset = 0;  // of data's first byte in the file
};

// TLS key log secrets (pcapng §4.7: "TLSK", the contents of an SSLKEYLOGFILE).
inline constexpr std::uint32_t tls_key_log = 0x544c534b;

// detect(file) — the format its first four bytes say.
[[nodiscard]] constexpr file_format detect(bytes_view file) noexcept {
    if (file.size() < 4) return file_format::unknown;
    const auto be = static_cast<std::uint32_t>(load_be<4>(file.data()));
    switch (be) {
        case 0xa1b2c3d4u: case 0xd4c3b2a1u:  // microseconds, either byte order
        case 0xa1b23c4du: case 0x4d3cb2a1u:  // nanoseconds
            return file_format::pcap;
        case 0x0a0d0d0au: return file_format::pcapng;  // the Section Header Block type (a palindrome)
        default: return file_format::unknown;
    }
}

namespace detail {

// A cursor over the file that reads integers in the section's byte order.
struct file_cursor {
    bytes_view file;
    bool little = false;

    [[nodiscard]] constexpr std::uint64_t get(std::size_t at, std::size_t width) const noexcept {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < width; ++i) {
            const std::uint8_t b = file[at + (little ? width - 1 - i : i)];
            v = (v << 8) | b;
        }
        return v;
    }
    [[nodiscard]] constexpr std::uint32_t u32(std::size_t at) const noexcept {
        return static_cast<std::uint32_t>(get(at, 4));
    }
    [[nodiscard]] constexpr std::uint16_t u16(std::size_t at) const noexcept {
        return static_cast<std::uint16_t>(get(at, 2));
    }
};

[[nodiscard]] constexpr std::uint64_t pow_u64(std::uint64_t base, unsigned n) noexcept {
    std::uint64_t v = 1;
    for (unsigned i = 0; i < n; ++i) v *= base;
    return v;
}

// The longest packet this reader takes: pcap's largest snapshot length in
// use (libpcap's MAXIMUM_SNAPLEN, 262144) — a bound so a hostile length is
// refused with a clear error instead of being believed.
inline constexpr std::uint32_t max_packet = 262144;

template <class OnPacket>
constexpr error read_pcap(bytes_view file, OnPacket& on_packet) {
    if (file.size() < 24) return error{errc::truncated, file.size(), "pcap file header"};
    const auto magic = static_cast<std::uint32_t>(load_be<4>(file.data()));
    const file_cursor c{file, magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u};
    const std::uint64_t units = (magic == 0xa1b23c4du || magic == 0x4d3cb2a1u) ? 1000000000u : 1000000u;
    if (c.u16(4) != 2) return error{errc::unsupported, 4, "version_major"};  // 2.4 since 1998
    // The link type is the low 16 bits of the last field (the rest is FCS information).
    const auto link = static_cast<link_type>(c.u32(20) & 0xffffu);
    std::size_t at = 24;
    while (at < file.size()) {
        if (file.size() - at < 16) return error{errc::truncated, at, "pcap record header"};
        const std::uint32_t incl = c.u32(at + 8);
        if (incl > max_packet) return error{errc::length_out_of_range, at + 8, "incl_len"};
        if (incl > file.size() - at - 16) return error{errc::truncated, at + 8, "incl_len"};
        packet p{};
        p.link_type = link;
        p.units_per_second = units;
        p.timestamp = std::uint64_t{c.u32(at)} * units + c.u32(at + 4);
        p.original_length = c.u32(at + 12);
        p.data = file.subspan(at + 16, incl);
        p.offset = at + 16;
        on_packet(static_cast<const packet&>(p));
        at += 16 + incl;
    }
    return error{};
}

// Per-section interface table (pcapng §4.2): link type and time resolution.
struct interface_info {
    link_type link{};
    std::uint32_t snaplen = 0;
    std::uint64_t units_per_second = 1000000;
};
inline constexpr std::size_t max_interfaces = 256;

template <class OnPacket, class OnSecrets>
constexpr error read_pcapng(bytes_view file, OnPacket& on_packet, OnSecrets& on_secrets) {
    file_cursor c{file, false};
    std::array<interface_info, max_interfaces> ifs{};
    std::size_t n_ifs = 0;
    bool in_section = false;
    std::size_t at = 0;
    while (at < file.size()) {
        if (file.size() - at < 12) return error{errc::truncated, at, "block header"};
        const auto raw_type = static_cast<std::uint32_t>(load_be<4>(file.data() + at));
        if (raw_type == 0x0a0d0d0au) {
            // Section Header Block (§4.1): its byte-order magic sets the order of
            // everything up to the next section, its own length included.
            if (file.size() - at < 28) return error{errc::truncated, at, "section header block"};
            const auto bom = static_cast<std::uint32_t>(load_be<4>(file.data() + at + 8));
            if (bom == 0x1a2b3c4du) c.little = false;
            else if (bom == 0x4d3c2b1au) c.little = true;
            else return error{errc::illegal_value, at + 8, "byte_order_magic"};
            if (c.u16(at + 12) != 1) return error{errc::unsupported, at + 12, "major_version"};
            in_section = true;
            n_ifs = 0;
        } else if (!in_section) {
            return error{errc::unexpected_message, at, "block before the section header"};
        }
        const std::uint32_t type = c.u32(at);
        const std::uint32_t len = c.u32(at + 4);
        // §3.1: Block Total Length, a multiple of 4, at least 12, repeated at the end.
        if (len < 12 || len % 4 != 0) return error{errc::length_out_of_range, at + 4, "block_total_length"};
        if (len > file.size() - at) return error{errc::truncated, at + 4, "block_total_length"};
        if (c.u32(at + len - 4) != len) return error{errc::illegal_value, at + len - 4, "block_total_length"};
        const std::size_t body = at + 8;
        const std::size_t body_len = len - 12;
        switch (type) {
            case 0x00000001u: {  // Interface Description Block (§4.2)
                if (body_len < 8) return error{errc::truncated, body, "interface description block"};
                if (n_ifs == max_interfaces) return error{errc::unsupported, at, "more than 256 interfaces"};
                interface_info info{};
                info.link = static_cast<link_type>(c.u16(body));
                info.snaplen = c.u32(body + 4);
                // Options (§3.5): code, length, value padded to 4; if_tsresol (9) sets the clock.
                std::size_t o = body + 8;
                const std::size_t end = body + body_len;
                while (end - o >= 4) {
                    const std::uint16_t code = c.u16(o);
                    const std::uint16_t olen = c.u16(o + 2);
                    if (code == 0) break;  // opt_endofopt
                    const std::size_t padded = (std::size_t{olen} + 3u) & ~std::size_t{3};
                    if (padded > end - o - 4) return error{errc::truncated, o + 2, "option length"};
                    if (code == 9 && olen == 1) {
                        const std::uint8_t r = file[o + 4];
                        const unsigned n = r & 0x7fu;
                        // bit 7 clear: 10^-n seconds; set: 2^-n (§4.2, if_tsresol)
                        if ((r & 0x80u) ? n > 63 : n > 19) return error{errc::unsupported, o + 4, "if_tsresol"};
                        info.units_per_second = (r & 0x80u) ? (std::uint64_t{1} << n) : pow_u64(10, n);
                    }
                    o += 4 + padded;
                }
                ifs[n_ifs++] = info;
                break;
            }
            case 0x00000006u:    // Enhanced Packet Block (§4.3)
            case 0x00000002u: {  // Packet Block (obsolete, Appendix A)
                if (body_len < 20) return error{errc::truncated, body, "packet block"};
                const std::uint32_t id = type == 6u ? c.u32(body) : c.u16(body);
                if (id >= n_ifs) return error{errc::illegal_value, body, "interface_id"};
                const std::uint32_t captured = c.u32(body + 12);
                if (captured > max_packet) return error{errc::length_out_of_range, body + 12, "captured_packet_length"};
                if (captured > body_len - 20) return error{errc::truncated, body + 12, "captured_packet_length"};
                packet p{};
                p.interface_id = id;
                p.link_type = ifs[id].link;
                p.units_per_second = ifs[id].units_per_second;
                p.timestamp = (std::uint64_t{c.u32(body + 4)} << 32) | c.u32(body + 8);
                p.original_length = c.u32(body + 16);
                p.data = file.subspan(body + 20, captured);
                p.offset = body + 20;
                on_packet(static_cast<const packet&>(p));
                break;
            }
            case 0x00000003u: {  // Simple Packet Block (§4.4): interface 0, no timestamp
                if (body_len < 4) return error{errc::truncated, body, "simple packet block"};
                if (n_ifs == 0) return error{errc::illegal_value, at, "simple packet block without an interface"};
                packet p{};
                p.link_type = ifs[0].link;
                p.units_per_second = ifs[0].units_per_second;
                p.original_length = c.u32(body);
                std::size_t captured = body_len - 4;  // the data, padded to 4
                if (p.original_length < captured) captured = p.original_length;
                if (ifs[0].snaplen != 0 && ifs[0].snaplen < captured) captured = ifs[0].snaplen;
                if (captured > max_packet) return error{errc::length_out_of_range, body, "original_packet_length"};
                p.data = file.subspan(body + 4, captured);
                p.offset = body + 4;
                on_packet(static_cast<const packet&>(p));
                break;
            }
            case 0x0000000au: {  // Decryption Secrets Block (§4.7)
                if (body_len < 8) return error{errc::truncated, body, "decryption secrets block"};
                const std::uint32_t slen = c.u32(body + 4);
                if (slen > body_len - 8) return error{errc::truncated, body + 4, "secrets_length"};
                secrets s{};
                s.secrets_type = c.u32(body);
                s.data = file.subspan(body + 8, slen);
                s.offset = body + 8;
                on_secrets(static_cast<const secrets&>(s));
                break;
            }
            default: break;  // §3.1: a reader skips the blocks it does not know
        }
        at += len;
    }
    return error{};
}

}  // namespace detail

// read(file, on_packet, on_secrets) — every packet (on_packet(const packet&))
// and, in pcapng, every Decryption Secrets Block (on_secrets(const
// secrets&)), in file order. Returns the first error (offset absolute in the
// file) or an ok error; the callbacks have seen everything before it.
template <class OnPacket, class OnSecrets>
constexpr error read(bytes_view file, OnPacket&& on_packet, OnSecrets&& on_secrets) {
    switch (detect(file)) {
        case file_format::pcap: return detail::read_pcap(file, on_packet);
        case file_format::pcapng: return detail::read_pcapng(file, on_packet, on_secrets);
        case file_format::unknown: break;
    }
    return error{file.size() < 4 ? errc::truncated : errc::unsupported, 0, "capture file magic"};
}

}  // namespace tlswire::capture
