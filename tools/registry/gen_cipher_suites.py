#!/usr/bin/env python3
"""Generate include/tlswire/registry/detail/cipher_suite_list.hpp from the IANA
"TLS Cipher Suites" CSV snapshot (vectors/iana/tls-parameters-4.csv).

The generated header is committed and is the single source of truth; this
script is a convenience for the next registry update. Attributes are derived
from the IANA Description by the rules below, which transcribe the defining
RFCs; a few suites are special-cased by hand (see SPECIAL). Review the diff of
the generated header after every run.

Usage: tools/registry/gen_cipher_suites.py [csv] > include/tlswire/registry/detail/cipher_suite_list.hpp
"""
import csv
import re
import sys

# ---- key exchange part (text between "TLS_" and "_WITH_") -> (kx, auth) ----
KX = {
    "NULL": ("null", "null"),
    "RSA": ("rsa", "rsa"),
    "RSA_EXPORT": ("rsa_export", "rsa"),
    "DH_DSS": ("dh_dss", "dss"),
    "DH_DSS_EXPORT": ("dh_dss_export", "dss"),
    "DH_RSA": ("dh_rsa", "rsa"),
    "DH_RSA_EXPORT": ("dh_rsa_export", "rsa"),
    "DHE_DSS": ("dhe_dss", "dss"),
    "DHE_DSS_EXPORT": ("dhe_dss_export", "dss"),
    "DHE_RSA": ("dhe_rsa", "rsa"),
    "DHE_RSA_EXPORT": ("dhe_rsa_export", "rsa"),
    "DH_anon": ("dh_anon", "anon"),
    "DH_anon_EXPORT": ("dh_anon_export", "anon"),
    "ECDH_ECDSA": ("ecdh_ecdsa", "ecdsa"),
    "ECDH_RSA": ("ecdh_rsa", "rsa"),
    "ECDHE_ECDSA": ("ecdhe_ecdsa", "ecdsa"),
    "ECDHE_RSA": ("ecdhe_rsa", "rsa"),
    "ECDH_anon": ("ecdh_anon", "anon"),
    "PSK": ("psk", "psk"),
    "DHE_PSK": ("dhe_psk", "psk"),
    "PSK_DHE": ("dhe_psk", "psk"),  # RFC 6655 spells 0xC0AA/0xC0AB "PSK_DHE"
    "RSA_PSK": ("rsa_psk", "rsa_psk"),
    "ECDHE_PSK": ("ecdhe_psk", "psk"),
    "SRP_SHA": ("srp_sha", "srp"),
    "SRP_SHA_RSA": ("srp_sha_rsa", "srp_rsa"),
    "SRP_SHA_DSS": ("srp_sha_dss", "srp_dss"),
    "KRB5": ("krb5", "krb5"),
    "KRB5_EXPORT": ("krb5_export", "krb5"),
    "ECCPWD": ("eccpwd", "password"),
    "GOSTR341112_256": ("gostr341112_256", "gostr34102012"),
}

# ---- bulk cipher token -> bulk_cipher_algorithm enumerator ----
CIPHER = {
    "NULL": "null",
    "RC4_40": "rc4_40",
    "RC4_128": "rc4_128",
    "RC2_CBC_40": "rc2_cbc_40",
    "IDEA_CBC": "idea_cbc",
    "DES40_CBC": "des40_cbc",
    "DES_CBC_40": "des40_cbc",  # RFC 2712 spelling of the same 40-bit DES
    "DES_CBC": "des_cbc",
    "3DES_EDE_CBC": "des_ede3_cbc",
    "SEED_CBC": "seed_cbc",
    "AES_128_CBC": "aes_128_cbc",
    "AES_256_CBC": "aes_256_cbc",
    "CAMELLIA_128_CBC": "camellia_128_cbc",
    "CAMELLIA_256_CBC": "camellia_256_cbc",
    "ARIA_128_CBC": "aria_128_cbc",
    "ARIA_256_CBC": "aria_256_cbc",
    "AES_128_GCM": "aes_128_gcm",
    "AES_256_GCM": "aes_256_gcm",
    "CAMELLIA_128_GCM": "camellia_128_gcm",
    "CAMELLIA_256_GCM": "camellia_256_gcm",
    "ARIA_128_GCM": "aria_128_gcm",
    "ARIA_256_GCM": "aria_256_gcm",
    "AES_128_CCM": "aes_128_ccm",
    "AES_256_CCM": "aes_256_ccm",
    "AES_128_CCM_8": "aes_128_ccm_8",
    "AES_256_CCM_8": "aes_256_ccm_8",
    "CHACHA20_POLY1305": "chacha20_poly1305",
    "KUZNYECHIK_CTR": "kuznyechik_ctr",
    "MAGMA_CTR": "magma_ctr",
    "28147_CNT": "gost28147_cnt",
}

MAC = {"MD5": "md5", "SHA": "sha1", "SHA256": "sha256", "SHA384": "sha384",
       "OMAC": None, "IMIT": "gost28147_imit"}

AEAD = {"aes_128_gcm", "aes_256_gcm", "camellia_128_gcm", "camellia_256_gcm",
        "aria_128_gcm", "aria_256_gcm", "aes_128_ccm", "aes_256_ccm",
        "aes_128_ccm_8", "aes_256_ccm_8", "chacha20_poly1305"}

# TLS 1.3-style suites (RFC 8446 §B.4 and later): no key exchange in the name.
# name -> (cipher, hkdf hash)
TLS13 = {
    "TLS_AES_128_GCM_SHA256": ("aes_128_gcm", "sha256"),
    "TLS_AES_256_GCM_SHA384": ("aes_256_gcm", "sha384"),
    "TLS_CHACHA20_POLY1305_SHA256": ("chacha20_poly1305", "sha256"),
    "TLS_AES_128_CCM_SHA256": ("aes_128_ccm", "sha256"),
    "TLS_AES_128_CCM_8_SHA256": ("aes_128_ccm_8", "sha256"),
    "TLS_AEGIS_256_SHA512": ("aegis_256", "sha512"),
    "TLS_AEGIS_128L_SHA256": ("aegis_128l", "sha256"),
    "TLS_SM4_GCM_SM3": ("sm4_gcm", "sm3"),          # RFC 8998
    "TLS_SM4_CCM_SM3": ("sm4_ccm", "sm3"),          # RFC 8998
    "TLS_SHA256_SHA256": ("hmac_sha256", "sha256"),  # RFC 9150 integrity only
    "TLS_SHA384_SHA384": ("hmac_sha384", "sha384"),  # RFC 9150 integrity only
    "TLS_ASCONAEAD128_ASCONHASH256": ("ascon_aead128", "ascon_hash256"),
    "TLS_ASCONAEAD128_SHA256": ("ascon_aead128", "sha256"),
    "TLS_AES_128_GCM_ASCONHASH256": ("aes_128_gcm", "ascon_hash256"),
    "TLS_AES_128_CCM_ASCONHASH256": ("aes_128_ccm", "ascon_hash256"),
    # RFC 9367: GOST suites for TLS 1.3 (they keep "_WITH_" in the name)
    "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L": ("kuznyechik_mgm_l", "streebog_256"),
    "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L": ("magma_mgm_l", "streebog_256"),
    "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S": ("kuznyechik_mgm_s", "streebog_256"),
    "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S": ("magma_mgm_s", "streebog_256"),
}

# RFC 9189 (TLS 1.2 GOST): cipher + MAC are named together.
GOST12 = {
    "KUZNYECHIK_CTR_OMAC": ("kuznyechik_ctr", "kuznyechik_omac"),
    "MAGMA_CTR_OMAC": ("magma_ctr", "magma_omac"),
    "28147_CNT_IMIT": ("gost28147_cnt", "gost28147_imit"),
}

# Values defined by SSL 3.0 (RFC 6101 Appendix A.6) usable from SSL 3.0 on.
SSL3_MAX_VALUE = 0x001B


def versions(value, name, kx, cipher, mac, prf):
    """(min, max) protocol versions; see the rules in cipher_suite.hpp."""
    if kx == "scsv":
        return ("ssl30", "tls13")
    if kx == "tls13":
        return ("tls13", "tls13")
    lo = "ssl30" if value <= SSL3_MAX_VALUE else "tls10"
    hi = "tls12"
    if kx.endswith("_export") or kx == "rsa_export":
        # RFC 4346 §1.1/A.5: TLS 1.1 must not negotiate export suites.
        return (lo, "tls10")
    if cipher in ("des_cbc", "idea_cbc"):
        # RFC 5469: single-DES and IDEA were removed from TLS 1.2.
        return (lo, "tls11")
    if cipher in AEAD or kx in ("gostr341112_256",):
        # RFC 5288/5289/6655/7251/7905/8442/6209/6367/9189: TLS 1.2 only.
        return ("tls12", "tls12")
    if kx == "eccpwd":
        return ("tls12", "tls13")
    if mac in ("sha256", "sha384"):
        # RFC 5487 §3, RFC 5489 §3/4 and RFC 6367 §3.3 allow their PSK and
        # ECC-Camellia CBC/NULL SHA-2 suites in earlier versions (with that
        # version's PRF; RFC 6367 §3.4 PSK-Camellia suites fall under the
        # PSK rule); every other SHA-2 suite (RFC 5246, 5289, 5932, 6209)
        # needs TLS 1.2.
        # RFC 6209 (ARIA) has no such clause: its PRF is the TLS 1.2 PRF.
        psk = kx in ("psk", "dhe_psk", "rsa_psk", "ecdhe_psk") and not cipher.startswith("aria")
        ecc_camellia = cipher.startswith("camellia") and 0xC072 <= value <= 0xC079
        if psk or ecc_camellia:
            return ("tls10", "tls12")
        return ("tls12", "tls12")
    return (lo, hi)


def classify(value, name):
    if name in ("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_FALLBACK_SCSV"):
        return ("scsv", "null", "null", "null", "none")
    if name in TLS13:
        cipher, h = TLS13[name]
        return ("tls13", "tls13", cipher, "aead", h)
    if name == "TLS_NULL_WITH_NULL_NULL":
        return ("null", "null", "null", "null", "none")
    m = re.fullmatch(r"TLS_(.+?)_WITH_(.+)", name)
    if not m:
        raise SystemExit(f"cannot parse {name}")
    kxs, rest = m.groups()
    kx, auth = KX[kxs]
    if kx == "gostr341112_256":
        cipher, mac = GOST12[rest]
        return (kx, auth, cipher, mac, "streebog_256")
    # AEAD suites: cipher token, optionally followed by the PRF hash.
    for tok in sorted(CIPHER, key=len, reverse=True):
        if rest == tok or rest.startswith(tok + "_"):
            tail = rest[len(tok):].lstrip("_")
            cipher = CIPHER[tok]
            break
    else:
        raise SystemExit(f"unknown cipher in {name}")
    if cipher in AEAD:
        # RFC 6655/7251 CCM suites carry no hash: PRF is SHA-256.
        prf = {"": "sha256", "SHA256": "sha256", "SHA384": "sha384"}[tail]
        return (kx, auth, cipher, "aead", prf)
    mac = MAC[tail]
    prf = "sha384" if mac == "sha384" else "sha256"
    return (kx, auth, cipher, mac, prf)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "vectors/iana/tls-parameters-4.csv"
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            v = r["Value"]
            name = r["Description"].strip()
            m = re.fullmatch(r"0x([0-9A-F]{2}),0x([0-9A-F]{2})", v)
            if not m or name in ("Unassigned", "Reserved") or name.startswith("Reserved"):
                continue
            value = int(m.group(1), 16) << 8 | int(m.group(2), 16)
            kx, auth, cipher, mac, prf = classify(value, name)
            lo, hi = versions(value, name, kx, cipher, mac, prf)
            dtls = "true" if r["DTLS-OK"] == "Y" else "false"
            rec = r["Recommended"]
            rows.append((value, name, kx, auth, cipher, mac, prf, lo, hi, dtls, rec))
    rows.sort()
    out = sys.stdout
    out.write("// tlswire/registry/detail/cipher_suite_list.hpp — GENERATED by\n")
    out.write("// tools/registry/gen_cipher_suites.py from vectors/iana/tls-parameters-4.csv,\n")
    out.write("// then reviewed. This list is the single source of truth for the cipher_suite\n")
    out.write("// enum, its names and its attributes (see registry/cipher_suite.hpp).\n")
    out.write("// Columns: X(IANA name, value, key exchange, authentication, bulk cipher, MAC,\n")
    out.write("//           PRF/HKDF hash, min version, max version, DTLS-OK, Recommended)\n")
    out.write("#pragma once\n\n")
    out.write("// clang-format off\n")
    out.write("#define TLSWIRE_CIPHER_SUITE_LIST(X) \\\n")
    for (value, name, kx, auth, cipher, mac, prf, lo, hi, dtls, rec) in rows:
        out.write(f"    X({name}, 0x{value:04X}, {kx}, {auth}, {cipher}, {mac}, {prf}, {lo}, {hi}, {dtls}, {rec}) \\\n")
    out.write("    /* end of list */\n")
    out.write("// clang-format on\n")


if __name__ == "__main__":
    main()
