#!/usr/bin/env bash
# Start time and idle memory of `privacyregister serve` beside a bare
# net/http server on the same SQLite database (scripts/healthz-baseline).
#
#   bash scripts/startup.sh [RUNS]
#
# Builds both (CGO_ENABLED=0, as released), then RUNS times (default 5):
#   first  serve on a fresh data directory (creates and migrates the schema)
#   serve  serve again on that database (an ordinary start)
#   bare   the baseline on that database
# Each time is from exec to the first 200 of GET /healthz (polled every
# 2 ms); memory is VmRSS after 3 s idle. Prints the median of each and the
# ratios serve/bare. Linux only (/proc); SQLite only.
set -euo pipefail
unset PRIVACYREGISTER_DB PRIVACYREGISTER_DATA PRIVACYREGISTER_ADDR
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
(cd "$root" && CGO_ENABLED=0 go build -o "$work/privacyregister" ./cmd/privacyregister && CGO_ENABLED=0 go build -o "$work/bare" ./scripts/healthz-baseline)

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_us() { echo $(( $(date +%s%N) / 1000 )); }

# measure NAME CMD...: runs CMD (which must listen on $port), prints
# "NAME start_ms rss_kib".
measure() {
	local name=$1; shift
	local t0 pid t1 rss
	t0=$(now_us)
	"$@" >"$work/$name.log" 2>&1 &
	pid=$!
	pids+=("$pid")
	until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do
		if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited:" >&2; cat "$work/$name.log" >&2; exit 1; fi
		sleep 0.002
	done
	t1=$(now_us)
	sleep 3
	rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	echo "$name $(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) $rss"
}

results=$work/results
for i in $(seq "$runs"); do
	data=$work/data$i
	port=$(freeport)
	measure first "$work/privacyregister" serve --data "$data" --addr "127.0.0.1:$port" >>"$results"
	port=$(freeport)
	measure serve "$work/privacyregister" serve --data "$data" --addr "127.0.0.1:$port" >>"$results"
	port=$(freeport)
	measure bare "$work/bare" --data "$data" --addr "127.0.0.1:$port" >>"$results"
done
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, ms, rss = line.split()
    rows.setdefault(name, []).append((float(ms), int(rss)))
med = {n: (statistics.median(v[0] for v in r), statistics.median(v[1] for v in r)) for n, r in rows.items()}
print(f"{'':8}{'start to /healthz 200 (ms)':>28}{'idle VmRSS (MiB)':>20}   (median of {len(rows['bare'])})")
for n in ("first", "serve", "bare"):
    ms, rss = med[n]
    print(f"{n:8}{ms:28.1f}{rss/1024:20.1f}")
print(f"serve/bare: start {med['serve'][0]/med['bare'][0]:.1f}x, memory {med['serve'][1]/med['bare'][1]:.1f}x")
PY
