#!/usr/bin/env bash
# The submit path under load, beside what PostgreSQL itself reaches for the
# same transaction. Starts a throwaway PostgreSQL at durable settings
# (fsync, synchronous commit and full page writes on, as in production),
# the real server on it, and the load generator: for each concurrency C
# (a comma-separated list, e.g. 1,8,50), N respondents, C at a time, each
# answering a 40-question survey over HTTP in one POST, then N times
# three requests that do no work (the floor of HTTP and middleware), then
# pgbench runs "one response row plus a 40-row insert" at the same
# concurrency; then N others section by section at the last concurrency.
#   scripts/bench-submit.sh [RESPONDENTS] [CONCURRENCIES] [PGBENCH_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

n=${1:-2000}
cs=${2:-1,8,50}
secs=${3:-20}
IFS=, read -ra clist <<<"$cs"
c=${clist[-1]}
work=$(mktemp -d /tmp/devpulse-bench.XXXXXX)

start_postgres durable
[ -n "${DEVPULSE_TEST_DATABASE_URL:-}" ] || { log "no PostgreSQL"; exit 1; }
admin=$DEVPULSE_TEST_DATABASE_URL
dsn=${admin%/postgres*}/devpulse_bench?sslmode=disable
psql "$admin" -qc "CREATE DATABASE devpulse_bench" >/dev/null

CGO_ENABLED=0 go build -o "$work/devpulse" ./cmd/devpulse
go build -o "$work/devpulse-load" ./cmd/devpulse-load
# n respondents for each concurrency's whole-survey run, and n for sections.
"$work/devpulse-load" seed -database-url "$dsn" -n $(((${#clist[@]} + 1) * n)) -out "$work/tokens.txt"
split -d -l "$n" "$work/tokens.txt" "$work/tokens."

port=$((40000 + RANDOM % 10000))
DEVPULSE_ADDR=127.0.0.1:$port DEVPULSE_DATABASE_URL=$dsn DEVPULSE_LOG_LEVEL=warn "$work/devpulse" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; stop_postgres; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done

# CPU time (ms) of a process, and of the PostgreSQL cluster (its backends,
# live and exited): with other work on the machine, time per submission
# says more than submissions per second.
tck=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat"; }
pg_cpu_ms() {
	local pm total=0 p
	pm=$(head -1 "$PG_TMP/data/postmaster.pid")
	total=$(awk -v t="$tck" '{print int(($14 + $15 + $16 + $17) * 1000 / t)}' "/proc/$pm/stat")
	for p in $(pgrep -P "$pm"); do total=$((total + $(cpu_ms "$p" 2>/dev/null || echo 0))); done
	echo "$total"
}
play() { # mode tokens concurrency
	local s0 p0
	s0=$(cpu_ms "$server") p0=$(pg_cpu_ms)
	"$work/devpulse-load" run -mode "$1" -base "http://127.0.0.1:$port" -tokens "$2" -c "$3"
	awk -v s=$(($(cpu_ms "$server") - s0)) -v p=$(($(pg_cpu_ms) - p0)) -v n="$n" \
		'BEGIN {printf "CPU per submission: server %.2f ms, PostgreSQL %.2f ms\n", s / n, p / n}'
}

echo "== load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== PostgreSQL: $(psql "$dsn" -tAc "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")"

# The same transaction straight to PostgreSQL, on copies of the tables
# (LIKE copies no foreign keys), then again with the foreign keys devpulse's
# tables have on PostgreSQL: answers to responses, responses to snapshots
# (not the invitation's: pgbench invents invitation IDs; answers have no key
# to questions since migration 00018).
# The seeded snapshot's 40 questions have IDs 1 to 40.
psql "$dsn" -q <<'SQL'
CREATE TABLE bench_responses (LIKE responses INCLUDING ALL);
CREATE TABLE bench_answers (LIKE answers INCLUDING ALL);
CREATE TABLE bench_responses_fk (LIKE responses INCLUDING ALL);
ALTER TABLE bench_responses_fk ADD FOREIGN KEY (snapshot_id) REFERENCES snapshots (id);
CREATE TABLE bench_answers_fk (LIKE answers INCLUDING ALL);
ALTER TABLE bench_answers_fk ADD FOREIGN KEY (response_id) REFERENCES bench_responses_fk (id) ON DELETE CASCADE;
CREATE SEQUENCE bench_inv;
SQL
[ "$(psql "$dsn" -tAc "SELECT count(*) FROM questions WHERE snapshot_id = 1 AND id BETWEEN 1 AND 40")" = 40 ] ||
	{ echo "the seeded questions are not 1 to 40" >&2; exit 1; }
for suffix in "" _fk; do
	cat >"$work/submit$suffix.sql" <<SQL
BEGIN;
INSERT INTO bench_responses$suffix (snapshot_id, invitation_id, submitted, submitted_on, updated_on, job_role, work_arrangement, tenure_band, level, location, contact_ok)
  VALUES (1, nextval('bench_inv'), true, CURRENT_DATE, CURRENT_DATE, 'backend', 'remote', '1-2 years', 'L3', 'Berlin', false) RETURNING id AS rid \gset
INSERT INTO bench_answers$suffix (snapshot_id, response_id, question_id, item, rating) SELECT 1, :rid, g, '', 4 FROM generate_series(1, 40) g;
COMMIT;
SQL
done
pgb() { # script concurrency
	local p0 tx
	p0=$(pg_cpu_ms)
	pgbench -n -c "$2" -j 2 -T "$secs" -f "$1" "$dsn" 2>&1 | tee "$work/pgbench.txt" | grep -E "^(tps|latency|number of (clients|transactions))"
	sleep 1 # let the postmaster reap the exited backends
	tx=$(awk '/^number of transactions actually processed/ {print $NF}' "$work/pgbench.txt")
	awk -v p=$(($(pg_cpu_ms) - p0)) -v n="${tx:-0}" 'BEGIN {if (n > 0) printf "CPU per transaction: PostgreSQL %.2f ms\n", p / n}'
}
i=0
for cc in "${clist[@]}"; do
	echo "== devpulse: $n respondents, $cc at a time, 40 answers each, the whole survey in one POST"
	play whole "$work/tokens.0$i" "$cc"
	echo "== the floor: $n times three GETs of /healthz (HTTP and middleware, no work), $cc at a time"
	play floor "$work/tokens.0$i" "$cc"
	echo "== pgbench: the same transaction with the answers' foreign keys, $cc clients, ${secs}s"
	pgb "$work/submit_fk.sql" "$cc"
	i=$((i + 1))
done
echo "== pgbench: the same transaction without foreign keys, $c clients, ${secs}s"
pgb "$work/submit.sql" "$c"
echo "== devpulse: $n more respondents, $c at a time, one POST per section"
play sections "$work/tokens.0$i" "$c"
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
