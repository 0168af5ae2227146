#!/usr/bin/env python3
"""Print the TLSWIRE_EXTENSION_TYPE_LIST X-macro body from the IANA
"TLS ExtensionType Values" CSV (vectors/iana/tls-extensiontype-values-1.csv).
Paste the output into include/tlswire/registry/extension_type.hpp and review.
Identifier = IANA name lowercased, " (renamed from ...)" dropped,
" (deprecated)" -> "_deprecated". Reserved/Unassigned/private rows skipped."""
import csv, re, sys
BITS = {"CH": "ch", "SH": "sh", "HRR": "hrr", "EE": "ee", "CT": "ct", "CR": "cr", "NST": "nst"}
path = sys.argv[1] if len(sys.argv) > 1 else "vectors/iana/tls-extensiontype-values-1.csv"
for r in csv.DictReader(open(path, newline="")):
    v, name = r["Value"], r["Extension Name"].strip()
    if "-" in v or name.startswith("Reserved") or name.startswith("Unassigned"):
        continue
    name = re.sub(r' \(renamed from "[^"]*"\)', "", name)
    ident = name.lower().replace(" (deprecated)", "_deprecated")
    ctx = [c.strip() for c in r["TLS 1.3"].split(",") if c.strip() not in ("", "-")]
    mask = " | ".join(BITS[c] for c in ctx) or "0"
    dtls = "true" if r["DTLS-Only"] == "Y" else "false"
    rec = r["Recommended"] or "_"
    print(f'    X({ident}, 0x{int(v):04x}, "{name}", {mask}, {dtls}, {rec}) \\')
