// tests/codec/list_test.cpp — codec/list.hpp: list<T, E> parsed as a view and built from values: iteration, size,
// contains, set_view, element-wise equality, the context it keeps, and a parsed list re-serialized from its raw
// bytes.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../support/hex.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_codec_list {

namespace codec_list_test {
namespace {

using namespace tlswire;
using test_support::hex;
using test_support::unhex;

enum class group : std::uint16_t { x25519 = 0x001d, secp256r1 = 0x0017, secp384r1 = 0x0018, ffdhe2048 = 0x0100 };

using u16_list = list_of<std::uint16_t>;

// NamedGroup named_group_list<2..2^16-2>;
struct groups {
    static constexpr std::string_view wire_name = "groups";
    list_of<group> named_group_list{};
    static constexpr void wire(auto& io, auto& self) {
        io("named_group_list", self.named_group_list, vec<2, 2, 0xfffe>{});
    }
};

// uint16 values<0..2^8-1>;
struct u16s {
    static constexpr std::string_view wire_name = "u16s";
    u16_list values{};
    static constexpr void wire(auto& io, auto& self) { io("values", self.values, vec<1, 0, 0xff>{}); }
};

// struct { uint8 v; } Flag; — strict: v is 0 or 1. Flag flags<0..255>;
struct flag {
    static constexpr std::string_view wire_name = "flag";
    std::uint8_t v{};
    static constexpr void wire(auto& io, auto& self) {
        const auto at = io.mark();
        io("v", self.v);
        if (io.strict()) io.check(self.v <= 1, errc::illegal_value, "v", at);
    }
};
struct flags {
    static constexpr std::string_view wire_name = "flags";
    list_of<flag> items{};
    static constexpr void wire(auto& io, auto& self) { io("items", self.items, vec<1, 0, 0xff>{}); }
};

// struct { uint8 id; opaque key[n]; } where n is 4 in TLS 1.3, 2 otherwise.
struct keyed {
    static constexpr std::string_view wire_name = "keyed";
    std::uint8_t id{};
    bytes_view key{};
    static constexpr void wire(auto& io, auto& self) {
        io("id", self.id);
        io("key", self.key, exactly{io.ctx().is_tls13() ? std::size_t{4} : std::size_t{2}});
    }
    friend constexpr bool operator==(const keyed& a, const keyed& b) noexcept {
        return a.id == b.id && equal_bytes(a.key, b.key);
    }
};
struct keys {
    static constexpr std::string_view wire_name = "keys";
    list_of<keyed> items{};
    static constexpr void wire(auto& io, auto& self) { io("items", self.items, vec<2, 0, 0xffff>{}); }
};

template <class L>
std::vector<typename L::value_type> elements(const L& l) {
    std::vector<typename L::value_type> out;
    for (const auto& x : l) out.push_back(x);
    return out;
}

template <class T>
std::string serialized_hex(const T& v, const context& ctx = {}) {
    std::vector<std::uint8_t> out;
    const auto n = serialize(v, out, ctx);
    REQUIRE_MESSAGE(n.has_value(), to_string(n.err().code), " at ", n.err().offset, " in ", n.err().where);
    return hex(out);
}

constexpr context tls13{.version = 0x0304};

// --- compile-time properties and constexpr checks ---------------------------------

static_assert(std::input_iterator<u16_list::iterator>);
static_assert(std::ranges::input_range<u16_list>);
static_assert(std::input_iterator<list_of<keyed>::iterator>);
static_assert(std::ranges::input_range<list_of<keyed>>);
static_assert(u16_list::plain && list_of<group>::plain && !list_of<keyed>::plain);
static_assert(!list<bytes_view, fixed<2>>::plain);  // fixed size, but not an integer
static_assert(std::is_same_v<u16_list::iterator::reference, std::uint16_t>);
static_assert(std::is_same_v<list_of<keyed>::iterator::reference, const keyed&>);
static_assert(std::is_same_v<u16_list::element_format, uint_<2>>);
static_assert(std::is_same_v<list_of<keyed>::element_format, described_format>);

constexpr bool parsed_list_in_constexpr() {
    constexpr std::array<std::uint8_t, 8> in{0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18};
    const auto m = parse<groups>(in);
    if (!m) return false;
    const auto& l = m->named_group_list;
    std::uint32_t sum = 0;
    for (group g : l) sum += static_cast<std::uint16_t>(g);
    return l.size() == 3 && !l.built() && l.raw().size() == 6 && sum == 0x1d + 0x17 + 0x18 &&
           l.contains(group::secp256r1) && !l.contains(group::ffdhe2048);
}

constexpr bool built_list_in_constexpr() {
    constexpr group values[] = {group::x25519, group::secp384r1};
    const groups g{values};
    std::array<std::uint8_t, 8> out{};
    const auto n = serialize(g, out);
    constexpr std::array<std::uint8_t, 6> want{0x00, 0x04, 0x00, 0x1d, 0x00, 0x18};
    return g.named_group_list.built() && g.named_group_list.size() == 2 && g.named_group_list.contains(group::x25519) &&
           n && *n == 6 && equal_bytes(bytes_view(out.data(), 6), want);
}

constexpr bool structure_list_in_constexpr() {
    // Parsed in TLS 1.3 (4-byte keys), iterated with the context the list kept.
    constexpr std::array<std::uint8_t, 12> in{0x00, 0x0a, 0x01, 0xa1, 0xa2, 0xa3, 0xa4, 0x02, 0xb1, 0xb2, 0xb3, 0xb4};
    const auto m = parse<keys>(in, tls13);
    if (!m || m->items.size() != 2 || !m->items.ctx().is_tls13()) return false;
    std::size_t key_bytes = 0;
    std::uint32_t ids = 0;
    for (auto it = m->items.begin(); it != m->items.end(); ++it) {
        key_bytes += it->key.size();
        ids = ids * 16 + it->id;
    }
    std::array<std::uint8_t, 12> out{};
    const auto n = serialize(*m, out, tls13);
    return key_bytes == 8 && ids == 0x12 && n && *n == 12 && equal_bytes(bytes_view(out), in);
}

static_assert(parsed_list_in_constexpr());
static_assert(built_list_in_constexpr());
static_assert(structure_list_in_constexpr());

// --- run-time cases -------------------------------------------------------------

TEST_CASE("codec list: a parsed list is a view over the body: size, iteration, contains, raw") {
    const auto in = unhex("0006 001d 0017 0018");
    const auto m = parse<groups>(in);
    REQUIRE(m);
    const auto& l = m->named_group_list;
    CHECK(l.size() == 3);
    CHECK_FALSE(l.empty());
    CHECK_FALSE(l.built());
    CHECK(l.raw().data() == in.data() + 2);
    CHECK(l.raw().size() == 6);
    CHECK(elements(l) == std::vector<group>{group::x25519, group::secp256r1, group::secp384r1});
    CHECK(l.contains(group::x25519));
    CHECK(l.contains(group::secp384r1));
    CHECK_FALSE(l.contains(group::ffdhe2048));
    CHECK(std::ranges::distance(l) == 3);
    CHECK(parsed_list_in_constexpr());
}

TEST_CASE("codec list: a built list holds values and serializes them") {
    const group values[] = {group::ffdhe2048, group::x25519};
    groups g{values};  // from a C array
    const auto& l = g.named_group_list;
    CHECK(l.built());
    CHECK(l.raw().empty());
    CHECK(l.size() == 2);
    CHECK(elements(l) == std::vector<group>{group::ffdhe2048, group::x25519});
    CHECK(l.contains(group::x25519));
    CHECK_FALSE(l.contains(group::secp256r1));
    CHECK(serialized_hex(g) == "00040100001d");

    const std::array<std::uint16_t, 3> arr{7, 8, 9};
    const u16s s{std::span<const std::uint16_t>(arr)};  // from a span
    CHECK(s.values.built());
    CHECK(s.values.size() == 3);
    CHECK(serialized_hex(s) == "06000700080009");
    CHECK(built_list_in_constexpr());
}

TEST_CASE("codec list: empty lists — default, parsed and built") {
    const u16_list none;
    CHECK(none.size() == 0);
    CHECK(none.empty());
    CHECK_FALSE(none.built());
    CHECK(none.begin() == none.end());
    CHECK_FALSE(none.contains(0));
    CHECK(serialized_hex(u16s{}) == "00");

    const auto in = unhex("00");
    const auto m = parse<u16s>(in);
    REQUIRE(m);
    CHECK(m->values.empty());
    CHECK(m->values.begin() == m->values.end());
    CHECK(m->values.raw().empty());
    CHECK(serialized_hex(*m) == "00");

    const u16s built{std::span<const std::uint16_t>{}};
    CHECK(built.values.built());
    CHECK(built.values.empty());
    CHECK(built.values.begin() == built.values.end());
    CHECK(serialized_hex(built) == "00");

    const auto ks = unhex("0000");
    const auto k = parse<keys>(ks);
    REQUIRE(k);
    CHECK(k->items.empty());
    CHECK(k->items.begin() == k->items.end());
}

TEST_CASE("codec list: iterators — equality by position, pre- and post-increment, operator->") {
    const auto in = unhex("06 0001 0002 0003");
    const auto m = parse<u16s>(in);
    REQUIRE(m);
    const auto& l = m->values;
    CHECK(l.begin() == l.begin());
    CHECK(l.begin() != l.end());
    auto it = l.begin();
    const auto old = it++;
    CHECK(*old == 1);
    CHECK(*it == 2);
    CHECK(*++it == 3);
    ++it;
    CHECK(it == l.end());

    const auto kin = unhex("0006 01 a1a2 02 b1b2");
    const auto k = parse<keys>(kin);
    REQUIRE(k);
    auto ki = k->items.begin();
    CHECK(ki->id == 1);
    CHECK(hex(ki->key) == "a1a2");
    CHECK(ki->key.data() == kin.data() + 3);  // decoded elements still view the input
    const auto kold = ki++;
    CHECK(kold->id == 1);
    CHECK(ki->id == 2);
    CHECK(ki->key.data() == kin.data() + 6);
    CHECK(++ki == k->items.end());
}

TEST_CASE("codec list: parsed and built lists with the same elements are equal element by element") {
    const auto in = unhex("0006 001d 0017 0018");
    const auto m = parse<groups>(in);
    REQUIRE(m);
    const group values[] = {group::x25519, group::secp256r1, group::secp384r1};
    const groups built{values};
    const auto& a = m->named_group_list;
    const auto& b = built.named_group_list;
    CHECK(a.size() == b.size());
    CHECK(std::ranges::equal(a, b));
    CHECK(serialized_hex(*m) == serialized_hex(built));

    const group other[] = {group::x25519, group::secp384r1, group::secp256r1};
    CHECK_FALSE(std::ranges::equal(a, groups{other}.named_group_list));

    // Structure elements: compared with the element type's own ==.
    const auto kin = unhex("0006 01 a1a2 02 b1b2");
    const auto k = parse<keys>(kin);
    REQUIRE(k);
    const auto a1 = unhex("a1a2");
    const auto b1 = unhex("b1b2");
    const keyed kv[] = {{1, a1}, {2, b1}};
    const keys kb{kv};
    CHECK(std::ranges::equal(k->items, kb.items));
    CHECK(serialized_hex(*k) == serialized_hex(kb));
}

TEST_CASE("codec list: set_view makes a list a view over a body, with its count and context") {
    const auto body = unhex("0102 0304");
    const context ctx{.version = 0x0303, .cipher_suite = 0xc02f, .sender = role::server};
    const std::uint16_t values[] = {9};
    u16_list l(values);
    REQUIRE(l.built());
    l.set_view(body, 2, ctx);
    CHECK_FALSE(l.built());
    CHECK(l.size() == 2);
    CHECK(l.raw().data() == body.data());
    CHECK(elements(l) == std::vector<std::uint16_t>{0x0102, 0x0304});
    CHECK_FALSE(l.contains(9));
    CHECK(l.ctx().version == 0x0303);
    CHECK(l.ctx().cipher_suite == 0xc02f);
    CHECK(l.ctx().sender == role::server);
    // Serialized from its raw bytes.
    CHECK(serialized_hex(u16s{l}) == "0401020304");
}

TEST_CASE("codec list: a parsed list re-serializes exactly the bytes it came from") {
    // Read leniently, flag values outside {0,1} are kept; iteration decodes
    // them as trusted (the rule is not checked again) and a strict writer
    // writes the raw body back unchanged.
    const auto in = unhex("03 00 01 05");
    const context lenient{.mode = strictness::lenient};
    const auto strict_parse = parse<flags>(in);
    REQUIRE_FALSE(strict_parse);
    CHECK(strict_parse.err().code == errc::illegal_value);
    CHECK(strict_parse.err().offset == 3);
    CHECK(strict_parse.err().where == "v");
    const auto m = parse<flags>(in, lenient);
    REQUIRE(m);
    CHECK(m->items.size() == 3);
    std::vector<int> vs;
    for (const flag& f : m->items) vs.push_back(f.v);
    CHECK(vs == std::vector<int>{0, 1, 5});
    CHECK(serialized_hex(*m) == hex(in));
    CHECK(serialized_hex(*m, lenient) == hex(in));

    // A structure list in a TLS 1.3 context: the list keeps a copy of the
    // context, so elements decode with 4-byte keys after the caller's
    // context is gone.
    const auto kin = unhex("000a 01 a1a2a3a4 02 b1b2b3b4");
    std::vector<std::string> decoded;
    {
        const auto k = [&] {
            context ctx{.version = 0x0304};
            auto r = parse<keys>(kin, ctx);
            ctx.version = 0x0303;  // the list copied it
            return r;
        }();
        REQUIRE(k);
        CHECK(k->items.ctx().is_tls13());
        for (const keyed& x : k->items) decoded.push_back(hex(x.key));
        CHECK(serialized_hex(*k) == hex(kin));  // raw bytes: no context needed to write them back
    }
    CHECK(decoded == std::vector<std::string>{"a1a2a3a4", "b1b2b3b4"});
    CHECK(structure_list_in_constexpr());
    // Without the TLS 1.3 context the same bytes do not form 2-byte keys.
    const auto k12 = parse<keys>(kin);
    REQUIRE_FALSE(k12);
    CHECK(k12.err().code == errc::truncated);
}

TEST_CASE("codec list: a built list is written element by element with the writer's context") {
    const auto a = unhex("a1a2a3a4");
    const auto b = unhex("b1b2b3b4");
    const keyed kv[] = {{1, a}, {2, b}};
    const keys k{kv};
    CHECK(serialized_hex(k, tls13) == "000a01a1a2a3a402b1b2b3b4");
    // In a TLS 1.2 context the same values are the wrong size.
    std::vector<std::uint8_t> out;
    const auto n = serialize(k, out);
    REQUIRE_FALSE(n);
    CHECK(n.err().code == errc::length_overflow);
    CHECK(n.err().offset == 3);
    CHECK(n.err().where == "key");
}

// An element description that reads no bytes: a list of them would never end.
struct nothing {
    static constexpr std::string_view wire_name = "nothing";
    static constexpr void wire(auto&, auto&) {}
};
struct nothings {
    static constexpr std::string_view wire_name = "nothings";
    list_of<nothing> items{};
    static constexpr void wire(auto& io, auto& self) { io("items", self.items, vec<1, 0, 0xff>{}); }
};

TEST_CASE("codec list: elements that read no bytes are refused, not looped over") {
    const std::uint8_t in[] = {0x01, 0x00};
    const auto m = parse<nothings>(in);
    REQUIRE_FALSE(m);
    CHECK(m.err().code == errc::illegal_value);
    CHECK(m.err().where == "items");
    const std::uint8_t empty[] = {0x00};
    CHECK(parse<nothings>(empty));
}

}  // namespace
}  // namespace codec_list_test

}  // namespace tests_codec_list
