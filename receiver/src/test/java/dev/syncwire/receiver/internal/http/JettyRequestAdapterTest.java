package dev.syncwire.receiver.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.receiver.internal.signature.SignatureCheck;
import dev.syncwire.receiver.internal.signature.SignatureValidator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real Jetty request, read once by {@link JettyRequest}, validates end to end. */
class JettyRequestAdapterTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final SignatureValidator VALIDATOR = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  static Server server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) throws Exception {
            ByteBuffer buffer = Content.Source.asByteBuffer(request);
            byte[] body = new byte[buffer.remaining()];
            buffer.get(body);
            SignatureCheck check = VALIDATOR.check(JettyRequest.signed(request, JettyRequest.raw(request, body), null));
            response.setStatus(200);
            Content.Sink.write(response, true, check.verdict().wireName() + "|" + check.matchedUrl() + "|" + check.reason(), callback);
            return true;
          }
        });
    server.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  static String post(String path, String contentType, byte[] body, String signature, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      b.header(TwilioSignature.HEADER, signature);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void validatesAFormPostAtTheUrlItArrivedAtWithItsRawQuery() throws Exception {
    String path = "/webhooks/sync?tenant=a%20b&x=%C3%A9";
    String url = "http://127.0.0.1:" + port + path;
    FormParams params = FormParams.parse("EventType=document_updated&DocumentData=%7B%22n%22%3A%22Zo%C3%A9+%F0%9F%8E%89%22%7D");

    String answer =
        post(path, "application/x-www-form-urlencoded", params.encode().getBytes(StandardCharsets.US_ASCII),
            TwilioSignature.compute(TOKEN, url, params));

    assertThat(answer).startsWith("valid|" + url + "|");
  }

  @Test
  void validatesATunnelledPostThroughItsForwardingHeaders() throws Exception {
    String publicUrl = "https://abc.ngrok.app/webhooks";
    FormParams params = FormParams.parse("EventType=map_item_added&ItemKey=user-1");

    String answer =
        post("/webhooks", "application/x-www-form-urlencoded", params.encode().getBytes(StandardCharsets.US_ASCII),
            TwilioSignature.compute(TOKEN, publicUrl, params),
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "abc.ngrok.app");

    assertThat(answer).startsWith("valid|" + publicUrl + "|");
  }

  @Test
  void validatesAJsonPostByItsBodyHash() throws Exception {
    byte[] body = "{\"EventType\":\"document_updated\"}".getBytes(StandardCharsets.UTF_8);
    String path = "/webhooks?bodySHA256=" + TwilioSignature.bodySha256(body);
    String url = "http://127.0.0.1:" + port + path;

    String answer = post(path, "application/json", body, TwilioSignature.computeForUrl(TOKEN, url));

    assertThat(answer).startsWith("valid|" + url + "|");
  }

  @Test
  void reportsAMissingHeaderFromJetty() throws Exception {
    String answer = post("/webhooks", "application/x-www-form-urlencoded", "EventType=x".getBytes(StandardCharsets.US_ASCII), null);

    assertThat(answer).startsWith("invalid|null|X-Twilio-Signature header is missing;");
  }
}
