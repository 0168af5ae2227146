// tlswire/print/sink.hpp — the event interface every printer output implements.
//
// The field printer (print/fields.hpp) walks a parsed structure through the
// codec's visitor (codec/io.hpp: visit_io) and describes it as a stream of
// events: objects, arrays, keys, and scalar values. A sink turns the events
// into text. Two sinks ship: JSON (print/json.hpp) and an indented,
// human-readable tree (print/text.hpp); because both render the same event
// stream, `--text` and JSON output always hold the same fields.
//
// Printing is for humans and tools, not for parse paths: sinks append to a
// std::string and may allocate. Nothing here is constexpr, nothing throws
// beyond std::string's own allocation failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tlswire/wire/bytes.hpp"

namespace tlswire::print {

// sink — receives the printer's events. Well-formedness (a key before each
// value inside an object, matched begin/end) is the caller's duty; the
// printers in this directory always produce well-formed streams.
class sink {
public:
    sink() = default;
    sink(const sink&) = delete;
    sink& operator=(const sink&) = delete;
    virtual ~sink() = default;

    virtual void begin_object() = 0;
    virtual void end_object() = 0;
    virtual void begin_array() = 0;
    virtual void end_array() = 0;
    // key — the name of the next value inside an object.
    virtual void key(std::string_view k) = 0;
    // string — text (UTF-8 or ASCII; JSON escapes what it must).
    virtual void string(std::string_view s) = 0;
    // hex — opaque bytes; JSON writes lowercase hex, the text tree may shorten it.
    virtual void hex(bytes_view b) = 0;
    virtual void number(std::uint64_t n) = 0;
    virtual void boolean(bool b) = 0;
    virtual void null() = 0;

    // The text produced so far, and a way to hand it off in pieces (the CLI
    // writes each top-level object as soon as it is complete).
    [[nodiscard]] const std::string& str() const noexcept { return out_; }
    [[nodiscard]] std::string take() {
        std::string s;
        s.swap(out_);
        return s;
    }

protected:
    std::string out_;
};

namespace detail {

inline void append_hex(std::string& out, bytes_view b) {
    static constexpr char digits[] = "0123456789abcdef";
    out.reserve(out.size() + 2 * b.size());
    for (std::uint8_t x : b) {
        out.push_back(digits[x >> 4]);
        out.push_back(digits[x & 15u]);
    }
}

// utf8_length — the length of the well-formed UTF-8 sequence at b[i] of two
// to four bytes (RFC 3629 §4: no overlong forms, no surrogates, nothing past
// U+10FFFF), or 0.
inline std::size_t utf8_length(bytes_view b, std::size_t i) noexcept {
    const std::uint8_t c = b[i];
    std::size_t n = 0;
    std::uint8_t lo = 0x80, hi = 0xbf;  // the bounds of the second byte
    if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    } else {
        return 0;
    }
    if (b.size() - i < n || b[i + 1] < lo || b[i + 1] > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (b[i + k] < 0x80 || b[i + k] > 0xbf) return 0;
    return n;
}

// append_text — a field that is text by definition (codec `text<F>`), as a
// string any reader can take: printable ASCII and well-formed UTF-8 as they
// are, a backslash as "\\", every other byte (controls, DEL, bytes that are
// not UTF-8) as "\xNN". Nothing is lost: the hex beside it is exact anyway.
inline void append_text(std::string& out, bytes_view b) {
    static constexpr char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < b.size();) {
        const std::uint8_t c = b[i];
        if (c == '\\') {
            out += "\\\\";
            ++i;
        } else if (c >= 0x20 && c < 0x7f) {
            out.push_back(static_cast<char>(c));
            ++i;
        } else if (const std::size_t n = c >= 0x80 ? utf8_length(b, i) : 0; n != 0) {
            out.append(reinterpret_cast<const char*>(b.data() + i), n);
            i += n;
        } else {
            out += "\\x";
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15u]);
            ++i;
        }
    }
}

}  // namespace detail

// to_hex — lowercase hex of b, no separators (the vectors/ convention).
[[nodiscard]] inline std::string to_hex(bytes_view b) {
    std::string s;
    detail::append_hex(s, b);
    return s;
}

}  // namespace tlswire::print
