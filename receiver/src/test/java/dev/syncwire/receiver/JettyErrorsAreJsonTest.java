package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests Jetty refuses before any route sees them (headers or URI too large, a bad
 * Content-Length, an ambiguous URI) are answered in the receiver's one JSON shape, status kept.
 */
class JettyErrorsAreJsonTest {
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
  void headersOverTheLimitAreA431NamingTheHeaders() {
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(),
        "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");

    JsonNode json = assertJsonShape(answer, 431, "header", "max_header_bytes");
    assertThat(json.get("message").asText()).contains("8192 bytes");
  }

  @Test
  void aUriOverTheLimitIsA414NamingTheUri() {
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(),
        "GET /api/events?key=" + "k".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    JsonNode json = assertJsonShape(answer, 414, "uri", "max_uri_bytes");
    assertThat(json.get("message").asText()).contains("8192 bytes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Content-Length: abc                     | non_negative_integer",
      "Content-Length: 1\\r\\nContent-Length: 2 | single_value"})
  void aBadContentLengthIsA400NamingIt(String headers, String rule) {
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(),
        "POST /webhooks HTTP/1.1\r\nHost: x\r\n" + headers.trim().replace("\\r\\n", "\r\n") + "\r\n\r\nab");

    assertJsonShape(answer, 400, "Content-Length", rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "//webhooks   | an empty segment",
      "/webhooks%2F | an encoded /"})
  void anAmbiguousUriIsA400SayingWhatIsAmbiguous(String uri, String what) {
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(),
        "POST " + uri.trim() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");

    JsonNode json = assertJsonShape(answer, 400, "uri", "unambiguous_uri");
    assertThat(json.get("message").asText()).contains(what.trim()).contains("POST /webhooks");
  }

  @Test
  void aRequestWithoutHostIsA400NamingHost() {
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(), "GET /health HTTP/1.1\r\n\r\n");

    assertJsonShape(answer, 400, "Host", "required");
  }

  @Test
  void anOddMethodWithABadContentLengthStillGetsTheJsonShape() {
    // Jetty writes no error body for methods other than GET, POST and HEAD by default.
    RawHttp.Answer answer = RawHttp.exchange(receiver.port(),
        "PUT /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");

    assertJsonShape(answer, 400, "Content-Length", "non_negative_integer");
  }

  private static JsonNode assertJsonShape(RawHttp.Answer answer, int status, String field, String rule) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().get("content-type")).as(answer.body()).startsWith("application/json");
    JsonNode json = answer.json();
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertThat(json.get("field").asText()).isEqualTo(field);
    assertThat(json.get("message").asText()).isNotBlank();
    JsonNode first = json.get("errors").get(0);
    assertThat(first.get("field").asText()).isEqualTo(field);
    assertThat(first.get("rule").asText()).isEqualTo(rule);
    assertThat(first.get("message").asText()).isEqualTo(json.get("message").asText());
    return json;
  }
}
