#!/usr/bin/env python3
"""Re-checks stored capture vectors without running any peer.

    check_captures.py [dir]        (default: vectors/captures next to tests/)

For every <scenario>.json: the shape documented in vectors/captures/README.md,
the same wire checks capture.py makes before writing (record framing, first
ClientHello/ServerHello, suite, EMS/ALPN, key log labels and client_random,
ChangeCipherSpec and encrypted handshake record counts, the relay's record
shapes), and one more that needs no trace: the handshake messages readable in
plaintext on the wire (everything before each direction's first
ChangeCipherSpec or encrypted record) are exactly the first entries of that
direction's "handshake_types" -- of the first handshake's entries, where the
connection renegotiated: a renegotiation runs under the first handshake's
keys, so none of its messages is readable.  For a renegotiation the
"renegotiations" entries must also add up to "handshake_types" (their lists
are its tail), with one ClientHello, ServerHello and Finished each way per
handshake and one CLIENT_RANDOM key log line per handshake.
Exit status 0 if all pass.
"""

from __future__ import annotations

import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import capture  # noqa: E402

# RFC 8446 §4 / RFC 5246 §7.4 / RFC 6066 §8 HandshakeType values we expect.
HANDSHAKE_NAMES = {0: "hello_request", 1: "client_hello", 2: "server_hello",
                   4: "new_session_ticket", 5: "end_of_early_data",
                   8: "encrypted_extensions", 11: "certificate",
                   12: "server_key_exchange", 13: "certificate_request",
                   14: "server_hello_done", 15: "certificate_verify",
                   16: "client_key_exchange", 20: "finished",
                   22: "certificate_status", 24: "key_update"}

TOP_KEYS = {"schema", "kind", "source", "scenario", "description", "connections", "files"}
EXPECT_KEYS = {"version", "resumed", "cipher_suite", "cipher_suite_value", "key_exchange",
               "group", "server_signature", "alpn", "ocsp_stapled",
               "hello_retry_request", "client_certificate", "handshake_types"}


def plaintext_handshakes(stream: bytes) -> list[str]:
    """Names of the handshake messages sent before encryption starts."""
    buf = bytearray()
    for ct, _v, payload in capture.records(stream):
        if ct != 22:
            break                      # CCS (20), alert or application data
        buf += payload
    names, off = [], 0
    while off + 4 <= len(buf):
        ln = int.from_bytes(buf[off + 1:off + 4], "big")
        if off + 4 + ln > len(buf):
            break
        names.append(HANDSHAKE_NAMES.get(buf[off], f"unknown_{buf[off]}"))
        off += 4 + ln
    return names


def check_renegotiation(i: int, e: dict, keylog: str) -> list[str]:
    """The renegotiation facts agree with each other and with handshake_types."""
    errs = []
    renegs = e.get("renegotiations", [])
    hs = e.get("handshakes", 1)
    if e.get("renegotiated", False) != (hs > 1) or len(renegs) != hs - 1:
        return [f"[{i}] renegotiated={e.get('renegotiated')}, handshakes={hs}, "
                f"{len(renegs)} renegotiations"]
    if e["version"] == "TLS 1.3" and hs > 1:
        return [f"[{i}] TLS 1.3 has no renegotiation"]
    listed = e["handshake_types"]
    for direction, hello in (("c2s", "client_hello"), ("s2c", "server_hello")):
        tail = [n for r in renegs for n in r["handshake_types"][direction]]
        if tail and listed[direction][-len(tail):] != tail:
            errs.append(f"[{i}] {direction}: renegotiations list {tail}, handshake_types ends "
                        f"{listed[direction][-len(tail):]}")
        if hs > 1:
            for name in (hello, "finished"):
                if listed[direction].count(name) != hs:
                    errs.append(f"[{i}] {direction}: {listed[direction].count(name)} {name} "
                                f"for {hs} handshakes")
    for k, r in enumerate(renegs, 1):
        s2c = r["handshake_types"]["s2c"]
        if (s2c[:1] == ["hello_request"]) != (r["initiator"] == "server"):
            errs.append(f"[{i}] renegotiation {k}: initiator {r['initiator']}, s2c {s2c}")
        if r["resumed"] != ("certificate" not in s2c):
            errs.append(f"[{i}] renegotiation {k}: resumed={r['resumed']}, s2c {s2c}")
        if r["client_certificate"] != ("certificate" in r["handshake_types"]["c2s"]):
            errs.append(f"[{i}] renegotiation {k}: client_certificate")
        if not r["secure"]:
            errs.append(f"[{i}] renegotiation {k}: not secure (RFC 5746)")
    if e["version"] != "TLS 1.3" and len(capture.keylog_randoms(keylog)) != hs:
        errs.append(f"[{i}] {len(capture.keylog_randoms(keylog))} CLIENT_RANDOM lines for "
                    f"{hs} handshake(s)")
    return errs


def check_file(path: str) -> list[str]:
    errs = []
    d = json.load(open(path))
    name = os.path.basename(path)[:-5]
    if set(d) != TOP_KEYS:
        errs.append(f"top-level keys {sorted(d)}")
    if d.get("schema") != "tlswire-vectors/1" or d.get("kind") != "capture":
        errs.append("schema/kind")
    if d.get("scenario") != name:
        errs.append(f"scenario {d.get('scenario')!r} != file name")
    if not d.get("connections"):
        errs.append("no connections")
    for f in ("ca_cert_pem", "server_cert_pem", "server_key_pem"):
        if "-----BEGIN" not in d.get("files", {}).get(f, ""):
            errs.append(f"files.{f} missing")
    for i, conn in enumerate(d.get("connections", [])):
        e = conn["expect"]
        missing = EXPECT_KEYS - set(e)
        if missing:
            errs.append(f"[{i}] expect lacks {sorted(missing)}")
            continue
        c2s, s2c = bytes.fromhex(conn["c2s"]), bytes.fromhex(conn["s2c"])
        try:
            capture.check_connection(c2s, s2c, conn["keylog"], [], e)
        except capture.CaptureError as exc:
            errs.append(f"[{i}] {exc}")
            continue
        renegs = e.get("renegotiations", [])
        for direction, stream in (("c2s", c2s), ("s2c", s2c)):
            seen = plaintext_handshakes(stream)
            listed = e["handshake_types"][direction]
            # Only the first handshake can be in plaintext.
            tail = sum(len(r["handshake_types"][direction]) for r in renegs)
            first = listed[:len(listed) - tail]
            if not seen or first[:len(seen)] != seen:
                errs.append(f"[{i}] {direction}: wire shows {seen}, expect lists {first} for "
                            "the first handshake")
        errs += check_renegotiation(i, e, conn["keylog"])
        # The second connection of *_resume_* and of the 0-RTT scenarios resumes.
        if e["resumed"] != (i > 0 and ("_resume_" in name or "early_data" in e)):
            errs.append(f"[{i}] resumed={e['resumed']}")
    return errs


def main(argv: list[str]) -> int:
    d = argv[0] if argv else os.path.join(HERE, "..", "..", "vectors", "captures")
    files = sorted(glob.glob(os.path.join(d, "*.json")))
    if not files:
        print(f"no captures in {d}", file=sys.stderr)
        return 1
    bad = 0
    for f in files:
        errs = check_file(f)
        conns = len(json.load(open(f))["connections"])
        print(f"{os.path.basename(f)}: {'ok' if not errs else 'FAIL'} ({conns} connection(s))")
        for e in errs:
            print(f"    {e}")
        bad += bool(errs)
    print(f"{len(files) - bad}/{len(files)} captures pass")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
