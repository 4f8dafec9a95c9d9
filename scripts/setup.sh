#!/usr/bin/env bash
# Installs what Portico needs to build and test, skipping what is already there at
# the right version: the wasm target, cargo-leptos, wasm-bindgen-cli (the Cargo.lock
# version), Chromium, the npm packages of end2end/ (Playwright, binaryen's wasm-opt)
# and, with --postgres, cargo-nextest and a reachable PostgreSQL server. Safe to run again.
#
#   scripts/setup.sh              # what `make run` needs
#   scripts/setup.sh --postgres   # plus PostgreSQL, for `make test`
set -euo pipefail
cd "$(dirname "$0")/.."

want_pg=0
for arg in "$@"; do
  case "$arg" in
    --postgres) want_pg=1 ;;
    *) echo "usage: $0 [--postgres]" >&2; exit 2 ;;
  esac
done

SAY_TAG=setup
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v cargo >/dev/null || { loud "Rust (cargo, rustup) is required: see https://rustup.rs"; exit 1; }
command -v rustup >/dev/null || { loud "rustup is required (for the wasm32-unknown-unknown target)"; exit 1; }
command -v npm >/dev/null || { loud "Node.js (20 or newer) and npm are required"; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { loud "Node.js 20 or newer is required (Playwright); found $(node --version)"; exit 1; }

# 1. The wasm target.
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos 0.3.10 (0.3.11 needs a newer rustc); no_downloads: it never
# tries to fetch tools from the internet, it uses the ones on PATH.
leptos_want=0.3.10
if cargo leptos --version 2>/dev/null | grep -qE "(^| )${leptos_want//./\\.}\$"; then
  say "cargo-leptos $leptos_want: present"
else
  say "installing cargo-leptos $leptos_want (about 15 minutes on 2 cores, once per machine)"
  cargo install cargo-leptos --version "$leptos_want" --locked --features no_downloads
fi

# 3. wasm-bindgen-cli: exactly the version of the wasm-bindgen crate in Cargo.lock.
# No --locked: its own lock file pins a crate version the registry here lacks.
bindgen=$(awk '
  /^\[\[package\]\]/ { in_wb = 0 }
  /^name = "wasm-bindgen"$/ { in_wb = 1; next }
  in_wb && /^version = / { gsub(/version = |"/, ""); print; exit }
' Cargo.lock)
if [ -z "$bindgen" ]; then
  loud "Could not find the wasm-bindgen version in Cargo.lock"
  exit 1
fi
if wasm-bindgen --version 2>/dev/null | grep -qE " ${bindgen//./\\.}\$"; then
  say "wasm-bindgen-cli $bindgen: present"
else
  say "installing wasm-bindgen-cli $bindgen (the version in Cargo.lock; about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen"
fi

# 3b. cargo-nextest (make test): every test in its own process, with a time limit.
if [ "$want_pg" -eq 1 ]; then
  if cargo nextest --version >/dev/null 2>&1; then
    say "cargo-nextest: present"
  else
    say "installing cargo-nextest (about 5 minutes, once per machine)"
    cargo install cargo-nextest --locked
  fi
fi

# 4. Chromium, for the browser tests (Playwright never downloads its own here).
if [ -x /usr/bin/chromium ]; then
  say "Chromium: present"
else
  say "installing Chromium (Debian package)"
  apt_install chromium
fi

# 5. npm packages of end2end/: @playwright/test and binaryen (wasm-opt).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=end2end/node_modules/.portico-installed
if [ -f "$stamp" ] && [ ! end2end/package-lock.json -nt "$stamp" ] && [ ! end2end/package.json -nt "$stamp" ] \
  && [ -x end2end/node_modules/.bin/wasm-opt ] && [ -x end2end/node_modules/.bin/playwright ]; then
  say "npm packages in end2end/: up to date"
else
  say "npm ci in end2end/ (Playwright, binaryen's wasm-opt)"
  (cd end2end && npm ci --no-audit --no-fund)
  touch "$stamp"
fi

# 6. PostgreSQL (make test): half the tests run on it.
if [ "$want_pg" -eq 1 ]; then
  pg_default=postgres://postgres@127.0.0.1:5432/postgres
  pg_url="${PORTICO_TEST_PG_URL:-$pg_default}"
  pg_up() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
  pg_ok() { PGCONNECT_TIMEOUT=5 psql -w -qAt "$pg_url" -c 'select 1' >/dev/null 2>&1; }
  pg_start() {
    [ -d /etc/postgresql ] || return 0
    local ver
    for ver in $(ls /etc/postgresql | sort -V); do
      [ -d "/etc/postgresql/$ver/main" ] || continue
      say "starting PostgreSQL $ver (pg_ctlcluster $ver main start)"
      as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
      pg_up && return 0
    done
  }
  pg_wait() {
    local i
    for i in $(seq 1 30); do pg_up && return 0; sleep 1; done
    return 1
  }
  installed_pg=0

  if [ "$pg_url" != "$pg_default" ]; then
    say "PostgreSQL: using PORTICO_TEST_PG_URL as given (not managing a local server)"
  elif pg_up; then
    say "PostgreSQL on 127.0.0.1:5432: running"
  else
    if [ -d /etc/postgresql ]; then
      pg_start
    elif ! dpkg -s postgresql >/dev/null 2>&1; then
      say "installing PostgreSQL (Debian package)"
      apt_install postgresql
      installed_pg=1
      pg_start
    fi
    say "waiting for PostgreSQL on 127.0.0.1:5432 (up to 30 s)"
    pg_wait || true
  fi

  # A cluster this run has just installed is empty: let the local user postgres in
  # over 127.0.0.1 without a password, as the tests expect (Debian's default asks
  # for one). An existing cluster is never changed.
  if [ "$installed_pg" -eq 1 ] && pg_up && ! pg_ok; then
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      [ -f "$hba" ] || continue
      say "new cluster: trusting user postgres from 127.0.0.1 in $hba"
      as_root sed -i '0,/^[[:space:]]*[^#[:space:]]/s//host all postgres 127.0.0.1\/32 trust\n&/' "$hba"
      ver=$(basename "$(dirname "$(dirname "$hba")")")
      as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main reload || true
    done
    sleep 1
  fi

  if ! pg_ok; then
    if command -v psql >/dev/null; then
      why=$(PGCONNECT_TIMEOUT=5 psql -w -qAt "$pg_url" -c 'select 1' 2>&1 >/dev/null | head -3 || true)
    else
      why="psql is not installed"
    fi
    loud "PostgreSQL is required for the test suite: half the tests run on it." \
      "Could not run 'select 1' on $pg_url" \
      "(user postgres on 127.0.0.1:5432 without a password, or set PORTICO_TEST_PG_URL)." \
      "${why:-server not reachable}"
    exit 1
  fi
  say "PostgreSQL: 'select 1' as postgres on 127.0.0.1 works"
fi

say "tools ready"
