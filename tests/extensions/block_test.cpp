// The extension block's rules (RFC 8446 §4.2), typed access and the writers.
#include <doctest/doctest.h>

#include <string>

#include "support.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_extensions_block {

using namespace tlswire;
using namespace ext_test;
using test_support::hex;
using test_support::unhex;
using mk = message_kind;

namespace {
template <message_kind K>
result<block_of<K>> parse_block(const std::vector<std::uint8_t>& entries, const context& ctx) {
    static thread_local std::vector<std::uint8_t> keep;
    keep = block_bytes(entries);
    return parse<block_of<K>>(keep, ctx);
}
std::vector<std::uint8_t> cat(std::initializer_list<std::vector<std::uint8_t>> parts) {
    std::vector<std::uint8_t> v;
    for (const auto& p : parts) v.insert(v.end(), p.begin(), p.end());
    return v;
}
const auto sv13 = with_header(extension_type::supported_versions, unhex("02 0304"));
const auto sni = with_header(extension_type::server_name, unhex("0004 00 0001 61"));

template <message_kind K>
void misplaced_row(extension_type t) {
    CAPTURE(to_string(t));
    CAPTURE(to_string(K));
    const auto r = parse_block<K>(with_header(t, {}), ctx13());
    if (extension_allowed_in(t, K)) {
        CHECK((r.has_value() || r.err().code != errc::misplaced_extension));
    } else {
        REQUIRE_FALSE(r.has_value());
        CHECK(r.err().code == errc::misplaced_extension);
        CHECK(r.err().offset == 2);
    }
}
template <message_kind K>
int all_rows() {
    int rejected = 0;
    for (const auto& row : registry_traits<extension_type>::entries) {
        misplaced_row<K>(row.value);
        if (!extension_allowed_in(row.value, K)) ++rejected;
    }
    return rejected;
}
}  // namespace

TEST_CASE("duplicate extension types are rejected at the second one (RFC 8446 §4.2)") {
    const auto r = parse_block<mk::client_hello>(cat({sni, sv13, sni}), ctx13());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.err().code == errc::duplicate_extension);
    CHECK(r.err().offset == 2 + sni.size() + sv13.size());
    CHECK(r.err().where == "server_name");
    // GREASE and unknown types too: "There MUST NOT be more than one extension of the same type".
    const auto g = with_header(extension_type{0x2a2a}, {});
    const auto r2 = parse_block<mk::client_hello>(cat({g, g}), ctx13());
    REQUIRE_FALSE(r2.has_value());
    CHECK(r2.err().code == errc::duplicate_extension);
    CHECK(r2.err().offset == 6);
    CHECK(parse_block<mk::client_hello>(cat({g, g}), lenient(ctx13())).has_value());
}

TEST_CASE("pre_shared_key must be the last ClientHello extension (RFC 8446 §4.2.11)") {
    const std::string h32 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    const auto psk = with_header(extension_type::pre_shared_key, unhex("000a 0004 01020304 00000001 0021 20" + h32));
    CHECK(parse_block<mk::client_hello>(cat({sv13, psk}), ctx13()).has_value());
    const auto r = parse_block<mk::client_hello>(cat({psk, sv13}), ctx13());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.err().code == errc::extension_order);
    CHECK(r.err().offset == 2 + psk.size());
}

TEST_CASE("misplaced extensions: every row of the RFC 8446 §4.2 table, for every TLS 1.3 message") {
    // A recognised extension in a message it is not specified for is rejected
    // before its body is looked at; every allowed one passes that check.
    CHECK(all_rows<mk::client_hello>() >= 1);  // oid_filters
    CHECK(all_rows<mk::server_hello>() >= 40);
    CHECK(all_rows<mk::hello_retry_request>() >= 40);
    CHECK(all_rows<mk::encrypted_extensions>() >= 30);
    CHECK(all_rows<mk::certificate>() >= 40);
    CHECK(all_rows<mk::certificate_request>() >= 40);
    CHECK(all_rows<mk::new_session_ticket>() >= 40);
    // Representative rows, spelled out.
    CHECK_FALSE(extension_allowed_in(extension_type::oid_filters, mk::client_hello));
    CHECK_FALSE(extension_allowed_in(extension_type::server_name, mk::server_hello));
    CHECK_FALSE(extension_allowed_in(extension_type::early_data, mk::hello_retry_request));
    CHECK_FALSE(extension_allowed_in(extension_type::key_share, mk::encrypted_extensions));
    CHECK_FALSE(extension_allowed_in(extension_type::supported_groups, mk::certificate));
    CHECK_FALSE(extension_allowed_in(extension_type::key_share, mk::certificate_request));
    CHECK_FALSE(extension_allowed_in(extension_type::server_name, mk::new_session_ticket));
    CHECK(extension_allowed_in(extension_type::renegotiation_info, mk::client_hello));  // a 1.2-capable hello
    CHECK_FALSE(extension_allowed_in(extension_type::renegotiation_info, mk::server_hello));
    // Before TLS 1.3 the placement table does not apply (a TLS 1.2 ServerHello carries ALPN).
    CHECK(parse_block<mk::server_hello>(with_header(extension_type::application_layer_protocol_negotiation,
                                                    unhex("0003 02 6832")),
                                        ctx12())
              .has_value());
}

TEST_CASE("a malformed body is reported with the extension's field and absolute offset") {
    // supported_versions whose list length runs past the body
    const auto bad = with_header(extension_type::supported_versions, unhex("04 0304"));
    const auto r = parse_block<mk::client_hello>(cat({sni, bad}), ctx13());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.err().code == errc::truncated);
    CHECK(r.err().offset == 2 + sni.size() + 4);
    CHECK(r.err().where == "versions");
    // An unknown or GREASE type's body is never looked at.
    CHECK(parse_block<mk::client_hello>(with_header(extension_type{0x3a3a}, unhex("ffff")), ctx13()).has_value());
    CHECK(parse_block<mk::client_hello>(with_header(extension_type{0x7777}, unhex("ff")), ctx13()).has_value());
}

TEST_CASE("get<T>: absent, present, malformed") {
    extension_list l(bounds::unchecked);
    REQUIRE(l.add(supported_versions_server_hello{protocol_version::tls13}).has_value());
    l.add_raw(extension_type::key_share, unhex("001d 0001"));  // truncated KeyShareEntry
    const extension_block b = l.block(mk::server_hello);
    CHECK_FALSE(b.get<cookie_extension>().has_value());
    const auto sv = b.get<supported_versions_server_hello>();
    REQUIRE(sv.has_value());
    REQUIRE(sv->has_value());
    CHECK((**sv).selected_version == protocol_version::tls13);
    const auto ks = b.get<key_share_server_hello>();
    REQUIRE(ks.has_value());
    REQUIRE_FALSE(ks->has_value());
    CHECK(ks->err().code == errc::truncated);
    CHECK(ks->err().offset == 2);  // the key_exchange length that runs past the body
}

TEST_CASE("writers: typed values, raw and GREASE entries, duplicates on purpose") {
    static constexpr protocol_version versions[] = {protocol_version{0x4a4a}, protocol_version::tls13};
    static constexpr named_group groups[] = {named_group::x25519, named_group::secp256r1};
    std::vector<std::uint8_t> body;
    const auto x = make_extension(supported_versions_client_hello{versions}, body);
    REQUIRE(x.has_value());
    CHECK(x->extension_type == extension_type::supported_versions);
    CHECK(hex(x->extension_data) == "044a4a0304");

    std::array<std::uint8_t, 16> buf{};
    const auto y = make_extension(supported_groups_extension{groups}, buf);
    REQUIRE(y.has_value());
    CHECK(hex(y->extension_data) == "0004001d0017");
    // Checked bounds: an empty supported_groups cannot be written...
    CHECK_FALSE(make_extension(supported_groups_extension{}, buf).has_value());
    // ...unless asked for.
    CHECK(make_extension(supported_groups_extension{}, buf, {}, bounds::unchecked).has_value());

    extension_list l;
    REQUIRE(l.add(supported_groups_extension{groups}).has_value());
    l.add_raw(extension_type{0x0a0a}, {});
    REQUIRE(l.add(supported_groups_extension{groups}).has_value());  // a duplicate, on purpose
    REQUIRE(l.add(supported_versions_client_hello{versions}).has_value());
    using hello_ext = block_of<mk::client_hello>;
    hello_ext h{l.block(mk::client_hello)};
    std::vector<std::uint8_t> out;
    REQUIRE(serialize(h, out).has_value());
    CHECK(hex(out) == "0021" "000a0006" "0004001d0017" "0a0a0000" "000a0006" "0004001d0017" "002b0005" "044a4a0304");
    const auto strict = parse<hello_ext>(out, ctx13());
    REQUIRE_FALSE(strict.has_value());
    CHECK(strict.err().code == errc::duplicate_extension);
    CHECK(strict.err().offset == 2 + 10 + 4);
    const auto loose = parse<hello_ext>(out, lenient(ctx13()));
    REQUIRE(loose.has_value());
    CHECK(loose->extensions.size() == 4);
    std::vector<std::uint8_t> again;
    REQUIRE(serialize(*loose, again).has_value());
    CHECK(again == out);
}

// The block records where each extension sits during its one validating pass
// (extension_index): find/contains/get are O(1) and must agree with a linear
// search; past eight unusual types (>= 64) the index overflows, and duplicate
// detection falls back to a full scan that must still stop at the first
// duplicate, in wire order.
TEST_CASE("the block's index agrees with a linear search, including past its small table") {
    std::vector<std::uint8_t> entries;
    std::vector<extension_type> types;
    // Ten types below 64 with no structure in a ClientHello (so any body goes), then
    // twelve >= 64 (more than the eight slots), GREASE among them.
    for (std::uint16_t t : {26, 29, 30, 31, 32, 33, 36, 37, 38, 39}) types.push_back(extension_type{t});
    for (std::uint16_t t : {0x0a0a, 0x1a1a, 0x4000, 0x4001, 0x4002, 0x4003, 0x4004, 0x4005, 0x4006, 0x4007, 0x4008, 0x4009})
        types.push_back(extension_type{t});
    for (std::size_t i = 0; i < types.size(); ++i)
        entries = cat({entries, with_header(types[i], std::vector<std::uint8_t>(i, 0))});
    const auto r = parse_block<mk::client_hello>(entries, lenient(ctx13()));
    REQUIRE(r.has_value());
    const extension_block& b = r->extensions;
    CHECK(b.size() == types.size());
    for (std::size_t i = 0; i < types.size(); ++i) {
        CAPTURE(static_cast<unsigned>(types[i]));
        const auto body = b.find(types[i]);
        REQUIRE(body.has_value());
        CHECK(body->size() == i);
        bool linear = false;
        for (const extension& e : b)
            if (e.extension_type == types[i]) linear = (e.extension_data.data() == body->data());
        CHECK(linear);
    }
    for (std::uint16_t absent : {0, 27, 63, 64, 0x2a2a, 0xfffe}) CHECK_FALSE(b.contains(extension_type{absent}));

    // Strict: twelve unregistered types >= 64 (more than the table holds), then
    // a duplicate of one of them: found at the second copy.
    std::vector<std::uint8_t> others;
    for (std::uint16_t t = 0x4000; t < 0x400c; ++t) others = cat({others, with_header(extension_type{t}, {})});
    REQUIRE(parse_block<mk::client_hello>(others, ctx13()).has_value());
    const auto dup = with_header(extension_type{0x4004}, {});
    const auto bad = cat({others, with_header(extension_type{0x4100}, {}), dup});
    const auto d = parse_block<mk::client_hello>(bad, ctx13());
    REQUIRE_FALSE(d.has_value());
    CHECK(d.err().code == errc::duplicate_extension);
    CHECK(d.err().offset == 2 + bad.size() - dup.size());
    // ... and a malformed entry before that duplicate is reported first (wire order).
    const auto trunc = with_header(extension_type::supported_versions, unhex("05 0304"));
    const auto d2 = parse_block<mk::client_hello>(cat({others, trunc, dup}), ctx13());
    REQUIRE_FALSE(d2.has_value());
    CHECK(d2.err().code != errc::duplicate_extension);
    CHECK(d2.err().offset < 2 + others.size() + trunc.size());
}

// get<T> on a parsed block decodes trusted (no rule checked again); that must
// give exactly what a full parse of the same body gives.
TEST_CASE("get<T> on a parsed block equals a full parse of the body") {
    const auto ks = with_header(extension_type::key_share, unhex("002a 001d 0020" + std::string(64, 'a') + "0017 0002 0401"));
    const auto sg = with_header(extension_type::supported_groups, unhex("0004 001d 0017"));
    const auto r = parse_block<mk::client_hello>(cat({sni, ks, sg, sv13}), lenient(ctx13()));
    REQUIRE(r.has_value());
    const context c = lenient(ctx13());
    const auto typed = r->extensions.get<key_share_client_hello>(c);
    const auto full = parse<key_share_client_hello>(*r->extensions.find(extension_type::key_share), c);
    REQUIRE(typed.has_value());
    REQUIRE(typed->has_value());
    REQUIRE(full.has_value());
    CHECK((**typed).client_shares.size() == 2);
    CHECK((**typed).client_shares.size() == full->client_shares.size());
    auto a = (**typed).client_shares.begin();
    for (const key_share_entry& e : full->client_shares) {
        CHECK(a->group == e.group);
        CHECK(a->key_exchange.data() == e.key_exchange.data());
        CHECK(a->key_exchange.size() == e.key_exchange.size());
        ++a;
    }
    CHECK(a == (**typed).client_shares.end());
    // A stricter context than the parse's is not covered by it: checked in full.
    const auto strict_get = r->extensions.get<key_share_client_hello>(ctx13());
    REQUIRE(strict_get.has_value());
    CHECK_FALSE(strict_get->has_value());  // secp256r1 share of 2 bytes: wrong size in strict mode
}

// Iterating a parsed block loads each entry directly (extension::decode_trusted);
// that must give exactly what the described read of the same bytes gives, entry
// after entry, to the end of the block.
TEST_CASE("iterating a parsed block gives each entry as its description reads it") {
    std::vector<std::uint8_t> entries;
    for (std::uint16_t i = 0; i < 40; ++i)
        entries = cat({entries, with_header(extension_type{static_cast<std::uint16_t>(0x4000 + i)},
                                            std::vector<std::uint8_t>(i * 7u % 300u, static_cast<std::uint8_t>(i)))});
    entries = cat({entries, sni, sv13});
    const auto r = parse_block<mk::client_hello>(entries, lenient(ctx13()));
    REQUIRE(r.has_value());
    const bytes_view raw = r->extensions.entries.raw();
    std::size_t at = 0, n = 0;
    for (const extension& e : r->extensions) {
        error sink;
        reader rd(raw.subspan(at), sink);
        extension described;
        described_format::read(rd, described, "Extension", lenient(ctx13()));
        REQUIRE_FALSE(sink);
        CHECK(e.extension_type == described.extension_type);
        CHECK(e.extension_data.data() == described.extension_data.data());
        CHECK(e.extension_data.size() == described.extension_data.size());
        at += rd.position();
        ++n;
    }
    CHECK(at == raw.size());
    CHECK(n == 42);
    CHECK(n == r->extensions.size());
}

}  // namespace tests_extensions_block
