#!/usr/bin/env bash
# Installs what Portico needs to build and test, skipping what is already there:
# the wasm target, cargo-leptos, wasm-bindgen-cli (the Cargo.lock version), Chromium,
# the npm packages of end2end/ (Playwright, binaryen's wasm-opt) and, with
# --postgres, a reachable PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."

want_pg=0
[ "${1:-}" = "--postgres" ] && want_pg=1
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

command -v cargo >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are required" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "0\.3\.10"; then
  say "installing cargo-leptos 0.3.10 (about 15 minutes, once per machine)"
  cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads
fi

bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${bindgen}$"; then
  say "installing wasm-bindgen-cli ${bindgen} (the version in Cargo.lock)"
  cargo install wasm-bindgen-cli --version "${bindgen}"
fi

if [ ! -x /usr/bin/chromium ]; then
  say "installing Chromium (Debian package)"
  apt_install chromium
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=end2end/node_modules/.portico-installed
if [ ! -f "$stamp" ] || [ end2end/package-lock.json -nt "$stamp" ]; then
  say "installing npm packages in end2end/"
  (cd end2end && npm ci --no-audit --no-fund)
  touch "$stamp"
fi

if [ "$want_pg" -eq 1 ]; then
  pg_up() { pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
  if ! command -v pg_isready >/dev/null; then
    say "installing PostgreSQL (Debian package)"
    apt_install postgresql
  fi
  if ! pg_up && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  if ! pg_up || ! psql "${PORTICO_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}" -qAtc 'select 1' >/dev/null 2>&1; then
    echo >&2
    echo "!!! PostgreSQL is required for the test suite: half the tests run on it." >&2
    echo "!!! Could not reach ${PORTICO_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres} (user postgres, trust auth)." >&2
    exit 1
  fi
fi
say "tools ready"
