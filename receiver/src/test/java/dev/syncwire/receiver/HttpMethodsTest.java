package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HEAD works wherever GET does; every 405 says which methods the path takes, in {@code Allow} and in words. */
class HttpMethodsTest {
  private static SyncReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = SyncReceiver.start();
    WebhookClient.postForm(receiver.webhookUrl(), Webhooks.mapItemAdded().build()); // event 1
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @ParameterizedTest(name = "HEAD {0}")
  @CsvSource(delimiter = '|', value = {
      "/health                   | application/json",
      "/api/events               | application/json",
      "/api/events?type=         | application/json",
      "/api/events/1             | application/json",
      "/                         | application/json",
      "/api/events/stream        | text/event-stream"})
  void headAnswersLikeGetWithoutABody(String path, String contentType) {
    WebhookClient.Reply head = WebhookClient.send("HEAD", receiver.baseUrl().resolve(path.trim()));

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type").orElse("")).startsWith(contentType.trim());
    assertThat(head.body()).isEmpty();
  }

  @Test
  void headOfAnOddQueryIsA400LikeGet() {
    WebhookClient.Reply head = WebhookClient.send("HEAD", receiver.baseUrl().resolve("/api/events?limit=abc"));

    assertThat(head.status()).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "GET    | /webhooks          | POST",
      "HEAD   | /webhooks          | POST",
      "PUT    | /api/events        | GET, HEAD, DELETE",
      "POST   | /api/events/1      | GET, HEAD",
      "POST   | /api/events/stream | GET, HEAD",
      "DELETE | /health            | GET, HEAD",
      "POST   | /                  | GET, HEAD"})
  void every405SaysWhichMethodsThePathTakes(String method, String path, String allow) {
    WebhookClient.Reply reply = WebhookClient.send(method.trim(), receiver.baseUrl().resolve(path.trim()));

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers().firstValue("Allow")).hasValue(allow.trim());
    if (!method.trim().equals("HEAD")) {
      assertThat(reply.json().get("error").asText()).isEqualTo("method_not_allowed");
      assertThat(reply.json().get("errors").get(0).get("received").asText()).isEqualTo(method.trim());
    }
  }

  @Test
  void the405OnApiEventsNamesDeleteToo() {
    WebhookClient.Reply reply = WebhookClient.send("PUT", receiver.baseUrl().resolve("/api/events"));

    assertThat(reply.json().get("message").asText()).isEqualTo(
        "/api/events takes GET (the recorded events) or DELETE (forget them); received PUT");
  }

  @Test
  void postingToTheRootPointsToTheWebhookPath() {
    WebhookClient.Reply reply = WebhookClient.send("POST", receiver.baseUrl().resolve("/"));

    assertThat(reply.json().get("message").asText()).isEqualTo(
        "/ takes GET (where everything is); Sync webhooks go to POST /webhooks; received POST");
  }
}
