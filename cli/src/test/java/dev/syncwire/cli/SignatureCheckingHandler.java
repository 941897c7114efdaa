package dev.syncwire.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import dev.syncwire.fixtures.FormParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The user's webhook handler: a real HTTP server on 127.0.0.1 that checks {@code X-Twilio-Signature}
 * with twilio-java's {@link RequestValidator}, as a protected handler does, answers 200 when it holds
 * and 403 when not, and keeps every request it got.
 */
final class SignatureCheckingHandler implements AutoCloseable {
  /** One request as the handler saw it. */
  record Received(Map<String, String> params, String signature, String replayOf, boolean signatureValid) {}

  private final HttpServer server;
  private final RequestValidator validator;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  SignatureCheckingHandler(String authToken) {
    this.validator = new RequestValidator(authToken);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/sync", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sync";
  }

  /** The next request, waiting up to {@code timeout}; fails the test when none came. */
  Received next(Duration timeout) throws InterruptedException {
    Received r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("the handler at " + url() + " got no request within " + timeout);
    }
    return r;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> params = new LinkedHashMap<>();
    FormParams.parse(body).asList().forEach(p -> params.put(p.name(), p.value()));
    String signature = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
    boolean valid = signature != null && validator.validate(url(), params, signature);
    received.add(new Received(params, signature, exchange.getRequestHeaders().getFirst("X-Syncwire-Replay-Of"), valid));
    byte[] answer = (valid ? "handled " + params.get("EventType") : "bad signature").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(valid ? 200 : 403, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
