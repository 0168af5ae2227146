// Runs the fuzz properties (harness.hpp) in every CI build, without
// libFuzzer: over every vector message under every context selector, over
// every capture split at several points, and over seeded random mutations of
// each (bit flips, byte changes, truncations, insertions). The sanitizer
// build watches for out-of-bounds reads and undefined behaviour.
//
// The unmutated inputs are the libFuzzer targets' seed corpora: with
// TLSWIRE_FUZZ_CORPUS=DIR in the environment, each is also written to
// DIR/<target>/ (tests/fuzz/smoke.sh does that before it runs the targets).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "../support/corpus.hpp"
#include "../support/pcap.hpp"
#include "harness.hpp"
#include "harness_dtls.hpp"

namespace tests_fuzz_replay {

namespace {

// seed(target, input) — with TLSWIRE_FUZZ_CORPUS set, `input` becomes a file
// of that target's seed corpus (named by its position, so a rerun overwrites).
void seed(const char* target, const std::vector<std::uint8_t>& input) {
    const char* dir = std::getenv("TLSWIRE_FUZZ_CORPUS");
    if (dir == nullptr || *dir == '\0') return;
    static std::size_t written = 0;
    const std::filesystem::path d = std::filesystem::path(dir) / target;
    std::filesystem::create_directories(d);
    std::ofstream out(d / ("seed-" + std::to_string(written++)), std::ios::binary);
    out.write(reinterpret_cast<const char*>(input.data()), static_cast<std::streamsize>(input.size()));
    REQUIRE(out.good());
}

std::vector<std::uint8_t> mutate(std::vector<std::uint8_t> in, std::mt19937& rng) {
    if (in.empty()) return in;
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    switch (rng() % 5) {
        case 0: in[pick(in.size())] ^= static_cast<std::uint8_t>(1u << (rng() % 8)); break;
        case 1: in[pick(in.size())] = static_cast<std::uint8_t>(rng()); break;
        case 2: in.resize(pick(in.size())); break;
        case 3: in.insert(in.begin() + static_cast<std::ptrdiff_t>(pick(in.size())), static_cast<std::uint8_t>(rng())); break;
        default: in.erase(in.begin() + static_cast<std::ptrdiff_t>(pick(in.size()))); break;
    }
    return in;
}

// connection_input(conn) — the "connection" target's input for a captured
// connection: the client's stream's length, then both streams.
std::vector<std::uint8_t> connection_input(const nlohmann::json& conn) {
    const auto c2s = test_support::unhex(conn.at("c2s").get<std::string>());
    const auto s2c = test_support::unhex(conn.at("s2c").get<std::string>());
    std::vector<std::uint8_t> input(2 + c2s.size() + s2c.size());
    input[0] = static_cast<std::uint8_t>(c2s.size() >> 8);
    input[1] = static_cast<std::uint8_t>(c2s.size());
    std::copy(s2c.begin(), s2c.end(), std::copy(c2s.begin(), c2s.end(), input.begin() + 2));
    return input;
}

// kind_index(kind) — the message-kind byte of the "extension" target (harness.hpp).
std::uint8_t kind_index(tlswire::message_kind kind) {
    for (std::uint8_t i = 0; i < std::size(fuzz::block_kinds::all); ++i)
        if (fuzz::block_kinds::all[i] == kind) return i;
    return 0;
}

// mutations(input, rng, n, target) — `target` over n mutations of `input`
// (1 to 3 each); returns n.
template <class F>
std::size_t mutations(const std::vector<std::uint8_t>& input, std::mt19937& rng, int n, F&& target) {
    for (int i = 0; i < n; ++i) {
        auto mutated = input;
        for (int k = 0, m = 1 + static_cast<int>(rng() % 3); k < m; ++k) mutated = mutate(mutated, rng);
        target(mutated.data(), mutated.size());
    }
    return static_cast<std::size_t>(n);
}

}  // namespace

TEST_CASE("fuzz replay: handshake and sslv2 properties over vectors and their mutations") {
    const auto corpus = test_support::load_message_corpus();
    REQUIRE(corpus.size() >= 100);
    std::mt19937 rng(0x746c73);  // fixed seed: the run is reproducible
    std::size_t runs = 0;
    for (const auto& m : corpus) {
        for (int selector = 0; selector < 256; selector += 37) {
            std::vector<std::uint8_t> input{static_cast<std::uint8_t>(selector)};
            input.insert(input.end(), m.bytes.begin(), m.bytes.end());
            fuzz::handshake(input.data(), input.size());
            fuzz::fingerprint(input.data(), input.size());
            seed("handshake", input);
            seed("handshake_structured", input);
            if (selector == 0) seed("fingerprint", input);
            seed("reassembly", input);
            if (selector == 0) seed("sslv2", m.bytes);
            for (int i = 0; i < 20; ++i) {
                const auto mutated = mutate(input, rng);
                fuzz::handshake(mutated.data(), mutated.size());
                if (i % 4 == 0) fuzz::fingerprint(mutated.data(), mutated.size());
                fuzz::reassembly(mutated.data(), mutated.size());
                fuzz::sslv2(mutated.data() + 1, mutated.size() > 0 ? mutated.size() - 1 : 0);
                ++runs;
            }
        }
    }
    MESSAGE("handshake replay runs: " << runs);
    CHECK(runs > 10000);
}

TEST_CASE("fuzz replay: connection property over captures and their mutations") {
    std::mt19937 rng(0x636f6e);
    std::size_t runs = 0;
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        for (const auto& conn : capture.at("connections")) {
            const auto input = connection_input(conn);
            fuzz::connection(input.data(), input.size());
            seed("connection", input);
            for (int i = 0; i < 30; ++i) {
                auto mutated = input;
                for (int k = 0; k < 3; ++k) mutated = mutate(mutated, rng);
                fuzz::connection(mutated.data(), mutated.size());
                ++runs;
            }
        }
    }
    MESSAGE("connection replay runs: " << runs);
    CHECK(runs > 500);
}

TEST_CASE("fuzz replay: decrypt property over captures with their key logs, and mutations") {
    std::mt19937 rng(0x646563);
    std::size_t runs = 0;
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        for (const auto& conn : capture.at("connections")) {
            // The key log's length and text, then the connection input.
            const std::string keylog = conn.at("keylog");
            std::vector<std::uint8_t> input{static_cast<std::uint8_t>(keylog.size() >> 8),
                                            static_cast<std::uint8_t>(keylog.size())};
            input.insert(input.end(), keylog.begin(), keylog.end());
            const auto rest = connection_input(conn);
            input.insert(input.end(), rest.begin(), rest.end());
            fuzz::decrypt(input.data(), input.size());
            seed("decrypt", input);
            for (int i = 0; i < 10; ++i) {
                auto mutated = input;
                for (int k = 0; k < 2; ++k) mutated = mutate(mutated, rng);
                fuzz::decrypt(mutated.data(), mutated.size());
                ++runs;
            }
        }
    }
    MESSAGE("decrypt replay runs: " << runs);
    CHECK(runs > 300);
}

TEST_CASE("fuzz replay: stream property over each side of every capture, every mode, and mutations") {
    std::mt19937 rng(0x737472);
    std::size_t runs = 0;
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        for (const auto& conn : capture.at("connections")) {
            for (const char* dir : {"c2s", "s2c"}) {
                const auto side = test_support::unhex(conn.at(dir).get<std::string>());
                for (std::uint8_t mode = 0; mode < 32; mode += 2) {  // records, every other choice
                    std::vector<std::uint8_t> input{mode};
                    input.insert(input.end(), side.begin(), side.end());
                    fuzz::stream(input.data(), input.size());
                    if (mode % 8 == 0) seed("stream", input);
                    auto mutated = mutate(input, rng);
                    mutated[0] = mode;
                    fuzz::stream(mutated.data(), mutated.size());
                    runs += 2;
                }
            }
        }
    }
    MESSAGE("stream replay runs: " << runs);
    CHECK(runs > 1000);
}

TEST_CASE("fuzz replay: keylog property over a key log of every label and its mutations") {
    const std::string random = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";
    const std::string secret = "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";
    std::string log = "# seed\r\n";
    for (const char* label : {"CLIENT_RANDOM", "CLIENT_EARLY_TRAFFIC_SECRET", "EARLY_EXPORTER_SECRET",
                              "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                              "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_7",
                              "EXPORTER_SECRET", "ECH_SECRET", "ECH_CONFIG"})
        log += std::string(label) + " " + random + " " + secret + (std::string_view(label) == "CLIENT_RANDOM" ? secret.substr(0, 32) : "") + "\n";
    std::size_t seed_entries = 0;
    tlswire::keylog::parse(log, [&](const tlswire::keylog::entry&) { ++seed_entries; },
                           [](const tlswire::keylog::line_error&) { FAIL("the seed is well-formed"); });
    CHECK(seed_entries == 11);
    const std::vector<std::uint8_t> log_bytes(log.begin(), log.end());
    fuzz::keylog(log_bytes.data(), log_bytes.size());
    seed("keylog", log_bytes);
    for (const auto& file : test_support::vector_files("captures")) {
        const auto capture = test_support::load_json(file);
        for (const auto& conn : capture.at("connections")) {
            const std::string text = conn.at("keylog");
            seed("keylog", std::vector<std::uint8_t>(text.begin(), text.end()));
        }
    }
    std::mt19937 rng(0x6b6579);
    std::size_t runs = 0;
    for (int i = 0; i < 3000; ++i) {
        auto mutated = log_bytes;
        for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n; ++k) mutated = mutate(mutated, rng);
        fuzz::keylog(mutated.data(), mutated.size());
        ++runs;
    }
    MESSAGE("keylog replay runs: " << runs);
    CHECK(runs == 3000);
}

TEST_CASE("fuzz replay: capture property over pcap and pcapng files of every link layer and their mutations") {
    namespace pc = test_support::pcap;
    const pc::bytes seg = pc::tcp(51000, 443, 7, 0x18, pc::bytes{0x16, 0x03, 0x01, 0x00, 0x01, 0x01});
    const pc::bytes ip4 = pc::ipv4({127, 0, 0, 1}, {127, 0, 0, 1}, 6, seg);
    const pc::bytes ip6 = pc::ipv6(pc::bytes(16, 0), pc::bytes(16, 1), 6, seg);
    std::vector<pc::bytes> seeds{pc::pcap_file(1, {{1, 2, pc::ethernet(0x0800, ip4, {0x8100}), 0}}),
                                 pc::pcap_file(101, {{1, 2, ip6, 0}, {3, 4, ip4, 0}}, false, true),
                                 pc::pcap_file(0, {{1, 2, pc::bytes{2, 0, 0, 0}, 0}})};
    for (const bool little : {true, false}) {
        pc::bytes f = pc::section_header(little);
        pc::append(f, pc::interface_description(1, little, 9));
        pc::append(f, pc::interface_description(229, little));
        pc::append(f, pc::decryption_secrets(0x544c534b, "CLIENT_RANDOM x y\n", little));
        pc::append(f, pc::enhanced_packet(0, 1, pc::ethernet(0x86dd, ip6), little));
        pc::append(f, pc::enhanced_packet(1, 2, ip6, little));
        pc::append(f, pc::simple_packet(pc::ethernet(0x0800, ip4), little));
        seeds.push_back(f);
    }
    {  // a whole connection in small segments, reordered, for the reassembly
        const pc::bytes ch{0x16, 0x03, 0x01, 0x00, 0x08, 0x01, 0x00, 0x00, 0x04, 0x03, 0x03, 0x00, 0x00};
        auto pkts = pc::tcp_conversation(ch, pc::bytes(40, 0x17), 3, 0xfffffffeu);
        std::swap(pkts[4], pkts[6]);
        std::vector<pc::record> recs;
        for (const auto& p : pkts) recs.push_back({0, 0, pc::ethernet_frame(p, pc::tcp_endpoints{}), 0});
        seeds.push_back(pc::pcap_file(1, recs));
    }
    {  // DTLS over UDP: a stored interop connection (HelloVerifyRequest,
       // epoch 1) over IPv6, after a STUN datagram over IPv4
        const auto cap = test_support::load_json(test_support::vectors_dir() / "dtls" / "interop" /
                                                 "interop_dtls12_openssl_default.json");
        pc::tcp_endpoints v6;
        v6.client_address = pc::bytes(16, 0);
        v6.server_address = pc::bytes(16, 1);
        std::vector<pc::record> recs;
        recs.push_back({0, 0, pc::udp_frame(true, pc::bytes{0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42}, pc::tcp_endpoints{}), 0});
        for (const auto& d : cap.at("datagrams"))
            recs.push_back({0, 0, pc::udp_frame(d.at("dir") == "c2s", test_support::unhex(d.at("hex").get<std::string>()), v6), 0});
        seeds.push_back(pc::pcap_file(1, recs));
    }
    std::mt19937 rng(0x706370);
    std::size_t runs = 0;
    for (const auto& file : seeds) {
        fuzz::capture(file.data(), file.size());
        seed("capture", file);
        for (int i = 0; i < 1000; ++i) {
            auto mutated = file;
            for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k) mutated = mutate(mutated, rng);
            fuzz::capture(mutated.data(), mutated.size());
            ++runs;
        }
    }
    MESSAGE("capture replay runs: " << runs);
    CHECK(runs == 7000);
}

TEST_CASE("fuzz replay: extension property over every block and body of the vectors, and mutations") {
    using namespace tlswire;
    const auto corpus = test_support::load_message_corpus();
    std::mt19937 rng(0x657874);
    std::size_t blocks = 0, bodies = 0, runs = 0;
    for (const auto& m : corpus) {
        const auto parsed = parse_handshake(m.bytes, m.ctx);
        REQUIRE(parsed.has_value());
        std::visit(
            [&](const auto& v) {
                if constexpr (requires { v.extensions.kind; }) {
                    // The context byte of the message's version (strict, no cipher suite).
                    const std::uint8_t sel = tlswire::testing::selector_for(tlswire::context{m.ctx.version}).value_or(0),
                                       kind = kind_index(v.extensions.kind);
                    std::vector<std::uint8_t> block{sel, kind, 0, 0};
                    const bytes_view raw = v.extensions.entries.raw();
                    block.insert(block.end(), raw.begin(), raw.end());
                    fuzz::extension(block.data(), block.size());
                    seed("extension", block);
                    runs += mutations(block, rng, 4, fuzz::extension) + 1;
                    ++blocks;
                    for (const extension& e : v.extensions) {
                        const auto t = static_cast<std::uint16_t>(e.extension_type);
                        std::vector<std::uint8_t> body{sel, static_cast<std::uint8_t>(0x80 | kind),
                                                       static_cast<std::uint8_t>(t >> 8), static_cast<std::uint8_t>(t)};
                        body.insert(body.end(), e.extension_data.begin(), e.extension_data.end());
                        fuzz::extension(body.data(), body.size());
                        seed("extension", body);
                        runs += mutations(body, rng, 2, fuzz::extension) + 1;
                        ++bodies;
                    }
                }
            },
            *parsed);
    }
    MESSAGE("extension replay: " << blocks << " blocks, " << bodies << " bodies, " << runs << " runs");
    CHECK(blocks >= 90);
    CHECK(bodies >= 400);
}

TEST_CASE("fuzz replay: ECHConfigList and QUIC transport parameter properties over built inputs and mutations") {
    const std::string h32 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    const std::string cfg = "fe0d 003a 2a 0020 0020" + h32 + "0004 00010001 00 0b 6578616d706c652e636f6d 0000";
    const std::vector<std::vector<std::uint8_t>> ech_seeds{test_support::unhex("0044" + cfg + "fe0c 0002 abcd"),
                                                           test_support::unhex("003e" + cfg)};
    const std::vector<std::vector<std::uint8_t>> quic_seeds{
        test_support::unhex("04 04 80100000 01 04 80007530 0f 08 0001020304050607 0c 00 1b 03 aabbcc 0e 01 04"),
        test_support::unhex("00 04 01020304 02 10 " + h32.substr(0, 32) + " 0d 2d c0000201 01bb " +
                            "20010db8000000000000000000000001 01bb 04 aabbccdd" + h32.substr(0, 32))};
    std::mt19937 rng(0x656368);
    std::size_t runs = 0;
    for (const auto& in : ech_seeds) {
        tlswire::context ctx;
        REQUIRE(tlswire::parse<tlswire::ech_config_list>(in, ctx).has_value());  // the seed is valid
        fuzz::ech_config(in.data(), in.size());
        seed("ech_config", in);
        runs += mutations(in, rng, 1500, fuzz::ech_config);
    }
    for (const auto& in : quic_seeds) {
        fuzz::quic(in.data(), in.size());
        seed("quic", in);
        runs += mutations(in, rng, 1500, fuzz::quic);
    }
    MESSAGE("ECH/QUIC replay runs: " << runs);
    CHECK(runs == 6000);
}

TEST_CASE("fuzz replay: schedule property over RFC labels, every hash and length, and mutations") {
    std::mt19937 rng(0x6b6473);
    std::size_t runs = 0;
    const auto secret = test_support::unhex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
    for (const char* label : {"derived", "c hs traffic", "s ap traffic", "key", "iv", "finished", "traffic upd",
                              "res binder", "master secret", "extended master secret", "key expansion",
                              "client finished", ""}) {
        for (const std::size_t length : {0, 12, 32, 48, 104, 255, 319}) {
            for (const std::uint8_t hash : {0, 1, 2, 0x80, 0x81, 0x82}) {
                const std::string_view l(label);
                std::vector<std::uint8_t> input{hash, static_cast<std::uint8_t>(length >> 8),
                                                static_cast<std::uint8_t>(length), static_cast<std::uint8_t>(l.size())};
                input.insert(input.end(), l.begin(), l.end());
                input.insert(input.end(), secret.begin(), secret.end());
                input.insert(input.end(), secret.begin(), secret.begin() + 13);
                fuzz::schedule(input.data(), input.size());
                if (length == 32) seed("schedule", input);
                runs += 1 + mutations(input, rng, 3, fuzz::schedule);
            }
        }
    }
    MESSAGE("schedule replay runs: " << runs);
    CHECK(runs == 13 * 7 * 6 * 4);
}

// The DTLS targets: each datagram of the DTLS captures, each record and each
// handshake fragment in it (as the structures target), and the reassembly
// target over inputs made of those bytes (whatever they are, the target builds
// messages from them), each with mutations.
TEST_CASE("fuzz replay: DTLS structure and reassembly properties over the DTLS captures and their mutations") {
    std::mt19937 rng(0x64746c);
    std::size_t runs = 0;
    auto files = test_support::vector_files("dtls");
    for (const auto& f : test_support::vector_files("dtls/interop")) files.push_back(f);
    for (const auto& file : files) {
        const auto capture = test_support::load_json(file);
        if (capture.value("kind", "") != "dtls_datagrams") continue;
        for (const auto& d : capture.at("datagrams")) {
            const auto datagram = test_support::unhex(d.at("hex").get<std::string>());
            std::vector<std::vector<std::uint8_t>> inputs{datagram};
            (void)tlswire::dtls::for_each_record(tlswire::bytes_view(datagram), 0, {},
                                                 [&](const tlswire::dtls::plaintext& r, std::size_t at) {
                inputs.emplace_back(datagram.begin() + static_cast<std::ptrdiff_t>(at),
                                    datagram.begin() + static_cast<std::ptrdiff_t>(at + 13 + r.fragment.size()));
                if (r.type == tlswire::content_type::handshake && r.epoch == 0)
                    inputs.emplace_back(r.fragment.begin(), r.fragment.end());
            });
            for (const auto& input : inputs) {
                fuzz::dtls(input.data(), input.size());
                fuzz::dtls_reassembly(input.data(), input.size());
                seed("dtls", input);
                seed("dtls_reassembly", input);
                for (int i = 0; i < 8; ++i) {
                    const auto mutated = mutate(input, rng);
                    fuzz::dtls(mutated.data(), mutated.size());
                    fuzz::dtls_reassembly(mutated.data(), mutated.size());
                    ++runs;
                }
            }
        }
    }
    MESSAGE("DTLS replay runs: " << runs);
    CHECK(runs > 500);
}

// The DTLS connection target over each capture's connections: datagrams and
// streams, with the key log (when the capture has one) and without, strict
// and lenient, and mutations of each input.
TEST_CASE("fuzz replay: DTLS connection properties over the DTLS captures, with and without their key logs") {
    std::mt19937 rng(0x64746d);
    std::size_t runs = 0, inputs = 0;
    auto files = test_support::vector_files("dtls");
    for (const auto& f : test_support::vector_files("dtls/interop")) files.push_back(f);
    for (const auto& file : files) {
        const auto capture = test_support::load_json(file);
        if (capture.value("kind", "") != "dtls_datagrams") continue;
        const std::size_t connections = capture.contains("connections") ? capture.at("connections").size() : 1;
        for (std::size_t c = 0; c < connections; ++c) {
            // A key log is text, or (vectors/dtls/dtlsconn_*) a list of its lines.
            const auto& kl = capture.contains("connections") ? capture.at("connections").at(c) : capture;
            std::string keylog;
            if (kl.contains("keylog") && kl.at("keylog").is_string()) keylog = kl.at("keylog").get<std::string>();
            else if (kl.contains("keylog"))
                for (const auto& line : kl.at("keylog")) keylog += line.get<std::string>() + "\n";
            std::vector<std::vector<std::uint8_t>> bytes;
            std::vector<tlswire::dtls::datagram> datagrams;
            for (const auto& d : capture.at("datagrams"))
                if (d.value("connection", 0) == static_cast<int>(c)) bytes.push_back(test_support::unhex(d.at("hex").get<std::string>()));
            std::size_t i = 0;
            for (const auto& d : capture.at("datagrams"))
                if (d.value("connection", 0) == static_cast<int>(c))
                    datagrams.push_back({d.at("dir") == "c2s" ? tlswire::direction::c2s : tlswire::direction::s2c,
                                         tlswire::bytes_view(bytes[i++]), 0});
            for (const std::uint8_t flags : {0x00, 0x01, 0x02, 0x04, 0x06}) {
                if ((flags & 2) != 0 && keylog.empty()) continue;
                const auto input = fuzz::write_dtls_connection_input(flags, keylog, datagrams);
                fuzz::dtls_connection(input.data(), input.size());
                seed("dtls_connection", input);
                ++inputs;
                for (int m = 0; m < 4; ++m) {
                    const auto mutated = mutate(input, rng);
                    fuzz::dtls_connection(mutated.data(), mutated.size());
                    ++runs;
                }
            }
        }
    }
    MESSAGE("DTLS connection replay: " << inputs << " inputs, " << runs << " mutations");
    CHECK(inputs >= 3 * 25);
    CHECK(runs == 4 * inputs);
}

}  // namespace tests_fuzz_replay
