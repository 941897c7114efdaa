package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /} answers a browser with the inspector and a program with JSON; the page's files carry the CSP. */
class InspectorPageTest {
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static SyncReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = SyncReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void aBrowserGetsThePageWithItsSecurityHeaders() {
    WebhookClient.Reply page = get("/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.body()).contains("<script src=\"/ui/inspector.js\" defer></script>").doesNotContain("<script>")
        .doesNotContain("http://").doesNotContain("https://"); // no CDN: works offline
  }

  @ParameterizedTest(name = "Accept: {0}")
  @CsvSource(delimiter = '|', value = {"*/*", "application/json", "''"})
  void aProgramGetsTheJsonDirectory(String accept) {
    WebhookClient.Reply root = get("/", accept.isEmpty() ? null : accept);

    assertThat(root.status()).isEqualTo(200);
    assertThat(root.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(root.json().get("events").asText()).startsWith("GET /api/events");
    assertThat(root.json().get("inspector").asText()).isEqualTo("GET / from a browser (Accept: text/html)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/ui/inspector.js  | text/javascript; charset=utf-8",
      "/ui/inspector.css | text/css; charset=utf-8",
      "/ui/index.html    | text/html; charset=utf-8",
      "/ui/favicon.svg   | image/svg+xml"})
  void theFilesComeFromTheJarWithTheirTypeAndTheHeaders(String path, String contentType) {
    WebhookClient.Reply file = get(path.trim(), null);

    assertThat(file.status()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue(contentType.trim());
    assertThat(file.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(file.body()).isNotEmpty();
  }

  @Test
  void theScriptNeverWritesHtml() {
    assertThat(get("/ui/inspector.js", null).body()).doesNotContain("innerHTML").doesNotContain("outerHTML")
        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/ui/secret.txt", "/ui/", "/ui/inspector.js/x", "/ui/dev/syncwire/receiver/ui/index.html"})
  void anythingElseUnderUiIsA404NamingTheFiles(String path) {
    WebhookClient.Reply reply = get(path, null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    assertThat(reply.json().get("message").asText()).contains("favicon.svg, index.html, inspector.css, inspector.js");
  }

  @Test
  void postToAFileIsA405() {
    WebhookClient.Reply reply = WebhookClient.send("POST", receiver.baseUrl().resolve("/ui/inspector.js"));

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  private static WebhookClient.Reply get(String path, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.baseUrl() + path)).timeout(Duration.ofSeconds(10));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return WebhookClient.send(request.build());
  }
}
