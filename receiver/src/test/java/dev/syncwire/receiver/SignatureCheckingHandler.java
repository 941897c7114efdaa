package dev.syncwire.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import dev.syncwire.fixtures.FormParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A user's webhook handler on a real port (the JDK's HTTP server): it checks {@code
 * X-Twilio-Signature} with twilio-java's {@link RequestValidator}, as a real handler would, and
 * answers 200 {@code ok} when valid, 403 otherwise, or the status a test sets. It can hold every
 * answer until released.
 */
final class SignatureCheckingHandler implements AutoCloseable {
  /** One request as the handler got it, and whether twilio-java found its signature valid. */
  record Received(String url, Map<String, String> params, Map<String, List<String>> headers, boolean valid) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final RequestValidator validator;
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final List<Received> all = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile CountDownLatch hold = new CountDownLatch(0);

  SignatureCheckingHandler(String authToken) {
    this.validator = new RequestValidator(authToken);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT/sync}. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sync");
  }

  void answer(int status) {
    this.status = status;
  }

  /** Holds every answer until the returned latch is counted down. */
  CountDownLatch holdAnswers() {
    CountDownLatch latch = new CountDownLatch(1);
    hold = latch;
    return latch;
  }

  Received next() throws InterruptedException {
    Received r = received.poll(15, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the handler got no request within 15 s");
    }
    return r;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + exchange.getRequestURI();
    Map<String, String> params = new LinkedHashMap<>();
    FormParams.parse(body).asList().forEach(p -> params.put(p.name(), p.value()));
    String signature = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
    boolean valid = signature != null && validator.validate(url, params, signature);
    Received r = new Received(url, params, Map.copyOf(exchange.getRequestHeaders()), valid);
    all.add(r);
    received.add(r);
    try {
      hold.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int answer = status != 200 ? status : valid ? 200 : 403;
    byte[] reply = (answer == 200 ? "ok" : answer == 403 ? "bad signature" : "handler failed with " + answer)
        .getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  @Override
  public void close() {
    hold.countDown();
    server.stop(0);
  }
}
