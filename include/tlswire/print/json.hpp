// tlswire/print/json.hpp — a JSON sink (RFC 8259), one line per top-level value.
//
// Each top-level value ends with a newline, so a run of them is JSON Lines —
// the `tlswire decode` output format. Opaque bytes are lowercase hex strings
// (the vectors/ convention), numbers are unsigned integers, strings are
// escaped per RFC 8259 §7 (", \, and control characters; bytes >= 0x80 are
// passed through, so UTF-8 stays UTF-8).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tlswire/print/sink.hpp"

namespace tlswire::print {

class json_sink final : public sink {
public:
    void begin_object() override { open('{'); }
    void end_object() override { close('}'); }
    void begin_array() override { open('['); }
    void end_array() override { close(']'); }

    void key(std::string_view k) override {
        if (!stack_.empty() && stack_.back()++ > 0) out_ += ", ";
        quote(k);
        out_ += ": ";
        after_key_ = true;
    }
    void string(std::string_view s) override {
        before_value();
        quote(s);
        after_value();
    }
    void hex(bytes_view b) override {
        before_value();
        out_ += '"';
        detail::append_hex(out_, b);
        out_ += '"';
        after_value();
    }
    void number(std::uint64_t n) override {
        before_value();
        out_ += std::to_string(n);
        after_value();
    }
    void boolean(bool b) override {
        before_value();
        out_ += b ? "true" : "false";
        after_value();
    }
    void null() override {
        before_value();
        out_ += "null";
        after_value();
    }

private:
    // before_value — inside an array, separate from the previous element
    // (inside an object, key() already did).
    void before_value() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!stack_.empty() && stack_.back()++ > 0) out_ += ", ";
    }
    void after_value() {
        if (stack_.empty()) out_ += '\n';  // a complete top-level value: one line
    }
    void open(char c) {
        before_value();
        out_ += c;
        stack_.push_back(0);
    }
    void close(char c) {
        out_ += c;
        if (!stack_.empty()) stack_.pop_back();
        after_value();
    }
    void quote(std::string_view s) {
        static constexpr char digits[] = "0123456789abcdef";
        out_ += '"';
        for (char ch : s) {
            const auto u = static_cast<unsigned char>(ch);
            switch (ch) {
                case '"': out_ += "\\\""; break;
                case '\\': out_ += "\\\\"; break;
                case '\n': out_ += "\\n"; break;
                case '\r': out_ += "\\r"; break;
                case '\t': out_ += "\\t"; break;
                default:
                    if (u < 0x20 || u == 0x7f) {
                        out_ += "\\u00";
                        out_ += digits[u >> 4];
                        out_ += digits[u & 15u];
                    } else {
                        out_ += ch;
                    }
            }
        }
        out_ += '"';
    }

    std::vector<std::size_t> stack_;  // members/elements written per open container
    bool after_key_ = false;
};

}  // namespace tlswire::print
