-- Licensed under the Apache License, Version 2.0.
-- PUT /v1/kv/bench/<random key> with a 100-byte body.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local function build(i)
  return wrk.format("PUT", "/v1/kv/" .. common.key(i), nil, common.VALUE)
end

local pick
-- Built in init, once per thread: wrk sets the Host header just before init.
function init(args)
  common.seed()
  pick = common.random_requests(build)
end
function request() return pick() end
done = common.done
