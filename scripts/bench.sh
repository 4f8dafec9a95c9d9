#!/usr/bin/env bash
# Measures (does not assert) the release build: asset sizes, server start-up time on
# a new database, and request latency, on loopback only. Run after
# `cargo leptos build --release` (make bench does both). The build itself is not
# timed here.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
portico_locate

addr=127.0.0.1:3200
n=200

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
row() { printf '  %-26s %12s %12s\n' "$@"; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }

echo "== Sizes (release; site $PORTICO_SITE) =="
wasm="$PORTICO_SITE/pkg/portico_bg.wasm"
[ -f "$wasm" ] || wasm=$(ls "$PORTICO_SITE"/pkg/*.wasm 2>/dev/null | head -1 || true)
row file raw gzip-9
if [ -n "$wasm" ] && [ -f "$wasm" ]; then
  row "$(basename "$wasm")" "$(kb "$(size "$wasm")")" "$(kb "$(gz "$wasm")")"
else
  echo "  (no .wasm in $PORTICO_SITE/pkg)"
fi
shopt -s nullglob
for f in "$PORTICO_SITE"/pkg/*.js "$PORTICO_SITE"/pkg/*.css; do
  row "$(basename "$f")" "$(kb "$(size "$f")")" "$(kb "$(gz "$f")")"
done
shopt -u nullglob
row "server binary" "$(awk -v b="$(size "$PORTICO_BIN")" 'BEGIN { printf "%.1f MiB", b / 1048576 }')" ""

if curl -s -o /dev/null --max-time 2 "http://$addr/"; then
  echo "Something already answers on $addr: stop it first." >&2
  exit 1
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/portico-bench.XXXXXX")
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

echo
echo "== Start-up: new SQLite database in $data, --demo, on $addr =="
start=$(date +%s%N)
(
  unset DATABASE_URL PORTICO_DATABASE_URL PORTICO_SMTP_URL PORTICO_CONFIG
  export PORTICO_DATA_DIR="$data" PORTICO_ADDR="$addr" PORTICO_SITE_ROOT="$PORTICO_SITE" \
    PORTICO_PUBLIC_URL="http://$addr"
  exec "$PORTICO_BIN" serve --demo
) >"$data/server.log" 2>&1 &
pid=$!
deadline=$(( $(date +%s) + 60 ))
until curl -fs -o /dev/null --max-time 2 "http://$addr/login"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "The server exited during start-up:" >&2
    tail -20 "$data/server.log" >&2
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "The server did not answer GET /login within 60 s:" >&2
    tail -20 "$data/server.log" >&2
    exit 1
  fi
  sleep 0.02
done
echo "  time to first successful GET /login (migrate + demo seed + first page): $(( ($(date +%s%N) - start) / 1000000 )) ms"

# Prints "avg p50 p95 max" in ms from one curl time_total (seconds) per line.
stats() {
  sort -n | awk '{ t[NR] = $1 * 1000; s += $1 * 1000 }
    END { if (NR == 0) { print "no samples"; exit }
          printf "avg %.2f ms, p50 %.2f ms, p95 %.2f ms, max %.2f ms (%d requests)\n",
            s / NR, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR], NR }'
}

echo
echo "== GET /login (server-rendered page), $n sequential requests, one curl each =="
t0=$(date +%s%N)
for _ in $(seq "$n"); do
  curl -fs -o /dev/null --max-time 10 -w '%{time_total}\n' "http://$addr/login"
done | stats | sed 's/^/  /'
echo "  wall clock incl. curl start-up: $(awk -v ns="$(( $(date +%s%N) - t0 ))" -v n="$n" 'BEGIN { printf "%.2f", ns / n / 1e6 }') ms per request"

echo
echo "== POST /api/list_matters (signed in as the demo admin), $n sequential requests =="
jar="$data/cookies"
if curl -fs -o /dev/null --max-time 10 -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"ana@souzalima.example","password":"portico-demo"}' "http://$addr/api/login"; then
  body='{"filter":{"q":"","kind":"","status":"","archived":false}}'
  if curl -fs -o /dev/null --max-time 10 -b "$jar" -H 'content-type: application/json' -d "$body" "http://$addr/api/list_matters"; then
    for _ in $(seq "$n"); do
      curl -fs -o /dev/null --max-time 10 -b "$jar" -w '%{time_total}\n' \
        -H 'content-type: application/json' -d "$body" "http://$addr/api/list_matters"
    done | stats | sed 's/^/  /'
  else
    echo "  skipped: /api/list_matters did not answer 2xx (its API may have changed)"
  fi
else
  echo "  skipped: signing in through /api/login failed"
fi

echo
echo "== Client portal, signed in as the demo client, $n sequential requests each =="
cjar="$data/client-cookies"
if curl -fs -o /dev/null --max-time 10 -c "$cjar" -H 'content-type: application/json' \
  -d '{"email":"contato@boavista.example","password":"portico-demo"}' "http://$addr/api/client_login"; then
  echo "  POST /api/portal_home (visibility rule, changes since last visit):"
  for _ in $(seq "$n"); do
    curl -fs -o /dev/null --max-time 10 -b "$cjar" -w '%{time_total}\n' \
      -H 'content-type: application/json' -d '{"preview":""}' "http://$addr/api/portal_home"
  done | stats | sed 's/^/    /'
  echo "  GET /portal (server-rendered home):"
  for _ in $(seq "$n"); do
    curl -fs -o /dev/null --max-time 10 -b "$cjar" -w '%{time_total}\n' "http://$addr/portal"
  done | stats | sed 's/^/    /'
else
  echo "  skipped: signing in through /api/client_login failed"
fi

echo
echo "== Ticket inbox with 10,000 tickets (inserted straight into the SQLite file), $n requests each =="
if command -v python3 >/dev/null && [ -f "$data/portico.db" ]; then
  python3 - "$data/portico.db" <<'PY'
import sqlite3, sys, time, uuid
db = sqlite3.connect(sys.argv[1], timeout=30)
ws, = db.execute("SELECT id FROM workspaces LIMIT 1").fetchone()
matter, client = db.execute("SELECT g.matter_id, g.client_id FROM grants g WHERE g.matter_id IS NOT NULL LIMIT 1").fetchone()
start = (db.execute("SELECT COALESCE(MAX(number), 0) FROM tickets WHERE workspace_id = ?", (ws,)).fetchone()[0])
now = int(time.time() * 1000)
prios = [("low", 0), ("normal", 1), ("high", 2), ("urgent", 3)]
states = ["received", "in_progress", "done", "closed"]
rows = []
for i in range(10000):
    p, rank = prios[i % 4]
    rows.append((uuid.uuid4().hex, ws, matter, client, start + i + 1, f"Pedido {i}", "", p, rank, states[i % 4], now - i * 60000, now - i * 60000))
db.executemany("INSERT INTO tickets (id, workspace_id, matter_id, client_id, number, title, description, priority, priority_rank, state, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
db.commit()
PY
  for label in "newest first, page 1|{\"query\":{\"state\":\"\",\"priority\":\"\",\"client_id\":\"\",\"matter_id\":\"\",\"sort\":\"age\",\"desc\":true,\"page\":0}}" \
               "by priority, page 150|{\"query\":{\"state\":\"\",\"priority\":\"\",\"client_id\":\"\",\"matter_id\":\"\",\"sort\":\"priority\",\"desc\":true,\"page\":150}}" \
               "state=done by client, page 1|{\"query\":{\"state\":\"done\",\"priority\":\"\",\"client_id\":\"\",\"matter_id\":\"\",\"sort\":\"client\",\"desc\":false,\"page\":0}}"; do
    echo "  POST /api/list_tickets, ${label%%|*}:"
    for _ in $(seq "$n"); do
      curl -fs -o /dev/null --max-time 10 -b "$jar" -w '%{time_total}\n' \
        -H 'content-type: application/json' -d "${label#*|}" "http://$addr/api/list_tickets"
    done | stats | sed 's/^/    /'
  done
else
  echo "  skipped: needs python3 and the SQLite file"
fi

if command -v wrk >/dev/null; then
  echo
  echo "== wrk -t2 -c16 -d5s, GET /login =="
  wrk -t2 -c16 -d5s "http://$addr/login" | sed 's/^/  /'
else
  echo
  echo "(wrk not installed: no throughput run; 'apt-get install wrk' adds one)"
fi
