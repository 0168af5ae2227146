// registry_lookup_test.cpp — the lookup structures behind the registry API:
// find_index (the O(1) value index built from each table) against a linear
// search over every possible value of every registry.
#include <doctest/doctest.h>

#include "tlswire/registry.hpp"

namespace {

using namespace tlswire;

// Every registered_enum in <tlswire/registry.hpp>.
#define TLSWIRE_TEST_REGISTRIES(X) \
    X(alert_level) \
    X(alert_description) \
    X(key_exchange_algorithm) \
    X(authentication_algorithm) \
    X(cipher_type) \
    X(hash_function) \
    X(mac_algorithm) \
    X(bulk_cipher_algorithm) \
    X(authorization_data_format) \
    X(certificate_compression_algorithm) \
    X(certificate_status_type) \
    X(certificate_type) \
    X(cipher_suite) \
    X(client_certificate_type) \
    X(compression_method) \
    X(content_type) \
    X(ec_curve_type) \
    X(ec_point_format) \
    X(extension_type) \
    X(handshake_type) \
    X(hash_algorithm) \
    X(heartbeat_message_type) \
    X(heartbeat_mode) \
    X(key_update_request) \
    X(max_fragment_length) \
    X(named_group) \
    X(protocol_version) \
    X(psk_key_exchange_mode) \
    X(server_name_type) \
    X(signature_algorithm) \
    X(signature_scheme) \
    X(supplemental_data_type) \
    X(user_mapping_type)

template <class E, class F>
constexpr bool apply_to(F f) {
    if constexpr (std::is_void_v<E>) return true;
    else return f(E{});
}
template <class... E>
struct registries {
    template <class F>
    static constexpr bool all(F f) {
        return (apply_to<E>(f) && ...);
    }
};
#define TLSWIRE_TEST_TYPE(E) E,
using all_registries = registries<TLSWIRE_TEST_REGISTRIES(TLSWIRE_TEST_TYPE) void>;
#undef TLSWIRE_TEST_TYPE

// ---- find_index in constant evaluation: every row finds itself ----
template <class E>
constexpr bool rows_find_themselves() {
    const auto& t = registry_traits<E>::entries;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (detail::find_index(t[i].value) != i) return false;
    return true;
}
static_assert(all_registries::all([](auto e) { return rows_find_themselves<decltype(e)>(); }));

// Unregistered values: GREASE, unassigned values inside a used page (0x00c8 cipher
// suite, 0x0028 extension), values in pages nothing uses, the largest value.
static_assert(detail::find_index(cipher_suite{0x0a0a}) == detail::npos);
static_assert(detail::find_index(cipher_suite{0x00c8}) == detail::npos);
static_assert(detail::find_index(cipher_suite{0x1400}) == detail::npos);
static_assert(detail::find_index(cipher_suite{0xffff}) == detail::npos);
static_assert(detail::find_index(extension_type{0x0028}) == detail::npos);
static_assert(detail::find_index(extension_type{0xfe0c}) == detail::npos);
static_assert(detail::find_index(named_group{0x11ef}) == detail::npos);
static_assert(detail::find_index(content_type{0}) == detail::npos);
static_assert(detail::find_index(content_type{255}) == detail::npos);
static_assert(detail::find_index(handshake_type{255}) == detail::npos);
static_assert(detail::find_index(handshake_type{254}) == registry_traits<handshake_type>::entries.size() - 1);
static_assert(detail::find_index(cipher_suite{0x0000}) == 0);
static_assert(registry_traits<cipher_suite>::entries[detail::find_index(cipher_suite{0x1301})].name ==
              "TLS_AES_128_GCM_SHA256");
static_assert(!is_registered(extension_type{0xfafa}) && is_registered(extension_type{0xff01}));

// The index is small: one byte per slot below 256 rows.
static_assert(sizeof(detail::value_index_v<content_type>) == 256);
static_assert(sizeof(detail::value_index_v<extension_type>) == 256 + 5 * 256);  // 4 pages + the empty one
static_assert(sizeof(detail::value_index_v<cipher_suite>) == 256 + 8 * 256 * 2);

// ---- run-time checks ----
template <class E>
std::size_t linear_find(E v) {
    const auto& t = registry_traits<E>::entries;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t[i].value == v) return i;
    return detail::npos;
}

template <class E>
bool every_value_agrees() {
    using U = std::underlying_type_t<E>;
    constexpr std::size_t values = std::size_t{1} << (8 * sizeof(U));
    std::size_t found = 0;
    for (std::size_t u = 0; u < values; ++u) {
        const E v = static_cast<E>(u);
        const std::size_t i = detail::find_index(v);
        if (i != linear_find(v)) {
            FAIL_CHECK(registry_traits<E>::name << ": find_index(" << u << ") = " << i);
            return false;
        }
        found += i != detail::npos;
    }
    CHECK(found == registry_traits<E>::entries.size());
    return true;
}

}  // namespace

TEST_CASE("registry lookup: find_index agrees with a linear search for every value of every registry") {
    all_registries::all([](auto e) { return every_value_agrees<decltype(e)>(); });
}
