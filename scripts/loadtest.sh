#!/usr/bin/env bash
# Runs the load command against the real binary on a fresh database:
#   scripts/loadtest.sh sqlite|postgres [CLIENTS] [DURATION] [SCALE]
# It builds privacyregister, starts `serve --demo` on a free loopback port
# (SQLite in a temporary directory, or a new PostgreSQL database on
# 127.0.0.1:5432 for "postgres"), adds SCALE generated activities (default
# 0), a privacy officer with a known password and an API token, drives it
# with CLIENTS concurrent clients (default 50) for DURATION (default 30s),
# then checks the audit trail and prints the server's peak memory.
set -euo pipefail
engine=${1:-sqlite}; clients=${2:-50}; duration=${3:-30s}; scale=${4:-0}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
bin=$work/privacyregister
CGO_ENABLED=0 go build -o "$bin" ./cmd/privacyregister

dbflags=(--data "$work/data")
if [ "$engine" = postgres ]; then
  name=prload_$$
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $name"
  dbflags+=(--db "postgres://postgres@127.0.0.1:5432/$name?sslmode=disable")
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --demo --addr "127.0.0.1:$port" "${dbflags[@]}" >"$work/serve.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ "$engine" = postgres ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"; fi
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

[ "$scale" -gt 0 ] && "$bin" demo --org demo --scale "$scale" "${dbflags[@]}" >/dev/null
export PRIVACYREGISTER_PASSWORD="belasting-$$-wachtwoord"
echo "$PRIVACYREGISTER_PASSWORD" | "$bin" user add --org demo --email load@demo.example --role privacyofficer --password-stdin "${dbflags[@]}" >/dev/null
token=$("$bin" token create --org demo --user load@demo.example "${dbflags[@]}")

echo "== $engine: $clients clients, $duration"
status=0
"$bin" loadtest --url "http://127.0.0.1:$port" --org demo --token "$token" --email load@demo.example \
  --clients "$clients" --duration "$duration" || status=$?
"$bin" audit verify --org demo "${dbflags[@]}" | head -1 || status=1
grep -E '^Vm(HWM|RSS)' "/proc/$pid/status" | tr -s ' \t' ' ' | sed 's/^/server /'
exit $status
