# The seed document's KV code, verbatim, followed by the KV flows python-consul2 users rely on.
# CONSUL_HTTP_ADDR (set by the test) points python-consul2 at the Consulate agent under test.
import threading
import time

import consul

c = consul.Consul(host="localhost", port=8500)

# Store config
c.kv.put("config/payment/max_retry", "3")
# Read config
_, data = c.kv.get("config/payment/max_retry")
value = data["Value"].decode()
assert value == "3", value

# --- beyond the seed: the rest of the KV surface through the same client ---
assert c.kv.put("config/payment/timeout", "30s", flags=7) is True
index, data = c.kv.get("config/payment/timeout")
assert data["Flags"] == 7 and data["Value"] == b"30s", data
assert int(index) == data["ModifyIndex"], (index, data)

index, missing = c.kv.get("config/payment/nope")
assert missing is None and int(index) > 0

assert c.kv.put("empty", "") is True
_, data = c.kv.get("empty")
assert data["Value"] is None, data

_, items = c.kv.get("config/payment/", recurse=True)
assert [i["Key"] for i in items] == ["config/payment/max_retry", "config/payment/timeout"], items

_, keys = c.kv.get("config/", keys=True, separator="/")
assert keys == ["config/payment/"], keys

assert c.kv.put("cas-key", "1", cas=0) is True
assert c.kv.put("cas-key", "2", cas=0) is False
_, data = c.kv.get("cas-key")
assert c.kv.put("cas-key", "3", cas=data["ModifyIndex"]) is True

assert c.kv.put("lock-key", "x", release="00000000-0000-0000-0000-000000000000") is False

for consistency in ("default", "consistent", "stale"):
    cc = consul.Consul(consistency=consistency)
    _, data = cc.kv.get("config/payment/max_retry")
    assert data["Value"] == b"3"

# A blocking watch loop: wait on the key's index until another writer changes it.
index, data = c.kv.get("config/payment/max_retry")
def writer():
    time.sleep(0.3)
    c.kv.put("config/payment/max_retry", "5")
t = threading.Thread(target=writer)
t.start()
started = time.time()
new_index, data = c.kv.get("config/payment/max_retry", index=index, wait="10s")
t.join()
assert data["Value"] == b"5", data
assert int(new_index) > int(index)
assert time.time() - started < 5

assert c.kv.delete("config/payment/timeout") is True
assert c.kv.delete("config/", recurse=True) is True
_, items = c.kv.get("config/", recurse=True)
assert items is None

leader = c.status.leader()
assert leader, leader
assert leader in c.status.peers()
self_info = c.agent.self()
assert self_info["Config"]["NodeName"]
assert self_info["Stats"]["consul"]["leader_addr"] == leader
assert self_info["Member"] in c.agent.members()
assert c.catalog.datacenters() == ["dc1"]
print("OK")
