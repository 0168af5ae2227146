#!/usr/bin/env bash
# benchmarks/fuzz_speed.sh — libFuzzer executions per second of a tlswire fuzz
# target (default: tests/fuzz/fuzz_handshake), built as the project builds its
# fuzzers (clang++, -fsanitize=fuzzer,address,undefined; TLSWIRE_BUILD_FUZZERS),
# run for a fixed time pinned to one core, on a fixed seed corpus and libFuzzer
# seed, so that it can be re-run after the engine changes and compared.
#
#   benchmarks/fuzz_speed.sh                  # 60 s on core 0, seeded corpus
#   FUZZ_SECONDS=20 FUZZ_CORPUS=empty benchmarks/fuzz_speed.sh
#
# Environment (all optional):
#   FUZZ_BUILD_DIR   build directory (default: /tmp/tlswire-fuzz-speed)
#   FUZZ_BUILD_TYPE  CMake build type (default: RelWithDebInfo, i.e. -O2 -g)
#   FUZZ_TARGET      handshake (default), connection, reassembly or sslv2
#   FUZZ_SECONDS     how long libFuzzer runs (default: 60)
#   FUZZ_CPU         core to pin to with taskset (default: 0; "none" = no pinning)
#   FUZZ_CORPUS      seeded (default): the benchmark inputs as seeds (below); empty
#   FUZZ_MAX_LEN     -max_len (default: 4096)
#   FUZZ_SEED        libFuzzer's -seed (default: 1)
#
# The seeded corpus (handshake target): every hello of vectors/bench/ and
# RFC 8448 §3's ClientHello/ServerHello, the TLS 1.2 server flight of
# vectors/captures/tls12_ecdhe_rsa.json and RFC 8448 §3's server messages,
# each prefixed with the context-selector byte of tests/fuzz/harness.hpp that
# parses it (0: no version; 5: TLS 1.3; 11: TLS 1.3 + TLS_AES_128_GCM_SHA256;
# 22: TLS 1.2 + TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). Other targets start
# from an empty corpus. libFuzzer works on a copy, so every run starts equal.
#
# Prints libFuzzer's final stats and one line: "exec/s: N (...; M per CPU second ...)".
set -euo pipefail
cd "$(dirname "$0")/.."

build=${FUZZ_BUILD_DIR:-/tmp/tlswire-fuzz-speed}
target=${FUZZ_TARGET:-handshake}
seconds=${FUZZ_SECONDS:-60}
cpu=${FUZZ_CPU:-0}
corpus_kind=${FUZZ_CORPUS:-seeded}
max_len=${FUZZ_MAX_LEN:-4096}
seed=${FUZZ_SEED:-1}

if ! command -v clang++ >/dev/null; then
  echo "tlswire: fuzz_speed.sh needs clang++ and libFuzzer (Debian: clang libclang-rt-14-dev)" >&2
  exit 1
fi

mkdir -p "$build"
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE="${FUZZ_BUILD_TYPE:-RelWithDebInfo}" \
  -DTLSWIRE_BUILD_FUZZERS=ON -DTLSWIRE_BUILD_TESTS=OFF -DTLSWIRE_BUILD_EXAMPLES=OFF -DTLSWIRE_BUILD_TOOL=OFF \
  -DTLSWIRE_VERIFY_HEADERS=OFF >"$build/configure.log" 2>&1 || { cat "$build/configure.log" >&2; exit 1; }
cmake --build "$build" --target "fuzz_$target" -j "$(nproc 2>/dev/null || echo 2)"
binary=$build/tests/fuzz/fuzz_$target

seeds=$build/seeds-$target
work=$build/corpus-$target
rm -rf "$seeds" "$work"
mkdir -p "$seeds" "$work"
if [ "$corpus_kind" = seeded ] && [ "$target" = handshake ]; then
  python3 - "$seeds" <<'EOF'
import glob, json, os, sys
out = sys.argv[1]
seeds = []
for path in sorted(glob.glob("vectors/bench/*.msg.hex")):
    msg = bytes.fromhex(open(path).read().strip())
    seeds.append((os.path.basename(path)[:-8], 5 if msg[0] == 2 else 0, msg))
trace = json.load(open("vectors/rfc8448/simple_1rtt.json"))
for m in trace["messages"]:
    if m["name"] in ("client_hello", "server_hello"):
        seeds.append(("rfc8448_" + m["name"], 0 if m["name"] == "client_hello" else 5, bytes.fromhex(m["hex"])))
    elif m["dir"] == "s2c" and m["name"] != "new_session_ticket":
        seeds.append(("rfc8448_" + m["name"], 11, bytes.fromhex(m["hex"])))
s2c = bytes.fromhex(json.load(open("vectors/captures/tls12_ecdhe_rsa.json"))["connections"][0]["s2c"])
at = 0
while at + 5 <= len(s2c) and s2c[at] == 22:
    n = s2c[at + 3] << 8 | s2c[at + 4]
    frag, i = s2c[at + 5:at + 5 + n], 0
    while i + 4 <= len(frag):
        length = 4 + (frag[i + 1] << 16 | frag[i + 2] << 8 | frag[i + 3])
        seeds.append((f"tls12_ecdhe_rsa_{frag[i]}", 22, frag[i:i + length]))
        i += length
    at += 5 + n
    if frag[:1] == b"\x0e":  # server_hello_done ends the flight
        break
for i, (name, selector, data) in enumerate(seeds):
    with open(os.path.join(out, f"{i:02d}_{name}"), "wb") as f:
        f.write(bytes([selector]) + data)
print(f"tlswire: {len(seeds)} seed inputs")
EOF
  cp "$seeds"/* "$work"/
elif [ "$corpus_kind" != empty ] && [ "$corpus_kind" != seeded ]; then
  echo "tlswire: FUZZ_CORPUS must be seeded or empty" >&2
  exit 2
fi

pin=()
if [ "$cpu" != none ]; then
  if command -v taskset >/dev/null && taskset -c "$cpu" true 2>/dev/null; then
    pin=(taskset -c "$cpu")
  else
    echo "tlswire: taskset -c $cpu does not work here; running unpinned" >&2
    cpu=none
  fi
fi

log=$build/fuzz-$target.log
echo "tlswire: $binary for ${seconds}s on CPU $cpu, corpus $corpus_kind, -max_len=$max_len -seed=$seed (log: $log)"
# bash's `time` also gives the fuzzer's CPU time (user + sys): on a shared
# machine executions per CPU second move less than libFuzzer's wall-clock exec/s.
TIMEFORMAT='%U %S'
{ time "${pin[@]}" "$binary" -max_total_time="$seconds" -max_len="$max_len" -seed="$seed" -print_final_stats=1 \
  "$work" >"$log" 2>&1; } 2>"$build/time-$target.txt" ||
  { tail -n 30 "$log" >&2; echo "tlswire: the fuzzer failed (see $log)" >&2; exit 1; }
grep -E "^#[0-9]+.*(DONE|pulse|NEW|REDUCE)" "$log" | tail -n 1
grep -E "^stat::" "$log"
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
read -r user sys <"$build/time-$target.txt"
per_cpu=$(python3 -c "import sys; print(round(int(sys.argv[1]) / (float(sys.argv[2]) + float(sys.argv[3]))))" "$execs" "$user" "$sys")
echo "exec/s: $rate ($execs executions in ${seconds} s; $per_cpu per CPU second, ${user}s user + ${sys}s sys;" \
  "fuzz_$target, $(clang++ --version | head -n 1))"
