#!/usr/bin/env bash
# The first minute after a snapshot opens, against the later ones (issue
# 22, point 3). Starts a throwaway PostgreSQL at durable settings, seeds a
# 40-question snapshot for N people, then takes statistics while
# responses and answers are still empty (as a fresh install or a seed
# leaves them), starts the server and plays the N respondents in windows
# of W (default N/2), one after another. For each window it prints the
# sequential and index scans of the submit path's tables and the server's
# and PostgreSQL's CPU per response: with plans cached while the tables
# were empty, the first window scanned responses for every answer's
# foreign key check. At about 100 submissions a second, W=6000 makes each
# window about a minute, so the first window is the first minute and the
# tenth the tenth.
#   scripts/bench-first-minute.sh [N] [CONCURRENCY] [W]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

n=${1:-6000}
c=${2:-50}
w=${3:-$(((n + 1) / 2))}
work=$(mktemp -d /tmp/devpulse-first.XXXXXX)
start_postgres durable
[ -n "${DEVPULSE_TEST_DATABASE_URL:-}" ] || { log "no PostgreSQL"; exit 1; }
admin=$DEVPULSE_TEST_DATABASE_URL
dsn=${admin%/postgres*}/devpulse_first?sslmode=disable
psql "$admin" -qc "CREATE DATABASE devpulse_first" >/dev/null
CGO_ENABLED=0 go build -o "$work/devpulse" ./cmd/devpulse
go build -o "$work/devpulse-load" ./cmd/devpulse-load
"$work/devpulse-load" seed -database-url "$dsn" -n "$n" -out "$work/tokens.txt"
psql "$dsn" -qc "ANALYZE" # statistics taken while responses is still empty
split -l "$w" -d -a 3 "$work/tokens.txt" "$work/window."

port=$((40000 + RANDOM % 10000))
DEVPULSE_ADDR=127.0.0.1:$port DEVPULSE_DATABASE_URL=$dsn DEVPULSE_LOG_LEVEL=warn "$work/devpulse" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; stop_postgres; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done

tck=$(getconf CLK_TCK)
pg_cpu_ms() {
	local pm total p
	pm=$(head -1 "$PG_TMP/data/postmaster.pid")
	total=$(awk -v t="$tck" '{print int(($14 + $15 + $16 + $17) * 1000 / t)}' "/proc/$pm/stat")
	for p in $(pgrep -P "$pm"); do
		total=$((total + $(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$total"
}
scans() {
	psql "$dsn" -tAc "SELECT string_agg(relname || ' seq ' || seq_scan || ' idx ' || COALESCE(idx_scan, 0), ', ' ORDER BY relname)
		FROM pg_stat_user_tables WHERE relname IN ('responses', 'answers', 'invitations', 'invitation_tokens')"
}
echo "== load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
server_cpu_ms() {
	awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$server/stat"
}
i=0
for window in "$work"/window.*; do
	i=$((i + 1))
	sleep 1
	p0=$(pg_cpu_ms) s0=$(server_cpu_ms)
	echo "== window $i, before: $(scans)"
	"$work/devpulse-load" run -base "http://127.0.0.1:$port" -tokens "$window" -c "$c" | grep -E "submitted|per second"
	sleep 1
	echo "== window $i, after:  $(scans)"
	awk -v p=$(($(pg_cpu_ms) - p0)) -v s=$(($(server_cpu_ms) - s0)) -v n="$(wc -l <"$window")" -v i="$i" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
		'BEGIN {printf "window %d: %d responses, CPU per response: PostgreSQL %.2f ms, server %.2f ms (load %s)\n", i, n, p / n, s / n, l}'
done
