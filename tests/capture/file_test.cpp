// tests/capture/file_test.cpp — reading pcap and pcapng files (capture/file.hpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/pcap.hpp"
#include "tlswire/capture/file.hpp"

namespace tests_capture_file {

using namespace tlswire;
using namespace test_support::pcap;
using capture::link_type;

namespace {

struct read_result {
    std::vector<capture::packet> packets;
    std::vector<capture::secrets> secrets;
    error err;
};

read_result read(const bytes& file) {
    read_result r;
    r.err = capture::read(
        file, [&](const capture::packet& p) { r.packets.push_back(p); },
        [&](const capture::secrets& s) { r.secrets.push_back(s); });
    return r;
}

const bytes payload_a{0x16, 0x03, 0x01, 0x00, 0x01, 0x01};
const bytes payload_b{0xde, 0xad, 0xbe, 0xef, 0x00};

// At compile time: the packets of a small pcap.
constexpr std::array<std::uint8_t, 24 + 16 + 3> tiny_pcap{
    0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 101,  // big-endian, raw IP
    0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0, 3, 0, 0, 0, 3, 0x45, 0x00, 0x14};
constexpr std::size_t tiny_first_offset() {
    std::size_t at = 0;
    const error e = capture::read(
        tiny_pcap, [&](const capture::packet& p) { at = p.offset + p.data.size() * 1000; }, [](const capture::secrets&) {});
    return e.code == errc::ok ? at : 0;
}
static_assert(tiny_first_offset() == 40 + 3000);

}  // namespace

TEST_CASE("capture: the format is told by the magic") {
    CHECK(capture::detect(pcap_file(1, {})) == capture::file_format::pcap);
    CHECK(capture::detect(pcap_file(1, {}, false)) == capture::file_format::pcap);
    CHECK(capture::detect(pcap_file(1, {}, true, true)) == capture::file_format::pcap);
    CHECK(capture::detect(section_header(true)) == capture::file_format::pcapng);
    CHECK(capture::detect(bytes{0x16, 0x03, 0x01, 0x00}) == capture::file_format::unknown);
    CHECK(capture::detect(bytes{0xa1}) == capture::file_format::unknown);
    const auto r = read(bytes{0x16, 0x03, 0x01, 0x00, 0x10});
    CHECK(r.err.code == errc::unsupported);
}

TEST_CASE("capture: pcap in both byte orders, microseconds and nanoseconds") {
    for (const bool little : {true, false}) {
        for (const bool ns : {false, true}) {
            const bytes f = pcap_file(1, {{10, 20, payload_a, 0}, {11, 5, payload_b, 1500}}, little, ns);
            const auto r = read(f);
            CHECK(r.err.code == errc::ok);
            REQUIRE(r.packets.size() == 2);
            CHECK(r.packets[0].link_type == link_type::ethernet);
            CHECK(r.packets[0].units_per_second == (ns ? 1000000000u : 1000000u));
            CHECK(r.packets[0].timestamp == 10 * r.packets[0].units_per_second + 20);
            CHECK(bytes(r.packets[0].data.begin(), r.packets[0].data.end()) == payload_a);
            CHECK(r.packets[0].offset == 40);
            CHECK(r.packets[1].offset == 40 + payload_a.size() + 16);
            CHECK(r.packets[1].original_length == 1500);
            CHECK(bytes(r.packets[1].data.begin(), r.packets[1].data.end()) == payload_b);
        }
    }
}

TEST_CASE("capture: a pcap cut short delivers what came before, then says where") {
    bytes f = pcap_file(101, {{1, 0, payload_a, 0}, {2, 0, payload_b, 0}});
    f.resize(f.size() - 2);
    auto r = read(f);
    CHECK(r.packets.size() == 1);
    CHECK(r.err.code == errc::truncated);
    CHECK(r.err.offset == 40 + payload_a.size() + 8);  // the second record's incl_len
    f.resize(40 + payload_a.size() + 7);                // inside the record header
    r = read(f);
    CHECK(r.packets.size() == 1);
    CHECK(r.err.code == errc::truncated);
    CHECK(r.err.offset == 40 + payload_a.size());
    CHECK(read(bytes(f.begin(), f.begin() + 20)).err.code == errc::truncated);  // in the file header
    // A length no capture has: refused, not believed.
    bytes huge = pcap_file(101, {{1, 0, payload_a, 0}});
    huge[24 + 8] = 0xff;
    huge[24 + 9] = 0xff;
    huge[24 + 10] = 0xff;
    r = read(huge);
    CHECK(r.err.code == errc::length_out_of_range);
    CHECK(r.err.offset == 32);
}

TEST_CASE("capture: pcapng sections, interfaces, packet blocks and decryption secrets") {
    for (const bool little : {true, false}) {
        const std::string keylog = "CLIENT_RANDOM 00 00\n";
        bytes f = section_header(little);
        append(f, interface_description(1, little));        // interface 0: Ethernet, microseconds
        append(f, interface_description(113, little, 9));   // interface 1: Linux SLL, nanoseconds
        append(f, block(0x00000004, bytes(8, 0), little));  // a Name Resolution Block: skipped
        append(f, decryption_secrets(capture::tls_key_log, keylog, little));
        append(f, enhanced_packet(1, 1234567890123ull, payload_a, little, 60));
        append(f, simple_packet(payload_b, little));
        const auto r = read(f);
        CHECK(r.err.code == errc::ok);
        REQUIRE(r.secrets.size() == 1);
        CHECK(r.secrets[0].secrets_type == capture::tls_key_log);
        CHECK(std::string(r.secrets[0].data.begin(), r.secrets[0].data.end()) == keylog);
        CHECK(f[r.secrets[0].offset] == 'C');
        REQUIRE(r.packets.size() == 2);
        CHECK(r.packets[0].interface_id == 1);
        CHECK(r.packets[0].link_type == link_type::linux_sll);
        CHECK(r.packets[0].units_per_second == 1000000000u);
        CHECK(r.packets[0].timestamp == 1234567890123ull);
        CHECK(r.packets[0].original_length == 60);
        CHECK(bytes(r.packets[0].data.begin(), r.packets[0].data.end()) == payload_a);
        CHECK(f[r.packets[0].offset] == payload_a[0]);
        CHECK(r.packets[1].interface_id == 0);
        CHECK(r.packets[1].link_type == link_type::ethernet);
        CHECK(bytes(r.packets[1].data.begin(), r.packets[1].data.end()) == payload_b);  // not its padding
    }
    // A new section may change the byte order and restarts the interface numbering.
    bytes f = section_header(true);
    append(f, interface_description(1, true));
    append(f, section_header(false));
    append(f, interface_description(101, false, 0x80 | 20));  // 2^-20 s
    append(f, enhanced_packet(0, 5, payload_a, false));
    auto r = read(f);
    CHECK(r.err.code == errc::ok);
    REQUIRE(r.packets.size() == 1);
    CHECK(r.packets[0].link_type == link_type::raw);
    CHECK(r.packets[0].units_per_second == (1u << 20));
    append(f, enhanced_packet(1, 5, payload_a, false));  // no interface 1 in this section
    r = read(f);
    CHECK(r.err.code == errc::illegal_value);
    CHECK(r.err.where == std::string_view("interface_id"));
}

TEST_CASE("capture: pcapng blocks with bad lengths are refused at the length") {
    bytes good = section_header(true);
    append(good, interface_description(1, true));
    const std::size_t epb = good.size();
    append(good, enhanced_packet(0, 0, payload_a, true));
    // The trailing copy of the length differs.
    bytes f = good;
    f[f.size() - 4] ^= 4;
    auto r = read(f);
    CHECK(r.err.code == errc::illegal_value);
    CHECK(r.err.offset == f.size() - 4);
    // Not a multiple of 4.
    f = good;
    f[epb + 4] += 1;
    r = read(f);
    CHECK(r.err.code == errc::length_out_of_range);
    CHECK(r.err.offset == epb + 4);
    // Past the end of the file.
    f = good;
    f[epb + 5] = 0x10;
    CHECK(read(f).err.code == errc::truncated);
    // Captured length past the block.
    f = good;
    f[epb + 8 + 12] = 0x7f;
    r = read(f);
    CHECK(r.err.code == errc::truncated);
    CHECK(r.err.offset == epb + 8 + 12);
    // A packet before any interface, a block before the section header.
    f = section_header(true);
    append(f, enhanced_packet(0, 0, payload_a, true));
    CHECK(read(f).err.code == errc::illegal_value);
    CHECK(read(enhanced_packet(0, 0, payload_a, true)).err.code == errc::unsupported);  // no pcapng magic
    // A bad byte-order magic.
    f = section_header(true);
    f[8] = 0;
    CHECK(read(f).err.code == errc::illegal_value);
    // A file ending inside a block header.
    f = good;
    f.push_back(6);
    r = read(f);
    CHECK(r.packets.size() == 1);
    CHECK(r.err.code == errc::truncated);
    CHECK(r.err.offset == good.size());
}

}  // namespace tests_capture_file
