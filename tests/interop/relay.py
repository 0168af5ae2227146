#!/usr/bin/env python3
"""A one-connection TCP relay on 127.0.0.1 that records both directions.

Why it exists: tlswire's interop vectors need the exact bytes a real TLS
client and server exchanged.  Putting this relay between them records the
client->server (c2s) and server->client (s2c) byte streams without needing
packet capture privileges or tools, and without changing either peer.

Behaviour:
  * listens on 127.0.0.1 only (never any other address), accepts exactly one
    client, then connects to the server at 127.0.0.1:<server_port>;
  * forwards bytes both ways, appending each direction to its own file as it
    goes, and propagates half-close (EOF on one side becomes shutdown(SHUT_WR)
    on the other) so TLS close_notify exchanges complete;
  * by default forwards bytes unchanged.  Optionally it re-cuts the
    *plaintext handshake records* at the start of each direction -- every
    record of content type 22 before that direction's first record of any
    other type (ChangeCipherSpec, alert, or TLS 1.3's encrypted
    application_data) -- and nothing after them:
      --refragment N[,M...]  cuts each such record's fragment into records of
                             N bytes, then M, ... (the list is cycled over the
                             direction's plaintext handshake bytes; the last
                             piece of an original record may be shorter);
      --coalesce             merges consecutive such records into one record
                             (at most 2^14 bytes of fragment), released in one
                             write at the end of the flight: when the held
                             bytes end with a complete ClientHello,
                             ServerHelloDone or HelloRequest, when a record of
                             another type arrives (it follows at once), at
                             EOF, or after 0.2 s without more bytes;
    what is recorded is what was forwarded (the bytes the peer received);
  * returns when both directions have reached EOF, when either side resets,
    or when the overall timeout expires -- it never hangs.

Standard library only.  Usable as a module (run_relay / Relay) or from the
command line:

  relay.py --server-port 4433 --c2s c2s.bin --s2c s2c.bin [--listen-port 0]
           [--timeout 10] [--refragment 16[,1,...] | --coalesce]

The command prints "LISTEN 127.0.0.1:<port>" on stdout (flushed) once it is
listening, so a driver that asked for port 0 learns the real port, and
"DONE c2s=<n> s2c=<n> reason=<why>" when it ends (with --refragment or
--coalesce also "RECORDS c2s=<in>-><out> s2c=<in>-><out>": plaintext handshake
records received and forwarded per direction).
"""

from __future__ import annotations

import argparse
import errno
import selectors
import socket
import sys
import time

LOOPBACK = "127.0.0.1"  # the only address this relay ever binds or dials
MAX_FRAGMENT = 2 ** 14  # RFC 5246 §6.2.1 / RFC 8446 §5.1: TLSPlaintext.length limit
# Handshake types that end a flight (RFC 5246 §7.3): ClientHello,
# ServerHelloDone, HelloRequest.  --coalesce releases what it holds after them.
FLIGHT_END = {1, 14, 0}
COALESCE_IDLE = 0.2     # seconds: --coalesce never holds bytes longer than this


class HandshakeShaper:
    """Re-cuts the plaintext handshake records at the start of one direction.

    feed() takes bytes as received and returns the bytes to forward now;
    idle() and eof() return what must go out after a pause / at EOF.  Only
    records of content type 22 before the direction's first record of any
    other type are changed; from that record on everything passes through
    byte for byte (so no encrypted record is ever touched).
    """

    def __init__(self, split: list[int] | None = None, coalesce: bool = False) -> None:
        if split and coalesce:
            raise ValueError("--refragment and --coalesce exclude each other")
        if split and any(n < 1 or n > MAX_FRAGMENT for n in split):
            raise ValueError("--refragment sizes must be 1..16384")
        self.split = list(split or [])
        self.coalesce = coalesce
        self.plain = True             # still before the first non-handshake record
        self.buf = bytearray()        # received bytes not yet a whole record
        self.held: list[tuple[bytes, bytearray]] = []   # coalesce: (version, fragment)
        self.held_since = 0.0
        self.cycle = 0                # position in the --refragment list
        self.records_in = 0           # plaintext handshake records received
        self.records_out = 0          # ... and forwarded

    @property
    def active(self) -> bool:
        return bool(self.split) or self.coalesce

    def holding(self) -> bool:
        return bool(self.held)

    def feed(self, data: bytes, now: float) -> bytes:
        if not self.active or not self.plain:
            return data
        self.buf += data
        out = bytearray()
        while self.plain and len(self.buf) >= 5:
            ln = int.from_bytes(self.buf[3:5], "big")
            if len(self.buf) < 5 + ln:
                break
            rec = bytes(self.buf[:5 + ln])
            del self.buf[:5 + ln]
            if rec[0] != 22 or ln == 0:
                # Encryption (or an alert) begins: release, then pass through.
                # (An empty handshake record is not valid: pass it on as is.)
                out += self._release()
                out += rec
                self.plain = False
            elif self.split:
                self.records_in += 1
                out += self._cut(rec[1:3], rec[5:])
            else:
                self.records_in += 1
                self._hold(rec[1:3], rec[5:], now)
                if self._flight_ended():
                    out += self._release()
        if not self.plain:
            out += self.buf
            self.buf.clear()
        return bytes(out)

    def idle(self, now: float) -> bytes:
        if self.held and now - self.held_since >= COALESCE_IDLE:
            return self._release()
        return b""

    def eof(self) -> bytes:
        out = self._release() + bytes(self.buf)
        self.buf.clear()
        return out

    def _cut(self, version: bytes, frag: bytes) -> bytes:
        out = bytearray()
        off = 0
        while off < len(frag):
            n = self.split[self.cycle % len(self.split)]
            self.cycle += 1
            piece = frag[off:off + n]
            off += len(piece)
            out += bytes([22]) + version + len(piece).to_bytes(2, "big") + piece
            self.records_out += 1
        return bytes(out)

    def _hold(self, version: bytes, frag: bytes, now: float) -> None:
        if not self.held:
            self.held_since = now
        if self.held and len(self.held[-1][1]) + len(frag) <= MAX_FRAGMENT:
            self.held[-1][1].extend(frag)
        else:
            self.held.append((version, bytearray(frag)))

    def _flight_ended(self) -> bool:
        """True if the held bytes end exactly after a flight-ending message."""
        data = b"".join(bytes(f) for _v, f in self.held)
        off, last = 0, None
        while off + 4 <= len(data):
            last = data[off]
            off += 4 + int.from_bytes(data[off + 1:off + 4], "big")
        return off == len(data) and last in FLIGHT_END

    def _release(self) -> bytes:
        out = bytearray()
        for version, frag in self.held:
            out += bytes([22]) + version + len(frag).to_bytes(2, "big") + frag
            self.records_out += 1
        self.held.clear()
        return bytes(out)


def listen_socket(port: int = 0) -> socket.socket:
    """Binds a listening socket on 127.0.0.1:<port> (0 = any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, port))
    sock.listen(1)
    return sock


class Relay:
    """Relays one accepted connection to 127.0.0.1:server_port.

    After run() returns, `c2s` and `s2c` hold the recorded bytes (as
    forwarded), `reason` says why the relay stopped ("closed", "reset",
    "timeout", ...).  `refragment` (a list of sizes) or `coalesce` re-cut the
    plaintext handshake records of both directions (see HandshakeShaper);
    `shapers` then tells how many records came in and went out.
    """

    def __init__(self, listener: socket.socket, server_port: int,
                 c2s_path: str | None = None, s2c_path: str | None = None,
                 timeout: float = 10.0, refragment: list[int] | None = None,
                 coalesce: bool = False) -> None:
        self.listener = listener
        self.server_port = server_port
        self.c2s_path = c2s_path
        self.s2c_path = s2c_path
        self.timeout = timeout
        self.c2s = bytearray()
        self.s2c = bytearray()
        # What was forwarded, when, for pcap_writer.py: (unix time, "c2s" |
        # "s2c", bytes), and the client's address and the times the
        # connection began and ended.
        self.events: list[tuple[float, str, bytes]] = []
        self.client_addr: tuple[str, int] | None = None
        self.started = self.ended = 0.0
        self.reason = "not run"
        self.shapers = {d: HandshakeShaper(refragment, coalesce) for d in ("c2s", "s2c")}
        # Kept: the listener is closed as soon as the one client is accepted.
        self.port: int = listener.getsockname()[1]

    def run(self) -> str:
        deadline = time.monotonic() + self.timeout
        client = server = None
        try:
            self.listener.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                client, self.client_addr = self.listener.accept()
                self.started = time.time()
            except socket.timeout:
                self.reason = "timeout waiting for client"
                return self.reason
            finally:
                # One connection only: stop listening at once.
                self.listener.close()
            remaining = max(0.01, deadline - time.monotonic())
            try:
                server = socket.create_connection((LOOPBACK, self.server_port),
                                                  timeout=remaining)
            except OSError as exc:
                self.reason = f"connect failed: {exc}"
                return self.reason
            for s in (client, server):
                s.setblocking(False)
                # Forward small TLS records promptly instead of batching.
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.reason = self._pump(client, server, deadline)
            self.ended = time.time()
            return self.reason
        finally:
            for s in (client, server):
                if s is not None:
                    try:
                        s.close()
                    except OSError:
                        pass
            self._save()

    def _pump(self, client: socket.socket, server: socket.socket,
              deadline: float) -> str:
        # Each direction: [source, destination, recording, pending output, saw EOF].
        dirs = {
            "c2s": [client, server, self.c2s, bytearray(), False],
            "s2c": [server, client, self.s2c, bytearray(), False],
        }
        sel = selectors.DefaultSelector()
        sel.register(client, selectors.EVENT_READ, "c2s")
        sel.register(server, selectors.EVENT_READ, "s2c")
        try:
            while True:
                # Done once both directions saw EOF and flushed everything.
                if all(d[4] and not d[3] for d in dirs.values()):
                    return "closed"
                left = deadline - time.monotonic()
                if left <= 0:
                    return "timeout"
                holding = any(sh.holding() for sh in self.shapers.values())
                events = sel.select(timeout=min(left, 0.05 if holding else 0.5))
                now = time.monotonic()
                for name, d in dirs.items():
                    out = self.shapers[name].idle(now)
                    self._record(name, out)
                    d[2] += out
                    d[3] += out
                for key, mask in events:
                    name = key.data
                    src, dst, rec, pending, eof = dirs[name]
                    if mask & selectors.EVENT_READ and not eof:
                        try:
                            chunk = src.recv(65536)
                        except (BlockingIOError, InterruptedError):
                            continue
                        except ConnectionResetError:
                            return "reset"
                        if not chunk:
                            dirs[name][4] = True
                            out = self.shapers[name].eof()
                            self._record(name, out)
                            rec += out
                            pending += out
                            if not pending:
                                self._half_close(dst)
                        else:
                            # Record what is forwarded: that is what the peer gets.
                            out = self.shapers[name].feed(chunk, time.monotonic())
                            self._record(name, out)
                            rec += out
                            pending += out
                flushed = self._flush(dirs, deadline)
                if flushed != "ok":
                    return flushed
                # Re-register: stop reading sources that hit EOF.
                for d in dirs.values():
                    src = d[0]
                    try:
                        key = sel.get_key(src)
                    except (KeyError, ValueError):
                        key = None
                    if d[4] and key is not None:
                        sel.unregister(src)
        finally:
            sel.close()

    def _flush(self, dirs, deadline: float) -> str:
        """Writes pending bytes; waits (never past the deadline) if a socket is full."""
        for d in dirs.values():
            _src, dst, _rec, pending, eof = d
            while pending:
                if time.monotonic() >= deadline:
                    return "timeout"
                try:
                    n = dst.send(pending)
                except (BlockingIOError, InterruptedError):
                    time.sleep(0.001)
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    return "reset"
                del pending[:n]
            if eof:
                self._half_close(dst)
        return "ok"

    def _record(self, name: str, data: bytes) -> None:
        if data:
            self.events.append((time.time(), name, bytes(data)))

    @staticmethod
    def _half_close(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError as exc:
            if exc.errno not in (errno.ENOTCONN, errno.EPIPE, errno.EBADF):
                raise

    def _save(self) -> None:
        for path, data in ((self.c2s_path, self.c2s), (self.s2c_path, self.s2c)):
            if path:
                with open(path, "wb") as f:
                    f.write(bytes(data))


def run_relay(server_port: int, c2s_path: str | None, s2c_path: str | None,
              listen_port: int = 0, timeout: float = 10.0,
              refragment: list[int] | None = None, coalesce: bool = False) -> Relay:
    """Convenience: listen, relay one connection, return the finished Relay."""
    relay = Relay(listen_socket(listen_port), server_port, c2s_path, s2c_path,
                  timeout, refragment, coalesce)
    relay.run()
    return relay


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server-port", type=int, required=True,
                    help="port of the server on 127.0.0.1")
    ap.add_argument("--listen-port", type=int, default=0,
                    help="port to listen on, 127.0.0.1 (default: any free)")
    ap.add_argument("--c2s", required=True, help="file for client->server bytes")
    ap.add_argument("--s2c", required=True, help="file for server->client bytes")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="overall time limit in seconds (default 10)")
    shape = ap.add_mutually_exclusive_group()
    shape.add_argument("--refragment", metavar="N[,M...]",
                       type=lambda v: [int(x) for x in v.split(",")],
                       help="cut the plaintext handshake records into records of "
                            "N, M, ... bytes of fragment (cycled)")
    shape.add_argument("--coalesce", action="store_true",
                       help="merge consecutive plaintext handshake records of a flight "
                            "into one record")
    args = ap.parse_args(argv)
    try:
        relay = Relay(listen_socket(args.listen_port), args.server_port,
                      args.c2s, args.s2c, args.timeout, args.refragment, args.coalesce)
    except ValueError as exc:
        ap.error(str(exc))
    print(f"LISTEN {LOOPBACK}:{relay.port}", flush=True)
    reason = relay.run()
    print(f"DONE c2s={len(relay.c2s)} s2c={len(relay.s2c)} reason={reason}",
          flush=True)
    if args.refragment or args.coalesce:
        sh = relay.shapers
        print(f"RECORDS c2s={sh['c2s'].records_in}->{sh['c2s'].records_out} "
              f"s2c={sh['s2c'].records_in}->{sh['s2c'].records_out}", flush=True)
    return 0 if reason == "closed" else 1


if __name__ == "__main__":
    sys.exit(main())
