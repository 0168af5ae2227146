#!/usr/bin/env python3
"""Capture real TLS handshakes between OpenSSL / GnuTLS peers on 127.0.0.1.

For each named scenario this script generates throw-away test keys and
certificates, starts a server (openssl s_server or gnutls-serv), puts
relay.py between it and a client (openssl s_client or gnutls-cli), lets the
client complete a handshake, exchange one line of application data each way
and close, and then writes vectors/captures-style JSON:

    capture.py --list                 print the scenario names
    capture.py <scenario> <outdir>    write <outdir>/<scenario>.json
    capture.py all <outdir>           every scenario

The JSON shape is documented in vectors/captures/README.md.  The "expect"
block of each connection is read from the peers' own output (s_client's
summary, its -msg trace, gnutls-cli's description and debug log), and the
script cross-checks it against the recorded bytes (record headers, the
plaintext ClientHello/ServerHello, keylog labels) before writing anything:
a scenario that does not come out as intended is an error, not a vector.
Some scenarios renegotiate after the first handshake (s_client's "R",
s_server's "r"/"R" on stdin), some send TLS 1.3 post-handshake messages
(s_client's "k"/"K": KeyUpdate; s_server's "c": post-handshake client
authentication) or 0-RTT data (s_client -early_data), and some have the relay re-cut the plaintext
handshake records (relay.py --refragment / --coalesce); see the README.
With TLSWIRE_CAPTURE_PCAP=1 it also writes <outdir>/<scenario>.pcap and
.pcapng: the scenario's connections as the relay forwarded them, in
synthesized Ethernet/IP/TCP packets (pcap_writer.py), the key log in the
pcapng's Decryption Secrets Block.

Safety and bounds: every address is 127.0.0.1; every peer runs under
`timeout`; every wait has a deadline; all started processes are killed by
pid when the scenario ends.  gnutls-serv cannot be told which address to
bind (it listens on all of them), so scenarios that need it run inside a
private network namespace (`unshare -n`, loopback only); where that is not
permitted they fail with exit status 77 ("skipped") and say why.

Standard library only (plus relay.py and pcap_writer.py next to this file).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shlex
import signal
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pcap_writer  # noqa: E402
import relay as relay_mod  # noqa: E402

LOOPBACK = "127.0.0.1"
PEER_TIMEOUT = 10        # seconds: `timeout` for every peer process
STEP_TIMEOUT = 6.0       # seconds: the longest we wait for any one event
CLIENT_LINE = "hello from client"
EARLY_LINE = "early data from client"
SERVER_LINE = "hello from server"
SKIP = 77                # exit status for "cannot run here" (ctest SKIP_RETURN_CODE)

# RFC 8446 §4.1.3: a ServerHello whose random is this value is a HelloRetryRequest.
HRR_RANDOM = bytes.fromhex(
    "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")


class CaptureError(Exception):
    pass


class Skipped(Exception):
    pass


# --------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------

@dataclass
class Scenario:
    name: str
    description: str
    client: str = "openssl"            # "openssl" | "gnutls"
    server: str = "openssl"            # "openssl" | "gnutls"
    cert: str = "rsa"                  # server key type: rsa | ecdsa | ed25519
    client_args: list = field(default_factory=list)
    client_args_by_connection: list = field(default_factory=list)  # more client args, per connection
    server_args: list = field(default_factory=list)
    connections: int = 1               # 2 = full handshake, then resumption
    mutual: bool = False               # server demands a client certificate
    ocsp: bool = False                 # server staples an OCSP response
    client_conf: str = ""              # extra OpenSSL config for the client
    # TLS 1.2 renegotiation (RFC 5746) after the first handshake: "client"
    # (s_client's command "R"), "server" (s_server's "r": HelloRequest) or
    # "server_cert" (s_server's "R": HelloRequest, then a CertificateRequest).
    renegotiate: str = ""
    client_cert: bool = False          # the client has a certificate (sent if asked)
    # TLS 1.3 after the handshake (OpenSSL both sides): "key_update" (s_client
    # commands k, then K: KeyUpdate update_not_requested, then update_requested,
    # which the server answers with its own; application data after each) or
    # "post_handshake_auth" (s_client -enable_pha, s_server command c: an
    # encrypted CertificateRequest, the client's Certificate, CertificateVerify,
    # Finished).
    post_handshake: str = ""
    # TLS 1.3 0-RTT on the last connection (connections=2: the first stores the
    # ticket with -sess_out): the client sends EARLY_LINE as early data
    # (s_client -early_data FILE); "accepted" (s_server -early_data) or
    # "rejected" (a server that does not read early data skips it, §4.2.10).
    early_data: str = ""
    # relay.py re-cuts the plaintext handshake records (both directions):
    refragment: list = field(default_factory=list)   # into records of these sizes, cycled
    coalesce: bool = False             # each flight's records merged into one record
    # What the scenario is built to produce, per connection; checked against
    # what the peers report.  Keys: version, cipher_suite, resumed, alpn, ...
    want: list = field(default_factory=list)


def _s(*args, **kw) -> Scenario:
    return Scenario(*args, **kw)


LEGACY = ["-cipher", "DEFAULT@SECLEVEL=0"]

# What the key update scenarios make the peers trace: the client's KeyUpdate
# (update_not_requested), its second one (update_requested), the server's answer.
KEY_UPDATES_BOTH_WAYS = [{"direction": "c2s", "update_requested": False},
                         {"direction": "c2s", "update_requested": True},
                         {"direction": "s2c", "update_requested": False}]
# Post-handshake authentication answered with a certificate (RFC 8446 §4.6.2).
POST_HANDSHAKE_AUTH_WITH_CERT = {"certificate_request": True, "handshake_types": {
    "c2s": ["certificate", "certificate_verify", "finished"], "s2c": ["certificate_request"]}}

SCENARIOS: list[Scenario] = [
    # ---- TLS 1.2, OpenSSL <-> OpenSSL --------------------------------------
    _s("tls12_rsa_kx", "TLS 1.2 RSA key transport, extended master secret (default), no ticket",
       client_args=["-tls1_2", "-cipher", "AES128-GCM-SHA256", "-no_ticket"],
       server_args=["-no_ticket"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_RSA_WITH_AES_128_GCM_SHA256",
              "extended_master_secret": True}]),
    _s("tls12_rsa_kx_no_ems", "TLS 1.2 RSA key transport without extended master secret "
       "(client config Options = -ExtendedMasterSecret; s_client 3.0 has no -no_ems)",
       client_args=["-tls1_2", "-cipher", "AES128-GCM-SHA256", "-no_ticket"],
       server_args=["-no_ticket"],
       client_conf="Options = -ExtendedMasterSecret\n",
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_RSA_WITH_AES_128_GCM_SHA256",
              "extended_master_secret": False}]),
    _s("tls12_dhe_rsa", "TLS 1.2 finite-field DHE with RSA signature",
       client_args=["-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
              "key_exchange": "DHE"}]),
    _s("tls12_ecdhe_rsa", "TLS 1.2 ECDHE with RSA signature",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
              "key_exchange": "ECDHE"}]),
    _s("tls12_ecdhe_rsa_cbc", "TLS 1.2 ECDHE-RSA with a CBC suite (encrypt_then_mac negotiated)",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256", "-no_ticket"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
              "key_exchange": "ECDHE", "encrypt_then_mac": True}]),
    _s("tls12_ecdhe_rsa_cbc_no_etm", "TLS 1.2 ECDHE-RSA with a CBC suite, MAC-then-encrypt: the "
       "client offers encrypt_then_mac, the server declines it (s_server -no_etm)",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256", "-no_ticket"],
       server_args=["-no_etm"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
              "key_exchange": "ECDHE", "encrypt_then_mac": False}]),
    _s("tls12_ecdhe_rsa_chacha20", "TLS 1.2 ECDHE-RSA with ChaCha20-Poly1305 (RFC 7905: "
       "the nonce is the IV XORed with the sequence number, no explicit nonce)",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305", "-no_ticket"],
       want=[{"version": "TLS 1.2",
              "cipher_suite": "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
              "key_exchange": "ECDHE", "encrypt_then_mac": False}]),
    _s("tls12_ecdhe_ecdsa_ccm", "TLS 1.2 ECDHE-ECDSA with AES-128-CCM (RFC 7251; ECDSA P-256 "
       "certificate; 8-byte explicit nonce, 16-byte tag; not in OpenSSL's DEFAULT list, "
       "so enabled on the server with -cipher)",
       cert="ecdsa",
       client_args=["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-CCM", "-no_ticket"],
       server_args=["-cipher", "ECDHE-ECDSA-AES128-CCM:DEFAULT"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
              "key_exchange": "ECDHE", "server_signature": "ecdsa_secp256r1_sha256"}]),
    _s("tls12_ecdhe_ecdsa_aes256_ccm8", "TLS 1.2 ECDHE-ECDSA with AES-256-CCM_8 (RFC 7251: "
       "8-byte tag; enabled on the server with -cipher)",
       cert="ecdsa",
       client_args=["-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-CCM8", "-no_ticket"],
       server_args=["-cipher", "ECDHE-ECDSA-AES256-CCM8:DEFAULT"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8",
              "key_exchange": "ECDHE"}]),
    _s("tls12_ecdhe_rsa_aes256_cbc_sha384_no_etm", "TLS 1.2 ECDHE-RSA with AES-256-CBC and "
       "HMAC-SHA384, MAC-then-encrypt (s_server -no_etm): the 48-byte MAC inside the padding",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES256-SHA384", "-no_ticket"],
       server_args=["-no_etm"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
              "encrypt_then_mac": False}]),
    _s("tls12_ecdhe_ecdsa", "TLS 1.2 ECDHE with ECDSA P-256 certificate",
       cert="ecdsa",
       client_args=["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", "-no_ticket"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
              "key_exchange": "ECDHE", "server_signature": "ecdsa_secp256r1_sha256"}]),
    _s("tls12_mutual_auth", "TLS 1.2 ECDHE-RSA, server requires a client certificate (ECDSA P-256)",
       mutual=True,
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       want=[{"version": "TLS 1.2", "client_certificate": True}]),
    _s("tls12_resume_session_id", "TLS 1.2 full handshake, then resumption by session ID (no tickets)",
       connections=2,
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       server_args=["-no_ticket"],
       want=[{"version": "TLS 1.2", "resumed": False},
             {"version": "TLS 1.2", "resumed": True}]),
    _s("tls12_resume_ticket", "TLS 1.2 full handshake with a session ticket, then resumption by ticket",
       connections=2,
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"],
       want=[{"version": "TLS 1.2", "resumed": False},
             {"version": "TLS 1.2", "resumed": True}]),
    _s("tls12_alpn_sni_status", "TLS 1.2 with ALPN (h2 chosen), SNI example.test and a stapled OCSP response",
       ocsp=True,
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket",
                    "-alpn", "h2,http/1.1", "-servername", "example.test", "-status"],
       server_args=["-alpn", "h2"],
       want=[{"version": "TLS 1.2", "alpn": "h2", "ocsp_stapled": True}]),
    # ---- TLS 1.2 renegotiation (RFC 5746), OpenSSL <-> OpenSSL --------------
    _s("tls12_renegotiation_client", "TLS 1.2 ECDHE-RSA, then the client renegotiates (s_client "
       "command R; OpenSSL 3 servers refuse that unless -client_renegotiation): a second full "
       "handshake, encrypted under the first one's keys, with secure renegotiation (RFC 5746)",
       renegotiate="client",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       server_args=["-client_renegotiation"],
       want=[{"version": "TLS 1.2", "renegotiated": True, "handshakes": 2,
              "renegotiations": [{"initiator": "client", "secure": True, "resumed": False}]}]),
    _s("tls12_renegotiation_server", "TLS 1.2 ECDHE-RSA, then the server renegotiates (s_server "
       "command r: an encrypted HelloRequest); the client's new ClientHello offers the session "
       "and the server resumes it (OpenSSL's default): an abbreviated second handshake, "
       "encrypted under the first one's keys, with secure renegotiation (RFC 5746)",
       renegotiate="server",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       want=[{"version": "TLS 1.2", "renegotiated": True, "handshakes": 2,
              "renegotiations": [{"initiator": "server", "secure": True, "resumed": True}]}]),
    _s("tls12_renegotiation_server_client_auth", "TLS 1.2 ECDHE-RSA without client "
       "authentication, then the server renegotiates asking for a client certificate (s_server "
       "command R, -no_resumption_on_reneg): HelloRequest, a second full handshake with "
       "CertificateRequest and the client's ECDSA certificate, all encrypted under the first "
       "handshake's keys (RFC 5746 secure renegotiation)",
       renegotiate="server_cert", client_cert=True,
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       server_args=["-no_resumption_on_reneg"],
       want=[{"version": "TLS 1.2", "renegotiated": True, "handshakes": 2,
              "client_certificate": False,
              "renegotiations": [{"initiator": "server", "secure": True, "resumed": False,
                                  "client_certificate": True}]}]),
    # ---- record layer shapes made by the relay (peers must accept them) -----
    _s("tls12_small_records", "TLS 1.2 ECDHE-RSA with a session ticket; the relay cuts every "
       "plaintext handshake record (ClientHello; ServerHello..ServerHelloDone; "
       "ClientKeyExchange; NewSessionTicket) into records of 16 bytes of fragment",
       refragment=[16],
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"],
       want=[{"version": "TLS 1.2", "handshake_fragment_sizes": [16]}]),
    _s("tls13_small_records", "TLS 1.3 defaults; the relay cuts the plaintext handshake records "
       "(ClientHello, ServerHello) into records of 3, 1, 16, 7, 3, 1, ... bytes of fragment "
       "(handshake headers split across records)",
       refragment=[3, 1, 16, 7], client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "handshake_fragment_sizes": [3, 1, 16, 7]}]),
    _s("tls12_coalesced_records", "TLS 1.2 ECDHE-RSA with client authentication; the relay "
       "merges each flight's plaintext handshake records into one record: ServerHello, "
       "Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone in one; the "
       "client's Certificate, ClientKeyExchange, CertificateVerify in one",
       coalesce=True, mutual=True,
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-no_ticket"],
       want=[{"version": "TLS 1.2", "client_certificate": True,
              "coalesced_handshake_records": True,
              "plaintext_handshake_records": {"c2s": 2, "s2c": 1}}]),
    # ---- TLS 1.3, OpenSSL <-> OpenSSL --------------------------------------
    _s("tls13_default", "TLS 1.3 with both peers' defaults (RSA certificate)",
       want=[{"version": "TLS 1.3"}]),
    _s("tls13_aes_128_gcm", "TLS 1.3 TLS_AES_128_GCM_SHA256",
       client_args=["-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"],
       want=[{"version": "TLS 1.3", "cipher_suite": "TLS_AES_128_GCM_SHA256"}]),
    _s("tls13_aes_256_gcm", "TLS 1.3 TLS_AES_256_GCM_SHA384",
       client_args=["-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384"],
       want=[{"version": "TLS 1.3", "cipher_suite": "TLS_AES_256_GCM_SHA384"}]),
    _s("tls13_chacha20_poly1305", "TLS 1.3 TLS_CHACHA20_POLY1305_SHA256",
       client_args=["-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256"],
       want=[{"version": "TLS 1.3", "cipher_suite": "TLS_CHACHA20_POLY1305_SHA256"}]),
    _s("tls13_aes_128_ccm", "TLS 1.3 TLS_AES_128_CCM_SHA256 (enabled on both sides)",
       client_args=["-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_SHA256"],
       server_args=["-ciphersuites", "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256"],
       want=[{"version": "TLS 1.3", "cipher_suite": "TLS_AES_128_CCM_SHA256"}]),
    _s("tls13_aes_128_ccm_8", "TLS 1.3 TLS_AES_128_CCM_8_SHA256 (enabled on both sides)",
       client_args=["-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_8_SHA256"],
       server_args=["-ciphersuites", "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256"],
       want=[{"version": "TLS 1.3", "cipher_suite": "TLS_AES_128_CCM_8_SHA256"}]),
    _s("tls13_hello_retry_request", "TLS 1.3 HelloRetryRequest: client offers a key share for X25519 "
       "only, server accepts only P-256",
       client_args=["-tls1_3", "-groups", "X25519:P-256"],
       server_args=["-groups", "P-256"],
       want=[{"version": "TLS 1.3", "hello_retry_request": True, "group": "secp256r1"}]),
    _s("tls13_mutual_auth", "TLS 1.3, server requires a client certificate (ECDSA P-256)",
       mutual=True, client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "client_certificate": True}]),
    _s("tls13_resume_psk", "TLS 1.3 full handshake, then PSK (psk_dhe_ke) resumption with a ticket",
       connections=2, client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "resumed": False},
             {"version": "TLS 1.3", "resumed": True}]),
    _s("tls13_key_update", "TLS 1.3 TLS_AES_128_GCM_SHA256, then the client sends a KeyUpdate "
       "(update_not_requested; s_client command k) and another (update_requested; command K), "
       "which the server answers with its own: application data under client application "
       "keys 0, 1, 2 and server keys 0, 1 (RFC 8446 §4.6.3, §7.2)",
       post_handshake="key_update",
       client_args=["-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"],
       want=[{"version": "TLS 1.3", "cipher_suite": "TLS_AES_128_GCM_SHA256",
              "key_updates": KEY_UPDATES_BOTH_WAYS}]),
    _s("tls13_post_handshake_auth", "TLS 1.3 post-handshake client authentication: the client "
       "offers it (s_client -enable_pha), the server asks after the handshake (s_server "
       "command c): CertificateRequest, the client's ECDSA Certificate, CertificateVerify and "
       "Finished, all under the application keys (RFC 8446 §4.6.2)",
       post_handshake="post_handshake_auth", client_cert=True,
       client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "client_certificate": False,
              "post_handshake_auth": POST_HANDSHAKE_AUTH_WITH_CERT}]),
    _s("tls13_early_data_other_suite", "TLS 1.3 0-RTT under the ticket's cipher suite while the "
       "server selects another: the ticket is for TLS_AES_128_GCM_SHA256 (the only suite the "
       "first connection offers), the resumption offers ChaCha20-Poly1305 first and s_server "
       "(-serverpref) selects it, resuming the session (same hash); the client encrypts its "
       "early data under the ticket's suite (RFC 8446 §4.2.10), and OpenSSL 3.0's server "
       "accepts and reads it, although §4.2.10 says a server must not accept 0-RTT under "
       "another suite than the PSK's",
       connections=2, early_data="accepted",
       client_args=["-tls1_3"],
       client_args_by_connection=[
           ["-ciphersuites", "TLS_AES_128_GCM_SHA256"],
           ["-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"]],
       server_args=["-early_data", "-serverpref", "-ciphersuites",
                    "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"],
       want=[{"version": "TLS 1.3", "resumed": False, "cipher_suite": "TLS_AES_128_GCM_SHA256"},
             {"version": "TLS 1.3", "resumed": True, "early_data": "accepted",
              "cipher_suite": "TLS_CHACHA20_POLY1305_SHA256"}]),
    _s("tls13_early_data_other_suite_rejected", "The same as tls13_early_data_other_suite with a "
       "server that does not read early data (-max_early_data 16384, no -early_data): it "
       "resumes under ChaCha20-Poly1305 and skips the client's early record, which is under "
       "the ticket's AES-128-GCM early keys; the client's next records are under its "
       "ChaCha20-Poly1305 handshake keys",
       connections=2, early_data="rejected",
       client_args=["-tls1_3"],
       client_args_by_connection=[
           ["-ciphersuites", "TLS_AES_128_GCM_SHA256"],
           ["-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"]],
       server_args=["-max_early_data", "16384", "-serverpref", "-ciphersuites",
                    "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"],
       want=[{"version": "TLS 1.3", "resumed": False, "cipher_suite": "TLS_AES_128_GCM_SHA256"},
             {"version": "TLS 1.3", "resumed": True, "early_data": "rejected",
              "cipher_suite": "TLS_CHACHA20_POLY1305_SHA256"}]),
    _s("tls13_post_handshake_auth_no_cert", "TLS 1.3 post-handshake authentication where the "
       "client has no certificate (s_client -enable_pha without -cert): it answers the "
       "CertificateRequest with an empty Certificate and its Finished, no CertificateVerify "
       "(RFC 8446 §4.4.2.4), which s_server's command c (verify peer, no fail-if-none) accepts",
       post_handshake="post_handshake_auth",
       client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "client_certificate": False,
              "post_handshake_auth": {"certificate_request": True, "handshake_types": {
                  "c2s": ["certificate", "finished"], "s2c": ["certificate_request"]}}}]),
    _s("tls13_early_data", "TLS 1.3 full handshake storing a ticket, then a resumption with "
       "0-RTT data the server accepts (s_client -sess_in -early_data FILE, s_server "
       "-early_data): early application data and EndOfEarlyData under the client early "
       "traffic secret (RFC 8446 §4.2.10, §4.5)",
       connections=2, early_data="accepted",
       client_args=["-tls1_3"], server_args=["-early_data"],
       want=[{"version": "TLS 1.3", "resumed": False},
             {"version": "TLS 1.3", "resumed": True, "early_data": "accepted"}]),
    _s("tls13_early_data_rejected", "TLS 1.3 resumption with 0-RTT data the server does not "
       "read (s_server without -early_data, tickets allowing early data: -max_early_data): "
       "it skips the early records (RFC 8446 §4.2.10) and the client's next records are under "
       "its handshake keys",
       connections=2, early_data="rejected",
       client_args=["-tls1_3"], server_args=["-max_early_data", "16384"],
       want=[{"version": "TLS 1.3", "resumed": False},
             {"version": "TLS 1.3", "resumed": True, "early_data": "rejected"}]),
    _s("tls13_early_data_hrr", "TLS 1.3 resumption with 0-RTT data, rejected by a "
       "HelloRetryRequest (client key share X25519, s_server -groups P-256 -early_data; RFC "
       "8446 §4.1.4): the early record sits between the two ClientHellos, under the client "
       "early traffic secret, and the handshake goes on without it",
       connections=2, early_data="rejected",
       client_args=["-tls1_3", "-groups", "X25519:P-256"],
       server_args=["-groups", "P-256", "-early_data", "-no_anti_replay"],
       want=[{"version": "TLS 1.3", "resumed": False, "hello_retry_request": True},
             {"version": "TLS 1.3", "resumed": True, "hello_retry_request": True,
              "early_data": "rejected"}]),
    _s("tls13_record_padding", "TLS 1.3 with the client padding every protected record to a "
       "multiple of 256 bytes (client config RecordPadding = 256: TLSInnerPlaintext zeros, "
       "RFC 8446 §5.4), its Finished, application data and alert included",
       client_args=["-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"],
       client_conf="RecordPadding = 256\n",
       want=[{"version": "TLS 1.3", "client_records_padded_to": 256}]),
    _s("tls13_ecdsa", "TLS 1.3 with an ECDSA P-256 server certificate",
       cert="ecdsa", client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "server_signature": "ecdsa_secp256r1_sha256"}]),
    _s("tls13_ed25519", "TLS 1.3 with an Ed25519 server certificate",
       cert="ed25519", client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "server_signature": "ed25519"}]),
    _s("tls13_alpn_sni_status", "TLS 1.3 with ALPN (h2), SNI example.test and an OCSP response "
       "(in the Certificate entry's status_request extension)",
       ocsp=True,
       client_args=["-tls1_3", "-alpn", "h2,http/1.1", "-servername", "example.test", "-status"],
       server_args=["-alpn", "h2"],
       want=[{"version": "TLS 1.3", "alpn": "h2", "ocsp_stapled": True}]),
    # ---- legacy versions ---------------------------------------------------
    _s("tls10_ecdhe_rsa", "TLS 1.0 (needs DEFAULT@SECLEVEL=0 on both sides in OpenSSL 3)",
       client_args=["-tls1"] + LEGACY, server_args=LEGACY,
       want=[{"version": "TLS 1.0"}]),
    _s("tls11_ecdhe_rsa", "TLS 1.1 (needs DEFAULT@SECLEVEL=0 on both sides in OpenSSL 3)",
       client_args=["-tls1_1"] + LEGACY, server_args=LEGACY,
       want=[{"version": "TLS 1.1"}]),
    # ---- GnuTLS ------------------------------------------------------------
    _s("gnutls_tls13_default", "GnuTLS gnutls-cli <-> gnutls-serv, TLS 1.3, defaults",
       client="gnutls", server="gnutls",
       want=[{"version": "TLS 1.3"}]),
    _s("gnutls_tls12_ecdhe", "GnuTLS gnutls-cli <-> gnutls-serv, TLS 1.2 ECDHE-RSA",
       client="gnutls", server="gnutls",
       client_args=["--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA"],
       want=[{"version": "TLS 1.2", "key_exchange": "ECDHE"}]),
    _s("gnutls_tls13_chacha20", "GnuTLS gnutls-cli <-> gnutls-serv, TLS 1.3 "
       "TLS_CHACHA20_POLY1305_SHA256 (the client's priority offers only ChaCha20-Poly1305)",
       client="gnutls", server="gnutls",
       client_args=["--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+CHACHA20-POLY1305"],
       want=[{"version": "TLS 1.3", "cipher_suite": "TLS_CHACHA20_POLY1305_SHA256"}]),
    _s("gnutls_cli_openssl_srv_tls12_cbc", "gnutls-cli client against openssl s_server, TLS 1.2 "
       "ECDHE-RSA with AES-128-CBC-SHA256 and encrypt_then_mac (GnuTLS offers it by default)",
       client="gnutls", server="openssl",
       client_args=["--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA:"
                    "-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA256"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
              "encrypt_then_mac": True}]),
    _s("openssl_cli_gnutls_srv_tls12_cbc_no_etm", "openssl s_client against gnutls-serv, TLS 1.2 "
       "ECDHE-RSA with AES-128-CBC-SHA (HMAC-SHA1), MAC-then-encrypt: the client does not "
       "offer encrypt_then_mac (s_client -no_etm)",
       client="openssl", server="gnutls",
       client_args=["-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA", "-no_ticket", "-no_etm"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
              "encrypt_then_mac": False}]),
    _s("gnutls_cli_openssl_srv_tls13_key_update", "gnutls-cli client against openssl s_server, "
       "TLS 1.3: the client sends a KeyUpdate (update_not_requested; inline command ^rekey1^) "
       "and another (update_requested; ^rekey^), which the server answers with its own; "
       "application data after each",
       client="gnutls", server="openssl", post_handshake="key_update",
       want=[{"version": "TLS 1.3",
              "key_updates": KEY_UPDATES_BOTH_WAYS}]),
    _s("openssl_cli_gnutls_srv_tls13_key_update", "openssl s_client against gnutls-serv, TLS 1.3: "
       "s_client commands k and K (KeyUpdate update_not_requested, then update_requested), "
       "gnutls-serv answers the second with its own; the echoed lines after each",
       client="openssl", server="gnutls", post_handshake="key_update",
       client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3",
              "key_updates": KEY_UPDATES_BOTH_WAYS}]),
    _s("gnutls_cli_openssl_srv_tls13_post_handshake_auth", "gnutls-cli client "
       "(--post-handshake-auth, ECDSA client certificate) against openssl s_server, TLS 1.3: "
       "s_server's command c after the handshake, CertificateRequest, the client's "
       "Certificate, CertificateVerify and Finished under the application keys",
       client="gnutls", server="openssl", post_handshake="post_handshake_auth", client_cert=True,
       want=[{"version": "TLS 1.3", "client_certificate": False,
              "post_handshake_auth": POST_HANDSHAKE_AUTH_WITH_CERT}]),
    _s("openssl_cli_gnutls_srv_tls13_early_data", "openssl s_client against gnutls-serv "
       "(--earlydata), TLS 1.3: a full handshake storing the ticket, then a resumption with "
       "0-RTT data (s_client -sess_in -early_data FILE) that gnutls-serv accepts",
       client="openssl", server="gnutls", connections=2, early_data="accepted",
       client_args=["-tls1_3"], server_args=["--earlydata"],
       want=[{"version": "TLS 1.3", "resumed": False},
             {"version": "TLS 1.3", "resumed": True, "early_data": "accepted"}]),
    _s("gnutls_cli_openssl_srv_tls13_hrr", "gnutls-cli client against openssl s_server "
       "(-groups P-384), TLS 1.3: the client's key shares are for other groups, so a "
       "HelloRetryRequest asks for secp384r1",
       client="gnutls", server="openssl", server_args=["-groups", "P-384"],
       want=[{"version": "TLS 1.3", "hello_retry_request": True, "group": "secp384r1"}]),
    _s("openssl_cli_gnutls_srv_tls13_mutual_auth", "openssl s_client against gnutls-serv "
       "(--require-client-cert), TLS 1.3 with the client's ECDSA certificate",
       client="openssl", server="gnutls", mutual=True, client_args=["-tls1_3"],
       want=[{"version": "TLS 1.3", "client_certificate": True}]),
    _s("gnutls_cli_openssl_srv_tls12_ccm", "gnutls-cli client against openssl s_server "
       "(ECDSA certificate, -cipher enabling CCM), TLS 1.2 ECDHE-ECDSA with AES-128-CCM",
       client="gnutls", server="openssl", cert="ecdsa",
       client_args=["--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-CCM"],
       server_args=["-cipher", "ECDHE-ECDSA-AES128-CCM:DEFAULT"],
       want=[{"version": "TLS 1.2", "cipher_suite": "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"}]),
    _s("gnutls_cli_openssl_srv_tls13", "gnutls-cli client against openssl s_server, TLS 1.3",
       client="gnutls", server="openssl",
       want=[{"version": "TLS 1.3"}]),
    _s("openssl_cli_gnutls_srv_tls12", "openssl s_client against gnutls-serv, TLS 1.2 ECDHE-ECDSA",
       client="openssl", server="gnutls", cert="ecdsa",
       client_args=["-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384", "-no_ticket"],
       want=[{"version": "TLS 1.2",
              "cipher_suite": "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"}]),
]


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def run(cmd, cwd, env=None, check=True, input_=None) -> subprocess.CompletedProcess:
    p = subprocess.run(["timeout", str(PEER_TIMEOUT)] + cmd, cwd=cwd, env=env,
                       input=input_, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise CaptureError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
    return p


def tool_versions() -> dict:
    v = {"openssl": subprocess.run(["openssl", "version"], capture_output=True,
                                   text=True).stdout.split(" (Library")[0].strip()}
    try:
        out = subprocess.run(["gnutls-cli", "--version"], capture_output=True,
                             text=True).stdout
        v["gnutls"] = out.splitlines()[0].strip() if out else "unknown"
    except FileNotFoundError:
        v["gnutls"] = None
    return v


class Peer:
    """A peer process with stdin kept open and stdout collected by a thread."""

    def __init__(self, cmd, cwd, env=None, name="peer"):
        self.name = name
        self.cmd = cmd
        # Its own process group (led by the `timeout` wrapper), so that kill()
        # reaches the peer itself even if the wrapper is gone.
        self.proc = subprocess.Popen(["timeout", str(PEER_TIMEOUT)] + cmd, cwd=cwd,
                                     env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._buf = bytearray()
        self._cv = threading.Condition()
        self._t = threading.Thread(target=self._read, daemon=True)
        self._t.start()

    def _read(self):
        while True:
            chunk = self.proc.stdout.read1(65536)
            with self._cv:
                if not chunk:
                    self._cv.notify_all()
                    return
                self._buf += chunk
                self._cv.notify_all()

    @property
    def output(self) -> str:
        with self._cv:
            return self._buf.decode("latin-1")

    def wait_for(self, pattern: str, timeout: float = STEP_TIMEOUT, start: int = 0):
        """Waits until stdout (from offset `start`) matches the regex."""
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        with self._cv:
            while True:
                m = rx.search(self._buf.decode("latin-1"), start)
                if m:
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._t.is_alive()):
                    raise CaptureError(
                        f"{self.name}: timed out waiting for /{pattern}/; output so far:\n"
                        + self._buf.decode("latin-1")[-2000:])
                self._cv.wait(min(left, 0.1))

    def send(self, text: str):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def close_stdin(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    def wait(self, timeout: float = STEP_TIMEOUT) -> int | None:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        # The group we created holds exactly the `timeout` wrapper and the peer
        # (gnutls-serv, for one, may sit on SIGTERM): TERM, a moment, then KILL.
        pgid = self.proc.pid
        for sig, grace in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 2.0)):
            try:
                os.killpg(pgid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        self.close_stdin()
        self._t.join(2)


# --------------------------------------------------------------------------
# Keys, certificates, OCSP
# --------------------------------------------------------------------------

class Pki:
    """Test-only CA, server and client keys in a temp dir (fixed file names)."""

    def __init__(self, d: str, env):
        self.d, self.env = d, env

    def p(self, name: str) -> str:
        return os.path.join(self.d, name)

    def _key(self, name: str, kind: str):
        algo = {"rsa": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                "ecdsa": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
                "ed25519": ["-algorithm", "ED25519"]}[kind]
        run(["openssl", "genpkey"] + algo + ["-out", self.p(name)], self.d, self.env)

    def ca(self):
        if os.path.exists(self.p("ca_cert.pem")):
            return
        # The CA is ECDSA P-256: small certificates keep the vectors small.
        self._key("ca_key.pem", "ecdsa")
        run(["openssl", "req", "-new", "-x509", "-key", self.p("ca_key.pem"),
             "-out", self.p("ca_cert.pem"), "-days", "3650", "-sha256",
             "-subj", "/CN=tlswire test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign"], self.d, self.env)

    def leaf(self, role: str, kind: str) -> tuple[str, str]:
        """Returns (cert, key) paths for role 'server'/'client' of this key type."""
        self.ca()
        key, cert = f"{role}_{kind}_key.pem", f"{role}_{kind}_cert.pem"
        if not os.path.exists(self.p(cert)):
            self._key(key, kind)
            if role == "server":
                ext = ["-addext", "subjectAltName=DNS:example.test,IP:127.0.0.1",
                       "-addext", "extendedKeyUsage=serverAuth"]
                subj = "/CN=example.test"
            else:
                ext = ["-addext", "extendedKeyUsage=clientAuth"]
                subj = "/CN=tlswire test client"
            run(["openssl", "req", "-new", "-key", self.p(key), "-out", self.p(cert),
                 "-CA", self.p("ca_cert.pem"), "-CAkey", self.p("ca_key.pem"),
                 "-days", "3650", "-subj", subj,
                 "-addext", "basicConstraints=critical,CA:FALSE"] + ext, self.d, self.env)
        return self.p(cert), self.p(key)

    def ocsp_response(self, server_cert: str) -> str:
        """A 'good' OCSP response for server_cert, signed by the CA (RFC 6960)."""
        out = self.p("ocsp_response.der")
        if os.path.exists(out):
            return out
        serial = run(["openssl", "x509", "-in", server_cert, "-noout", "-serial"],
                     self.d, self.env).stdout.strip().split("=", 1)[1]
        subject = run(["openssl", "x509", "-in", server_cert, "-noout", "-subject",
                       "-nameopt", "compat"], self.d, self.env).stdout.strip()
        subject = subject.split("=", 1)[1].strip() if subject.startswith("subject=") else subject
        expiry = (datetime.datetime.utcnow() + datetime.timedelta(days=3650)).strftime(
            "%y%m%d%H%M%SZ")
        # ca(1) index format: status, expiry, revocation, serial, file, subject.
        with open(self.p("index.txt"), "w") as f:
            f.write(f"V\t{expiry}\t\t{serial}\tunknown\t{subject}\n")
        run(["openssl", "ocsp", "-issuer", self.p("ca_cert.pem"), "-cert", server_cert,
             "-no_nonce", "-reqout", self.p("ocsp_request.der")], self.d, self.env)
        run(["openssl", "ocsp", "-index", self.p("index.txt"), "-rsigner",
             self.p("ca_cert.pem"), "-rkey", self.p("ca_key.pem"), "-CA",
             self.p("ca_cert.pem"), "-reqin", self.p("ocsp_request.der"),
             "-respout", out, "-ndays", "3650"], self.d, self.env)
        return out


# --------------------------------------------------------------------------
# Name mappings (OpenSSL / GnuTLS spellings -> IANA registry names)
# --------------------------------------------------------------------------

_cipher_table: dict | None = None


def cipher_table(env) -> dict:
    """OpenSSL cipher name -> (IANA name, code "0xXXXX", kx) from `openssl ciphers -V -stdname`."""
    global _cipher_table
    if _cipher_table is None:
        out = subprocess.run(["openssl", "ciphers", "-V", "-stdname",
                              "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                             env=env, capture_output=True, text=True).stdout
        tls13 = subprocess.run(["openssl", "ciphers", "-V", "-stdname", "-tls1_3",
                                "-ciphersuites",
                                "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
                                "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:"
                                "TLS_AES_128_CCM_8_SHA256"],
                               env=env, capture_output=True, text=True).stdout
        t = {}
        for line in (out + tls13).splitlines():
            m = re.match(r"\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+- (\S+)\s+\S+\s+Kx=(\S+)",
                         line)
            if m:
                code = f"0x{m.group(1)}{m.group(2)}".lower()
                t[m.group(4)] = (m.group(3), code, m.group(5))
                t[code] = (m.group(3), code, m.group(5))
        _cipher_table = t
    return _cipher_table


VERSION_NAMES = {"TLSv1": "TLS 1.0", "TLSv1.0": "TLS 1.0", "TLSv1.1": "TLS 1.1", "TLSv1.2": "TLS 1.2",
                 "TLSv1.3": "TLS 1.3", "TLS1.0": "TLS 1.0", "TLS1.1": "TLS 1.1",
                 "TLS1.2": "TLS 1.2", "TLS1.3": "TLS 1.3"}
VERSION_CODES = {"TLS 1.0": "0301", "TLS 1.1": "0302", "TLS 1.2": "0303", "TLS 1.3": "0304"}

# OpenSSL curve/group spellings -> IANA TLS Supported Groups names.
GROUP_NAMES = {"X25519": "x25519", "X448": "x448", "prime256v1": "secp256r1",
               "secp384r1": "secp384r1", "secp521r1": "secp521r1",
               "SECP256R1": "secp256r1", "SECP384R1": "secp384r1",
               "SECP521R1": "secp521r1", "FFDHE2048": "ffdhe2048",
               "FFDHE3072": "ffdhe3072"}
GROUP_CODES = {0x0017: "secp256r1", 0x0018: "secp384r1", 0x0019: "secp521r1",
               0x001d: "x25519", 0x001e: "x448", 0x0100: "ffdhe2048",
               0x0101: "ffdhe3072", 0x0102: "ffdhe4096"}

# s_client's "Peer signature type" + "Peer signing digest" -> IANA SignatureScheme.
# Our RSA keys are rsaEncryption keys, so RSA-PSS here is the rsae variant.
SIGNATURE_NAMES = {("RSA-PSS", "SHA256"): "rsa_pss_rsae_sha256",
                   ("RSA-PSS", "SHA384"): "rsa_pss_rsae_sha384",
                   ("RSA-PSS", "SHA512"): "rsa_pss_rsae_sha512",
                   ("RSA", "SHA256"): "rsa_pkcs1_sha256",
                   ("RSA", "SHA384"): "rsa_pkcs1_sha384",
                   ("RSA", "SHA512"): "rsa_pkcs1_sha512",
                   ("ECDSA", "SHA256"): "ecdsa_secp256r1_sha256",
                   ("ECDSA", "SHA384"): "ecdsa_secp384r1_sha384",
                   ("Ed25519", None): "ed25519", ("Ed448", None): "ed448",
                   ("ed25519", None): "ed25519", ("ed448", None): "ed448"}

# GnuTLS spellings of the same (from its "- Description:" line).
GNUTLS_SIGNATURE_NAMES = {"RSA-SHA256": "rsa_pkcs1_sha256", "RSA-SHA384": "rsa_pkcs1_sha384",
                          "RSA-SHA512": "rsa_pkcs1_sha512",
                          "RSA-PSS-RSAE-SHA256": "rsa_pss_rsae_sha256",
                          "RSA-PSS-RSAE-SHA384": "rsa_pss_rsae_sha384",
                          "RSA-PSS-RSAE-SHA512": "rsa_pss_rsae_sha512",
                          "ECDSA-SHA256": "ecdsa_secp256r1_sha256",
                          "ECDSA-SECP256R1-SHA256": "ecdsa_secp256r1_sha256",
                          "ECDSA-SHA384": "ecdsa_secp384r1_sha384",
                          "ECDSA-SECP384R1-SHA384": "ecdsa_secp384r1_sha384",
                          "EdDSA-Ed25519": "ed25519", "ED25519": "ed25519"}


def snake(camel: str) -> str:
    """OpenSSL's 'ServerHelloDone' -> registry-style 'server_hello_done'."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", camel).lower()


# --------------------------------------------------------------------------
# Parsing the peers' output
# --------------------------------------------------------------------------

def parse_openssl_msg(text: str) -> list[tuple[str, str, bytes]]:
    """s_client -msg output -> [(direction, handshake name, message bytes)]."""
    out = []
    cur = None
    for line in text.splitlines():
        m = re.match(r"(>>>|<<<) [^,]+(?:, [^,\[]+)?, Handshake \[length [0-9a-f]+\], (\w+)", line)
        if m:
            cur = [("c2s" if m.group(1) == ">>>" else "s2c"), m.group(2), bytearray()]
            cur[1] = snake(cur[1])
            out.append(cur)
            continue
        if cur is not None and line.startswith("    "):
            cur[2] += bytes.fromhex(line.strip())
        else:
            cur = None
    return [(d, n, bytes(b)) for d, n, b in out]


def parse_gnutls_debug(text: str) -> list[tuple[str, str, bytes]]:
    """gnutls-cli -d 4 log -> [(direction, handshake name, b"")] (no bodies)."""
    out = []
    for line in text.splitlines():
        # (Spelled with spaces, "CLIENT HELLO", except "KEY_UPDATE".)
        m = re.search(r"HSK\[[^\]]*\]: ([A-Z][A-Z _]+?)(?: \(\d+\))? was (queued|received)", line)
        if m:
            name = m.group(1).strip().lower().replace(" ", "_")
            # Listed by its type on the wire, as s_client does (README).
            name = "server_hello" if name == "hello_retry_request" else name
            out.append(("c2s" if m.group(2) == "queued" else "s2c", name, b""))
    return out


def is_hrr(server_hello: bytes) -> bool:
    # Handshake header (4) + legacy_version (2), then the 32-byte random.
    return len(server_hello) >= 38 and server_hello[6:38] == HRR_RANDOM


def handshake_types(msgs) -> dict:
    return {"c2s": [n for d, n, _ in msgs if d == "c2s"],
            "s2c": [n for d, n, _ in msgs if d == "s2c"]}


def openssl_client_expect(out: str, env) -> dict:
    """Reads version, suite, key exchange, ... from s_client's summary."""
    m = re.search(r"^(New|Reused), (TLSv1(?:\.\d)?), Cipher is (\S+)", out, re.M)
    if not m:
        raise CaptureError("s_client printed no session summary")
    # "New, TLSv1.0, Cipher is X" names the version that *introduced* the
    # cipher, not the protocol in use; the SSL-Session block's Protocol line
    # is the negotiated version (printed at once up to TLS 1.2, and with each
    # ticket in TLS 1.3, where every suite is 1.3-only anyway).
    proto = re.search(r"^\s+Protocol\s+: (\S+)", out, re.M)
    e = {"version": VERSION_NAMES[proto.group(1) if proto else m.group(2)],
         "resumed": m.group(1) == "Reused"}
    ossl_cipher = m.group(3)
    tbl = cipher_table(env)
    if ossl_cipher not in tbl:
        raise CaptureError(f"cipher {ossl_cipher} not in `openssl ciphers -stdname` table")
    iana, code, kx = tbl[ossl_cipher]
    e["cipher_suite"] = iana
    e["cipher_suite_value"] = code
    e["openssl_cipher"] = ossl_cipher
    tk = re.search(r"^Server Temp Key: (.*)$", out, re.M)
    group = None
    if tk:
        parts = [p.strip() for p in tk.group(1).split(",")]
        e["server_temp_key"] = tk.group(1)
        if parts[0] in GROUP_NAMES:
            group = GROUP_NAMES[parts[0]]
        elif parts[0] == "ECDH" and len(parts) > 1:
            group = GROUP_NAMES.get(parts[1])
        elif parts[0] == "DH" and e["version"] == "TLS 1.3":
            group = GROUP_NAMES.get("FFDHE" + parts[1].split()[0])
    if e["version"] == "TLS 1.3":
        if e["resumed"]:
            e["key_exchange"] = "PSK_ECDHE" if tk else "PSK"
        else:
            e["key_exchange"] = "DHE" if tk and tk.group(1).startswith("DH") else "ECDHE"
    else:
        e["key_exchange"] = {"RSA": "RSA", "DH": "DHE", "ECDH": "ECDHE"}.get(kx, kx)
    e["group"] = group
    st = re.search(r"^Peer signature type: (\S+)", out, re.M)
    sd = re.search(r"^Peer signing digest: (\S+)", out, re.M)
    sig = None
    if st:
        sig = SIGNATURE_NAMES.get((st.group(1), sd.group(1) if sd else None)) or \
            SIGNATURE_NAMES.get((st.group(1), None))
    e["server_signature"] = sig
    a = re.search(r"^ALPN protocol: (\S+)", out, re.M)
    e["alpn"] = a.group(1) if a else None
    ems = re.search(r"^\s*Extended master secret: (yes|no)", out, re.M)
    if e["version"] != "TLS 1.3" and ems:
        e["extended_master_secret"] = ems.group(1) == "yes"
    e["ocsp_stapled"] = "OCSP Response Status: successful" in out
    return e


def gnutls_client_expect(out: str, sh: bytes | None, env) -> dict:
    """Reads gnutls-cli's '- Description: (TLS1.3-X.509)-(ECDHE-...)-(sig)-(cipher)'."""
    m = re.search(r"^- Description: \((TLS1\.\d)-[^)]*\)-\(([^)]*)\)-\(([^)]*)\)-\(([^)]*)\)",
                  out, re.M)
    if not m:
        raise CaptureError("gnutls-cli printed no session description")
    e = {"version": VERSION_NAMES[m.group(1)], "resumed": "This is a resumed session" in out,
         "gnutls_description": m.group(0)[len("- Description: "):]}
    kx = m.group(2)          # e.g. ECDHE-SECP256R1, ECDHE-X25519, DHE-FFDHE2048
    kparts = kx.split("-", 1)
    e["key_exchange"] = kparts[0] if kparts[0] in ("ECDHE", "DHE", "RSA") else kx
    e["group"] = GROUP_NAMES.get(kparts[1].upper()) if len(kparts) > 1 else None
    e["server_signature"] = GNUTLS_SIGNATURE_NAMES.get(m.group(3),
                                                       m.group(3).lower().replace("-", "_"))
    e["gnutls_cipher"] = m.group(4)
    # GnuTLS prints the bulk cipher, not the suite name: the suite comes from
    # the ServerHello on the wire and is checked against the printed cipher.
    if sh is None:
        raise CaptureError("no plaintext ServerHello to read the cipher suite from")
    code = suite_from_server_hello(sh)
    iana, code_s, _kx = cipher_table(env).get(code, (None, code, None))
    if iana is None:
        raise CaptureError(f"cipher suite {code} unknown to `openssl ciphers`")
    if m.group(4).replace("-", "_") not in iana:
        raise CaptureError(f"gnutls cipher {m.group(4)} does not match suite {iana}")
    e["cipher_suite"], e["cipher_suite_value"] = iana, code_s
    a = re.search(r"^- Application protocol: (\S+)", out, re.M)
    e["alpn"] = a.group(1) if a else None
    if e["version"] != "TLS 1.3":
        e["extended_master_secret"] = bool(re.search(r"^- Options:.*extended master secret",
                                                     out, re.M))
    e["ocsp_stapled"] = False
    return e


# --------------------------------------------------------------------------
# The wire-level checks
# --------------------------------------------------------------------------

def records(data: bytes):
    """Splits a byte stream into (content_type, version, payload) TLS records."""
    i = 0
    while i + 5 <= len(data):
        ln = int.from_bytes(data[i + 3:i + 5], "big")
        yield data[i], data[i + 1:i + 3], data[i + 5:i + 5 + ln]
        i += 5 + ln
    if i != len(data):
        raise CaptureError(f"stream does not end on a record boundary ({i} != {len(data)})")


def first_handshake(data: bytes) -> bytes:
    """The first handshake message of a stream (plaintext; may span records)."""
    buf = bytearray()
    for ct, _v, payload in records(data):
        if ct != 22:
            break
        buf += payload
        if len(buf) >= 4 and len(buf) >= 4 + int.from_bytes(buf[1:4], "big"):
            return bytes(buf[:4 + int.from_bytes(buf[1:4], "big")])
    raise CaptureError("no complete handshake message at the start of the stream")


def suite_from_server_hello(sh: bytes) -> str:
    sid_len = sh[38]
    off = 39 + sid_len
    return f"0x{sh[off]:02x}{sh[off + 1]:02x}"


def selected_group_from_hrr(sh: bytes) -> str | None:
    """RFC 8446 §4.2.8: HRR key_share carries the selected_group (2 bytes)."""
    off = 39 + sh[38] + 3            # session id, cipher suite, compression
    end = off + 2 + int.from_bytes(sh[off:off + 2], "big")
    off += 2
    while off + 4 <= end:
        typ = int.from_bytes(sh[off:off + 2], "big")
        ln = int.from_bytes(sh[off + 2:off + 4], "big")
        if typ == 51 and ln == 2:
            return GROUP_CODES.get(int.from_bytes(sh[off + 4:off + 6], "big"))
        off += 4 + ln
    return None


def hello_extension_list(msg: bytes, is_client_hello: bool) -> list[tuple[int, bytes]]:
    """(type, data) of each extension of a ClientHello / ServerHello (RFC 8446 §4.1.2-3)."""
    off = 4 + 2 + 32
    off += 1 + msg[off]                                          # session id
    if is_client_hello:
        off += 2 + int.from_bytes(msg[off:off + 2], "big")       # cipher suites
        off += 1 + msg[off]                                      # compression
    else:
        off += 3                                                 # suite, compression
    if off >= len(msg):
        return []
    end = off + 2 + int.from_bytes(msg[off:off + 2], "big")
    off += 2
    exts = []
    while off + 4 <= end:
        ln = int.from_bytes(msg[off + 2:off + 4], "big")
        exts.append((int.from_bytes(msg[off:off + 2], "big"), msg[off + 4:off + 4 + ln]))
        off += 4 + ln
    return exts


def hello_extensions(msg: bytes, is_client_hello: bool) -> list[int]:
    """Extension types of a ClientHello / ServerHello (RFC 8446 §4.1.2-3)."""
    return [t for t, _d in hello_extension_list(msg, is_client_hello)]


def hello_extension(msg: bytes, is_client_hello: bool, ext_type: int) -> bytes | None:
    return next((d for t, d in hello_extension_list(msg, is_client_hello) if t == ext_type),
                None)


def hello_session_id(msg: bytes) -> bytes:
    return msg[39:39 + msg[38]]


def client_hello_suites(msg: bytes) -> list[int]:
    off = 39 + msg[38]
    n = int.from_bytes(msg[off:off + 2], "big")
    return [int.from_bytes(msg[i:i + 2], "big") for i in range(off + 2, off + 2 + n, 2)]


def plaintext_handshake_records(stream: bytes) -> list[bytes]:
    """Fragments of the handshake records before the first record of another type.

    Up to then nothing is encrypted: the first ChangeCipherSpec (TLS 1.2 and
    older; TLS 1.3's compatibility CCS), TLS 1.3's first encrypted record
    (outer type application_data) or an alert ends the plaintext part."""
    out = []
    for ct, _v, payload in records(stream):
        if ct != 22:
            break
        out.append(payload)
    return out


def split_messages(buf: bytes) -> tuple[list[bytes], bytes]:
    """Complete handshake messages at the start of buf, and what is left."""
    msgs, off = [], 0
    while off + 4 <= len(buf):
        end = off + 4 + int.from_bytes(buf[off + 1:off + 4], "big")
        if end > len(buf):
            break
        msgs.append(bytes(buf[off:end]))
        off = end
    return msgs, bytes(buf[off:])


def plaintext_messages(stream: bytes) -> list[bytes]:
    """The handshake messages readable in plaintext (reassembled across records)."""
    return split_messages(b"".join(plaintext_handshake_records(stream)))[0]


def keylog_randoms(keylog: str) -> list[str]:
    """client_random of each CLIENT_RANDOM line, in order (one per TLS 1.2 handshake)."""
    return [ln.split()[1].lower() for ln in keylog.splitlines()
            if ln.startswith("CLIENT_RANDOM ")]


# Handshake messages that end a flight (RFC 5246 §7.3); relay.py --coalesce
# releases what it holds after one of them (or before a non-handshake record).
FLIGHT_END = {0: "hello_request", 1: "client_hello", 14: "server_hello_done"}


def check_connection(c2s: bytes, s2c: bytes, keylog: str, msgs, expect: dict) -> None:
    # OpenSSL writes the first ClientHello record as 03 01 (RFC 8446 §5.1,
    # RFC 5246 App. E); GnuTLS uses 03 03 when TLS 1.2 is its maximum.
    if c2s[:3] not in (b"\x16\x03\x01", b"\x16\x03\x02", b"\x16\x03\x03"):
        raise CaptureError(f"c2s does not start with a ClientHello record: {c2s[:3].hex()}")
    want_rec = {"TLS 1.0": b"\x16\x03\x01", "TLS 1.1": b"\x16\x03\x02"}.get(
        expect["version"], b"\x16\x03\x03")
    if not s2c.startswith(want_rec):
        raise CaptureError(f"s2c starts {s2c[:3].hex()}, expected {want_rec.hex()}")
    list(records(c2s))
    list(records(s2c))
    ch, sh = first_handshake(c2s), first_handshake(s2c)
    if ch[0] != 1 or sh[0] != 2:
        raise CaptureError("first messages are not ClientHello / ServerHello")
    # The -msg trace and the wire agree on the plaintext hellos -- and on every
    # other plaintext handshake message, reassembled from however many records
    # carried it (relay.py --refragment / --coalesce re-cut them).
    bodies = [(d, n, b) for d, n, b in msgs if b]
    if bodies:
        if bodies[0][2] != ch:
            raise CaptureError("ClientHello in the -msg trace differs from the wire")
        first_s = next(b for d, n, b in bodies if d == "s2c")
        if first_s != sh:
            raise CaptureError("ServerHello in the -msg trace differs from the wire")
        for direction, stream in (("c2s", c2s), ("s2c", s2c)):
            wire = plaintext_messages(stream)
            traced = [b for d, n, b in bodies if d == direction][:len(wire)]
            if wire != traced:
                raise CaptureError(f"{direction}: the plaintext handshake messages on the wire "
                                   "differ from the -msg trace")
    check_records(c2s, s2c, expect)
    if suite_from_server_hello(sh) != expect["cipher_suite_value"] and not is_hrr(sh):
        raise CaptureError(f"ServerHello suite {suite_from_server_hello(sh)} != "
                           f"{expect['cipher_suite_value']} reported by the peer")
    # What the peer says about EMS (RFC 7627) and ALPN (RFC 7301) is on the wire.
    if expect["version"] != "TLS 1.3" and not is_hrr(sh):
        sh_ext = hello_extensions(sh, False)
        if "extended_master_secret" in expect and \
                (23 in sh_ext) != expect["extended_master_secret"]:
            raise CaptureError("extended_master_secret report and ServerHello disagree")
        if (16 in sh_ext) != (expect["alpn"] is not None):
            raise CaptureError("ALPN report and ServerHello disagree")
    labels = {ln.split()[0] for ln in keylog.splitlines() if ln and not ln.startswith("#")}
    need = ({"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
             "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"}
            if expect["version"] == "TLS 1.3" else {"CLIENT_RANDOM"})
    if not need <= labels:
        raise CaptureError(f"keylog lacks {sorted(need - labels)} (has {sorted(labels)})")
    # The client_random in the keylog is the one in this ClientHello.
    cr = ch[6:38].hex()
    if not any(ln.split()[1].lower() == cr for ln in keylog.splitlines()
               if ln and not ln.startswith("#")):
        raise CaptureError("keylog client_random does not match the ClientHello")


def check_records(c2s: bytes, s2c: bytes, expect: dict) -> None:
    """Record-level facts of expect (needs no trace; check_captures.py runs it too)."""
    hs = expect.get("handshakes", 1)
    for direction, stream in (("c2s", c2s), ("s2c", s2c)):
        recs = list(records(stream))
        frags = plaintext_handshake_records(stream)
        listed = expect["handshake_types"][direction]
        if expect["version"] != "TLS 1.3":
            # Each handshake has one ChangeCipherSpec per direction; only the first
            # is plaintext (the single byte 01), a renegotiation's is encrypted.
            ccs = [p for ct, _v, p in recs if ct == 20]
            if len(ccs) != hs or ccs[0] != b"\x01" or any(len(p) <= 1 for p in ccs[1:]):
                raise CaptureError(f"{direction}: ChangeCipherSpec records "
                                   f"{[p.hex() if len(p) == 1 else len(p) for p in ccs]} "
                                   f"for {hs} handshake(s)")
            # After the first CCS every handshake record is encrypted: the peers
            # (OpenSSL, GnuTLS) put one message in each, and the relay never
            # touches them, so they are as many as the messages the trace lists
            # after the plaintext ones (Finished; a renegotiation's messages).
            enc = sum(1 for ct, _v, _p in recs[len(frags) + 1:] if ct == 22)
            plain = len(split_messages(b"".join(frags))[0])
            if enc != len(listed) - plain:
                raise CaptureError(f"{direction}: {enc} encrypted handshake records, but "
                                   f"{len(listed) - plain} messages listed after the "
                                   f"{plain} plaintext ones")
        if any(len(f) == 0 for f in frags):
            raise CaptureError(f"{direction}: empty handshake record")
        if "plaintext_handshake_records" in expect and \
                len(frags) != expect["plaintext_handshake_records"][direction]:
            raise CaptureError(f"{direction}: {len(frags)} plaintext handshake records, expect "
                               f"says {expect['plaintext_handshake_records'][direction]}")
        sizes = expect.get("handshake_fragment_sizes")
        if sizes:
            # relay.py --refragment: record k holds at most sizes[k % len]
            # bytes; less only where a record the peer wrote ended.
            for k, f in enumerate(frags):
                if len(f) > sizes[k % len(sizes)]:
                    raise CaptureError(f"{direction}: plaintext handshake record {k} has "
                                       f"{len(f)} bytes, more than {sizes[k % len(sizes)]}")
            if len(frags) < 2:
                raise CaptureError(f"{direction}: nothing was cut into small records")
        if expect.get("coalesced_handshake_records"):
            # relay.py --coalesce: whole messages, and a record ends only where
            # a flight ends (or the plaintext part does).
            for k, f in enumerate(frags):
                msgs, rest = split_messages(f)
                if rest or not msgs:
                    raise CaptureError(f"{direction}: coalesced record {k} does not hold "
                                       "whole messages")
                if k + 1 < len(frags) and msgs[-1][0] not in FLIGHT_END:
                    raise CaptureError(f"{direction}: coalesced record {k} ends inside a "
                                       "flight")


def split_handshakes(msgs) -> list[list]:
    """Trace entries grouped by handshake on one connection (TLS 1.2 renegotiation).

    A new handshake begins with a HelloRequest (it belongs to the handshake it
    asks for) or with a second ClientHello in the current group.  Not for
    TLS 1.3, where a HelloRetryRequest is followed by a second ClientHello."""
    groups: list[list] = [[]]
    for m in msgs:
        name = m[1]
        cur = groups[-1]
        if name == "hello_request" or (
                name == "client_hello" and any(x[1] == "client_hello" for x in cur)):
            groups.append([])
        groups[-1].append(m)
    return [g for g in groups if g]


def renegotiation_facts(msgs, c2s: bytes, s2c: bytes, keylog: str, initiator: str,
                        secure_reported: bool) -> list[dict]:
    """What each renegotiation did, from the -msg trace, checked against the wire.

    RFC 5746: the first ClientHello offers renegotiation_info (empty) or the
    SCSV, the first ServerHello answers with an empty renegotiation_info; in
    renegotiation k, the ClientHello's renegotiation_info holds the client's
    verify_data of handshake k-1, the ServerHello's the client's and then the
    server's.  Those messages are encrypted on the wire, so they are read from
    the trace (whose plaintext part equals the wire: check_connection)."""
    groups = split_handshakes(msgs)
    if len(groups) < 2:
        raise CaptureError("the -msg trace shows no second handshake")
    ch, sh = first_handshake(c2s), first_handshake(s2c)
    if hello_extension(ch, True, 0xff01) != b"\x00" and 0x00ff not in client_hello_suites(ch):
        raise CaptureError("first ClientHello has neither renegotiation_info nor the SCSV")
    if hello_extension(sh, False, 0xff01) != b"\x00":
        raise CaptureError("first ServerHello has no empty renegotiation_info")
    randoms = keylog_randoms(keylog)
    if len(randoms) != len(groups):
        raise CaptureError(f"keylog has {len(randoms)} CLIENT_RANDOM lines for "
                           f"{len(groups)} handshakes")
    facts = []
    prev = groups[0]
    for k, g in enumerate(groups[1:], 1):
        def body(direction, name, grp=g):
            b = [m[2] for m in grp if m[0] == direction and m[1] == name]
            if len(b) != 1:
                raise CaptureError(f"handshake {k}: {len(b)} {name} in {direction}")
            return b[0]
        ch_k, sh_k = body("c2s", "client_hello"), body("s2c", "server_hello")
        cvd = body("c2s", "finished", prev)[4:]
        svd = body("s2c", "finished", prev)[4:]
        body("c2s", "finished"), body("s2c", "finished")
        secure = (hello_extension(ch_k, True, 0xff01) == bytes([len(cvd)]) + cvd and
                  hello_extension(sh_k, False, 0xff01) == bytes([len(cvd + svd)]) + cvd + svd)
        if secure != secure_reported or not secure:
            raise CaptureError(f"handshake {k}: renegotiation_info does not carry the "
                               "previous Finished verify_data (RFC 5746 §3.5-3.7)")
        if randoms[k] != ch_k[6:38].hex():
            raise CaptureError(f"handshake {k}: keylog line {k} is not this ClientHello's random")
        types = handshake_types(g)
        has_hr = types["s2c"][:1] == ["hello_request"]
        if has_hr != (initiator == "server"):
            raise CaptureError(f"handshake {k}: HelloRequest {'missing' if not has_hr else 'sent'} "
                               f"for a {initiator}-initiated renegotiation")
        sid = hello_session_id(sh_k)
        resumed = bool(sid) and sid == hello_session_id(ch_k)
        if resumed != ("certificate" not in types["s2c"]):
            raise CaptureError(f"handshake {k}: session IDs and messages disagree on resumption")
        facts.append({"initiator": initiator, "secure": secure, "resumed": resumed,
                      "client_certificate": "certificate" in types["c2s"],
                      "handshake_types": types})
        prev = g
    return facts


def tls13_facts(sc: Scenario, e: dict, msgs, out: str, idx: int) -> None:
    """Post-handshake messages and 0-RTT, from the -msg trace and s_client's summary."""
    if e["version"] != "TLS 1.3":
        raise CaptureError(f"{sc.name} is a TLS 1.3 scenario, the peers negotiated {e['version']}")
    c2s_fin = [k for k, (d, n, _b) in enumerate(msgs) if d == "c2s" and n == "finished"]
    # RFC 8446 §4.6.3: KeyUpdate { KeyUpdateRequest request_update } (0 or 1).
    kus = [(d, b) for d, n, b in msgs if n == "key_update"]
    if sc.client == "gnutls":
        # gnutls-cli -d 4 prints no bodies, but each KeyUpdate's request_update:
        # "sending key update (N)", "received TLS 1.3 key update (N)".
        logged = [("c2s" if m.group(1) == "sending" else "s2c", bytes([0x18, 0, 0, 1, int(m.group(2))]))
                  for m in re.finditer(r"HSK\[[^\]]*\]: (sending|received TLS 1\.3) key update \((\d+)\)",
                                       out)]
        if [d for d, _b in logged] != [d for d, _b in kus]:
            raise CaptureError(f"gnutls-cli logged key updates {logged}, its handshake log {kus}")
        kus = logged
    if any(len(b) != 5 or b[4] not in (0, 1) for _d, b in kus):
        raise CaptureError(f"a traced KeyUpdate is not 5 bytes ending in 0 or 1: {kus}")
    e["key_updates"] = [{"direction": d, "update_requested": b[4] == 1} for d, b in kus]
    if sc.post_handshake == "post_handshake_auth":
        # The handshake's own facts are those before the client's first Finished.
        after = msgs[c2s_fin[0] + 1:] if c2s_fin else []
        e["client_certificate"] = "certificate" in [n for d, n, _b in msgs[:c2s_fin[0]]
                                                    if d == "c2s"]
        # (Without the NewSessionTickets: OpenSSL sends two after the handshake
        # and two more after the client authenticated.)
        pha = [m for m in after if m[1] != "new_session_ticket"]
        e["post_handshake_auth"] = {
            "certificate_request": "certificate_request" in [n for d, n, _b in pha
                                                             if d == "s2c"],
            "handshake_types": handshake_types(pha)}
    if sc.early_data and idx == sc.connections - 1:
        # s_client (3.0) prints "Early data was accepted" / "... rejected" / "... not sent".
        m = re.search(r"^Early data was (accepted|rejected|not sent)", out, re.M)
        if not m:
            raise CaptureError("s_client printed no early data status")
        e["early_data"] = m.group(1).replace(" ", "_")
        eoed = "end_of_early_data" in e["handshake_types"]["c2s"]
        if eoed != (e["early_data"] == "accepted"):
            raise CaptureError(f"early data {e['early_data']}, but the trace "
                               f"{'has' if eoed else 'lacks'} an EndOfEarlyData")


def _matches(want, got) -> bool:
    """got equals want; for dicts (and lists of them) the keys want names suffice."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(_matches(v, got.get(k)) for k, v in want.items())
    if isinstance(want, list) and want and isinstance(want[0], dict):
        return isinstance(got, list) and len(got) == len(want) and \
            all(_matches(w, g) for w, g in zip(want, got))
    return want == got


def check_want(want: dict, got: dict, idx: int) -> None:
    for k, v in want.items():
        if not _matches(v, got.get(k)):
            raise CaptureError(f"connection {idx}: expected {k}={v!r}, peers report "
                               f"{got.get(k)!r}")


# --------------------------------------------------------------------------
# Running one scenario
# --------------------------------------------------------------------------

def in_private_netns() -> bool:
    return os.environ.get("TLSWIRE_CAPTURE_NETNS") == "1"


def reexec_in_netns(argv, script: str = __file__, timeout: float = 0) -> int:
    """Re-runs `script` (this one by default) in a new network namespace that has only loopback."""
    if shutil.which("unshare") is None:
        raise Skipped("gnutls-serv binds every address; need `unshare -n` to confine it")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10)
    if probe.returncode != 0:
        raise Skipped("gnutls-serv binds every address and `unshare -n` is not permitted "
                      f"here ({probe.stderr.decode().strip()})")
    env = dict(os.environ, TLSWIRE_CAPTURE_NETNS="1")
    shell = ("ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up; "
             'exec "$@"')
    try:
        # One scenario takes a few seconds; bound the whole child run anyway.
        return subprocess.run(["unshare", "-n", "sh", "-c", shell, "sh", sys.executable,
                               os.path.abspath(script)] + argv, env=env,
                              timeout=timeout or 6 * PEER_TIMEOUT).returncode
    except subprocess.TimeoutExpired:
        raise CaptureError("scenario in the private namespace did not finish in time")


def base_env(tmp: str, extra_conf: str = "") -> dict:
    """An OpenSSL config of our own, so distribution defaults don't leak in."""
    conf = os.path.join(tmp, "client_openssl.cnf" if extra_conf else "openssl.cnf")
    with open(conf, "w") as f:
        f.write("openssl_conf = openssl_init\n[openssl_init]\n")
        if extra_conf:
            f.write("ssl_conf = ssl_sect\n[ssl_sect]\nsystem_default = tls_defaults\n"
                    "[tls_defaults]\n" + extra_conf)
    env = {k: v for k, v in os.environ.items() if k not in ("SSLKEYLOGFILE",)}
    env["OPENSSL_CONF"] = conf
    return env


def relative(cmd: list, tmp: str) -> str:
    """The command line as a shell would take it, temp dir paths made relative."""
    return " ".join(shlex.quote(a.replace(tmp + "/", "")) for a in cmd)


def capture(sc: Scenario, outdir: str) -> str:
    tmp = tempfile.mkdtemp(prefix=f"tlswire-cap-{sc.name}-")
    peers: list[Peer] = []
    try:
        return _capture(sc, outdir, tmp, peers)
    finally:
        for p in peers:
            p.kill()
        if os.environ.get("TLSWIRE_CAPTURE_KEEP") != "1":
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}", file=sys.stderr)


def _capture(sc: Scenario, outdir: str, tmp: str, peers: list) -> str:
    env = base_env(tmp)
    cenv = base_env(tmp, sc.client_conf) if sc.client_conf else env
    pki = Pki(tmp, env)
    srv_cert, srv_key = pki.leaf("server", sc.cert)
    files = {"ca_cert_pem": "ca_cert.pem",
             "server_cert_pem": os.path.basename(srv_cert),
             "server_key_pem": os.path.basename(srv_key)}
    cli_cert = cli_key = None
    if sc.mutual or sc.client_cert:
        cli_cert, cli_key = pki.leaf("client", "ecdsa")
        files["client_cert_pem"] = os.path.basename(cli_cert)
        files["client_key_pem"] = os.path.basename(cli_key)
    ocsp = pki.ocsp_response(srv_cert) if sc.ocsp else None

    # ---- server --------------------------------------------------------
    if sc.server == "openssl":
        scmd = ["openssl", "s_server", "-accept", f"{LOOPBACK}:0",
                "-naccept", str(sc.connections), "-cert", srv_cert, "-key", srv_key,
                "-keylogfile", os.path.join(tmp, "server_keylog.txt")]
        if sc.mutual:
            scmd += ["-Verify", "1", "-CAfile", pki.p("ca_cert.pem")]
        elif sc.client_cert:
            scmd += ["-CAfile", pki.p("ca_cert.pem")]
        if ocsp:
            scmd += ["-status_file", ocsp]
        scmd += sc.server_args
        server = Peer(scmd, tmp, env, "s_server")
        peers.append(server)
        port = int(server.wait_for(r"^ACCEPT 127\.0\.0\.1:(\d+)").group(1))
    else:
        if not in_private_netns():
            raise CaptureError("internal: gnutls-serv outside the private namespace")
        port = _free_port()
        scmd = ["gnutls-serv", "--echo", "-p", str(port), "--x509certfile", srv_cert,
                "--x509keyfile", srv_key]
        if sc.mutual:
            scmd += ["--require-client-cert", "--x509cafile", pki.p("ca_cert.pem")]
        else:
            scmd += ["--disable-client-cert"]
        if ocsp:
            scmd += ["--ocsp-response", ocsp]
        scmd += sc.server_args
        server = Peer(scmd, tmp, env, "gnutls-serv")
        peers.append(server)
        server.wait_for(r"listening on IPv4")
    server_cmdline = relative(scmd, tmp).replace(f"-p {port} ", "-p SERVER_PORT ")

    conns = []
    relayed = []   # pcap_writer.Connection per connection (TLSWIRE_CAPTURE_PCAP=1)
    client_cmdlines = []
    sess = os.path.join(tmp, "session.pem")
    for i in range(sc.connections):
        c2s_path = os.path.join(tmp, f"c2s_{i}.bin")
        s2c_path = os.path.join(tmp, f"s2c_{i}.bin")
        keylog = os.path.join(tmp, f"client_keylog_{i}.txt")
        msgfile = os.path.join(tmp, f"client_msg_{i}.txt")
        rl = relay_mod.Relay(relay_mod.listen_socket(0), port, c2s_path, s2c_path,
                             timeout=PEER_TIMEOUT, refragment=sc.refragment or None,
                             coalesce=sc.coalesce)
        rt = threading.Thread(target=rl.run, daemon=True)
        rt.start()
        if sc.client == "openssl":
            ccmd = ["openssl", "s_client", "-connect", f"{LOOPBACK}:{rl.port}",
                    "-CAfile", pki.p("ca_cert.pem"), "-msg", "-msgfile", msgfile,
                    "-keylogfile", keylog] + sc.client_args
            if i < len(sc.client_args_by_connection):
                ccmd += sc.client_args_by_connection[i]
            if sc.mutual or sc.client_cert:
                ccmd += ["-cert", cli_cert, "-key", cli_key]
            if sc.connections > 1:
                ccmd += ["-sess_out", sess] if i == 0 else ["-sess_in", sess]
            if sc.early_data and i == sc.connections - 1:
                early = os.path.join(tmp, "early_data.txt")
                with open(early, "w") as f:
                    f.write(EARLY_LINE + "\n")
                ccmd += ["-early_data", early]
            if sc.post_handshake == "post_handshake_auth":
                ccmd += ["-enable_pha"]
            client = Peer(ccmd, tmp, cenv, "s_client")
            peers.append(client)
            # The summary ends with "Verify return code" (TLS 1.3) or with the
            # SSL-Session block after it (TLS 1.2 and older), then "---".
            client.wait_for(r"^(New|Reused), .*Cipher is[\s\S]*Verify return code:[^\n]*\n"
                            r"(?:[^\n]*\n)*?---$")
        else:
            ccmd = ["gnutls-cli", "-d", "4", "--x509cafile", pki.p("ca_cert.pem"),
                    "--verify-hostname", "example.test", "-p", str(rl.port)] + sc.client_args
            if sc.mutual or sc.client_cert:
                ccmd += ["--x509certfile", cli_cert, "--x509keyfile", cli_key]
            if sc.post_handshake == "post_handshake_auth":
                ccmd += ["--post-handshake-auth"]
            elif sc.post_handshake == "key_update":
                ccmd += ["--inline-commands"]
            ccmd += [LOOPBACK]
            genv = dict(cenv, SSLKEYLOGFILE=keylog)
            client = Peer(ccmd, tmp, genv, "gnutls-cli")
            peers.append(client)
            client.wait_for(r"^- Simple Client Mode:")
        # The relay's port changes from run to run; name it instead.
        client_cmdlines.append(relative(ccmd, tmp).replace(
            f"{LOOPBACK}:{rl.port}", f"{LOOPBACK}:RELAY_PORT").replace(
            f"-p {rl.port} ", "-p RELAY_PORT "))
        # Give post-handshake messages (TLS 1.3 tickets) time to arrive and be
        # read before anything else happens, so the trace and -sess_out see them.
        time.sleep(0.3)
        if sc.renegotiate:
            renegotiate(sc, client, server, msgfile)
        if sc.post_handshake:
            post_handshake(sc, client, server, msgfile)
        if sc.early_data == "accepted" and i == sc.connections - 1 and sc.server == "openssl":
            # s_server -early_data prints what it read before the handshake ended
            # (the data on stdout, its "Early data received:" on stderr: their
            # order in what we read varies).
            server.wait_for(r"^Early data received:$")
            server.wait_for(r"^" + re.escape(EARLY_LINE) + "$")
        mark, cmark = len(server.output), len(client.output)
        client.send(CLIENT_LINE + "\n")
        server.wait_for(re.escape(CLIENT_LINE), start=mark)
        if sc.server == "openssl":
            cmark = len(client.output)
            server.send(SERVER_LINE + "\n")
            client.wait_for(re.escape(SERVER_LINE), start=cmark)
        else:
            # gnutls-serv --echo sends the client's line back.
            client.wait_for(re.escape(CLIENT_LINE), start=cmark)
        time.sleep(0.1)
        client.close_stdin()          # the client sends close_notify and leaves
        if client.wait() is None:
            raise CaptureError(f"{client.name} did not exit after stdin EOF")
        rt.join(PEER_TIMEOUT + 1)
        if rt.is_alive():
            raise CaptureError("relay did not finish")
        c2s, s2c = bytes(rl.c2s), bytes(rl.s2c)
        if rl.client_addr is not None:
            relayed.append(pcap_writer.Connection(rl.client_addr, (LOOPBACK, rl.port), rl.events,
                                                  rl.started, rl.ended))
        with open(os.path.join(tmp, f"client_out_{i}.txt"), "w") as f:
            f.write(client.output)       # for TLSWIRE_CAPTURE_KEEP=1 debugging
        kl = open(keylog).read() if os.path.exists(keylog) else ""
        out = client.output
        if sc.client == "openssl":
            msgs = parse_openssl_msg(open(msgfile, encoding="latin-1").read())
            e = openssl_client_expect(out, cenv)
        else:
            msgs = parse_gnutls_debug(out)
            e = gnutls_client_expect(out, first_handshake(s2c), cenv)
        sh = first_handshake(s2c)
        e["hello_retry_request"] = is_hrr(sh)
        if e["hello_retry_request"] and e["group"] is None:
            e["group"] = selected_group_from_hrr(sh)
        e["client_certificate"] = "certificate" in handshake_types(msgs)["c2s"]
        e["handshake_types"] = handshake_types(msgs)
        if sc.client == "openssl":
            # s_client -msg prints every handshake message it sent or read, the
            # encrypted ones too: their SHA-256, for the decoder's output to match.
            e["handshake_sha256"] = {d: [hashlib.sha256(b).hexdigest() for dd, _n, b in msgs
                                         if dd == d] for d in ("c2s", "s2c")}
        if sc.post_handshake or sc.early_data:
            tls13_facts(sc, e, msgs, out, i)
        pad = re.search(r"^RecordPadding = (\d+)$", sc.client_conf, re.M)
        if pad and e["version"] == "TLS 1.3":
            # Every protected record of the client (AEAD tag: 16 bytes) holds a
            # multiple of the block in TLSInnerPlaintext (RFC 8446 §5.4).
            block = int(pad.group(1))
            sizes = [len(p_) - 16 for ct, _v, p_ in records(c2s) if ct == 23]
            if sizes and all(n % block == 0 for n in sizes):
                e["client_records_padded_to"] = block
        if e["version"] != "TLS 1.3":
            # RFC 7366: the ServerHello (traced by s_client, equal to the wire:
            # check_connection) echoes encrypt_then_mac only for a CBC suite.
            e["encrypt_then_mac"] = 22 in hello_extensions(sh, False)
        if sc.renegotiate:
            groups = split_handshakes(msgs)
            # The connection-wide facts above are the first handshake's; what
            # the renegotiations did is listed apart.
            e["client_certificate"] = "certificate" in handshake_types(groups[0])["c2s"]
            e["renegotiated"] = True
            e["handshakes"] = len(groups)
            e["renegotiations"] = renegotiation_facts(
                msgs, c2s, s2c, kl, "client" if sc.renegotiate == "client" else "server",
                "Secure Renegotiation IS supported" in out)
        shaped = ""
        if sc.refragment or sc.coalesce:
            if sc.refragment:
                e["handshake_fragment_sizes"] = list(sc.refragment)
            else:
                e["coalesced_handshake_records"] = True
            e["plaintext_handshake_records"] = {
                "c2s": len(plaintext_handshake_records(c2s)),
                "s2c": len(plaintext_handshake_records(s2c))}
            for d, sh_ in rl.shapers.items():
                if sh_.records_out != e["plaintext_handshake_records"][d]:
                    raise CaptureError(f"{d}: relay forwarded {sh_.records_out} plaintext "
                                       f"handshake records, the recording has "
                                       f"{e['plaintext_handshake_records'][d]}")
            if all(sh_.records_in == sh_.records_out for sh_ in rl.shapers.values()):
                raise CaptureError("the relay changed no record")
            # The client read the records one by one: s_client -msg traces a
            # "<<< ... RecordHeader" for each record it received.
            read = len(re.findall(r"^<<< .*RecordHeader", open(msgfile, encoding="latin-1").read(),
                                  re.M)) if sc.client == "openssl" else None
            if read is not None and read < e["plaintext_handshake_records"]["s2c"]:
                raise CaptureError(f"the client traced {read} records received, fewer than the "
                                   f"{e['plaintext_handshake_records']['s2c']} plaintext "
                                   "handshake records sent to it")
            shaped = ", relay: " + ", ".join(
                f"{d} {sh_.records_in}->{sh_.records_out}" for d, sh_ in rl.shapers.items()) + \
                " plaintext handshake records"
        check_connection(c2s, s2c, kl, msgs, e)
        if i < len(sc.want):
            check_want(sc.want[i], e, i)
        # Only the keylog lines, without OpenSSL's comment header.
        kl = "".join(ln + "\n" for ln in kl.splitlines() if ln and not ln.startswith("#"))
        conns.append({"expect": e, "c2s": c2s.hex(), "s2c": s2c.hex(), "keylog": kl})
        if shaped or sc.renegotiate:
            print(f"{sc.name}: connection {i}: c2s {len(list(records(c2s)))} records, "
                  f"s2c {len(list(records(s2c)))} records{shaped}"
                  + (f", {e['handshakes']} handshakes" if sc.renegotiate else ""))

    server.close_stdin()
    if sc.server == "openssl" and server.wait(3) is None:
        server.kill()

    versions = tool_versions()
    tools = "openssl s_server/s_client" if sc.client == sc.server == "openssl" else \
        f"{'openssl s_server' if sc.server == 'openssl' else 'gnutls-serv'} / " \
        f"{'openssl s_client' if sc.client == 'openssl' else 'gnutls-cli'}"
    used = []
    if "gnutls" in (sc.client, sc.server):
        used.append((versions["gnutls"] or "").replace("gnutls-cli", "GnuTLS"))
    if "openssl" in (sc.client, sc.server):
        used.append(versions["openssl"])
    else:
        used.append(f"test keys made with {versions['openssl']}")
    today = datetime.date.today().isoformat()
    doc = {
        "schema": "tlswire-vectors/1",
        "kind": "capture",
        "source": f"captured from {tools} ({'; '.join(used)}) on {today} via "
                  f"tests/interop/relay.py on 127.0.0.1, command lines: server: "
                  f"{server_cmdline}; client: " + " | ".join(client_cmdlines),
        "scenario": sc.name,
        "description": sc.description,
        "connections": conns,
        "files": {},
    }
    for k, fn in files.items():
        doc["files"][k] = open(os.path.join(tmp, fn)).read()
    if ocsp:
        doc["files"]["ocsp_response_der_hex"] = open(ocsp, "rb").read().hex()
    os.makedirs(outdir, exist_ok=True)
    if os.environ.get("TLSWIRE_CAPTURE_PCAP") == "1":
        # The same connections as capture files (never committed: they are
        # written for the interop check, next to the JSON).
        pcap_writer.write_captures(os.path.join(outdir, sc.name), relayed,
                                   "".join(c["keylog"] for c in conns))
    path = os.path.join(outdir, f"{sc.name}.json")
    with open(path + ".tmp", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    return path


def renegotiate(sc: Scenario, client: Peer, server: Peer, msgfile: str) -> None:
    """Makes a peer renegotiate (TLS 1.2) and waits until both Finished are traced."""
    if sc.client != "openssl" or sc.server != "openssl":
        raise CaptureError("renegotiation scenarios need s_client and s_server")
    smark, cmark = len(server.output), len(client.output)
    if sc.renegotiate == "client":
        client.send("R\n")                   # s_client: "RENEGOTIATING", SSL_renegotiate()
        client.wait_for(r"^RENEGOTIATING$", start=cmark)
    else:
        # s_server: r = SSL_renegotiate(); R = the same after asking for a
        # client certificate (SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE).
        server.send("r\n" if sc.renegotiate == "server" else "R\n")
        # "SSL_do_handshake -> 1": the server's side of the new handshake is done.
        server.wait_for(r"^SSL_do_handshake -> 1$", start=smark)
    deadline = time.monotonic() + STEP_TIMEOUT
    while True:
        text = open(msgfile, encoding="latin-1").read() if os.path.exists(msgfile) else ""
        fins = [d for d, n, _b in parse_openssl_msg(text) if n == "finished"]
        if fins.count("c2s") >= 2 and fins.count("s2c") >= 2:
            return
        if time.monotonic() > deadline:
            raise CaptureError("renegotiation did not finish: the -msg trace shows "
                               f"{fins.count('c2s')} client and {fins.count('s2c')} server "
                               "Finished")
        time.sleep(0.02)


def traced(sc: Scenario, client: Peer, msgfile: str) -> list[tuple[str, str, bytes]]:
    """The client's trace so far: s_client's -msgfile, or gnutls-cli's debug log."""
    if sc.client == "gnutls":
        return parse_gnutls_debug(client.output)
    return parse_openssl_msg(open(msgfile, encoding="latin-1").read()
                             if os.path.exists(msgfile) else "")


def wait_traced(sc: Scenario, client: Peer, msgfile: str, what: str, done) -> None:
    """Waits until done(trace entries) holds for the client's trace."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while not done(traced(sc, client, msgfile)):
        if time.monotonic() > deadline:
            raise CaptureError(f"{what}: the client's trace shows "
                               f"{handshake_types(traced(sc, client, msgfile))}")
        time.sleep(0.02)


def exchange_lines(sc: Scenario, client: Peer, server: Peer, tag: str) -> None:
    """One line of application data each way (gnutls-serv --echo: the client's, back)."""
    line = f"{CLIENT_LINE} {tag}"
    mark, cmark = len(server.output), len(client.output)
    client.send(line + "\n")
    if sc.server == "gnutls":
        client.wait_for(r"^" + re.escape(line) + "$", start=cmark)
        return
    server.wait_for(re.escape(line), start=mark)
    mark = len(client.output)
    server.send(f"{SERVER_LINE} {tag}\n")
    client.wait_for(re.escape(f"{SERVER_LINE} {tag}"), start=mark)


# The client's stdin commands for a KeyUpdate (update_not_requested, then
# update_requested) and what it prints when it took one: s_client's k / K
# (SSL_key_update; the message goes out ahead of the next write), gnutls-cli's
# inline commands ^rekey1^ / ^rekey^ (gnutls_session_key_update, sent at once).
KEY_UPDATE_COMMANDS = {"openssl": (("k", "K"), r"^KEYUPDATE$"),
                       "gnutls": (("^rekey1^", "^rekey^"), r"^- Rekey was completed$")}


def post_handshake(sc: Scenario, client: Peer, server: Peer, msgfile: str) -> None:
    """TLS 1.3 post-handshake messages (RFC 8446 §4.6), driven on the peers' stdin."""
    def count(direction, name):
        return lambda msgs: sum(1 for d, n, _b in msgs if d == direction and n == name)

    if sc.post_handshake == "key_update":
        exchange_lines(sc, client, server, "under the first application keys")
        # Under update_requested the server sends its own KeyUpdate ahead of its
        # next write (OpenSSL) or at once (GnuTLS) (§4.6.3).
        cmds, done = KEY_UPDATE_COMMANDS[sc.client]
        for n, (cmd, tag) in enumerate(zip(cmds, ("after a KeyUpdate",
                                                  "after a KeyUpdate requesting one")), 1):
            mark = len(client.output)
            client.send(cmd + "\n")
            client.wait_for(done, start=mark)
            exchange_lines(sc, client, server, tag)
            wait_traced(sc, client, msgfile, f"KeyUpdate {n}",
                        lambda m, n=n: count("c2s", "key_update")(m) >= n)
        wait_traced(sc, client, msgfile, "the server's KeyUpdate",
                    lambda m: count("s2c", "key_update")(m) >= 1)
    elif sc.post_handshake == "post_handshake_auth":
        if sc.server != "openssl":
            raise CaptureError("post-handshake authentication needs s_server (its command c)")
        smark = len(server.output)
        # s_server: c = SSL_verify_client_post_handshake(), then SSL_do_handshake
        # sends the CertificateRequest; the client answers when it next reads
        # (gnutls-cli: gnutls_reauth() on GNUTLS_E_REAUTH_REQUEST).
        server.send("c\n")
        server.wait_for(r"^SSL_do_handshake -> 1$", start=smark)
        wait_traced(sc, client, msgfile, "post-handshake authentication",
                    lambda m: count("c2s", "finished")(m) >= 2)
        exchange_lines(sc, client, server, "after post-handshake authentication")
    else:
        raise CaptureError(f"unknown post_handshake {sc.post_handshake!r}")


def _free_port() -> int:
    s = relay_mod.listen_socket(0)
    port = s.getsockname()[1]
    s.close()
    return port


def run_scenarios(argv: list[str], prog: str, scenarios, capture_one, reexec, check=None) -> int:
    """The command line of a capture script (this one, dtls_capture.py):
    `--list`, or `<scenario|all> <outdir>`. Each scenario is captured by
    capture_one(sc, outdir), after check(sc) (which may raise Skipped); a
    GnuTLS server runs in a private network namespace through reexec(argv)."""
    by_name = {s.name: s for s in scenarios}
    if argv and argv[0] == "--list":
        for s in scenarios:
            print(s.name)
        return 0
    if len(argv) != 2:
        print(f"usage: {prog} --list | {prog} <scenario|all> <outdir>", file=sys.stderr)
        return 2
    names = [s.name for s in scenarios] if argv[0] == "all" else [argv[0]]
    outdir = os.path.abspath(argv[1])
    status = 0
    for name in names:
        sc = by_name.get(name)
        if sc is None:
            print(f"unknown scenario {name!r}; see --list", file=sys.stderr)
            return 2
        t0 = time.monotonic()
        try:
            if check is not None:
                check(sc)
            if sc.server == "gnutls" and not in_private_netns():
                rc = reexec([name, outdir])
                status = status or rc
                continue
            path = capture_one(sc, outdir)
            print(f"{name}: wrote {path} ({os.path.getsize(path)} bytes, "
                  f"{time.monotonic() - t0:.1f}s)")
        except Skipped as exc:
            print(f"{name}: SKIPPED: {exc}", file=sys.stderr)
            status = status or SKIP
        except CaptureError as exc:
            print(f"{name}: FAILED: {exc}", file=sys.stderr)
            status = 1
        except Exception as exc:  # a bug or an unexpected peer: report, go on
            print(f"{name}: FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
            status = 1
    return status


def main(argv: list[str]) -> int:
    return run_scenarios(argv, "capture.py", SCENARIOS, capture, reexec_in_netns)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
