#!/usr/bin/env bash
# Acknowledged submissions survive crashes. Starts a throwaway PostgreSQL
# with fsync and synchronous commit on, the real server on it, and N
# respondents (C at a time) who retry like people do when a submission
# fails; meanwhile it kills PostgreSQL with SIGKILL and restarts it, and
# kills the server with SIGKILL and restarts it, KILLS times each. Then it
# compares every acknowledged submission with the database: each must be
# one submitted response with all 40 answers (0 lost, 0 duplicated, 0
# partial). Everything listens on 127.0.0.1 only.
#   scripts/fault-submit.sh [RESPONDENTS] [CONCURRENCY] [KILLS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

n=${1:-3000}
c=${2:-50}
kills=${3:-2}
work=$(mktemp -d /tmp/devpulse-fault.XXXXXX)

bin=$(pg_bin)
[ -n "$bin" ] || { log "no PostgreSQL (initdb/pg_ctl)"; exit 1; }
run_pg=()
if [ "$(id -u)" = 0 ]; then
	id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
	run_pg=(runuser -u postgres --)
fi
if [ ${#run_pg[@]} -gt 0 ]; then chown postgres "$work"; fi
chmod 755 "$work"
"${run_pg[@]}" "$bin/initdb" -D "$work/data" -U devpulse --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log"
pgport=$((20000 + RANDOM % 20000))
pg_start() {
	"${run_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -t 120 start \
		-o "-p $pgport -k $work -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c synchronous_commit=on -c full_page_writes=on" >/dev/null
}
pg_kill() { kill -KILL "$(head -1 "$work/data/postmaster.pid")"; }
pg_start
admin="postgres://devpulse@127.0.0.1:$pgport/postgres?sslmode=disable"
dsn="postgres://devpulse@127.0.0.1:$pgport/devpulse_fault?sslmode=disable"
psql "$admin" -qc "CREATE DATABASE devpulse_fault" >/dev/null

CGO_ENABLED=0 go build -o "$work/devpulse" ./cmd/devpulse
go build -o "$work/devpulse-load" ./cmd/devpulse-load
"$work/devpulse-load" seed -database-url "$dsn" -n "$n" -out "$work/tokens.txt"

port=$((40000 + RANDOM % 10000))
server=
server_start() {
	DEVPULSE_ADDR=127.0.0.1:$port DEVPULSE_DATABASE_URL=$dsn DEVPULSE_LOG_LEVEL=warn "$work/devpulse" serve >>"$work/server.log" 2>&1 &
	server=$!
	for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
}
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null || true
	"${run_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
server_start

"$work/devpulse-load" run -base "http://127.0.0.1:$port" -tokens "$work/tokens.txt" -c "$c" \
	-acked "$work/acked.txt" -retry-for 4m >"$work/load.log" 2>&1 &
load=$!
acked() { wc -l <"$work/acked.txt" 2>/dev/null || echo 0; }
for i in $(seq "$kills"); do
	sleep 4
	echo "== kill -9 PostgreSQL ($(acked) acknowledged so far)"
	pg_kill
	sleep 3
	pg_start
	echo "== PostgreSQL restarted"
	sleep 4
	echo "== kill -9 the server ($(acked) acknowledged so far)"
	kill -KILL "$server"
	wait "$server" 2>/dev/null || true
	sleep 1
	server_start
	echo "== server restarted"
done
wait "$load" || true
cat "$work/load.log"
echo "== 500 answers logged by the server: $(grep -c 'status=500' "$work/server.log" || true)"
"$work/devpulse-load" check -database-url "$dsn" -acked "$work/acked.txt" -questions 40
