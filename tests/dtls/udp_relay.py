#!/usr/bin/env python3
"""A UDP relay on 127.0.0.1 that records every datagram it forwards.

Usage: udp_relay.py LISTEN_PORT SERVER_PORT OUT.json TIMEOUT_SECONDS [DROP [DROP_C2S]]

Listens on 127.0.0.1:LISTEN_PORT (never another address), forwards each
client's datagrams to 127.0.0.1:SERVER_PORT and the server's replies back,
for TIMEOUT_SECONDS, then writes OUT.json: a list of [dir, hex] in the order
forwarded (dir "c2s" or "s2c").  DROP, optional, is a comma-separated list
of 0-based indexes of s2c datagrams to drop (not forward, not record), to
simulate loss so that the server retransmits its flight; DROP_C2S the same
for the client's datagrams.  Standard library only.

As a module (tests/interop/dtls_capture.py): `UdpRelay(server_port, ...)`
binds 127.0.0.1:0 (or a given port), `run()` relays until `stop()` or its
timeout, and `events` lists every datagram it received, dropped ones
included, as `Datagram`s; `drop_fn(dir, data, index)`, if given, drops
the datagrams it returns True for (beside the indexes).  Each new client address (a client's new socket,
as gnutls-cli --resume and a second s_client use) is a new connection: its
own upstream socket towards the server, its own index.  Drop indexes count
each direction's datagrams over the whole run, all connections together.
"""
from __future__ import annotations

import json
import select
import socket
import sys
import threading
import time
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"


@dataclass
class Datagram:
    dir: str            # "c2s" | "s2c"
    data: bytes
    connection: int     # 0-based, in the order the clients first sent
    index: int          # 0-based among this direction's datagrams (dropped ones included)
    dropped: bool
    time: float         # seconds since the relay started


class UdpRelay:
    def __init__(self, server_port: int, listen_port: int = 0, drop_s2c=(), drop_c2s=(),
                 timeout: float = 30.0, drop_fn=None):
        self.server_port = server_port
        self.drop = {"s2c": set(drop_s2c), "c2s": set(drop_c2s)}
        self.timeout = timeout
        self.drop_fn = drop_fn          # optional: drop_fn(dir, data, index) -> True to drop
        self.listen = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.listen.bind((LOOPBACK, listen_port))
        self.port = self.listen.getsockname()[1]
        self.events: list[Datagram] = []
        self._clients: dict = {}        # client address -> (connection index, upstream socket)
        self._upstream: dict = {}       # upstream socket -> (connection index, client address)
        self._count = {"c2s": 0, "s2c": 0}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.started = time.monotonic()

    def stop(self):
        self._stop.set()

    def connections(self) -> int:
        return len(self._clients)

    def snapshot(self) -> list[Datagram]:
        with self._lock:
            return list(self.events)

    def _record(self, direction: str, data: bytes, conn: int) -> bool:
        with self._lock:
            i = self._count[direction]
            self._count[direction] += 1
            dropped = i in self.drop[direction] or bool(
                self.drop_fn and self.drop_fn(direction, data, i))
            self.events.append(Datagram(direction, data, conn, i, dropped,
                                        time.monotonic() - self.started))
        return not dropped

    def run(self):
        end = self.started + self.timeout
        try:
            while not self._stop.is_set() and time.monotonic() < end:
                socks = [self.listen] + list(self._upstream)
                ready, _, _ = select.select(socks, [], [], 0.05)
                for sock in ready:
                    data, addr = sock.recvfrom(65535)
                    if sock is self.listen:
                        if addr not in self._clients:
                            up = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                            up.bind((LOOPBACK, 0))
                            self._clients[addr] = (len(self._clients), up)
                            self._upstream[up] = (self._clients[addr][0], addr)
                        conn, up = self._clients[addr]
                        if self._record("c2s", data, conn):
                            up.sendto(data, (LOOPBACK, self.server_port))
                    else:
                        conn, client = self._upstream[sock]
                        if self._record("s2c", data, conn):
                            self.listen.sendto(data, client)
        finally:
            for up in self._upstream:
                up.close()
            self.listen.close()


def _indexes(arg: str) -> set:
    return {int(x) for x in arg.split(",")} if arg else set()


def main(argv) -> int:
    if len(argv) < 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    listen_port, server_port, out, timeout = int(argv[0]), int(argv[1]), argv[2], float(argv[3])
    relay = UdpRelay(server_port, listen_port, _indexes(argv[4]) if len(argv) > 4 else (),
                     _indexes(argv[5]) if len(argv) > 5 else (), timeout)
    relay.run()
    with open(out, "w") as f:
        json.dump([(d.dir, d.data.hex()) for d in relay.events if not d.dropped], f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
