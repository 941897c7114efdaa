package dev.syncwire.harness.fake;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.global.GlobalSettings;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty handler in front of WireMock's, on the same server, that answers Sync API requests
 * straight from {@link SyncHttpApi}: no servlet, no stub matching, no response rendering, and a
 * compact journal entry ({@link FastPathExchange}). It answers only requests WireMock would have
 * handed to the catch-all stub anyway, with the same status, {@code Content-Type} and body:
 * GET, POST or DELETE on {@code /v1/...} or the control API ({@code /__syncwire/...}), while no stub besides the catch-all
 * exists and no global delay is set. Everything else goes to WireMock unchanged. Injected
 * {@link Faults} come from the same {@link SyncHttpApi#answer} call; a delay is waited out on
 * Jetty's scheduler instead of a sleeping thread.
 */
final class SyncFastPath extends Handler.Wrapper {
  private final SyncHttpApi api;
  private final SyncApiTransformer transformer;
  private final BoundedRequestJournal journal; // null: journal off
  private final long idHigh = ThreadLocalRandom.current().nextLong();
  private final AtomicLong idLow = new AtomicLong();
  private volatile WireMockServer server; // null until started: everything goes to WireMock

  SyncFastPath(SyncHttpApi api, SyncApiTransformer transformer, BoundedRequestJournal journal) {
    this.api = api;
    this.transformer = transformer;
    this.journal = journal;
  }

  /** Starts answering; until then every request goes through WireMock. */
  void attach(WireMockServer wireMock) {
    this.server = wireMock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    URI uri = servable(request);
    if (uri == null) {
      return super.handle(request, response, callback);
    }
    Content.Source.asByteArrayAsync(request, -1).whenComplete((body, failure) -> {
      if (failure != null) {
        callback.failed(failure);
      } else {
        answer(request, uri, body, response, callback);
      }
    });
    return true;
  }

  /** The request's URI if WireMock would hand this request to the catch-all, else null. */
  private URI servable(Request request) {
    WireMockServer wireMock = server;
    if (wireMock == null) {
      return null;
    }
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("POST") && !method.equals("DELETE")) {
      return null;
    }
    HttpURI httpUri = request.getHttpURI();
    String path = httpUri.getPath();
    boolean sync = path != null && (path.startsWith("/v1/") || ControlApi.handles(path));
    if (!sync || httpUri.hasViolations() || transformer.hasUserStubs()) {
      return null;
    }
    GlobalSettings settings = wireMock.getGlobalSettings().getSettings();
    Integer fixedDelay = settings.getFixedDelay();
    if (fixedDelay != null && fixedDelay > 0 || settings.getDelayDistribution() != null) {
      return null;
    }
    try {
      return URI.create(httpUri.getPathQuery());
    } catch (IllegalArgumentException e) {
      return null; // WireMock decides what such a URL gets
    }
  }

  private void answer(Request request, URI uri, byte[] body, Response response, Callback callback) {
    SyncHttpApi.Answer answer;
    try {
      HttpFields headers = request.getHeaders();
      String origin = RequestOrigin.of(request.isSecure() ? "https" : "http", headers.get(HttpHeader.HOST),
          Request.getServerName(request) + ":" + Request.getServerPort(request),
          headers.get(HttpHeader.X_FORWARDED_PROTO), headers.get(HttpHeader.X_FORWARDED_HOST));
      answer = api.answer(request.getMethod(), uri, origin, headers.get(HttpHeader.AUTHORIZATION),
          headers.get(HttpHeader.IF_MATCH), body);
      if (journal != null) {
        journal.add(new FastPathExchange(new UUID(idHigh, idLow.incrementAndGet()), request.getMethod(),
            uri.toString(), request.getHttpURI().getScheme(), Request.getServerName(request),
            Request.getServerPort(request), Request.getRemoteAddr(request),
            request.getConnectionMetaData().getProtocol(), request.getHeaders().asImmutable(), body,
            answer, transformer.catchAll()));
      }
    } catch (Throwable t) {
      callback.failed(t);
      return;
    }
    if (answer.delayMillis() > 0) {
      request.getComponents().getScheduler().schedule(
          () -> send(answer, response, callback), answer.delayMillis(), TimeUnit.MILLISECONDS);
    } else {
      send(answer, response, callback);
    }
  }

  private static void send(SyncHttpApi.Answer answer, Response response, Callback callback) {
    response.setStatus(answer.status());
    answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    if (answer.body() == null) {
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, SyncHttpApi.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }
}
