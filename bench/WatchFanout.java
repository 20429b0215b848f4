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
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Blocking-query fan-out benchmark (JDK >= 21, no dependencies): {@code java bench/WatchFanout.java}.
 *
 * <p>Parks N blocking queries ({@code GET /v1/kv/<key>?index=<i>&wait=5m}) on one key over N
 * HTTP/1.1 connections driven by one NIO selector, checks that none answers during a settle
 * period, prints {@code PARKED}, optionally waits for a line on stdin (so a script can measure
 * the server's heap), then writes the key once over another connection and times how long each
 * watcher takes to receive its complete answer, counted from the moment the write was sent.
 *
 * <p>With {@code --service=web} it watches service discovery instead of a key: it registers
 * {@code --instances} instances of the service (catalog register, one node each), parks N
 * {@code GET /v1/health/service/<service>?index=<i>&wait=5m} and the write is the catalog
 * registration of one more instance.
 *
 * <p>Options: --port=18501 --n=10000 --key=fanout --service= (empty: KV mode) --instances=10
 * --settle-ms=3000 --timeout-s=60
 * --max-pending=256 (connects in flight) --local-addrs=127.0.0.2,127.0.0.3 (loopback source
 * addresses to spread the connections over; default: let the kernel choose) --wait-stdin.
 *
 * <p>Last line: {@code FANOUT n=.. arrived=.. ok=.. failed=.. early=.. write_ack_ms=.. first_ms=.. p50_ms=..
 * p99_ms=.. max_ms=..}. Exit status 0 only when every watcher got a 200 with a newer index.
 */
public final class WatchFanout {

  record Options(int port, int n, String key, String service, int instances, long settleMillis,
      long timeoutMillis, int maxPending, List<InetAddress> localAddrs, boolean waitStdin, boolean gzip) {

    static Options parse(String[] args) throws IOException {
      int port = 18501, n = 10_000, maxPending = 256, instances = 10;
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
          gzip);
    }
  }

  /** One connection: the request still to send, the bytes received, and when the answer completed. */
  static final class Conn {
    final SocketChannel channel;
    ByteBuffer out;
    byte[] in = new byte[1024];
    int inLength;
    long doneNanos = -1;
    int status = -1;
    long index = -1;
    boolean failed;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }

    boolean done() {
      return doneNanos >= 0 || failed;
    }
  }

  private final Options opt;
  private final InetSocketAddress server;
  private final Selector selector;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private final List<Conn> watchers = new ArrayList<>();
  private final long deadline;
  private Conn writer;
  private long index;
  private int pendingConnects, requestsSent, finished;
  private volatile boolean resume;

  private WatchFanout(Options opt) throws IOException {
    this.opt = opt;
    this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), opt.port());
    this.selector = Selector.open();
    this.deadline = System.nanoTime() + opt.timeoutMillis() * 1_000_000;
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
    long t0 = System.nanoTime();
    writer = open(null, null);
    for (int i = 0; i < opt.n() && !expired(); i++) {
      while (pendingConnects >= opt.maxPending() && !expired()) pump(100);
      List<InetAddress> locals = opt.localAddrs();
      watchers.add(open(locals.isEmpty() ? null : locals.get(i % locals.size()), ascii(get)));
    }
    while (requestsSent < opt.n() && finished == 0 && !expired()) pump(100);
    System.out.printf(Locale.ROOT, "CONNECTED n=%d sent=%d in %d ms%n", watchers.size(), requestsSent,
        (System.nanoTime() - t0) / 1_000_000);

    long settleEnd = System.nanoTime() + opt.settleMillis() * 1_000_000;
    while (System.nanoTime() < settleEnd && finished == 0 && !expired()) pump(100);
    int early = finished;
    if (early > 0 || requestsSent < opt.n()) {
      System.out.printf(Locale.ROOT, "NOT PARKED: sent=%d, answered or closed before the write=%d%n",
          requestsSent, early);
      return report(-1, early);
    }
    System.out.printf(Locale.ROOT, "PARKED n=%d index=%d%n", opt.n(), index);
    System.out.flush();
    if (opt.waitStdin()) {
      startStdinWatcher();
      while (!resume && !expired()) pump(100);
      if (finished > 0) {
        System.out.printf(Locale.ROOT, "NOT PARKED: %d answered or closed while waiting%n", finished);
        return report(-1, finished);
      }
    }
    SelectionKey writerKey = writer.channel.keyFor(selector);
    if (writer.failed || !writer.channel.isConnected() || writerKey == null || !writerKey.isValid()) {
      System.out.println("the writer's connection is not open");
      return report(-1, 0);
    }

    long writeSent = System.nanoTime();
    String body = health ? registration(opt.instances()) : "after";
    writer.out = ascii("PUT " + (health ? "/v1/catalog/register" : "/v1/kv/" + opt.key()) + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + opt.port() + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    writerKey.interestOps(SelectionKey.OP_WRITE);
    while ((finished < opt.n() || !writer.done()) && !expired()) pump(100);
    return report(writeSent, 0);
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

  /** Connects a new channel; request is sent once connected (null: the writer, which waits). */
  private Conn open(InetAddress local, ByteBuffer request) throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.configureBlocking(false);
    if (local != null) ch.bind(new InetSocketAddress(local, 0));
    Conn c = new Conn(ch);
    c.out = request;
    if (ch.connect(server)) {
      ch.register(selector, request == null ? 0 : SelectionKey.OP_WRITE, c);
    } else {
      ch.register(selector, SelectionKey.OP_CONNECT, c);
      pendingConnects++;
    }
    return c;
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
    key.interestOps(c.out == null ? 0 : SelectionKey.OP_WRITE); // the writer waits for its turn
  }

  private void write(SelectionKey key, Conn c) throws IOException {
    c.channel.write(c.out);
    if (c.out.hasRemaining()) return;
    key.interestOps(SelectionKey.OP_READ);
    if (c != writer) requestsSent++;
  }

  /** Reads what is there; a response followed by the server closing still counts as answered. */
  private void read(Conn c) throws IOException {
    long now = System.nanoTime();
    int n;
    while ((n = c.channel.read(readBuffer.clear())) > 0) {
      if (c.inLength + n > c.in.length) c.in = Arrays.copyOf(c.in, Math.max(c.in.length * 2, c.inLength + n));
      readBuffer.flip().get(c.in, c.inLength, n);
      c.inLength += n;
    }
    if (!c.done() && parseComplete(c, n < 0)) {
      c.doneNanos = now;
      if (c != writer) finished++;
    }
    if (n < 0) {
      fail(c); // no effect when already answered
      c.channel.close();
    }
  }

  /**
   * True once a complete response is buffered (by Content-Length, chunked, or closed by the
   * server when it has neither); sets status and index.
   */
  private static boolean parseComplete(Conn c, boolean closed) {
    String text = new String(c.in, 0, c.inLength, StandardCharsets.ISO_8859_1);
    int headerEnd = text.indexOf("\r\n\r\n");
    if (headerEnd < 0) return false;
    String[] lines = text.substring(0, headerEnd).split("\r\n");
    c.status = Integer.parseInt(lines[0].split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      String value = line.substring(line.indexOf(':') + 1).trim();
      if (lower.startsWith("content-length:")) length = Long.parseLong(value);
      else if (lower.startsWith("x-consul-index:")) c.index = Long.parseLong(value);
      else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
    }
    if (chunked) return text.endsWith("0\r\n\r\n");
    return length >= 0 ? c.inLength - (headerEnd + 4) >= length : closed;
  }

  private void fail(Conn c) {
    if (c.done()) return;
    c.failed = true;
    if (c != writer) finished++;
    try {
      c.channel.close();
    } catch (IOException ignored) {
      // closing a broken connection: nothing more to learn
    }
  }

  private void startStdinWatcher() {
    Thread t = new Thread(() -> {
      try {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException ignored) {
        // EOF or error: continue as if a line arrived
      }
      resume = true;
      selector.wakeup();
    }, "stdin");
    t.setDaemon(true);
    t.start();
  }

  private boolean expired() {
    return System.nanoTime() - deadline > 0;
  }

  /** Prints the summary and returns the exit status. */
  private int report(long writeSent, int early) throws IOException {
    long[] latencies = watchers.stream().filter(c -> c.doneNanos >= 0 && writeSent >= 0)
        .mapToLong(c -> c.doneNanos - writeSent).sorted().toArray();
    long ok = watchers.stream().filter(c -> c.doneNanos >= 0 && c.status == 200 && c.index > index).count();
    long failed = watchers.stream().filter(c -> c.failed).count();
    double ack = writer.doneNanos >= 0 && writeSent >= 0 ? (writer.doneNanos - writeSent) / 1e6 : -1;
    if (writer.doneNanos >= 0 && writer.status != 200) System.out.println("write answered " + writer.status);
    if (expired()) System.out.printf(Locale.ROOT, "TIMEOUT after %d s%n", opt.timeoutMillis() / 1000);
    System.out.printf(Locale.ROOT,
        "FANOUT n=%d arrived=%d ok=%d failed=%d early=%d write_ack_ms=%.1f first_ms=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
        opt.n(), latencies.length, ok, failed, early, ack, pct(latencies, 0), pct(latencies, 50), pct(latencies, 99),
        pct(latencies, 100));
    for (Conn c : watchers) c.channel.close();
    writer.channel.close();
    selector.close();
    return ok == opt.n() && writer.status == 200 ? 0 : 1;
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
