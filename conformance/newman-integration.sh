#!/usr/bin/env bash
# Runs Newman's own integration suite (test/integration of a newman checkout, not kept in this
# repository) with real Newman 6.2.2 and with pmrun against loopback servers (pmecho for
# postman-echo.com, newman's npm/server.js for its raw echo and redirect servers) and prints,
# per collection, SAME or DIFFER with a diff of the normalised outcomes, then "N of M match".
#
#   conformance/newman-integration.sh NEWMAN_CHECKOUT [--keep DIR] [--only a,b]
#
# Needs node, a built bin/pmrun (make build), Newman 6.2.2 and pmecho in $CONFORMANCE_TOOLS
# (default ~/.cache/pmrun-conformance; `make conformance-record` installs them).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
checkout="${1:?usage: newman-integration.sh NEWMAN_CHECKOUT [--keep DIR] [--only a,b]}"; shift
keep=""; only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "newman-integration.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
shared="${PMRUN_SHARED_CONFORMANCE:-$here/../../shared/conformance}"
tools="${CONFORMANCE_TOOLS:-$HOME/.cache/pmrun-conformance}"
exec node "$here/newman-integration.js" "$(cd "$checkout" && pwd)" "$here/../bin/pmrun" "$shared" "$tools" "$keep" "$only"
