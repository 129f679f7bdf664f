#!/bin/sh
# signin-memory.sh: peak memory of the real server under N parallel
# sign-ins (issue 11: 60 parallel sign-ins once took it from 170 MB to
# 3.85 GB). Builds the binary, makes N users, starts `serve` on SQLite in
# a temporary directory, fires N sign-ins at once with curl, and prints
# the answers by status, the wall time and the server's VmHWM (peak RSS)
# from /proc. Linux only.
#
#   scripts/signin-memory.sh [N] [BINARY] [extra serve flags...]
#
# Example: scripts/signin-memory.sh 100
#          scripts/signin-memory.sh 100 ./privacyregister --max-password-hashes 4
set -eu
N=${1:-100}
BIN=${2:-}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=
if [ -z "$BIN" ]; then
	BIN=$work/privacyregister
	CGO_ENABLED=0 go build -o "$BIN" ./cmd/privacyregister
fi
data=$work/data
pw='correct horse battery'
"$BIN" org add --data "$data" --name "Load" --short load >/dev/null
i=1
while [ "$i" -le "$N" ]; do
	echo "$pw" | "$BIN" user add --data "$data" --org load --email "u$i@example.org" --role lezer --password-stdin >/dev/null
	i=$((i + 1))
done
port=$((20000 + $$ % 20000))
"$BIN" serve --data "$data" --addr "127.0.0.1:$port" "$@" >"$work/serve.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.2; done
idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
start=$(date +%s.%N)
seq 1 "$N" | xargs -P "$N" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
	--data-urlencode "email=u{}@example.org" --data-urlencode "password=$pw" "http://127.0.0.1:$port/login" >"$work/codes"
end=$(date +%s.%N)
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
echo "parallel sign-ins: $N"
echo "answers by status:"
cut -d' ' -f1 "$work/codes" | sort | uniq -c
echo "slowest answer: $(cut -d' ' -f2 "$work/codes" | sort -n | tail -1) s; all answered in $(echo "$end - $start" | bc) s"
echo "server RSS idle: $((idle / 1024)) MiB; peak (VmHWM): $((hwm / 1024)) MiB"
