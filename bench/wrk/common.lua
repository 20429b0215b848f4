-- Licensed under the Apache License, Version 2.0.
-- Shared helpers for the wrk scripts of bench/kv-bench.sh (loaded with dofile).
-- Every script picks a key uniformly at random from a fixed set of KEY_COUNT keys
-- named bench/k0000 .. bench/k0999, prebuilt once per thread so that request()
-- does no work beyond a table lookup.

local common = {}

common.KEY_COUNT = 1000
-- 100 bytes of value: the same for Consulate and etcd.
common.VALUE = string.rep("0123456789", 10)

function common.key(i)
  return string.format("bench/k%04d", i)
end

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

-- Standard base64 (with padding), as etcd's JSON gateway expects for bytes fields.
function common.base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1 = math.floor(n / 262144) % 64
    local c2 = math.floor(n / 4096) % 64
    local c3 = math.floor(n / 64) % 64
    local c4 = n % 64
    out[#out + 1] = ALPHABET:sub(c1 + 1, c1 + 1) .. ALPHABET:sub(c2 + 1, c2 + 1)
      .. (b and ALPHABET:sub(c3 + 1, c3 + 1) or "=")
      .. (c and ALPHABET:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

-- Builds KEY_COUNT raw requests (call it from init(), once the Host header is set) with build(i) and returns a request() function
-- that sends one of them chosen at random.
function common.random_requests(build)
  local reqs = {}
  for i = 0, common.KEY_COUNT - 1 do
    reqs[i + 1] = build(i)
  end
  return function()
    return reqs[math.random(common.KEY_COUNT)]
  end
end

-- Seeds each thread differently (init runs once per thread).
local thread_seq = 0
function common.seed()
  thread_seq = thread_seq + 1
  math.randomseed(os.time() + thread_seq * 7919 + math.floor(os.clock() * 1e6))
end

-- wrk calls done() once at the end; this prints one machine-readable line.
-- Latencies are in microseconds; non2xx counts responses with status > 399
-- (wrk's own "Non-2xx or 3xx responses" line is checked by the script too).
function common.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d"
      .. " non2xx=%d connect_err=%d read_err=%d write_err=%d timeout_err=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end

return common
