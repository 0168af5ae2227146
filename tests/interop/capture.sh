#!/bin/sh
# Captures real TLS handshakes between OpenSSL / GnuTLS peers on 127.0.0.1.
#   capture.sh --list                 scenario names, one a line
#   capture.sh <scenario> <outdir>    writes <outdir>/<scenario>.json
#   capture.sh all <outdir>           every scenario
# Exit status: 0 ok, 1 failure, 2 usage, 77 skipped (a peer or `unshare -n`
# is missing). The work is done by capture.py next to this file; see
# vectors/captures/README.md for the JSON it writes.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "capture.sh: python3 not found" >&2; exit 77; }
if [ "${1:-}" != "--list" ]; then
    command -v openssl >/dev/null 2>&1 || { echo "capture.sh: openssl not found" >&2; exit 77; }
    command -v timeout >/dev/null 2>&1 || { echo "capture.sh: timeout not found" >&2; exit 77; }
    case "${1:-}" in
        gnutls_*|*_gnutls_*)
            command -v gnutls-cli >/dev/null 2>&1 && command -v gnutls-serv >/dev/null 2>&1 ||
                { echo "capture.sh: gnutls-bin (gnutls-cli, gnutls-serv) not found" >&2; exit 77; } ;;
    esac
fi
exec python3 "$here/capture.py" "$@"
