#!/usr/bin/env python3
"""Print the tables of one tlswire_bench run from its Google Benchmark JSON.

    benchmarks/table.py [--time cpu|real] [build-bench/bench.json]
    benchmarks/table.py [--time cpu|real] --merge-into OUT.json RUN1.json RUN2.json ...

--merge-into first merges the JSON files of several processes of one run
(benchmarks/run starts BENCH_RUNS of them) into OUT.json: the first file's
context, every file's rows (each marked with "tlswire_run": its number); then
it prints the tables of OUT.json.

Every cell is the median over the run's repetitions of one benchmark (the
repetitions' own rows are read; Google Benchmark's aggregates are not needed,
so a run with one repetition works too). Every ratio is taken between two such
medians of the same run, for the same bytes: compare ratios, not nanoseconds,
and preferably within one run (the machine is shared; see README.md).

--stat min takes the fastest repetition instead of the median. --time cpu
(default) uses each repetition's CPU time, which time-sharing of
the pinned core by another process does not inflate; --time real uses wall
time. Benchmark names are described in benchmarks/README.md. Standard library
only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict

UNITS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load(path: str, which: str, stat: str = "median"):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    times: dict[str, list[float]] = defaultdict(list)
    counters: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    errors: dict[str, str] = {}
    labels: dict[str, str] = {}
    for b in doc.get("benchmarks", []):
        if b.get("run_type", "iteration") != "iteration":
            continue
        name = b.get("run_name", b["name"])
        if b.get("error_occurred"):
            errors[name] = b.get("error_message", "error")
            continue
        t = b["cpu_time" if which == "cpu" else "real_time"] * UNITS[b.get("time_unit", "ns")]
        times[name].append(t)
        for key in ("allocs_per_iter", "bytes"):
            if key in b:
                counters[name][key].append(float(b[key]))
        if b.get("label"):
            labels[name] = b["label"]
    pick = min if stat == "min" else statistics.median
    med = {n: pick(v) for n, v in times.items()}
    cnt = {n: {k: statistics.median(v) for k, v in c.items()} for n, c in counters.items()}
    reps = max((len(v) for v in times.values()), default=0)
    # Noise: for each benchmark, its slower quartile over its faster one.
    spread = {n: (lambda q: q[2] / q[0])(statistics.quantiles(v, n=4)) for n, v in times.items() if len(v) >= 4}
    return doc.get("context", {}), med, cnt, errors, labels, reps, spread


def merge(parts: list[str], out: str) -> None:
    merged: dict = {"context": {}, "benchmarks": []}
    for i, path in enumerate(parts, 1):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if i == 1:
            merged["context"] = dict(doc.get("context", {}))
        for b in doc.get("benchmarks", []):
            merged["benchmarks"].append(dict(b, tlswire_run=i))
    merged["context"]["tlswire_runs"] = str(len(parts))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(merged, f, indent=1)
        f.write("\n")


def fmt_ns(v: float | None) -> str:
    if v is None:
        return "n/a"
    if v >= 10000:
        return f"{v:,.0f}"
    if v >= 100:
        return f"{v:.0f}"
    return f"{v:.1f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "n/a"
    r = a / b
    return f"{r:.2f}x" if r < 10 else f"{r:.1f}x"


def fmt_allocs(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v:.0f}" if abs(v - round(v)) < 0.005 else f"{v:.2f}"


def table(headers: list[str], rows: list[list[str]], left: int = 1) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    def line(cells):
        return "  ".join(c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("json", nargs="*", default=["build-bench/bench.json"])
    ap.add_argument("--time", choices=("cpu", "real"), default="cpu")
    ap.add_argument("--stat", choices=("median", "min"), default="median",
                    help="per benchmark: the median (default) or the fastest of its repetitions")
    ap.add_argument("--merge-into", metavar="OUT", help="merge the JSON files into OUT, then print OUT's tables")
    args = ap.parse_args()
    if args.merge_into:
        merge(args.json, args.merge_into)
        args.json = args.merge_into
    elif len(args.json) != 1:
        ap.error("one JSON file (or --merge-into OUT with several)")
    else:
        args.json = args.json[0]
    ctx, med, cnt, errors, labels, reps, spread = load(args.json, args.time, args.stat)
    if not med and not errors:
        print(f"{args.json}: no benchmark results", file=sys.stderr)
        return 1

    def t(name):
        return med.get(name)

    def c(name, key):
        return cnt.get(name, {}).get(key)

    runs = ctx.get("tlswire_runs", "1")
    what = "median" if args.stat == "median" else "fastest"
    print(f"tlswire_bench: {what} of {reps} repetition(s) ({runs} process(es)), {args.time} time, ns per operation; "
          f"ratios between these of this run ({args.json})")
    facts = [ctx.get("date", "?"), ctx.get("host_name", "?"), ctx.get("cpu_model", "?"),
             f"{ctx.get('num_cpus', '?')} CPUs", f"pinned to CPU {ctx.get('pinned_cpu', '?')}",
             ctx.get("compiler", ""), ctx.get("botan", ""), ctx.get("openssl", "")]
    print("; ".join(f.strip() for f in facts if f.strip()))
    issues: list[str] = []

    # ---- hellos -----------------------------------------------------------------
    inputs = sorted({n.split("/")[1] for n in list(med) + list(errors) if n.startswith("hello/")})
    rows = []
    for name in inputs:
        for form in ("msg", "rec"):
            base = f"hello/{name}/{form}/"
            parse, typed, loop, botan, enc, ja4 = (t(base + k) for k in ("parse", "parse_typed", "byteloop", "botan",
                                                                       "encode", "parse_ja4"))
            if parse is None and botan is None:
                continue
            size = c(base + "parse", "bytes") or c(base + "byteloop", "bytes") or c(base + "botan", "bytes")
            allocs = "/".join(fmt_allocs(c(base + k, "allocs_per_iter")) for k in ("parse", "parse_typed", "botan"))
            rows.append([name, form, f"{size:.0f}" if size else "?", fmt_ns(loop), fmt_ns(botan), fmt_ns(parse),
                         fmt_ns(typed), fmt_ratio(botan, parse), fmt_ratio(typed, parse), fmt_ratio(parse, loop),
                         fmt_ns(enc), fmt_ns(ja4), fmt_ratio(ja4, parse), allocs])
            for k in ("parse", "parse_typed", "encode", "parse_ja4"):
                a = c(base + k, "allocs_per_iter")
                if a:
                    issues.append(f"{base + k} allocates ({a:g} per iteration)")
    if rows:
        print("\nHello messages: parse = strict parse_handshake + walk over every suite and extension; "
              "typed = parse + get<T>() of 5 extensions; +ja4 = strict parse_handshake + JA4 (ClientHellos)")
        print(table(["input", "form", "bytes", "byte-loop", "Botan", "parse", "typed", "Botan/parse", "typed/parse",
                     "parse/loop", "encode", "+ja4", "ja4/parse", "allocs parse/typed/Botan"], rows, left=2))
        for n, e in sorted(errors.items()):
            if n.startswith("hello/"):
                print(f"  {n}: {e}")

    # ---- flights ------------------------------------------------------------------
    flights = sorted({n.split("/")[1] for n in med if n.startswith("flight/")})
    rows = []
    for f in flights:
        parse, loop = t(f"flight/{f}/parse"), t(f"flight/{f}/byteloop")
        size = c(f"flight/{f}/parse", "bytes")
        mbps = size / parse * 1e3 if parse and size else None
        a = c(f"flight/{f}/parse", "allocs_per_iter")
        if a:
            issues.append(f"flight/{f}/parse allocates ({a:g} per iteration)")
        rows.append([f, f"{size:.0f}" if size else "?", fmt_ns(loop), fmt_ns(parse),
                     f"{mbps:.0f}" if mbps else "n/a", fmt_ratio(parse, loop), fmt_allocs(a)])
    if rows:
        print("\nServer flights: every message parsed with the hellos' context (+ record layer for TLS 1.2), then walked")
        print(table(["flight", "bytes", "byte-loop", "parse", "MB/s", "parse/loop", "allocs"], rows))

    # ---- serialize ------------------------------------------------------------------
    rows = []
    for n in sorted(x for x in med if x.startswith("serialize/")):
        size = c(n, "bytes")
        rows.append([n[len("serialize/"):], f"{size:.0f}" if size else "?", fmt_ns(t(n)),
                     f"{size / t(n) * 1e3:.0f}" if size and t(n) else "n/a", fmt_allocs(c(n, "allocs_per_iter"))])
    if rows:
        print("\nSerialize (serialize_handshake into an existing buffer; the hellos: 'encode' above)")
        print(table(["message", "bytes", "ns", "MB/s", "allocs"], rows))

    # ---- connection decoder ----------------------------------------------------------------
    rows = []
    for n in sorted((x for x in med if x.startswith("decoder/")), key=lambda x: (x == "decoder/all", x)):
        size = c(n, "bytes")
        rows.append([n[len("decoder/"):], labels.get(n, ""), f"{size:.0f}" if size else "?", fmt_ns(t(n)),
                     f"{size / t(n) * 1e3:.0f}" if size and t(n) else "n/a", fmt_allocs(c(n, "allocs_per_iter"))])
    if rows:
        print("\nConnection decoder over captured handshakes (vectors/captures, both directions)")
        print(table(["capture", "connections", "bytes", "ns", "MB/s", "allocs"], rows, left=2))

    # ---- key schedule -------------------------------------------------------------------
    order = ["tls12_master_secret", "tls12_key_block", "tls12_client_finished", "tls12_server_finished",
             "tls13_schedule"]
    pieces = sorted({n.split("/")[1] for n in med if n.startswith("kdf/")},
                    key=lambda p: (order.index(p) if p in order else len(order), p))
    rows = []
    worst = None
    for p in pieces:
        ref, ossl, evp = (t(f"kdf/{p}/{k}") for k in ("reference", "openssl", "evp_kdf"))
        if ossl is not None and evp:
            worst = max(worst or 0, ossl / evp)
        rows.append([p, fmt_ns(ref), fmt_ns(ossl), fmt_ns(evp), fmt_ratio(ossl, evp), fmt_ratio(ref, evp)])
    if rows:
        print("\nKey schedule (SHA-256): tlswire over its reference hashes and over OpenSSL, and OpenSSL's EVP_KDF directly")
        print(table(["piece", "tlswire-reference", "tlswire-openssl", "EVP_KDF", "openssl/EVP", "reference/EVP"], rows))

    # ---- targets (issue 9) --------------------------------------------------------------------
    def ratios(op_a, op_b):
        out = []
        for name in inputs:
            for form in ("msg", "rec"):
                a, b = t(f"hello/{name}/{form}/{op_a}"), t(f"hello/{name}/{form}/{op_b}")
                if a and b:
                    out.append((a / b, f"{name}/{form}"))
        return out
    if spread:
        values = sorted(spread.values())
        noisy = sum(1 for v in values if v > 1.25)
        print(f"\nNoise: repetitions' slower quartile / faster quartile, median over benchmarks {statistics.median(values):.2f}x; "
              f"{noisy} of {len(values)} benchmarks above 1.25x" +
              (" (erratic: re-run when the machine is quieter)" if noisy > len(values) // 10 else ""))
    print("\nTargets:")
    vs_botan = ratios("botan", "parse")
    if vs_botan:
        lo = min(vs_botan)
        print(f"  parse >= 5x faster than Botan 2:  lowest Botan/parse {lo[0]:.2f}x ({lo[1]})  "
              f"{'met' if lo[0] >= 5 else 'missed'}")
    typed_cost = ratios("parse_typed", "parse")
    if typed_cost:
        hi = max(typed_cost)
        print(f"  parse + typed <= 1.5x parse:      highest typed/parse {hi[0]:.2f}x ({hi[1]})  "
              f"{'met' if hi[0] <= 1.5 else 'missed'}")
    if worst is not None:
        print(f"  OpenSSL backend within 1.2x EVP:  highest openssl/EVP {worst:.2f}x  {'met' if worst <= 1.2 else 'missed'}")
    print(f"  zero allocations on tlswire parse paths: {'met' if not issues else 'missed'}")
    for i in issues:
        print(f"    {i}")
    for n, e in sorted(errors.items()):
        if not n.startswith("hello/"):
            print(f"  error: {n}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
