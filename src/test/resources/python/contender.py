# One leader-election contender (Consul's session + acquire recipe), over plain HTTP so the TTL can go
# below python-consul2's client-side 10 s minimum. It believes it leads from a successful acquire until
# its lease ends: lease = (send time of the last request that proved the session alive) + TTL. The
# server invalidates no earlier than 2 x TTL after a renewal, and a successor then waits out lock-delay,
# so a contender following this rule can never overlap a successor.
# Prints: LEAD <name> <start> <lease-base>, RENEW <name> <sent>, STEPDOWN <name> <end> (time.monotonic()).
import json
import os
import sys
import time
import urllib.error
import urllib.request

base = "http://" + os.environ["CONSUL_HTTP_ADDR"]
name, ttl, key = sys.argv[1], float(sys.argv[2]), sys.argv[3]


def call(method, path, body=b""):
    req = urllib.request.Request(base + path, data=body, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


def out(*a):
    print(*a, flush=True)


def new_session():
    while True:
        body = json.dumps({"Name": name, "TTL": "%gs" % ttl, "LockDelay": "1s", "Checks": []}).encode()
        s, b = call("PUT", "/v1/session/create", body)
        if s == 200:
            return json.loads(b)["ID"]
        time.sleep(0.1)


sid = new_session()
leader = False
lease_base = 0.0
last_renew = time.monotonic()
while True:
    now = time.monotonic()
    if leader and now >= lease_base + ttl:
        out("STEPDOWN", name, repr(lease_base + ttl))
        leader = False
    if now - last_renew >= ttl / 4 or leader:
        sent = time.monotonic()
        s, _ = call("PUT", "/v1/session/renew/" + sid)
        last_renew = sent
        if s == 200 and leader:
            lease_base = sent
            out("RENEW", name, repr(sent))
        elif s == 404:
            if leader:
                out("STEPDOWN", name, repr(min(time.monotonic(), lease_base + ttl)))
                leader = False
            sid = new_session()
    if not leader:
        sent = time.monotonic()
        s, b = call("PUT", "/v1/kv/%s?acquire=%s" % (key, sid), name.encode())
        if s == 200 and b.strip() == b"true":
            leader = True
            lease_base = sent
            out("LEAD", name, repr(time.monotonic()), repr(sent))
        elif s == 500:
            sid = new_session()
    time.sleep(ttl / 4 if leader else 0.05)
