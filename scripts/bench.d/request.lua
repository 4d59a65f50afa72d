-- wrk script used by scripts/bench: one fixed request, described by environment variables,
-- and a machine-readable summary line at the end.
--   BENCH_METHOD  GET or POST (default GET)
--   BENCH_BODY    request body, sent with Content-Type: application/json when set
--   BENCH_TOKEN   sent as X-Auth-Token when set
--   BENCH_ACCEPT  Accept header (default application/json)

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["Accept"] = os.getenv("BENCH_ACCEPT") or "application/json"

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["X-Auth-Token"] = token
end

local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

-- Latencies in microseconds. "status" is what wrk prints as "Non-2xx or 3xx responses"
-- (it counts responses with a status of 400 or more); the others are socket errors and timeouts.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH-RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
