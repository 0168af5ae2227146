#!/usr/bin/env python3
"""Regenerate the OpenSSL ClientHello inputs of the benchmarks (vectors/bench/).

    benchmarks/capture_hellos.py [--list] [NAME ...] [--out DIR]

For each input, this script listens on 127.0.0.1 (an ephemeral port), runs
`openssl s_client -connect 127.0.0.1:PORT` with the input's options against
that listener, reads the first TLS record the client sends, closes the
connection, and writes two one-line lowercase hex files:

    DIR/NAME.rec.hex   the record as sent (16 03 01 LL LL, then the message)
    DIR/NAME.msg.hex   the handshake message inside it (01 LL LL LL ...)

The record must hold exactly one whole ClientHello, or the script fails.
No TLS server is involved: the listener only reads the hello, so nothing is
negotiated. Random, session id and key shares change on every run; the
structure (suites, extensions, sizes) does not, for one OpenSSL version.

Only 127.0.0.1 is used; the client runs under `timeout`, in its own process
group, and is killed by its pid when the capture is done. Standard library
only. Default DIR: vectors/bench next to this script's parent.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "vectors", "bench")
DEADLINE = 10.0  # seconds, for every wait

# name -> s_client options (besides -connect). Chosen to match the peer
# harness's inputs: the default TLS 1.3 hello, a TLS 1.2-only hello, and a
# large hello with every cipher and many extensions.
INPUTS: dict[str, list[str]] = {
    "openssl_ch13": ["-servername", "example.com"],
    "openssl_ch12": ["-tls1_2", "-servername", "example.com"],
    "openssl_ch_big": [
        "-servername", "example.com",
        "-alpn", "h2,http/1.1",
        "-cipher", "ALL:@SECLEVEL=0",
        "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:"
                         "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256",
        "-groups", "X25519:P-256:X448:P-384:P-521:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192:"
                   "brainpoolP256r1:brainpoolP384r1:brainpoolP512r1:secp256k1:secp224r1:secp192r1",
        "-status",
        "-maxfraglen", "4096",
        "-enable_pha",
        "-nextprotoneg", "h2,http/1.1",
        "-psk", "0123456789abcdef0123456789abcdef",
    ],
}


class CaptureError(Exception):
    pass


def recv_exactly(conn: socket.socket, n: int) -> bytes:
    out = bytearray()
    while len(out) < n:
        chunk = conn.recv(n - len(out))
        if not chunk:
            raise CaptureError(f"client closed the connection after {len(out)} of {n} bytes")
        out += chunk
    return bytes(out)


def capture(name: str, options: list[str]) -> bytes:
    """The first record the client sends, header included."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(DEADLINE)
        port = listener.getsockname()[1]
        cmd = ["timeout", str(int(DEADLINE)), "openssl", "s_client", "-connect", f"127.0.0.1:{port}"] + options
        client = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, start_new_session=True)
        try:
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                raise CaptureError(f"{name}: s_client did not connect ({' '.join(cmd)})") from None
            with conn:
                conn.settimeout(DEADLINE)
                header = recv_exactly(conn, 5)
                length = header[3] << 8 | header[4]
                record = header + recv_exactly(conn, length)
        finally:
            try:
                os.killpg(client.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            client.communicate(timeout=DEADLINE)
    return record


def check(name: str, record: bytes) -> bytes:
    """The handshake message of a record that must hold exactly one ClientHello."""
    if len(record) < 9 or record[0] != 0x16 or record[1] != 0x03:
        raise CaptureError(f"{name}: not a handshake record: {record[:5].hex()}")
    payload = record[5:]
    if payload[0] != 0x01:
        raise CaptureError(f"{name}: first message is type {payload[0]}, not a ClientHello")
    body_length = payload[1] << 16 | payload[2] << 8 | payload[3]
    if body_length + 4 != len(payload):
        raise CaptureError(f"{name}: the record holds {len(payload)} bytes, the ClientHello {body_length + 4}")
    return payload


def describe(msg: bytes) -> str:
    """Suite and extension counts, read independently of tlswire."""
    at = 4 + 2 + 32
    at += 1 + msg[at]                      # legacy_session_id<0..32>
    n_suites = (msg[at] << 8 | msg[at + 1]) // 2
    at += 2 + 2 * n_suites
    at += 1 + msg[at]                      # legacy_compression_methods<1..2^8-1>
    end = at + 2 + (msg[at] << 8 | msg[at + 1])
    at += 2
    types = []
    while at < end:
        types.append(msg[at] << 8 | msg[at + 1])
        at += 4 + (msg[at + 2] << 8 | msg[at + 3])
    if at != len(msg):
        raise CaptureError("extensions do not end at the end of the message")
    return f"{len(msg)} bytes, {n_suites} suites, {len(types)} extensions ({' '.join(f'{t:04x}' for t in types)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="inputs to capture (default: all)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: vectors/bench)")
    ap.add_argument("--list", action="store_true", help="print the input names and their options")
    args = ap.parse_args()
    if args.list:
        for name, options in INPUTS.items():
            print(name, " ".join(options))
        return 0
    names = args.names or list(INPUTS)
    for name in names:
        if name not in INPUTS:
            print(f"unknown input {name!r}; known: {', '.join(INPUTS)}", file=sys.stderr)
            return 2
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True).stdout.strip()
    print(f"# {version}")
    os.makedirs(args.out, exist_ok=True)
    for name in names:
        try:
            record = capture(name, INPUTS[name])
            msg = check(name, record)
            info = describe(msg)
        except (CaptureError, OSError, subprocess.SubprocessError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        for suffix, data in (("rec", record), ("msg", msg)):
            with open(os.path.join(args.out, f"{name}.{suffix}.hex"), "w", encoding="ascii") as f:
                f.write(data.hex() + "\n")
        print(f"{name}: {info}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
