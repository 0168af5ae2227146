#!/usr/bin/env python3
"""Write a Chrome-like ClientHello, built from the RFC structures, to vectors/bench/.

    benchmarks/gen_chrome_hello.py [--out DIR]

Writes DIR/chrome_ch.msg.hex (the handshake message) and DIR/chrome_ch.rec.hex
(the same message in a TLSPlaintext record, 16 03 01 LL LL, as browsers send
their first record). The output is deterministic: every "random" byte (random,
session id, key shares, ECH enc/payload, config_id) comes from SHA-256 in
counter mode over a fixed label, so re-running the script gives the same bytes.

What it models (the shape of a recent Chrome ClientHello; Chrome shuffles the
extension order per connection, one fixed order is used here):
  - GREASE (RFC 8701) as the first cipher suite, as two extension types (one
    empty, one with a one-byte body), in supported_groups, as a one-byte
    key share, and in supported_versions;
  - key_share with X25519MLKEM768 (0x11ec, a 1216-byte share:
    ML-KEM-768 encapsulation key 1184 + X25519 32) and x25519;
  - GREASE ECH: an outer encrypted_client_hello (0xfe0d) with a random
    config_id, a 32-byte enc and a random payload;
  - ALPS, application_settings under its first code point 17513 (0x4469);
  - compress_certificate (RFC 8879) offering brotli;
  - padding (RFC 7685) at the end, zeros up to a message length that is a
    multiple of 64 bytes (Chrome pads only hellos of 256..511 bytes; the
    extension is here so that its body is parsed and checked too).
Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "vectors", "bench")


def pseudo_random(label: str, n: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(f"tlswire bench chrome_ch {label} {counter}".encode()).digest()
        counter += 1
    return out[:n]


def u8(v: int) -> bytes:
    return struct.pack("!B", v)


def u16(v: int) -> bytes:
    return struct.pack("!H", v)


def u24(v: int) -> bytes:
    return struct.pack("!I", v)[1:]


def vec8(body: bytes) -> bytes:  # opaque x<0..2^8-1>
    assert len(body) < 1 << 8
    return u8(len(body)) + body


def vec16(body: bytes) -> bytes:  # opaque x<0..2^16-1>
    assert len(body) < 1 << 16
    return u16(len(body)) + body


def u16s(*values: int) -> bytes:
    return b"".join(u16(v) for v in values)


def extension(ext_type: int, body: bytes) -> bytes:
    # RFC 8446 §4.2: struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension;
    return u16(ext_type) + vec16(body)


# GREASE values (RFC 8701 §2: 0x0A0A, 0x1A1A, ... 0xFAFA), a different one per place.
GREASE_SUITE, GREASE_EXT1, GREASE_GROUP, GREASE_VERSION, GREASE_EXT2 = 0x3A3A, 0x8A8A, 0x4A4A, 0x1A1A, 0xBABA

X25519MLKEM768, X25519, SECP256R1, SECP384R1 = 0x11EC, 0x001D, 0x0017, 0x0018
ALPS_OLD = 17513  # 0x4469, draft-vvv-tls-alps as Chrome deployed it first


def extensions_without_padding() -> list[bytes]:
    host = b"www.example.com"
    return [
        extension(GREASE_EXT1, b""),
        # RFC 6066 §3: ServerNameList server_name_list<1..2^16-1>; ServerName { NameType name_type; HostName host_name<1..2^16-1> }
        extension(0x0000, vec16(u8(0) + vec16(host))),
        extension(0x0017, b""),                                         # extended_master_secret, RFC 7627 §5.1
        extension(0xFF01, vec8(b"")),                                   # renegotiation_info, RFC 5746 §3.2
        extension(0x000A, vec16(u16s(GREASE_GROUP, X25519MLKEM768, X25519, SECP256R1, SECP384R1))),
        extension(0x000B, vec8(u8(0))),                                 # ec_point_formats: uncompressed, RFC 8422 §5.1.2
        extension(0x0023, b""),                                         # session_ticket, RFC 5077 §3.2
        extension(0x0010, vec16(vec8(b"h2") + vec8(b"http/1.1"))),      # ALPN, RFC 7301 §3.1
        extension(0x0005, u8(1) + vec16(b"") + vec16(b"")),             # status_request: ocsp, RFC 6066 §8
        extension(0x000D, vec16(u16s(0x0403, 0x0804, 0x0401, 0x0503,   # signature_algorithms, RFC 8446 §4.2.3
                                     0x0805, 0x0501, 0x0806, 0x0601))),
        extension(0x0012, b""),                                         # signed_certificate_timestamp, RFC 6962 §3.3.1
        # RFC 8446 §4.2.8: KeyShareEntry client_shares<0..2^16-1>; KeyShareEntry { NamedGroup group; opaque key_exchange<1..2^16-1> }
        extension(0x0033, vec16(
            u16(GREASE_GROUP) + vec16(b"\x00") +
            u16(X25519MLKEM768) + vec16(pseudo_random("mlkem768 encapsulation key", 1184) +
                                        pseudo_random("x25519 share (hybrid)", 32)) +
            u16(X25519) + vec16(pseudo_random("x25519 share", 32)))),
        extension(0x002D, vec8(u8(1))),                                 # psk_key_exchange_modes: psk_dhe_ke
        extension(0x002B, vec8(u16s(GREASE_VERSION, 0x0304, 0x0303))), # supported_versions, RFC 8446 §4.2.1
        extension(0x001B, vec8(u16(0x0002))),                           # compress_certificate: brotli, RFC 8879 §3
        # draft-vvv-tls-alps §3: ProtocolName supported_protocols<2..2^16-1>
        extension(ALPS_OLD, vec16(vec8(b"h2"))),
        # draft-ietf-tls-esni §5: ECHClientHello { ECHClientHelloType type = outer(0);
        #   HpkeSymmetricCipherSuite cipher_suite (kdf HKDF-SHA256 1, aead AES-128-GCM 1);
        #   uint8 config_id; opaque enc<0..2^16-1>; opaque payload<1..2^16-1> }
        extension(0xFE0D, u8(0) + u16s(0x0001, 0x0001) + pseudo_random("ech config_id", 1) +
                  vec16(pseudo_random("ech enc", 32)) + vec16(pseudo_random("ech payload", 176))),
        extension(GREASE_EXT2, b"\x00"),
    ]


def client_hello(extensions: list[bytes]) -> bytes:
    suites = u16s(GREASE_SUITE, 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030,
                  0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035)
    # RFC 8446 §4.1.2: legacy_version, random[32], legacy_session_id<0..32>,
    # cipher_suites<2..2^16-2>, legacy_compression_methods<1..2^8-1>, extensions<8..2^16-1>
    body = (u16(0x0303) + pseudo_random("random", 32) + vec8(pseudo_random("session id", 32)) +
            vec16(suites) + vec8(u8(0)) + vec16(b"".join(extensions)))
    return u8(1) + u24(len(body)) + body  # Handshake { msg_type client_hello(1), uint24 length, body }


def build() -> bytes:
    exts = extensions_without_padding()
    unpadded = len(client_hello(exts))
    # padding (RFC 7685 §3): zero bytes; the extension header itself takes 4.
    target = (unpadded + 4 + 1 + 63) // 64 * 64
    hello = client_hello(exts + [extension(0x0015, bytes(target - unpadded - 4))])
    assert len(hello) % 64 == 0
    return hello


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: vectors/bench)")
    args = ap.parse_args()
    msg = build()
    record = u8(0x16) + u16(0x0301) + vec16(msg)  # TLSPlaintext { handshake(22), legacy_record_version, fragment }
    os.makedirs(args.out, exist_ok=True)
    for suffix, data in (("msg", msg), ("rec", record)):
        with open(os.path.join(args.out, f"chrome_ch.{suffix}.hex"), "w", encoding="ascii") as f:
            f.write(data.hex() + "\n")
    print(f"chrome_ch: {len(msg)} bytes (record {len(record)}), 16 suites, {len(extensions_without_padding()) + 1} extensions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
