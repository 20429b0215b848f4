package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Five contender processes (src/test/resources/python/contender.py) elect a leader through sessions and
 * {@code acquire} on a real agent. The test records every LEAD / RENEW / STEPDOWN event, kills the
 * leader with SIGKILL twice, and checks that a successor leads within 2 x TTL + lock-delay + 1 s of the
 * kill and that no two leadership intervals ever overlap.
 */
class LeaderElectionTest {
    private static final double TTL = 1.0;
    private static final double LOCK_DELAY = 1.0;
    private static final double FAILOVER_BOUND = 2 * TTL + LOCK_DELAY + 1;

    /** One line of a contender's history (times are CLOCK_MONOTONIC seconds, shared by the processes). */
    record Event(String kind, String who, double at, double leaseBase) {}

    /** A leadership interval [start, end). */
    record Term(String who, double start, double end) {}

    private final List<Event> history = new CopyOnWriteArrayList<>();
    private final Map<String, Process> contenders = new ConcurrentHashMap<>();

    @Test
    void atMostOneLeaderAtATimeAndAKilledLeaderIsReplacedInTime() throws Exception {
        try (TestAgent agent = TestAgent.start("-hcl", "session_ttl_min = \"1s\"")) {
            for (int i = 0; i < 5; i++) {
                start("c" + i, agent);
            }
            try {
                Event lead = awaitLeadAfter(0, 15);
                assertThat(Math.abs(lead.at() - monotonicSeconds())).as("contenders share the JVM's monotonic clock")
                        .isLessThan(30);
                for (int round = 0; round < 2; round++) {
                    awaitRenewals(lead.who(), 3, 10);
                    double lastRenew = lastLeaseBase(lead.who());
                    double killedAt = monotonicSeconds();
                    contenders.remove(lead.who()).destroyForcibly().waitFor();
                    Event next = awaitLeadAfter(lastRenew, 15);
                    assertThat(next.who()).isNotEqualTo(lead.who());
                    assertThat(next.at() - killedAt).as("failover after %s was killed", lead.who())
                            .isLessThanOrEqualTo(FAILOVER_BOUND);
                    lead = next;
                }
                awaitRenewals(lead.who(), 3, 10);
            } finally {
                contenders.values().forEach(Process::destroyForcibly);
            }
            assertNoOverlap(terms());
        }
    }

    private void start(String name, TestAgent agent) throws Exception {
        Path script = Path.of("src/test/resources/python/contender.py").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), name, Double.toString(TTL),
                "election/leader").redirectErrorStream(true);
        pb.environment().put("CONSUL_HTTP_ADDR", "127.0.0.1:" + agent.httpPort());
        Process p = pb.start();
        contenders.put(name, p);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.trim().split(" ");
                    switch (f[0]) {
                        case "LEAD" -> history.add(new Event("LEAD", f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
                        case "RENEW" -> history.add(new Event("RENEW", f[1], Double.parseDouble(f[2]), Double.parseDouble(f[2])));
                        case "STEPDOWN" -> history.add(new Event("STEPDOWN", f[1], Double.parseDouble(f[2]), 0));
                        default -> System.err.println(name + ": " + line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private Event awaitLeadAfter(double after, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Event e : history) {
                if (e.kind().equals("LEAD") && e.at() > after && contenders.containsKey(e.who())) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader within " + seconds + "s; history: " + history);
    }

    /** CLOCK_MONOTONIC in seconds: System.nanoTime() on Linux, the clock python's time.monotonic() reads. */
    private static double monotonicSeconds() {
        return System.nanoTime() / 1e9;
    }

    /** Waits until {@code who} has renewed its lease {@code count} more times (it holds the lock meanwhile). */
    private void awaitRenewals(String who, int count, int seconds) throws InterruptedException {
        long seen = renewals(who);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (renewals(who) < seen + count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(who + " stopped renewing; history: " + history);
            }
            Thread.sleep(20);
        }
    }

    private long renewals(String who) {
        return history.stream().filter(e -> e.kind().equals("RENEW") && e.who().equals(who)).count();
    }

    private double lastLeaseBase(String who) {
        return history.stream().filter(e -> e.who().equals(who) && !e.kind().equals("STEPDOWN"))
                .mapToDouble(Event::leaseBase).max().orElseThrow();
    }

    /** Terms from the history; a term never stepped down from ends at its holder's last lease base + TTL. */
    private List<Term> terms() {
        List<Term> out = new ArrayList<>();
        Map<String, Double> open = new ConcurrentHashMap<>();
        Map<String, Double> lease = new ConcurrentHashMap<>();
        for (Event e : history) {
            switch (e.kind()) {
                case "LEAD" -> {
                    open.put(e.who(), e.at());
                    lease.put(e.who(), e.leaseBase());
                }
                case "RENEW" -> lease.put(e.who(), e.leaseBase());
                case "STEPDOWN" -> {
                    Double start = open.remove(e.who());
                    if (start != null) {
                        out.add(new Term(e.who(), start, e.at()));
                    }
                }
                default -> { }
            }
        }
        open.forEach((who, start) -> out.add(new Term(who, start, lease.get(who) + TTL)));
        out.sort(Comparator.comparingDouble(Term::start));
        return out;
    }

    private static void assertNoOverlap(List<Term> terms) {
        assertThat(terms).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < terms.size(); i++) {
            assertThat(terms.get(i).start()).as("%s overlaps %s", terms.get(i), terms.get(i - 1))
                    .isGreaterThanOrEqualTo(terms.get(i - 1).end());
        }
    }
}
