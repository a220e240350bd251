# The two commands that matter: `make run` and `make test`. See README.md.
.PHONY: run test bench fuzz build generate lint

# The app with the demo organisation (built on first start) and persona sign-in.
run:
	go run ./cmd/devpulse serve --demo

test:
	./scripts/test.sh $(ARGS)

# Benchmarks on SQLite and a throwaway PostgreSQL, without the race detector.
bench:
	./scripts/test.sh --bench $(ARGS)

# Each fuzz target for a short fixed time (DEVPULSE_FUZZTIME, default 8s);
# `make test` runs them too.
fuzz:
	./scripts/test.sh --fuzz

build:
	CGO_ENABLED=0 go build -trimpath -o bin/devpulse ./cmd/devpulse

generate:
	go tool templ generate

lint:
	go tool templ generate
	@test -z "$$(git status --porcelain -- '*.templ' '*_templ.go')" || { echo "templ generate changed files: commit them"; git status --porcelain -- '*_templ.go'; exit 1; }
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	go vet ./...
	@big=$$(git ls-files -z | xargs -0 -I{} find {} -maxdepth 0 -type f -size +1000k); test -z "$$big" || { echo "tracked files over 1 MB (build output? vendor them compressed):"; echo "$$big"; exit 1; }
