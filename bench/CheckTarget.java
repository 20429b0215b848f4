// Licensed under the Apache License, Version 2.0.

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP target for the check-capacity benchmark (JDK >= 21, no dependencies):
 * {@code java bench/CheckTarget.java --port=18520 --checks=10000 --interval-ms=10000}.
 *
 * <p>Answers {@code GET /c/<i>} with 200 {@code ok} and records when each request arrived
 * (wall clock, ms), so the spacing of one check's consecutive runs can be compared with its
 * interval without any help from the agent. {@code GET /report?from=<epoch ms>&to=<epoch ms>}
 * answers one line for the hits that arrived inside the window:
 *
 * <p>{@code REPORT hits=.. checks_seen=.. gaps=.. late_p50_ms=.. late_p99_ms=.. late_max_ms=..
 * late_over_1s=.. gap_min_ms=..}
 *
 * <p>A gap is the time between two consecutive hits of the same check, the second inside the
 * window; its lateness is gap - interval. The agent schedules the next run one interval after
 * the previous run finished (as Consul does), so lateness includes the previous run's own
 * duration: an upper bound of how late the run started. Stops itself after --max-seconds.
 */
public final class CheckTarget {
  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  private static int checks = 10_000;
  private static long intervalMs = 10_000;
  private static long[] times = new long[1 << 20];
  private static int[] ids = new int[1 << 20];
  private static final AtomicInteger count = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    int port = 18520;
    long maxSeconds = 900;
    for (String a : args) {
      String v = a.substring(a.indexOf('=') + 1);
      switch (a.substring(0, Math.max(0, a.indexOf('=')))) {
        case "--port" -> port = Integer.parseInt(v);
        case "--checks" -> checks = Integer.parseInt(v);
        case "--interval-ms" -> intervalMs = Long.parseLong(v);
        case "--max-seconds" -> maxSeconds = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/c/", CheckTarget::hit);
    server.createContext("/report", CheckTarget::report);
    server.start();
    System.out.println("READY port=" + port);
    System.out.flush();
    Thread.sleep(maxSeconds * 1000);
    System.out.println("max-seconds reached; stopping");
    System.exit(0);
  }

  private static void hit(HttpExchange ex) throws IOException {
    long now = System.currentTimeMillis();
    int id;
    try {
      id = Integer.parseInt(ex.getRequestURI().getPath().substring(3));
    } catch (NumberFormatException e) {
      id = -1;
    }
    int slot = count.getAndIncrement();
    if (id >= 0 && slot < times.length) {
      times[slot] = now;
      ids[slot] = id + 1; // 0 = slot not yet written
    }
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(200, OK.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(OK);
    }
  }

  private static synchronized void report(HttpExchange ex) throws IOException {
    long from = 0, to = Long.MAX_VALUE;
    String q = ex.getRequestURI().getQuery();
    if (q != null) {
      for (String kv : q.split("&")) {
        String[] p = kv.split("=", 2);
        if (p[0].equals("from")) from = Long.parseLong(p[1]);
        if (p[0].equals("to")) to = Long.parseLong(p[1]);
      }
    }
    int n = Math.min(count.get(), times.length);
    long[] last = new long[checks];
    Arrays.fill(last, -1);
    boolean[] seen = new boolean[checks];
    long[] late = new long[n];
    int gaps = 0, hits = 0, seenCount = 0;
    long gapMin = Long.MAX_VALUE;
    // Slots are taken in arrival order (to within the handful of handler threads): sort by time per check.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
    for (int k = 0; k < n; k++) {
      int i = order[k];
      int id = ids[i] - 1;
      if (id < 0 || id >= checks) continue;
      long t = times[i];
      if (t >= from && t <= to) {
        hits++;
        if (!seen[id]) { seen[id] = true; seenCount++; }
        if (last[id] >= 0) {
          long gap = t - last[id];
          gapMin = Math.min(gapMin, gap);
          late[gaps++] = gap - intervalMs;
        }
      }
      last[id] = t;
    }
    long[] l = Arrays.copyOf(late, gaps);
    Arrays.sort(l);
    long over = Arrays.stream(l).filter(x -> x > 1000).count();
    String line = String.format(Locale.ROOT,
        "REPORT hits=%d checks_seen=%d gaps=%d late_p50_ms=%d late_p99_ms=%d late_max_ms=%d late_over_1s=%d gap_min_ms=%d%n",
        hits, seenCount, gaps, pct(l, 50), pct(l, 99), gaps == 0 ? -1 : l[gaps - 1], over,
        gapMin == Long.MAX_VALUE ? -1 : gapMin);
    byte[] body = line.getBytes(StandardCharsets.US_ASCII);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static long pct(long[] sorted, int p) {
    if (sorted.length == 0) return -1;
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
