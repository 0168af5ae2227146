#!/usr/bin/env python3
"""Interop test against real peers (one scenario per run, from ctest).

Captures a live handshake between OpenSSL / GnuTLS peers on 127.0.0.1 with
tests/interop/capture.sh (relay.py records both directions, bounded time),
then runs the built `tlswire decode --roundtrip --c2s --s2c` on every
connection of the capture and checks that
  - the tool exits 0: every handshake message decoded and re-serialized
    byte for byte (--roundtrip), and no error object was printed;
  - the plaintext handshake messages, per direction, are the first ones the
    peers themselves reported (openssl -msg / gnutls debug output);
  - the ServerHello's cipher suite is the one the peers negotiated, and the
    version is theirs (supported_versions for TLS 1.3, legacy_version before);
  - with the client's key log (`decode --keylog`), no record stays encrypted
    and the handshake messages, per direction, are all the ones the peers
    reported, the encrypted ones included, each re-serialized byte for byte.
Exit status: 0 pass, 1 fail, 77 skipped (a peer is not installed).

usage: interop_check.py --tool PATH --scenario NAME --workdir DIR
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def fail(msg):
    print("FAIL:", msg)
    return 1


def check_connection(tool, workdir, index, conn):
    c2s = os.path.join(workdir, f"conn{index}.c2s.bin")
    s2c = os.path.join(workdir, f"conn{index}.s2c.bin")
    with open(c2s, "wb") as f:
        f.write(bytes.fromhex(conn["c2s"]))
    with open(s2c, "wb") as f:
        f.write(bytes.fromhex(conn["s2c"]))
    run = subprocess.run([tool, "decode", "--roundtrip", "--c2s", c2s, "--s2c", s2c],
                         capture_output=True, text=True, timeout=30)
    if run.returncode != 0:
        return fail(f"connection {index}: tlswire exited {run.returncode}\n{run.stdout[-2000:]}{run.stderr}")
    objects = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    if any("error" in o for o in objects):
        return fail(f"connection {index}: error object in output")
    expect = conn["expect"]
    seen = {"c2s": [], "s2c": []}
    server_hello = None
    for o in objects:
        if o.get("encrypted") or o.get("type") in ("change_cipher_spec", "alert"):
            continue
        name = o["type"]
        if name in ("server_hello", "hello_retry_request") and o["dir"] == "s2c":
            if name == "server_hello":
                server_hello = o
            name = "server_hello"  # the peers report an HRR by its wire type
        seen[o["dir"]].append(name)
    for d in ("c2s", "s2c"):
        reported = expect["handshake_types"][d]
        if not seen[d] or seen[d] != reported[: len(seen[d])]:
            return fail(f"connection {index} {d}: decoded {seen[d]}, peers reported {reported}")
    if server_hello is None:
        return fail(f"connection {index}: no ServerHello")
    body = server_hello["body"]
    if body["cipher_suite"] != expect["cipher_suite"]:
        return fail(f"connection {index}: cipher suite {body['cipher_suite']} != {expect['cipher_suite']}")
    selected = None
    for ext in body.get("extensions", []):
        if ext.get("type") == "supported_versions":
            selected = ext.get("selected_version")
    version = selected or body["legacy_version"]
    if version != expect["version"]:
        return fail(f"connection {index}: version {version} != {expect['version']}")
    # With the key log: everything, the protected messages too.
    keylog = os.path.join(workdir, f"conn{index}.keylog")
    with open(keylog, "w") as f:
        f.write(conn["keylog"])
    run = subprocess.run([tool, "decode", "--roundtrip", "--keylog", keylog, "--c2s", c2s, "--s2c", s2c],
                         capture_output=True, text=True, timeout=60)
    if run.returncode != 0 or run.stderr:
        return fail(f"connection {index} --keylog: tlswire exited {run.returncode}\n{run.stdout[-2000:]}{run.stderr}")
    decrypted = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    if any("error" in o or o.get("encrypted") for o in decrypted):
        return fail(f"connection {index} --keylog: an error or an undecrypted record in the output")
    seen = {"c2s": [], "s2c": []}
    for o in decrypted:
        if o.get("type") in ("change_cipher_spec", "alert", "application_data"):
            continue
        name = "server_hello" if o["type"] == "hello_retry_request" else o["type"]
        seen[o["dir"]].append(name)
    for d in ("c2s", "s2c"):
        if seen[d] != expect["handshake_types"][d]:
            return fail(f"connection {index} {d} --keylog: decoded {seen[d]}, peers reported "
                        f"{expect['handshake_types'][d]}")
    protected = sum(1 for o in decrypted if o.get("protected"))
    print(f"connection {index}: {len(objects)} records/messages, {version}, {body['cipher_suite']}; "
          f"with the key log {protected} decrypted: ok")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--workdir", required=True)
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    cap = subprocess.run([os.path.join(HERE, "capture.sh"), a.scenario, a.workdir],
                         capture_output=True, text=True, timeout=120)
    if cap.returncode == 77:
        print("skipped:", cap.stdout, cap.stderr)
        return 77
    if cap.returncode != 0:
        return fail(f"capture failed ({cap.returncode}): {cap.stdout[-2000:]}{cap.stderr[-2000:]}")
    with open(os.path.join(a.workdir, a.scenario + ".json")) as f:
        capture = json.load(f)
    status = 0
    for i, conn in enumerate(capture["connections"]):
        status |= check_connection(a.tool, a.workdir, i, conn)
    return status


if __name__ == "__main__":
    sys.exit(main())
