#!/bin/sh
# import-memory.sh: time and peak memory (maximum resident set size) of the
# command-line import of a register of N generated activities from XLSX,
# into an empty organisation and again over the same activities (every row
# an update). Issue 11: 100,000 rows once took 2.0 GB; the target is under
# 300 MB. Builds the binary, generates the register with `demo --scale`,
# exports it with `export register`, and imports it with
# `import register` under /usr/bin/time. SQLite in a temporary directory,
# or PostgreSQL when DB is set (a database of its own is used and dropped).
#
#   scripts/import-memory.sh [N] [BINARY]
#
# Example: scripts/import-memory.sh 100000
#          DB=postgres://postgres@127.0.0.1:5432/test?sslmode=disable scripts/import-memory.sh 100000
set -eu
N=${1:-100000}
BIN=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$BIN" ]; then
	BIN=$work/privacyregister
	CGO_ENABLED=0 go build -o "$BIN" ./cmd/privacyregister
fi
where="--data $work/data"
if [ -n "${DB:-}" ]; then
	# a database of its own beside the one DB names
	base=${DB%%\?*}
	name=importmem_$$
	psql "$DB" -qc "CREATE DATABASE $name" >/dev/null
	trap 'psql "$DB" -qc "DROP DATABASE IF EXISTS $name" >/dev/null; rm -rf "$work"' EXIT
	where="--db ${base%/*}/$name?${DB#*\?}"
fi
export PRIVACYREGISTER_IMPORT_MAX_UNPACKED_MB=1000 PRIVACYREGISTER_IMPORT_MAX_ROWS=1000000 PRIVACYREGISTER_IMPORT_MAX_CELLS=100000000
"$BIN" org add $where --name "Generated" --short gen >/dev/null
"$BIN" demo $where --org gen --scale "$N" >/dev/null
"$BIN" export register $where --org gen --format xlsx -o "$work/register.xlsx" >/dev/null
echo "register of $N activities: $(($(wc -c <"$work/register.xlsx") / 1048576)) MB of XLSX"
"$BIN" org add $where --name "Import" --short imp >/dev/null
for run in "into an empty organisation" "again: every row an update"; do
	/usr/bin/time -f "%e s, peak RSS %M kB" -o "$work/time" "$BIN" import register $where --org imp --max-mb 200 "$work/register.xlsx" | tail -1
	echo "  $run: $(cat "$work/time")"
done
