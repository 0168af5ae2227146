#!/usr/bin/env python3
"""Transcribe PRF / HKDF / ACVP key-derivation vectors into tlswire-vectors/1 JSON.

Usage: kdf_to_json.py [REFERENCE_DIR] [OUT_DIR]
  defaults: /work/shared/reference  vectors

Inputs (all under REFERENCE_DIR):
  rfc/rfc5869.txt                               RFC 5869 Appendix A (HKDF, 7 cases)
  vectors/botan/kdf/hkdf.vec                    HKDF, HKDF-Extract and HKDF-Expand KATs
  vectors/openssl/evpkdf_tls11_prf.txt          NIST CAVP TLS 1.0/1.1 PRF (via OpenSSL)
  vectors/openssl/evpkdf_tls12_prf.txt          NIST CAVP TLS 1.2 PRF (via OpenSSL)
  vectors/botan/kdf/tls_prf.vec                 TLS 1.0 PRF and TLS 1.2 PRF KATs
  vectors/acvp-boringssl/*.{vectors,expected}.json  NIST ACVP sample sets, joined

Every output value is recomputed here with an independent implementation of
the TLS PRFs (RFC 2246 §5, RFC 5246 §5), HKDF (RFC 5869), the RFC 7627
extended master secret and the RFC 8446 §7.1 key schedule, using only
hashlib/hmac.  A vector that does not recompute stops the script, so nothing
unverified lands in vectors/.
"""
import hashlib
import hmac
import json
import os
import re
import sys

SCHEMA = "tlswire-vectors/1"
REF = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
OUT = sys.argv[2] if len(sys.argv) > 2 else "vectors"

HASHES = {"md5": hashlib.md5, "sha1": hashlib.sha1, "sha224": hashlib.sha224,
          "sha256": hashlib.sha256, "sha384": hashlib.sha384,
          "sha512": hashlib.sha512,
          "sha512_256": lambda d=b"": hashlib.new("sha512_256", d)}
ACVP_HASH = {"SHA-1": "sha1", "SHA2-224": "sha224", "SHA2-256": "sha256",
             "SHA2-384": "sha384", "SHA2-512": "sha512",
             "SHA2-512/256": "sha512_256"}


def fail(msg):
    sys.exit("kdf_to_json: " + msg)


def hm(h, key, data):
    return hmac.new(key, data, HASHES[h]).digest()


def p_hash(h, secret, seed, n):
    # RFC 5246 §5: P_hash(secret, seed) = HMAC(secret, A(1) + seed) + ...
    out, a = b"", seed
    while len(out) < n:
        a = hm(h, secret, a)
        out += hm(h, secret, a + seed)
    return out[:n]


def prf(h, secret, label, seed, n):
    if h == "md5_sha1":
        # RFC 2246 §5: split the secret in two (overlapping by one byte when
        # odd), P_MD5 on the first half XOR P_SHA-1 on the second.
        half = (len(secret) + 1) // 2
        a = p_hash("md5", secret[:half], label + seed, n)
        b = p_hash("sha1", secret[len(secret) - half:], label + seed, n)
        return bytes(x ^ y for x, y in zip(a, b))
    return p_hash(h, secret, label + seed, n)


def hkdf_extract(h, salt, ikm):
    return hm(h, salt, ikm)


def hkdf_expand(h, prk, info, n):
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hm(h, prk, t + info + bytes([i]))
        out += t
        i += 1
    return out[:n]


def write(path, doc):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%s: %d cases" % (full, len(doc["cases"])))


def header(kind, source, description):
    return {"schema": SCHEMA, "kind": kind, "source": source,
            "description": description}


def check_prf(c):
    got = prf(c["hash"], bytes.fromhex(c["secret"]), c["label"].encode("ascii"),
              bytes.fromhex(c["seed"]), len(c["output"]) // 2)
    if got.hex() != c["output"]:
        fail("PRF vector does not recompute: %r" % c.get("id"))


# --------------------------------------------------------------------- HKDF
def rfc5869():
    txt = open(os.path.join(REF, "rfc/rfc5869.txt"), encoding="ascii").read()
    # drop page footers/headers so values that span a page break join up
    txt = "\n".join(l for l in txt.replace("\f", "").split("\n")
                    if not re.match(r"^(Krawczyk & Eronen .*\[Page \d+\]|RFC 5869 .*May 2010)$", l))
    cases = []
    for m in re.finditer(r"A\.(\d)\.  Test Case \d\n(.*?)(?=\nA\.\d\.  |\nAuthors' Addresses)",
                         txt, re.S):
        num, body = int(m.group(1)), m.group(2)
        fields = {}
        for fm in re.finditer(r"^   (Hash|IKM|salt|info|L|PRK|OKM) *= (.*?)(?=^   \S|\Z)",
                              body, re.S | re.M):
            fields[fm.group(1)] = " ".join(fm.group(2).split())
        h = {"SHA-256": "sha256", "SHA-1": "sha1"}[fields["Hash"]]
        hash_len = len(HASHES[h]().digest())
        case = {"id": "A.%d" % num, "hash": h}
        for key, out in (("IKM", "ikm"), ("salt", "salt"), ("info", "info"),
                         ("PRK", "prk"), ("OKM", "okm")):
            v = fields[key]
            if v == "(0 octets)":
                case[out] = ""
            elif v.startswith("not provided"):
                case[out] = "00" * hash_len
                case["note"] = "RFC 5869 A.7: salt not provided (defaults to HashLen zero octets)"
            else:
                mm = re.fullmatch(r"0x([0-9a-f ]+?) \((\d+) octets\)", v)
                if not mm:
                    fail("cannot parse RFC 5869 %s %s: %r" % (case["id"], key, v))
                hx = mm.group(1).replace(" ", "")
                if len(hx) // 2 != int(mm.group(2)):
                    fail("octet count mismatch in RFC 5869 %s %s" % (case["id"], key))
                case[out] = hx
        case["l"] = int(fields["L"])
        # reorder to the documented key order
        case = {k: case[k] for k in ("id", "hash", "ikm", "salt", "info", "l", "prk", "okm",
                                     "note") if k in case}
        verify_hkdf(case)
        cases.append(case)
    if len(cases) != 7:
        fail("expected 7 RFC 5869 cases, found %d" % len(cases))
    doc = header("hkdf", "RFC 5869 Appendix A (https://www.rfc-editor.org/rfc/rfc5869#appendix-A)",
                 "HKDF-Extract and HKDF-Expand test cases 1-7 (SHA-256 and SHA-1).")
    doc["cases"] = cases
    write("hkdf/rfc5869.json", doc)


def verify_hkdf(c):
    prk = hkdf_extract(c["hash"], bytes.fromhex(c["salt"]), bytes.fromhex(c["ikm"]))
    if "prk" in c and prk.hex() != c["prk"]:
        fail("HKDF PRK does not recompute: %s" % c["id"])
    okm = hkdf_expand(c["hash"], prk, bytes.fromhex(c["info"]), c["l"])
    if okm.hex() != c["okm"]:
        fail("HKDF OKM does not recompute: %s" % c["id"])


def botan_hkdf():
    """Botan hkdf.vec: [HKDF(HMAC(X))] (Secret = IKM, Salt = salt, Label = info),
    [HKDF-Extract(HMAC(X))] (Salt, Secret = IKM -> PRK) and [HKDF-Expand(HMAC(X))]
    (Secret = PRK, Salt = info -> OKM).  The Extract and Expand vectors are the
    two halves of the full HKDF vectors, so each full case gets the PRK its
    Extract vector gives; every Extract and every Expand vector must match a
    full case (same hash, inputs and outputs) or the script stops, so nothing
    of the file is dropped."""
    txt = open(os.path.join(REF, "vectors/botan/kdf/hkdf.vec"), encoding="ascii").read()
    names = {"SHA-1": "sha1", "SHA-256": "sha256", "SHA-512": "sha512"}
    m_name = {v: k for k, v in names.items()}
    full, extract, expand = [], [], []
    sect, cur, h, per_hash = None, {}, None, {}
    for line in txt.split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(HKDF|HKDF-Extract|HKDF-Expand)\(HMAC\((SHA-\d+)\)\)\]", line)
        if m:
            sect, h, cur = m.group(1), names[m.group(2)], {}
            continue
        if line.startswith("["):
            fail("unknown hkdf.vec section %r" % line)
        k, v = (x.strip() for x in line.split("=", 1))
        cur[k] = v.lower()
        if k != "Output":
            continue
        # a vector ends at its Output; the next one starts from nothing
        if sect == "HKDF":
            per_hash[h] = per_hash.get(h, 0) + 1
            full.append({"id": "hkdf.vec [HKDF(HMAC(%s))] #%d" % (m_name[h], per_hash[h]),
                         "hash": h, "ikm": cur["Secret"], "salt": cur.get("Salt", ""),
                         "info": cur.get("Label", ""), "okm": cur["Output"]})
        elif sect == "HKDF-Extract":
            extract.append((h, cur.get("Salt", ""), cur["Secret"], cur["Output"]))
        else:
            expand.append((h, cur["Secret"], cur.get("Salt", ""), cur["Output"]))
        cur = {}
    cases = []
    for f in full:
        case = {"id": f["id"], "hash": f["hash"],
                "ikm": f["ikm"], "salt": f["salt"], "info": f["info"], "l": len(f["okm"]) // 2}
        prks = {e[3] for e in extract if e[:3] == (f["hash"], f["salt"], f["ikm"])}
        if len(prks) > 1:
            fail("conflicting HKDF-Extract vectors for %s" % case["id"])
        if prks:
            case["prk"] = prks.pop()
        case["okm"] = f["okm"]
        verify_hkdf(case)
        cases.append(case)
    for e in extract:
        if not any((c["hash"], c["salt"], c["ikm"], c.get("prk")) == e for c in cases):
            fail("HKDF-Extract vector without a matching HKDF vector: %r" % (e,))
    for e in expand:
        if not any((c["hash"], c.get("prk"), c["info"], c["okm"]) == e for c in cases):
            fail("HKDF-Expand vector without a matching HKDF vector: %r" % (e,))
        if hkdf_expand(e[0], bytes.fromhex(e[1]), bytes.fromhex(e[2]), len(e[3]) // 2).hex() != e[3]:
            fail("HKDF-Expand vector does not recompute: %r" % (e,))
    if len(full) != 13 or len(extract) != 12 or len(expand) != 12:
        fail("expected 13 HKDF, 12 Extract and 12 Expand vectors in hkdf.vec, found %d/%d/%d"
             % (len(full), len(extract), len(expand)))
    doc = header("hkdf",
                 "Botan KAT file github:randombit/botan@081417e4eba70f27f946c115f3b555f63961c5f6:"
                 "src/tests/data/kdf/hkdf.vec (/work/shared/reference/vectors/botan/kdf/hkdf.vec); "
                 "RFC 5869 data for SHA-1 and SHA-256, Botan's own for SHA-512",
                 "HKDF with SHA-1, SHA-256 and SHA-512, including the longest SHA-1 output "
                 "(255 * 20 octets). Botan's HKDF-Extract and HKDF-Expand vectors are the two "
                 "halves of these cases: prk is the Extract output, and HKDF-Expand(prk, info, l) "
                 "= okm is the Expand vector.")
    doc["cases"] = cases
    write("hkdf/botan_hkdf.json", doc)


def acvp_load(name):
    base = os.path.join(REF, "vectors/acvp-boringssl", name)
    prompts = json.load(open(base + ".vectors.json"))[1]
    answers = json.load(open(base + ".expected.json"))[1]
    ans = {}
    for g in answers["testGroups"]:
        for t in g["tests"]:
            ans[(g["tgId"], t["tcId"])] = t
    return prompts, ans


def acvp_source(name):
    return ("NIST ACVP sample vector set %s, prompts joined with BoringSSL's answers "
            "(/work/shared/reference/vectors/acvp-boringssl/%s.vectors.json + "
            "%s.expected.json; origin github:google/boringssl util/fipstools/acvp/"
            "acvptool/test/)" % (name, name, name))


def acvp_hkdf():
    prompts, ans = acvp_load("HKDF")
    cases = []
    for g in prompts["testGroups"]:
        cfg = g["kdfConfiguration"]
        if g["testType"] != "AFT" or cfg["fixedInfoPattern"] != "uPartyInfo||vPartyInfo" \
                or cfg["fixedInfoEncoding"] != "concatenation":
            continue
        h = ACVP_HASH[cfg["hmacAlg"]]
        for t in g["tests"]:
            a = ans.get((g["tgId"], t["tcId"]))
            if a is None or "dkm" not in a:
                continue
            # SP 800-56C r1 fixedInfo: uPartyInfo = partyId || ephemeralData
            info = ""
            for party in ("fixedInfoPartyU", "fixedInfoPartyV"):
                p = t[party]
                info += p["partyId"] + p.get("ephemeralData", "")
            kp = t["kdfParameter"]
            case = {"id": "tg%d/tc%d" % (g["tgId"], t["tcId"]), "hash": h,
                    "ikm": kp["z"].lower(), "salt": kp["salt"].lower(),
                    "info": info.lower(), "l": kp["l"] // 8, "okm": a["dkm"].lower()}
            verify_hkdf(case)
            cases.append(case)
    doc = header("hkdf", acvp_source("HKDF"),
                 "ACVP KDA HKDF (SP 800-56C r1) AFT cases with answers; ikm = Z, info = "
                 "fixedInfo = partyU(partyId||ephemeralData) || partyV(partyId||ephemeralData), "
                 "l in bytes. Hashes SHA-224 / SHA-512/256 are outside TLS but exercise "
                 "generic HKDF.")
    doc["cases"] = cases
    write("hkdf/acvp_hkdf.json", doc)


# ---------------------------------------------------------------------- PRF
def openssl_prf(fname, default_hash):
    txt = open(os.path.join(REF, "vectors/openssl", fname), encoding="ascii").read()
    cases, seen = [], set()
    for block in re.split(r"\n\s*\n", txt):
        lines = [l for l in block.split("\n") if l and not l.startswith("#")]
        kv = [tuple(x.strip() for x in l.split("=", 1)) for l in lines if "=" in l]
        d = dict(kv)
        if not any(k in ("KDF", "PKEYKDF") for k, _ in kv) or "Result" in d \
                or "Output" not in d:
            continue
        digest = d.get("Ctrl.digest", d.get("Ctrl.md", ""))
        h = {"digest:MD5-SHA1": "md5_sha1", "md:MD5-SHA1": "md5_sha1",
             "digest:SHA256": "sha256", "md:SHA256": "sha256"}.get(digest)
        if h is None:
            continue
        secret = label = None
        seed = ""
        for k, v in kv:
            if k.lower() == "ctrl.secret":
                secret = v.split(":", 1)[1]
            elif k == "Ctrl.label":
                label = v.split(":", 1)[1]
            elif v.startswith("hexseed:"):
                seed += v.split(":", 1)[1]  # seeds concatenate in order
        key = (h, secret, label, seed)
        if secret is None or label is None or key in seen:
            continue
        seen.add(key)
        case = {"id": "%s#%d" % (fname, len(cases) + 1), "hash": h,
                "secret": secret.lower(), "label": label, "seed": seed.lower(),
                "output": d["Output"].lower()}
        check_prf(case)
        cases.append(case)
    return cases


def botan_prf():
    txt = open(os.path.join(REF, "vectors/botan/kdf/tls_prf.vec"), encoding="ascii").read()
    out = {"md5_sha1": [], "tls12": []}
    sect, cur = None, {}
    names = {"TLS-PRF": "md5_sha1", "TLS-12-PRF(HMAC(SHA-224))": "sha224",
             "TLS-12-PRF(HMAC(SHA-256))": "sha256", "TLS-12-PRF(HMAC(SHA-384))": "sha384",
             "TLS-12-PRF(HMAC(SHA-512))": "sha512"}
    n = 0
    for line in txt.split("\n") + [""]:
        line = line.strip()
        if line.startswith("["):
            sect = names[line[1:-1]]
            continue
        m = re.match(r"^(\w+) =\s*(\S*)$", line)
        if m:
            cur[m.group(1)] = m.group(2)
            continue
        if cur and "Output" in cur:
            n += 1
            label = bytes.fromhex(cur.get("Label", "")).decode("ascii")
            case = {"id": "botan tls_prf.vec#%d" % n, "hash": sect,
                    "secret": cur["Secret"].lower(), "label": label,
                    "seed": cur["Salt"].lower(), "output": cur["Output"].lower()}
            check_prf(case)
            out["md5_sha1" if sect == "md5_sha1" else "tls12"].append(case)
            cur = {}
    return out


def kdf_components_prf():
    prompts, ans = acvp_load("kdf-components")
    out = {"md5_sha1": [], "tls12": []}
    for g in prompts["testGroups"]:
        h = "md5_sha1" if g["tlsVersion"] == "v1.0/1.1" else ACVP_HASH[g["hashAlg"]]
        for t in g["tests"]:
            a = ans[(g["tgId"], t["tcId"])]
            tid = "acvp kdf-components tg%d/tc%d" % (g["tgId"], t["tcId"])
            ms = {"id": tid + " master secret", "hash": h,
                  "secret": t["preMasterSecret"].lower(), "label": "master secret",
                  "seed": (t["clientHelloRandom"] + t["serverHelloRandom"]).lower(),
                  "output": a["masterSecret"].lower()}
            kb = {"id": tid + " key expansion", "hash": h,
                  "secret": a["masterSecret"].lower(), "label": "key expansion",
                  "seed": (t["serverRandom"] + t["clientRandom"]).lower(),
                  "output": a["keyBlock"].lower()}
            for c in (ms, kb):
                check_prf(c)
                out["md5_sha1" if h == "md5_sha1" else "tls12"].append(c)
    return out


def prf_files():
    b = botan_prf()
    k = kdf_components_prf()
    doc = header("prf",
                 "NIST CAVP TLS 1.0/1.1 PRF vectors via OpenSSL "
                 "(/work/shared/reference/vectors/openssl/evpkdf_tls11_prf.txt); Botan "
                 "(/work/shared/reference/vectors/botan/kdf/tls_prf.vec [TLS-PRF]); NIST ACVP "
                 "kdf-components v1.0/1.1 joined with BoringSSL's answers "
                 "(/work/shared/reference/vectors/acvp-boringssl/kdf-components.*.json)",
                 "TLS 1.0/1.1 PRF (RFC 2246 §5: P_MD5 XOR P_SHA-1 over the two secret "
                 "halves). output = PRF(secret, label, seed); the HMAC input is label || seed.")
    doc["cases"] = openssl_prf("evpkdf_tls11_prf.txt", "md5_sha1") + b["md5_sha1"] + \
        k["md5_sha1"]
    write("prf/tls10_prf.json", doc)
    doc = header("prf",
                 "NIST CAVP TLS 1.2 PRF vectors via OpenSSL "
                 "(/work/shared/reference/vectors/openssl/evpkdf_tls12_prf.txt); IETF TLS "
                 "mailing-list vectors via Botan (/work/shared/reference/vectors/botan/kdf/"
                 "tls_prf.vec [TLS-12-PRF(...)]); NIST ACVP kdf-components v1.2 joined with "
                 "BoringSSL's answers (/work/shared/reference/vectors/acvp-boringssl/"
                 "kdf-components.*.json)",
                 "TLS 1.2 PRF (RFC 5246 §5: P_hash with HMAC-SHA-224/256/384/512). "
                 "output = PRF(secret, label, seed); the HMAC input is label || seed.")
    doc["cases"] = openssl_prf("evpkdf_tls12_prf.txt", "sha256") + b["tls12"] + k["tls12"]
    write("prf/tls12_prf.json", doc)


# ------------------------------------------------------------- ACVP TLS KDFs
def acvp_tls12():
    prompts, ans = acvp_load("TLS12")
    cases = []
    for g in prompts["testGroups"]:
        h = ACVP_HASH[g["hashAlg"]]
        for t in g["tests"]:
            a = ans[(g["tgId"], t["tcId"])]
            c = {"id": "tg%d/tc%d" % (g["tgId"], t["tcId"]), "hash": h,
                 "extended_master_secret": True,
                 "pre_master_secret": t["preMasterSecret"].lower(),
                 "session_hash": t["sessionHash"].lower(),
                 "client_random": t["clientRandom"].lower(),
                 "server_random": t["serverRandom"].lower(),
                 "master_secret": a["masterSecret"].lower(),
                 "key_block": a["keyBlock"].lower()}
            verify_tls12_kdf(c)
            cases.append(c)
    doc = header("tls12_kdf", acvp_source("TLS12"),
                 "ACVP TLS-v1.2 KDF, revision RFC7627 (extended master secret): "
                 "master_secret = PRF(pre_master_secret, \"extended master secret\", "
                 "session_hash)[0..48]; key_block = PRF(master_secret, \"key expansion\", "
                 "server_random || client_random).")
    doc["cases"] = cases
    write("acvp/tls12_kdf.json", doc)

    prompts, ans = acvp_load("kdf-components")
    cases = []
    for g in prompts["testGroups"]:
        h = "md5_sha1" if g["tlsVersion"] == "v1.0/1.1" else ACVP_HASH[g["hashAlg"]]
        for t in g["tests"]:
            a = ans[(g["tgId"], t["tcId"])]
            c = {"id": "tg%d/tc%d" % (g["tgId"], t["tcId"]), "hash": h,
                 "extended_master_secret": False,
                 "pre_master_secret": t["preMasterSecret"].lower(),
                 "client_hello_random": t["clientHelloRandom"].lower(),
                 "server_hello_random": t["serverHelloRandom"].lower(),
                 "client_random": t["clientRandom"].lower(),
                 "server_random": t["serverRandom"].lower(),
                 "master_secret": a["masterSecret"].lower(),
                 "key_block": a["keyBlock"].lower()}
            verify_tls12_kdf(c)
            cases.append(c)
    doc = header("tls12_kdf", acvp_source("kdf-components"),
                 "ACVP kdf-components (mode tls), TLS 1.0/1.1 (md5_sha1 PRF) and TLS 1.2: "
                 "master_secret = PRF(pre_master_secret, \"master secret\", "
                 "client_hello_random || server_hello_random); key_block = "
                 "PRF(master_secret, \"key expansion\", server_random || client_random). "
                 "ACVP uses different randoms for the two steps.")
    doc["cases"] = cases
    write("acvp/kdf_components.json", doc)


def verify_tls12_kdf(c):
    h = c["hash"]
    pms = bytes.fromhex(c["pre_master_secret"])
    if c["extended_master_secret"]:
        ms = prf(h, pms, b"extended master secret", bytes.fromhex(c["session_hash"]), 48)
    else:
        ms = prf(h, pms, b"master secret",
                 bytes.fromhex(c["client_hello_random"] + c["server_hello_random"]), 48)
    if ms.hex() != c["master_secret"]:
        fail("TLS 1.2 master secret does not recompute: %s" % c["id"])
    kb = prf(h, ms, b"key expansion",
             bytes.fromhex(c["server_random"] + c["client_random"]), len(c["key_block"]) // 2)
    if kb.hex() != c["key_block"]:
        fail("TLS 1.2 key block does not recompute: %s" % c["id"])


def expand_label(h, secret, label, context, n):
    # RFC 8446 §7.1 HkdfLabel
    full = b"tls13 " + label
    info = n.to_bytes(2, "big") + bytes([len(full)]) + full + bytes([len(context)]) + context
    return hkdf_expand(h, secret, info, n)


def derive_secret(h, secret, label, messages):
    th = HASHES[h](messages).digest()
    return expand_label(h, secret, label, th, len(th))


def tls13_schedule(h, psk, dhe, chr_, shr, fsr, fcr):
    hl = len(HASHES[h]().digest())
    zero = bytes(hl)
    early = hkdf_extract(h, zero, psk if psk is not None else zero)
    out = {}
    out["client_early_traffic_secret"] = derive_secret(h, early, b"c e traffic", chr_)
    out["early_exporter_master_secret"] = derive_secret(h, early, b"e exp master", chr_)
    hs = hkdf_extract(h, derive_secret(h, early, b"derived", b""),
                      dhe if dhe is not None else zero)
    out["client_handshake_traffic_secret"] = derive_secret(h, hs, b"c hs traffic", chr_ + shr)
    out["server_handshake_traffic_secret"] = derive_secret(h, hs, b"s hs traffic", chr_ + shr)
    ms = hkdf_extract(h, derive_secret(h, hs, b"derived", b""), zero)
    out["client_application_traffic_secret_0"] = derive_secret(
        h, ms, b"c ap traffic", chr_ + shr + fsr)
    out["server_application_traffic_secret_0"] = derive_secret(
        h, ms, b"s ap traffic", chr_ + shr + fsr)
    out["exporter_master_secret"] = derive_secret(h, ms, b"exp master", chr_ + shr + fsr)
    out["resumption_master_secret"] = derive_secret(h, ms, b"res master",
                                                    chr_ + shr + fsr + fcr)
    return out


def acvp_tls13():
    prompts, ans = acvp_load("TLS13")
    names = {"clientEarlyTrafficSecret": "client_early_traffic_secret",
             "earlyExporterMasterSecret": "early_exporter_master_secret",
             "clientHandshakeTrafficSecret": "client_handshake_traffic_secret",
             "serverHandshakeTrafficSecret": "server_handshake_traffic_secret",
             "clientApplicationTrafficSecret": "client_application_traffic_secret_0",
             "serverApplicationTrafficSecret": "server_application_traffic_secret_0",
             "exporterMasterSecret": "exporter_master_secret",
             "resumptionMasterSecret": "resumption_master_secret"}
    cases = []
    for g in prompts["testGroups"]:
        h = ACVP_HASH[g["hmacAlg"]]
        for t in g["tests"]:
            a = ans[(g["tgId"], t["tcId"])]
            c = {"id": "tg%d/tc%d" % (g["tgId"], t["tcId"]), "hash": h,
                 "running_mode": g["runningMode"].lower().replace("-", "_")}
            if "psk" in t:
                c["psk"] = t["psk"].lower()
            if "dhe" in t:
                c["dhe"] = t["dhe"].lower()
            for k, out in (("helloClientRandom", "hello_client_random"),
                           ("helloServerRandom", "hello_server_random"),
                           ("finishedServerRandom", "finished_server_random"),
                           ("finishedClientRandom", "finished_client_random")):
                c[out] = t[k].lower()
            for k, out in names.items():
                c[out] = a[k].lower()
            got = tls13_schedule(
                h, bytes.fromhex(c["psk"]) if "psk" in c else None,
                bytes.fromhex(c["dhe"]) if "dhe" in c else None,
                bytes.fromhex(c["hello_client_random"]), bytes.fromhex(c["hello_server_random"]),
                bytes.fromhex(c["finished_server_random"]),
                bytes.fromhex(c["finished_client_random"]))
            for k, v in got.items():
                if v.hex() != c[k]:
                    fail("TLS 1.3 %s does not recompute: %s" % (k, c["id"]))
            cases.append(c)
    doc = header("tls13_kdf", acvp_source("TLS13"),
                 "ACVP TLS-v1.3 KDF (RFC 8446 §7.1). The 'transcripts' are the ACVP randoms: "
                 "client early secrets hash hello_client_random; handshake secrets hash "
                 "hello_client_random || hello_server_random; application and exporter "
                 "secrets add finished_server_random; resumption_master_secret adds "
                 "finished_client_random. psk absent = zeros (dhe mode), dhe absent = zeros "
                 "(psk mode).")
    doc["cases"] = cases
    write("acvp/tls13_kdf.json", doc)


if __name__ == "__main__":
    rfc5869()
    botan_hkdf()
    acvp_hkdf()
    prf_files()
    acvp_tls12()
    acvp_tls13()
