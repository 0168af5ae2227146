// tlswire/print/dtls.hpp — the DTLS connection decoder's events as printer
// objects (the `tlswire decode --dtls` output).
//
// The shapes are those of print/message.hpp, plus what DTLS adds where it
// applies (RFC 6347 §4.1, §4.2.2; RFC 9147 §4):
//   every record's event: "epoch", "sequence_number" (the record's; a DTLS
//     1.3 unified header's once decrypted, else its wire bits as
//     "encrypted_sequence_number"), "unified_header": true and
//     "connection_id" for DTLS 1.3 DTLSCiphertext;
//   handshake message: "type", "length", "message_seq", "fragment_offset" and
//     "fragment_length" (of the fragment that completed it), "hex" (the
//     message as if sent unfragmented: its 12-byte header, fragment_offset 0,
//     then the body; RFC 6347 §4.2.6), "body"; with keys "finished":
//     "verified" | "mismatch" for a Finished;
//   a fragment held for later, a retransmitted fragment: "type" "fragment" |
//     "retransmission", "msg_type", "message_seq", "fragment_offset",
//     "fragment_length";
//   a record seen before (same epoch and sequence number): "type"
//     "duplicate_record", "content_type", "length";
//   ACK (RFC 9147 §7): "type" "ack", "body" {"record_numbers": [...]}.
// They write members into an object the caller has open.
#pragma once

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

#include "tlswire/dtls/event.hpp"
#include "tlswire/dtls/reassembler.hpp"
#include "tlswire/print/message.hpp"

namespace tlswire::print {

// dtls_message_type_name — the RFC name of a parsed DTLS message.
[[nodiscard]] inline std::string_view dtls_message_type_name(const dtls::message& m, name_buf& scratch) {
    if (const auto* h = std::get_if<handshake_message>(&m)) return message_type_name(*h, scratch);
    if (std::holds_alternative<dtls::client_hello>(m)) return dtls::client_hello::wire_name;
    return dtls::hello_verify_request::wire_name;
}

// dtls_unfragmented — a message's bytes as if sent in one fragment.
[[nodiscard]] inline std::vector<std::uint8_t> dtls_unfragmented(handshake_type type, std::uint16_t message_seq,
                                                                 bytes_view body) {
    const dtls::reassembled_message m{type, message_seq, body, {}};
    const auto header = m.header();
    std::vector<std::uint8_t> out(header.begin(), header.end());
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

// print_dtls_record — the record header members every event carries.
inline void print_dtls_record(sink& s, const dtls::record_header& r) {
    s.key("epoch");
    s.number(r.epoch);
    if (r.sequence_number_known) {
        s.key("sequence_number");
        s.number(r.sequence_number);
    }
    if (r.unified) {
        s.key("unified_header");
        s.boolean(true);
        if (!r.sequence_number_known) {
            s.key("encrypted_sequence_number");
            s.number(r.encrypted_sequence_number);
        }
        if (!r.connection_id.empty()) {
            s.key("connection_id");
            s.hex(r.connection_id);
        }
    }
}

// print_dtls_fragment_fields — which part of which message a fragment carried.
inline void print_dtls_fragment_fields(sink& s, const dtls::handshake& f) {
    s.key("message_seq");
    s.number(f.message_seq);
    s.key("fragment_offset");
    s.number(f.fragment_offset);
    s.key("fragment_length");
    s.number(f.fragment_length());
}

// print_dtls_handshake — a complete message (event_kind::handshake).
template <class = void>
void print_dtls_handshake(sink& s, const dtls::event& ev) {
    name_buf scratch;
    s.key("type");
    s.string(dtls_message_type_name(ev.msg, scratch));
    s.key("length");
    s.number(ev.body.size());
    print_dtls_fragment_fields(s, ev.fragment);
    s.key("hex");
    s.hex(dtls_unfragmented(ev.msg_type, ev.message_seq, ev.body));
    if (ev.finished != dtls::finished_check::not_checked) {
        s.key("finished");
        s.string(ev.finished == dtls::finished_check::verified ? "verified" : "mismatch");
    }
    s.key("body");
    s.begin_object();
    std::visit(
        [&](const auto& v) {
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (std::is_same_v<T, handshake_message>) {
                std::visit(
                    [&](const auto& inner) {
                        using I = std::remove_cvref_t<decltype(inner)>;
                        // The TLS form of the message: printed in the TLS version DTLS builds on.
                        context c = dtls::tls_context(ev.ctx);
                        if constexpr (std::is_same_v<I, hello_retry_request>) c.version = 0x0304;
                        print_fields(s, inner, c);
                    },
                    v);
            } else {
                print_fields(s, v, ev.ctx);
            }
        },
        ev.msg);
    s.end_object();
}

// print_dtls_fragment — a fragment held, or one that brought nothing new.
inline void print_dtls_fragment(sink& s, const dtls::event& ev) {
    s.key("type");
    s.string(ev.kind == dtls::event_kind::fragment ? "fragment" : "retransmission");
    name_buf scratch;
    s.key("msg_type");
    s.string(handshake_type_name(ev.fragment.msg_type, scratch));
    s.key("length");
    s.number(ev.fragment.length);
    print_dtls_fragment_fields(s, ev.fragment);
}

// print_dtls_ack — an ACK's record numbers (RFC 9147 §7).
inline void print_dtls_ack(sink& s, bytes_view content, const dtls::ack& a) {
    detail::begin_record(s, "ack", content);
    print_fields(s, a);
    s.end_object();
}

}  // namespace tlswire::print
