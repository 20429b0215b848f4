# The seed document's registration and discovery code, with the check pointed at an HTTP server this script
# runs on loopback (the seed's 10.0.0.5:8080 is not reachable here) and a 1s interval so the test stays short.
# CONSUL_HTTP_ADDR (set by the test) points python-consul2 at the Consulate agent under test.
import http.server
import threading
import time

import consul

class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass

def serve(port):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Health)
    server.allow_reuse_address = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

server = serve(0)
port = server.server_address[1]

c = consul.Consul(host="localhost", port=8500)
# Register a service with an HTTP health check
c.agent.service.register(
name="payment-service",
service_id="payment-1",
address="127.0.0.1",
port=port,
check=consul.Check.http("http://127.0.0.1:%d/health" % port, interval="1s", timeout="1s")
)

def healthy():
    # Get healthy instances of a service
    _, services = c.health.service("payment-service", passing=True)
    found = []
    for svc in services:
        address = svc["Service"]["Address"]
        port = svc["Service"]["Port"]
        print(f"Available at {address}:{port}")
        found.append((address, port))
    return found

def wait_until(predicate, limit, what):
    started = time.time()
    while time.time() - started < limit:
        if predicate():
            return time.time() - started
        time.sleep(0.05)
    raise AssertionError("not %s within %.1fs" % (what, limit))

# Passing within one interval (plus scheduling slack).
took = wait_until(lambda: healthy() == [("127.0.0.1", port)], 2.5, "passing")
print("passing after %.2fs" % took)
checks = c.agent.checks()
assert checks["service:payment-1"]["Status"] == "passing", checks
assert "HTTP GET http://127.0.0.1:%d/health: 200 OK" % port in checks["service:payment-1"]["Output"], checks

# The endpoint goes away: the instance leaves passing results within interval + timeout.
server.shutdown()
server.server_close()
took = wait_until(lambda: healthy() == [], 2.0 + 0.5, "critical")
print("dropped after %.2fs" % took)
_, nodes = c.health.service("payment-service")
assert [n["Service"]["ID"] for n in nodes] == ["payment-1"], nodes

# It comes back when the endpoint recovers.
server = serve(port)
took = wait_until(lambda: healthy() == [("127.0.0.1", port)], 2.5, "passing again")
print("back after %.2fs" % took)
server.shutdown()

c.agent.service.deregister("payment-1")
_, nodes = c.health.service("payment-service")
assert nodes == [], nodes
print("OK")
