// Licensed under the Apache License, Version 2.0.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lock round-trip benchmark (JDK >= 21, no dependencies): {@code java bench/LockRoundTrip.java}.
 *
 * <p>W workers, each with its own session (no TTL, LockDelay 0) and its own key
 * {@code bench/lock/<w>}, repeat for D seconds: {@code PUT ?acquire=<session>} then {@code PUT
 * ?release=<session>}, and time the pair from sending the acquire to reading the release's answer.
 * Both answers must be {@code true} (each is one Raft commit). With {@code --mode=put} each pair is two
 * plain PUTs of the same key instead: the same client and the same two commits, without the lock, as
 * the reference.
 *
 * <p>Options: --port=18500 --workers=16 --seconds=10 --mode=lock|put --warmup-s=3 (uncounted).
 *
 * <p>Last line: {@code BENCH mode=.. workers=.. pairs=.. seconds=.. pairs_per_s=.. ops_per_s=..
 * p50_us=.. p99_us=.. max_us=.. failed=..}. Exit status 0 when no pair failed.
 */
public final class LockRoundTrip {
  private static final String VALUE = "0123456789".repeat(10);

  public static void main(String[] args) throws Exception {
    int port = 18500, workers = 16, seconds = 10, warmup = 3;
    String mode = "lock";
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "--port" -> port = Integer.parseInt(kv[1]);
        case "--workers" -> workers = Integer.parseInt(kv[1]);
        case "--seconds" -> seconds = Integer.parseInt(kv[1]);
        case "--warmup-s" -> warmup = Integer.parseInt(kv[1]);
        case "--mode" -> mode = kv[1];
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (!mode.equals("lock") && !mode.equals("put")) {
      throw new IllegalArgumentException("--mode is lock or put");
    }
    String base = "http://127.0.0.1:" + port;
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    if (warmup > 0) {
      run(client, base, mode, workers, warmup);
    }
    Result r = run(client, base, mode, workers, seconds);
    long[] lat = r.latencies();
    Arrays.sort(lat);
    System.out.printf(Locale.ROOT,
        "BENCH mode=%s workers=%d pairs=%d seconds=%.3f pairs_per_s=%.1f ops_per_s=%.1f p50_us=%d p99_us=%d"
            + " max_us=%d failed=%d%n",
        mode, workers, lat.length, r.seconds(), lat.length / r.seconds(), 2 * lat.length / r.seconds(),
        pct(lat, 50), pct(lat, 99), lat.length == 0 ? 0 : lat[lat.length - 1], r.failed());
    System.exit(r.failed() == 0 && lat.length > 0 ? 0 : 1);
  }

  record Result(long[] latencies, double seconds, long failed) {}

  private static Result run(HttpClient client, String base, String mode, int workers, int seconds)
      throws Exception {
    List<long[]> perWorker = new ArrayList<>();
    AtomicLong failed = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(workers);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long[] window = new long[2];
    for (int w = 0; w < workers; w++) {
      long[][] slot = new long[1][];
      perWorker.add(null);
      int index = w;
      Thread t = new Thread(() -> {
        boolean counted = false;
        try {
          String session = mode.equals("lock") ? createSession(client, base) : null;
          String key = base + "/v1/kv/bench/lock/" + index;
          String first = session == null ? key : key + "?acquire=" + session;
          String second = session == null ? key : key + "?release=" + session;
          long[] lat = new long[1 << 16];
          int n = 0;
          ready.countDown();
          counted = true;
          go.await();
          long end = window[1];
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            boolean ok;
            try {
              ok = put(client, first) && put(client, second);
            } catch (Exception e) {
              ok = false;
              if (failed.get() == 0) {
                System.err.println("worker " + index + ": " + e);
              }
            }
            long t1 = System.nanoTime();
            if (!ok) {
              failed.incrementAndGet();
              continue;
            }
            if (n == lat.length) {
              lat = Arrays.copyOf(lat, n * 2);
            }
            lat[n++] = (t1 - t0) / 1000;
          }
          slot[0] = Arrays.copyOf(lat, n);
          if (session != null) {
            send(client, base + "/v1/session/destroy/" + session);
          }
        } catch (Exception e) {
          failed.incrementAndGet();
          System.err.println("worker " + index + ": " + e);
          if (!counted) {
            ready.countDown();
          }
        }
        synchronized (perWorker) {
          perWorker.set(index, slot[0] == null ? new long[0] : slot[0]);
        }
      });
      threads.add(t);
      t.start();
    }
    ready.await();
    window[0] = System.nanoTime();
    window[1] = window[0] + seconds * 1_000_000_000L;
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    long[] all = perWorker.stream().flatMapToLong(Arrays::stream).toArray();
    return new Result(all, elapsed, failed.get());
  }

  private static String createSession(HttpClient client, String base) throws Exception {
    String body = send(client, base + "/v1/session/create", "{\"Name\":\"bench\",\"LockDelay\":0}");
    int start = body.indexOf("\"ID\":\"") + 6;
    return body.substring(start, body.indexOf('"', start));
  }

  private static boolean put(HttpClient client, String url) throws Exception {
    return send(client, url, VALUE).trim().equals("true");
  }

  private static String send(HttpClient client, String url) throws Exception {
    return send(client, url, "");
  }

  private static String send(HttpClient client, String url, String body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
