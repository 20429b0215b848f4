# python-consul2's c.txn.put flow: a multi-key write, reads and checks, a failing transaction (409,
# raised as ClientError) that leaves nothing behind, and a lock taken through a transaction.
# CONSUL_HTTP_ADDR (set by the test) points python-consul2 at the Consulate agent under test.
import base64

import consul
import consul.base

c = consul.Consul(host="localhost", port=8500)


def b64(s):
    return base64.b64encode(s.encode()).decode()


r = c.txn.put([
    {"KV": {"Verb": "set", "Key": "txn/a", "Value": b64("1")}},
    {"KV": {"Verb": "set", "Key": "txn/b", "Value": b64("2"), "Flags": 3}},
])
assert r["Errors"] is None and len(r["Results"]) == 2, r
idx = r["Results"][0]["KV"]["ModifyIndex"]
assert r["Results"][0]["KV"]["Value"] is None, r

r = c.txn.put([
    {"KV": {"Verb": "get", "Key": "txn/a"}},
    {"KV": {"Verb": "check-index", "Key": "txn/a", "Index": idx}},
    {"KV": {"Verb": "get-tree", "Key": "txn/"}},
])
assert base64.b64decode(r["Results"][0]["KV"]["Value"]) == b"1", r
assert [x["KV"]["Key"] for x in r["Results"][2:]] == ["txn/a", "txn/b"], r

try:
    c.txn.put([
        {"KV": {"Verb": "set", "Key": "txn/c", "Value": b64("3")}},
        {"KV": {"Verb": "cas", "Key": "txn/a", "Index": idx + 1000, "Value": b64("x")}},
    ])
    raise AssertionError("a stale cas must fail the transaction")
except consul.base.ClientError as e:
    assert "409" in str(e) and 'failed to set key \\"txn/a\\", index is stale' in str(e), str(e)
_, missing = c.kv.get("txn/c")
assert missing is None
_, a = c.kv.get("txn/a")
assert a["Value"] == b"1", a

s = c.session.create()
r = c.txn.put([{"KV": {"Verb": "lock", "Key": "txn/leader", "Session": s, "Value": b64("me")}}])
assert r["Results"][0]["KV"]["Session"] == s, r
_, held = c.kv.get("txn/leader")
assert held["Session"] == s and held["Value"] == b"me", held
print("OK")
