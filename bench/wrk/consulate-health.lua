-- Licensed under the Apache License, Version 2.0.
-- GET /v1/health/service/web?passing: the discovery read of bench/discovery-bench.sh.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local req
-- Built in init, once per thread: wrk sets the Host header just before init.
-- ACCEPT_GZIP=1 (the harness default) asks for gzip as Go's client, python-requests and OkHttp do.
function init(args)
  local headers = {}
  if os.getenv("ACCEPT_GZIP") == "1" then headers["Accept-Encoding"] = "gzip" end
  req = wrk.format("GET", "/v1/health/service/web?passing", headers)
end
function request() return req end
done = common.done
