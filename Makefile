# The two front doors: `make run` (build and serve on SQLite with demo data) and
# `make test` (every test: Rust on SQLite and PostgreSQL, then Playwright in Chromium).
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/portico-target
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PORTICO_TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: run test build setup check bench clean-data

setup:
	@bash scripts/setup.sh

build: setup
	cargo leptos build --release

run: build
	@mkdir -p $${PORTICO_DATA_DIR:-data}
	PORTICO_SITE_ROOT=$(CURDIR)/target/site PORTICO_DATA_DIR=$${PORTICO_DATA_DIR:-data} \
		$(CARGO_TARGET_DIR)/release/portico serve --demo

test:
	@bash scripts/setup.sh --postgres
	@echo "=== Rust tests (unit, and integration on SQLite and PostgreSQL) ==="
	cargo test --features ssr --no-fail-fast
	@echo "=== Release build ==="
	cargo leptos build --release
	@echo "=== Browser tests (Playwright, Chromium) ==="
	cd end2end && npx playwright test

check:
	cargo check --features ssr
	cargo check --features hydrate --lib --target wasm32-unknown-unknown

bench: build
	@bash scripts/bench.sh

clean-data:
	rm -rf data
