// tlswire/testing/properties.hpp — the properties every parse must have,
// for fuzz harnesses and tests (tlswire's own and other projects').
//
// Each check takes bytes a fuzzer (or a test) made up and returns a
// `verdict`: std::nullopt when every property holds, otherwise the
// `violation` — which property broke, and the input offset it concerns.
// Nothing here aborts: a libFuzzer target turns a violation into a crash
// itself (see `require` in the example below), a unit test into a failure.
//
// The properties (each check says which apply):
//   error_offset     a refused input's error offset lies inside the input (or at its end)
//   allocation       parsing allocates nothing — counted when the program
//                    includes <tlswire/testing/count_allocations.hpp> in one
//                    translation unit (otherwise not checked)
//   round_trip       what parses re-serializes to exactly the bytes consumed
//   reparse          re-parsing those bytes gives an equal structure, field by
//                    field through the codec's visitor (`digest`)
//   lenient          what a strict parse accepts, a lenient parse accepts too
//                    (and re-serializes the same)
//   typed_bodies     every extension a strict parse accepted decodes with its
//                    typed description (what get<T>() and the printers use)
//   record_split     the handshake messages of a record stream are the same
//                    however its handshake bytes are cut into records
//
// Example — a libFuzzer target over ClientHello-context handshake messages:
//
//   #include <tlswire/testing/count_allocations.hpp>  // in this one file
//   #include <tlswire/testing/properties.hpp>
//   extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
//       if (tlswire::testing::check_handshake({data, size}, tlswire::context{})) __builtin_trap();
//       return 0;
//   }
//
// These checks allocate (they serialize into std::vector); only the parse
// they watch must not. They are run-time tools: not constexpr.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "tlswire/codec/codec.hpp"
#include "tlswire/extensions/block.hpp"
#include "tlswire/extensions/dispatch.hpp"
#include "tlswire/messages/handshake.hpp"
#include "tlswire/messages/stream.hpp"

namespace tlswire::testing {

// violation — the property that broke, and where.
struct violation {
    std::string_view property;  // one of the names in the header comment
    std::size_t offset = 0;     // the input offset it concerns (0 when it is the whole input)
};
using verdict = std::optional<violation>;

// context_of(selector) — the context byte 0 of an input stands for: the
// version, a cipher suite (for the messages that depend on one) and the
// strictness: the layout of tlswire's fuzz targets whose input starts with
// a context byte (tests/fuzz), and of the mutator (testing/mutator.hpp).
[[nodiscard]] inline context context_of(std::uint8_t selector) noexcept {
    static constexpr std::uint16_t versions[] = {0, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304};
    static constexpr std::uint16_t suites[] = {0x0000, 0x1301, 0x1302, 0xc02f, 0xc02b, 0x009e, 0x002f,
                                               0x000a, 0x00a8, 0x00aa, 0x00ac, 0xc037, 0xc018, 0xc01d,
                                               0x0003, 0x0018, 0xc0a0, 0x1303, 0xff85, 0x00ff};
    context c;
    c.version = versions[selector % 6];
    c.cipher_suite = suites[(selector / 6) % 20];
    c.mode = (selector & 0x80) != 0 ? strictness::lenient : strictness::strict;
    return c;
}

// selector_for(ctx) — a strict context byte that stands for ctx's version
// and cipher suite, if context_of has one (for seeds made from messages).
[[nodiscard]] inline std::optional<std::uint8_t> selector_for(const context& ctx) noexcept {
    for (std::uint8_t i = 0; i < 0x80; ++i) {
        const context c = context_of(i);
        if (c.version == ctx.version && c.cipher_suite == ctx.cipher_suite) return i;
    }
    return std::nullopt;
}

// Allocation counting: count_allocations.hpp, included in one translation
// unit, replaces the global operator new; each call adds one to the calling
// thread's count. A check compares the count around the parse it watches.
inline bool allocations_counted = false;                // set before main by count_allocations.hpp
inline thread_local std::uint64_t thread_allocations = 0;  // operator new calls on this thread

// digest — a 64-bit FNV-1a hash of a value, field by field through the
// codec's visitor: every field's name and value, list elements in order,
// nested structures recursively, an extension block's entries with their
// typed bodies. Two structures with equal digests have, short of a hash
// collision, the same fields with the same values. It also counts the
// extension bodies whose typed description did not decode them.
class digest {
public:
    [[nodiscard]] std::uint64_t value() const noexcept { return h_; }
    [[nodiscard]] std::size_t undecoded_bodies() const noexcept { return undecoded_; }

    template <class T>
    void add(const T& v, const context& ctx) {
        if constexpr (std::is_same_v<T, bytes_view>) {
            number(v.size());
            for (const std::uint8_t b : v) byte(b);
        } else if constexpr (std::is_same_v<T, bool>) {
            byte(v ? 1 : 0);
        } else if constexpr (std::is_enum_v<T> || std::is_integral_v<T>) {
            number(static_cast<std::uint64_t>(v));
        } else if constexpr (std::is_same_v<T, extension_block>) {
            byte(v.present ? 1 : 0);
            number(v.size());
            for (const extension& e : v) {
                number(static_cast<std::uint64_t>(e.extension_type));
                add(e.extension_data, ctx);
                // The typed body too, when this message has a description for it.
                const error err = visit_extension(e.extension_type, v.kind, e.extension_data, ctx,
                                                  [&](const auto& body) { add(body, ctx); });
                number(static_cast<std::uint64_t>(err.code));
                if (err) ++undecoded_;
            }
        } else if constexpr (is_list_v<T>) {
            number(v.size());
            for (const auto& x : v) add(x, ctx);
        } else if constexpr (described<T>) {
            text(T::wire_name);
            tlswire::visit(v, *this, ctx);
        } else {
            static_assert(sizeof(T) == 0, "tlswire::testing::digest: no rule for this field type");
        }
    }

    // The visitor's call (codec/io.hpp visit_io).
    template <class T, class F>
    void field(std::string_view name, const T& v, const F&, const context& ctx) {
        text(name);
        add(v, ctx);
    }

private:
    void byte(std::uint8_t b) noexcept { h_ = (h_ ^ b) * 0x100000001b3u; }
    void number(std::uint64_t v) noexcept {
        for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void text(std::string_view s) noexcept {
        number(s.size());
        for (const char c : s) byte(static_cast<std::uint8_t>(c));
    }

    std::uint64_t h_ = 0xcbf29ce484222325u;
    std::size_t undecoded_ = 0;
};

namespace detail {
// digest_whole — the digest of a described structure or a handshake message.
template <class T>
[[nodiscard]] digest digest_whole(const T& v, const context& ctx) {
    digest d;
    if constexpr (std::is_same_v<T, handshake_message>) {
        d.add(static_cast<std::uint64_t>(v.index()), ctx);
        std::visit([&](const auto& m) { d.add(m, ctx); }, v);
    } else {
        d.add(v, ctx);
    }
    return d;
}
}  // namespace detail

// digest_of — the digest's value for a described structure or a handshake message.
template <class T>
[[nodiscard]] std::uint64_t digest_of(const T& v, const context& ctx) {
    return detail::digest_whole(v, ctx).value();
}

namespace detail {
// How each kind of input is parsed and written: a handshake message
// (parse_handshake / serialize_handshake) or any described structure
// (parse<T> / serialize).
template <class T>
struct codec_of {
    static result<T> parse(bytes_view in, const context& ctx) { return tlswire::parse<T>(in, ctx); }
    static result<std::size_t> write(const T& v, std::vector<std::uint8_t>& out, const context& ctx) {
        return tlswire::serialize(v, out, ctx, bounds::unchecked);
    }
};
template <>
struct codec_of<handshake_message> {
    static result<handshake_message> parse(bytes_view in, const context& ctx) { return parse_handshake(in, ctx); }
    static result<std::size_t> write(const handshake_message& v, std::vector<std::uint8_t>& out,
                                     const context& ctx) {
        return serialize_handshake(v, out, ctx, bounds::unchecked);
    }
};

}  // namespace detail

// check_parse<T>(in, ctx) — T is a described structure (an extension body,
// ECHConfigList, QUIC transport parameters, ...) or handshake_message.
// Properties: error_offset, allocation, round_trip, reparse, lenient, and
// typed_bodies for every extension block it holds.
template <class T>
[[nodiscard]] verdict check_parse(bytes_view in, const context& ctx) {
    using codec = detail::codec_of<T>;
    const std::uint64_t before = thread_allocations;
    const result<T> parsed = codec::parse(in, ctx);
    if (allocations_counted && thread_allocations != before) return violation{"allocation", 0};
    if (!parsed) {
        if (parsed.err().offset > in.size()) return violation{"error_offset", parsed.err().offset};
        return std::nullopt;
    }
    std::vector<std::uint8_t> out;
    if (!codec::write(*parsed, out, ctx) || !equal_bytes(in, out)) return violation{"round_trip", 0};
    const digest d = detail::digest_whole(*parsed, ctx);
    const result<T> again = codec::parse(out, ctx);
    if (!again || digest_of(*again, ctx) != d.value()) return violation{"reparse", 0};
    if (ctx.strict()) {
        // The block's strict parse validated every body the digest decoded.
        if (d.undecoded_bodies() != 0) return violation{"typed_bodies", 0};
        context lenient = ctx;
        lenient.mode = strictness::lenient;
        const result<T> loose = codec::parse(in, lenient);
        if (!loose) return violation{"lenient", loose.err().offset};
        out.clear();
        if (!codec::write(*loose, out, lenient) || !equal_bytes(in, out)) return violation{"lenient", 0};
    }
    return std::nullopt;
}

// check_handshake(in, ctx) — `in` is one handshake message (header included).
[[nodiscard]] inline verdict check_handshake(bytes_view in, const context& ctx) {
    return check_parse<handshake_message>(in, ctx);
}

// check_record_split(stream, o, initial, cut) — `stream` is one side's
// records. Its leading handshake records (plaintext, one record version) are
// re-cut into records of `cut` (1..2^14) bytes each: the messages the
// decoder hands out from them must be the same, byte for byte, as far as the
// original went without an error. Also: every event's offsets lie inside the
// stream.
[[nodiscard]] inline verdict check_record_split(bytes_view stream, const stream_options& o,
                                                const context& initial, std::size_t cut) {
    if (cut == 0 || cut > max_plaintext_length || o.input != framing::records) return std::nullopt;
    // The leading run of non-empty handshake records with the first one's
    // version, read with the record layer's own description; their
    // fragments, concatenated, are the handshake bytes to re-cut.
    std::vector<std::uint8_t> handshake_bytes;
    protocol_version version{};
    std::size_t leading = 0;  // the run's end in the stream
    {
        error e;
        reader r(stream, e);
        while (!r.empty()) {
            record rec;
            described_format::read(r, rec, record::wire_name, context{});
            if (e || rec.type != content_type::handshake || rec.fragment.empty() ||
                (leading != 0 && rec.legacy_record_version != version))
                break;
            version = rec.legacy_record_version;
            handshake_bytes.insert(handshake_bytes.end(), rec.fragment.begin(), rec.fragment.end());
            leading = r.position();
        }
    }
    // decode — the handshake messages of `in` (those from its first `end`
    // bytes), whether an error stopped it there, and offset violations.
    struct run {
        std::vector<std::vector<std::uint8_t>> messages;
        bool failed = false;
        verdict bad;
    };
    const auto decode = [&](bytes_view in, std::size_t end) {
        run r;
        stream_decoder dec(o, initial);
        const auto done = dec.decode(in, [&](const stream_event& ev) {
            if (ev.record_offset > in.size() && !r.bad) r.bad = violation{"error_offset", ev.record_offset};
            if (ev.kind == event_kind::handshake && ev.record_offset < end)
                r.messages.emplace_back(ev.message.begin(), ev.message.end());
        });
        if (!done) {
            r.failed = done.err().offset <= end;
            if (done.err().offset > in.size() && !r.bad) r.bad = violation{"error_offset", done.err().offset};
        }
        return r;
    };
    const run a = decode(stream, leading);  // the whole stream: its offsets are checked too
    if (a.bad || leading == 0) return a.bad;
    std::vector<std::uint8_t> recut;
    for (std::size_t i = 0; i < handshake_bytes.size(); i += cut) {
        const std::size_t n = std::min(cut, handshake_bytes.size() - i);
        const record piece{content_type::handshake, version, bytes_view(handshake_bytes).subspan(i, n)};
        if (!serialize(piece, recut)) return std::nullopt;  // cannot happen: n <= 2^14
    }
    const run b = decode(recut, recut.size());
    if (b.bad) return b.bad;
    // A failure may come sooner in one cut than the other (e.g. a record
    // boundary rule), so compare the messages both got; without a failure the
    // lists must be equal.
    const std::size_t common = std::min(a.messages.size(), b.messages.size());
    for (std::size_t i = 0; i < common; ++i)
        if (a.messages[i] != b.messages[i]) return violation{"record_split", 0};
    if (!a.failed && !b.failed && a.messages.size() != b.messages.size()) return violation{"record_split", 0};
    return std::nullopt;
}

}  // namespace tlswire::testing
