#!/usr/bin/env bash
# tools/compile_time.sh — what including <tlswire/tlswire.hpp> costs at compile time.
#
# Compiles two translation units N times each, with g++ and with clang++
# (`-std=c++20 -O2 -fsyntax-only`):
#   std.cpp     only the standard headers that tlswire's own headers include
#               (the <...> includes of every tlswire header the other TU opens)
#   tlswire.cpp #include <tlswire/tlswire.hpp>
# and prints the median wall-clock seconds of each and their difference. The
# target (issue 9) is a difference of at most 1 s.
#
# Usage: tools/compile_time.sh [N] [header]      (default N=7, header tlswire/tlswire.hpp)
# Environment: COMPILERS="g++ clang++" (any subset), CXXFLAGS_EXTRA, TASKSET="taskset -c 0"
#   (to pin the compiler to a core; unset by default), TLSWIRE_ROOT=/path/to/checkout (measure
#   another checkout's include/, e.g. the one before a change; default: this one).
# Per-header costs: tools/compile_time.sh 5 tlswire/extensions/dispatch.hpp, etc.
set -euo pipefail
root=${TLSWIRE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
n=${1:-7}
header=${2:-tlswire/tlswire.hpp}
compilers=${COMPILERS:-g++ clang++}
flags=(-std=c++20 -O2 -fsyntax-only -I"$root/include" ${CXXFLAGS_EXTRA:-})
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '#include <%s>\n' "$header" >"$tmp/tlswire.cpp"

# The standard headers tlswire includes: the <...> includes written in every
# tlswire header this TU opens (g++ -H lists them).
first=${compilers%% *}
"$first" "${flags[@]}" -H "$tmp/tlswire.cpp" 2>&1 >/dev/null |
  awk -v inc="$root/include/tlswire/" '/^\.+ / && index($2, inc) == 1 {print $2}' | sort -u |
  xargs grep -hoE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<[^>]+>' |
  sed -E 's/.*<([^>]+)>.*/\1/' | grep -v '^tlswire/' | sort -u >"$tmp/std.txt"
sed 's/.*/#include <&>/' "$tmp/std.txt" >"$tmp/std.cpp"

median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# time_one CXX FILE — wall seconds of one compile (fails loudly on an error).
time_one() {
  local start end
  start=$(date +%s.%N)
  ${TASKSET:-} "$1" "${flags[@]}" "$2" -o /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f\n", e - s}'
}

echo "header:        <$header>"
echo "std headers:   $(tr '\n' ' ' <"$tmp/std.txt")"
echo "flags:         ${flags[*]}"
echo "runs:          $n each, interleaved; median wall seconds"
printf '%-10s %10s %10s %10s\n' compiler std tlswire difference
for cxx in $compilers; do
  command -v "$cxx" >/dev/null || { echo "$cxx: not found, skipped"; continue; }
  : >"$tmp/a" && : >"$tmp/b"
  time_one "$cxx" "$tmp/std.cpp" >/dev/null  # warm the file cache
  for ((i = 0; i < n; i++)); do
    time_one "$cxx" "$tmp/std.cpp" >>"$tmp/a"
    time_one "$cxx" "$tmp/tlswire.cpp" >>"$tmp/b"
  done
  a=$(median <"$tmp/a")
  b=$(median <"$tmp/b")
  printf '%-10s %10.3f %10.3f %10.3f\n' "$cxx" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print b - a}')"
done
