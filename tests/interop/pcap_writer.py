#!/usr/bin/env python3
"""Writes what relay.py recorded as capture files: pcap and pcapng.

Why: tlswire reads pcap/pcapng captures (TCP reassembly per connection), and
its tests need captures of real TLS connections without packet-capture
privileges and without anyone else's capture files.  The relay knows every
chunk each side sent and when; this module puts those bytes into synthesized
Ethernet / IPv4 or IPv6 / TCP headers (a SYN, SYN-ACK, ACK handshake, the
data in segments of at most one MSS, a FIN each way), written from the
format descriptions:

  * pcap: draft-ietf-opsawg-pcap (24-byte file header, 16-byte record
    headers, LINKTYPE_ETHERNET, microseconds, little-endian);
  * pcapng: draft-ietf-opsawg-pcapng (Section Header, Interface Description,
    Enhanced Packet Blocks; the key log in a Decryption Secrets Block of
    type TLSK, 0x544c534b, before the packets as `editcap --inject-secrets`
    puts it).

`hostile=True` makes the segments arrive as a lossy path delivers them: every
fifth segment also retransmitted later, and every seventh swapped with the
next one (reordered), so that the reader must reassemble.

Standard library only.  Checksums are left 0 (readers of captures do not
check them; tshark does not by default).
"""

from __future__ import annotations

import ipaddress
import struct
import zlib

MSS = 1448


class Connection:
    """One relayed connection: endpoints and the timeline of what was sent.

    `events` holds (unix_time, "c2s" | "s2c", bytes) in the order sent.
    """

    def __init__(self, client: tuple[str, int], server: tuple[str, int],
                 events: list[tuple[float, str, bytes]], start: float, end: float) -> None:
        self.client = client
        self.server = server
        self.events = events
        self.start = start
        self.end = end


def _checksumless_tcp(sport, dport, seq, ack, flags, payload):
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                       5 << 4, flags, 65535, 0, 0) + payload


def _ip(src: str, dst: str, segment: bytes) -> tuple[int, bytes]:
    s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    if s.version == 4:
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(segment), 0, 0x4000, 64, 6, 0,
                          s.packed, d.packed)
        return 0x0800, hdr + segment
    hdr = struct.pack("!IHBB16s16s", 0x60000000, len(segment), 6, 64, s.packed, d.packed)
    return 0x86dd, hdr + segment


def _ethernet(ethertype: int, payload: bytes, vlan: int | None) -> bytes:
    eth = bytes.fromhex("020000000002") + bytes.fromhex("020000000001")
    if vlan is not None:
        eth += struct.pack("!HH", 0x8100, vlan)
    return eth + struct.pack("!H", ethertype) + payload


def packets(conns: list[Connection], v6: bool = False, vlan: int | None = None,
            hostile: bool = False) -> list[tuple[float, bytes]]:
    """Every connection's frames, merged in time order."""
    out: list[tuple[float, int, bytes]] = []
    order = 0
    for n, c in enumerate(conns):
        caddr, cport = c.client
        saddr, sport = c.server
        if v6:
            caddr = saddr = "::1"
        # Fixed but distinct ISNs, near the top of the sequence space so
        # that long streams wrap around 2^32.
        isn = {"c2s": (0xfffff000 - 0x01000000 * n) & 0xffffffff,
               "s2c": (0x7ffff000 + zlib.crc32(bytes([n]))) & 0xffffffff}
        nxt = {"c2s": isn["c2s"] + 1, "s2c": isn["s2c"] + 1}
        frames: list[tuple[float, bytes]] = []

        def frame(t, d, seq, flags, payload=b""):
            src, dst = ((caddr, cport), (saddr, sport)) if d == "c2s" else ((saddr, sport), (caddr, cport))
            other = "s2c" if d == "c2s" else "c2s"
            seg = _checksumless_tcp(src[1], dst[1], seq, nxt[other], flags, payload)
            et, ip = _ip(src[0], dst[0], seg)
            frames.append((t, _ethernet(et, ip, vlan)))

        t0 = c.start
        frame(t0, "c2s", isn["c2s"], 0x02)                 # SYN
        frame(t0 + 1e-5, "s2c", isn["s2c"], 0x12)          # SYN-ACK
        frame(t0 + 2e-5, "c2s", nxt["c2s"], 0x10)          # ACK
        data = []
        for t, d, chunk in c.events:
            for at in range(0, len(chunk), MSS):
                piece = chunk[at:at + MSS]
                data.append((t, d, nxt[d], piece))
                nxt[d] += len(piece)
        if hostile:
            shaped = []
            for i, seg in enumerate(data):
                shaped.append(seg)
            for i in range(0, len(shaped) - 1, 7):
                shaped[i], shaped[i + 1] = shaped[i + 1], shaped[i]
            again = [(k, s) for k, s in enumerate(data) if k % 5 == 4]
            for j, (k, s) in enumerate(again):
                shaped.insert(min(len(shaped), k + 2 + j), s)
            data = shaped
        last = t0 + 3e-5
        for t, d, seq, piece in data:
            last = max(last, t)
            frame(last, d, seq, 0x18, piece)              # PSH, ACK
        end = max(last, c.end)
        frame(end, "c2s", nxt["c2s"], 0x11)               # FIN, ACK
        frame(end + 1e-5, "s2c", nxt["s2c"], 0x11)
        frame(end + 2e-5, "c2s", nxt["c2s"] + 1, 0x10)
        for t, f in frames:
            out.append((t, order, f))
            order += 1
    out.sort(key=lambda x: (x[0], x[1]))
    return [(t, f) for t, _o, f in out]


def write_pcap(path: str, frames: list[tuple[float, bytes]]) -> None:
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for t, fr in frames:
            sec = int(t)
            usec = int(round((t - sec) * 1e6))
            if usec >= 1000000:
                sec, usec = sec + 1, usec - 1000000
            f.write(struct.pack("<IIII", sec, usec, len(fr), len(fr)) + fr)


def _block(btype: int, body: bytes) -> bytes:
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def write_pcapng(path: str, frames: list[tuple[float, bytes]], keylog: str) -> None:
    with open(path, "wb") as f:
        f.write(_block(0x0a0d0d0a, struct.pack("<IHHq", 0x1a2b3c4d, 1, 0, -1)))
        f.write(_block(0x00000001, struct.pack("<HHI", 1, 0, 0)))
        if keylog:
            data = keylog.encode()
            f.write(_block(0x0000000a, struct.pack("<II", 0x544c534b, len(data)) + data))
        for t, fr in frames:
            ts = int(round(t * 1e6))  # if_tsresol default: microseconds
            f.write(_block(0x00000006, struct.pack("<IIIII", 0, ts >> 32, ts & 0xffffffff,
                                                   len(fr), len(fr)) + fr))


def write_captures(base: str, conns: list[Connection], keylog: str) -> tuple[str, str]:
    """<base>.pcap (Ethernet/IPv4, in order) and <base>.pcapng (Ethernet with
    a VLAN tag / IPv6, retransmitted and reordered segments, the key log in
    a Decryption Secrets Block)."""
    write_pcap(base + ".pcap", packets(conns))
    write_pcapng(base + ".pcapng", packets(conns, v6=True, vlan=100, hostile=True), keylog)
    return base + ".pcap", base + ".pcapng"
