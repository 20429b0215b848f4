-- Licensed under the Apache License, Version 2.0.
-- GET /v1/kv/bench/<random key> with Consul's default consistency.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local function build(i)
  return wrk.format("GET", "/v1/kv/" .. common.key(i))
end

local pick
-- Built in init, once per thread: wrk sets the Host header just before init.
function init(args)
  common.seed()
  pick = common.random_requests(build)
end
function request() return pick() end
done = common.done
