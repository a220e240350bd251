#!/usr/bin/env bash
# Runs every test against SQLite, a real PostgreSQL and a real headless
# Chromium. It uses DEVPULSE_TEST_DATABASE_URL when set; otherwise it starts a
# throwaway PostgreSQL cluster in a temporary folder on a free port and stops
# it afterwards. It installs Debian's chromium (and PostgreSQL) when missing
# and it can. With CI=true a missing PostgreSQL or Chromium fails the run.
# Extra arguments go to `go test` (for example: make test ARGS='-run Landing ./e2e').
# With --bench first it runs benchmarks instead (make bench ARGS='./internal/responses').
# With --fuzz first it runs each fuzz target for DEVPULSE_FUZZTIME (default 8s)
# on its checked-in seed corpus (testdata/fuzz/...); a full run without
# arguments does the same after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

find_chromium() {
	local c
	for c in "${DEVPULSE_CHROMIUM:-}" /usr/bin/chromium "$(command -v chromium 2>/dev/null || true)"; do
		[ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return; }
	done
	return 0 # none found: an empty answer, not a failure that set -e would end the script on
}

if [ -z "${DEVPULSE_TEST_DATABASE_URL:-}" ]; then
	start_postgres
else
	log "using PostgreSQL from DEVPULSE_TEST_DATABASE_URL"
fi

chromium=$(find_chromium)
if [ -z "$chromium" ] && can_install; then
	log "installing Debian's chromium"
	apt_install chromium fonts-dejavu-core
	chromium=$(find_chromium)
fi
if [ -n "$chromium" ]; then
	export DEVPULSE_CHROMIUM=$chromium
elif [ "${CI:-}" = true ]; then
	log "chromium not found and cannot install it"
	exit 1
else
	log "WARNING: chromium not found; browser tests will be skipped"
fi

# fuzz_targets: package and target of every fuzz test of outside input.
fuzz_targets=(
	"./internal/survey FuzzParseAnswer"
	"./internal/benchmark FuzzBenchmarkImport"
	"./web FuzzSurveySave"
	"./web FuzzRosterAPI"
	"./web FuzzCreateToken"
)

run_fuzz() {
	local t pkg name
	for t in "${fuzz_targets[@]}"; do
		read -r pkg name <<<"$t"
		log "fuzzing $name in $pkg for ${DEVPULSE_FUZZTIME:-8s}"
		go test -run '^$' -fuzz "^$name\$" -fuzztime "${DEVPULSE_FUZZTIME:-8s}" "$pkg"
	done
}

mkdir -p artifacts/screenshots
if [ "${1:-}" = --fuzz ]; then
	run_fuzz
	exit
fi
if [ "${1:-}" = --bench ]; then
	# Benchmarks: no race detector (it distorts timings), no tests.
	shift
	if [ $# -eq 0 ]; then set -- ./...; fi
	go test -count=1 -timeout 60m -run '^$' -bench . -benchmem "$@"
	exit
fi
if [ $# -eq 0 ]; then
	go test -race -count=1 -timeout 60m ./...
	run_fuzz
	exit
fi
go test -race -count=1 -timeout 60m "$@"
