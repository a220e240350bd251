# Shared by test.sh and bench-submit.sh: find, install and start a
# throwaway PostgreSQL cluster. Source it; it defines functions only.

log() { printf 'test.sh: %s\n' "$*" >&2; }
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=
apt_install() {
	if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bin() {
	local d
	if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
		dirname "$(command -v initdb)"
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	return 0 # none found: an empty answer, not a failure that set -e would end the script on
}

# start_postgres [durable]: the test cluster trades durability for speed
# (fsync off); "durable" keeps PostgreSQL's defaults (fsync, synchronous
# commit, full page writes), as production runs.
start_postgres() {
	local bin tmp port owner fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	[ "${1:-}" = durable ] && fast=
	bin=$(pg_bin)
	if [ -z "$bin" ] && can_install; then
		log "installing PostgreSQL"
		apt_install postgresql
		bin=$(pg_bin)
	fi
	if [ -z "$bin" ]; then
		[ "${CI:-}" = true ] && { log "no PostgreSQL (initdb/pg_ctl) found and cannot install it"; exit 1; }
		log "WARNING: no PostgreSQL found; PostgreSQL tests will be skipped"
		return
	fi
	tmp=$(mktemp -d /tmp/devpulse-pg.XXXXXX)
	# initdb refuses to run as root: run the cluster as the postgres user.
	run_pg=()
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
		chown postgres "$tmp"
		run_pg=(runuser -u postgres --)
	fi
	"${run_pg[@]}" "$bin/initdb" -D "$tmp/data" -U devpulse --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 ||
		{ cat "$tmp/initdb.log" >&2; exit 1; }
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + RANDOM % 20000))
		(echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
		if "${run_pg[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start \
			-o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c max_connections=400 $fast" >/dev/null; then
			PG_TMP=$tmp PG_BIN=$bin
			trap stop_postgres EXIT
			export DEVPULSE_TEST_DATABASE_URL="postgres://devpulse@127.0.0.1:$port/postgres?sslmode=disable"
			log "PostgreSQL ($("$bin/pg_ctl" --version)) started on port $port"
			return
		fi
	done
	cat "$tmp/server.log" >&2
	log "could not start PostgreSQL"
	exit 1
}

stop_postgres() {
	"${run_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_TMP"
}

