// tests/registry/iana_test.cpp — every registry table against the snapshot it was
// built from (vectors/iana/), entry for entry, in both directions:
//   * every assigned row of the snapshot is in the table with exactly that name;
//   * every table row is in the snapshot.
// So the next registry update is a mechanical diff: drop in the new CSV, run.
//
// Rows skipped as "not assigned" (documented in vectors/iana/README.md):
//   * Value is a range ("0x00,0x1C-1D", "0xC2-C9,*", "63-2569", "0xFE00-0xFFFF");
//   * Description starts with "Unassigned" or "Reserved" (this covers GREASE
//     "Reserved" rows, "Reserved for Private Use", "Reserved for backward
//     compatibility", "Reserved to avoid conflicts ..."). Names ending in
//     "_RESERVED" are real assignments and are kept.
// Names are compared after dropping IANA's ' (renamed from "...")' notes.
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tlswire/registry.hpp"

namespace tests_registry_iana {

namespace {

using namespace tlswire;

std::string read_text(const std::string& rel) {
    const std::string path = std::string(TLSWIRE_SOURCE_DIR) + "/vectors/iana/" + rel;
    std::ifstream f(path, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "cannot open " << path);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// RFC 4180 CSV: quoted fields, "" escapes, newlines inside quotes; CRLF ok.
using csv_row = std::vector<std::string>;
std::vector<csv_row> parse_csv(const std::string& text) {
    std::vector<csv_row> rows;
    csv_row row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field), field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(field), field.clear();
            rows.push_back(row), row.clear();
        } else {
            field += c;
        }
    }
    if (!field.empty() || !row.empty()) row.push_back(field), rows.push_back(row);
    return rows;
}

// A CSV as header-name -> column, rows without the header.
struct csv_table {
    std::map<std::string, std::size_t> col;
    std::vector<csv_row> rows;
    const std::string& at(const csv_row& r, const std::string& name) const {
        static const std::string empty;
        const auto it = col.find(name);
        REQUIRE_MESSAGE(it != col.end(), "no column " << name);
        return it->second < r.size() ? r[it->second] : empty;
    }
};

csv_table load_csv(const std::string& rel) {
    auto all = parse_csv(read_text(rel));
    REQUIRE(!all.empty());
    csv_table t;
    for (std::size_t i = 0; i < all[0].size(); ++i) t.col[all[0][i]] = i;
    t.rows.assign(all.begin() + 1, all.end());
    return t;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
    return s.substr(b);
}

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

// Parses "23", "0x0201", "0xFEFD" or the cipher-suite form "0x00,0x2F".
// Ranges ("-" after the first character, "*") give nullopt.
std::optional<std::uint32_t> parse_value(std::string v) {
    v = trim(v);
    if (v.empty() || v.find('*') != std::string::npos || v.find('-') != std::string::npos) return std::nullopt;
    const auto comma = v.find(',');
    if (comma != std::string::npos) {
        const auto hi = parse_value(v.substr(0, comma));
        const auto lo = parse_value(v.substr(comma + 1));
        if (!hi || !lo) return std::nullopt;
        return *hi << 8 | *lo;
    }
    std::size_t pos = 0;
    const unsigned long n = std::stoul(v, &pos, starts_with(v, "0x") || starts_with(v, "0X") ? 16 : 10);
    REQUIRE_MESSAGE(pos == v.size(), "bad value " << v);
    return static_cast<std::uint32_t>(n);
}

bool is_unassigned(const std::string& description) {
    return starts_with(description, "Unassigned") || starts_with(description, "Reserved");
}

std::string normalize_name(std::string n) {
    const auto p = n.find(" (renamed from");
    if (p != std::string::npos) n = n.substr(0, p);
    return trim(n);
}

// value -> name of every assigned row.
using assignment_map = std::map<std::uint32_t, std::string>;

assignment_map assigned_rows(const csv_table& t, const std::string& value_col, const std::string& name_col) {
    assignment_map m;
    for (const auto& r : t.rows) {
        if (r.size() < 2) continue;
        const std::string name = normalize_name(t.at(r, name_col));
        if (is_unassigned(name)) continue;
        const auto v = parse_value(t.at(r, value_col));
        if (!v) continue;
        CHECK_MESSAGE(m.emplace(*v, name).second, "value listed twice in snapshot: " << *v);
    }
    return m;
}

assignment_map assigned_csv(const std::string& rel, const std::string& value_col = "Value",
                            const std::string& name_col = "Description") {
    return assigned_rows(load_csv(rel), value_col, name_col);
}

// The 2013 XML: records of <registry id="...">, same skip rules.
assignment_map assigned_xml(const std::string& registry_id) {
    const std::string xml = read_text("tls-parameters-2013-10-03.xml");
    const std::string open = "<registry id=\"" + registry_id + "\">";
    const auto b = xml.find(open);
    REQUIRE_MESSAGE(b != std::string::npos, "no registry " << registry_id);
    const auto e = xml.find("</registry>", b);
    const std::string body = xml.substr(b, e - b);
    assignment_map m;
    std::size_t p = 0;
    while ((p = body.find("<record>", p)) != std::string::npos) {
        const auto end = body.find("</record>", p);
        const std::string rec = body.substr(p, end - p);
        p = end;
        auto tag = [&](const std::string& t) {
            const auto s = rec.find("<" + t + ">");
            if (s == std::string::npos) return std::string{};
            const auto v = s + t.size() + 2;
            return rec.substr(v, rec.find("</" + t + ">", v) - v);
        };
        const std::string name = trim(tag("description"));
        if (is_unassigned(name)) continue;
        const auto v = parse_value(tag("value"));
        if (v) m.emplace(*v, name);
    }
    return m;
}

// The two-way check. Returns the number of rows compared.
template <registered_enum E>
std::size_t check_registry(const assignment_map& snapshot) {
    using U = std::underlying_type_t<E>;
    const std::string reg{registry_traits<E>::name};
    for (const auto& kv : snapshot) {
        const std::uint32_t value = kv.first;  // (no structured bindings: clang 14 cannot capture them in INFO)
        const std::string& name = kv.second;
        INFO(reg << " snapshot value " << value << " " << name);
        const E e = static_cast<E>(static_cast<U>(value));
        CHECK(is_registered(e));
        CHECK(std::string(to_string(e)) == name);
        E back{};
        CHECK(from_string(name, back));
        CHECK(back == e);
    }
    for (const auto& row : registry_traits<E>::entries) {
        INFO(reg << " table value " << +static_cast<U>(row.value) << " " << row.name);
        CHECK(snapshot.count(static_cast<std::uint32_t>(static_cast<U>(row.value))) == 1);
    }
    CHECK(snapshot.size() == registry_traits<E>::entries.size());
    return snapshot.size();
}

assignment_map merged(assignment_map a, const assignment_map& b) {
    for (const auto& kv : b) CHECK_MESSAGE(a.emplace(kv).second, "addition duplicates value " << kv.first);
    return a;
}

}  // namespace

TEST_CASE("registry: cipher suites match tls-parameters-4.csv, names and columns") {
    const auto t = load_csv("tls-parameters-4.csv");
    const auto snap = assigned_rows(t, "Value", "Description");
    CHECK(check_registry<cipher_suite>(snap) >= 350);
    // The DTLS-OK and Recommended columns are carried as attributes: compare too.
    for (const auto& r : t.rows) {
        if (r.size() < 4 || is_unassigned(t.at(r, "Description"))) continue;
        const auto v = parse_value(t.at(r, "Value"));
        if (!v) continue;
        INFO(t.at(r, "Description"));
        const auto* a = cipher_suite_info(static_cast<cipher_suite>(*v));
        REQUIRE(a != nullptr);
        CHECK(a->dtls_ok == (t.at(r, "DTLS-OK") == "Y"));
        CHECK(static_cast<char>(a->recommended) == t.at(r, "Recommended").at(0));
    }
}

TEST_CASE("registry: content_type, alert_description, handshake_type, ec_point_format, compression_method") {
    CHECK(check_registry<content_type>(assigned_csv("tls-parameters-5.csv")) == 8);
    CHECK(check_registry<alert_description>(assigned_csv("tls-parameters-6.csv")) == 37);
    CHECK(check_registry<handshake_type>(assigned_csv("tls-parameters-7.csv")) == 25);
    CHECK(check_registry<ec_point_format>(assigned_csv("tls-parameters-9.csv")) == 3);
    CHECK(check_registry<compression_method>(assigned_csv("comp-meth-ids-2.csv")) == 3);
}

TEST_CASE("registry: named groups match tls-parameters-8.csv, with DTLS-OK and Recommended") {
    const auto t = load_csv("tls-parameters-8.csv");
    CHECK(check_registry<named_group>(assigned_rows(t, "Value", "Description")) >= 57);
    for (const auto& r : t.rows) {
        if (r.size() < 4 || is_unassigned(t.at(r, "Description"))) continue;
        const auto v = parse_value(t.at(r, "Value"));
        if (!v) continue;
        INFO(t.at(r, "Description"));
        const auto* a = named_group_info(static_cast<named_group>(*v));
        REQUIRE(a != nullptr);
        CHECK(a->dtls_ok == (t.at(r, "DTLS-OK") == "Y"));
        CHECK(static_cast<char>(a->recommended) == t.at(r, "Recommended").at(0));
    }
}

TEST_CASE("registry: signature schemes match tls-signaturescheme.csv, with Recommended") {
    const auto t = load_csv("tls-signaturescheme.csv");
    CHECK(check_registry<signature_scheme>(assigned_rows(t, "Value", "Description")) == 49);
    for (const auto& r : t.rows) {
        if (r.size() < 3 || is_unassigned(t.at(r, "Description"))) continue;
        const auto v = parse_value(t.at(r, "Value"));
        if (!v) continue;
        INFO(t.at(r, "Description"));
        const auto* a = signature_scheme_info(static_cast<signature_scheme>(*v));
        REQUIRE(a != nullptr);
        CHECK(static_cast<char>(a->recommended) == t.at(r, "Recommended").at(0));
    }
}

TEST_CASE("registry: extension types match tls-extensiontype-values-1.csv, incl. the TLS 1.3 column") {
    const auto t = load_csv("tls-extensiontype-values-1.csv");
    CHECK(check_registry<extension_type>(assigned_rows(t, "Value", "Extension Name")) == 64);
    const std::map<std::string, std::uint8_t> bits{{"CH", tls13_msg::ch}, {"SH", tls13_msg::sh},
                                                   {"HRR", tls13_msg::hrr}, {"EE", tls13_msg::ee},
                                                   {"CT", tls13_msg::ct}, {"CR", tls13_msg::cr},
                                                   {"NST", tls13_msg::nst}};
    std::size_t compared = 0;
    for (const auto& r : t.rows) {
        if (r.size() < 5 || is_unassigned(t.at(r, "Extension Name"))) continue;
        const auto v = parse_value(t.at(r, "Value"));
        if (!v) continue;
        INFO(t.at(r, "Extension Name"));
        std::uint8_t mask = 0;
        std::stringstream ss(t.at(r, "TLS 1.3"));
        for (std::string item; std::getline(ss, item, ',');) {
            item = trim(item);
            if (item.empty() || item == "-") continue;
            REQUIRE(bits.count(item) == 1);
            mask = static_cast<std::uint8_t>(mask | bits.at(item));
        }
        const auto* a = extension_type_info(static_cast<extension_type>(*v));
        REQUIRE(a != nullptr);
        CHECK(a->tls13_messages == mask);
        CHECK(a->dtls_only == (t.at(r, "DTLS-Only") == "Y"));
        CHECK(static_cast<char>(a->recommended) == t.at(r, "Recommended").at(0));
        ++compared;
    }
    CHECK(compared == 64);
}

TEST_CASE("registry: 2013 XML registries (plus RFC-transcribed later additions)") {
    CHECK(check_registry<client_certificate_type>(
              merged(assigned_xml("tls-parameters-2"),
                     assigned_csv("rfc-transcribed/client_certificate_types_additions.csv"))) == 12);
    CHECK(check_registry<ec_curve_type>(assigned_xml("tls-parameters-10")) == 3);
    CHECK(check_registry<supplemental_data_type>(assigned_xml("tls-parameters-12")) == 2);
    CHECK(check_registry<user_mapping_type>(assigned_xml("tls-parameters-14")) == 1);
    CHECK(check_registry<signature_algorithm>(merged(
              assigned_xml("tls-parameters-16"), assigned_csv("rfc-transcribed/signature_algorithms_additions.csv"))) ==
          8);
    CHECK(check_registry<hash_algorithm>(merged(assigned_xml("tls-parameters-18"),
                                                assigned_csv("rfc-transcribed/hash_algorithms_additions.csv"))) == 8);
    CHECK(check_registry<authorization_data_format>(assigned_xml("authorization-data")) == 6);
    CHECK(check_registry<heartbeat_message_type>(assigned_xml("heartbeat-message-types")) == 2);
    CHECK(check_registry<heartbeat_mode>(assigned_xml("heartbeat-modes")) == 2);
}

TEST_CASE("registry: registries transcribed from RFC text (vectors/iana/rfc-transcribed)") {
    CHECK(check_registry<psk_key_exchange_mode>(assigned_csv("rfc-transcribed/psk_key_exchange_modes.csv")) == 2);
    CHECK(check_registry<certificate_type>(assigned_csv("rfc-transcribed/certificate_types.csv")) == 4);
    CHECK(check_registry<certificate_status_type>(assigned_csv("rfc-transcribed/certificate_status_types.csv")) ==
          2);
    CHECK(check_registry<server_name_type>(assigned_csv("rfc-transcribed/server_name_types.csv")) == 1);
    CHECK(check_registry<max_fragment_length>(assigned_csv("rfc-transcribed/max_fragment_lengths.csv")) == 4);
    CHECK(check_registry<certificate_compression_algorithm>(
              assigned_csv("rfc-transcribed/certificate_compression_algorithms.csv")) == 3);
    CHECK(check_registry<key_update_request>(assigned_csv("rfc-transcribed/key_update_requests.csv")) == 2);
    CHECK(check_registry<alert_level>(assigned_csv("rfc-transcribed/alert_levels.csv")) == 2);
    CHECK(check_registry<protocol_version>(assigned_csv("rfc-transcribed/protocol_versions.csv")) == 8);
}

TEST_CASE("registry: ALPN protocol IDs match alpn-protocol-ids.csv") {
    const auto t = load_csv("alpn-protocol-ids.csv");
    std::set<std::string> seen;
    std::size_t grease = 0;
    for (const auto& r : t.rows) {
        if (r.size() < 2) continue;
        const std::string name = t.at(r, "Protocol");
        std::string seq = t.at(r, "Identification Sequence");
        seq = seq.substr(0, seq.find('('));  // drop the ("h2") gloss
        std::string id;
        std::stringstream ss(seq);
        for (std::string byte; ss >> byte;) id += static_cast<char>(std::stoul(byte, nullptr, 16));
        INFO(name << " id " << id);
        if (name == "Reserved") {
            CHECK(is_grease_alpn(id));  // RFC 8701 rows
            CHECK(alpn_protocol_name(id).empty());
            ++grease;
            continue;
        }
        CHECK(!is_grease_alpn(id));
        CHECK(std::string(alpn_protocol_name(id)) == name);
        seen.insert(id);
    }
    CHECK(grease == 16);
    CHECK(seen.size() == alpn_protocols.size());
    for (const auto& p : alpn_protocols) CHECK(seen.count(std::string(p.id)) == 1);
}

}  // namespace tests_registry_iana
