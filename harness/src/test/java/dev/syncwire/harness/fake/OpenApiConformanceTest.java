package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.harness.fake.internal.SyncSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every path and method of Twilio's Sync v1 spec (the copy bundled in the harness) against the fake
 * and checks each answer: status as the spec lists it, body valid by the Atlassian validator, and
 * exactly the spec's fields, no more, no fewer.
 */
class OpenApiConformanceTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static JsonNode spec;
  static OpenApiInteractionValidator validator;
  static SyncApiFake fake;
  static HttpClient http;
  static final Set<String> covered = new TreeSet<>();
  static final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    String text = SyncSpec.bundled().text();
    spec = MAPPER.readTree(text);
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
    fake = SyncApiFake.builder().start();
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Test
  void everySpecPathAndMethodAnswersWithTheSpecsStatusAndExactlyItsFields() throws Exception {
    String is = fake.defaultServiceSid();
    String svc = "/v1/Services/" + is;
    call("POST", "/v1/Services", "/v1/Services", "FriendlyName=second&WebhookUrl=https%3A%2F%2Fexample.com%2Fhook");
    JsonNode created = call("POST", "/v1/Services", "/v1/Services", "FriendlyName=doomed");
    call("GET", "/v1/Services", "/v1/Services?PageSize=1", null);
    call("GET", "/v1/Services/{Sid}", svc, null);
    call("POST", "/v1/Services/{Sid}", svc, "AclEnabled=true&ReachabilityDebouncingWindow=6000");
    call("DELETE", "/v1/Services/{Sid}", "/v1/Services/" + created.get("sid").asText(), null);

    String docs = "/v1/Services/{ServiceSid}/Documents";
    call("POST", docs, svc + "/Documents", "UniqueName=d1&Data=" + enc("{\"a\":1}") + "&Ttl=60");
    call("POST", docs, svc + "/Documents", null);
    call("GET", docs, svc + "/Documents?PageSize=1", null);
    call("GET", docs + "/{Sid}", svc + "/Documents/d1", null);
    call("POST", docs + "/{Sid}", svc + "/Documents/d1", "Data=" + enc("{\"a\":2}"));
    permissions(docs + "/{DocumentSid}/Permissions", svc + "/Documents/d1/Permissions");
    call("DELETE", docs + "/{Sid}", svc + "/Documents/d1", null);

    String lists = "/v1/Services/{ServiceSid}/Lists";
    call("POST", lists, svc + "/Lists", "UniqueName=l1&Ttl=0");
    call("GET", lists, svc + "/Lists", null);
    call("GET", lists + "/{Sid}", svc + "/Lists/l1", null);
    call("POST", lists + "/{Sid}", svc + "/Lists/l1", "CollectionTtl=600");
    String items = lists + "/{ListSid}/Items";
    call("POST", items, svc + "/Lists/l1/Items", "Data=" + enc("{\"n\":0}") + "&ItemTtl=30");
    call("POST", items, svc + "/Lists/l1/Items", "Data=" + enc("{\"n\":1}"));
    call("GET", items, svc + "/Lists/l1/Items?Order=desc&From=1&Bounds=inclusive&PageSize=1", null);
    call("GET", items + "/{Index}", svc + "/Lists/l1/Items/0", null);
    call("POST", items + "/{Index}", svc + "/Lists/l1/Items/0", "Data=" + enc("{\"n\":9}"));
    call("DELETE", items + "/{Index}", svc + "/Lists/l1/Items/0", null);
    permissions(lists + "/{ListSid}/Permissions", svc + "/Lists/l1/Permissions");
    call("DELETE", lists + "/{Sid}", svc + "/Lists/l1", null);

    String maps = "/v1/Services/{ServiceSid}/Maps";
    call("POST", maps, svc + "/Maps", "UniqueName=m1&CollectionTtl=100");
    call("GET", maps, svc + "/Maps", null);
    call("GET", maps + "/{Sid}", svc + "/Maps/m1", null);
    call("POST", maps + "/{Sid}", svc + "/Maps/m1", "Ttl=0");
    String mapItems = maps + "/{MapSid}/Items";
    call("POST", mapItems, svc + "/Maps/m1/Items", "Key=user%201&Data=" + enc("{\"s\":\"on\"}") + "&Ttl=5");
    call("GET", mapItems, svc + "/Maps/m1/Items?From=a&Bounds=exclusive&Order=asc", null);
    call("GET", mapItems + "/{Key}", svc + "/Maps/m1/Items/user%201", null);
    call("POST", mapItems + "/{Key}", svc + "/Maps/m1/Items/user%201", "Data=" + enc("{\"s\":\"off\"}"));
    call("DELETE", mapItems + "/{Key}", svc + "/Maps/m1/Items/user%201", null);
    permissions(maps + "/{MapSid}/Permissions", svc + "/Maps/m1/Permissions");
    call("DELETE", maps + "/{Sid}", svc + "/Maps/m1", null);

    String streams = "/v1/Services/{ServiceSid}/Streams";
    call("POST", streams, svc + "/Streams", "UniqueName=s1&Ttl=3600");
    call("GET", streams, svc + "/Streams", null);
    call("GET", streams + "/{Sid}", svc + "/Streams/s1", null);
    call("POST", streams + "/{Sid}", svc + "/Streams/s1", "Ttl=7200");
    call("POST", streams + "/{StreamSid}/Messages", svc + "/Streams/s1/Messages", "Data=" + enc("{\"typing\":true}"));
    call("DELETE", streams + "/{Sid}", svc + "/Streams/s1", null);

    Set<String> all = new TreeSet<>();
    spec.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
      if (Set.of("get", "post", "delete").contains(m)) {
        all.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
      }
    }));
    assertThat(covered).as("spec operations walked").containsExactlyInAnyOrderElementsOf(all);
    assertThat(problems).as("conformance problems").isEmpty();
  }

  void permissions(String template, String path) throws Exception {
    call("POST", template + "/{Identity}", path + "/alice", "Read=true&Write=false&Manage=false");
    call("GET", template, path, null);
    call("GET", template + "/{Identity}", path + "/alice", null);
    call("DELETE", template + "/{Identity}", path + "/alice", null);
  }

  JsonNode call(String method, String template, String pathAndQuery, String form) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (fake.accountSid() + ":" + fake.authToken()).getBytes(StandardCharsets.UTF_8)));
    if (form != null || method.equals("POST")) {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString(form == null ? "" : form));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    String op = method + " " + template;
    covered.add(op);
    JsonNode responses = spec.get("paths").get(template).get(method.toLowerCase(Locale.ROOT)).get("responses");
    String expected = responses.fieldNames().next();
    if (!expected.equals(Integer.toString(r.statusCode()))) {
      problems.add(op + ": status " + r.statusCode() + ", spec says " + expected + ": " + r.body());
      return null;
    }
    String path = URI.create("http://x" + pathAndQuery).getRawPath();
    SimpleResponse.Builder response = SimpleResponse.Builder.status(r.statusCode());
    if (!r.body().isEmpty()) {
      response.withContentType("application/json").withBody(r.body());
    }
    ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
    report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .forEach(m -> problems.add(op + ": " + m.getMessage()));
    if (r.body().isEmpty()) {
      return null;
    }
    JsonNode body = MAPPER.readTree(r.body());
    JsonNode schema = resolve(responses.get(expected).get("content").get("application/json").get("schema"));
    sameFields(op, "", schema, body);
    return body;
  }

  /** Body fields must be exactly the schema's properties, recursively through arrays and meta. */
  void sameFields(String op, String where, JsonNode schema, JsonNode body) {
    JsonNode props = schema.get("properties");
    if (props == null || !body.isObject()) {
      return;
    }
    Set<String> expected = new TreeSet<>();
    props.fieldNames().forEachRemaining(expected::add);
    Set<String> actual = new TreeSet<>();
    body.fieldNames().forEachRemaining(actual::add);
    if (!expected.equals(actual)) {
      problems.add(op + where + ": fields " + actual + ", spec has " + expected);
    }
    for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode prop = resolve(props.get(name));
      JsonNode value = body.get(name);
      if (value == null) {
        continue;
      }
      if ("array".equals(prop.path("type").asText()) && value.isArray()) {
        JsonNode itemSchema = resolve(prop.get("items"));
        value.forEach(v -> sameFields(op, where + "." + name + "[]", itemSchema, v));
      } else if (prop.has("properties")) {
        sameFields(op, where + "." + name, prop, value);
      }
    }
  }

  JsonNode resolve(JsonNode node) {
    while (node != null && node.has("$ref")) {
      String ref = node.get("$ref").asText().substring("#/components/schemas/".length());
      node = spec.get("components").get("schemas").get(ref);
    }
    return node;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
