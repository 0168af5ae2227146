#!/usr/bin/env bash
# tests/fuzz/smoke.sh — the CI smoke run of every libFuzzer target: build them
# (clang++, -fsanitize=fuzzer,address,undefined), write their seed corpora
# from vectors/ (the replay test's unmutated inputs, TLSWIRE_FUZZ_CORPUS), run
# each for a fixed time, and fail on any crash, leak, timeout or broken
# property (the harness aborts, libFuzzer keeps the input as an artifact).
#
# usage: tests/fuzz/smoke.sh [SECONDS]     (per target; default 20)
# Environment (optional):
#   TESTS_BIN  a built tlswire_tests (any compiler) to write the corpora with;
#              default: build it here with the fuzzers
#   BUILD_DIR  build directory (default: build-fuzz)
# Without clang++ or its fuzzer runtime (libclang-rt-14-dev) — and not root to
# install it — it says so and exits 0: the replay test still runs the same
# properties in every build.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-20}
build=${BUILD_DIR:-build-fuzz}

have_runtime() {
  command -v clang++ >/dev/null &&
    echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' |
      clang++ -x c++ -fsanitize=fuzzer -o /dev/null - 2>/dev/null
}
if ! have_runtime; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "fuzz smoke: installing clang and libclang-rt-14-dev"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev
  fi
  if ! have_runtime; then
    echo "fuzz smoke: skipped: clang++ with libFuzzer (libclang-rt-14-dev) is not available" >&2
    exit 0
  fi
fi

targets=(handshake handshake_structured connection decrypt stream reassembly sslv2 keylog capture extension ech_config quic fingerprint schedule dtls dtls_reassembly dtls_connection)
tests_target=()
[ -n "${TESTS_BIN:-}" ] || tests_target=(tlswire_tests)
# -O1 with line tables: fast enough to fuzz, and a crash's stack names lines.
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DTLSWIRE_BUILD_FUZZERS=ON \
  -DTLSWIRE_BUILD_TESTS="$([ -n "${TESTS_BIN:-}" ] && echo OFF || echo ON)" \
  -DTLSWIRE_BUILD_TOOL=OFF -DTLSWIRE_BUILD_EXAMPLES=OFF -DTLSWIRE_VERIFY_HEADERS=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target tlswire_fuzzers "${tests_target[@]}"
tests_bin=${TESTS_BIN:-$build/tests/tlswire_tests}

work="$build/fuzz-smoke"
rm -rf "$work"
mkdir -p "$work/seeds" "$work/artifacts"
TLSWIRE_FUZZ_CORPUS="$work/seeds" "$tests_bin" --test-case="fuzz replay*" >/dev/null

failed=()
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t"
  n=$(find "$work/seeds/$t" -type f | wc -l)
  # New inputs go to corpus/<t>; the seeds stay as they were written.
  if "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-" \
      "$work/corpus/$t" "$work/seeds/$t" >"$work/$t.log" 2>&1; then
    stats=$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' "$work/$t.log" |
              sed 's/^stat:://; s/: */=/' | tr '\n' ' ')
    echo "fuzz smoke: $t: ok ($n seeds, ${seconds}s; $stats)"
  else
    echo "fuzz smoke: $t: FAILED — see $work/$t.log; inputs in $work/artifacts/" >&2
    tail -n 40 "$work/$t.log" >&2
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz smoke: failed: ${failed[*]}" >&2
  exit 1
fi
