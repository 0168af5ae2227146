// Parsing allocates nothing: count every operator new while every vector
// message is parsed (and its lists, extensions and certificate entries are
// walked), and require zero. Fingerprinting (JA3, JA3S, JA4 and its forms)
// neither. The counter (tlswire/testing/count_allocations.hpp) replaces the
// global allocation functions for the whole test binary; it only counts.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "../support/corpus.hpp"
// The one translation unit of the test binary that replaces operator new.
#include "tlswire/testing/count_allocations.hpp"

namespace tests_vectors_no_allocation {

using namespace tlswire;

namespace {
std::uint64_t allocations() { return testing::thread_allocations; }

// Walk everything a parsed message exposes, so lazily decoded views are exercised too.
std::size_t touch(const handshake_message& m) {
    std::size_t n = 0;
    std::visit(
        [&](const auto& v) {
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (requires { v.extensions; })
                for (const extension& e : v.extensions) n += e.extension_data.size();
            if constexpr (requires { v.cipher_suites; })
                for (cipher_suite cs : v.cipher_suites) n += static_cast<std::size_t>(cs) & 1u;
            if constexpr (std::is_same_v<T, certificate_tls13>)
                for (const certificate_entry& ce : v.certificate_list) {
                    n += ce.cert_data.size();
                    for (const extension& e : ce.extensions) n += e.extension_data.size();
                }
            if constexpr (std::is_same_v<T, certificate_tls12>)
                for (bytes_view c : v.certificate_list) n += c.size();
        },
        m);
    return n;
}
}  // namespace

TEST_CASE("parsing every vector message allocates nothing") {
    const auto corpus = test_support::load_message_corpus();  // allocates: loading is not parsing
    REQUIRE(corpus.size() >= 100);
    std::size_t parsed = 0, touched = 0;
    const std::size_t before = allocations();
    for (const auto& m : corpus) {
        const auto r = parse_handshake(m.bytes, m.ctx);
        if (r) {
            ++parsed;
            touched += touch(*r);
        }
        // Prefixes too: the error paths must not allocate either.
        (void)parse_handshake(bytes_view(m.bytes).first(m.bytes.size() / 2), m.ctx);
    }
    const std::size_t during = allocations() - before;
    CHECK(parsed == corpus.size());
    CHECK(touched > 0);
    CHECK(during == 0);
    // The counter does count: a vector allocates.
    const std::size_t probe = allocations();
    std::vector<int>* v = new std::vector<int>(3);
    delete v;
    CHECK(allocations() - probe >= 2);
}

namespace {
// fingerprint_all — every fingerprint of a hello, into fixed buffers; returns
// a number made from them so that nothing is optimized away.
std::size_t fingerprint_all(const handshake_message& m) {
    std::size_t n = 0;
    if (const auto* ch = std::get_if<client_hello>(&m)) {
        for (const auto t : {ja4_transport::tcp, ja4_transport::quic, ja4_transport::dtls}) {
            n += ja4(*ch, t).size + ja4_o(*ch, t).size + ja4_r(*ch, t).size + ja4_ro(*ch, t).size;
            fingerprint_text<64> small;
            write_ja4_r(*ch, t, small);  // truncates, never allocates
            n += small.size;
        }
        n += ja3(*ch).size + ja3_string(*ch).size;
        std::size_t written = 0;
        write_ja3_string(*ch, [&](std::string_view s) { written += s.size(); });
        n += written;
    } else if (const auto* sh = std::get_if<server_hello>(&m)) {
        n += ja3s(*sh).size + ja3s_string(*sh).size;
    } else if (const auto* hrr = std::get_if<hello_retry_request>(&m)) {
        n += ja3s(*hrr).size + ja3s_string(*hrr).size;
    }
    return n;
}
}  // namespace

TEST_CASE("fingerprinting every vector hello allocates nothing") {
    auto corpus = test_support::load_message_corpus();  // allocates: loading is not fingerprinting
    // The benchmark hellos (the Chrome-like one has GREASE everywhere) and a
    // ClientHello of 400 suites, which takes the counting sort.
    for (const char* name : {"chrome_ch", "openssl_ch12", "openssl_ch13", "openssl_ch_big"}) {
        std::ifstream f(test_support::vectors_dir() / "bench" / (std::string(name) + ".msg.hex"));
        const std::string hex((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        corpus.push_back({name, test_support::unhex(hex), context{}});
    }
    std::vector<std::uint8_t> big{0x01, 0, 0, 0, 0x03, 0x03};
    big.insert(big.end(), 33, 0);  // random, empty session id
    big.push_back(0x03);           // 400 suites: 800 bytes
    big.push_back(0x20);
    for (int i = 0; i < 400; ++i) {
        big.push_back(static_cast<std::uint8_t>(0xc0 - i % 7));
        big.push_back(static_cast<std::uint8_t>(i * 37));
    }
    big.push_back(0x01);
    big.push_back(0x00);
    const std::size_t body = big.size() - 4;
    big[2] = static_cast<std::uint8_t>(body >> 8);
    big[3] = static_cast<std::uint8_t>(body);
    corpus.push_back({"400 suites", big, context{}});

    std::size_t hellos = 0, total = 0;
    bool big_done = false;
    const std::size_t before = allocations();
    for (const auto& m : corpus) {
        const auto r = parse_handshake(m.bytes, m.ctx);
        if (!r) continue;
        const std::size_t n = fingerprint_all(*r);
        hellos += n != 0;
        total += n;
        if (&m == &corpus.back()) big_done = n != 0;
    }
    const std::size_t during = allocations() - before;
    CHECK(big_done);
    CHECK(hellos >= 80);
    CHECK(total > 0);
    CHECK(during == 0);
}

}  // namespace tests_vectors_no_allocation
