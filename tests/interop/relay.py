#!/usr/bin/env python3
"""A one-connection TCP relay on 127.0.0.1 that records both directions.

Why it exists: tlswire's interop vectors need the exact bytes a real TLS
client and server exchanged.  Putting this relay between them records the
client->server (c2s) and server->client (s2c) byte streams without needing
packet capture privileges or tools, and without changing either peer.

Behaviour:
  * listens on 127.0.0.1 only (never any other address), accepts exactly one
    client, then connects to the server at 127.0.0.1:<server_port>;
  * forwards bytes both ways unchanged, appending each direction to its own
    file as it goes, and propagates half-close (EOF on one side becomes
    shutdown(SHUT_WR) on the other) so TLS close_notify exchanges complete;
  * returns when both directions have reached EOF, when either side resets,
    or when the overall timeout expires -- it never hangs.

Standard library only.  Usable as a module (run_relay / Relay) or from the
command line:

  relay.py --server-port 4433 --c2s c2s.bin --s2c s2c.bin [--listen-port 0]
           [--timeout 10]

The command prints "LISTEN 127.0.0.1:<port>" on stdout (flushed) once it is
listening, so a driver that asked for port 0 learns the real port, and
"DONE c2s=<n> s2c=<n> reason=<why>" when it ends.
"""

from __future__ import annotations

import argparse
import errno
import selectors
import socket
import sys
import time

LOOPBACK = "127.0.0.1"  # the only address this relay ever binds or dials


def listen_socket(port: int = 0) -> socket.socket:
    """Binds a listening socket on 127.0.0.1:<port> (0 = any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, port))
    sock.listen(1)
    return sock


class Relay:
    """Relays one accepted connection to 127.0.0.1:server_port.

    After run() returns, `c2s` and `s2c` hold the recorded bytes, `reason`
    says why the relay stopped ("closed", "reset", "timeout", ...).
    """

    def __init__(self, listener: socket.socket, server_port: int,
                 c2s_path: str | None = None, s2c_path: str | None = None,
                 timeout: float = 10.0) -> None:
        self.listener = listener
        self.server_port = server_port
        self.c2s_path = c2s_path
        self.s2c_path = s2c_path
        self.timeout = timeout
        self.c2s = bytearray()
        self.s2c = bytearray()
        self.reason = "not run"
        # Kept: the listener is closed as soon as the one client is accepted.
        self.port: int = listener.getsockname()[1]

    def run(self) -> str:
        deadline = time.monotonic() + self.timeout
        client = server = None
        try:
            self.listener.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                client, _ = self.listener.accept()
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
                events = sel.select(timeout=min(left, 0.5))
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
                            if not pending:
                                self._half_close(dst)
                        else:
                            rec += chunk
                            pending += chunk
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
              listen_port: int = 0, timeout: float = 10.0) -> Relay:
    """Convenience: listen, relay one connection, return the finished Relay."""
    relay = Relay(listen_socket(listen_port), server_port, c2s_path, s2c_path,
                  timeout)
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
    args = ap.parse_args(argv)
    relay = Relay(listen_socket(args.listen_port), args.server_port,
                  args.c2s, args.s2c, args.timeout)
    print(f"LISTEN {LOOPBACK}:{relay.port}", flush=True)
    reason = relay.run()
    print(f"DONE c2s={len(relay.c2s)} s2c={len(relay.s2c)} reason={reason}",
          flush=True)
    return 0 if reason == "closed" else 1


if __name__ == "__main__":
    sys.exit(main())
