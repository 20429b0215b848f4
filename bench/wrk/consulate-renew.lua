-- Licensed under the Apache License, Version 2.0.
-- PUT /v1/session/renew/<id>, the id picked at random from the sessions that bench/session-bench.sh
-- created and listed, one per line, in the file named by SESSIONS_FILE.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local reqs = {}
function init(args)
  common.seed()
  local f = assert(io.open(assert(os.getenv("SESSIONS_FILE"), "SESSIONS_FILE not set"), "r"))
  for id in f:lines() do
    if #id > 0 then
      reqs[#reqs + 1] = wrk.format("PUT", "/v1/session/renew/" .. id, nil, "")
    end
  end
  f:close()
  assert(#reqs > 0, "no sessions in SESSIONS_FILE")
end
function request() return reqs[math.random(#reqs)] end
done = common.done
