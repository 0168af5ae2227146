#!/usr/bin/env python3
# A one-client UDP relay on 127.0.0.1 that records every datagram with its direction.
import socket, select, sys, time, json
listen_port, server_port, out, timeout = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.bind(("127.0.0.1", listen_port))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
client = None; log = []; end = time.time() + timeout
while time.time() < end:
    r, _, _ = select.select([c, s], [], [], 0.2)
    for sock in r:
        data, addr = sock.recvfrom(65535)
        if sock is c:
            client = addr; s.sendto(data, ("127.0.0.1", server_port)); log.append(("c2s", data.hex()))
        elif client:
            c.sendto(data, client); log.append(("s2c", data.hex()))
json.dump(log, open(out, "w"))
