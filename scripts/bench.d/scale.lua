-- wrk script used by scripts/bench-scale.
--   SCALE_MODE=create  POST /v1/secrets, each key into one of the projects whose tokens are the lines of
--                      SCALE_TOKENS: every tenth key into the first (the large project), the others spread
--                      evenly over the rest. With SCALE_PER_THREAD set, each thread stops after that many
--                      answers and creates a file named after it in SCALE_DONE (the loader); without it wrk
--                      runs for its duration (the measurement).
--   SCALE_MODE=read    GET /v1/secrets/{id}/payload for a key picked at random from SCALE_KEYS, whose
--                      lines are "<token> <secret id>".
-- Ends with the BENCH-RESULT line of result.lua.

local mode = os.getenv("SCALE_MODE") or "create"
local tokens, keys = {}, {}
local per_thread, threads, start = 0, 1, 0
local sent, answered = 0, 0
local body = '{"payload":"' .. (os.getenv("SCALE_PAYLOAD") or "") .. '","payload_content_type":'
  .. '"application/octet-stream","payload_content_encoding":"base64","algorithm":"aes",'
  .. '"bit_length":256,"secret_type":"symmetric"}'

local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  if mode == "read" then
    for line in io.lines(os.getenv("SCALE_KEYS")) do
      local token, id = line:match("^(%S+) (%S+)$")
      keys[#keys + 1] = { token = token, path = "/v1/secrets/" .. id .. "/payload" }
    end
    math.randomseed(os.time() + tid)
  else
    for line in io.lines(os.getenv("SCALE_TOKENS")) do tokens[#tokens + 1] = line end
  end
  per_thread = tonumber(os.getenv("SCALE_PER_THREAD") or "0")
  threads = tonumber(os.getenv("SCALE_THREADS") or "1")
  start = tonumber(os.getenv("SCALE_START") or "0")
end

function request()
  if mode == "read" then
    local key = keys[math.random(#keys)]
    return wrk.format("GET", key.path, { ["X-Auth-Token"] = key.token, ["Accept"] = "application/octet-stream" })
  end
  local n = start + sent * threads + tid
  sent = sent + 1
  local project = 1
  if n % 10 ~= 0 then project = 2 + n % (#tokens - 1) end
  return wrk.format("POST", "/v1/secrets", { ["X-Auth-Token"] = tokens[project],
    ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, body)
end

function response(status, headers, body)
  answered = answered + 1
  if per_thread > 0 and answered == per_thread then
    -- wrk runs for its whole duration even when every thread has stopped: tell scripts/bench-scale,
    -- which interrupts it once all threads are done.
    io.open(os.getenv("SCALE_DONE") .. "/" .. tid, "w"):close()
    wrk.thread:stop()
  end
end

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "result.lua")
