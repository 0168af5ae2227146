// Parsing allocates nothing: count every operator new while every vector
// message is parsed (and its lists, extensions and certificate entries are
// walked), and require zero. The counter replaces the global allocation
// functions for the whole test binary; it only counts.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "../support/corpus.hpp"

namespace {
std::atomic<std::size_t> allocations{0};

void* counted(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void* counted_aligned(std::size_t n, std::align_val_t a) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    const auto align = static_cast<std::size_t>(a);
    if (void* p = std::aligned_alloc(align, (n + align - 1) / align * align)) return p;
    throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) { return counted(n); }
void* operator new[](std::size_t n) { return counted(n); }
void* operator new(std::size_t n, std::align_val_t a) { return counted_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return counted_aligned(n, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

using namespace tlswire;

namespace {
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
    const std::size_t before = allocations.load();
    for (const auto& m : corpus) {
        const auto r = parse_handshake(m.bytes, m.ctx);
        if (r) {
            ++parsed;
            touched += touch(*r);
        }
        // Prefixes too: the error paths must not allocate either.
        (void)parse_handshake(bytes_view(m.bytes).first(m.bytes.size() / 2), m.ctx);
    }
    const std::size_t during = allocations.load() - before;
    CHECK(parsed == corpus.size());
    CHECK(touched > 0);
    CHECK(during == 0);
    // The counter does count: a vector allocates.
    const std::size_t probe = allocations.load();
    std::vector<int>* v = new std::vector<int>(3);
    delete v;
    CHECK(allocations.load() - probe >= 2);
}
