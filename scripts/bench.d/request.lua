-- wrk script used by scripts/bench: one fixed request, described by environment variables,
-- and the machine-readable summary line of result.lua at the end.
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

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "result.lua")
