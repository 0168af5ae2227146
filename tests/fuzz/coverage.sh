#!/usr/bin/env bash
# tests/fuzz/coverage.sh [CORPORA_DIR] — a line-coverage report of include/tlswire/
# from the whole test suite plus every fuzz target run once over its corpus.
#
# Builds the tests and the libFuzzer targets with clang's source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping) in BUILD_DIR (default
# build-coverage), runs tlswire_tests, writes the seed corpora (the replay
# test's TLSWIRE_FUZZ_CORPUS) and runs each target with -runs=0 over its seeds
# and, when given, CORPORA_DIR/<target> (a campaign's or the smoke run's
# corpus, e.g. build-fuzz/fuzz-smoke/corpus), merges the profiles and prints
# `llvm-cov report` for the headers (per file, then the total). The HTML
# report goes to BUILD_DIR/coverage-html.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build-coverage}
corpora=${1:-}
flags="-fprofile-instr-generate -fcoverage-mapping"
targets=(handshake handshake_structured connection decrypt stream reassembly sslv2 keylog capture extension ech_config
         quic fingerprint schedule dtls dtls_reassembly dtls_connection)
profdata=$(command -v llvm-profdata || command -v llvm-profdata-14)
cov=$(command -v llvm-cov || command -v llvm-cov-14)

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 $flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" -DTLSWIRE_BUILD_FUZZERS=ON \
  -DTLSWIRE_BUILD_TOOL=OFF -DTLSWIRE_BUILD_EXAMPLES=OFF -DTLSWIRE_VERIFY_HEADERS=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target tlswire_tests "${targets[@]/#/fuzz_}"

profiles="$build/profiles"
rm -rf "$profiles" "$build/coverage-seeds"
mkdir -p "$profiles"
LLVM_PROFILE_FILE="$profiles/tests-%p.profraw" TLSWIRE_FUZZ_CORPUS="$build/coverage-seeds" \
  "$build/tests/tlswire_tests" >/dev/null
objects=()
for t in "${targets[@]}"; do
  dirs=("$build/coverage-seeds/$t")
  [ -n "$corpora" ] && [ -d "$corpora/$t" ] && dirs+=("$corpora/$t")
  LLVM_PROFILE_FILE="$profiles/$t-%p.profraw" "$build/tests/fuzz/fuzz_$t" -runs=0 "${dirs[@]}" >/dev/null 2>&1
  objects+=(-object "$build/tests/fuzz/fuzz_$t")
done
"$profdata" merge -sparse "$profiles"/*.profraw -o "$build/coverage.profdata"
"$cov" show -instr-profile="$build/coverage.profdata" "$build/tests/tlswire_tests" "${objects[@]}" \
  -format=html -output-dir="$build/coverage-html" "$PWD/include/tlswire" >/dev/null
"$cov" report -instr-profile="$build/coverage.profdata" "$build/tests/tlswire_tests" "${objects[@]}" \
  "$PWD/include/tlswire"
