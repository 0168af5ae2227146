#!/usr/bin/env python3
"""Capture real DTLS handshakes between OpenSSL / GnuTLS peers on 127.0.0.1.

For each named scenario this script makes throw-away test keys and
certificates (capture.py's Pki: an ECDSA P-256 CA, RSA-2048 or ECDSA P-256
leaves), starts a server (openssl s_server -dtls1_2/-dtls1, or gnutls-serv
--udp), puts tests/dtls/udp_relay.py between it and a client (openssl
s_client, gnutls-cli --udp), lets the client complete a handshake, send one
line of application data each way (gnutls-serv --echo: the client's line,
echoed) and close, and writes vectors/dtls/interop/-style JSON:

    dtls_capture.py --list                 the scenario names
    dtls_capture.py <scenario> <outdir>    write <outdir>/<scenario>.json
    dtls_capture.py all <outdir>           every scenario

The JSON (kind "dtls_datagrams", documented in vectors/dtls/interop/README.md)
holds every datagram the relay received, in order, with its direction and
connection; those it dropped (loss simulation) are listed apart.  Per
connection: the key log (SSLKEYLOGFILE format: s_client/s_server
-keylogfile, gnutls' SSLKEYLOGFILE), the application data each side sent,
what the client reported (version, suite, resumed) and an "expect" block
computed from the bytes by the decode below -- independent of tlswire --
which this script cross-checks against the peers' reports and s_client's
-msg trace (the reassembled handshake messages it sent and read) before it
writes anything: a scenario that does not come out as intended (no
fragmentation, no retransmission where datagrams were dropped, one where
none were, ...) is an error, not a vector.

Safety and bounds: every address is 127.0.0.1; every peer runs under
`timeout`; every wait has a deadline; started processes are killed by pid
(process group) when the scenario ends.  gnutls-serv --udp binds every
address, so scenarios with it run in a private network namespace (`unshare
-n`, loopback only); where that is not permitted they are skipped (exit 77).

Standard library only (plus capture.py next to this file and
tests/dtls/udp_relay.py).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "dtls"))
import capture as cap  # noqa: E402
from udp_relay import UdpRelay  # noqa: E402

LOOPBACK = cap.LOOPBACK
CLIENT_LINE = "hello from client"
SERVER_LINE = "hello from server"
SKIP = cap.SKIP
CaptureError, Skipped = cap.CaptureError, cap.Skipped

VERSION_CODES = {"dtls10": 0xfeff, "dtls12": 0xfefd, "dtls09": 0x0100}
OPENSSL_FLAGS = {"dtls12": "-dtls1_2", "dtls10": "-dtls1"}
GNUTLS_VERS = {"dtls12": "VERS-DTLS1.2", "dtls10": "VERS-DTLS1.0", "dtls09": "VERS-DTLS0.9"}
REPORTED_VERSIONS = {"DTLSv1.2": "dtls12", "DTLSv1": "dtls10", "DTLSv1.0": "dtls10",
                     "DTLS1.2": "dtls12", "DTLS1.0": "dtls10", "DTLS0.9": "dtls09"}


@dataclass
class Scenario:
    name: str
    description: str
    client: str = "openssl"            # "openssl" | "gnutls"
    server: str = "openssl"            # "openssl" | "gnutls"
    version: str = "dtls12"            # dtls12 | dtls10 | dtls09 (GnuTLS only)
    cert: str = "rsa"                  # server key: rsa | ecdsa
    mtu: int = 300
    listen: bool = True                # s_server -listen (gnutls-serv: cookies unless --nocookie)
    openssl_cipher: str = ""           # s_client -cipher (both peers for DTLS 1.0, with @SECLEVEL=0)
    gnutls_priority: str = ""          # gnutls-cli/gnutls-serv --priority (beyond the version)
    client_args: list = field(default_factory=list)
    server_args: list = field(default_factory=list)
    mutual: bool = False               # the server demands a client certificate
    connections: int = 1               # 2: a full handshake, then a resumption
    # Datagrams the relay drops, by rules "DIR#N" (the Nth datagram of DIR,
    # 0-based) or "DIR:WHAT#N" (the Nth datagram of DIR that carries WHAT:
    # "certificate", a Certificate fragment; "finished", a protected handshake
    # record -- the Finished -- of epoch 1); each rule drops one datagram.
    drops: tuple = ()
    want: list = field(default_factory=list)  # per connection: expected facts


def _s(*a, **k) -> Scenario:
    return Scenario(*a, **k)


SCENARIOS: list[Scenario] = [
    # ---- OpenSSL <-> OpenSSL ---------------------------------------------
    _s("interop_dtls12_openssl_default", "DTLS 1.2, OpenSSL both sides with their default suite, "
       "s_server -listen (HelloVerifyRequest cookie exchange), MTU 300 on both sides so that "
       "Certificate and ServerKeyExchange are fragmented",
       want=[{"version": "dtls12", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
              "hello_verify_request": True, "resumed": False}]),
    _s("interop_dtls12_openssl_chacha20_ecdsa", "DTLS 1.2 ECDHE-ECDSA with ChaCha20-Poly1305 "
       "(RFC 7905), ECDSA P-256 server certificate, -listen, MTU 256",
       cert="ecdsa", mtu=256, openssl_cipher="ECDHE-ECDSA-CHACHA20-POLY1305",
       want=[{"version": "dtls12", "cipher_suite": "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
              "hello_verify_request": True}]),
    _s("interop_dtls12_openssl_cbc", "DTLS 1.2 ECDHE-RSA with AES-128-CBC-SHA (encrypt_then_mac "
       "negotiated, RFC 7366), -listen, MTU 300",
       openssl_cipher="ECDHE-RSA-AES128-SHA",
       want=[{"version": "dtls12", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
              "encrypt_then_mac": True, "hello_verify_request": True}]),
    _s("interop_dtls10_openssl_default", "DTLS 1.0 (RFC 4347), OpenSSL both sides with their "
       "default suite at @SECLEVEL=0 (DTLS 1.0 needs it in OpenSSL 3), -listen, MTU 300",
       version="dtls10",
       want=[{"version": "dtls10", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
              "hello_verify_request": True}]),
    _s("interop_dtls12_openssl_mtls", "DTLS 1.2 with client authentication: s_server -Verify 1 "
       "asks for a certificate (CertificateRequest), s_client sends its ECDSA P-256 certificate "
       "and a CertificateVerify; -listen, MTU 300",
       mutual=True, openssl_cipher="ECDHE-RSA-AES128-GCM-SHA256",
       want=[{"version": "dtls12", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
              "client_certificate": True, "hello_verify_request": True}]),
    _s("interop_dtls12_openssl_resumption_ticket", "DTLS 1.2 full handshake storing the session "
       "(s_client -sess_out; the server sends a NewSessionTicket), then a second connection "
       "resuming it by ticket (-sess_in): an abbreviated handshake, no Certificate; MTU 300, "
       "so the second ClientHello, with the ticket, is fragmented too; no -listen (s_server "
       "-listen takes no fragmented ClientHello, and resumed no session here; without it "
       "s_server still makes a cookie exchange, in SSL_accept)",
       connections=2, openssl_cipher="ECDHE-RSA-AES128-GCM-SHA256", listen=False,
       want=[{"version": "dtls12", "resumed": False}, {"version": "dtls12", "resumed": True}]),
    _s("interop_dtls12_openssl_resumption_session_id", "DTLS 1.2 full handshake, then "
       "resumption by session ID (no tickets: -no_ticket on both sides), MTU 300, no -listen",
       connections=2, openssl_cipher="ECDHE-RSA-AES128-GCM-SHA256", listen=False,
       client_args=["-no_ticket"], server_args=["-no_ticket"],
       want=[{"version": "dtls12", "resumed": False}, {"version": "dtls12", "resumed": True}]),
    _s("interop_dtls12_openssl_loss_s2c", "DTLS 1.2 ECDHE-RSA-AES128-GCM, -listen, MTU 300; the "
       "relay drops two server datagrams: the first with a Certificate fragment and the first "
       "with its Finished (epoch 1): the server retransmits its flights (the Certificate cut "
       "at other offsets), the client its ClientHello and its last flight",
       openssl_cipher="ECDHE-RSA-AES128-GCM-SHA256", drops=("s2c:certificate#0", "s2c:finished#0"),
       want=[{"version": "dtls12", "retransmissions": True}]),
    _s("interop_dtls12_openssl_loss_c2s", "DTLS 1.2 ECDHE-RSA-AES128-GCM, -listen, MTU 300; the "
       "relay drops the client's datagram with its Finished (epoch 1) and the second "
       "one with it, the retransmission: the server retransmits its flight on its timer, "
       "the client its own",
       openssl_cipher="ECDHE-RSA-AES128-GCM-SHA256", drops=("c2s:finished#0", "c2s:finished#1"),
       want=[{"version": "dtls12", "retransmissions": True}]),
    # ---- GnuTLS <-> GnuTLS ------------------------------------------------
    _s("interop_dtls12_gnutls_default", "DTLS 1.2, gnutls-cli --udp against gnutls-serv --udp "
       "(cookie exchange: gnutls-serv's default), defaults, MTU 300",
       client="gnutls", server="gnutls",
       want=[{"version": "dtls12", "hello_verify_request": True}]),
    _s("interop_dtls10_gnutls_default", "DTLS 1.0, gnutls-cli --udp (priority: DTLS 1.0 only) "
       "against gnutls-serv --udp, cookie exchange, MTU 300",
       client="gnutls", server="gnutls", version="dtls10",
       want=[{"version": "dtls10", "hello_verify_request": True}]),
    _s("interop_dtls12_gnutls_resumption", "DTLS 1.2, gnutls-cli --udp --resume against "
       "gnutls-serv --udp: a full handshake (with a session ticket), the client closes and "
       "reconnects from a new port, resuming the session; cookie exchange each time, MTU 300",
       client="gnutls", server="gnutls", connections=2,
       want=[{"version": "dtls12", "resumed": False}, {"version": "dtls12", "resumed": True}]),
    _s("interop_dtls12_gnutls_loss_s2c", "DTLS 1.2, gnutls-cli --udp against gnutls-serv --udp, "
       "MTU 300; the relay drops the server's first datagram with a Certificate fragment and "
       "the first with its Finished: GnuTLS' retransmissions of both flights",
       client="gnutls", server="gnutls", drops=("s2c:certificate#0", "s2c:finished#0"),
       want=[{"version": "dtls12", "retransmissions": True}]),
    # (GnuTLS 3.7.9's VERS-DTLS0.9, the pre-RFC 0x0100, on both sides: gnutls-cli
    # never completed a handshake with gnutls-serv here -- timed out -- so no scenario.)
    # ---- GnuTLS <-> OpenSSL ----------------------------------------------
    _s("interop_dtls12_gnutls_cli_openssl_srv", "DTLS 1.2, gnutls-cli --udp against s_server "
       "-listen, defaults, MTU 300",
       client="gnutls", server="openssl",
       want=[{"version": "dtls12", "hello_verify_request": True}]),
    _s("interop_dtls12_gnutls_cli_openssl_srv_mtls", "DTLS 1.2 with client authentication, "
       "gnutls-cli --udp (ECDSA P-256 client certificate) against s_server -listen -Verify 1, "
       "MTU 300 (the client's Certificate fragmented too)",
       client="gnutls", server="openssl", mutual=True,
       want=[{"version": "dtls12", "client_certificate": True, "hello_verify_request": True}]),
    _s("interop_dtls12_openssl_cli_gnutls_srv_chacha20", "DTLS 1.2, s_client against "
       "gnutls-serv --udp, ECDHE-RSA with ChaCha20-Poly1305, MTU 300",
       client="openssl", server="gnutls", openssl_cipher="ECDHE-RSA-CHACHA20-POLY1305",
       want=[{"version": "dtls12", "cipher_suite": "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
              "hello_verify_request": True}]),
    _s("interop_dtls10_gnutls_cli_openssl_srv_cbc", "DTLS 1.0, gnutls-cli --udp (DTLS 1.0 "
       "only, AES-128-CBC-SHA1) against s_server -dtls1 -listen, MTU 300",
       client="gnutls", server="openssl", version="dtls10",
       gnutls_priority="-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA1",
       want=[{"version": "dtls10", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}]),
    _s("interop_dtls10_openssl_cli_gnutls_srv", "DTLS 1.0, s_client -dtls1 against gnutls-serv "
       "--udp, MTU 300",
       client="openssl", server="gnutls", version="dtls10",
       want=[{"version": "dtls10", "hello_verify_request": True}]),
]


# --------------------------------------------------------------------------
# The independent decode of the datagrams (RFC 6347 §4.1, §4.2.2)
# --------------------------------------------------------------------------

def records(dgram: bytes):
    """(type, version, epoch, seq, fragment) of each record; the lengths must tile it."""
    i, out = 0, []
    while i < len(dgram):
        if len(dgram) - i < 13:
            raise CaptureError(f"datagram {dgram[:16].hex()}...: record header cut at {i}")
        ln = int.from_bytes(dgram[i + 11:i + 13], "big")
        if len(dgram) - i - 13 < ln:
            raise CaptureError(f"datagram {dgram[:16].hex()}...: record at {i} cut")
        out.append((dgram[i], int.from_bytes(dgram[i + 1:i + 3], "big"),
                    int.from_bytes(dgram[i + 3:i + 5], "big"),
                    int.from_bytes(dgram[i + 5:i + 11], "big"), dgram[i + 13:i + 13 + ln]))
        i += 13 + ln
    return out


def fragments(rec: bytes):
    """(msg_type, length, message_seq, fragment_offset, body) of each handshake fragment."""
    i, out = 0, []
    while i < len(rec):
        if len(rec) - i < 12:
            raise CaptureError("handshake fragment header cut")
        t, ln = rec[i], int.from_bytes(rec[i + 1:i + 4], "big")
        seq, off = int.from_bytes(rec[i + 4:i + 6], "big"), int.from_bytes(rec[i + 6:i + 9], "big")
        fl = int.from_bytes(rec[i + 9:i + 12], "big")
        if len(rec) - i - 12 < fl or off + fl > ln:
            raise CaptureError("handshake fragment lengths disagree")
        out.append((t, ln, seq, off, rec[i + 12:i + 12 + fl]))
        i += 12 + fl
    return out


class Direction:
    """One direction of one connection: its plaintext handshake messages, reassembled."""

    def __init__(self):
        self.next = 0
        self.held = {}          # message_seq -> [type, bytearray, set of offsets]
        self.messages = []      # (type, message_seq, body) in delivery order
        self.fragments = {}     # message_seq -> fragments seen (retransmissions included)
        self.split = set()      # message_seq of messages sent in more than one fragment
        self.duplicates = 0     # fragments that brought nothing new
        self.hvr_copies = 0     # of them, HelloVerifyRequests
        self.records = 0
        self.protected = 0      # records of epoch > 0
        self.protected_handshake = 0
        self.application_data = []   # fragment lengths of epoch > 0 application_data records
        self.alerts = 0
        self.ccs = 0
        self.versions = set()

    def feed(self, t, ln, seq, off, body):
        self.fragments[seq] = self.fragments.get(seq, 0) + 1
        if len(body) < ln:
            self.split.add(seq)
        if seq < self.next:
            self.duplicates += 1
            self.hvr_copies += t == 3
            return
        h = self.held.setdefault(seq, [t, bytearray(ln), set(), False])
        if h[0] != t or len(h[1]) != ln:
            raise CaptureError(f"message_seq {seq}: fragments disagree on type or length")
        new = [off + k for k in range(len(body)) if off + k not in h[2]]
        for k in range(len(body)):
            if off + k in h[2] and h[1][off + k] != body[k]:
                raise CaptureError(f"message_seq {seq}: overlapping fragments differ")
        if not new and not (ln == 0 and not h[3]):
            self.duplicates += 1
            return
        for k in range(len(body)):
            h[1][off + k] = body[k]
            h[2].add(off + k)
        h[3] = True
        while self.next in self.held and len(self.held[self.next][2]) == len(self.held[self.next][1]) \
                and self.held[self.next][3]:
            t_, b_, _c, _e = self.held.pop(self.next)
            self.messages.append((t_, self.next, bytes(b_)))
            self.next += 1

    def pending(self) -> int:
        return len(self.held)


def decode(datagrams) -> dict:
    """{(connection, dir): Direction} over the forwarded datagrams."""
    dirs = {}
    for d in datagrams:
        st = dirs.setdefault((d.connection, d.dir), Direction())
        for ctype, version, epoch, _seq, frag in records(d.data):
            st.records += 1
            st.versions.add(version)
            if epoch != 0:
                st.protected += 1
                if ctype == 22:
                    st.protected_handshake += 1
                elif ctype == 23:
                    st.application_data.append(len(frag))
                continue
            if ctype == 22:
                for f in fragments(frag):
                    st.feed(*f)
            elif ctype == 20:
                st.ccs += 1
            elif ctype == 21:
                st.alerts += 1
    return dirs


def hello_fields(body: bytes, client: bool) -> dict:
    """version, random, session_id, cookie (ClientHello), suite, extensions of a DTLS hello."""
    f = {"version": int.from_bytes(body[0:2], "big"), "random": body[2:34]}
    off = 34
    f["session_id"] = body[off + 1:off + 1 + body[off]]
    off += 1 + body[off]
    if client:
        f["cookie"] = body[off + 1:off + 1 + body[off]]
        off += 1 + body[off]
        n = int.from_bytes(body[off:off + 2], "big")
        f["suites"] = [int.from_bytes(body[k:k + 2], "big") for k in range(off + 2, off + 2 + n, 2)]
        off += 2 + n
        off += 1 + body[off]
    else:
        f["suite"] = int.from_bytes(body[off:off + 2], "big")
        off += 3
    exts = []
    if off < len(body):
        end = off + 2 + int.from_bytes(body[off:off + 2], "big")
        off += 2
        while off + 4 <= end:
            ln = int.from_bytes(body[off + 2:off + 4], "big")
            exts.append(int.from_bytes(body[off:off + 2], "big"))
            off += 4 + ln
    f["extensions"] = exts
    return f


# --------------------------------------------------------------------------
# The peers' reports
# --------------------------------------------------------------------------

def parse_openssl_trace(text: str) -> list[tuple[str, bytes]]:
    """s_client -msg for DTLS (OpenSSL 3.0 labels them "Not TLS data"): each
    handshake message it sent (>>>) or read (<<<), whole, with its 12-byte header."""
    out, cur = [], None
    for line in text.splitlines():
        m = re.match(r"(>>>|<<<) (?:.*content_type=22\)|DTLS [0-9.]+, Handshake) "
                     r"\[length [0-9a-f]+\]", line)
        if m:
            cur = ["c2s" if m.group(1) == ">>>" else "s2c", bytearray()]
            out.append(cur)
            continue
        if cur is not None and line.startswith("    "):
            cur[1] += bytes.fromhex(line.strip())
        else:
            cur = None
    return [(d, bytes(b)) for d, b in out]


def openssl_client_report(out: str) -> dict:
    m = re.search(r"^(New|Reused), \S+, Cipher is (\S+)", out, re.M)
    proto = re.search(r"^\s+Protocol\s+: (\S+)", out, re.M)
    if not m or not proto:
        raise CaptureError("s_client printed no session summary")
    return {"version": REPORTED_VERSIONS.get(proto.group(1), proto.group(1)),
            "resumed": m.group(1) == "Reused", "openssl_cipher": m.group(2)}


def gnutls_client_reports(out: str) -> list[dict]:
    """One per handshake gnutls-cli printed (two with --resume)."""
    reps = []
    for block in re.split(r"^Connecting to ", out, flags=re.M)[1:]:
        # "(DTLS1.2-X.509)-(ECDHE-SECP256R1)-(RSA-SHA256)-(AES-256-GCM)"; CBC suites
        # add "-(SHA1)", a resumed session has no signature part.
        m = re.search(r"^- Description: (.*)$", block, re.M)
        if not m:
            continue
        parts = re.findall(r"\(([^)]*)\)", m.group(1))
        bulk = [p for p in parts[2:] if re.match(r"(AES|CHACHA20|CAMELLIA|3DES)", p)]
        if len(parts) < 3 or not bulk:
            raise CaptureError(f"gnutls-cli description {m.group(1)!r} not understood")
        ver = parts[0].split("-", 1)[0]
        reps.append({"version": REPORTED_VERSIONS.get(ver, ver),
                     "resumed": "This is a resumed session" in block,
                     "gnutls_description": m.group(1), "gnutls_cipher": bulk[0]})
    if not reps:
        raise CaptureError("gnutls-cli printed no session description")
    return reps


# --------------------------------------------------------------------------
# Running one scenario
# --------------------------------------------------------------------------

def reexec_in_netns(argv) -> int:
    """Re-runs this script in a new network namespace that has only loopback."""
    return cap.reexec_in_netns(argv, __file__, 8 * cap.PEER_TIMEOUT)


def carries(data: bytes, what: str) -> bool:
    for ctype, _v, epoch, _seq, frag in records(data):
        if what == "finished" and epoch != 0 and ctype == 22:
            return True
        if what == "certificate" and epoch == 0 and ctype == 22 and \
                any(f[0] == 11 for f in fragments(frag)):
            return True
    return False


def dropper(rules):
    """drop_fn for UdpRelay: each rule (see Scenario.drops) drops one datagram."""
    parsed = []
    for r in rules:
        m = re.fullmatch(r"(c2s|s2c)(?::(certificate|finished))?#(\d+)", r)
        if not m:
            raise CaptureError(f"bad drop rule {r!r}")
        parsed.append([m.group(1), m.group(2), int(m.group(3)), 0])
    if not parsed:
        return None

    def fn(direction, data, index):
        hit = False
        for p in parsed:
            if p[0] != direction:
                continue
            if p[1] is None:
                hit |= index == p[2]
            elif carries(data, p[1]):
                hit |= p[3] == p[2]
                p[3] += 1
        return hit
    return fn


def free_udp_port() -> int:
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((LOOPBACK, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def keylog_lines(path: str) -> list[str]:
    if not os.path.exists(path):
        return []
    return [ln for ln in open(path).read().splitlines() if ln and not ln.startswith("#")]


def capture(sc: Scenario, outdir: str) -> str:
    tmp = tempfile.mkdtemp(prefix=f"tlswire-dtlscap-{sc.name}-")
    peers: list = []
    try:
        return _capture(sc, outdir, tmp, peers)
    finally:
        for p in peers:
            p.kill()
        if os.environ.get("TLSWIRE_CAPTURE_KEEP") != "1":
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}", file=sys.stderr)


def openssl_cipher_args(sc: Scenario, role: str) -> list:
    """-cipher for a peer: the scenario's (client), and @SECLEVEL=0 for DTLS 1.0 (both)."""
    c = sc.openssl_cipher if role == "client" else ""
    if sc.version == "dtls10":
        return ["-cipher", (c or "DEFAULT") + ":@SECLEVEL=0"]
    return ["-cipher", c] if c else []


def gnutls_priority(sc: Scenario) -> str:
    p = f"NORMAL:-VERS-ALL:+{GNUTLS_VERS[sc.version]}"
    return p + (":" + sc.gnutls_priority if sc.gnutls_priority else "")


def _capture(sc: Scenario, outdir: str, tmp: str, peers: list) -> str:
    env = cap.base_env(tmp)
    pki = cap.Pki(tmp, env)
    srv_cert, srv_key = pki.leaf("server", sc.cert)
    cli_cert = cli_key = None
    if sc.mutual:
        cli_cert, cli_key = pki.leaf("client", "ecdsa")
    server_keylog = os.path.join(tmp, "server_keylog.txt")

    # ---- server --------------------------------------------------------
    if sc.server == "openssl":
        scmd = ["openssl", "s_server", OPENSSL_FLAGS[sc.version], "-accept", f"{LOOPBACK}:0",
                "-naccept", str(sc.connections), "-cert", srv_cert, "-key", srv_key,
                "-mtu", str(sc.mtu), "-keylogfile", server_keylog]
        if sc.listen:
            scmd += ["-listen"]
        if sc.mutual:
            scmd += ["-Verify", "1", "-CAfile", pki.p("ca_cert.pem")]
        scmd += openssl_cipher_args(sc, "server") + sc.server_args
        server = cap.Peer(scmd, tmp, env, "s_server")
        peers.append(server)
        port = int(server.wait_for(r"^ACCEPT 127\.0\.0\.1:(\d+)").group(1))
    else:
        if os.environ.get("TLSWIRE_CAPTURE_NETNS") != "1":
            raise CaptureError("internal: gnutls-serv outside the private namespace")
        port = free_udp_port()
        scmd = ["gnutls-serv", "--udp", "--echo", "-p", str(port), "--mtu", str(sc.mtu),
                "--x509certfile", srv_cert, "--x509keyfile", srv_key,
                "--priority", "NORMAL:+VERS-DTLS1.0:+VERS-DTLS0.9" if sc.version != "dtls12"
                else "NORMAL"]
        if sc.mutual:
            scmd += ["--require-client-cert", "--x509cafile", pki.p("ca_cert.pem")]
        else:
            scmd += ["--disable-client-cert"]
        scmd += sc.server_args
        server = cap.Peer(scmd, tmp, dict(env, SSLKEYLOGFILE=server_keylog), "gnutls-serv")
        peers.append(server)
        server.wait_for(r"listening on IPv4")
    server_cmdline = cap.relative(scmd, tmp).replace(f"-p {port} ", "-p SERVER_PORT ")

    relay = UdpRelay(port, timeout=4 * cap.PEER_TIMEOUT, drop_fn=dropper(sc.drops))
    rt = threading.Thread(target=relay.run, daemon=True)
    rt.start()
    client_keylogs, client_cmdlines, reports, traces, app_data = [], [], [], [], []
    sess = os.path.join(tmp, "session.pem")
    handshakes = 1 if sc.client == "gnutls" else sc.connections   # gnutls-cli --resume: one run
    for i in range(handshakes):
        keylog = os.path.join(tmp, f"client_keylog_{i}.txt")
        msgfile = os.path.join(tmp, f"client_msg_{i}.txt")
        client_keylogs.append(keylog)
        if sc.client == "openssl":
            ccmd = ["openssl", "s_client", OPENSSL_FLAGS[sc.version], "-connect",
                    f"{LOOPBACK}:{relay.port}", "-CAfile", pki.p("ca_cert.pem"),
                    "-mtu", str(sc.mtu), "-msg", "-msgfile", msgfile, "-keylogfile", keylog]
            ccmd += openssl_cipher_args(sc, "client") + sc.client_args
            if sc.mutual:
                ccmd += ["-cert", cli_cert, "-key", cli_key]
            if sc.connections > 1:
                ccmd += ["-sess_out", sess] if i == 0 else ["-sess_in", sess]
            client = cap.Peer(ccmd, tmp, env, "s_client")
            peers.append(client)
            client.wait_for(r"^(New|Reused), .*Cipher is[\s\S]*Verify return code:[^\n]*\n"
                            r"(?:[^\n]*\n)*?---$", timeout=12)
        else:
            ccmd = ["gnutls-cli", "--udp", "--x509cafile", pki.p("ca_cert.pem"),
                    "--verify-hostname", "example.test", "--mtu", str(sc.mtu),
                    "--priority", gnutls_priority(sc), "-p", str(relay.port)] + sc.client_args
            if sc.mutual:
                ccmd += ["--x509certfile", cli_cert, "--x509keyfile", cli_key]
            if sc.connections > 1:
                ccmd += ["--resume"]
            ccmd += [LOOPBACK]
            client = cap.Peer(ccmd, tmp, dict(env, SSLKEYLOGFILE=keylog), "gnutls-cli")
            peers.append(client)
            client.wait_for(r"^- Simple Client Mode:", timeout=12)
        client_cmdlines.append(cap.relative(ccmd, tmp).replace(
            f"{LOOPBACK}:{relay.port}", f"{LOOPBACK}:RELAY_PORT").replace(
            f"-p {relay.port} ", "-p RELAY_PORT "))
        time.sleep(0.1)
        # One line each way (gnutls-serv --echo: the client's line comes back).
        mark, cmark = len(server.output), len(client.output)
        client.send(CLIENT_LINE + "\n")
        if sc.server == "openssl":
            server.wait_for(re.escape(CLIENT_LINE), start=mark)
            cmark = len(client.output)
            server.send(SERVER_LINE + "\n")
            client.wait_for(re.escape(SERVER_LINE), start=cmark)
            sent = {"c2s": CLIENT_LINE + "\n", "s2c": SERVER_LINE + "\n"}
        else:
            client.wait_for(r"^" + re.escape(CLIENT_LINE) + "$", start=cmark)
            sent = {"c2s": CLIENT_LINE + "\n", "s2c": CLIENT_LINE + "\n"}
        time.sleep(0.1)
        client.close_stdin()            # the client sends close_notify and leaves
        if client.wait() is None:
            raise CaptureError(f"{client.name} did not exit after stdin EOF")
        time.sleep(0.3)                 # the server's answer to it, if any
        out = client.output
        with open(os.path.join(tmp, f"client_out_{i}.txt"), "w") as f:
            f.write(out)
        if sc.client == "openssl":
            reports.append(openssl_client_report(out))
            traces.append(parse_openssl_trace(open(msgfile, encoding="latin-1").read()))
            app_data.append(sent)
        else:
            reps = gnutls_client_reports(out)
            reports += reps
            traces += [None] * len(reps)
            # --resume: the first connection closes without application data.
            app_data += [{"c2s": "", "s2c": ""}] * (len(reps) - 1) + [sent]
    server.close_stdin()
    if sc.server == "openssl" and server.wait(3) is None:
        server.kill()
    time.sleep(0.1)
    relay.stop()
    rt.join(5)

    events = relay.snapshot()
    forwarded = [d for d in events if not d.dropped]
    if relay.connections() != sc.connections or len(reports) != sc.connections:
        raise CaptureError(f"{relay.connections()} connections through the relay, "
                           f"{len(reports)} client reports, {sc.connections} expected")
    kl = []
    for p in client_keylogs + [server_keylog]:
        for ln in keylog_lines(p):
            if ln not in kl:
                kl.append(ln)
    dirs = decode(forwarded)
    conns = []
    for i in range(sc.connections):
        conns.append(connection_facts(sc, i, dirs, reports[i], traces[i], kl, app_data[i],
                                      [d for d in events if d.dropped and d.connection == i]))
        if i < len(sc.want):
            for k, v in sc.want[i].items():
                if conns[i]["expect"].get(k) != v:
                    raise CaptureError(f"connection {i}: expected {k}={v!r}, got "
                                       f"{conns[i]['expect'].get(k)!r}")
    if sc.connections > 1 and (conns[0]["expect"]["resumed"] or not conns[1]["expect"]["resumed"]):
        raise CaptureError("the second connection did not resume the first")
    used = sum(len(c["keylog"].splitlines()) for c in conns)
    if used != len(kl):
        raise CaptureError(f"{len(kl) - used} key log lines match no connection")

    versions = cap.tool_versions()
    peer_versions = {}
    for role, impl in (("client", sc.client), ("server", sc.server)):
        peer_versions[role] = {
            "program": {"openssl": {"client": "openssl s_client", "server": "openssl s_server"},
                        "gnutls": {"client": "gnutls-cli", "server": "gnutls-serv"}}[impl][role],
            "version": versions["openssl"] if impl == "openssl" else
            (versions["gnutls"] or "").replace("gnutls-cli", "GnuTLS")}
    today = datetime.date.today().isoformat()
    drops = list(sc.drops)
    doc = {
        "schema": "tlswire-vectors/1",
        "kind": "dtls_datagrams",
        "scenario": sc.name,
        "description": sc.description,
        "source": f"our own capture, {today} (UTC), {peer_versions['server']['program']} "
                  f"({peer_versions['server']['version']}) / {peer_versions['client']['program']} "
                  f"({peer_versions['client']['version']}) on 127.0.0.1 through "
                  "tests/dtls/udp_relay.py, by tests/interop/dtls_capture.py " + sc.name +
                  f"; server: {server_cmdline}; client: " + " | ".join(client_cmdlines) +
                  (f"; relay drops: {', '.join(drops)}" if drops else "") +
                  ". Throw-away test keys and certificates made by the script (not kept).",
        "peers": peer_versions,
        "commands": {"server": server_cmdline, "client": client_cmdlines,
                     "relay_drops": drops},
        "datagrams": [{"dir": d.dir, "connection": d.connection, "hex": d.data.hex()}
                      for d in forwarded],
        "dropped": [{"dir": d.dir, "connection": d.connection, "index": d.index,
                     "hex": d.data.hex()} for d in events if d.dropped],
        "connections": conns,
    }
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, f"{sc.name}.json")
    with open(path + ".tmp", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    return path


# Per-record overhead of application data (RFC 6347 §4.1.2: DTLS 1.2 AEAD has
# TLS's explicit nonce; ChaCha20-Poly1305 none; CBC an explicit IV).
def app_data_lengths_ok(suite_name: str, etm: bool, n: int, got: int) -> bool:
    if "GCM" in suite_name or "CCM" in suite_name:
        return got == n + 8 + (8 if "CCM_8" in suite_name else 16)
    if "CHACHA20" in suite_name:
        return got == n + 16
    mac = {"SHA": 20, "SHA256": 32, "SHA384": 48}[suite_name.rsplit("_", 1)[1]]
    pad = lambda m: (m // 16 + 1) * 16  # noqa: E731 (padding_length byte included)
    return got == (16 + pad(n) + mac if etm else 16 + pad(n + mac))


def connection_facts(sc, i, dirs, report, trace, kl, sent, dropped) -> dict:
    c2s, s2c = dirs.get((i, "c2s")), dirs.get((i, "s2c"))
    if c2s is None or s2c is None:
        raise CaptureError(f"connection {i}: a direction has no datagram")
    types = {d: [t for t, _s, _b in st.messages] for d, st in (("c2s", c2s), ("s2c", s2c))}
    chs = [b for t, _s, b in c2s.messages if t == 1]
    shs = [b for t, _s, b in s2c.messages if t == 2]
    if not chs or len(shs) != 1:
        raise CaptureError(f"connection {i}: {len(chs)} ClientHello, {len(shs)} ServerHello")
    hvr = 3 in types["s2c"]
    ch = hello_fields(chs[-1], True)
    sh = hello_fields(shs[0], False)
    if hvr:
        hv = next(b for t, _s, b in s2c.messages if t == 3)
        cookie = hv[3:3 + hv[2]]
        if len(chs) != 2 or hello_fields(chs[0], True)["cookie"] or ch["cookie"] != cookie or not cookie:
            raise CaptureError(f"connection {i}: the cookie exchange is not CH, HVR, CH+cookie")
    version = {v: k for k, v in VERSION_CODES.items()}.get(sh["version"])
    if version != sc.version or report["version"] != version:
        raise CaptureError(f"connection {i}: ServerHello version {sh['version']:#06x}, the client "
                           f"reports {report['version']}, the scenario wants {sc.version}")
    tbl = cap.cipher_table(None)
    code = f"0x{sh['suite']:04x}"
    if code not in tbl:
        raise CaptureError(f"cipher suite {code} unknown to `openssl ciphers`")
    suite, _code, _kx = tbl[code]
    if "openssl_cipher" in report and tbl.get(report["openssl_cipher"], (None,))[0] != suite:
        raise CaptureError(f"s_client reports {report['openssl_cipher']}, ServerHello has {suite}")
    if "gnutls_description" in report:
        bulk = report["gnutls_cipher"].replace("-", "_")
        if bulk not in suite:
            raise CaptureError(f"gnutls-cli reports {bulk}, ServerHello has {suite}")
    resumed = 11 not in types["s2c"]
    if resumed != report["resumed"]:
        raise CaptureError(f"connection {i}: the client reports resumed={report['resumed']}, "
                           f"the messages {types['s2c']}")
    if resumed and (not sh["session_id"] or sh["session_id"] != ch["session_id"]):
        raise CaptureError(f"connection {i}: resumed, but the ServerHello does not echo the "
                           "client's session_id")
    etm = 22 in sh["extensions"]
    # Key log: the CLIENT_RANDOM line of this ClientHello (both peers wrote it).
    mine = [ln for ln in kl if ln.split()[1].lower() == ch["random"].hex()]
    # GnuTLS writes none for a resumed session (it derives no master secret):
    # that is the first connection's, named by "resumes".
    if not any(ln.startswith("CLIENT_RANDOM ") for ln in mine) and \
            not (resumed and i > 0 and sc.client == sc.server == "gnutls"):
        raise CaptureError(f"connection {i}: no CLIENT_RANDOM line for its ClientHello")
    # Fragmentation: the MTU cut the server's Certificate.
    if not resumed and s2c.fragments.get(seq_of(s2c, 11), 0) < 2:
        raise CaptureError(f"connection {i}: the server's Certificate was not fragmented")
    # Retransmission where datagrams were dropped (and only there).
    # (gnutls-serv answers each fragment of a fragmented first ClientHello
    # with a HelloVerifyRequest: those copies are not retransmissions.)
    retrans = c2s.duplicates + s2c.duplicates - s2c.hvr_copies + \
        max(0, c2s.protected_handshake - 1) + max(0, s2c.protected_handshake - 1)
    if bool(retrans) != bool(dropped):
        raise CaptureError(f"connection {i}: {len(dropped)} datagrams dropped, {retrans} "
                           "retransmitted fragments or Finished records")
    # The application data records: one each way, as long as the line sent.
    for d, st in (("c2s", c2s), ("s2c", s2c)):
        n = len(sent[d].encode())
        if (n == 0) != (not st.application_data) or \
                any(not app_data_lengths_ok(suite, etm, n, g) for g in st.application_data):
            raise CaptureError(f"connection {i} {d}: application data records "
                               f"{st.application_data} for {n} bytes under {suite}")
    if c2s.pending() or s2c.pending():
        raise CaptureError(f"connection {i}: handshake messages left incomplete")
    # s_client's trace: the plaintext messages it sent and read are those reassembled here.
    handshake_sha256 = None
    if trace is not None:
        handshake_sha256 = {}
        for d, st in (("c2s", c2s), ("s2c", s2c)):
            # Once per message_seq (a retransmission is traced again); a message
            # s_client sent in fragments is traced with the later fragments'
            # headers written into it (OpenSSL 3.0), so it is not compared (null).
            traced = {}
            for dd, b in trace:
                seq = int.from_bytes(b[4:6], "big")
                if dd == d and seq not in traced:
                    traced[seq] = b
            garbled = st.split if d == "c2s" else set()
            for t, seq, b in st.messages:
                whole = bytes([t]) + len(b).to_bytes(3, "big") + seq.to_bytes(2, "big") + \
                    b"\0\0\0" + len(b).to_bytes(3, "big") + b
                if seq not in garbled and traced.get(seq) != whole:
                    raise CaptureError(f"connection {i} {d}: message_seq {seq}: s_client's -msg "
                                       "trace and the reassembled message differ")
            handshake_sha256[d] = [None if s_ in garbled else hashlib.sha256(b).hexdigest()
                                   for s_, b in sorted(traced.items())]
    e = {
        "version": version,
        "cipher_suite": suite,
        "cipher_suite_value": code,
        "resumed": resumed,
        "client_certificate": 11 in types["c2s"],
        "hello_verify_request": hvr,
        "encrypt_then_mac": etm,
        "extended_master_secret": 23 in sh["extensions"],
        "session_ticket": 4 in types["s2c"],
        "retransmissions": bool(retrans),
        "handshake_types": types,
        "fragments": {d: {str(k): v for k, v in sorted(st.fragments.items())}
                      for d, st in (("c2s", c2s), ("s2c", s2c))},
        "duplicate_fragments": {"c2s": c2s.duplicates, "s2c": s2c.duplicates},
        "records": {"c2s": c2s.records, "s2c": s2c.records},
        "protected_records": {"c2s": c2s.protected, "s2c": s2c.protected},
        "protected_handshake_records": {"c2s": c2s.protected_handshake,
                                        "s2c": s2c.protected_handshake},
        "application_data_records": {"c2s": len(c2s.application_data),
                                     "s2c": len(s2c.application_data)},
        "dropped_datagrams": {"c2s": sum(1 for d in dropped if d.dir == "c2s"),
                              "s2c": sum(1 for d in dropped if d.dir == "s2c")},
    }
    if handshake_sha256 is not None:
        e["client_trace_sha256"] = handshake_sha256
    more = {"resumes": 0} if resumed else {}
    return {**more, "client_report": report, "keylog": "".join(ln + "\n" for ln in mine),
            "application_data": sent, "expect": e}


def seq_of(st: Direction, msg_type: int) -> int:
    return next((s for t, s, _b in st.messages if t == msg_type), -1)


def peers_present(sc: Scenario) -> None:
    """Raises Skipped when a program the scenario runs is missing."""
    for tool in {"openssl": ["openssl"], "gnutls": ["gnutls-cli", "gnutls-serv"]}[sc.client] + \
            {"openssl": ["openssl"], "gnutls": ["gnutls-serv"]}[sc.server] + ["timeout"]:
        if shutil.which(tool) is None:
            raise Skipped(f"{tool} not found")


def main(argv: list[str]) -> int:
    return cap.run_scenarios(argv, "dtls_capture.py", SCENARIOS, capture, reexec_in_netns, peers_present)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
