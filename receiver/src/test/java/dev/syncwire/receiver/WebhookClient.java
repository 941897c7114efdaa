package dev.syncwire.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignedWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client for tests: posts webhooks to a running receiver and reads its JSON API. */
final class WebhookClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Reply(int status, JsonNode json, String body, HttpHeaders headers) {}

  private WebhookClient() {}

  static Reply post(URI url, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  /** Posts {@code params} form-encoded, signed with {@code token} for {@code url} (unsigned when token is null). */
  static Reply postForm(URI url, FormParams params, String token) {
    Map<String, String> headers = token == null ? Map.of()
        : Map.of(TwilioSignature.HEADER, TwilioSignature.compute(token, url.toString(), params));
    return post(url, SignedWebhook.CONTENT_TYPE, params.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        headers);
  }

  static Reply postForm(URI url, FormParams params) {
    return postForm(url, params, null);
  }

  static Reply get(URI url) {
    return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build());
  }

  static Reply delete(URI url) {
    return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).DELETE().build());
  }

  /** Any method, no body: HEAD, PUT, ... */
  static Reply send(String method, URI url) {
    return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (type.startsWith("application/json") && !response.body().isEmpty()) {
        json = JSON.readTree(response.body());
      }
      return new Reply(response.statusCode(), json, response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
