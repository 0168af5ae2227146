// benchmarks/alloc_counter.cpp — replaces the global operator new/delete of
// tlswire_bench (every form: plain, array, nothrow, aligned; sized and
// unsized delete) so that each benchmark can report how many allocations an
// iteration made (support.hpp: measure(), counter allocs_per_iter).
//
// The replacements call malloc/free like libstdc++'s own, and count in a
// thread_local (one add, no atomic: the count of the thread that runs the
// benchmarks; no lock prefix that would slow down the allocating peers).
// Shared libraries (Botan, libstdc++) call these too: a program's
// replacement of operator new applies to the whole process. C allocations
// (malloc inside OpenSSL) are not counted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "support.hpp"

namespace {

thread_local std::uint64_t allocations = 0;

void* allocate(std::size_t n) {
    ++allocations;
    if (n == 0) n = 1;
    for (;;) {
        if (void* p = std::malloc(n)) return p;
        std::new_handler h = std::get_new_handler();
        if (h == nullptr) throw std::bad_alloc();
        h();
    }
}

void* allocate_aligned(std::size_t n, std::align_val_t al) {
    ++allocations;
    const auto align = static_cast<std::size_t>(al);
    if (n == 0) n = 1;
    for (;;) {
        // aligned_alloc wants a size that is a multiple of the alignment.
        if (void* p = std::aligned_alloc(align, (n + align - 1) / align * align)) return p;
        std::new_handler h = std::get_new_handler();
        if (h == nullptr) throw std::bad_alloc();
        h();
    }
}

}  // namespace

std::uint64_t tlswire_bench::allocation_count() noexcept { return allocations; }

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new(std::size_t n, std::align_val_t al) { return allocate_aligned(n, al); }
void* operator new[](std::size_t n, std::align_val_t al) { return allocate_aligned(n, al); }
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
    try {
        return allocate_aligned(n, al);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
    try {
        return allocate_aligned(n, al);
    } catch (...) {
        return nullptr;
    }
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
