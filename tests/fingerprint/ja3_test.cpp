// tests/fingerprint/ja3_test.cpp — JA3 and JA3S (fingerprint/ja3.hpp): the
// salesforce/ja3 README's examples, each rule of its definition, every hello
// of vectors/ against an oracle that reads the bytes by hand, and Wireshark's
// own JA3/JA3S (tshark) over pcaps of the project's captures.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "../support/command.hpp"
#include "fingerprint_support.hpp"

namespace tests_fingerprint_ja3 {

using namespace tlswire;
using namespace fp_test;

namespace {

// The JA3 README's first example, as a ClientHello: TLS 1.0, twelve suites,
// server_name (0), supported_groups (10) {23, 24, 25}, ec_point_formats (11) {0}.
std::string readme_example_hello() {
    const std::string exts = ext(0, sni_body("example.com")) + ext(10, u16_list({23, 24, 25})) + ext(11, "0100");
    return client_hello_hex(0x0301, {47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4}, exts);
}

}  // namespace

TEST_CASE("JA3 README: the example string and its MD5, from a ClientHello carrying those fields") {
    // README "How it works": "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0
    // --> ada70206e40642a3e4461f35503241d5".
    const std::string expected = "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0";
    CHECK(md5_hex(expected) == "ada70206e40642a3e4461f35503241d5");
    const auto p = parse_hex(readme_example_hello());
    REQUIRE(p.ok());
    const auto s = ja3_string(p.get());
    CHECK(s == expected);
    CHECK_FALSE(s.truncated);
    CHECK(ja3(p.get()) == "ada70206e40642a3e4461f35503241d5");
}

TEST_CASE("JA3 README: no extensions at all leaves the last three fields empty") {
    // README: "If there are no SSL Extensions in the Client Hello, the fields are left empty":
    // "769,4-5-10-9-100-98-3-6-19-18-99,,, --> de350869b8c85de67a350c8d186f11e6".
    const std::string expected = "769,4-5-10-9-100-98-3-6-19-18-99,,,";
    CHECK(md5_hex(expected) == "de350869b8c85de67a350c8d186f11e6");
    const auto p = parse_hex(client_hello_hex(0x0301, {4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99}, std::nullopt));
    REQUIRE(p.ok());
    CHECK_FALSE(p.get().extensions.present);
    CHECK(ja3_string(p.get()) == expected);
    CHECK(ja3(p.get()) == "de350869b8c85de67a350c8d186f11e6");
    // SSL 3.0 likewise (768), and an empty extensions field reads the same as none.
    const auto ssl3 = parse_hex(client_hello_hex(0x0300, {4, 5}, std::nullopt));
    REQUIRE(ssl3.ok());
    CHECK(ja3_string(ssl3.get()) == "768,4-5,,,");
    const auto empty_block = parse_hex(client_hello_hex(0x0301, {4, 5}, std::string()));
    REQUIRE(empty_block.ok());
    CHECK(ja3_string(empty_block.get()) == "769,4-5,,,");
}

TEST_CASE("JA3: the version is ClientHello.legacy_version, never supported_versions or the record's") {
    // A TLS 1.3 ClientHello says 0x0303 in legacy_version and 0x0304 in supported_versions.
    const std::string exts = ext(43, "0403040303") + ext(10, u16_list({29})) + ext(51, "0000") + ext(13, u16_list({0x0403}));
    const auto p = parse_hex(client_hello_hex(0x0303, {0x1301}, exts));
    REQUIRE(p.ok());
    CHECK(ja3_string(p.get()) == "771,4865,43-10-51-13,29,");
    // Inside a record whose version says TLS 1.0, through the stream decoder: still 771.
    const std::string rec = test_support::record_hex(22, client_hello_hex(0x0303, {0x1301}, exts));
    std::string fragment_version = rec;
    fragment_version.replace(2, 4, "0301");
    const auto bytes = unhex(fragment_version);
    stream_decoder dec;
    std::vector<std::string> seen;
    REQUIRE(dec.decode(bytes, [&](const stream_event& ev) {
        if (const auto* ch = std::get_if<client_hello>(&ev.handshake)) seen.emplace_back(ja3_string(*ch).view());
    }));
    CHECK(seen == std::vector<std::string>{"771,4865,43-10-51-13,29,"});
}

TEST_CASE("JA3: every list in the order the hello carries it, not sorted") {
    const std::string exts = ext(11, "03020100") + ext(10, u16_list({25, 23, 29})) + ext(0, sni_body("a.example"));
    const auto p = parse_hex(client_hello_hex(0x0303, {0xc02f, 0x002f, 0x1301, 0x00ff}, exts));
    REQUIRE(p.ok());
    CHECK(ja3_string(p.get()) == "771,49199-47-4865-255,11-10-0,25-23-29,2-1-0");
}

TEST_CASE("JA3: GREASE is left out of every list, wherever it sits") {
    // GREASE suites first, middle, last; GREASE extensions (empty and with a body) first, middle, last;
    // GREASE groups around the real ones. Point formats are bytes: RFC 8701 has no GREASE for them.
    const std::string plain_exts = ext(0, sni_body("example.com")) + ext(10, u16_list({29, 23})) + ext(11, "0100");
    const std::string grease_exts = ext(0x0a0a, "") + ext(0, sni_body("example.com")) + ext(0x5a5a, "00") +
                                    ext(10, u16_list({0x2a2a, 29, 0x8a8a, 23, 0xfafa})) + ext(11, "0100") +
                                    ext(0xeaea, "");
    const auto plain = parse_hex(client_hello_hex(0x0303, {0xc02b, 0xc02f}, plain_exts));
    const auto greased =
        parse_hex(client_hello_hex(0x0303, {0x1a1a, 0xc02b, 0x3a3a, 0xc02f, 0xdada}, grease_exts));
    REQUIRE(plain.ok());
    REQUIRE(greased.ok());
    CHECK(ja3_string(plain.get()) == "771,49195-49199,0-10-11,29-23,0");
    CHECK(ja3_string(greased.get()) == ja3_string(plain.get()).view());
    CHECK(ja3(greased.get()) == ja3(plain.get()).view());
    // All sixteen GREASE values are recognised, and nothing next to them.
    for (unsigned hi = 0; hi < 16; ++hi) {
        const auto g = static_cast<std::uint16_t>((hi << 12) | 0x0a00 | (hi << 4) | 0x0a);
        const auto q = parse_hex(client_hello_hex(0x0303, {g, 0x0a0b, 0x0b0a}, std::nullopt));
        REQUIRE(q.ok());
        CHECK(ja3_string(q.get()) == "771,2571-2826,,,");
    }
}

TEST_CASE("JA3: fixed-capacity text says when it is truncated; the hash and write_ja3_string never are") {
    const auto p = parse_hex(readme_example_hello());
    REQUIRE(p.ok());
    const auto short_text = ja3_string<16>(p.get());
    CHECK(short_text.truncated);
    CHECK(short_text == "769,47-53-5-10-4");
    std::string whole;
    write_ja3_string(p.get(), [&](std::string_view s) { whole += s; });
    CHECK(whole == "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0");

    // 2,000 suites: longer than the default capacity (8 KiB); the hash is of the whole string.
    std::vector<std::uint16_t> suites;
    for (std::uint16_t i = 0; i < 2000; ++i) suites.push_back(static_cast<std::uint16_t>(0x1000 + i));
    const auto big = parse_hex(client_hello_hex(0x0303, suites, std::nullopt));
    REQUIRE(big.ok());
    const auto text = ja3_string(big.get());
    CHECK(text.truncated);
    CHECK(text.size == fingerprint_text_capacity);
    std::string full;
    write_ja3_string(big.get(), [&](std::string_view s) { full += s; });
    CHECK(full.size() > fingerprint_text_capacity);
    CHECK(full.substr(0, text.size) == text.view());
    CHECK(ja3(big.get()) == md5_hex(full));
    CHECK(full == ja3_string_of(read_hello(big.bytes)));
    const auto all = std::make_unique<fingerprint_text<ja3_string_max_size>>();
    write_ja3_string(big.get(), *all);
    CHECK_FALSE(all->truncated);
    CHECK(all->view() == full);
}

TEST_CASE("JA3S: version, suite and extension types of a ServerHello (GREASE left out)") {
    // RFC 8448 §3 ServerHello: TLS 1.3 in supported_versions, but legacy_version 0x0303 is what counts.
    const auto sh = parse_hex<server_hello>(test_support::rfc8448_message("simple_1rtt", "server_hello"));
    REQUIRE(sh.ok());
    CHECK(ja3s_string(sh.get()) == "771,4865,51-43");
    CHECK(ja3s(sh.get()) == md5_hex("771,4865,51-43"));
    // A TLS 1.2 ServerHello with a GREASE extension (no server sends one, RFC 8701 §4; Wireshark leaves it out).
    context lenient;
    lenient.mode = strictness::lenient;
    const auto g = parse_hex<server_hello>(
        server_hello_hex(0x0303, 0xc02f, ext(0x2a2a, "") + ext(0xff01, "00") + ext(11, "0100")), lenient);
    REQUIRE(g.ok());
    CHECK(ja3s_string(g.get()) == "771,49199,65281-11");
    // No extensions field: the last field is empty.
    const auto bare = parse_hex<server_hello>(server_hello_hex(0x0301, 0x002f, std::nullopt));
    REQUIRE(bare.ok());
    CHECK(ja3s_string(bare.get()) == "769,47,");
    CHECK(ja3s(bare.get()) == md5_hex("769,47,"));
    // A HelloRetryRequest is a ServerHello on the wire: it has a JA3S too.
    const auto hrr =
        parse_hex<hello_retry_request>(test_support::rfc8448_message("hello_retry_request", "hello_retry_request"));
    REQUIRE(hrr.ok());
    CHECK(ja3s_string(hrr.get()) == ja3s_string_of(read_hello(hrr.bytes)));
    CHECK(ja3s_string(hrr.get()).view().starts_with("771,4865,"));
}

namespace {
// RFC 8448 §3's ClientHello (vectors/rfc8448/simple_1rtt.json messages[0]), for constant evaluation.
constexpr std::array<std::uint8_t, 196> rfc8448_client_hello{
    0x01, 0x00, 0x00, 0xc0, 0x03, 0x03, 0xcb, 0x34, 0xec, 0xb1, 0xe7, 0x81, 0x63, 0xba, 0x1c, 0x38, 0xc6, 0xda,
    0xcb, 0x19, 0x6a, 0x6d, 0xff, 0xa2, 0x1a, 0x8d, 0x99, 0x12, 0xec, 0x18, 0xa2, 0xef, 0x62, 0x83, 0x02, 0x4d,
    0xec, 0xe7, 0x00, 0x00, 0x06, 0x13, 0x01, 0x13, 0x03, 0x13, 0x02, 0x01, 0x00, 0x00, 0x91, 0x00, 0x00, 0x00,
    0x0b, 0x00, 0x09, 0x00, 0x00, 0x06, 0x73, 0x65, 0x72, 0x76, 0x65, 0x72, 0xff, 0x01, 0x00, 0x01, 0x00, 0x00,
    0x0a, 0x00, 0x14, 0x00, 0x12, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18, 0x00, 0x19, 0x01, 0x00, 0x01, 0x01, 0x01,
    0x02, 0x01, 0x03, 0x01, 0x04, 0x00, 0x23, 0x00, 0x00, 0x00, 0x33, 0x00, 0x26, 0x00, 0x24, 0x00, 0x1d, 0x00,
    0x20, 0x99, 0x38, 0x1d, 0xe5, 0x60, 0xe4, 0xbd, 0x43, 0xd2, 0x3d, 0x8e, 0x43, 0x5a, 0x7d, 0xba, 0xfe, 0xb3,
    0xc0, 0x6e, 0x51, 0xc1, 0x3c, 0xae, 0x4d, 0x54, 0x13, 0x69, 0x1e, 0x52, 0x9a, 0xaf, 0x2c, 0x00, 0x2b, 0x00,
    0x03, 0x02, 0x03, 0x04, 0x00, 0x0d, 0x00, 0x20, 0x00, 0x1e, 0x04, 0x03, 0x05, 0x03, 0x06, 0x03, 0x02, 0x03,
    0x08, 0x04, 0x08, 0x05, 0x08, 0x06, 0x04, 0x01, 0x05, 0x01, 0x06, 0x01, 0x02, 0x01, 0x04, 0x02, 0x05, 0x02,
    0x06, 0x02, 0x02, 0x02, 0x00, 0x2d, 0x00, 0x02, 0x01, 0x01, 0x00, 0x1c, 0x00, 0x02, 0x40, 0x01,
};
constexpr bool rfc8448_ja3() {
    const auto m = parse_handshake(rfc8448_client_hello);
    if (!m || !std::holds_alternative<client_hello>(*m)) return false;
    const auto& ch = std::get<client_hello>(*m);
    return ja3_string(ch) == "771,4865-4867-4866,0-65281-10-35-51-43-13-45-28,29-23-24-25-256-257-258-259-260," &&
           ja3(ch) == "da4dea34fe6d4ce5f0725df3f2682fa0";
}
// The JA3 of RFC 8448 §3's ClientHello, at compile time (its MD5 checked
// against an independent MD5 at run time below).
static_assert(rfc8448_ja3());
}  // namespace

TEST_CASE("JA3 of RFC 8448 §3's ClientHello: constexpr, and the same at run time") {
    CHECK(rfc8448_ja3());
    CHECK(test_support::hex(rfc8448_client_hello) == test_support::rfc8448_message("simple_1rtt", "client_hello"));
    CHECK(md5_hex("771,4865-4867-4866,0-65281-10-35-51-43-13-45-28,29-23-24-25-256-257-258-259-260,") ==
          "da4dea34fe6d4ce5f0725df3f2682fa0");
}

TEST_CASE("JA3 and JA3S of every ClientHello and ServerHello of vectors/ match the oracle") {
    const auto clients = all_vector_hellos(true);
    const auto servers = all_vector_hellos(false);
    CHECK(clients.size() >= 50);
    CHECK(servers.size() >= 40);
    int checked = 0;
    for (const auto& h : clients) {
        CAPTURE(h.origin);
        const auto m = parse_handshake(h.bytes, h.ctx);
        REQUIRE(m);
        REQUIRE(std::holds_alternative<client_hello>(*m));
        const auto lists = read_hello(h.bytes);
        REQUIRE(lists.ok);
        const auto s = ja3_string(std::get<client_hello>(*m));
        CHECK_FALSE(s.truncated);
        CHECK(s.view() == ja3_string_of(lists));
        CHECK(ja3(std::get<client_hello>(*m)) == md5_hex(std::string(s.view())));
        ++checked;
    }
    for (const auto& h : servers) {
        CAPTURE(h.origin);
        const auto m = parse_handshake(h.bytes, h.ctx);
        REQUIRE(m);
        const auto lists = read_hello(h.bytes);
        REQUIRE(lists.ok);
        std::string s;
        if (const auto* sh = std::get_if<server_hello>(&*m)) s = ja3s_string(*sh).view();
        else if (const auto* hrr = std::get_if<hello_retry_request>(&*m)) s = ja3s_string(*hrr).view();
        else FAIL("not a ServerHello");
        CHECK(s == ja3s_string_of(lists));
        if (const auto* sh = std::get_if<server_hello>(&*m)) CHECK(ja3s(*sh) == md5_hex(s));
        ++checked;
    }
    CHECK(checked == static_cast<int>(clients.size() + servers.size()));
    MESSAGE("JA3 of " << clients.size() << " ClientHellos, JA3S of " << servers.size()
                      << " ServerHellos and HelloRetryRequests of vectors/");
}

// ---- Wireshark's JA3 (tshark) ----------------------------------------------------------

namespace {

struct tcp_connection {
    std::vector<std::uint8_t> c2s, s2c;
};

// write_pcap — a test helper, not the capture reader of issue 11: TCP
// connections as a classic pcap file (LINKTYPE_ETHERNET, IPv4), the k-th
// from 127.0.0.1:(40000 + k) to 127.0.0.2:443, one after the other: the
// three-way handshake, then the client's bytes and the server's bytes in
// 1000-byte segments with consecutive sequence numbers. Checksums are left
// zero (Wireshark does not check them by default).
void write_pcap(const std::string& path, const std::vector<tcp_connection>& connections) {
    std::vector<std::uint8_t> out;
    auto be16 = [](std::vector<std::uint8_t>& v, std::size_t x) {
        v.push_back(static_cast<std::uint8_t>(x >> 8));
        v.push_back(static_cast<std::uint8_t>(x));
    };
    auto be32 = [&](std::vector<std::uint8_t>& v, std::uint32_t x) {
        be16(v, x >> 16);
        be16(v, x & 0xffff);
    };
    auto le32 = [&](std::uint32_t x) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(x >> (8 * i)));
    };
    // Global header: magic, version 2.4, zone 0, sigfigs 0, snaplen 65535, LINKTYPE_ETHERNET.
    for (const std::uint32_t x : {0xa1b2c3d4u, 0x00040002u, 0u, 0u, 65535u, 1u}) le32(x);
    std::uint32_t frame_no = 0;
    auto segment = [&](bool from_client, std::uint16_t client_port, std::uint32_t seq, std::uint32_t ack,
                       std::uint8_t flags, const std::uint8_t* data, std::size_t n) {
        std::vector<std::uint8_t> f(12, 0);  // destination and source MAC
        f[11] = from_client ? 1 : 2;
        be16(f, 0x0800);                     // EtherType IPv4
        f.insert(f.end(), {0x45, 0});        // version 4, IHL 5, DSCP 0
        be16(f, 20 + 20 + n);                // total length
        f.insert(f.end(), {0, 0, 0, 0, 64, 6, 0, 0});  // id, flags, TTL 64, protocol TCP, checksum
        f.insert(f.end(), {127, 0, 0, static_cast<std::uint8_t>(from_client ? 1 : 2)});
        f.insert(f.end(), {127, 0, 0, static_cast<std::uint8_t>(from_client ? 2 : 1)});
        be16(f, from_client ? client_port : 443);
        be16(f, from_client ? 443 : client_port);
        be32(f, seq);
        be32(f, ack);
        f.insert(f.end(), {0x50, flags, 0xff, 0xff, 0, 0, 0, 0});  // offset 5, flags, window, checksum, urgent
        f.insert(f.end(), data, data + n);
        le32(frame_no++);  // record header: seconds, microseconds, captured and original length
        le32(0);
        le32(static_cast<std::uint32_t>(f.size()));
        le32(static_cast<std::uint32_t>(f.size()));
        out.insert(out.end(), f.begin(), f.end());
    };
    for (std::size_t k = 0; k < connections.size(); ++k) {
        const auto& c = connections[k];
        const auto port = static_cast<std::uint16_t>(40000 + k);
        const std::uint32_t cseq = 1000, sseq = 5000;
        segment(true, port, cseq - 1, 0, 0x02, nullptr, 0);      // SYN
        segment(false, port, sseq - 1, cseq, 0x12, nullptr, 0);  // SYN, ACK
        segment(true, port, cseq, sseq, 0x10, nullptr, 0);       // ACK
        for (std::size_t i = 0; i < c.c2s.size(); i += 1000)
            segment(true, port, cseq + static_cast<std::uint32_t>(i), sseq, 0x18, c.c2s.data() + i,
                    std::min<std::size_t>(1000, c.c2s.size() - i));
        const auto cend = cseq + static_cast<std::uint32_t>(c.c2s.size());
        for (std::size_t i = 0; i < c.s2c.size(); i += 1000)
            segment(false, port, sseq + static_cast<std::uint32_t>(i), cend, 0x18, c.s2c.data() + i,
                    std::min<std::size_t>(1000, c.s2c.size() - i));
    }
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
}

// The fingerprints of one connection, in the order they were sent.
struct fingerprints {
    std::vector<std::string> ja3_full, ja3, ja3s_full, ja3s;
    bool operator==(const fingerprints&) const = default;
};

// tshark_fingerprints — Wireshark's tls.handshake.ja3_full, ja3, ja3s_full
// and ja3s of every TCP stream of the pcap, by stream index.
std::map<int, fingerprints> tshark_fingerprints(const std::string& pcap) {
    const std::string cmd = "tshark -n -r '" + pcap +
                            "' -T fields -E separator=/t -E aggregator='|' -e tcp.stream -e tls.handshake.ja3_full "
                            "-e tls.handshake.ja3 -e tls.handshake.ja3s_full -e tls.handshake.ja3s 2>/dev/null";
    std::map<int, fingerprints> by_stream;
    const std::string out = test_support::output_of(cmd);
    for (const auto& line : split(out, '\n')) {
        const auto f = split(line, '\t');
        if (f.size() != 5 || f[0].empty()) continue;
        auto& fp = by_stream[std::stoi(f[0])];
        std::vector<std::string>* into[] = {&fp.ja3_full, &fp.ja3, &fp.ja3s_full, &fp.ja3s};
        for (int i = 0; i < 4; ++i)
            if (!f[static_cast<std::size_t>(i) + 1].empty())
                for (const auto& v : split(f[static_cast<std::size_t>(i) + 1], '|')) into[i]->push_back(v);
    }
    return by_stream;
}

}  // namespace

TEST_CASE("JA3 and JA3S agree with Wireshark's (tshark) on every capture") {
    if (!test_support::have_tshark()) {
        MESSAGE("tshark is not installed: the Wireshark cross-check is skipped (Debian: apt-get install tshark)");
        return;
    }
    std::vector<tcp_connection> connections;
    std::vector<std::string> names;
    std::vector<fingerprints> ours;
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        int index = 0;
        for (const auto& conn : capture.at("connections")) {
            tcp_connection c{unhex(conn.at("c2s").get<std::string>()), unhex(conn.at("s2c").get<std::string>())};
            fingerprints f;
            connection_decoder dec;
            auto server = [&](const auto& sh) {
                f.ja3s_full.emplace_back(ja3s_string(sh).view());
                f.ja3s.emplace_back(ja3s(sh).view());
            };
            REQUIRE(dec.decode(c.c2s, c.s2c, [&](const connection_event& ev) {
                if (const auto* ch = std::get_if<client_hello>(&ev.handshake)) {
                    f.ja3_full.emplace_back(ja3_string(*ch).view());
                    f.ja3.emplace_back(ja3(*ch).view());
                } else if (const auto* sh = std::get_if<server_hello>(&ev.handshake)) {
                    server(*sh);
                } else if (const auto* hrr = std::get_if<hello_retry_request>(&ev.handshake)) {
                    server(*hrr);
                }
            }));
            connections.push_back(std::move(c));
            names.push_back(file.filename().string() + ":" + std::to_string(index++));
            ours.push_back(std::move(f));
        }
    }
    const std::size_t captured = connections.size();
    // The benchmark hellos too, as a client that sends its ClientHello record and
    // nothing else: the Chrome-like one has GREASE in every list.
    for (const auto& h : all_vector_hellos(true)) {
        if (!h.origin.starts_with("bench/")) continue;
        const auto rec = unhex(test_support::record_hex(22, test_support::hex(h.bytes)));
        const auto m = parse_handshake(h.bytes, h.ctx);
        REQUIRE(m);
        const auto& ch = std::get<client_hello>(*m);
        fingerprints f;
        f.ja3_full.emplace_back(ja3_string(ch).view());
        f.ja3.emplace_back(ja3(ch).view());
        connections.push_back({rec, {}});
        names.push_back(h.origin);
        ours.push_back(std::move(f));
    }
    const std::string pcap =
        (std::filesystem::temp_directory_path() / ("tlswire_ja3_" + std::to_string(::getpid()) + ".pcap")).string();
    write_pcap(pcap, connections);
    const auto theirs = tshark_fingerprints(pcap);
    std::filesystem::remove(pcap);
    REQUIRE(theirs.size() == connections.size());
    std::size_t client_hellos = 0, server_hellos = 0;
    for (std::size_t k = 0; k < connections.size(); ++k) {
        CAPTURE(names[k]);
        const auto it = theirs.find(static_cast<int>(k));
        REQUIRE(it != theirs.end());
        CHECK(it->second.ja3_full == ours[k].ja3_full);
        CHECK(it->second.ja3 == ours[k].ja3);
        CHECK(it->second.ja3s_full == ours[k].ja3s_full);
        CHECK(it->second.ja3s == ours[k].ja3s);
        CHECK_FALSE(ours[k].ja3.empty());
        if (k < captured) CHECK_FALSE(ours[k].ja3s.empty());
        client_hellos += ours[k].ja3.size();
        server_hellos += ours[k].ja3s.size();
    }
    CHECK(captured >= 30);
    CHECK(connections.size() == captured + 4);
    MESSAGE("tshark agreed on " << client_hellos << " ClientHellos and " << server_hellos << " ServerHellos of "
                                << connections.size() << " connections");
}

}  // namespace tests_fingerprint_ja3
