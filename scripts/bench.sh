#!/usr/bin/env bash
# Measures (does not assert): release asset sizes, start-up time, and request latency
# of the login page and a signed-in server fn, on loopback only.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
wasm=$(ls "$PORTICO_SITE"/pkg/*.wasm | head -1)
size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
echo "== Sizes (release) =="
printf '%-22s %10s %10s\n' file raw gzip
for f in "$wasm" "$PORTICO_SITE"/pkg/*.js "$PORTICO_SITE"/pkg/*.css; do
  printf '%-22s %10d %10d\n' "$(basename "$f")" "$(size "$f")" "$(gz "$f")"
done
printf '%-22s %10d\n' "server binary" "$(size "$PORTICO_BIN")"

data=$(mktemp -d)
addr=127.0.0.1:3200
start=$(date +%s%N)
PORTICO_DATA_DIR="$data" PORTICO_ADDR=$addr PORTICO_SITE_ROOT="$PORTICO_SITE" "$PORTICO_BIN" serve --demo >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs -o /dev/null "http://$addr/login"; do sleep 0.05; done
echo "== Start-up with a new database (migrate + demo seed + first page): $(( ($(date +%s%N) - start) / 1000000 )) ms"

n=200
t0=$(date +%s%N)
for _ in $(seq $n); do curl -fs -o /dev/null "http://$addr/login"; done
echo "== GET /login (SSR), $n sequential requests: $(( ($(date +%s%N) - t0) / 1000 / n )) µs average"

jar="$data/jar"
curl -fs -c "$jar" -H 'content-type: application/json' -d '{"email":"ana@souzalima.example","password":"portico-demo"}' "http://$addr/api/login" >/dev/null
t0=$(date +%s%N)
for _ in $(seq $n); do
  curl -fs -b "$jar" -o /dev/null -H 'content-type: application/json' -d '{"filter":{"q":"","kind":"","status":"","archived":false}}' "http://$addr/api/list_matters"
done
echo "== POST /api/list_matters (signed in), $n sequential requests: $(( ($(date +%s%N) - t0) / 1000 / n )) µs average"
if command -v wrk >/dev/null; then
  echo "== wrk, GET /login, 2 threads, 16 connections, 5 s"
  wrk -t2 -c16 -d5s "http://$addr/login" | sed -n '3,8p'
fi
