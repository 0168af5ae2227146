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
    reported, the encrypted ones included, each re-serialized byte for byte
    and, where the client traced them (s_client -msg: expect.handshake_sha256),
    byte-identical to the peer's own record of them;
  - the same connections as a pcap (Ethernet/IPv4) and a pcapng (VLAN/IPv6,
    retransmitted and reordered segments, the key log in a Decryption Secrets
    Block), written by capture.py (pcap_writer.py): decoding them gives, per
    connection, exactly the objects decoding the raw streams gives (with
    "connection" added), without and with the key log; and when tshark is
    installed, its reassembled streams (`-z follow,tcp,raw,N`) are the raw ones;
  - `tlswire verify` with the key log (and the scenario's server key, for the
    RSA key exchange) passes: exit 0, every check line ok, both Finished of
    every connection among them -- for each connection's raw streams, and for
    the pcap and the pcapng with every connection's key log.
Exit status: 0 pass, 1 fail, 77 skipped (a peer is not installed).

usage: interop_check.py --tool PATH --scenario NAME --workdir DIR
"""
import argparse
import hashlib
import json
import os
import shutil
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
    digests = {"c2s": [], "s2c": []}
    for o in decrypted:
        if o.get("type") in ("change_cipher_spec", "alert", "application_data"):
            continue
        name = "server_hello" if o["type"] == "hello_retry_request" else o["type"]
        seen[o["dir"]].append(name)
        digests[o["dir"]].append(hashlib.sha256(bytes.fromhex(o.get("hex", ""))).hexdigest())
    for d in ("c2s", "s2c"):
        if seen[d] != expect["handshake_types"][d]:
            return fail(f"connection {index} {d} --keylog: decoded {seen[d]}, peers reported "
                        f"{expect['handshake_types'][d]}")
        # Byte for byte the messages the peer traced (s_client -msg), encrypted ones too.
        traced = expect.get("handshake_sha256", {}).get(d)
        if traced is not None and digests[d] != traced:
            k = next(i for i, (a, b) in enumerate(zip(digests[d] + [None], traced + [None])) if a != b)
            return fail(f"connection {index} {d} --keylog: message {k} ({seen[d][k:k + 1]}) differs "
                        "from the peer's -msg trace")
    protected = sum(1 for o in decrypted if o.get("protected"))
    print(f"connection {index}: {len(objects)} records/messages, {version}, {body['cipher_suite']}; "
          f"with the key log {protected} decrypted: ok")
    return 0


def decode_objects(tool, args):
    run = subprocess.run([tool, "decode", "--roundtrip"] + args, capture_output=True, text=True, timeout=120)
    return run.returncode, run.stderr, [json.loads(l) for l in run.stdout.splitlines() if l.strip()]


def tshark_streams(path, n):
    """tshark's reassembled stream N: (first node's bytes, second node's bytes)."""
    run = subprocess.run(["tshark", "-r", path, "-q", "-z", f"follow,tcp,raw,{n}"],
                         capture_output=True, text=True, timeout=120)
    sides = [bytearray(), bytearray()]
    body = run.stdout.split("Node 1:", 1)[-1].splitlines()[1:]
    for line in body:
        if line.startswith("="):
            break
        sides[1 if line.startswith("\t") else 0] += bytes.fromhex(line.strip())
    return bytes(sides[0]), bytes(sides[1])


def check_captures(tool, workdir, scenario, conns):
    """The pcap and pcapng of the scenario decode as its raw streams do."""
    base = os.path.join(workdir, scenario)
    keylog = os.path.join(workdir, "all.keylog")
    with open(keylog, "w") as f:
        f.write("".join(c["keylog"] for c in conns))
    want_plain, want_keys = [], []
    for i in range(len(conns)):
        c2s, s2c = (os.path.join(workdir, f"conn{i}.{d}.bin") for d in ("c2s", "s2c"))
        want_plain += decode_objects(tool, ["--c2s", c2s, "--s2c", s2c])[2]
        want_keys += decode_objects(tool, ["--keylog", keylog, "--c2s", c2s, "--s2c", s2c])[2]
    runs = [("pcap", ".pcap", [], want_plain), ("pcap --keylog", ".pcap", ["--keylog", keylog], want_keys),
            ("pcapng (its secrets block)", ".pcapng", [], want_keys)]
    for name, ext, args, want in runs:
        rc, err, got = decode_objects(tool, args + [base + ext])
        if rc != 0 or err:
            return fail(f"{name}: tlswire exited {rc}: {err}")
        names = {json.dumps(o.get("connection"), sort_keys=True) for o in got}
        if len(names) != len(conns) or any("connection" not in o for o in got):
            return fail(f"{name}: {len(names)} connections named, the scenario has {len(conns)}")
        stripped = [{k: v for k, v in o.items() if k != "connection"} for o in got]
        if stripped != want:
            diff = next(i for i, (a, b) in enumerate(zip(stripped + [None] * len(want), want + [None] * len(stripped)))
                        if a != b)
            return fail(f"{name}: object {diff} differs from the raw streams' decoding")
        print(f"{name}: {len(got)} objects over {len(conns)} connections, as from the raw streams: ok")
    if shutil.which("tshark") is None:
        print("tshark not installed: its reading of the captures not compared")
        return 0
    for ext in (".pcap", ".pcapng"):
        for i, c in enumerate(conns):
            if tshark_streams(base + ext, i) != (bytes.fromhex(c["c2s"]), bytes.fromhex(c["s2c"])):
                return fail(f"{scenario}{ext}: tshark's stream {i} differs from the relayed bytes")
    print(f"tshark reassembles the {len(conns)} connections of the pcap and pcapng to the relayed bytes: ok")
    return 0


def verify_lines(tool, args):
    run = subprocess.run([tool, "verify"] + args, capture_output=True, text=True, timeout=120)
    return run.returncode, run.stderr, [json.loads(l) for l in run.stdout.splitlines() if l.strip()]


FINISHED = {"tls13_server_finished", "tls13_client_finished", "tls12_server_finished", "tls12_client_finished"}


def check_verify(tool, workdir, scenario, capture, with_captures):
    """`tlswire verify` passes on every connection, and on the pcap/pcapng."""
    conns = capture["connections"]
    key_args = []
    pem = capture.get("files", {}).get("server_key_pem")
    if pem:
        key = os.path.join(workdir, "server_key.pem")
        with open(key, "w") as f:
            f.write(pem)
        key_args = ["--server-key", key]
    runs = []
    for i in range(len(conns)):
        c2s, s2c = (os.path.join(workdir, f"conn{i}.{d}.bin") for d in ("c2s", "s2c"))
        runs.append((f"connection {i}", ["--keylog", os.path.join(workdir, f"conn{i}.keylog"),
                                          "--c2s", c2s, "--s2c", s2c], 1))
    if with_captures:
        keylog = os.path.join(workdir, "all.keylog")
        base = os.path.join(workdir, scenario)
        for ext in (".pcap", ".pcapng"):
            runs.append((f"{scenario}{ext}", ["--keylog", keylog, base + ext], len(conns)))
    for name, args, connections in runs:
        rc, err, lines = verify_lines(tool, args + key_args)
        bad = [l for l in lines if not l.get("ok")]
        if rc != 0 or bad or not lines:
            return fail(f"verify {name}: exit {rc}, {len(bad)} of {len(lines)} checks failed: "
                        f"{json.dumps(bad[:3])} {err[-500:]}")
        finished = sum(1 for l in lines if l["check"] in FINISHED)
        if finished < 2 * connections:
            return fail(f"verify {name}: {finished} Finished checked over {connections} connections")
        names = sorted({l["check"] for l in lines})
        print(f"verify {name}: {len(lines)} checks passed ({', '.join(names)}): ok")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--workdir", required=True)
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    # The peers are real programs on a shared machine: a handshake they fail
    # between themselves (seen once under load: gnutls-cli's ClientHello
    # unanswered) is tried once more before it counts. tlswire's checks below
    # are never retried.
    for attempt in (1, 2):
        cap = subprocess.run([os.path.join(HERE, "capture.sh"), a.scenario, a.workdir],
                             capture_output=True, text=True, timeout=120,
                             env=dict(os.environ, TLSWIRE_CAPTURE_PCAP="1"))
        if cap.returncode in (0, 77):
            break
        print(f"capture attempt {attempt} failed ({cap.returncode}): {cap.stderr[-500:]}")
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
    if status == 0:
        status |= check_captures(a.tool, a.workdir, a.scenario, capture["connections"])
    if status == 0:
        with_captures = os.path.exists(os.path.join(a.workdir, a.scenario + ".pcap"))
        status |= check_verify(a.tool, a.workdir, a.scenario, capture, with_captures)
    return status


if __name__ == "__main__":
    sys.exit(main())
