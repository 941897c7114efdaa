package dev.syncwire.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floor a receiver is measured against: a Jetty 12 server, threaded like SyncReceiver, whose
 * one handler reads the whole POST body and answers 200 with nothing checked or kept.
 * {@code GET /count} answers how many bodies it read.
 *
 * <pre>{@code
 * try (BareJetty bare = BareJetty.start()) {
 *   client.POST(bare.webhookUrl()).body(...).send();
 * }
 * }</pre>
 */
public final class BareJetty implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final AtomicLong read = new AtomicLong();

  private BareJetty() {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("bare-jetty");
    threads.setDaemon(true);
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (HttpMethod.GET.is(request.getMethod())) {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
          response.write(true, StandardCharsets.US_ASCII.encode(Long.toString(read.get())), callback);
          return true;
        }
        Content.Source.asByteArrayAsync(request, 1 << 20).whenComplete((body, failure) -> {
          if (failure != null) {
            callback.failed(failure);
            return;
          }
          read.incrementAndGet();
          response.setStatus(200);
          callback.succeeded();
        });
        return true;
      }
    });
  }

  public static BareJetty start() {
    BareJetty bare = new BareJetty();
    try {
      bare.server.start();
    } catch (Exception e) {
      bare.close();
      throw new IllegalStateException("could not start the bare Jetty server on 127.0.0.1: " + e.getMessage(), e);
    }
    return bare;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI webhookUrl() {
    return URI.create("http://127.0.0.1:" + port() + "/webhooks");
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // closing a benchmark server; nothing to keep
    }
  }
}
