#!/usr/bin/env bash
# tests/run_all.sh — install what is missing, configure, build and run every tlswire test.
#
# Environment (all optional):
#   CXX          compiler to use (default: the system's c++)
#   BUILD_DIR    build directory (default: build)
#   BUILD_TYPE   CMake build type (default: Debug)
#   CMAKE_ARGS   extra arguments for the CMake configure step
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: doctest and nlohmann/json (tests only), OpenSSL
# (the optional backend and a real peer), GnuTLS tools (a second real peer),
# Python 3 (the capture relay of the interop tests).
packages=(doctest-dev nlohmann-json3-dev libssl-dev openssl gnutls-bin python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "tlswire: installing missing packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "tlswire: the tests need these Debian packages, which are missing: ${missing[*]}" >&2
    echo "tlswire: install them as root with: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

build=${BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)
# shellcheck disable=SC2086  # CMAKE_ARGS is a list of arguments on purpose
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Debug}" -DTLSWIRE_BUILD_TESTS=ON ${CMAKE_ARGS:-}
targets=(all)
case " ${CMAKE_ARGS:-} " in
  *" -DTLSWIRE_VERIFY_HEADERS=OFF "*) ;;
  *) targets+=(all_verify_interface_header_sets) ;;
esac
cmake --build "$build" -j "$jobs" --target "${targets[@]}"
ctest --test-dir "$build" --output-on-failure -j "$jobs"
