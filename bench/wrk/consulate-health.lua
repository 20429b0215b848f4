-- Licensed under the Apache License, Version 2.0.
-- GET /v1/health/service/web?passing: the discovery read of bench/discovery-bench.sh.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local req
-- Built in init, once per thread: wrk sets the Host header just before init.
function init(args)
  req = wrk.format("GET", "/v1/health/service/web?passing")
end
function request() return req end
done = common.done
