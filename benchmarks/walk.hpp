// benchmarks/walk.hpp — what a caller does with a parsed message next, so that
// tlswire's views are compared like for like with parsers that decode
// everything into owned objects (Botan). Public API only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "tlswire/tlswire.hpp"

namespace tlswire_bench {

// walk — every cipher suite and every extension (type and body size) of a
// hello, the list sizes, the last byte of random; for the server flights also
// every certificate (and each certificate entry's extensions). The result is a
// check value (see measure()).
inline std::uint64_t walk(const tlswire::handshake_message& m) {
    std::uint64_t n = 0;
    std::visit(
        [&](const auto& v) {
            if constexpr (requires { v.extensions; }) {
                for (const tlswire::extension& e : v.extensions)
                    n += static_cast<std::uint64_t>(e.extension_type) + e.extension_data.size();
                n += std::uint64_t{v.extensions.size()} << 20;
            }
            if constexpr (requires { v.cipher_suites; }) {
                for (const tlswire::cipher_suite cs : v.cipher_suites) n += static_cast<std::uint64_t>(cs);
                n += std::uint64_t{v.cipher_suites.size()} << 28;
            }
            if constexpr (requires { v.random; }) n += v.random[31];
            if constexpr (requires { v.certificate_list; }) {
                for (const auto& c : v.certificate_list) {
                    if constexpr (requires { c.cert_data; }) {
                        n += c.cert_data.size();
                        for (const tlswire::extension& e : c.extensions)
                            n += static_cast<std::uint64_t>(e.extension_type) + e.extension_data.size();
                    } else {
                        n += c.size();
                    }
                }
            }
        },
        m);
    return n + static_cast<std::uint64_t>(tlswire::msg_type_of(m));
}

// typed — the typed form of the five extensions every TLS 1.3 handshake reads
// (get<T>() on the parsed block, iterating every entry): key_share,
// supported_versions, supported_groups, signature_algorithms, server_name;
// for a ServerHello its key_share and supported_versions. `errors` counts
// get<T>() calls that found the extension but failed to decode it.
inline std::uint64_t typed(const tlswire::handshake_message& m, const tlswire::context& ctx, int& errors) {
    using namespace tlswire;
    std::uint64_t n = 0;
    auto use = [&](const auto& got, auto&& body) {
        if (!got) return;  // not in this message
        if (!*got) {
            ++errors;
            return;
        }
        body(**got);
    };
    if (const auto* ch = std::get_if<client_hello>(&m)) {
        use(ch->extensions.get<key_share_client_hello>(ctx), [&](const auto& ks) {
            for (const auto& e : ks.client_shares) n += static_cast<std::uint64_t>(e.group) + e.key_exchange.size();
        });
        use(ch->extensions.get<supported_versions_client_hello>(ctx), [&](const auto& sv) {
            for (const auto v : sv.versions) n += static_cast<std::uint64_t>(v);
        });
        use(ch->extensions.get<supported_groups_extension>(ctx), [&](const auto& sg) {
            for (const auto g : sg.named_group_list) n += static_cast<std::uint64_t>(g);
        });
        use(ch->extensions.get<signature_algorithms_extension>(ctx), [&](const auto& sa) {
            for (const auto s : sa.supported_signature_algorithms) n += static_cast<std::uint64_t>(s);
        });
        use(ch->extensions.get<server_name_client_hello>(ctx), [&](const auto& sn) {
            for (const auto& s : sn.server_name_list) n += s.name.size();
        });
    } else if (const auto* sh = std::get_if<server_hello>(&m)) {
        use(sh->extensions.get<key_share_server_hello>(ctx), [&](const auto& ks) {
            n += static_cast<std::uint64_t>(ks.server_share.group) + ks.server_share.key_exchange.size();
        });
        use(sh->extensions.get<supported_versions_server_hello>(ctx),
            [&](const auto& sv) { n += static_cast<std::uint64_t>(sv.selected_version); });
    }
    return n;
}

// error_text — a parse error for a message: its code, offset and field (the
// field only when it reads as text, so a different spelling of it in a later
// engine still compiles).
template <class E>
std::string error_text(const E& e) {
    std::string s;
    if constexpr (requires { std::string_view(tlswire::to_string(e.code)); }) s += tlswire::to_string(e.code);
    s += " at offset " + std::to_string(e.offset);
    if constexpr (requires { std::string_view(e.where); }) {
        s += " in ";
        s += std::string_view(e.where);
    }
    return s;
}

inline std::uint64_t typed(const tlswire::handshake_message& m, const tlswire::context& ctx) {
    int errors = 0;
    const std::uint64_t n = typed(m, ctx, errors);
    return errors == 0 ? n : 0;
}

}  // namespace tlswire_bench
