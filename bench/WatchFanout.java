// Licensed under the Apache License, Version 2.0.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blocking-query fan-out benchmark (JDK >= 21, no dependencies): {@code java bench/WatchFanout.java}.
 *
 * <p>Parks N blocking queries ({@code GET /v1/kv/<key>?index=<i>&wait=5m}) on one key over N
 * HTTP/1.1 connections spread over {@code --threads} NIO selector threads (default: one per cpu, so the
 * load generator can read N answers about as fast as the server writes them), checks that none answers
 * during a settle period, prints {@code PARKED}, optionally waits for a line on stdin (so a script can
 * measure the server's heap), then writes the key once over another connection and times how long each
 * watcher takes to receive its complete answer, counted from the moment the write was sent (so the
 * figure includes the write's Raft commit).
 *
 * <p>Before connecting, the client reads a synthetic answer many times over a loopback connection of its
 * own (socket reads, selector, answer parser), so its first real answers are not read by interpreted code
 * while the JIT compiles it; that warms the load generator only, never the server.
 *
 * <p>With {@code --service=web} it watches service discovery instead of a key: it registers
 * {@code --instances} instances of the service (catalog register, one node each), parks N
 * {@code GET /v1/health/service/<service>?index=<i>&wait=5m} and the write is the catalog
 * registration of one more instance.
 *
 * <p>Options: --port=18501 --n=10000 --key=fanout --service= (empty: KV mode) --instances=10
 * --settle-ms=3000 --timeout-s=60 --threads=(cpus) --gzip
 * --max-pending=256 (connects in flight) --local-addrs=127.0.0.2,127.0.0.3 (loopback source
 * addresses to spread the connections over; default: let the kernel choose) --wait-stdin.
 *
 * <p>Last line: {@code FANOUT n=.. arrived=.. ok=.. failed=.. early=.. write_ack_ms=.. first_ms=.. p50_ms=..
 * p99_ms=.. max_ms=..}. Exit status 0 only when every watcher got a 200 with a newer index.
 */
public final class WatchFanout {

  record Options(int port, int n, String key, String service, int instances, long settleMillis,
      long timeoutMillis, int maxPending, List<InetAddress> localAddrs, boolean waitStdin, boolean gzip, int threads) {

    static Options parse(String[] args) throws IOException {
      int port = 18501, n = 10_000, maxPending = 256, instances = 10;
      int threads = Runtime.getRuntime().availableProcessors();
      String service = "";
      long settle = 3_000, timeoutS = 60;
      String key = "fanout";
      boolean waitStdin = false, gzip = false;
      List<InetAddress> locals = new ArrayList<>();
      for (String a : args) {
        String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
        switch (a.contains("=") ? a.substring(0, a.indexOf('=')) : a) {
          case "--port" -> port = Integer.parseInt(v);
          case "--n" -> n = Integer.parseInt(v);
          case "--key" -> key = v;
          case "--service" -> service = v;
          case "--instances" -> instances = Integer.parseInt(v);
          case "--settle-ms" -> settle = Long.parseLong(v);
          case "--timeout-s" -> timeoutS = Long.parseLong(v);
          case "--max-pending" -> maxPending = Integer.parseInt(v);
          case "--threads" -> threads = Math.max(1, Integer.parseInt(v));
          case "--wait-stdin" -> waitStdin = true;
          case "--gzip" -> gzip = true;
          case "--local-addrs" -> {
            for (String s : v.split(",")) {
              InetAddress addr = InetAddress.getByName(s.trim());
              if (!addr.isLoopbackAddress()) throw new IllegalArgumentException("not loopback: " + s);
              locals.add(addr);
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return new Options(port, n, key, service, instances, settle, timeoutS * 1000, maxPending, locals, waitStdin,
          gzip, threads);
    }
  }

  /**
   * One watcher's connection: the request still to send, the answer's head as it arrives, and when the
   * answer completed. Only its selector thread touches it until the run is over.
   */
  static final class Conn {
    final SocketChannel channel;
    ByteBuffer out;
    byte[] head = new byte[512];
    int headLength;
    int bodyStart = -1;
    long bodyLength = -1;
    long bodyRead;
    boolean chunked;
    int chunkTail; // bytes of "0\r\n\r\n" matched at the end of a chunked body
    volatile long doneNanos = -1;
    int status = -1;
    long index = -1;
    volatile boolean failed;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }

    boolean done() {
      return doneNanos >= 0 || failed;
    }
  }

  private final Options opt;
  private final InetSocketAddress server;
  private final List<Conn> watchers = new ArrayList<>();
  private final long deadline;
  private final AtomicInteger requestsSent = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final CountDownLatch allSent;
  private final CountDownLatch allFinished;
  private long index;

  private WatchFanout(Options opt) {
    this.opt = opt;
    this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), opt.port());
    this.deadline = System.nanoTime() + opt.timeoutMillis() * 1_000_000;
    this.allSent = new CountDownLatch(opt.n());
    this.allFinished = new CountDownLatch(opt.n());
  }

  public static void main(String[] args) throws Exception {
    System.exit(new WatchFanout(Options.parse(args)).run());
  }

  private int run() throws Exception {
    boolean health = !opt.service().isEmpty();
    index = health ? prepareService() : prepareKey();
    String path = health ? "/v1/health/service/" + opt.service() : "/v1/kv/" + opt.key();
    String get = "GET " + path + "?index=" + index + "&wait=5m HTTP/1.1\r\nHost: 127.0.0.1:"
        + opt.port() + "\r\n" + (opt.gzip() ? "Accept-Encoding: gzip\r\n" : "") + "\r\n";
    warmUp();
    long t0 = System.nanoTime();
    SocketChannel writer = SocketChannel.open(server); // blocking: only the main thread uses it
    List<Loop> loops = startLoops(get);
    while (finished.get() == 0 && !allSent.await(Math.min(100, remainingMillis()), TimeUnit.MILLISECONDS)
        && !expired()) {
      // a connection that failed before sending ends the wait: the run cannot park all N
    }
    System.out.printf(Locale.ROOT, "CONNECTED n=%d sent=%d in %d ms%n", opt.n(), requestsSent.get(),
        (System.nanoTime() - t0) / 1_000_000);

    allFinished.await(Math.min(opt.settleMillis(), remainingMillis()), TimeUnit.MILLISECONDS);
    int early = finished.get();
    if (early > 0 || requestsSent.get() < opt.n()) {
      System.out.printf(Locale.ROOT, "NOT PARKED: sent=%d, answered or closed before the write=%d%n",
          requestsSent.get(), early);
      return report(loops, writer, -1, null, early);
    }
    System.out.printf(Locale.ROOT, "PARKED n=%d index=%d%n", opt.n(), index);
    System.out.flush();
    if (opt.waitStdin()) {
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (finished.get() > 0) {
        System.out.printf(Locale.ROOT, "NOT PARKED: %d answered or closed while waiting%n", finished.get());
        return report(loops, writer, -1, null, finished.get());
      }
    }

    String body = health ? registration(opt.instances()) : "after";
    ByteBuffer put = ascii("PUT " + (health ? "/v1/catalog/register" : "/v1/kv/" + opt.key())
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + opt.port() + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    long writeSent = System.nanoTime();
    Conn ack = writeAndAwait(writer, put);
    allFinished.await(remainingMillis(), TimeUnit.MILLISECONDS);
    return report(loops, writer, writeSent, ack, 0);
  }

  /** Sends the write on its own blocking connection and reads its answer; null if that failed. */
  private Conn writeAndAwait(SocketChannel writer, ByteBuffer put) {
    Conn c = new Conn(writer);
    try {
      while (put.hasRemaining()) writer.write(put);
      ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
      int n = 0;
      while (!c.done() && (n = writer.read(buf.clear())) > 0) {
        if (consume(c, buf.array(), n, false)) c.doneNanos = System.nanoTime();
      }
      if (!c.done() && n < 0 && consume(c, buf.array(), 0, true)) c.doneNanos = System.nanoTime();
    } catch (IOException e) {
      c.failed = true;
    }
    return c;
  }

  /** Starts the selector threads; each opens its share of the watchers' connections itself. */
  private List<Loop> startLoops(String get) throws IOException {
    List<Loop> loops = new ArrayList<>();
    int threads = Math.min(opt.threads(), opt.n());
    for (int t = 0; t < threads; t++) {
      int share = opt.n() / threads + (t < opt.n() % threads ? 1 : 0);
      Loop loop = new Loop(share, t, threads, ascii(get), Math.max(1, opt.maxPending() / threads));
      loops.add(loop);
      watchers.addAll(loop.conns);
      Thread thread = new Thread(loop, "fanout-" + t);
      thread.setDaemon(true);
      thread.start();
    }
    return loops;
  }

  private long remainingMillis() {
    return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
  }

  /** Writes the key once and returns its X-Consul-Index (what the watchers wait past). */
  private long prepareKey() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = URI.create("http://127.0.0.1:" + opt.port() + "/v1/kv/" + opt.key());
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .PUT(HttpRequest.BodyPublishers.ofString("before")).build(), HttpResponse.BodyHandlers.ofString());
    if (put.statusCode() != 200) throw new IllegalStateException("PUT answered " + put.statusCode());
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    String idx = get.headers().firstValue("X-Consul-Index")
        .orElseThrow(() -> new IllegalStateException("GET answered without X-Consul-Index"));
    return Long.parseLong(idx);
  }

  /** A catalog registration of instance i of the watched service on its own node, with a passing check. */
  private String registration(int i) {
    String s = opt.service();
    return String.format(Locale.ROOT, "{\"Node\":\"%s-node-%d\",\"Address\":\"10.1.%d.%d\","
        + "\"Service\":{\"ID\":\"%s-%d\",\"Service\":\"%s\",\"Port\":8080,\"Tags\":[\"v1\"]},"
        + "\"Checks\":[{\"CheckID\":\"service:%s-%d\",\"Name\":\"%s health\",\"ServiceID\":\"%s-%d\","
        + "\"Status\":\"passing\"}]}", s, i, i / 250, i % 250 + 1, s, i, s, s, i, s, s, i);
  }

  /** Registers the service's instances and returns the health query's X-Consul-Index. */
  private long prepareService() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI reg = URI.create("http://127.0.0.1:" + opt.port() + "/v1/catalog/register");
    for (int i = 0; i < opt.instances(); i++) {
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(reg).timeout(Duration.ofSeconds(10))
          .PUT(HttpRequest.BodyPublishers.ofString(registration(i))).build(), HttpResponse.BodyHandlers.ofString());
      if (put.statusCode() != 200) throw new IllegalStateException("register answered " + put.statusCode() + ": " + put.body());
    }
    URI uri = URI.create("http://127.0.0.1:" + opt.port() + "/v1/health/service/" + opt.service());
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (get.statusCode() != 200) throw new IllegalStateException("health answered " + get.statusCode());
    System.out.printf(Locale.ROOT, "SERVICE %s instances=%d answer_bytes=%d%n", opt.service(), opt.instances(),
        get.body().length());
    String idx = get.headers().firstValue("X-Consul-Index")
        .orElseThrow(() -> new IllegalStateException("GET answered without X-Consul-Index"));
    return Long.parseLong(idx);
  }

  /** One selector thread: opens its watchers' connections, sends their requests, reads their answers. */
  private final class Loop implements Runnable {
    final Selector selector;
    final List<Conn> conns = new ArrayList<>();
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    final byte[] chunk = new byte[64 * 1024];
    final ByteBuffer request;
    final int first, stride, maxPending;
    int pendingConnects;
    volatile boolean stop;

    Loop(int share, int first, int stride, ByteBuffer request, int maxPending) throws IOException {
      this.selector = Selector.open();
      this.request = request;
      this.first = first;
      this.stride = stride;
      this.maxPending = maxPending;
      for (int i = 0; i < share; i++) conns.add(new Conn(SocketChannel.open()));
    }

    @Override
    public void run() {
      try {
        List<InetAddress> locals = opt.localAddrs();
        for (int i = 0; i < conns.size() && !expired() && !stop; i++) {
          while (pendingConnects >= maxPending && !expired()) pump(100);
          int global = first + i * stride;
          connect(conns.get(i), locals.isEmpty() ? null : locals.get(global % locals.size()));
        }
        while (!stop && !expired()) pump(100);
      } catch (IOException e) {
        System.out.println("selector thread failed: " + e);
        conns.forEach(WatchFanout.this::fail);
      }
    }

    private void connect(Conn c, InetAddress local) throws IOException {
      SocketChannel ch = c.channel;
      ch.configureBlocking(false);
      if (local != null) ch.bind(new InetSocketAddress(local, 0));
      c.out = request.duplicate();
      if (ch.connect(server)) {
        ch.register(selector, SelectionKey.OP_WRITE, c);
      } else {
        ch.register(selector, SelectionKey.OP_CONNECT, c);
        pendingConnects++;
      }
    }

    /** Handles whatever is ready, waiting at most timeoutMillis. */
    private void pump(long timeoutMillis) throws IOException {
      selector.select(timeoutMillis);
      for (SelectionKey key : selector.selectedKeys()) {
        Conn c = (Conn) key.attachment();
        try {
          if (!key.isValid()) continue;
          if (key.isConnectable()) connected(key, c);
          else if (key.isWritable()) write(key, c);
          else if (key.isReadable()) read(c);
        } catch (IOException e) {
          fail(c);
        }
      }
      selector.selectedKeys().clear();
    }

    private void connected(SelectionKey key, Conn c) throws IOException {
      if (!c.channel.finishConnect()) return;
      pendingConnects--;
      key.interestOps(SelectionKey.OP_WRITE);
    }

    private void write(SelectionKey key, Conn c) throws IOException {
      c.channel.write(c.out);
      if (c.out.hasRemaining()) return;
      key.interestOps(SelectionKey.OP_READ);
      requestsSent.incrementAndGet();
      allSent.countDown();
    }

    /** Reads what is there; a response followed by the server closing still counts as answered. */
    private void read(Conn c) throws IOException {
      long now = System.nanoTime();
      int n;
      boolean complete = false;
      while ((n = c.channel.read(readBuffer.clear())) > 0) {
        readBuffer.flip().get(chunk, 0, n);
        complete |= !c.done() && consume(c, chunk, n, false);
      }
      if (!complete && n < 0 && !c.done()) complete = consume(c, chunk, 0, true);
      if (complete) {
        c.doneNanos = now;
        finished.incrementAndGet();
        allFinished.countDown();
      }
      if (n < 0) {
        fail(c); // no effect when already answered
        c.channel.close();
      }
    }
  }

  /**
   * Runs the answer parser, and socket reads through a selector, on a synthetic answer until the JIT has
   * compiled them (load generator only: the server is not involved).
   */
  private static void warmUp() throws IOException {
    byte[] answer = warmUpParser();
    try (ServerSocketChannel listener = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SocketChannel reader = SocketChannel.open(listener.getLocalAddress());
        SocketChannel sender = listener.accept();
        Selector selector = Selector.open()) {
      reader.configureBlocking(false);
      reader.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < 20_000; i++) {
        sender.write(ByteBuffer.wrap(answer));
        Conn c = new Conn(reader);
        while (!c.done()) {
          selector.select(1_000);
          selector.selectedKeys().clear();
          int n;
          while (!c.done() && (n = reader.read(in.clear())) > 0) {
            in.flip().get(chunk, 0, n);
            if (consume(c, chunk, n, false)) c.doneNanos = System.nanoTime();
          }
        }
      }
    }
  }

  /** Runs the answer parser on a synthetic answer split at many places; returns the answer. */
  private static byte[] warmUpParser() {
    byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 700\r\n"
        + "Content-Encoding: gzip\r\nX-Consul-Index: 42\r\nX-Consul-KnownLeader: true\r\n\r\n"
        + "x".repeat(700)).getBytes(StandardCharsets.ISO_8859_1);
    long ok = 0;
    for (int i = 0; i < 50_000; i++) {
      Conn c = new Conn(null);
      int split = 40 + i % 80;
      consume(c, Arrays.copyOfRange(answer, 0, split), split, false);
      if (consume(c, Arrays.copyOfRange(answer, split, answer.length), answer.length - split, false)) ok++;
    }
    if (ok != 50_000) throw new IllegalStateException("parser warm-up: " + ok + " of 50000 answers complete");
    return answer;
  }

  /**
   * Takes {@code n} more bytes of an answer; true once the answer is complete (by Content-Length, chunked,
   * or closed by the server when it has neither). Keeps the head only; sets status and index from it.
   */
  static boolean consume(Conn c, byte[] bytes, int n, boolean closed) {
    int from = 0;
    if (c.bodyStart < 0) {
      if (c.headLength + n > c.head.length) c.head = Arrays.copyOf(c.head, Math.max(c.head.length * 2, c.headLength + n));
      System.arraycopy(bytes, 0, c.head, c.headLength, n);
      int scanFrom = Math.max(0, c.headLength - 3);
      c.headLength += n;
      int end = indexOfBlankLine(c.head, scanFrom, c.headLength);
      if (end < 0) return false;
      c.bodyStart = end + 4;
      parseHead(c);
      from = n - (c.headLength - c.bodyStart);
    }
    for (int i = from; c.chunked && i < n; i++) c.chunkTail = bytes[i] == "0\r\n\r\n".charAt(c.chunkTail) ? c.chunkTail + 1
        : (bytes[i] == '0' ? 1 : 0);
    c.bodyRead += n - from;
    if (c.chunked) return c.chunkTail == 5;
    return c.bodyLength >= 0 ? c.bodyRead >= c.bodyLength : closed;
  }

  private static int indexOfBlankLine(byte[] b, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
    }
    return -1;
  }

  /** Status line and the three headers the benchmark reads, from the head bytes. */
  private static void parseHead(Conn c) {
    String head = new String(c.head, 0, c.bodyStart - 4, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    c.status = Integer.parseInt(lines[0].split(" ")[1]);
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) continue;
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) c.bodyLength = Long.parseLong(value);
      else if (name.equalsIgnoreCase("x-consul-index")) c.index = Long.parseLong(value);
      else if (name.equalsIgnoreCase("transfer-encoding")) c.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
    }
  }

  private void fail(Conn c) {
    if (c.done()) return;
    c.failed = true;
    finished.incrementAndGet();
    allFinished.countDown();
    try {
      c.channel.close();
    } catch (IOException ignored) {
      // closing a broken connection: nothing more to learn
    }
  }

  private boolean expired() {
    return System.nanoTime() - deadline > 0;
  }

  /** Prints the summary, stops the selector threads and returns the exit status. */
  private int report(List<Loop> loops, SocketChannel writer, long writeSent, Conn ack, int early) throws IOException {
    long[] latencies = watchers.stream().filter(c -> c.doneNanos >= 0 && writeSent >= 0)
        .mapToLong(c -> c.doneNanos - writeSent).sorted().toArray();
    long ok = watchers.stream().filter(c -> c.doneNanos >= 0 && c.status == 200 && c.index > index).count();
    long failed = watchers.stream().filter(c -> c.failed).count();
    boolean acked = ack != null && ack.doneNanos >= 0;
    double ackMs = acked ? (ack.doneNanos - writeSent) / 1e6 : -1;
    if (acked && ack.status != 200) System.out.println("write answered " + ack.status);
    if (expired()) System.out.printf(Locale.ROOT, "TIMEOUT after %d s%n", opt.timeoutMillis() / 1000);
    System.out.printf(Locale.ROOT,
        "FANOUT n=%d arrived=%d ok=%d failed=%d early=%d write_ack_ms=%.1f first_ms=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
        opt.n(), latencies.length, ok, failed, early, ackMs, pct(latencies, 0), pct(latencies, 50), pct(latencies, 99),
        pct(latencies, 100));
    for (Loop loop : loops) {
      loop.stop = true;
      loop.selector.wakeup();
    }
    for (Conn c : watchers) c.channel.close();
    writer.close();
    return ok == opt.n() && acked && ack.status == 200 ? 0 : 1;
  }

  /** Nearest-rank percentile in milliseconds; -1 when there is nothing to rank. */
  private static double pct(long[] sortedNanos, int p) {
    if (sortedNanos.length == 0) return -1;
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  private static ByteBuffer ascii(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }
}
