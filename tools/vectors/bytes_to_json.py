#!/usr/bin/env python3
"""Wrap raw TLS byte dumps (illustrated-tls13/tls12/quic, rustls test data) as
tlswire-vectors/1 "bytes" files.

Usage: bytes_to_json.py [REFERENCE_DIR] [OUT_DIR]
  defaults: /work/shared/reference  vectors

Each capture file was looked at by hand and classified in the tables below
(what it holds, who sent it).  The script then checks the structural claim
the classification implies -- record headers whose lengths add up, handshake
headers whose lengths add up, a TLS 1.3 inner plaintext that ends in its real
content type -- and stops if a file does not match its description.  It does
not interpret message contents beyond that; that is the codec's job.
"""
import json
import os
import sys

SCHEMA = "tlswire-vectors/1"
REF = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
OUT = sys.argv[2] if len(sys.argv) > 2 else "vectors"
VEC = os.path.join(REF, "vectors")


def fail(msg):
    sys.exit("bytes_to_json: " + msg)


def split_records(b):
    out, i = [], 0
    while i < len(b):
        if len(b) - i < 5:
            fail("truncated record header")
        n = int.from_bytes(b[i + 3:i + 5], "big")
        if i + 5 + n > len(b):
            fail("record overruns the file")
        out.append(b[i:i + 5 + n])
        i += 5 + n
    return out


def split_handshake(b):
    out, i = [], 0
    while i < len(b):
        if len(b) - i < 4:
            fail("truncated handshake header")
        n = int.from_bytes(b[i + 1:i + 4], "big")
        if i + 4 + n > len(b):
            fail("handshake message overruns the file")
        out.append(b[i:i + 4 + n])
        i += 4 + n
    return out


def check(content, b, name):
    """Verify that bytes b really are what 'content' claims."""
    if content == "records":
        split_records(b)
    elif content == "handshake_messages":
        split_handshake(b)
    elif content == "tls13_inner_plaintext":
        # RFC 8446 §5.2: content || ContentType type || zeros
        body = b.rstrip(b"\x00")
        if not body or body[-1] not in (21, 22, 23):
            fail("%s: inner plaintext without a content type" % name)
        if body[-1] == 22:
            split_handshake(body[:-1])
    elif content in ("tls12_decrypted_fragment", "invalid_records"):
        pass
    else:
        fail("unknown content %r" % content)


def entry(dir_, fname, content, dirn, description, **extra):
    path = os.path.join(dir_, fname)
    b = open(path, "rb").read()
    check(content, b, fname)
    e = {"name": fname, "content": content, "dir": dirn, "description": description}
    e.update(extra)
    e["hex"] = b.hex()
    return e


def keylog(path):
    out = []
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if len(parts) == 3 and not line.startswith("#"):
            out.append({"label": parts[0], "client_random": parts[1].lower(),
                        "secret": parts[2].lower()})
    return out


def write(path, doc):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%s: %d entries" % (full, len(doc["entries"])))


def illustrated_tls13():
    d = os.path.join(VEC, "illustrated-tls13/captures/caps")
    R, IP = "records", "tls13_inner_plaintext"
    table = [
        ("clienthello", R, "c2s", "ClientHello record (plaintext)"),
        ("serverhello", R, "s2c", "ServerHello record (plaintext)"),
        ("serverccs", R, "s2c", "ChangeCipherSpec record (middlebox compatibility)"),
        ("serverencextensions", R, "s2c", "protected record carrying EncryptedExtensions"),
        ("serverextensions", IP, "s2c", "decrypted inner plaintext: EncryptedExtensions + content type 0x16"),
        ("serverenccert", R, "s2c", "protected record carrying Certificate"),
        ("servercert", IP, "s2c", "decrypted inner plaintext: Certificate + content type 0x16"),
        ("serverenccertverify", R, "s2c", "protected record carrying CertificateVerify"),
        ("servercertverify", IP, "s2c", "decrypted inner plaintext: CertificateVerify + content type 0x16"),
        ("serverencfinished", R, "s2c", "protected record carrying the server Finished"),
        ("serverfinished", IP, "s2c", "decrypted inner plaintext: server Finished + content type 0x16"),
        ("clientccs", R, "c2s", "ChangeCipherSpec record (middlebox compatibility)"),
        ("clientencfinished", R, "c2s", "protected record carrying the client Finished"),
        ("clientfinished", IP, "c2s", "decrypted inner plaintext: client Finished + content type 0x16"),
        ("serverencticket1", R, "s2c", "protected record carrying the first NewSessionTicket"),
        ("serverticket1", IP, "s2c", "decrypted inner plaintext: NewSessionTicket + content type 0x16"),
        ("serverencticket2", R, "s2c", "protected record carrying the second NewSessionTicket"),
        ("serverticket2", IP, "s2c", "decrypted inner plaintext: NewSessionTicket + content type 0x16"),
        ("clientencdata", R, "c2s", "protected application_data record"),
        ("clientdata", IP, "c2s", "decrypted inner plaintext: \"ping\" + content type 0x17"),
        ("serverencdata", R, "s2c", "protected application_data record"),
        ("serverdata", IP, "s2c", "decrypted inner plaintext: \"pong\" + content type 0x17"),
    ]
    if sorted(t[0] for t in table) != sorted(os.listdir(d)):
        fail("illustrated-tls13 caps changed; classify the new files")
    doc = {"schema": SCHEMA, "kind": "bytes",
           "source": "The Illustrated TLS 1.3 Connection, github:syncsynchalt/illustrated-tls13@"
                     "8d83cef06a97cf7094740d5c0c251ad09265cf95 captures/caps/* and "
                     "captures/keylog.txt (https://tls13.xargs.org); MIT licence",
           "description": "One TLS 1.3 connection captured record by record, with the decrypted "
                          "inner plaintexts and the NSS key log. Contexts from site/index.html.",
           "context": {"version": "tls13", "cipher_suite": "TLS_AES_256_GCM_SHA384",
                       "named_group": "x25519", "hash": "sha384"},
           "entries": [entry(d, *t) for t in table],
           "keylog": keylog(os.path.join(VEC, "illustrated-tls13/captures/keylog.txt"))}
    write("bytes/illustrated_tls13.json", doc)


def illustrated_tls12():
    d = os.path.join(VEC, "illustrated-tls12/captures/caps")
    R, F = "records", "tls12_decrypted_fragment"
    frag = ("decrypted TLS 1.2 CBC fragment as published: the first %d bytes are the "
            "plaintext (%s), the rest is the HMAC-SHA1 and padding left after decryption")
    table = [
        ("clienthello", R, "c2s", "ClientHello record"),
        ("serverhello", R, "s2c", "ServerHello record"),
        ("servercert", R, "s2c", "Certificate record"),
        ("serverkeyexchange", R, "s2c", "ServerKeyExchange record (ECDHE, x25519, RSA signature)"),
        ("serverhellodone", R, "s2c", "ServerHelloDone record"),
        ("clientkeyexchange", R, "c2s", "ClientKeyExchange record (ECDHE public key)"),
        ("clientccs", R, "c2s", "ChangeCipherSpec record"),
        ("clientfinished", R, "c2s", "encrypted handshake record carrying the client Finished"),
        ("clientfinishedplain", "handshake_messages", "c2s",
         "decrypted client Finished handshake message"),
        ("serverccs", R, "s2c", "ChangeCipherSpec record"),
        ("serverfinished", R, "s2c", "encrypted handshake record carrying the server Finished"),
        ("serverfinishedplain", F, "s2c", frag % (16, "server Finished")),
        ("clientdata", R, "c2s", "encrypted application_data record"),
        ("clientdataplain", F, "c2s", frag % (4, "\"ping\"")),
        ("serverdata", R, "s2c", "encrypted application_data record"),
        ("serverdataplain", F, "s2c", frag % (4, "\"pong\"")),
        ("clientalert", R, "c2s", "encrypted alert record (close_notify)"),
        ("clientalertplain", F, "c2s", frag % (2, "close_notify alert 01 00")),
    ]
    lens = {"serverfinishedplain": 16, "clientdataplain": 4, "serverdataplain": 4,
            "clientalertplain": 2}
    if sorted(t[0] for t in table) != sorted(os.listdir(d)):
        fail("illustrated-tls12 caps changed; classify the new files")
    entries = []
    for t in table:
        extra = {"plaintext_length": lens[t[0]]} if t[0] in lens else {}
        entries.append(entry(d, *t, **extra))
    doc = {"schema": SCHEMA, "kind": "bytes",
           "source": "The Illustrated TLS 1.2 Connection, github:syncsynchalt/illustrated-tls12@"
                     "d0e54d66a825ff320793494bf4e31cb22fe1edcc captures/caps/* and "
                     "captures/keylog.txt (https://tls12.xargs.org); MIT licence",
           "description": "One TLS 1.2 connection captured record by record, with decrypted "
                          "fragments and the NSS key log (CLIENT_RANDOM -> master secret).",
           "context": {"version": "tls12",
                       "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                       "named_group": "x25519", "hash": "sha256"},
           "entries": entries,
           "keylog": keylog(os.path.join(VEC, "illustrated-tls12/captures/keylog.txt"))}
    write("bytes/illustrated_tls12.json", doc)


def illustrated_quic():
    d = os.path.join(VEC, "illustrated-quic/captures/caps")
    H = "handshake_messages"
    table = [
        ("crypto_clienthello", H, "c2s", "ClientHello carried in Initial CRYPTO frames"),
        ("crypto_serverhello", H, "s2c", "ServerHello carried in Initial CRYPTO frames"),
        ("crypto_extensions", H, "s2c",
         "EncryptedExtensions (with quic_transport_parameters) in Handshake CRYPTO frames"),
        ("crypto_cert", H, "s2c", "Certificate in Handshake CRYPTO frames"),
        ("crypto_certverify", H, "s2c", "CertificateVerify in Handshake CRYPTO frames"),
        ("crypto_s_finished", H, "s2c", "server Finished in Handshake CRYPTO frames"),
        ("crypto_c_finished", H, "c2s", "client Finished in Handshake CRYPTO frames"),
    ]
    present = sorted(f for f in os.listdir(d) if f.startswith("crypto_"))
    if sorted(t[0] for t in table) != present:
        fail("illustrated-quic crypto_* changed; classify the new files")
    doc = {"schema": SCHEMA, "kind": "bytes",
           "source": "The Illustrated QUIC Connection, github:syncsynchalt/illustrated-quic "
                     "captures/caps/crypto_* and captures/keylog.txt (https://quic.xargs.org); "
                     "MIT licence",
           "description": "TLS 1.3 handshake messages as carried in QUIC CRYPTO frames "
                          "(RFC 9001 §4): bare handshake messages, no record layer. The QUIC "
                          "packets themselves (pkt*/dgram*) are not included.",
           "context": {"version": "tls13", "cipher_suite": "TLS_AES_128_GCM_SHA256",
                       "named_group": "x25519", "hash": "sha256", "transport": "quic"},
           "entries": [entry(d, *t) for t in table],
           "keylog": keylog(os.path.join(VEC, "illustrated-quic/captures/keylog.txt"))}
    write("bytes/illustrated_quic.json", doc)


def rustls():
    d = os.path.join(VEC, "rustls-testdata")
    R, BAD = "records", "invalid_records"
    table = [
        ("deframer-test.1.bin", R, "c2s", "one handshake record carrying a ClientHello", True),
        ("deframer-test.2.bin", R, "unknown",
         "one alert record: warning(1) unsupported_extension(110)", True),
        ("deframer-empty-applicationdata.bin", R, "unknown",
         "application_data record with a zero-length fragment (allowed for application data, "
         "RFC 8446 §5.1)", True),
        ("handshake-test.1.bin", R, "mixed",
         "five handshake records: the client's ClientHello, then the TLS 1.2 server flight "
         "ServerHello, Certificate, ServerKeyExchange, ServerHelloDone", True),
        ("hello-api.devicecheck.apple.com.bin", "handshake_messages", "s2c",
         "bare ServerHello handshake message (TLS 1.2 server api.devicecheck.apple.com)", True),
        ("deframer-invalid-contenttype.bin", BAD, "unknown",
         "record with content type 0 (not a valid ContentType)", False),
        ("deframer-invalid-empty.bin", BAD, "unknown",
         "handshake record with a zero-length fragment (RFC 8446 §5.1: must not be sent)", False),
        ("deframer-invalid-length.bin", BAD, "unknown",
         "record header claims 65535 bytes (above 2^14 + 2048) and the data is truncated", False),
        ("deframer-invalid-version.bin", BAD, "unknown",
         "record with legacy_record_version 0x0123 (not 0x03xx)", False),
    ]
    if sorted(t[0] for t in table) != sorted(f for f in os.listdir(d) if f.endswith(".bin")):
        fail("rustls-testdata changed; classify the new files")
    entries = []
    for name, content, dirn, desc, valid in table:
        entries.append(entry(d, name, content, dirn, desc, valid=valid))
    doc = {"schema": SCHEMA, "kind": "bytes",
           "source": "rustls test data, github:rustls/rustls@6868ee84dd62b4292b760cb7ba487cb37f86a95f "
                     "rustls/src/testdata/*.bin; Apache-2.0/MIT/ISC",
           "description": "Raw record-layer inputs used by rustls' deframer and handshake tests; "
                          "'valid': false entries must be rejected by a record parser.",
           "context": {"version": "tls12"},
           "entries": entries}
    write("bytes/rustls.json", doc)


if __name__ == "__main__":
    illustrated_tls13()
    illustrated_tls12()
    illustrated_quic()
    rustls()
