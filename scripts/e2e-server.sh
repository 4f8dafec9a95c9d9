#!/usr/bin/env bash
# Starts the release build on 127.0.0.1:3100 with a fresh demo database, for
# Playwright (its webServer). exec: Playwright stops the server by killing this pid.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
portico_locate
data="${TMPDIR:-/tmp}/portico-e2e-data"
rm -rf "$data"
mkdir -p "$data"
export PORTICO_DATA_DIR="$data" PORTICO_ADDR=127.0.0.1:3100 PORTICO_SITE_ROOT="$PORTICO_SITE"
export PORTICO_PUBLIC_URL="http://127.0.0.1:3100"
# Specs sign in many times a minute; the limits themselves are tested in tests/api.
export PORTICO_LOGIN_PER_ACCOUNT_PER_MINUTE=500 PORTICO_LOGIN_PER_ADDRESS_PER_MINUTE=500
# Always a new SQLite file in $data, whatever the caller's environment says.
unset DATABASE_URL PORTICO_DATABASE_URL PORTICO_SMTP_URL PORTICO_CONFIG
echo "e2e server: $PORTICO_BIN, site $PORTICO_SITE, data $data"
# The log is also kept in $data/server.log: the suite fails when the server logged an
# error while it ran (end2end/log-check.ts), as an error there is our own fault.
exec "$PORTICO_BIN" serve --demo > >(tee "$data/server.log") 2>&1
