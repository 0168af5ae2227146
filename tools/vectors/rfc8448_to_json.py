#!/usr/bin/env python3
"""Transcribe the RFC 8448 example traces into tlswire-vectors/1 JSON.

Usage: rfc8448_to_json.py [RFC8448_TXT] [OUT_DIR]
  defaults: /work/shared/reference/rfc/rfc8448.txt  vectors/rfc8448

Why a script: the traces are ~3,500 lines of hex.  Parsing the RFC text
mechanically (and checking every "(N octets)" count, every record header
length and every handshake-message length on the way) makes the JSON
reproducible and exact; nobody retypes hex by hand.

What it produces, per trace section (RFC 8448 §3..§7):
  steps        every "{actor}  action:" block of the RFC, in order, with every
               labelled value it prints (lossless, RFC wording kept)
  records      every "send ... record" block: the complete record as sent
               and the plaintext payload the RFC shows for it
  messages     the handshake messages, obtained by splitting the plaintext
               payloads of the handshake records on their 4-byte headers
               (the bytes actually sent, e.g. the §4 ClientHello with binders)
  key_schedule the values of the trace under RFC 8446 §7.1 / §7.3 / §4.4.4 /
               §4.2.11.2 / §4.6.1 names (snake_case)

The script only uses the Python standard library.
"""
import json
import os
import re
import sys

RFC_URL = "https://www.rfc-editor.org/rfc/rfc8448"

SECTIONS = {
    3: ("simple_1rtt", "Simple 1-RTT Handshake"),
    4: ("resumed_0rtt", "Resumed 0-RTT Handshake"),
    5: ("hello_retry_request", "HelloRetryRequest"),
    6: ("client_auth", "Client Authentication"),
    7: ("compatibility_mode", "Compatibility Mode"),
}

# RFC 8446 §4 HandshakeType values for the names used in "messages".
HANDSHAKE_TYPES = {
    1: "client_hello", 2: "server_hello", 4: "new_session_ticket",
    5: "end_of_early_data", 8: "encrypted_extensions", 11: "certificate",
    13: "certificate_request", 15: "certificate_verify", 20: "finished",
    24: "key_update",
}
# The "construct a X handshake message" labels of RFC 8448 -> message names.
CONSTRUCT_NAMES = {
    "ClientHello": "client_hello", "ServerHello": "server_hello",
    "EncryptedExtensions": "encrypted_extensions", "Certificate": "certificate",
    "CertificateRequest": "certificate_request",
    "CertificateVerify": "certificate_verify", "Finished": "finished",
    "NewSessionTicket": "new_session_ticket", "EndOfEarlyData": "end_of_early_data",
}
CONTENT_TYPES = {20: "change_cipher_spec", 21: "alert", 22: "handshake",
                 23: "application_data"}
CIPHER_SUITES = {0x1301: ("TLS_AES_128_GCM_SHA256", "sha256", 32),
                 0x1302: ("TLS_AES_256_GCM_SHA384", "sha384", 48),
                 0x1303: ("TLS_CHACHA20_POLY1305_SHA256", "sha256", 32)}
GROUPS = {"x25519": "x25519", "P-256": "secp256r1"}
# RFC 8446 §4.1.3: the special ServerHello.random of a HelloRetryRequest.
HRR_RANDOM = ("cf21ad74e59a6111be1d8c021e65b891"
              "c2a211167abb8c5e079e09e2c8a8339c")

DESCRIPTIONS = {
    3: "RFC 8448 §3: simple 1-RTT TLS 1.3 handshake, x25519, RSA server "
       "certificate, anonymous client; application data, alerts, and a "
       "NewSessionTicket that permits 0-RTT (used by §4).",
    4: "RFC 8448 §4: resumed TLS 1.3 handshake with 0-RTT data, PSK "
       "(psk_dhe_ke, x25519) from the ticket of §3 (see 'resumes').",
    5: "RFC 8448 §5: the client offers x25519, the server answers with a "
       "HelloRetryRequest asking for secp256r1 (P-256); second ClientHello "
       "carries the cookie and a P-256 share. The transcript hash after the "
       "HelloRetryRequest starts with message_hash (RFC 8446 §4.4.1).",
    6: "RFC 8448 §6: TLS 1.3 handshake with client authentication "
       "(CertificateRequest; client RSA certificate, server ECDSA P-256 "
       "certificate).",
    7: "RFC 8448 §7: TLS 1.3 handshake in middlebox compatibility mode "
       "(RFC 8446 Appendix D.4): non-empty legacy_session_id and "
       "change_cipher_spec records.",
}


def fail(msg):
    sys.exit("rfc8448_to_json: " + msg)


def clean_lines(text):
    """Drop page footers/headers and form feeds so values can span pages."""
    out = []
    for line in text.split("\n"):
        line = line.replace("\f", "")
        if re.match(r"^Thomson\s+Informational\s+\[Page \d+\]$", line):
            continue
        if re.match(r"^RFC 8448\s+TLS 1\.3 Traces\s+January 2019$", line):
            continue
        out.append(line.rstrip())
    return out


HEX_RE = re.compile(r"^(?:[0-9a-f]{2})(?: [0-9a-f]{2})*$")


def parse_sections(lines):
    """Return {section_number: [line, ...]} for the top-level sections."""
    sections, cur = {}, None
    for line in lines:
        m = re.match(r"^(\d+)\.  \S", line)
        if m:
            cur = int(m.group(1))
            sections[cur] = []
            continue
        if cur is not None:
            sections[cur].append(line)
    return sections


def parse_steps(lines):
    """Parse the '{actor}  action:' blocks and their labelled hex values."""
    steps = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        m = re.match(r"^   \{(client|server)\}  (.*)$", line)
        if not m:
            i += 1
            continue
        actor, action = m.group(1), m.group(2)
        i += 1
        # the action text may wrap onto following lines (indented 6)
        while i < n and lines[i].startswith("      ") and not re.match(
                r"^      [A-Za-z][A-Za-z -]*(?: \(\d+ octets\))?:  ", lines[i]) \
                and lines[i].strip():
            action += " " + lines[i].strip()
            i += 1
        has_values = action.endswith(":")
        action = action.rstrip(":").strip()
        step = {"actor": actor, "action": action, "values": []}
        if has_values:
            while i < n:
                line = lines[i]
                if re.match(r"^   \{", line) or re.match(r"^\S", line):
                    break
                vm = re.match(r"^      ([A-Za-z][A-Za-z -]*?)(?: \((\d+) octets\))?:  (.*)$",
                              line)
                if not vm:
                    if line.strip() and not line.startswith("         "):
                        fail("unexpected line in step %r: %r" % (action, line))
                    i += 1
                    continue
                label, count, rest = vm.group(1), vm.group(2), vm.group(3).strip()
                i += 1
                if count is None:
                    # only "salt:  0 (all zero octets)" has no octet count
                    if label != "salt" or rest != "0 (all zero octets)":
                        fail("value without length: %r" % line)
                    step["values"].append({"label": label, "zero": True})
                    continue
                count = int(count)
                parts = [] if rest == "(empty)" else [rest]
                while True:
                    # a value may continue after a page break, i.e. after
                    # blank lines left where the footer/header was removed
                    j = i
                    while j < n and not lines[j].strip():
                        j += 1
                    if j < n and lines[j].startswith("         ") and \
                            HEX_RE.match(lines[j].strip()):
                        parts.append(lines[j].strip())
                        i = j + 1
                    else:
                        break
                hx = "".join(" ".join(parts).split())
                if not re.fullmatch(r"(?:[0-9a-f]{2})*", hx):
                    fail("bad hex for %r: %r" % (label, hx[:40]))
                if len(hx) // 2 != count:
                    fail("%s %r: %d octets stated, %d found" %
                         (action, label, count, len(hx) // 2))
                step["values"].append({"label": label, "hex": hx})
        steps.append(step)
    return steps


def snake(label):
    known = {"PRK": "prk", "IKM": "ikm", "ClientHello prefix": "client_hello_prefix"}
    if label in known:
        return known[label]
    if label in CONSTRUCT_NAMES:
        return CONSTRUCT_NAMES[label]
    return label.lower().replace(" ", "_").replace("-", "_")


def peer(actor):
    return "server" if actor == "client" else "client"


class Schedule:
    """Collects named values; the same name may only ever get the same hex."""

    def __init__(self, hash_len):
        self.values = {}
        self.hash_len = hash_len

    def put(self, name, hx):
        old = self.values.get(name)
        if old is not None and old != hx:
            fail("key_schedule %s set twice with different values" % name)
        self.values[name] = hx


def schedule_from_steps(steps, hash_len):
    ks = Schedule(hash_len)
    zeros = "00" * hash_len
    for st in steps:
        a, act = st["actor"], st["action"]
        v = {snake(x["label"]): (zeros if x.get("zero") else x["hex"])
             for x in st["values"]}
        if not v:
            continue  # "(same as ...)" steps repeat nothing
        m = re.match(r'^extract secret "(early|handshake|master)"', act)
        if m:
            which = m.group(1)
            ks.put(which + "_secret", v["secret"])
            if which == "early":
                if v["ikm"] != zeros:
                    ks.put("psk", v["ikm"])
            elif which == "handshake":
                ks.put("early_derived_secret", v["salt"])
                ks.put("shared_secret", v["ikm"])
            else:
                ks.put("handshake_derived_secret", v["salt"])
            continue
        m = re.match(r'^create an ephemeral (\S+) key pair$', act)
        if m:
            g = GROUPS[m.group(1)]
            ks.put("%s_%s_private_key" % (a, g), v["private_key"])
            ks.put("%s_%s_public_key" % (a, g), v["public_key"])
            continue
        m = re.match(r'^derive secret for (handshake|master) "tls13 derived"$', act)
        if m:
            name = {"handshake": "early_derived_secret",
                    "master": "handshake_derived_secret"}[m.group(1)]
            ks.put(name, v["expanded"])
            continue
        m = re.match(r'^derive secret "tls13 ([a-z ]+)"$', act)
        if m:
            name = {
                "c e traffic": "client_early_traffic_secret",
                "e exp master": "early_exporter_master_secret",
                "c hs traffic": "client_handshake_traffic_secret",
                "s hs traffic": "server_handshake_traffic_secret",
                "c ap traffic": "client_application_traffic_secret_0",
                "s ap traffic": "server_application_traffic_secret_0",
                "exp master": "exporter_master_secret",
                "res master": "resumption_master_secret",
            }[m.group(1)]
            ks.put(name, v["expanded"])
            ks.put(name + "_transcript_hash", v["hash"])
            continue
        m = re.match(r'^derive (read|write) traffic keys for '
                     r'(early application|handshake|application) data$', act)
        if m:
            sender = a if m.group(1) == "write" else peer(a)
            phase = {"early application": "early", "handshake": "handshake",
                     "application": "application"}[m.group(2)]
            ks.put("%s_%s_key" % (sender, phase), v["key_expanded"])
            ks.put("%s_%s_iv" % (sender, phase), v["iv_expanded"])
            continue
        if act == 'calculate finished "tls13 finished"':
            ks.put(a + "_finished_key", v["expanded"])
            ks.put(a + "_finished_verify_data", v["finished"])
            continue
        if act == "calculate PSK binder":
            ks.put("binder_truncated_client_hello", v["client_hello_prefix"])
            ks.put("binder_transcript_hash", v["binder_hash"])
            ks.put("binder_key", v["prk"])
            ks.put("binder_finished_key", v["expanded"])
            ks.put("binder", v["finished"])
            continue
        if act == 'generate resumption secret "tls13 resumption"':
            ks.put("resumption_master_secret", v["prk"])
            ks.put("ticket_nonce", v["hash"])
            ks.put("resumption_psk", v["expanded"])
            continue
        if act.startswith("construct a") or act.startswith("send "):
            continue
        fail("no key_schedule mapping for step %r" % act)
    return ks.values


def records_from_steps(steps):
    recs = []
    for st in steps:
        m = re.match(r"^send (handshake|alert|application_data|change_cipher_spec) record$",
                     st["action"])
        if not m:
            continue
        v = {snake(x["label"]): x["hex"] for x in st["values"]}
        rec = bytes.fromhex(v["complete_record"])
        if len(rec) < 5 or int.from_bytes(rec[3:5], "big") != len(rec) - 5:
            fail("record header length mismatch in %r" % st["action"])
        outer = CONTENT_TYPES.get(rec[0])
        # A record is protected when its outer type is application_data
        # (RFC 8446 §5.2); in these traces all application data is protected.
        protected = rec[0] == 23
        if not protected and outer != m.group(1):
            fail("plaintext record type mismatch")
        if not protected and rec[5:] != bytes.fromhex(v["payload"]):
            fail("plaintext record payload mismatch")
        recs.append({
            "dir": "c2s" if st["actor"] == "client" else "s2c",
            "content_type": m.group(1),
            "protected": protected,
            "hex": v["complete_record"],
            "plaintext": v["payload"],
        })
    return recs


def split_handshake(payload_hex):
    data = bytes.fromhex(payload_hex)
    out, i = [], 0
    while i < len(data):
        if len(data) - i < 4:
            fail("truncated handshake header")
        ln = int.from_bytes(data[i + 1:i + 4], "big")
        if i + 4 + ln > len(data):
            fail("handshake message overruns its record")
        out.append(data[i:i + 4 + ln])
        i += 4 + ln
    return out


def messages_from_records(recs):
    msgs = []
    for r in recs:
        if r["content_type"] != "handshake":
            continue
        for m in split_handshake(r["plaintext"]):
            name = HANDSHAKE_TYPES[m[0]]
            if name == "server_hello" and m[6:38].hex() == HRR_RANDOM:
                name = "hello_retry_request"  # RFC 8446 §4.1.3, msg_type 2
            msgs.append({"name": name, "dir": r["dir"], "hex": m.hex()})
    return msgs


def check_constructed(steps, msgs):
    """Every 'construct a X handshake message' must be a sent message, or (the
    §4 ClientHello, printed before its binders are filled in) a prefix of one
    of the same length whose tail is the binders list."""
    sent = [m["hex"] for m in msgs]
    for st in steps:
        m = re.match(r"^construct an? (\w+) handshake message$", st["action"])
        if not m:
            continue
        hx = st["values"][0]["hex"]
        if hx in sent:
            continue
        if any(s.startswith(hx) for s in sent):
            continue
        fail("constructed %s not found among sent messages" % m.group(1))


def cipher_suite_of(msgs):
    for m in msgs:
        if m["name"] in ("server_hello",):
            b = bytes.fromhex(m["hex"])
            sid_len = b[38]
            cs = int.from_bytes(b[39 + sid_len:41 + sid_len], "big")
            return CIPHER_SUITES[cs]
    fail("no ServerHello")


def steps_json(steps, hash_len):
    out = []
    for st in steps:
        o = {"actor": st["actor"], "action": st["action"]}
        if st["values"]:
            o["values"] = []
            for x in st["values"]:
                if x.get("zero"):
                    o["values"].append({"label": x["label"], "hex": "00" * hash_len,
                                        "note": "RFC text: 0 (all zero octets)"})
                else:
                    o["values"].append({"label": x["label"], "hex": x["hex"]})
        out.append(o)
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/rfc/rfc8448.txt"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else "vectors/rfc8448"
    with open(src, encoding="ascii") as f:
        lines = clean_lines(f.read())
    sections = parse_sections(lines)
    os.makedirs(out_dir, exist_ok=True)
    for num, (stem, title) in SECTIONS.items():
        steps = parse_steps(sections[num])
        recs = records_from_steps(steps)
        msgs = messages_from_records(recs)
        check_constructed(steps, msgs)
        suite, hash_name, hash_len = cipher_suite_of(msgs)
        ks = schedule_from_steps(steps, hash_len)
        doc = {
            "schema": "tlswire-vectors/1",
            "kind": "handshake_trace",
            "source": "RFC 8448 §%d %s (%s#section-%d), transcribed by "
                      "tools/vectors/rfc8448_to_json.py" % (num, title, RFC_URL, num),
            "description": DESCRIPTIONS[num],
            "version": "tls13",
            "cipher_suite": suite,
            "hash": hash_name,
        }
        if num == 4:
            doc["resumes"] = "rfc8448/simple_1rtt.json"
        doc["messages"] = msgs
        doc["records"] = recs
        doc["key_schedule"] = ks
        doc["steps"] = steps_json(steps, hash_len)
        path = os.path.join(out_dir, stem + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print("%s: %d steps, %d records, %d messages, %d key_schedule values" %
              (path, len(steps), len(recs), len(msgs), len(ks)))


if __name__ == "__main__":
    main()
