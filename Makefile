# Portico's front doors:
#   make run    build the release and serve it on SQLite with a demo workspace
#   make test   every test: Rust (unit, integration on SQLite and PostgreSQL), then
#               Playwright in Chromium against the release build
#   make bench  release build, then a load benchmark on SQLite and PostgreSQL (scripts/bench.sh)
#               that writes BENCHMARKS.md and bench/*.json
#   make check  type-check the server and the browser (wasm) halves
# scripts/setup.sh installs the tools first (skipping what is there).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Builds live outside the clone so CI (a fresh clone each time) reuses them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/portico-target
# wasm-opt (npm's binaryen) and playwright come from end2end/node_modules.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# The Rust tests run every database test on SQLite and on this server.
export PORTICO_TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres

LEPTOS_RELEASE := cargo leptos build --release --precompress --split

.PHONY: run test build setup check bench clean-data

setup:
	@bash scripts/setup.sh

build: setup
	@echo; echo "==== Release build (cargo leptos build --release) ===="
	$(LEPTOS_RELEASE)

# PORTICO_ADDR (default 127.0.0.1:3000), DATABASE_URL and the other PORTICO_* settings
# pass through from the environment.
run: build
	@echo; echo "==== Serving (demo workspace on a new database) ===="
	@source scripts/paths.sh; portico_locate; \
	data="$${PORTICO_DATA_DIR:-$(CURDIR)/data}"; mkdir -p "$$data"; \
	echo "binary $$PORTICO_BIN, site $$PORTICO_SITE, data $$data"; \
	PORTICO_DATA_DIR="$$data" PORTICO_SITE_ROOT="$$PORTICO_SITE" exec "$$PORTICO_BIN" serve --demo

test:
	@echo "==== Setup (tools, npm packages, PostgreSQL) ===="
	@bash scripts/setup.sh --postgres
	@echo; echo "==== Rust tests: unit, and integration on SQLite and PostgreSQL ($$PORTICO_TEST_PG_URL) ===="
	cargo nextest run --features ssr --no-fail-fast
	@echo; echo "==== Release build (cargo leptos build --release) ===="
	$(LEPTOS_RELEASE)
	@echo; echo "==== Browser tests (Playwright, Chromium) ===="
	cd end2end && npx --no-install playwright test

# Load benchmark on SQLite and PostgreSQL; writes BENCHMARKS.md and bench/*.json.
# BENCH_ARGS passes flags, e.g. make bench BENCH_ARGS="--large --duration 30"
# (also --sqlite-only, --pg-only).
BENCH_ARGS ?=
bench: build
	@echo; echo "==== Benchmarks (loopback only) ===="
	@bash scripts/bench.sh $(BENCH_ARGS)

check:
	@echo "==== cargo check: server (ssr) ===="
	cargo check --features ssr
	@echo; echo "==== cargo check: browser (hydrate, wasm32) ===="
	cargo check --features hydrate --target wasm32-unknown-unknown --lib

clean-data:
	rm -rf data
