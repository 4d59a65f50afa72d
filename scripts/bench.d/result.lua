-- The summary line that scripts/bench and scripts/bench-scale read, loaded by their wrk scripts.
-- Latencies in microseconds. "status" is what wrk prints as "Non-2xx or 3xx responses"
-- (it counts responses with a status of 400 or more); the others are socket errors and timeouts.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH-RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
