// tlswire/testing/count_allocations.hpp — count every operator new, for the
// "allocation" property of testing/properties.hpp (and for benchmarks).
//
// Include it in exactly ONE translation unit of a program (a fuzz target's
// .cpp, a test binary, a benchmark): it defines the replaceable global
// allocation functions (every form: plain, array, nothrow, aligned; sized and
// unsized delete), which a program may define only once. They allocate with
// malloc / aligned_alloc as libstdc++'s own do, so sanitizers still see every
// allocation, and add one to tlswire::testing::thread_allocations — a
// thread_local, so the count is the calling thread's and costs no atomic.
// Shared libraries call them too: the replacement applies to the whole
// process. C allocations (malloc inside OpenSSL) are not counted.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

#include "tlswire/testing/properties.hpp"

namespace tlswire::testing::detail {
inline const bool allocations_counted_on_start = (allocations_counted = true);

inline void* counted_allocation(std::size_t n, std::size_t align) {
    ++thread_allocations;
    if (n == 0) n = 1;
    for (;;) {
        // aligned_alloc wants a size that is a multiple of the alignment.
        void* p = align == 0 ? std::malloc(n) : std::aligned_alloc(align, (n + align - 1) / align * align);
        if (p != nullptr) return p;
        const std::new_handler h = std::get_new_handler();
        if (h == nullptr) throw std::bad_alloc();
        h();
    }
}
inline void* counted_allocation_nothrow(std::size_t n, std::size_t align) noexcept {
    try {
        return counted_allocation(n, align);
    } catch (...) {
        return nullptr;
    }
}
inline std::size_t alignment(std::align_val_t a) noexcept { return static_cast<std::size_t>(a); }
}  // namespace tlswire::testing::detail

// (Global: the replaceable allocation functions cannot be declared in a namespace.)
void* operator new(std::size_t n) { return tlswire::testing::detail::counted_allocation(n, 0); }
void* operator new[](std::size_t n) { return tlswire::testing::detail::counted_allocation(n, 0); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    return tlswire::testing::detail::counted_allocation_nothrow(n, 0);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    return tlswire::testing::detail::counted_allocation_nothrow(n, 0);
}
void* operator new(std::size_t n, std::align_val_t a) {
    return tlswire::testing::detail::counted_allocation(n, tlswire::testing::detail::alignment(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return tlswire::testing::detail::counted_allocation(n, tlswire::testing::detail::alignment(a));
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return tlswire::testing::detail::counted_allocation_nothrow(n, tlswire::testing::detail::alignment(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return tlswire::testing::detail::counted_allocation_nothrow(n, tlswire::testing::detail::alignment(a));
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
