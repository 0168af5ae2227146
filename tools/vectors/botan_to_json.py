#!/usr/bin/env python3
"""Transcribe Botan's TLS message / extension decode vectors (.vec) into
tlswire-vectors/1 "botan_messages" files.

Usage: botan_to_json.py [REFERENCE_DIR] [OUT_DIR]
  defaults: /work/shared/reference  vectors

The .vec format: "[name]" starts a section, "# ..." lines are comments,
"Key = value" lines set a field of the vector being read, and a vector is
complete when its last field (here "Exception" for parsing tests,
"Expected_Content" for the generation test) has been read.  Fields do not
carry over to the next vector.  An empty Exception means Botan decodes the
input; a non-empty one is Botan's exception text, i.e. "must reject" (the
wording is Botan's, and some rejections are Botan policy rather than wire
format -- the README says so).
"""
import json
import os
import re
import sys

SCHEMA = "tlswire-vectors/1"
REF = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
OUT = sys.argv[2] if len(sys.argv) > 2 else "vectors"
BOTAN = os.path.join(REF, "vectors/botan")

# file -> (output name, what the hex is, context)
FILES = {
    "tls/alert.vec": ("tls12_alert", "alert body (AlertLevel, AlertDescription), RFC 5246 §7.2",
                      {"version": "tls12", "structure": "alert"}),
    "tls/cert_status.vec": ("tls12_certificate_status",
                            "CertificateStatus handshake body (RFC 6066 §8), no 4-byte header",
                            {"version": "tls12", "structure": "certificate_status",
                             "side": "client_parses"}),
    "tls/cert_verify.vec": ("tls12_certificate_verify",
                            "CertificateVerify handshake body (RFC 5246 §7.4.8), no header",
                            {"version": "tls12", "structure": "certificate_verify"}),
    "tls/client_hello.vec": ("tls12_client_hello",
                             "ClientHello handshake body (RFC 5246 §7.4.1.2), no header",
                             {"version": "tls12", "structure": "client_hello",
                              "side": "server_parses"}),
    "tls/hello_request.vec": ("tls12_hello_request", "HelloRequest handshake body (empty)",
                              {"version": "tls12", "structure": "hello_request",
                               "side": "client_parses"}),
    "tls/hello_verify.vec": ("dtls12_hello_verify_request",
                             "DTLS HelloVerifyRequest body (RFC 6347 §4.2.1), no header",
                             {"version": "dtls12", "structure": "hello_verify_request",
                              "side": "client_parses"}),
    "tls/new_session_ticket.vec": ("tls12_new_session_ticket",
                                   "TLS 1.2 NewSessionTicket body (RFC 5077 §3.3), no header",
                                   {"version": "tls12", "structure": "new_session_ticket",
                                    "side": "client_parses"}),
    "tls/server_hello.vec": ("tls12_server_hello",
                             "ServerHello handshake body (RFC 5246 §7.4.1.3), no header",
                             {"version": "tls12", "structure": "server_hello",
                              "side": "client_parses"}),
    "tls_13/client_hello.vec": ("tls13_client_hello",
                                "ClientHello handshake body, no header; Message_Type says "
                                "whether Botan reads it as a TLS 1.2 or 1.3 hello",
                                {"version": "tls13", "structure": "client_hello",
                                 "side": "server_parses"}),
    "tls_13/server_hello.vec": ("tls13_server_hello",
                                "ServerHello / HelloRetryRequest handshake body, no header; "
                                "Message_Type says which Botan expects",
                                {"version": "tls13", "structure": "server_hello",
                                 "side": "client_parses"}),
    "tls_extensions/parsing/alpn.vec": (
        "ext_alpn", "extension_data of application_layer_protocol_negotiation (RFC 7301 §3.1)",
        {"version": "tls13", "structure": "extension_data", "extension": "alpn"}),
    "tls_extensions/parsing/cookie.vec": (
        "ext_cookie", "extension_data of cookie (RFC 8446 §4.2.2)",
        {"version": "tls13", "structure": "extension_data", "extension": "cookie"}),
    "tls_extensions/parsing/key_share_CH.vec": (
        "ext_key_share_client_hello", "extension_data of key_share in ClientHello "
        "(KeyShareClientHello, RFC 8446 §4.2.8)",
        {"version": "tls13", "structure": "extension_data", "extension": "key_share",
         "message": "client_hello"}),
    "tls_extensions/parsing/key_share_HRR.vec": (
        "ext_key_share_hello_retry_request", "extension_data of key_share in "
        "HelloRetryRequest (KeyShareHelloRetryRequest, RFC 8446 §4.2.8)",
        {"version": "tls13", "structure": "extension_data", "extension": "key_share",
         "message": "hello_retry_request"}),
    "tls_extensions/parsing/key_share_SH.vec": (
        "ext_key_share_server_hello", "extension_data of key_share in ServerHello "
        "(KeyShareServerHello, RFC 8446 §4.2.8)",
        {"version": "tls13", "structure": "extension_data", "extension": "key_share",
         "message": "server_hello"}),
    "tls_extensions/parsing/signature_algorithms_cert.vec": (
        "ext_signature_algorithms_cert", "extension_data of signature_algorithms_cert "
        "(RFC 8446 §4.2.3)",
        {"version": "tls13", "structure": "extension_data",
         "extension": "signature_algorithms_cert"}),
    "tls_extensions/parsing/supported_groups.vec": (
        "ext_supported_groups", "extension_data of supported_groups (RFC 8446 §4.2.7)",
        {"version": "tls13", "structure": "extension_data", "extension": "supported_groups"}),
    "tls_extensions/parsing/supported_versions.vec": (
        "ext_supported_versions", "extension_data of supported_versions (RFC 8446 §4.2.1)",
        {"version": "tls13", "structure": "extension_data",
         "extension": "supported_versions"}),
    "tls_extensions/generation/key_share_CH_offers.vec": (
        "ext_key_share_client_hello_generation", "expected serialized key_share extension_data "
        "(KeyShareClientHello) that Botan generates for the given groups and RNG output",
        {"version": "tls13", "structure": "extension_data", "extension": "key_share",
         "message": "client_hello", "generation": True}),
}

HEX_FIELDS = {"Buffer", "Protocol", "Ciphersuite", "AdditionalData", "Rng_Data"}


def fail(msg):
    sys.exit("botan_to_json: " + msg)


def parse_vec(path, terminator):
    cases, cur, comments = [], {}, []
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            comments.append(line.lstrip("#").strip())
            continue
        if line.startswith("["):
            comments = []  # file-level comments describe the format, not a case
            continue
        m = re.match(r"^(\w+)\s*=\s*(.*)$", line)
        if not m:
            fail("%s: unparsable line %r" % (path, line))
        cur[m.group(1)] = m.group(2).strip()
        if m.group(1) == terminator:
            cur["_comment"] = " ".join(c for c in comments if c)
            cases.append(cur)
            cur, comments = {}, []
    if cur:
        fail("%s: trailing incomplete vector %r" % (path, cur))
    return cases


def to_case(v, generation):
    c = {}
    if generation:
        c["hex"] = v["Expected_Content"].lower()
        c["expect"] = "valid"
    else:
        c["hex"] = v["Buffer"].lower()
        exc = v.get("Exception", "")
        c["expect"] = "reject" if exc else "valid"
        if exc:
            c["exception"] = exc
    if v["_comment"]:
        c["comment"] = v["_comment"]
    extra = {}
    for k, val in v.items():
        if k in ("Buffer", "Exception", "_comment") or (generation and k == "Expected_Content"):
            continue
        key = k.lower()
        extra[key] = val.lower() if k in HEX_FIELDS else val
    if extra:
        c["botan"] = extra
    if not re.fullmatch(r"(?:[0-9a-f]{2})*", c["hex"]):
        fail("bad hex %r" % c["hex"][:40])
    return c


def main():
    for rel, (name, what, ctx) in FILES.items():
        generation = bool(ctx.get("generation"))
        vs = parse_vec(os.path.join(BOTAN, rel),
                       "Expected_Content" if generation else "Exception")
        doc = {"schema": SCHEMA, "kind": "botan_messages",
               "source": "Botan test vectors, github:randombit/botan src/tests/data/%s "
                         "(/work/shared/reference/vectors/botan/%s); BSD-2-Clause" % (rel, rel),
               "description": "hex = %s. expect: 'valid' = Botan decodes it, 'reject' = Botan "
                              "throws (exception = Botan's text; treat as must-reject, not as "
                              "wording). 'botan' holds Botan's other per-vector fields "
                              "verbatim (lower-cased when hex)." % what,
               "context": {k: v for k, v in ctx.items() if k != "generation"},
               "cases": [to_case(v, generation) for v in vs]}
        if generation:
            doc["context"]["generation"] = True
        path = os.path.join(OUT, "botan", name + ".json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print("%s: %d cases (%d reject)" % (path, len(doc["cases"]),
                                            sum(c["expect"] == "reject" for c in doc["cases"])))


if __name__ == "__main__":
    main()
