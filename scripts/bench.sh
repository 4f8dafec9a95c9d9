#!/usr/bin/env bash
# Load benchmark of the release build (make bench runs it after the build). Measures,
# never asserts. For each database (SQLite, then PostgreSQL):
#   - start-up time on a new database (migrations + first page), then a generated
#     dataset (`portico bench-data`: 1,000 matters, 20,000 tasks, 1,000 clients,
#     10,000 tickets; --large: 100,000 / 1,000,000 / 100,000 / 100,000);
#   - the release server pinned to one core (taskset -c 0), driven by wrk from the
#     other (taskset -c 1) at 32 connections, asking for br/gzip as browsers do:
#     requests/s, p50, p99 and errors of the client's home and matter page, the staff
#     matter page, the staff inbox (page and server fn) and ticket creation; then the
#     four pages again with the page cache off (PORTICO_PAGE_CACHE_MS=0): the cost
#     of rendering each view;
#   - the ceiling: the same bytes each page answered, served by a bare axum route
#     (`portico bench-ceiling`) on the same core, and each page's ratio to it;
#   - the transfer of a first visit (HTML and every asset it references, with and
#     without Accept-Encoding: br, gzip) and the server's memory at rest and after load;
#   - the same first visits in Chromium on a throttled phone profile (Slow 4G, 4x CPU,
#     empty cache; end2end/bench/first-visit.mjs): bytes on the wire and time to
#     interactive. Needs end2end's npm packages and Chromium (scripts/setup.sh).
# Also release asset sizes (raw, gzip -9, brotli -q 11). Writes BENCHMARKS.md (--large: BENCHMARKS-large.md) and
# bench/results-<backend>.json at the project root. Loopback only.
#
#   scripts/bench.sh [--large] [--duration S] [--sqlite-only | --pg-only] [--keep]
#
# --keep leaves the work folder (server logs, each page's body, wrk output) in place.
#
# PostgreSQL: PORTICO_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)
# is used to create a fresh database per run (portico_bench_<timestamp>), dropped at
# the end. wrk, brotli and jq are installed with apt when missing (as root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/paths.sh

usage() {
  echo "usage: $0 [--large] [--duration SECONDS] [--sqlite-only | --pg-only] [--keep]" >&2
  exit 2
}
large=0
keep=0
duration=10
backends="sqlite postgres"
while [ $# -gt 0 ]; do
  case "$1" in
    --large) large=1 ;;
    --duration) [ $# -ge 2 ] || usage; duration=$2; shift ;;
    --duration=*) duration=${1#*=} ;;
    --sqlite-only) backends="sqlite" ;;
    --pg-only) backends="postgres" ;;
    --keep) keep=1 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
  shift
done
[[ "$duration" =~ ^[0-9]+$ ]] && [ "$duration" -ge 1 ] || { echo "--duration takes whole seconds (>= 1)" >&2; exit 2; }

connections=32
warmup=$(( duration < 2 ? 1 : 2 ))
addr=127.0.0.1:3210
ceiling_addr=127.0.0.1:3211
pg_admin_url="${PORTICO_BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
out_dir="$PORTICO_ROOT/bench"
report="$PORTICO_ROOT/BENCHMARKS.md"
tag=""  # --large writes BENCHMARKS-large.md and bench/results-large-*.json
if [ "$large" -eq 1 ]; then report="$PORTICO_ROOT/BENCHMARKS-large.md"; tag="large-"; fi
lua="$PORTICO_ROOT/scripts/bench/report.lua"

SAY_TAG=bench
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
die() { loud "$@"; exit 1; }

# ---- Tools (apt, as scripts/setup.sh installs its packages) ----
need() { # command package
  command -v "$1" >/dev/null || apt_install "$2"
  command -v "$1" >/dev/null || die "$1 is required (apt package $2) and could not be installed"
}
need wrk wrk
need brotli brotli
need jq jq
need curl curl
need taskset util-linux
need gzip gzip

portico_locate

# ---- Cores: the server on one, the load generator on another ----
cores=$(nproc)
if [ "$cores" -ge 2 ]; then
  server_cpu=0 load_cpu=1
else
  server_cpu=0 load_cpu=0
  loud "Only one core: the server and wrk share it, so the numbers are not comparable to a 2-core run."
fi
pin_server() { taskset -c "$server_cpu" "$@"; }
pin_load() { taskset -c "$load_cpu" "$@"; }

for a in "$addr" "$ceiling_addr"; do
  if curl -s -o /dev/null --max-time 2 "http://$a/"; then
    die "Something already answers on $a: stop it first."
  fi
done

# ---- Temporary files, processes and databases, removed on exit ----
work=$(mktemp -d "${TMPDIR:-/tmp}/portico-bench.XXXXXX")
server_pid=""
ceiling_pid=""
pg_databases=()
stop_pid() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
pg_psql() { PGCONNECT_TIMEOUT=5 psql -w -qAt -v ON_ERROR_STOP=1 "$pg_admin_url" "$@"; }
pg_drop() {
  pg_psql -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1 \
    || pg_psql -c "DROP DATABASE IF EXISTS $1" >/dev/null 2>&1 \
    || echo "could not drop PostgreSQL database $1: drop it by hand" >&2
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$ceiling_pid"
  stop_pid "$server_pid"
  local d
  for d in "${pg_databases[@]+"${pg_databases[@]}"}"; do pg_drop "$d"; done
  if [ "$keep" -eq 1 ]; then echo "kept the work folder: $work" >&2; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted (SIGINT)" >&2; exit 130' INT
trap 'echo "terminated (SIGTERM)" >&2; exit 143' TERM

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }

# ---- The machine and the build ----
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
cpu_model=${cpu_model:-$(uname -m)}
load_avg=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
commit=$(git -C "$PORTICO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git -C "$PORTICO_ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit (with uncommitted changes)"
fi
if [ "$large" -eq 1 ]; then dataset_name=large; else dataset_name=default; fi
say "$started_at, $cores cores ($cpu_model), commit $commit, dataset $dataset_name, $duration s per page"
say "binary $PORTICO_BIN, site $PORTICO_SITE"

# ---- Release asset sizes (what the build wrote; .br/.gz are its precompressed copies) ----
echo
echo "== Asset sizes (release; $PORTICO_SITE/pkg) =="
printf '  %-40s %12s %12s %12s\n' file raw gzip-9 brotli-11
assets_json="$work/assets.json"
echo '[]' >"$assets_json"
shopt -s nullglob
for f in "$PORTICO_SITE"/pkg/*; do
  case "$f" in *.br|*.gz|*.ts) continue ;; esac  # precompressed copies, TypeScript declarations
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  printf '  %-40s %12s %12s %12s\n' "$(basename "$f")" "$(kib "$raw")" "$(kib "$gz")" "$(kib "$br")"
  jq --arg f "$(basename "$f")" --argjson raw "$raw" --argjson gz "$gz" --argjson br "$br" \
    '. + [{file: $f, raw: $raw, gzip: $gz, brotli: $br}]' "$assets_json" >"$assets_json.tmp"
  mv "$assets_json.tmp" "$assets_json"
done
shopt -u nullglob
binary_bytes=$(stat -L -c %s "$PORTICO_BIN")
printf '  %-40s %12s\n' "server binary" "$(awk -v b="$binary_bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }')"

# ---- PostgreSQL ----
if [[ " $backends " == *" postgres "* ]]; then
  if ! command -v psql >/dev/null; then apt_install postgresql-client; fi
  if ! pg_psql -c 'select 1' >/dev/null 2>&1; then
    if [ "$pg_admin_url" = "postgres://postgres@127.0.0.1:5432/postgres" ]; then
      say "PostgreSQL does not answer on 127.0.0.1:5432: scripts/setup.sh --postgres"
      bash scripts/setup.sh --postgres
    fi
    pg_psql -c 'select 1' >/dev/null 2>&1 || die "PostgreSQL does not answer at $pg_admin_url (use --sqlite-only to skip it)"
  fi
fi

# ---- The server under test ----
# Starts `portico serve` pinned to the server core with the backend's settings;
# waits for GET /login (fails loudly with the log tail); sets server_pid and
# startup_ms (launch to the first successful page).
start_server() { # url data_dir log [page_cache_ms]
  local url=$1 data=$2 log=$3 cache_ms=${4:-10000} t0
  t0=$(date +%s%N)
  (
    unset PORTICO_DATABASE_URL PORTICO_SMTP_URL PORTICO_CONFIG
    export DATABASE_URL="$url" PORTICO_DATA_DIR="$data" PORTICO_ADDR="$addr" PORTICO_SITE_ROOT="$PORTICO_SITE" \
      PORTICO_PUBLIC_URL="http://$addr" PORTICO_PAGE_CACHE_MS="$cache_ms"
    exec taskset -c "$server_cpu" "$PORTICO_BIN" serve
  ) >>"$log" 2>&1 &
  server_pid=$!
  local deadline=$(( $(date +%s) + 120 ))
  until curl -fs -o /dev/null --max-time 5 "http://$addr/login"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      tail -30 "$log" >&2
      die "The server exited during start-up (log above: $log)."
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      tail -30 "$log" >&2
      die "The server did not answer GET /login within 120 s (log above)."
    fi
    sleep 0.02
  done
  startup_ms=$(ms_since "$t0")
}
# Fails loudly when the server under test is gone (crashed or killed).
server_alive() {
  if ! kill -0 "$server_pid" 2>/dev/null; then
    tail -40 "$1" >&2
    die "The server (pid $server_pid) died during the benchmark (log above: $1)."
  fi
}
stop_server() {
  stop_pid "$server_pid"
  server_pid=""
}
# Prints {"rss_kib":…, "hwm_kib":…} of the running server.
memory() {
  awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { printf "{\"rss_kib\":%d,\"hwm_kib\":%d}", r, h }' "/proc/$server_pid/status"
}
# Signs in through a server fn; prints the session cookie ("portico_session=…").
sign_in() { # endpoint email password
  local jar="$work/jar.$RANDOM" status
  status=$(curl -s -o "$work/signin.out" -w '%{http_code}' --max-time 30 -c "$jar" -H 'content-type: application/json' \
    -d "$(jq -cn --arg e "$2" --arg p "$3" '{email: $e, password: $p}')" "http://$addr/api/$1")
  [ "$status" = 200 ] || die "POST /api/$1 as $2 answered $status: $(head -c 300 "$work/signin.out")"
  awk -F'\t' '$6 == "portico_session" { print $6 "=" $7 }' "$jar" | tail -1
}

# Runs wrk against $1 (method $2, body file $3, cookie $4) for $5 seconds; writes the
# JSON line of report.lua to $6.
run_wrk() {
  local url=$1 method=$2 body=$3 cookie=$4 secs=$5 out=$6
  BENCH_METHOD="$method" BENCH_BODY_FILE="$body" BENCH_COOKIE="$cookie" BENCH_ACCEPT_ENCODING="br, gzip" \
    pin_load wrk -t1 -c"$connections" -d"${secs}s" --timeout 30s --latency -s "$lua" "$url" >"$out.log" 2>&1 || true
  sed -n 's/^BENCH_JSON //p' "$out.log" >"$out"
  # The first answer outside 2xx (status and the start of its body), to say why.
  if grep -q '^BENCH_FIRST_ERROR ' "$out.log"; then
    loud "first answer outside 2xx from $method $url: $(sed -n 's/^BENCH_FIRST_ERROR //p' "$out.log" | head -1)"
  fi
  if ! jq -e .requests "$out" >/dev/null 2>&1; then
    cat "$out.log" >&2
    die "wrk gave no result for $method $url (its output above)"
  fi
}

# ---- First visit: the page and everything it makes the browser fetch ----
# Prints the URLs of the assets an HTML page references: <script src>, <link href>,
# quoted .js/.wasm/.css paths in inline scripts, and, when the page names no .wasm,
# the .wasm its JavaScript loads.
resolve() { # base_url ref
  local base=$1 ref=$2
  case "$ref" in
    http://"$addr"/*) echo "$ref" ;;
    http://*|https://*|//*|data:*|'') ;;
    /*) echo "http://$addr$ref" ;;
    *) echo "${base%/*}/$ref" ;;
  esac
}
asset_urls() { # html_file page_url
  local html=$1 page=$2 ref u
  {
    { grep -oiE '<(script|link)[^>]*>' "$html" || true; } | { grep -oiE '(src|href)="[^"]*"' || true; } \
      | sed -E 's/^[a-zA-Z]+="//; s/"$//'
    { grep -oE "[\"'][^\"' <>()]+\.(js|wasm|css)[\"']" "$html" || true; } | tr -d "\"'"
  } | while read -r ref; do resolve "$page" "$ref"; done | sort -u >"$work/assets.txt"
  if ! grep -q '\.wasm$' "$work/assets.txt"; then
    while read -r u; do
      case "$u" in *.js) ;; *) continue ;; esac
      { curl -fs --max-time 30 "$u" 2>/dev/null || true; } | { grep -oE "[\"'][^\"' <>()]+\.wasm[\"']" || true; } | tr -d "\"'" \
        | while read -r ref; do resolve "$u" "$ref"; done
    done <"$work/assets.txt" >"$work/assets-wasm.txt" || true
    cat "$work/assets-wasm.txt" >>"$work/assets.txt"
  fi
  sort -u "$work/assets.txt"
}
# Prints {"status":…, "raw":…, "compressed":…, "encoding":…} for one GET.
transfer() { # url cookie
  local url=$1 cookie=$2 raw enc
  raw=$(curl -s -o /dev/null --max-time 60 -H "Cookie: $cookie" -w '%{http_code} %{size_download}' "$url")
  enc=$(curl -s -o /dev/null --max-time 60 -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip' \
    -D "$work/headers.txt" -w '%{size_download}' "$url")
  local encoding
  encoding=$(awk -F': *' 'tolower($1) == "content-encoding" { gsub(/\r/, "", $2); print $2 }' "$work/headers.txt" | tail -1)
  jq -cn --argjson status "${raw%% *}" --argjson raw "${raw##* }" --argjson comp "$enc" --arg e "${encoding:-identity}" \
    '{status: $status, raw: $raw, compressed: $comp, encoding: $e}'
}
first_visit() { # page_name path cookie → JSON
  local name=$1 path=$2 cookie=$3 url="http://$addr$2" html="$work/first-visit.html" assets=() a
  curl -s -o "$html" --max-time 60 -H "Cookie: $cookie" "$url"
  local page_t
  page_t=$(transfer "$url" "$cookie")
  mapfile -t assets < <(asset_urls "$html" "$url")
  local items="[]"
  for a in "${assets[@]+"${assets[@]}"}"; do
    items=$(jq -c --arg u "${a#http://$addr}" --argjson t "$(transfer "$a" "$cookie")" '. + [$t + {url: $u}]' <<<"$items")
  done
  jq -cn --arg name "$name" --arg path "$path" --argjson page "$page_t" --argjson assets "$items" '
    ($assets | map(select(.status == 200))) as $ok
    | {name: $name, path: $path, html: $page, assets: $assets,
       raw_total: ($page.raw + ($ok | map(.raw) | add // 0)),
       compressed_total: ($page.compressed + ($ok | map(.compressed) | add // 0))}'
}

# ---- One backend ----
run_backend() {
  local backend=$1 dir="$work/$1" url pg_name=""
  mkdir -p "$dir/data"
  echo
  echo "==== $backend ===="
  case "$backend" in
    sqlite) url="sqlite://$dir/data/portico.db" ;;
    postgres)
      pg_name="portico_bench_$(date +%Y%m%d%H%M%S)_$$"
      pg_psql -c "CREATE DATABASE $pg_name" >/dev/null
      pg_databases+=("$pg_name")
      url="${pg_admin_url%/*}/$pg_name"
      say "fresh database $pg_name"
      ;;
  esac
  local log="$dir/server.log"

  # Start-up on the new, empty database: migrations and the first page.
  start_server "$url" "$dir/data" "$log"
  local startup_new=$startup_ms
  say "start-up on a new database: $startup_new ms"
  stop_server

  # The dataset.
  say "generating the $dataset_name dataset (portico bench-data)"
  local t0 gen
  t0=$(date +%s%N)
  if ! (
    unset PORTICO_DATABASE_URL PORTICO_CONFIG
    export DATABASE_URL="$url" PORTICO_DATA_DIR="$dir/data"
    if [ "$large" -eq 1 ]; then exec "$PORTICO_BIN" bench-data --large; else exec "$PORTICO_BIN" bench-data; fi
  ) >"$dir/bench-data.json" 2>"$dir/bench-data.log"; then
    cat "$dir/bench-data.log" >&2
    die "portico bench-data failed on $backend (its output above)"
  fi
  sed 's/^/  /' "$dir/bench-data.log"
  local load_ms
  load_ms=$(ms_since "$t0")
  gen=$(tail -1 "$dir/bench-data.json")
  jq -e .client_matter_id <<<"$gen" >/dev/null || die "bench-data printed no ids: $gen"
  local client_matter staff_matter ticket_matter admin_email client_email password
  client_matter=$(jq -r .client_matter_id <<<"$gen")
  staff_matter=$(jq -r .staff_matter_id <<<"$gen")
  ticket_matter=$(jq -r .ticket_matter_id <<<"$gen")
  admin_email=$(jq -r .admin_email <<<"$gen")
  client_email=$(jq -r .client_email <<<"$gen")
  password=$(jq -r .password <<<"$gen")
  say "dataset loaded in $(awk -v ms="$load_ms" 'BEGIN { printf "%.1f", ms / 1000 }') s"

  # The server on the loaded database, at rest.
  start_server "$url" "$dir/data" "$log"
  local startup_loaded=$startup_ms
  say "start-up with the dataset: $startup_loaded ms (pid $server_pid, core $server_cpu)"
  sleep 2
  local mem_rest
  mem_rest=$(memory)

  local admin_cookie client_cookie
  admin_cookie=$(sign_in login "$admin_email" "$password")
  client_cookie=$(sign_in client_login "$client_email" "$password")
  [ -n "$admin_cookie" ] && [ -n "$client_cookie" ] || die "signing in gave no session cookie"

  # The pages: name | who | method | path | body
  local inbox_query='{"query":{"state":"","priority":"","client_id":"","matter_id":"","sort":"age","desc":true,"page":0}}'
  local ticket_body
  ticket_body=$(jq -cn --arg m "$ticket_matter" \
    '{matter_id: $m, input: {title: "Pedido do benchmark", priority: "normal", description: "Aberto pelo benchmark de carga."}, preview: ""}')
  # name|who|method|path|body|page cache ("off": the server restarted without it;
# the server fns run there too, the page cache never applies to them). The pages
# rendered without the cache run before ticket creation adds thousands of tickets.
  local pages=(
    "client_home|client|GET|/portal||"
    "client_matter|client|GET|/portal/m/$client_matter||"
    "staff_matter|admin|GET|/matters/$staff_matter||"
    "staff_inbox|admin|GET|/tickets||"
    "client_home_rendered|client|GET|/portal||off"
    "client_matter_rendered|client|GET|/portal/m/$client_matter||off"
    "staff_matter_rendered|admin|GET|/matters/$staff_matter||off"
    "staff_inbox_rendered|admin|GET|/tickets||off"
    "staff_inbox_api|admin|POST|/api/list_tickets|$inbox_query|off"
    "create_ticket|client|POST|/api/create_ticket|$ticket_body|off"
  )
  local p name who method path body mode cookie bodyf status ctype cenc mem_load=""
  for p in "${pages[@]}"; do
    IFS='|' read -r name who method path body mode <<<"$p"
    if [ "$mode" = off ] && [ -z "$mem_load" ]; then
      mem_load=$(memory)
      say "memory after the load: $mem_load; restarting without the page cache"
      stop_server
      start_server "$url" "$dir/data" "$log" 0
    fi
    if [ "$who" = admin ]; then cookie=$admin_cookie; else cookie=$client_cookie; fi
    bodyf=""
    if [ -n "$body" ]; then bodyf="$dir/$name.request"; printf '%s' "$body" >"$bodyf"; fi
    # The page's own answer, compressed as wrk asks for it: the ceiling serves it.
    : >"$dir/$name.body"
    local curl_args=(-s -o "$dir/$name.body" --max-time 60 -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip'
      -w '%{http_code}\t%{content_type}\t%header{content-encoding}')
    if [ -n "$bodyf" ]; then curl_args+=(-X "$method" -H 'content-type: application/json' --data-binary "@$bodyf"); fi
    IFS=$'\t' read -r status ctype cenc < <(curl "${curl_args[@]}" "http://$addr$path"; echo)
    if [ "${status:0:1}" != 2 ]; then
      loud "$method $path answered $status (not 2xx) on $backend: its numbers measure that answer." \
        "$(head -c 200 "$dir/$name.body" | tr -d '\r\n')"
    fi
    say "$name: $method $path -> $status, $(stat -c %s "$dir/$name.body") bytes ($ctype${cenc:+, $cenc})"
    run_wrk "http://$addr$path" "$method" "$bodyf" "$cookie" "$warmup" "$dir/$name.warmup.json"
    run_wrk "http://$addr$path" "$method" "$bodyf" "$cookie" "$duration" "$dir/$name.wrk.json"
    server_alive "$log"
    jq -c --arg name "$name" --arg who "$who" --arg method "$method" --arg path "$path" --arg status "$status" \
      --arg ctype "$ctype" --arg cenc "$cenc" --arg cache "${mode:-on}" --argjson bytes "$(stat -c %s "$dir/$name.body")" \
      '{name: $name, as: $who, method: $method, path: $path, status: ($status | tonumber? // 0), content_type: $ctype,
        content_encoding: $cenc, page_cache: $cache, body_bytes: $bytes, load: .}' "$dir/$name.wrk.json" >"$dir/$name.page.json"
    jq -r 'if .load.requests == 0 then "  no request completed in \(.load.duration_us / 1e6 | round) s" else "  \(.load.rps | floor) req/s, p50 \(.load.latency_us.p50 / 1000) ms, p99 \(.load.latency_us.p99 / 1000) ms, \(.load.requests) requests, non-2xx \(.load.errors.non2xx), socket errors \(.load.errors.connect + .load.errors.read + .load.errors.write + .load.errors.timeout)" end' "$dir/$name.page.json"
  done
  [ -n "$mem_load" ] || mem_load=$(memory)
  say "memory: at rest $mem_rest, after load $mem_load"

  # First visits of the HTML pages, as each page's user.
  local visits="[]"
  for p in "${pages[@]}"; do
    IFS='|' read -r name who method path body mode <<<"$p"
    [ "$method" = GET ] && [ -z "$mode" ] || continue  # the cached GET pages
    if [ "$who" = admin ]; then cookie=$admin_cookie; else cookie=$client_cookie; fi
    visits=$(jq -c --argjson v "$(first_visit "$name" "$path" "$cookie")" '. + [$v]' <<<"$visits")
  done
  jq -r '.[] | "  first visit \(.name): \(.raw_total) bytes raw, \(.compressed_total) compressed (\(.assets | length) assets)"' <<<"$visits"

  # The same first visits in Chromium on a throttled phone profile: bytes on the
  # wire and time to interactive (end2end/bench/first-visit.mjs says how).
  local browser_args=() browser_visits="[]"
  for p in "${pages[@]}"; do
    IFS='|' read -r name who method path body mode <<<"$p"
    [ "$method" = GET ] && [ -z "$mode" ] && [ "$name" != staff_inbox ] || continue
    if [ "$who" = admin ]; then cookie=$admin_cookie; else cookie=$client_cookie; fi
    browser_args+=(--visit "name=$name,path=$path,cookie=$cookie")
  done
  # The client's new-ticket form: a portal page that loads the app (its form).
  browser_args+=(--visit "name=client_new_ticket,path=/portal/m/$client_matter/new-ticket,cookie=$client_cookie")
  if browser_visits=$(node end2end/bench/first-visit.mjs --base "http://$addr" "${browser_args[@]}" | jq -sc .); then
    jq -r '.[] | "  in Chromium, Slow 4G + 4x CPU, \(.name): \(.transfer_bytes) bytes in \(.requests) responses, interactive at \(.interactive_ms) ms (load \(.load_ms) ms, wasm: \(.wasm)); the service worker then saved \(.worker_extra_bytes) bytes in \(.worker_extra_requests) requests"' <<<"$browser_visits"
  else
    loud "the browser first visit failed; its numbers are left out"
    browser_visits="[]"
  fi
  stop_server

  # The ceiling: each page's own bytes from a bare axum route on the same core (a
  # page rendered without the cache is compared with the same page's ceiling).
  for p in "${pages[@]}"; do
    IFS='|' read -r name who method path body mode <<<"$p"
    if [ "$name" != "${name%_rendered}" ]; then
      jq -c --slurpfile c "$dir/${name%_rendered}.ceiling.json" '. + {ceiling: $c[0], ratio: (if $c[0].rps > 0 then .load.rps / $c[0].rps else null end)}' \
        "$dir/$name.page.json" >"$dir/$name.page.json.tmp"
      mv "$dir/$name.page.json.tmp" "$dir/$name.page.json"
      continue
    fi
    if [ "$who" = admin ]; then cookie=$admin_cookie; else cookie=$client_cookie; fi
    bodyf=""
    [ -z "$body" ] || bodyf="$dir/$name.request"
    ctype=$(jq -r .content_type "$dir/$name.page.json")
    cenc=$(jq -r .content_encoding "$dir/$name.page.json")
    (exec taskset -c "$server_cpu" "$PORTICO_BIN" bench-ceiling --addr "$ceiling_addr" --file "$dir/$name.body" \
      --content-type "${ctype:-application/octet-stream}" --content-encoding "$cenc") >"$dir/ceiling.log" 2>&1 &
    ceiling_pid=$!
    local tries=0
    until curl -fs -o /dev/null --max-time 2 "http://$ceiling_addr/"; do
      tries=$((tries + 1))
      if ! kill -0 "$ceiling_pid" 2>/dev/null || [ "$tries" -gt 500 ]; then
        tail -20 "$dir/ceiling.log" >&2
        die "portico bench-ceiling did not start (log above)"
      fi
      sleep 0.02
    done
    run_wrk "http://$ceiling_addr$path" "$method" "$bodyf" "$cookie" "$warmup" "$dir/$name.ceiling-warmup.json"
    run_wrk "http://$ceiling_addr$path" "$method" "$bodyf" "$cookie" "$duration" "$dir/$name.ceiling.json"
    stop_pid "$ceiling_pid"
    ceiling_pid=""
    jq -c --slurpfile c "$dir/$name.ceiling.json" '. + {ceiling: $c[0], ratio: (if $c[0].rps > 0 then .load.rps / $c[0].rps else null end)}' \
      "$dir/$name.page.json" >"$dir/$name.page.json.tmp"
    mv "$dir/$name.page.json.tmp" "$dir/$name.page.json"
    jq -r '"  ceiling \(.name): \(.ceiling.rps | floor) req/s (page at \((.ratio // 0) * 1000 | round / 10)% of it)"' "$dir/$name.page.json"
  done

  # Results.
  mkdir -p "$out_dir"
  local page_files=()
  for p in "${pages[@]}"; do page_files+=("$dir/${p%%|*}.page.json"); done
  jq -s --arg backend "$backend" --arg date "$started_at" --arg commit "$commit" --arg cpu "$cpu_model" \
    --argjson cores "$cores" --argjson duration "$duration" --argjson connections "$connections" \
    --argjson warmup "$warmup" --arg dataset "$dataset_name" --argjson gen "$gen" --argjson load_ms "$load_ms" \
    --argjson startup_new "$startup_new" --argjson startup_loaded "$startup_loaded" \
    --argjson mem_rest "$mem_rest" --argjson mem_load "$mem_load" --argjson visits "$visits" --argjson browser "$browser_visits" \
    --argjson assets "$(cat "$assets_json")" --argjson binary "$binary_bytes" \
    --argjson server_cpu "$server_cpu" --argjson load_cpu "$load_cpu" --arg load_avg "$load_avg" '
    {backend: $backend, date: $date, commit: $commit,
     machine: {cores: $cores, cpu: $cpu, server_cpu: $server_cpu, load_cpu: $load_cpu, load_average_at_start: $load_avg},
     load: {tool: "wrk", threads: 1, connections: $connections, duration_s: $duration, warmup_s: $warmup},
     dataset: {name: $dataset, sizes: $gen.sizes, rows: ($gen.rows | map({(.[0]): .[1]}) | add),
               load_ms: $load_ms, ids: {client_matter: $gen.client_matter_id, staff_matter: $gen.staff_matter_id,
               ticket_matter: $gen.ticket_matter_id}},
     startup_ms: {new_database: $startup_new, with_dataset: $startup_loaded},
     memory_kib: {at_rest: $mem_rest, after_load: $mem_load},
     pages: ., first_visit: $visits, browser_first_visit: $browser, assets: $assets, server_binary_bytes: $binary}' \
    "${page_files[@]}" >"$out_dir/results-$tag$backend.json"
  say "wrote bench/results-$tag$backend.json"

  if [ -n "$pg_name" ]; then
    pg_drop "$pg_name"
    local rest=()
    for d in "${pg_databases[@]}"; do [ "$d" = "$pg_name" ] || rest+=("$d"); done
    pg_databases=("${rest[@]+"${rest[@]}"}")
  fi
}

for b in $backends; do run_backend "$b"; done

# ---- BENCHMARKS.md, from this run's JSON ----
results=()
for b in $backends; do results+=("$out_dir/results-$tag$b.json"); done
fmt_int='def th: tostring | if length > 3 then (.[:-3] | th) + "," + .[-3:] else . end;'
{
  first=${results[0]}
  echo "# Benchmarks"
  echo
  echo "Generated by \`make bench\` (\`scripts/bench.sh$( [ "$large" -eq 1 ] && printf ' --large' ) --duration $duration\`): do not edit, rerun it."
  echo "Numbers are measurements on one machine, to compare runs and backends, not targets."
  echo
  jq -r "$fmt_int"'
    "- Date: \(.date)",
    "- Machine: \(.machine.cores) cores, \(.machine.cpu); server pinned to core \(.machine.server_cpu), wrk on core \(.machine.load_cpu) (loopback); load average at the start \(.machine.load_average_at_start) (anything else running skews the numbers)",
    "- Commit: \(.commit)",
    "- Dataset (\(.dataset.name)): \(.dataset.sizes.matters | th) matters, \(.dataset.sizes.tasks | th) tasks, \(.dataset.sizes.clients | th) clients, \(.dataset.sizes.tickets | th) tickets; one workspace, \(.dataset.rows.staff + 1) staff; the bench client sees 5 matters with all 8 blocks, one with a schedule, a deadline and 200 public tasks",
    "- Load: wrk, \(.load.threads) thread, \(.load.connections) connections, `Accept-Encoding: br, gzip` and the signed-in cookie, \(.load.duration_s) s per page after a \(.load.warmup_s) s warm-up; errors are socket errors plus answers outside 2xx",
    "- Pages run with the page cache on (the default: a page is answered from memory while nothing was committed since it was rendered for the same cookies, path and encodings; the visit flush commits every second, so each page is rendered again at least once a second under this load), then again with it off (`PORTICO_PAGE_CACHE_MS=0`): each view rendered from the database",
    "- PostgreSQL runs on this machine and is not pinned: its processes share both cores with the server and wrk",
    "- Ceiling: the same (compressed) bytes and headers the page answered, from a bare axum route (`portico bench-ceiling`, no middleware) on the same core; ratio = page req/s ÷ ceiling req/s"' "$first"
  echo
  echo "## Release assets"
  echo
  echo "| file | raw | gzip -9 | brotli -q 11 |"
  echo "|---|---:|---:|---:|"
  jq -r "$fmt_int"'.assets[] | "| \(.file) | \(.raw | th) | \(.gzip | th) | \(.brotli | th) |"' "$first"
  jq -r "$fmt_int"'"| server binary | \(.server_binary_bytes | th) | | |"' "$first"
  for r in "${results[@]}"; do
    echo
    jq -r "$fmt_int"'
      def ms: . / 1000 | (. * 100 | round) / 100 | tostring | . + " ms";
      def errs: (.connect + .read + .write + .timeout + .non2xx) as $n
        | if $n == 0 then "0" else "\($n | th) (non-2xx \(.non2xx | th))" end;
      def mib: . / 1024 | (. * 10 | round) / 10 | tostring | . + " MiB";
      def page_label: {client_home: "client home (GET /portal)", client_matter: "client matter, all blocks, 200 public tasks (GET /portal/m/…)",
                  staff_matter: "staff matter page (GET /matters/…)", staff_inbox: "staff inbox page (GET /tickets)",
                  staff_inbox_api: "staff inbox, server fn (POST /api/list_tickets)",
                  create_ticket: "ticket creation as the client (POST /api/create_ticket)",
                  client_home_rendered: "client home, rendered (page cache off)",
                  client_matter_rendered: "client matter, rendered (page cache off)",
                  staff_matter_rendered: "staff matter page, rendered (page cache off)",
                  staff_inbox_rendered: "staff inbox page, rendered (page cache off)"}[.name] // .name;
      "## \(if .backend == "sqlite" then "SQLite" else "PostgreSQL" end)",
      "",
      "Start-up (launch to first page): \(.startup_ms.new_database) ms on a new database (migrations), \(.startup_ms.with_dataset) ms with the dataset. Dataset generated and loaded in \(.dataset.load_ms / 1000 | (. * 10 | round) / 10) s.",
      "",
      "| page | req/s | p50 | p99 | errors | ceiling req/s | ratio |",
      "|---|---:|---:|---:|---:|---:|---:|",
      (.pages[] | "| \(page_label)\(if .status >= 200 and .status < 300 then "" else " **answered \(.status)**" end) | \(if .load.requests == 0 then "**none completed in \(.load.duration_us / 1e6 | round) s**" else .load.rps | floor | th end) | \(if .load.requests == 0 then "–" else .load.latency_us.p50 | ms end) | \(if .load.requests == 0 then "–" else .load.latency_us.p99 | ms end) | \(.load.errors | errs) | \(.ceiling.rps | floor | th) | \(if .ratio then (.ratio * 1000 | round / 10 | tostring) + " %" else "–" end) |"),
      "",
      "First visit (the HTML and every asset it references, bytes on the wire; compressed = `Accept-Encoding: br, gzip`):",
      "",
      "| page | HTML raw | HTML compressed | assets | total raw | total compressed |",
      "|---|---:|---:|---:|---:|---:|",
      (.first_visit[] | "| \(.name) | \(.html.raw | th) | \(.html.compressed | th) (\(.html.encoding)) | \(.assets | map(select(.status == 200)) | length)\(if (.assets | map(select(.status != 200)) | length) > 0 then ", \(.assets | map(select(.status != 200)) | length) failed" else "" end) | \(.raw_total | th) | \(.compressed_total | th) |"),
      "",
      (if (.first_visit | length) > 0 then
        "Assets of the first page: " + (.first_visit[0].assets | map("`\(.url)` \(.raw | th) → \(.compressed | th) (\(.encoding)\(if .status != 200 then ", HTTP \(.status)" else "" end))") | join(", ")) + "."
       else empty end),
      "",
      (if ((.browser_first_visit // []) | length) > 0 then
        "First visit in Chromium as a phone on mobile data meets it (empty cache, DevTools \"Slow 4G\": 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up; 4x CPU slowdown; 390×844). Interactive: the app hydrated, on pages that load the wasm; DOMContentLoaded on pages that do not (their links and forms are plain HTML). Measured with the service worker blocked, so that every request of the page is throttled and counted; a second visit with it shows what it downloads in the background (the pages it saves for offline reading):",
        "",
        "| page | responses | transferred | interactive | load | wasm | service worker, background |",
        "|---|---:|---:|---:|---:|---|---:|",
        (.browser_first_visit[] | "| \(.name) | \(.requests) | \(.transfer_bytes | th) | \(.interactive_ms | th) ms | \(.load_ms | th) ms | \(if .wasm then "yes" else "no" end) | \(.worker_extra_bytes // 0 | th) in \(.worker_extra_requests // 0) |"),
        ""
       else empty end),
      "Server memory: at rest VmRSS \(.memory_kib.at_rest.rss_kib | mib) (peak VmHWM \(.memory_kib.at_rest.hwm_kib | mib)); right after the load VmRSS \(.memory_kib.after_load.rss_kib | mib) (peak VmHWM \(.memory_kib.after_load.hwm_kib | mib))."' "$r"
  done
} >"$report"
echo
say "wrote ${report#$PORTICO_ROOT/} and ${results[*]#$PORTICO_ROOT/}"
