package dev.syncwire.harness.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syncwire.fixtures.FormParams;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP receiver for delivery tests: journals each request before answering it, answers
 * with a scripted reply, and lets a test wait for the n-th request without polling.
 */
final class RecordingReceiver implements AutoCloseable {
  record Received(String uri, FormParams params, String body, String signature,
      String idempotencyToken, String contentType, String userAgent) {
    String param(String name) {
      return params.get(name);
    }
  }

  record Reply(int status, String body) {
    static Reply ok() {
      return new Reply(200, "");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-receiver");
    t.setDaemon(true);
    return t;
  });
  private final List<Received> received = new ArrayList<>();
  private volatile Function<Received, Reply> responder = r -> Reply.ok();

  RecordingReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} plus {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  RecordingReceiver answer(Function<Received, Reply> responder) {
    this.responder = responder;
    return this;
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Waits until {@code count} requests have arrived; fails listing what did. */
  List<Received> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (received.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " requests within " + timeout
              + " but got " + received.size() + ": " + received);
        }
        TimeUnit.NANOSECONDS.timedWait(received, left);
      }
      return List.copyOf(received);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var h = exchange.getRequestHeaders();
      Received r = new Received(exchange.getRequestURI().toString(), FormParams.parse(body), body,
          h.getFirst("X-Twilio-Signature"), h.getFirst("I-Twilio-Idempotency-Token"),
          h.getFirst("Content-Type"), h.getFirst("User-Agent"));
      synchronized (received) {
        received.add(r);
        received.notifyAll();
      }
      Reply reply = responder.apply(r);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
