// Decrypt every protected record of the captured connections in
// vectors/captures/ (real OpenSSL and GnuTLS peers, with their key logs)
// with protection::suite_epoch over a backend: TLS 1.3 from the traffic
// secrets of the key log (handshake, then application keys after each side's
// Finished, and a new epoch for each KeyUpdate); TLS 1.0–1.2 from the
// CLIENT_RANDOM master secret and the key block (RFC 5246 §6.3), after each
// side's ChangeCipherSpec, encrypt-then-MAC when the ServerHello has the
// extension (RFC 7366). A renegotiation's second ChangeCipherSpec switches
// to keys this test does not derive: decryption stops there (the stream
// decoder's job, issue 11 item 3).
//
// The key log parsing here is the minimum for the test (label, client
// random, secret), not the library's (issue 11 item 2).
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../crypto/test_support.hpp"
#include "../support/vectors.hpp"
#include "tlswire/protection/suite.hpp"
#include "tlswire/schedule/cipher_suite_keys.hpp"
#include "tlswire/schedule/tls12.hpp"
#include "tlswire/schedule/tls13.hpp"

namespace tlswire_test::captures {

namespace protection = tlswire::protection;

using bytes = std::vector<std::uint8_t>;

struct raw_record {
    std::uint8_t type = 0;
    std::uint16_t version = 0;
    tlswire::bytes_view fragment;
};

inline std::vector<raw_record> split_records(const bytes& stream) {
    std::vector<raw_record> out;
    std::size_t at = 0;
    while (at + 5 <= stream.size()) {
        const std::size_t len = (std::size_t{stream[at + 3]} << 8) | stream[at + 4];
        REQUIRE(at + 5 + len <= stream.size());
        out.push_back({stream[at], static_cast<std::uint16_t>((stream[at + 1] << 8) | stream[at + 2]),
                       tlswire::bytes_view(stream).subspan(at + 5, len)});
        at += 5 + len;
    }
    REQUIRE(at == stream.size());
    return out;
}

// keylog_lookup — the secret of `label` for `client_random` (hex), or "".
inline std::string keylog_lookup(const std::string& keylog, const std::string& label, const std::string& client_random) {
    std::istringstream in(keylog);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string l, r, s;
        if (words >> l >> r >> s && l == label && r == client_random) return s;
    }
    return "";
}

// first_message — the first handshake message of a direction (the hello),
// reassembled from the leading handshake records (a hello may be cut into
// several, as in the *_small_records captures).
inline bytes first_message(const std::vector<raw_record>& records) {
    bytes m;
    for (const auto& r : records) {
        if (r.type != 22) break;
        m.insert(m.end(), r.fragment.begin(), r.fragment.end());
        if (m.size() >= 4 && m.size() >= 4 + ((std::size_t{m[1]} << 16) | (std::size_t{m[2]} << 8) | m[3])) break;
    }
    REQUIRE(m.size() >= 38);
    return m;
}

// The hello's random: handshake header (4), legacy_version (2), random (32).
inline bytes hello_random(const std::vector<raw_record>& records) {
    const bytes m = first_message(records);
    return bytes(m.begin() + 6, m.begin() + 38);
}

// ServerHello extension types (RFC 5246 §7.4.1.3).
inline std::vector<int> server_hello_extensions(const std::vector<raw_record>& records) {
    const bytes sh = first_message(records);
    std::size_t p = 4 + 2 + 32;
    p += 1 + sh[p];  // session_id
    p += 2 + 1;      // cipher_suite, compression_method
    std::vector<int> types;
    if (p + 2 > sh.size()) return types;
    const std::size_t end = p + 2 + ((std::size_t{sh[p]} << 8) | sh[p + 1]);
    for (p += 2; p + 4 <= end;) {
        types.push_back((sh[p] << 8) | sh[p + 1]);
        p += 4 + ((std::size_t{sh[p + 2]} << 8) | sh[p + 3]);
    }
    return types;
}

// Handshake message types in a decrypted fragment (RFC 8446 §4 framing).
inline std::vector<int> message_types(tlswire::bytes_view fragment) {
    std::vector<int> types;
    for (std::size_t at = 0; at + 4 <= fragment.size();) {
        types.push_back(fragment[at]);
        at += 4 + ((std::size_t{fragment[at + 1]} << 16) | (std::size_t{fragment[at + 2]} << 8) | fragment[at + 3]);
    }
    return types;
}

struct counts {
    int connections = 0;
    int records = 0;     // protected records opened
    int finished = 0;    // Finished messages found in them
    int tls13 = 0, tls12 = 0;
};

// One direction of a TLS 1.3 connection: epochs from the key log's secrets.
template <class Backend>
void tls13_direction(const std::vector<raw_record>& records, tlswire::cipher_suite suite, bytes handshake_secret,
                     bytes application_secret, counts& n) {
    using namespace tlswire;
    auto epoch = protection::suite_epoch<Backend>::tls13(suite, handshake_secret);
    REQUIRE(epoch);
    bool application = false;
    bytes secret = handshake_secret;
    const auto attrs = cipher_suite_info(suite);
    REQUIRE(attrs != nullptr);
    for (const auto& r : records) {
        if (r.type != 23) continue;  // plaintext hellos and the compatibility CCS (RFC 8446 §5)
        const protected_record_tls13 rec{content_type::application_data, static_cast<protocol_version>(r.version),
                                         r.fragment};
        bytes out(r.fragment.size());
        const auto o = epoch->open(rec, out);
        REQUIRE_MESSAGE(o, to_string(o.err().code), " ", o.err().where, " record ", n.records);
        ++n.records;
        if (o->type != content_type::handshake) continue;
        const auto types = message_types(o->fragment);
        for (int t : types) n.finished += t == 20;
        if (!application && !types.empty() && types.back() == 20) {
            // RFC 8446 §7.3: after its Finished, a side writes under the application secret.
            application = true;
            secret = application_secret;
            epoch = protection::suite_epoch<Backend>::tls13(suite, secret);
            REQUIRE(epoch);
        } else if (application && !types.empty() && types.back() == 24) {
            // RFC 8446 §7.2: KeyUpdate — the next application traffic secret.
            protection::with_hash<Backend>(attrs->prf_hash, [&](auto h) {
                using H = typename decltype(h)::type;
                const auto next = tls13::next_application_traffic_secret<H>(secret);
                secret.assign(next.begin(), next.end());
            });
            epoch = protection::suite_epoch<Backend>::tls13(suite, secret);
            REQUIRE(epoch);
        }
    }
}

// One direction of a TLS 1.0–1.2 connection, from its first CCS to its second (if any).
template <class Backend>
void tls12_direction(const std::vector<raw_record>& records, protection::suite_epoch<Backend> epoch, counts& n) {
    using namespace tlswire;
    int ccs = 0;
    bool first = true;
    for (const auto& r : records) {
        if (r.type == 20 && ccs == 0) {
            ccs = 1;
            continue;
        }
        if (ccs == 0) continue;
        const protected_record_tls12 rec{static_cast<content_type>(r.type), static_cast<protocol_version>(r.version),
                                         r.fragment};
        bytes out(r.fragment.size());
        const auto o = epoch.open(rec, out);
        REQUIRE_MESSAGE(o, to_string(o.err().code), " ", o.err().where, " record ", n.records);
        ++n.records;
        if (first) {
            // RFC 5246 §7.4.9: the first protected record is the Finished, 12 octets of verify_data.
            CHECK(o->type == content_type::handshake);
            CHECK(to_hex(o->fragment.first(4)) == "1400000c");
            ++n.finished;
            first = false;
        }
        if (r.type == 20) break;  // a renegotiation's CCS (itself protected): new keys from here
    }
    CHECK(!first);
}

template <class Backend>
counts decrypt_all() {
    using namespace tlswire;
    counts n;
    for (const auto& entry : std::filesystem::directory_iterator(test_support::vectors_dir() / "captures")) {
        if (entry.path().extension() != ".json") continue;
        const auto capture = test_support::load_json(entry.path());
        CAPTURE(entry.path().filename().string());
        for (const auto& conn : capture.at("connections")) {
            const bytes c2s = from_hex(conn.at("c2s").get<std::string>());
            const bytes s2c = from_hex(conn.at("s2c").get<std::string>());
            const auto client = split_records(c2s), server = split_records(s2c);
            const std::string keylog = conn.at("keylog");
            const auto& expect = conn.at("expect");
            const auto suite = static_cast<cipher_suite>(std::stoi(expect.at("cipher_suite_value").get<std::string>(), nullptr, 16));
            const std::string version = expect.at("version");
            const std::string cr = to_hex(hello_random(client));
            ++n.connections;
            if (version == "TLS 1.3") {
                ++n.tls13;
                auto secret = [&](const char* label) {
                    const std::string s = keylog_lookup(keylog, label, cr);
                    REQUIRE_MESSAGE(!s.empty(), label);
                    return from_hex(s);
                };
                tls13_direction<Backend>(client, suite, secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET"),
                                         secret("CLIENT_TRAFFIC_SECRET_0"), n);
                tls13_direction<Backend>(server, suite, secret("SERVER_HANDSHAKE_TRAFFIC_SECRET"),
                                         secret("SERVER_TRAFFIC_SECRET_0"), n);
                continue;
            }
            ++n.tls12;
            const protocol_version v = version == "TLS 1.2"   ? protocol_version::tls12
                                       : version == "TLS 1.1" ? protocol_version::tls11
                                                              : protocol_version::tls10;
            const bytes sr = hello_random(server);
            const bytes ms = from_hex(keylog_lookup(keylog, "CLIENT_RANDOM", cr));
            REQUIRE(ms.size() == 48);
            const auto exts = server_hello_extensions(server);
            const bool etm = std::find(exts.begin(), exts.end(), 0x16) != exts.end();
            const auto a = cipher_suite_info(suite);
            REQUIRE(a != nullptr);
            std::array<std::uint8_t, 256> block{};
            result<tls12::key_material> keys = error{errc::unsupported, 0, "prf"};
            const hash_function prf = prf_hash_for(*a, v);
            if (prf == hash_function::md5_sha1) {
                keys = tls12::derive_keys<typename Backend::md5_sha1>(ms, hello_random(client), sr, suite, v, block);
            } else {
                protection::with_hash<Backend>(prf, [&](auto h) {
                    using H = typename decltype(h)::type;
                    keys = tls12::derive_keys<H>(ms, hello_random(client), sr, suite, v, block);
                });
            }
            REQUIRE(keys);
            const auto order = etm ? protection::mac_order::encrypt_then_mac : protection::mac_order::mac_then_encrypt;
            const auto ce = protection::suite_epoch<Backend>::tls12(suite, v, *keys, role::client, order);
            const auto se = protection::suite_epoch<Backend>::tls12(suite, v, *keys, role::server, order);
            REQUIRE(ce);
            REQUIRE(se);
            tls12_direction<Backend>(client, *ce, n);
            tls12_direction<Backend>(server, *se, n);
        }
    }
    return n;
}

}  // namespace tlswire_test::captures
