#!/usr/bin/env bash
# Start time and idle memory of `privacyregister serve` beside a bare
# net/http server on the same SQLite database (scripts/healthz-baseline).
#
#   bash scripts/startup.sh [RUNS]
#
# Builds both (CGO_ENABLED=0, as released) and runs scripts/startup RUNS
# times (default 5): serve on a fresh data directory ("first": creates and
# migrates the schema), serve again on that database ("serve": an ordinary
# start), and the baseline on it ("bare"). Prints the medians of the time
# from exec to the first 200 on GET /healthz and of VmRSS after 3 s idle,
# and the ratios serve/bare. Linux only (/proc).
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
CGO_ENABLED=0 go build -o "$work/privacyregister" ./cmd/privacyregister
CGO_ENABLED=0 go build -o "$work/bare" ./scripts/healthz-baseline
go run ./scripts/startup --privacyregister "$work/privacyregister" --bare "$work/bare" --runs "$runs"
