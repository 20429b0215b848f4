// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code consulate lock}'s supervision, over any {@link LockStore}: creates a session (TTL, Behavior
 * release) and renews it every TTL/2, takes the lock ({@link Mutex} when the limit is 1, else
 * {@link Semaphore}), runs the child, and when the child exits releases the lock, removes its keys if unused
 * and destroys the session. If the lock is lost while the child runs (its key changed hands, the session
 * expired or was destroyed), the child is terminated (SIGTERM, then SIGKILL after {@link #KILL_GRACE}).
 * Exit codes: 0 when the child ran (or its exit status is ignored), 2 when it failed and
 * {@code childExitCode} is set, 1 when the lock could not be taken or released.
 */
public final class LockRunner {
    /** How long a terminated child may take to exit before it is killed. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /**
     * @param prefix         the KV prefix of the lock
     * @param limit          1 for a mutex, more for a semaphore of that many holders
     * @param sessionName    the session's Name
     * @param ttl            the session's TTL (Consul's lock uses 15 s)
     * @param timeout        how long to wait for the lock; zero waits forever
     * @param monitorRetries read failures tolerated while watching the held lock
     * @param childExitCode  exit 2 when the child fails
     * @param retry          pause after a refused acquire on a free key (lock-delay)
     * @param maxWait        longest blocking read
     */
    public record Options(String prefix, int limit, String sessionName, Duration ttl, Duration timeout,
                          int monitorRetries, boolean childExitCode, Duration retry, Duration maxWait) {}

    private final LockStore store;
    private final Options o;
    private final PrintStream out;
    private final PrintStream err;

    public LockRunner(LockStore store, Options options, PrintStream out, PrintStream err) {
        this.store = store;
        this.o = options;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code child} under the lock; {@code stdin} is passed to it when not null. Returns the exit code. */
    public int run(ProcessBuilder child, InputStream stdin) throws InterruptedException {
        String session;
        try {
            session = store.createSession(o.sessionName(), o.ttl());
        } catch (IOException e) {
            err.println("Lock acquisition failed: failed to create session: " + e.getMessage());
            return 1;
        }
        CountDownLatch lost = new CountDownLatch(1);
        Thread renewer = Thread.ofVirtual().name("consulate-lock-renew").start(() -> renew(session, lost));
        try {
            return runHolding(session, child, stdin, lost);
        } finally {
            renewer.interrupt();
            try {
                store.destroySession(session);
            } catch (IOException e) {
                err.println("Failed to destroy session: " + e.getMessage());
            }
        }
    }

    private int runHolding(String session, ProcessBuilder child, InputStream stdin, CountDownLatch lost)
            throws InterruptedException {
        HeldLock lock = o.limit() == 1 ? new Mutex(store, o.prefix(), session, o.retry(), o.maxWait())
                : new Semaphore(store, o.prefix(), session, o.limit(), o.maxWait());
        try {
            Instant deadline = o.timeout().isZero() ? null : Instant.now().plus(o.timeout());
            if (!lock.acquire(deadline)) {
                err.println("Shutdown triggered or timeout during lock acquisition");
                return 1;
            }
        } catch (IOException | HeldLock.LockConflictException e) {
            err.println("Lock acquisition failed: " + e.getMessage());
            return 1;
        }
        int code;
        try {
            code = supervise(lock, child, stdin, lost);
        } catch (IOException e) {
            err.println("Error running handler: " + e.getMessage());
            code = -1;
        }
        try {
            lock.release();
            lock.cleanup();
        } catch (IOException e) {
            err.println("Lock release failed: " + e.getMessage());
            return 1;
        }
        if (code == -1) {
            return 1;
        }
        return o.childExitCode() && code != 0 ? 2 : 0;
    }

    private int supervise(HeldLock lock, ProcessBuilder child, InputStream stdin, CountDownLatch lost)
            throws IOException, InterruptedException {
        Process p = child.start();
        Thread pumpOut = pump(p.getInputStream(), out);
        Thread pumpErr = pump(p.getErrorStream(), err);
        Thread feeder = stdin == null ? null : Thread.ofVirtual().start(() -> feed(stdin, p.getOutputStream()));
        if (stdin == null) {
            p.getOutputStream().close();
        }
        Thread monitor = Thread.ofVirtual().name("consulate-lock-monitor").start(() -> {
            try {
                lock.awaitLoss(o.monitorRetries());
                lost.countDown();
            } catch (InterruptedException ignored) {
                // the child exited first
            }
        });
        Thread killer = Thread.ofVirtual().start(() -> killOnLoss(p, lost));
        try {
            int code = p.waitFor();
            pumpOut.join();
            pumpErr.join();
            return code;
        } finally {
            monitor.interrupt();
            killer.interrupt();
            if (feeder != null) {
                feeder.interrupt();
            }
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private void killOnLoss(Process p, CountDownLatch lost) {
        try {
            lost.await();
            if (!p.isAlive()) {
                return;
            }
            err.println("Lock lost, killing child");
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException ignored) {
            // the child exited on its own
        }
    }

    /** Renews every TTL/2; a session the server no longer knows, or no successful renewal for a TTL, is lost. */
    private void renew(String session, CountDownLatch lost) {
        Instant lastOk = Instant.now();
        try {
            while (true) {
                Thread.sleep(o.ttl().dividedBy(2));
                try {
                    if (!store.renewSession(session)) {
                        lost.countDown();
                        return;
                    }
                    lastOk = Instant.now();
                } catch (IOException e) {
                    if (Duration.between(lastOk, Instant.now()).compareTo(o.ttl()) > 0) {
                        lost.countDown();
                        return;
                    }
                }
            }
        } catch (InterruptedException ignored) {
            // stopped
        }
    }

    private static Thread pump(InputStream from, PrintStream to) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[8192];
            int n;
            try (from) {
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the child closed its end
            }
        });
    }

    private static void feed(InputStream from, OutputStream to) {
        try (to) {
            from.transferTo(to);
        } catch (IOException ignored) {
            // the child stopped reading
        }
    }

    /** The session name {@code consul lock} uses when {@code -name} is not given. */
    public static String defaultSessionName(String prefix) {
        return "Consul lock for " + prefix;
    }
}
