// tlswire/print/text.hpp — the indented, human-readable rendering of the same
// events the JSON sink receives (a YAML-like tree):
//
//   - type: client_hello
//     length: 508
//     body:
//       legacy_version: TLS 1.2
//       cipher_suites:
//         - TLS_AES_128_GCM_SHA256
//
// Top-level values are list items separated by a blank line. Opaque bytes
// longer than `max_hex_bytes` are shortened to their first bytes and a count
// (JSON always has them whole); short byte strings that are printable ASCII
// (host names, ALPN protocol names) also show as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tlswire/print/sink.hpp"

namespace tlswire::print {

class text_sink final : public sink {
public:
    // max_hex_bytes — opaque values longer than this are shortened (0 = never).
    explicit text_sink(std::size_t max_hex_bytes = 32) : max_hex_(max_hex_bytes) {
        frames_.push_back(frame{true, 0, 0, {}, false, false});  // the implicit top-level list
    }

    void begin_object() override { open(false); }
    void end_object() override { close("{}"); }
    void begin_array() override { open(true); }
    void end_array() override { close("[]"); }
    void key(std::string_view k) override { key_.assign(k); }

    void string(std::string_view s) override { scalar(s); }
    void hex(bytes_view b) override {
        std::string v;
        const bool cut = max_hex_ != 0 && b.size() > max_hex_;
        detail::append_hex(v, cut ? b.first(max_hex_) : b);
        if (cut) v += "... (" + std::to_string(b.size()) + " bytes)";
        else if (printable(b)) {
            v += "  \"";
            v.append(reinterpret_cast<const char*>(b.data()), b.size());
            v += '"';
        }
        if (b.empty()) v = "(empty)";
        scalar(v);
    }
    void number(std::uint64_t n) override { scalar(std::to_string(n)); }
    void boolean(bool b) override { scalar(b ? "true" : "false"); }
    void null() override { scalar("null"); }

private:
    struct frame {
        bool array;
        std::size_t indent;     // column of this container's members / items
        std::size_t count;      // members or items so far
        std::string key;        // the key this container has in its parent object
        bool header_pending;    // "key:" not written yet (deferred for "key: []")
        bool dash_pending;      // an object in a list: its first member carries the "- "
    };

    static bool printable(bytes_view b) {
        if (b.size() < 2 || b.size() > 64) return false;
        for (std::uint8_t c : b)
            if (c < 0x20 || c > 0x7e) return false;
        return true;
    }

    // prefix — the start of a line written directly in frame f.
    void prefix(frame& f) {
        if (f.dash_pending) {
            out_.append(f.indent - 2, ' ');
            out_ += "- ";
            f.dash_pending = false;
        } else {
            out_.append(f.indent, ' ');
        }
    }

    // flush — write the pending "key:" / "-" header lines of every open container.
    void flush() {
        for (std::size_t i = 1; i < frames_.size(); ++i) {
            frame& f = frames_[i];
            if (!f.header_pending) continue;
            frame& parent = frames_[i - 1];
            prefix(parent);
            out_ += parent.array ? "-" : f.key + ":";
            out_ += '\n';
            f.header_pending = false;
        }
    }

    void scalar(std::string_view v) {
        flush();
        frame& f = frames_.back();
        prefix(f);
        if (f.array) out_ += "- ";
        else out_ += key_ + ": ";
        out_ += v;
        out_ += '\n';
        ++f.count;
    }

    void open(bool array) {
        flush();
        frame& parent = frames_.back();
        ++parent.count;
        frame f{array, parent.indent + 2, 0, parent.array ? std::string() : key_, true, false};
        if (parent.array && !array) {
            // "- first: member" — the item's dash goes on its first line.
            f.header_pending = false;
            f.dash_pending = true;
        }
        if (frames_.size() == 1) f.indent = 2;
        frames_.push_back(std::move(f));
    }

    void close(std::string_view empty) {
        if (frames_.size() <= 1) return;
        frame f = std::move(frames_.back());
        frames_.pop_back();
        frame& parent = frames_.back();
        if (f.count == 0) {
            // Nothing inside: "key: []" / "- {}" on one line.
            flush();
            prefix(parent);
            if (parent.array) out_ += "- ";
            else out_ += f.key + ": ";
            out_ += empty;
            out_ += '\n';
        }
        if (frames_.size() == 1) out_ += '\n';  // a blank line between top-level values
    }

    std::vector<frame> frames_;
    std::string key_;
    std::size_t max_hex_;
};

}  // namespace tlswire::print
