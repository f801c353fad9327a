#!/usr/bin/env bash
# Runs the Newman conformance suite: the public cases in ../shared/conformance plus the
# project's own cases in conformance/cases (each recorded with real Newman 6.2.2 into
# conformance/expected). The shared harness is read-only, so both sets are laid out in a
# temporary copy of it and run together.
#
#   conform.sh compare 'RUNNER TEMPLATE' [--only A,B] [--skip A,B] [--keep DIR]
#   conform.sh oracle [--only A,B]      # record the project's cases with real Newman
#
# PMRUN_SHARED_CONFORMANCE overrides where the shared harness is (default ../shared/conformance
# beside the checkout).
set -euo pipefail
shopt -s nullglob
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="${PMRUN_SHARED_CONFORMANCE:-$here/../../shared/conformance}"
if [ ! -f "$shared/lib/run-cases.js" ]; then
  echo "conform.sh: no shared conformance harness at $shared" >&2
  exit 2
fi
mode="${1:-}"; shift || true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$shared/lib" "$shared/normalise.js" "$shared/echo" "$work/"
mkdir -p "$work/cases" "$work/expected"
chmod -R u+w "$work"
case "$mode" in
  compare)
    cp "$shared"/cases/* "$work/cases/"
    cp "$shared"/expected/* "$work/expected/"
    for f in "$here"/cases/*; do
      if [ -e "$work/cases/$(basename "$f")" ]; then
        echo "conform.sh: case file $(basename "$f") exists in the shared suite too" >&2
        exit 2
      fi
      cp "$f" "$work/cases/"
    done
    for f in "$here"/expected/*.json; do cp "$f" "$work/expected/"; done
    chmod -R u+w "$work"
    node "$work/lib/run-cases.js" compare "$@"
    ;;
  oracle)
    for f in "$here"/cases/*; do cp "$f" "$work/cases/"; done
    tools="${CONFORMANCE_TOOLS:-$HOME/.cache/pmrun-conformance}"
    if [ ! -x "$tools/node_modules/.bin/newman" ]; then
      echo "installing newman 6.2.2 into $tools" >&2
      npm install --prefix "$tools" newman@6.2.2 >&2
    fi
    node "$work/lib/run-cases.js" oracle "$@"
    for f in "$work"/expected/*.json; do cp "$f" "$here/expected/"; done
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
