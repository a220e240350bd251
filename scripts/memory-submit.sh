#!/usr/bin/env bash
# The server's memory (RSS) under load and after it. Starts a throwaway
# PostgreSQL and the real server on 127.0.0.1, then:
#   1. a burst: N respondents, C at a time (default 200), each submitting a
#      40-answer survey in one POST;
#   2. a retry storm: N more respondents, C at a time, retrying on failure,
#      while PostgreSQL is stopped (immediate, like a crash) for a few
#      seconds and restarted;
# and samples the server's RSS every half second, reporting it idle, at the
# peak of each phase and one minute after each phase ends.
# Extra environment (DEVPULSE_MAX_ACTIVE, DEVPULSE_MEMORY_LIMIT, GOMEMLIMIT)
# goes to the server.
#   scripts/memory-submit.sh [RESPONDENTS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

n=${1:-2000}
c=${2:-200}
work=$(mktemp -d /tmp/devpulse-mem.XXXXXX)

start_postgres
[ -n "${DEVPULSE_TEST_DATABASE_URL:-}" ] || { log "no PostgreSQL"; exit 1; }
admin=$DEVPULSE_TEST_DATABASE_URL
pgport=${admin##*127.0.0.1:}
pgport=${pgport%%/*}
dsn=${admin%/postgres*}/devpulse_mem?sslmode=disable
psql "$admin" -qc "CREATE DATABASE devpulse_mem" >/dev/null

CGO_ENABLED=0 go build -o "$work/devpulse" ./cmd/devpulse
go build -o "$work/devpulse-load" ./cmd/devpulse-load
"$work/devpulse-load" seed -database-url "$dsn" -n $((2 * n)) -out "$work/tokens.txt" >/dev/null
head -n "$n" "$work/tokens.txt" >"$work/burst.txt"
tail -n +$((n + 1)) "$work/tokens.txt" >"$work/storm.txt"

port=$((40000 + RANDOM % 10000))
DEVPULSE_ADDR=127.0.0.1:$port DEVPULSE_DATABASE_URL=$dsn DEVPULSE_LOG_LEVEL=warn "$work/devpulse" serve >"$work/server.log" 2>&1 &
server=$!
sampler=
trap 'kill $server $sampler 2>/dev/null || true; stop_postgres; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done

rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$server/status"; }
(while kill -0 "$server" 2>/dev/null; do echo "$(rss)" >>"$work/rss.txt"; sleep 0.5; done) &
sampler=$!
peak_since() { tail -n +"$1" "$work/rss.txt" | sort -n | tail -1; }
mark() { wc -l <"$work/rss.txt"; }

sleep 3
echo "== idle: RSS $(rss) MB"
m=$(mark)
"$work/devpulse-load" run -base "http://127.0.0.1:$port" -tokens "$work/burst.txt" -c "$c" | head -3
echo "== burst of $c concurrent respondents: peak RSS $(peak_since "$m") MB, at the end $(rss) MB"
sleep 60
echo "== one minute later: RSS $(rss) MB"

m=$(mark)
"$work/devpulse-load" run -base "http://127.0.0.1:$port" -tokens "$work/storm.txt" -c "$c" -acked "$work/acked.txt" -retry-for 3m >"$work/storm.log" 2>&1 &
load=$!
sleep 1
# A fast machine can finish the respondents before the stop: then there
# was no storm to measure, and the run says so rather than report one.
kill -0 "$load" 2>/dev/null || { echo "the respondents were done before PostgreSQL could be stopped: give more" >&2; exit 1; }
"${run_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null
echo "== PostgreSQL stopped (immediate) with $c respondents at work"
sleep 5
"${run_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 start \
	-o "-p $pgport -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
echo "== PostgreSQL restarted"
wait "$load" || true
head -3 "$work/storm.log"
grep '^retries' "$work/storm.log" || true
echo "== retry storm of $c respondents: peak RSS $(peak_since "$m") MB, at the end $(rss) MB"
sleep 60
echo "== one minute later: RSS $(rss) MB"
