# Session and lock flows through python3-consul2, as its users write them: create / renew / info / list /
# node / destroy, KV acquire and release, lock-delay, behavior=delete, and the error texts clients match.
# CONSUL_HTTP_ADDR (set by the test) points python-consul2 at the Consulate agent under test.
import threading

import consul

c = consul.Consul()

# --- create, info, list, node, renew, destroy ---
sid = c.session.create(name="py-lock", ttl=10, lock_delay=0)
assert len(sid) == 36, sid
index, info = c.session.info(sid)
assert info["ID"] == sid and info["Name"] == "py-lock", info
assert info["TTL"] == "10s" and info["Behavior"] == "release" and info["LockDelay"] == 0, info
assert int(index) >= info["CreateIndex"], (index, info)
_, sessions = c.session.list()
assert sid in [s["ID"] for s in sessions], sessions
_, on_node = c.session.node(info["Node"])
assert sid in [s["ID"] for s in on_node], on_node
renewed = c.session.renew(sid)
assert renewed["ID"] == sid, renewed

# a blocking list returns when a session is created
released = threading.Event()
seen = []


def watch():
    seen.append(c.session.list(index=index, wait="10s"))
    released.set()


t = threading.Thread(target=watch)
t.start()
other = c.session.create(name="other", behavior="delete", lock_delay=0)
assert released.wait(10), "blocking session list did not return"
assert other in [s["ID"] for s in seen[0][1]], seen

# --- acquire / release ---
assert c.kv.put("py/locks/leader", "me", acquire=sid) is True
_, e = c.kv.get("py/locks/leader")
assert e["Session"] == sid and e["LockIndex"] == 1 and e["Value"] == b"me", e
assert c.kv.put("py/locks/leader", "me again", acquire=sid) is True   # re-acquire: LockIndex unchanged
assert c.kv.get("py/locks/leader")[1]["LockIndex"] == 1
assert c.kv.put("py/locks/leader", "you", acquire=other) is False     # held by another session
assert c.kv.put("py/locks/leader", "you", release=other) is False     # not the holder
assert c.kv.put("py/locks/leader", "plain") is True                   # plain put keeps the holder
assert c.kv.get("py/locks/leader")[1]["Session"] == sid
assert c.kv.put("py/locks/leader", "bye", release=sid) is True
_, e = c.kv.get("py/locks/leader")
assert "Session" not in e and e["LockIndex"] == 1 and e["Value"] == b"bye", e
assert c.kv.put("py/locks/leader", "you", acquire=other) is True
assert c.kv.get("py/locks/leader")[1]["LockIndex"] == 2

# --- errors clients match on ---
try:
    c.kv.put("py/locks/x", "v", acquire="11111111-2222-3333-4444-555555555555")
    raise AssertionError("acquire with an unknown session must fail")
except consul.ConsulException as err:
    assert str(err) == '500 invalid session "11111111-2222-3333-4444-555555555555"', str(err)
try:
    c.kv.put("py/locks/x", "v", cas=0, acquire=sid)
    raise AssertionError("cas with acquire must fail")
except consul.base.BadRequest as err:
    assert "Conflicting flags" in str(err), str(err)
assert c.session.info("11111111-2222-3333-4444-555555555555")[1] is None   # 200 []
try:
    c.session.renew("11111111-2222-3333-4444-555555555555")
    raise AssertionError("renewing an unknown session must 404")
except consul.NotFound:
    pass

# --- behavior=delete and destroy ---
assert c.session.destroy(other) is True
assert c.kv.get("py/locks/leader")[1] is None, "behavior=delete removes the held key"
assert c.session.destroy(other) is True                                 # idempotent
assert c.session.info(other)[1] is None

# --- invalidation starts lock-delay (the invalidated session's); a voluntary release does not ---
delayed = c.session.create(name="delayed", lock_delay=30)
assert c.kv.put("py/locks/delay", "v", acquire=delayed) is True
assert c.kv.put("py/locks/delay", "v", release=delayed) is True
assert c.kv.put("py/locks/delay", "v", acquire=sid) is True             # no delay after a release
assert c.kv.put("py/locks/delay", "v", release=sid) is True
assert c.kv.put("py/locks/delay", "v", acquire=delayed) is True
assert c.session.destroy(delayed) is True
assert "Session" not in c.kv.get("py/locks/delay")[1]
assert c.kv.put("py/locks/delay", "v", acquire=sid) is False            # 30 s delay after invalidation
assert c.kv.put("py/locks/elsewhere", "v", acquire=sid) is True         # other keys are not delayed
c.session.destroy(sid)
print("OK")
