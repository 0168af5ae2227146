// Typed extensions over real bytes: every extension of every message in the
// RFC 8448 traces, the illustrated TLS 1.2 / 1.3 / QUIC captures and Botan's
// extension and hello vectors decodes with its typed description (where it
// has one) and re-serializes byte for byte.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <variant>

#include "../support/typed_extension.hpp"
#include "../support/vectors.hpp"
#include "support.hpp"
#include "tlswire/tlswire.hpp"

namespace tests_extensions_vectors {

using namespace tlswire;
using namespace ext_test;
using test_support::hex;
using test_support::unhex;

namespace {

struct walk_stats {
    std::set<std::pair<std::uint16_t, int>> typed;  // (type, kind) decoded with a typed description
    int extensions = 0;
    int raw = 0;
};

// Decode one extension with the dispatch table; the typed value must
// re-serialize to exactly the body.
void check_extension(const extension& x, message_kind kind, const context& ctx, walk_stats& st) {
    CAPTURE(static_cast<int>(x.extension_type));
    CAPTURE(to_string(kind));
    ++st.extensions;
    const auto t = test_support::decode_typed(x.extension_type, kind, x.extension_data, ctx);
    if (!t.described) {
        ++st.raw;
        return;
    }
    CHECK_MESSAGE(!t.error, "typed decode failed: " << to_string(t.error.code) << " at " << t.error.offset << " in "
                                                    << t.error.where);
    if (t.error) return;
    REQUIRE(t.written);
    CHECK(hex(t.reserialized) == hex(x.extension_data));
    st.typed.insert({static_cast<std::uint16_t>(x.extension_type), static_cast<int>(kind)});
}

void check_block(const extension_block& b, message_kind kind, const context& ctx, walk_stats& st) {
    for (const extension& x : b) check_extension(x, kind, ctx, st);
}

// Walk every extension block of a handshake message.
void walk_message(const handshake_message& m, const context& ctx, walk_stats& st) {
    std::visit(
        [&](const auto& v) {
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (std::is_same_v<T, certificate_tls13>) {
                for (const certificate_entry& e : v.certificate_list) check_block(e.extensions, message_kind::certificate, ctx, st);
            } else if constexpr (requires { v.extensions.kind; }) {
                context c = ctx;
                if constexpr (std::is_same_v<T, hello_retry_request>) c.version = 0x0304;
                check_block(v.extensions, v.extensions.kind, c, st);
            }
        },
        m);
}

context context_for(const nlohmann::json& c) {
    context ctx;
    const std::string v = c.value("version", "tls13");
    ctx.version = v == "tls13" ? 0x0304 : v == "tls12" ? 0x0303 : v == "tls11" ? 0x0302 : 0x0301;
    if (c.contains("cipher_suite")) {
        cipher_suite cs{};
        REQUIRE(from_string(c.at("cipher_suite").get<std::string>(), cs));
        ctx.cipher_suite = static_cast<std::uint16_t>(cs);
    }
    return ctx;
}

// Parse every handshake message in `bytes`, re-serialize it, walk its blocks.
int parse_messages(bytes_view bytes, const context& ctx, walk_stats& st) {
    int n = 0;
    error e;
    reader r(bytes, e);
    while (!r.empty() && r.ok()) {
        const std::size_t start = r.offset();
        const handshake_message m = read_handshake(r, ctx);
        REQUIRE_MESSAGE(!e, "parse failed: " << to_string(e.code) << " at " << e.offset << " in " << e.where);
        std::vector<std::uint8_t> out;
        REQUIRE(serialize_handshake(m, out, ctx).has_value());
        CHECK(hex(out) == hex(bytes.subspan(start, r.offset() - start)));
        walk_message(m, ctx, st);
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("RFC 8448: every extension of every message decodes typed and re-serializes") {
    walk_stats st;
    int messages = 0;
    for (const auto& file : test_support::vector_files("rfc8448")) {
        const auto trace = test_support::load_json(file);
        context ctx = context_for(trace);
        for (const auto& m : trace.at("messages")) {
            CAPTURE(file.filename().string());
            CAPTURE(m.at("name").get<std::string>());
            context c = ctx;
            c.sender = m.at("dir") == "c2s" ? role::client : role::server;
            const auto bytes = unhex(m.at("hex").get<std::string>());
            messages += parse_messages(bytes, c, st);
        }
    }
    CHECK(messages >= 30);
    CHECK(st.extensions >= 60);
    using et = extension_type;
    using mk = message_kind;
    auto seen = [&](et t, mk k) { return st.typed.count({static_cast<std::uint16_t>(t), static_cast<int>(k)}) == 1; };
    // What RFC 8448 carries, each decoded typed.
    CHECK(seen(et::server_name, mk::client_hello));
    CHECK(seen(et::server_name, mk::encrypted_extensions));
    CHECK(seen(et::supported_groups, mk::client_hello));
    CHECK(seen(et::supported_groups, mk::encrypted_extensions));
    CHECK(seen(et::key_share, mk::client_hello));
    CHECK(seen(et::key_share, mk::server_hello));
    CHECK(seen(et::key_share, mk::hello_retry_request));
    CHECK(seen(et::supported_versions, mk::client_hello));
    CHECK(seen(et::supported_versions, mk::server_hello));
    CHECK(seen(et::supported_versions, mk::hello_retry_request));
    CHECK(seen(et::cookie, mk::client_hello));
    CHECK(seen(et::cookie, mk::hello_retry_request));
    CHECK(seen(et::signature_algorithms, mk::client_hello));
    CHECK(seen(et::signature_algorithms, mk::certificate_request));
    CHECK(seen(et::psk_key_exchange_modes, mk::client_hello));
    CHECK(seen(et::record_size_limit, mk::client_hello));
    CHECK(seen(et::record_size_limit, mk::encrypted_extensions));
    CHECK(seen(et::pre_shared_key, mk::client_hello));
    CHECK(seen(et::pre_shared_key, mk::server_hello));
    CHECK(seen(et::early_data, mk::client_hello));
    CHECK(seen(et::early_data, mk::encrypted_extensions));
    CHECK(seen(et::early_data, mk::new_session_ticket));
    CHECK(st.raw == 0);
}

TEST_CASE("Illustrated TLS 1.3, TLS 1.2 and QUIC captures: every extension decodes typed") {
    walk_stats st;
    int messages = 0;
    for (const char* name : {"illustrated_tls13.json", "illustrated_tls12.json", "illustrated_quic.json"}) {
        const auto f = test_support::load_json(test_support::vectors_dir() / "bytes" / name);
        const context ctx = context_for(f.at("context"));
        for (const auto& e : f.at("entries")) {
            CAPTURE(name);
            CAPTURE(e.at("name").get<std::string>());
            const std::string content = e.at("content");
            const auto bytes = unhex(e.at("hex").get<std::string>());
            context c = ctx;
            c.sender = e.at("dir") == "c2s" ? role::client : role::server;
            if (content == "handshake_messages") {
                messages += parse_messages(bytes, c, st);
            } else if (content == "records" && bytes.size() > 5 && bytes[0] == 0x16) {
                // A plaintext handshake record: the messages follow the 5-byte header.
                const auto body = bytes_view(bytes).subspan(5);
                if (body.size() >= 4 && body[0] <= 0x18) {
                    // Skip records the capture encrypted under TLS 1.2 (Finished).
                    if (ctx.version == 0x0303 && body[0] != 1 && body[0] != 2 && body[0] != 11 && body[0] != 12 &&
                        body[0] != 14 && body[0] != 16)
                        continue;
                    messages += parse_messages(body, c, st);
                }
            } else if (content == "tls13_inner_plaintext" && !bytes.empty() && bytes.back() == 0x16) {
                messages += parse_messages(bytes_view(bytes).first(bytes.size() - 1), c, st);
            }
        }
    }
    CHECK(messages >= 15);
    using et = extension_type;
    using mk = message_kind;
    auto seen = [&](et t, mk k) { return st.typed.count({static_cast<std::uint16_t>(t), static_cast<int>(k)}) == 1; };
    CHECK(seen(et::quic_transport_parameters, mk::client_hello));
    CHECK(seen(et::quic_transport_parameters, mk::encrypted_extensions));
    CHECK(seen(et::application_layer_protocol_negotiation, mk::client_hello));
    CHECK(seen(et::application_layer_protocol_negotiation, mk::encrypted_extensions));
    CHECK(seen(et::ec_point_formats, mk::client_hello));
    CHECK(seen(et::session_ticket, mk::client_hello));
    CHECK(seen(et::extended_main_secret, mk::client_hello));
    CHECK(seen(et::encrypt_then_mac, mk::client_hello));
    CHECK(seen(et::renegotiation_info, mk::server_hello));
    CHECK(seen(et::status_request, mk::client_hello));
    CHECK(seen(et::signed_certificate_timestamp, mk::client_hello));
}

namespace {
template <class T>
void botan_cases(const char* file, int& checked) {
    const auto f = test_support::load_json(test_support::vectors_dir() / "botan" / file);
    for (const auto& c : f.at("cases")) {
        CAPTURE(file);
        CAPTURE(c.at("hex").get<std::string>());
        const auto bytes = unhex(c.at("hex").get<std::string>());
        const auto r = parse<T>(bytes, ctx13());
        if (c.at("expect") == "valid") {
            REQUIRE_MESSAGE(r.has_value(), to_string(r.err().code) << " at " << r.err().offset);
            std::vector<std::uint8_t> out;
            REQUIRE(serialize(*r, out, ctx13()).has_value());
            CHECK(out == bytes);
        } else {
            CHECK_FALSE(r.has_value());
        }
        ++checked;
    }
}
}  // namespace

TEST_CASE("Botan extension vectors: valid ones round-trip, rejected ones are rejected") {
    int checked = 0;
    botan_cases<alpn_client_hello>("ext_alpn.json", checked);
    botan_cases<cookie_extension>("ext_cookie.json", checked);
    botan_cases<key_share_client_hello>("ext_key_share_client_hello.json", checked);
    botan_cases<key_share_client_hello>("ext_key_share_client_hello_generation.json", checked);
    botan_cases<key_share_server_hello>("ext_key_share_server_hello.json", checked);
    botan_cases<key_share_hello_retry_request>("ext_key_share_hello_retry_request.json", checked);
    botan_cases<signature_algorithms_cert_extension>("ext_signature_algorithms_cert.json", checked);
    botan_cases<supported_groups_extension>("ext_supported_groups.json", checked);
    botan_cases<supported_versions_client_hello>("ext_supported_versions.json", checked);
    CHECK(checked == 46);
}

TEST_CASE("Botan hello vectors: every valid hello's extensions decode typed") {
    walk_stats st;
    int valid = 0;
    for (const char* file : {"tls12_client_hello.json", "tls13_client_hello.json", "tls12_server_hello.json",
                             "tls13_server_hello.json"}) {
        const auto f = test_support::load_json(test_support::vectors_dir() / "botan" / file);
        const context ctx = context_for(f.at("context"));
        const bool client = std::string(file).find("client") != std::string::npos;
        for (const auto& c : f.at("cases")) {
            if (c.at("expect") != "valid") continue;
            CAPTURE(file);
            CAPTURE(c.value("comment", ""));
            const auto body = unhex(c.at("hex").get<std::string>());
            // Re-frame the body as a handshake message (the vectors hold bodies only).
            std::vector<std::uint8_t> msg{static_cast<std::uint8_t>(client ? 1 : 2), 0,
                                          static_cast<std::uint8_t>(body.size() >> 8),
                                          static_cast<std::uint8_t>(body.size())};
            msg.insert(msg.end(), body.begin(), body.end());
            context cx = ctx;
            // A server reading a ClientHello has not chosen a version yet.
            if (client) cx.version = 0;
            // A TLS 1.2 ServerHello vector in the TLS 1.3 file says so in its message_type.
            if (c.contains("botan") && c.at("botan").value("message_type", "") == "server_hello_12") cx.version = 0x0303;
            parse_messages(msg, cx, st);
            ++valid;
        }
    }
    CHECK(valid == 14);
    CHECK(st.extensions >= 30);
}

}  // namespace tests_extensions_vectors
