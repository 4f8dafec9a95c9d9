-- wrk script for scripts/bench.sh: sends the request described by the environment
-- and prints one line "BENCH_JSON {...}" at the end (times in microseconds).
--   BENCH_METHOD        GET (default) or POST
--   BENCH_BODY_FILE     file whose bytes are the request body (POST)
--   BENCH_CONTENT_TYPE  type of that body (default application/json)
--   BENCH_COOKIE        Cookie header (a signed-in session)
--   BENCH_ACCEPT_ENCODING  Accept-Encoding header (as a browser sends it)
-- wrk itself counts only 4xx/5xx as status errors; response() here counts every
-- answer outside 2xx (a redirect to a login page is a failure too).
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY_FILE") or ""
if body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/json"
end
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

local accept = os.getenv("BENCH_ACCEPT_ENCODING") or ""
if accept ~= "" then
  wrk.headers["Accept-Encoding"] = accept
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

non2xx = 0
first_error = ""
function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_error == "" then
      first_error = status .. " " .. string.sub(body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local bad = 0
  local first = ""
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    if first == "" then first = t:get("first_error") or "" end
  end
  if first ~= "" then
    io.write("BENCH_FIRST_ERROR " .. first:gsub("[\r\n]", " ") .. "\n")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"rps":%.2f,' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"non2xx":%d}}\n',
    summary.requests, summary.duration, summary.bytes, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.timeout, e.status, bad))
end
