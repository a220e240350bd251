#!/usr/bin/env bash
# The submit path under load, beside what PostgreSQL itself reaches for the
# same transaction. Starts a throwaway PostgreSQL, the real server on it, and
# the load generator (N respondents, C at a time, each answering a
# 40-question survey over HTTP: first in one POST, then N others section by
# section); then pgbench runs "one response row plus a
# 40-row insert" at the same concurrency.
#   scripts/bench-submit.sh [RESPONDENTS] [CONCURRENCY] [PGBENCH_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

n=${1:-2000}
c=${2:-50}
secs=${3:-20}
work=$(mktemp -d /tmp/devpulse-bench.XXXXXX)

start_postgres
[ -n "${DEVPULSE_TEST_DATABASE_URL:-}" ] || { log "no PostgreSQL"; exit 1; }
admin=$DEVPULSE_TEST_DATABASE_URL
dsn=${admin%/postgres*}/devpulse_bench?sslmode=disable
psql "$admin" -qc "CREATE DATABASE devpulse_bench" >/dev/null

CGO_ENABLED=0 go build -o "$work/devpulse" ./cmd/devpulse
go build -o "$work/devpulse-load" ./cmd/devpulse-load
# Twice n respondents: the first n for each mode of the load generator.
"$work/devpulse-load" seed -database-url "$dsn" -n $((2 * n)) -out "$work/tokens.txt"
head -n "$n" "$work/tokens.txt" >"$work/whole.txt"
tail -n +$((n + 1)) "$work/tokens.txt" >"$work/sections.txt"

port=$((40000 + RANDOM % 10000))
DEVPULSE_ADDR=127.0.0.1:$port DEVPULSE_DATABASE_URL=$dsn DEVPULSE_LOG_LEVEL=warn "$work/devpulse" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; stop_postgres; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done

echo "== devpulse: $n respondents, $c at a time, 40 answers each, the whole survey in one POST"
"$work/devpulse-load" run -mode whole -base "http://127.0.0.1:$port" -tokens "$work/whole.txt" -c "$c"
echo "== devpulse: $n more respondents, $c at a time, one POST per section"
"$work/devpulse-load" run -mode sections -base "http://127.0.0.1:$port" -tokens "$work/sections.txt" -c "$c"

# The same transaction straight to PostgreSQL, on copies of the tables
# without the invitation foreign key.
psql "$dsn" -q <<'SQL'
CREATE TABLE bench_responses (LIKE responses INCLUDING ALL);
CREATE TABLE bench_answers (LIKE answers INCLUDING ALL);
CREATE SEQUENCE bench_inv;
SQL
cat >"$work/submit.sql" <<'SQL'
BEGIN;
INSERT INTO bench_responses (snapshot_id, invitation_id, submitted, submitted_on, updated_on, job_role, work_arrangement, tenure_band, level, location, contact_ok)
  VALUES (1, nextval('bench_inv'), true, CURRENT_DATE, CURRENT_DATE, 'backend', 'remote', '1-2 years', 'L3', 'Berlin', false) RETURNING id AS rid \gset
INSERT INTO bench_answers (response_id, question_id, item, rating) SELECT :rid, g, '', 4 FROM generate_series(1, 40) g;
COMMIT;
SQL
echo "== pgbench: the same transaction, $c clients, ${secs}s"
pgbench -n -c "$c" -j 2 -T "$secs" -f "$work/submit.sql" "$dsn" 2>&1 | grep -E "^(tps|latency|number of (clients|transactions))"
