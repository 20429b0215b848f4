-- Licensed under the Apache License, Version 2.0.
-- etcd v3 JSON gateway: POST /v3/kv/put {"key":b64,"value":b64} (100-byte value).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local value64 = common.base64(common.VALUE)
local headers = { ["Content-Type"] = "application/json" }
local function build(i)
  local body = string.format('{"key":"%s","value":"%s"}', common.base64(common.key(i)), value64)
  return wrk.format("POST", "/v3/kv/put", headers, body)
end

local pick
-- Built in init, once per thread: wrk sets the Host header just before init.
function init(args)
  common.seed()
  pick = common.random_requests(build)
end
function request() return pick() end
done = common.done
