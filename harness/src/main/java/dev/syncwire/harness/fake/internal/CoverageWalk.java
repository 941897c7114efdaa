package dev.syncwire.harness.fake.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.harness.fake.SyncApiFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends requests to one fake with its account's credentials, and turns an operation's answer into
 * its coverage: served or not, each spec field returned or not (or only as null), fields the spec
 * does not have.
 */
final class CoverageWalk {
  private final SyncApiFake fake;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String authorization;

  CoverageWalk(SyncApiFake fake) {
    this.fake = fake;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (fake.accountSid() + ":" + fake.authToken()).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(SampleRequests.Request r) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + r.path()))
        .header("Authorization", authorization);
    if (r.method().equals("POST")) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(r.body()));
    } else {
      b.method(r.method(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("the fake at " + fake.baseUrl() + " did not answer " + r.method() + " " + r.path(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring coverage", e);
    }
  }

  FakeCoverage.Operation cover(SyncSpec.Operation op, SampleRequests.Request request) {
    HttpResponse<String> answer = send(request);
    Set<ErrorCase> errors = DeclaredErrors.of(op.method(), op.path());
    String problem = answer.statusCode() == op.status() ? null
        : "answered " + answer.statusCode() + " to " + request.method() + " " + request.path() + ": " + answer.body();
    Map<String, Boolean> seen = new LinkedHashMap<>(); // field -> seen with a value other than null
    if (problem == null && !answer.body().isEmpty()) {
      try {
        flatten(FakeCoverage.MAPPER.readTree(answer.body()), "", op.fields(), seen);
      } catch (JsonProcessingException e) {
        problem = "answered a body that is not JSON: " + answer.body();
      }
    }
    List<FakeCoverage.Field> fields = new ArrayList<>();
    for (String name : op.fields()) {
      Boolean valued = seen.get(name);
      fields.add(new FakeCoverage.Field(name, valued != null, valued != null && !valued));
    }
    List<String> extra = seen.keySet().stream().filter(name -> !op.fields().contains(name)).toList();
    return new FakeCoverage.Operation(op, answer.statusCode(), problem, fields, extra, errors);
  }

  /** Each field of {@code node} by dotted name; descends where the spec has nested fields. */
  private static void flatten(JsonNode node, String prefix, List<String> specFields, Map<String, Boolean> seen) {
    node.fields().forEachRemaining(entry -> {
      String name = prefix + entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isArray() && specFields.stream().anyMatch(f -> f.startsWith(name + "[]."))) {
        value.forEach(element -> flatten(element, name + "[].", specFields, seen));
      } else if (value.isObject() && specFields.stream().anyMatch(f -> f.startsWith(name + "."))) {
        flatten(value, name + ".", specFields, seen);
      } else {
        seen.merge(name, !value.isNull(), Boolean::logicalOr);
      }
    });
  }
}
