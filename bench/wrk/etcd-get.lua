-- Licensed under the Apache License, Version 2.0.
-- etcd v3 JSON gateway: POST /v3/kv/range {"key":b64}. No "serializable" field,
-- so every read is linearizable (etcd's default).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local headers = { ["Content-Type"] = "application/json" }
local function build(i)
  local body = string.format('{"key":"%s"}', common.base64(common.key(i)))
  return wrk.format("POST", "/v3/kv/range", headers, body)
end

local pick
-- Built in init, once per thread: wrk sets the Host header just before init.
function init(args)
  common.seed()
  pick = common.random_requests(build)
end
function request() return pick() end
done = common.done
