// tests/fuzz/harness.hpp — the fuzz properties, shared by the libFuzzer
// targets (fuzz_<target>: targets.hpp; TLSWIRE_BUILD_FUZZERS=ON, clang) and
// by the replay test that runs them over the vectors and mutations in every CI
// build (tests/fuzz/replay_test.cpp).
//
// Properties: nothing crashes or reads out of bounds (the sanitizers watch);
// the library's own tlswire/testing/properties.hpp (what parses re-serializes
// to exactly the bytes it came from, re-parses to an equal structure, is
// accepted leniently too, allocates nothing, decodes its extension bodies;
// a record stream re-cut gives the same messages); every lazily decoded view
// (lists, extension blocks, certificate entries) can be walked; the
// reassembler gives the same messages however the input is split; TCP
// reassembly of captures maps every stream byte back to the file; the
// fingerprints have their fixed forms; the key-schedule functions are
// deterministic, prefix-consistent and refuse what they cannot encode.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "../support/extension_block.hpp"
#include "tlswire/crypto/reference/reference.hpp"
#include "tlswire/testing/properties.hpp"
#include "tlswire/tlswire.hpp"

namespace fuzz {

// Abort on a broken property, so libFuzzer keeps the input.
inline void require(bool ok) {
    if (!ok) std::abort();
}

// A broken property of tlswire/testing/properties.hpp.
inline void require(const tlswire::testing::verdict& v) { require(!v.has_value()); }

inline bool same(tlswire::bytes_view a, tlswire::bytes_view b) { return tlswire::equal_bytes(a, b); }

// walk — touch every decoded element of a parsed message.
inline std::size_t walk(const tlswire::handshake_message& m) {
    using namespace tlswire;
    std::size_t n = 0;
    std::visit(
        [&](const auto& v) {
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (requires { v.extensions; })
                for (const extension& e : v.extensions) n += e.extension_data.size();
            if constexpr (requires { v.cipher_suites; }) n += v.cipher_suites.size();
            if constexpr (std::is_same_v<T, certificate_tls13>)
                for (const certificate_entry& ce : v.certificate_list) {
                    n += ce.cert_data.size();
                    for (const extension& e : ce.extensions) n += e.extension_data.size();
                }
            if constexpr (std::is_same_v<T, certificate_tls12>) n += v.certificate_list.size();
            if constexpr (std::is_same_v<T, certificate_request_tls12>)
                n += v.certificate_authorities.size() + v.supported_signature_algorithms.size();
        },
        m);
    return n;
}

// handshake — byte 0 picks the context; the rest is one handshake message:
// every property of testing::check_handshake, and its views walk.
inline int handshake(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    if (size < 1) return 0;
    // Byte 0 picks the context (testing::context_of): every version, several
    // key exchanges, both strictness modes.
    const context ctx = testing::context_of(data[0]);
    const bytes_view in(data + 1, size - 1);
    require(testing::check_handshake(in, ctx));
    if (const auto m = parse_handshake(in, ctx)) walk(*m);
    return 0;
}

// extension_block_kinds — the blocks a message carries, by kind; check_block
// runs check_parse for the one with kind `kind`.
template <tlswire::message_kind... Kinds>
struct extension_block_kinds {
    static constexpr tlswire::message_kind all[] = {Kinds...};
    static void check_block(tlswire::message_kind kind, tlswire::bytes_view in, const tlswire::context& ctx) {
        ((kind == Kinds ? require(tlswire::testing::check_parse<test_support::block_of<Kinds>>(in, ctx)) : void()), ...);
    }
};
using block_kinds =
    extension_block_kinds<tlswire::message_kind::client_hello, tlswire::message_kind::server_hello,
                          tlswire::message_kind::hello_retry_request, tlswire::message_kind::encrypted_extensions,
                          tlswire::message_kind::certificate, tlswire::message_kind::certificate_request,
                          tlswire::message_kind::new_session_ticket>;

// extension — byte 0 picks the context, byte 1 the message kind (an index
// into block_kinds) and whether the rest is a whole extensions block or one
// extension's body, bytes 2-3 that extension's type: the properties of
// testing::check_parse for the block (with its typed bodies) or for the typed
// body alone.
inline int extension(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    if (size < 4) return 0;
    const context ctx = testing::context_of(data[0]);
    const message_kind kind = block_kinds::all[(data[1] & 0x7f) % std::size(block_kinds::all)];
    const auto type = static_cast<extension_type>(data[2] << 8 | data[3]);
    const bytes_view in(data + 4, size - 4);
    if (data[1] & 0x80)
        describe_extension(type, kind, [&]<class T>(std::type_identity<T>) { require(testing::check_parse<T>(in, ctx)); });
    else
        block_kinds::check_block(kind, in, ctx);
    return 0;
}

// structures<Ts...> — the input as each T, strict and lenient: the
// properties of testing::check_parse.
template <class... Ts>
inline int structures(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    for (const strictness mode : {strictness::strict, strictness::lenient}) {
        context ctx;
        ctx.mode = mode;
        (require(testing::check_parse<Ts>(bytes_view(data, size), ctx)), ...);
    }
    return 0;
}

// ech_config — an ECHConfigList (RFC 9849 §4, as in DNS and retry_configs).
inline int ech_config(const std::uint8_t* data, std::size_t size) {
    return structures<tlswire::ech_config_list>(data, size);
}

// quic — QUIC transport parameters (RFC 9000 §18) as a client and as a server sends them.
inline int quic(const std::uint8_t* data, std::size_t size) {
    return structures<tlswire::basic_quic_transport_parameters<true>, tlswire::basic_quic_transport_parameters<false>>(
        data, size);
}

inline bool lowercase_hex(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// fingerprint — byte 0 picks the context, then a handshake message: a
// ClientHello's JA3 is 32 lowercase hex digits and the MD5 of its string,
// its JA4 (each transport) 36 characters "<t|q|d><version>..._<12 hex>_<12
// hex>" with its raw forms within their bound; a ServerHello's JA3S
// likewise; every fingerprint is the same when taken twice, and none
// allocates.
inline int fingerprint(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    if (size < 1) return 0;
    const context ctx = testing::context_of(data[0]);
    const auto m = parse_handshake(bytes_view(data + 1, size - 1), ctx);
    if (!m) return 0;
    const std::uint64_t before = testing::thread_allocations;
    if (const auto* ch = std::get_if<client_hello>(&*m)) {
        const auto j3 = ja3(*ch);
        require(j3.size == 32 && lowercase_hex(j3.view()) && j3 == ja3(*ch).view());
        const auto s3 = ja3_string(*ch);
        require(!s3.truncated && s3.view().find(',') != std::string_view::npos);
        for (const auto t : {ja4_transport::tcp, ja4_transport::quic, ja4_transport::dtls}) {
            const auto j4 = ja4(*ch, t);
            const std::string_view v = j4.view();
            require(v.size() == 36 && v[0] == static_cast<char>(t) && v[10] == '_' && v[23] == '_');
            require(lowercase_hex(v.substr(11, 12)) && lowercase_hex(v.substr(24, 12)));
            require(j4 == ja4(*ch, t).view() && ja4_o(*ch, t).view().size() == 36);
            const auto r = ja4_r(*ch, t);
            require(!r.truncated && r.view().substr(0, 10) == v.substr(0, 10));
            require(!ja4_ro(*ch, t).truncated);
        }
    } else if (const auto* sh = std::get_if<server_hello>(&*m)) {
        const auto j3s = ja3s(*sh);
        require(j3s.size == 32 && lowercase_hex(j3s.view()) && j3s == ja3s(*sh).view());
        require(!ja3s_string(*sh).truncated);
    }
    require(testing::thread_allocations == before);
    return 0;
}

// schedule — the key-schedule entry points over arbitrary secrets, labels,
// contexts and lengths (reference backend). Byte 0 picks the hash (and, bit
// 7, an output longer than HKDF can give), bytes 1-2 the output length
// (0..319), byte 3 the label's length; then the label, and the rest split in
// half into secret and context/seed. HKDF-Expand-Label succeeds exactly when
// its HkdfLabel can be encoded and HKDF can give that much (RFC 8446 §7.1:
// label 7..255 bytes with its prefix, context <= 255, Length <= 255 *
// Hash.length, RFC 5869 §2.3); every function gives the same bytes twice; the
// TLS 1.2 PRF and HKDF-Expand of n bytes are the first n bytes of a longer
// output.
template <class H>
inline void schedule_with(std::size_t length, std::string_view label, tlswire::bytes_view secret,
                          tlswire::bytes_view context) {
    using namespace tlswire;
    std::vector<std::uint8_t> a(length), b(length), longer(length + 17);
    const bool encodable = !label.empty() && 6 + label.size() <= 255 && context.size() <= 255 &&
                           length <= 255 * H::digest_size;
    require(tls13::hkdf_expand_label<H>(secret, label, context, a).has_value() == encodable);
    if (encodable) require(tls13::hkdf_expand_label<H>(secret, label, context, b).has_value() && a == b);
    const auto prk = crypto::hkdf_extract<H>(context, secret);
    require(crypto::hkdf_expand<H>(prk, secret, a).has_value() == (length <= 255 * H::digest_size));
    if (length + 17 > 255 * H::digest_size) return;  // the too-long case: nothing computed
    require(crypto::hkdf_expand<H>(prk, secret, longer).has_value());
    require(std::equal(a.begin(), a.end(), longer.begin()));
    tls12::prf<H>(secret, label, context, a);
    tls12::prf<H>(secret, label, context, longer);
    require(std::equal(a.begin(), a.end(), longer.begin()));
}

inline int schedule(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    using backend = crypto::reference::backend;
    if (size < 4) return 0;
    const bool too_long = (data[0] & 0x80) != 0;
    const std::size_t length = (std::size_t{data[1]} << 8 | data[2]) % 320;
    const std::size_t label_size = std::min<std::size_t>(data[3], size - 4);
    const std::string_view label(reinterpret_cast<const char*>(data + 4), label_size);  // NOLINT: bytes as text
    const bytes_view rest(data + 4 + label_size, size - 4 - label_size);
    const bytes_view secret = rest.first(rest.size() / 2), context = rest.subspan(rest.size() / 2);
    const auto over = [&](std::size_t digest_size) { return too_long ? 255 * digest_size + 1 + data[1] : length; };
    switch (data[0] % 3) {
        case 0: schedule_with<backend::sha256>(over(32), label, secret, context); break;
        case 1: schedule_with<backend::sha384>(over(48), label, secret, context); break;
        default: schedule_with<backend::sha1>(over(20), label, secret, context); break;
    }
    if (too_long) return 0;
    // The TLS 1.0/1.1 PRF: MD5 and SHA-1 over the secret's two (overlapping, when odd) halves.
    std::vector<std::uint8_t> a(length), longer(length + 17);
    tls12::prf<backend::md5_sha1>(secret, label, context, a);
    tls12::prf<backend::md5_sha1>(secret, label, context, longer);
    require(std::equal(a.begin(), a.end(), longer.begin()));
    return 0;
}

// check_message — a decoder's handshake event: its lazy views walk, and the
// message re-serializes to its bytes.
inline void check_message(const tlswire::stream_event& ev) {
    using namespace tlswire;
    if (ev.kind != event_kind::handshake) return;
    walk(ev.handshake);
    std::vector<std::uint8_t> out;
    const auto written = serialize_handshake(ev.handshake, out, ev.ctx, bounds::unchecked);
    require(written.has_value() && same(out, ev.message));
}

// connection — a 2-byte length splits the input into the client's and the
// server's streams; every handshake message the decoder hands out must
// re-serialize to its bytes.
inline int connection(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    if (size < 2) return 0;
    const std::size_t split = (std::size_t{data[0]} << 8 | data[1]) % (size - 1);
    const bytes_view c2s(data + 2, split), s2c(data + 2 + split, size - 2 - split);
    for (const strictness mode : {strictness::strict, strictness::lenient}) {
        connection_decoder dec(mode);
        (void)dec.decode(c2s, s2c, [&](const connection_event& ev) { check_message(ev); });
    }
    return 0;
}

// decrypt — a 2-byte length, a key log of that many bytes, then the
// connection input of `connection` (a 2-byte split, both streams): the
// connection decoder with those keys (reference backend). Decrypted messages
// re-serialize to their bytes; a decrypted record's plaintext maps inside its
// record; within one epoch of one side, records take consecutive sequence
// numbers.
inline int decrypt(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    if (size < 4) return 0;
    const std::size_t keylog_size = std::min<std::size_t>(std::size_t{data[0]} << 8 | data[1], size - 4);
    const std::string_view keylog(reinterpret_cast<const char*>(data + 2), keylog_size);
    const std::uint8_t* rest = data + 2 + keylog_size;
    const std::size_t rest_size = size - 2 - keylog_size;
    const std::size_t split = (std::size_t{rest[0]} << 8 | rest[1]) % (rest_size - 1);
    const bytes_view streams[2] = {bytes_view(rest + 2, split), bytes_view(rest + 2 + split, rest_size - 2 - split)};
    using backend = crypto::reference::backend;
    for (const strictness mode : {strictness::strict, strictness::lenient}) {
        decryption::connection_keys<backend> keys(keylog);
        decryption::connection_decoder<backend> dec(mode);
        dec.use_keys(keys);
        struct last_record {
            key_epoch epoch{};
            std::size_t offset = ~std::size_t{0};
            std::uint64_t sequence_number = 0;
        } last[2];
        (void)dec.decode(streams[0], streams[1], [&](const connection_event& ev) {
            const int d = ev.dir == direction::c2s ? 0 : 1;
            const bytes_view in = streams[d];
            require(ev.record_offset < in.size());
            if (ev.decrypted()) {
                require(ev.plaintext_offset + ev.plaintext.size() <= ev.record_offset + 5 + ev.rec.fragment.size());
                if (ev.record_offset != last[d].offset) {
                    if (last[d].offset != ~std::size_t{0} && ev.epoch == last[d].epoch)
                        require(ev.sequence_number == last[d].sequence_number + 1);
                    last[d] = {ev.epoch, ev.record_offset, ev.sequence_number};
                }
            }
            check_message(ev);
        });
    }
    return 0;
}

// stream — byte 0 picks the framing, strictness, whether messages are
// parsed and the version the context starts with; the rest is one side's
// stream. Every message handed out lies inside the stream (or, reassembled,
// maps back into it) and re-serializes to its bytes; an error's offset is
// inside the stream or at its end.
inline int stream(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    if (size < 1) return 0;
    const bytes_view in(data + 1, size - 1);
    stream_options o;
    o.input = (data[0] & 1) ? framing::handshake_messages : framing::records;
    o.mode = (data[0] & 2) ? strictness::lenient : strictness::strict;
    o.parse_messages = (data[0] & 4) == 0;
    context initial;
    constexpr std::uint16_t versions[] = {0, 0x0301, 0x0303, 0x0304};
    initial.version = versions[(data[0] >> 3) & 3];
    stream_decoder dec(o, initial);
    const auto r = dec.decode(in, [&](const stream_event& ev) {
        require(ev.record_offset <= in.size());
        if (ev.kind != event_kind::handshake) return;
        require(ev.message.size() >= 4);
        require(ev.message_offset < in.size() && ev.origin.offset(ev.message.size() - 1) < in.size());
        if (!o.parse_messages) return;
        walk(ev.handshake);
        std::vector<std::uint8_t> out;
        const auto written = serialize_handshake(ev.handshake, out, ev.ctx, bounds::unchecked);
        require(written.has_value() && same(out, ev.message));
    });
    if (!r) require(r.err().offset <= in.size());
    // Re-cut into records of 16 to 2048 bytes (smaller cuts are slow to fuzz
    // and tests/testing/properties_test.cpp runs them on every capture).
    require(testing::check_record_split(in, o, initial, std::size_t{16} << (data[0] >> 5)));
    return 0;
}

// reassembly — byte 0 seeds the cut points; the messages out of the cut
// stream equal those of the whole stream (as far as the whole stream goes).
inline int reassembly(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    if (size < 1) return 0;
    const bytes_view stream(data + 1, size - 1);
    auto collect = [&](std::size_t step) {
        handshake_reassembler r(1u << 16);
        std::vector<std::vector<std::uint8_t>> out;
        bool ok = true;
        for (std::size_t at = 0; at < stream.size() && ok; at += step) {
            const std::size_t n = step < stream.size() - at ? step : stream.size() - at;
            ok = r.feed(stream.subspan(at, n), [&](bytes_view m) { out.emplace_back(m.begin(), m.end()); })
                     .has_value();
        }
        return std::pair{ok, out};
    };
    const auto whole = collect(stream.size() + 1);
    const auto cut = collect(static_cast<std::size_t>(data[0] % 17) + 1);
    require(whole.first == cut.first);
    require(whole.second == cut.second);
    return 0;
}

// sslv2 — the SSL 2.0-compatible hello: what parses re-serializes exactly.
inline int sslv2(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    const bytes_view in(data, size);
    for (const strictness mode : {strictness::strict, strictness::lenient}) {
        context ctx;
        ctx.mode = mode;
        const auto h = parse_sslv2_client_hello(in, ctx);
        if (!h) continue;
        std::vector<std::uint8_t> out;
        require(serialize_sslv2_client_hello(*h, out).has_value() && same(out, in));
    }
    return 0;
}

// keylog — an SSLKEYLOGFILE: every entry and error lies inside the text, in
// line order, an entry's secret is its hex decoded, and the connection of
// each entry's client_random has secrets.
inline int keylog(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    std::string_view text;
    if (size > 0) text = std::string_view(reinterpret_cast<const char*>(data), size);  // NOLINT: bytes as text
    std::size_t last_line = 0;   // of the last entry or error (a BOM's error shares line 1)
    std::size_t entry_line = 0;  // of the last entry: one per line at most
    std::vector<keylog::entry> entries;
    keylog::parse(
        text,
        [&](const keylog::entry& e) {
            require(e.line >= last_line && e.line > entry_line && e.offset < text.size());
            require(e.secret_offset + e.secret_hex.size() <= text.size());
            require(e.secret_hex.data() == text.data() + e.secret_offset);
            require(e.label == keylog::label::ech_config || e.value.size * 2 == e.secret_hex.size());
            last_line = entry_line = e.line;
            entries.push_back(e);
        },
        [&](const keylog::line_error& e) {
            require(e.line >= last_line && e.error.offset <= text.size() && e.error.code != errc::ok);
            last_line = e.line;
        });
    for (const keylog::entry& e : entries)
        require(e.generation != 0 || !keylog::secrets_for(text, e.client_random).empty());
    return 0;
}

// capture — a pcap/pcapng file: every packet and secrets block lies inside
// the file, every TCP or UDP payload inside its packet, and an error's
// offset too.
inline int capture(const std::uint8_t* data, std::size_t size) {
    using namespace tlswire;
    const bytes_view file(data, size);
    const auto inside = [&](bytes_view part, std::size_t offset) {
        require(offset <= size && part.size() <= size - offset && (part.empty() || part.data() == data + offset));
    };
    const error e = capture::read(
        file,
        [&](const capture::packet& p) {
            inside(p.data, p.offset);
            const auto s = capture::transport_of(p.link_type, p.data);
            if (s.what == capture::segment_result::kind::tcp) {
                require(s.segment.payload_offset <= p.data.size());
                require(s.segment.payload.size() <= p.data.size() - s.segment.payload_offset);
                require(s.segment.payload.empty() || s.segment.payload.data() == p.data.data() + s.segment.payload_offset);
            } else if (s.what == capture::segment_result::kind::udp) {
                require(s.datagram.payload_offset <= p.data.size());
                require(s.datagram.payload.size() <= p.data.size() - s.datagram.payload_offset);
                require(s.datagram.payload.empty() || s.datagram.payload.data() == p.data.data() + s.datagram.payload_offset);
            } else if (s.what == capture::segment_result::kind::error) {
                require(s.error.code != errc::ok && s.error.offset <= p.data.size());
            }
        },
        [&](const capture::secrets& s) { inside(s.data, s.offset); });
    require(e.offset <= size);
    // Through TCP reassembly, with limits small enough for the fuzzer to
    // cross: every delivered stream byte is the file's byte where the chunk
    // map says, nothing stays held after finish, limits hold, every error
    // offset lies in the file.
    capture::reassembly_limits limits;
    limits.max_out_of_order_bytes = 4096;
    limits.max_out_of_order_segments = 32;
    limits.max_stream_bytes = 1 << 16;
    limits.max_total_out_of_order_bytes = 8192;
    limits.max_total_stream_bytes = 1 << 17;
    limits.max_connections = 16;
    const capture::capture_contents got = capture::reassemble(file, limits);
    require(got.file_error == e);
    require(got.packet_problems.size() <= capture::capture_contents::max_problems);
    require(got.packet_problem_count >= got.packet_problems.size());
    for (const error& p : got.packet_problems) require(p.offset <= size);
    require(got.tcp.connections().size() <= limits.max_connections);
    require(got.tcp.failure().offset <= size);
    for (const capture::tcp_connection& c : got.tcp.connections()) {
        for (const capture::tcp_stream* f : {&c.c2s(), &c.s2c()}) {
            require(f->buffered() == 0 && f->buffered_segments() == 0);
            require(f->data().size() <= limits.max_stream_bytes && f->data().size() <= f->delivered());
            require(f->failure().offset <= size);
            for (std::size_t i = 0; i < f->data().size(); ++i) {
                const std::size_t at = f->file_offset(i);
                require(at < size && data[at] == f->data()[i]);
            }
        }
    }
    // The DTLS flows: each datagram the file's bytes at its offset, starting
    // like DTLS, limits held.
    require(got.udp.flows().size() <= limits.max_connections);
    require(got.udp.failure().offset <= size);
    std::size_t kept = 0;
    for (const capture::udp_flow& f : got.udp.flows()) {
        require(f.size() != 0 || f.failure());
        require(f.bytes() <= limits.max_stream_bytes && f.failure().offset <= size);
        kept += f.bytes();
        for (std::size_t i = 0; i < f.size(); ++i) {
            const bytes_view d = f.payload(i);
            require(f.file_offset(i) <= size && d.size() <= size - f.file_offset(i));
            require(std::equal(d.begin(), d.end(), data + f.file_offset(i)));
            require(dtls::starts_like_datagram(d) || (i != 0 && dtls::starts_with_ciphertext(d)));
        }
    }
    require(kept <= limits.max_total_stream_bytes);
    return 0;
}

}  // namespace fuzz
