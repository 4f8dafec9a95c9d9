#!/usr/bin/env bash
# Starts the release build on 127.0.0.1:3100 with a fresh demo database (Playwright).
set -euo pipefail
source "$(dirname "$0")/paths.sh"
data="${TMPDIR:-/tmp}/portico-e2e-data"
rm -rf "$data" && mkdir -p "$data"
export PORTICO_DATA_DIR="$data" PORTICO_ADDR=127.0.0.1:3100 PORTICO_SITE_ROOT="$PORTICO_SITE"
# Specs sign in many times a minute; the limits themselves are tested in tests/api.
export PORTICO_LOGIN_PER_ACCOUNT_PER_MINUTE=500
unset DATABASE_URL
exec "$PORTICO_BIN" serve --demo
