#!/usr/bin/env python3
"""A one-client UDP relay on 127.0.0.1 that records every datagram it forwards.

Usage: udp_relay.py LISTEN_PORT SERVER_PORT OUT.json TIMEOUT_SECONDS [DROP]

Listens on 127.0.0.1:LISTEN_PORT (never another address), forwards the first
client's datagrams to 127.0.0.1:SERVER_PORT and the server's replies back,
for TIMEOUT_SECONDS, then writes OUT.json: a list of [dir, hex] in the order
forwarded (dir "c2s" or "s2c").  DROP, optional, is a comma-separated list
of 0-based indexes of s2c datagrams to drop (not forward, not record), to
simulate loss so that the server retransmits its flight.  Standard library only.
"""
import json
import select
import socket
import sys
import time

listen_port, server_port, out, timeout = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
drop = {int(x) for x in sys.argv[5].split(",")} if len(sys.argv) > 5 and sys.argv[5] else set()
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.bind(("127.0.0.1", listen_port))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
client = None
log = []
s2c_index = 0
end = time.time() + timeout
while time.time() < end:
    ready, _, _ = select.select([c, s], [], [], 0.2)
    for sock in ready:
        data, addr = sock.recvfrom(65535)
        if sock is c:
            client = addr
            s.sendto(data, ("127.0.0.1", server_port))
            log.append(("c2s", data.hex()))
        elif client:
            i = s2c_index
            s2c_index += 1
            if i in drop:
                continue
            c.sendto(data, client)
            log.append(("s2c", data.hex()))
with open(out, "w") as f:
    json.dump(log, f)
