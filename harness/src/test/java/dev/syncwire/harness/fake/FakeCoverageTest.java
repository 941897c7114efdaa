package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.harness.fake.internal.DeclaredErrors;
import dev.syncwire.harness.fake.internal.ErrorCase;
import dev.syncwire.harness.fake.internal.FakeCoverage;
import dev.syncwire.harness.fake.internal.SampleRequests;
import dev.syncwire.harness.fake.internal.SyncSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code syncwire fake --coverage} tells the truth: every spec operation is served, and the error
 * table agrees with the code both ways. A battery of bad requests (a missing service, object,
 * item or identity; each body parameter dropped or given bad values; bad paging and filters; a
 * stale If-Match) goes to every operation in-process, where the thrown {@link SyncError}'s
 * {@link ErrorCase} is visible: each declared error must come out, and nothing undeclared may.
 */
class FakeCoverageTest {
  static final SyncSpec SPEC = SyncSpec.bundled();
  static final String ACCOUNT = "AC" + "0".repeat(32);
  static final String TOKEN = "0".repeat(32);

  /** Values that break each body parameter's rule, each meant to provoke one error case. */
  static final Map<String, List<String>> BAD = Map.ofEntries(
      Map.entry("WebhookUrl", List.of("not a url")),
      Map.entry("WebhooksFromRestEnabled", List.of("maybe")),
      Map.entry("ReachabilityWebhooksEnabled", List.of("maybe")),
      Map.entry("AclEnabled", List.of("maybe")),
      Map.entry("ReachabilityDebouncingEnabled", List.of("maybe")),
      Map.entry("ReachabilityDebouncingWindow", List.of("5", "soon")),
      Map.entry("UniqueName", List.of("", "u".repeat(321), "ET" + "0".repeat(32), SampleRequests.NAME)),
      Map.entry("Key", List.of("", "k".repeat(321), SampleRequests.MAP_KEY)),
      Map.entry("Data", List.of("[1]", "{", "{\"x\":\"" + "a".repeat(5000) + "\"}", "{\"x\":\"" + "a".repeat(17_000) + "\"}")),
      Map.entry("Ttl", List.of("-1", "forever")),
      Map.entry("ItemTtl", List.of("-1")),
      Map.entry("CollectionTtl", List.of("31536001")),
      Map.entry("Read", List.of("maybe")),
      Map.entry("Write", List.of("maybe")),
      Map.entry("Manage", List.of("maybe")));

  /** Paging and filter parameters that break their rules; harmless where a route reads no query. */
  static final List<String> BAD_QUERIES = List.of(
      "PageSize=0", "PageSize=many", "Page=-1", "PageToken=PA!!", "Order=sideways", "Bounds=both", "From=first");

  static SyncStore store;
  static SyncRoutes routes;
  static String serviceSid;
  static SyncStore.State fixture;

  @BeforeAll
  static void fixture() {
    store = new SyncStore(ACCOUNT, TOKEN, FakeClock.at(Instant.parse("2026-01-01T00:00:00Z")), 1, (u, p, t, k) -> { });
    routes = new SyncRoutes(store);
    serviceSid = store.createService(null).sid;
    for (SampleRequests.Request r : SampleRequests.fixture(serviceSid)) {
      routes.handle(request(r.method(), r.path(), "", r.body(), null));
    }
    fixture = store.snapshot();
  }

  @Test
  void everySpecOperationIsServedAndEveryFieldReturned() {
    FakeCoverage coverage = FakeCoverage.measure();

    assertThat(coverage.operations()).extracting(o -> o.spec().name())
        .containsExactlyElementsOf(SPEC.operations().stream().map(SyncSpec.Operation::name).toList());
    assertThat(coverage.operations()).filteredOn(o -> !o.served())
        .as("operations the fake does not serve").extracting(FakeCoverage.Operation::problem).isEmpty();
    assertThat(coverage.operationsServed()).as("operations served").isEqualTo(SPEC.operations().size());
    assertThat(coverage.fieldsReturned()).as("fields returned").isEqualTo(coverage.fields()).isGreaterThan(400);
    assertThat(coverage.operations()).flatExtracting(FakeCoverage.Operation::extraFields).isEmpty();
  }

  @Test
  void aFieldTheFakeOmitsAndAnOperationItDoesNotServeShowAsNotCovered() {
    try (SyncApiFake fake = SyncApiFake.builder().start()) {
      String document = "/v1/Services/" + fake.defaultServiceSid() + "/Documents/" + SampleRequests.NAME;
      fake.stubFor(WireMock.get(WireMock.urlPathEqualTo(document)).willReturn(WireMock.okJson("{\"sid\":\"ET0\"}")));
      fake.stubFor(WireMock.delete(WireMock.urlPathEqualTo(document)).willReturn(WireMock.aResponse().withStatus(405)));

      FakeCoverage coverage = FakeCoverage.measure(fake);

      assertThat(coverage.operationsServed()).isEqualTo(SPEC.operations().size() - 1);
      assertThat(coverage.text()).contains(
          "DELETE /v1/Services/{ServiceSid}/Documents/{Sid}  DeleteDocument  NOT SERVED: answered 405",
          "    fields 1/12: sid !unique_name !account_sid",
          "GET /v1/Services/{ServiceSid}/Documents/{Sid}: field data not returned");
      assertThat(coverage.json()).contains(
          "{\"operation\":\"GET /v1/Services/{ServiceSid}/Documents/{Sid}\",\"field\":\"data\"}",
          "\"operations\":[\"DELETE /v1/Services/{ServiceSid}/Documents/{Sid}\"]", "\"complete\":false");
    }
  }

  @Test
  void theErrorTableNamesEverySpecOperationAndEveryErrorCase() {
    assertThat(DeclaredErrors.operations())
        .containsExactlyInAnyOrderElementsOf(SPEC.operations().stream().map(SyncSpec.Operation::name).toList());
    Set<ErrorCase> used = EnumSet.copyOf(DeclaredErrors.FAKE_WIDE);
    DeclaredErrors.operations().forEach(op -> used.addAll(DeclaredErrors.of(op.split(" ")[0], op.split(" ")[1])));
    assertThat(used).as("error cases declared for some operation or fake-wide").containsExactlyInAnyOrder(ErrorCase.values());
    assertThat(DeclaredErrors.FAKE_WIDE).doesNotContainAnyElementsOf(
        DeclaredErrors.operations().stream().flatMap(op -> DeclaredErrors.of(op.split(" ")[0], op.split(" ")[1]).stream()).toList());
  }

  @Test
  void everyDeclaredErrorIsProducedAndEveryProducedErrorIsDeclared() {
    Map<String, Set<ErrorCase>> produced = new TreeMap<>();
    List<String> crashes = new ArrayList<>();
    for (SyncSpec.Operation op : SPEC.operations()) {
      Set<ErrorCase> seen = EnumSet.noneOf(ErrorCase.class);
      for (Probe probe : probes(op)) {
        store.restore(fixture);
        try {
          routes.handle(request(op.method(), probe.path(), probe.query(), probe.form().body(), probe.ifMatch()));
        } catch (SyncError e) {
          seen.add(e.kind);
        } catch (RuntimeException e) {
          crashes.add(op.name() + " " + probe + ": " + e);
        }
      }
      produced.put(op.name(), seen);
    }
    assertThat(crashes).as("probes that crashed the fake (a 500)").isEmpty();

    Map<String, Set<ErrorCase>> undeclared = new TreeMap<>();
    Map<String, Set<ErrorCase>> neverProduced = new TreeMap<>();
    for (SyncSpec.Operation op : SPEC.operations()) {
      Set<ErrorCase> declared = DeclaredErrors.of(op.method(), op.path());
      Set<ErrorCase> extra = EnumSet.noneOf(ErrorCase.class);
      extra.addAll(produced.get(op.name()));
      extra.removeAll(declared);
      DeclaredErrors.FAKE_WIDE.forEach(extra::remove);
      if (!extra.isEmpty()) {
        undeclared.put(op.name(), extra);
      }
      Set<ErrorCase> missing = declared.isEmpty() ? EnumSet.noneOf(ErrorCase.class) : EnumSet.copyOf(declared);
      missing.removeAll(produced.get(op.name()));
      if (!missing.isEmpty()) {
        neverProduced.put(op.name(), missing);
      }
    }
    SoftAssertions.assertSoftly(softly -> {
      softly.assertThat(undeclared).as("errors the fake threw that DeclaredErrors does not list for the operation").isEmpty();
      softly.assertThat(neverProduced).as("declared errors no probe could produce").isEmpty();
    });
  }

  @Test
  void pathsAndMethodsOutsideTheApiAreTheFakeWide404And405() {
    store.restore(fixture);
    assertThat(kindOf("GET", "/v1/Nothing")).isEqualTo(ErrorCase.UNKNOWN_PATH);
    assertThat(kindOf("GET", "/v1/Services/" + serviceSid + "/Nothing")).isEqualTo(ErrorCase.UNKNOWN_PATH);
    assertThat(kindOf("GET", "/v1/Services/" + serviceSid + "/Documents/fixture/Items")).isEqualTo(ErrorCase.UNKNOWN_PATH);
    assertThat(kindOf("PUT", "/v1/Services")).isEqualTo(ErrorCase.METHOD_NOT_ALLOWED);
    assertThat(kindOf("GET", "/v1/Services/" + serviceSid + "/Streams/fixture/Messages")).isEqualTo(ErrorCase.METHOD_NOT_ALLOWED);
  }

  @Test
  void credentialsFailuresAndInjectedFaultsAreTheFakeWideErrorsOverHttp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(Instant.MAX.minusSeconds(10))).start()) {
      String documents = "/v1/Services/" + fake.defaultServiceSid() + "/Documents";
      assertError(send(http, fake, "GET", documents, "", fake.accountSid() + ":wrong"), ErrorCase.UNAUTHENTICATED);
      assertError(send(http, fake, "POST", documents, "Ttl=60", fake.accountSid() + ":" + fake.authToken()), ErrorCase.FAKE_FAILURE);
      fake.faults().when("GET", ".*/Documents").status(429).code(20429).times(1);
      HttpResponse<String> injected = send(http, fake, "GET", documents, "", fake.accountSid() + ":" + fake.authToken());
      assertThat(injected.statusCode()).as("an injected fault answers the rule's status").isEqualTo(429);
      assertThat(new ObjectMapper().readTree(injected.body()).get("code").asInt()).isEqualTo(20429);
    }
  }

  // ---- probes ----

  /** One bad request for an operation: its path, query, form and If-Match. */
  record Probe(String why, String path, String query, SampleRequests.Request form, String ifMatch) {
    @Override
    public String toString() {
      return why;
    }
  }

  static List<Probe> probes(SyncSpec.Operation op) {
    SampleRequests.Request base = SampleRequests.of(SPEC, op, serviceSid);
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe("as sampled", base.path(), "", base, null));
    String[] template = op.path().split("/");
    String[] path = base.path().split("/");
    for (int i = 0; i < template.length; i++) {
      if (template[i].startsWith("{")) {
        String[] missing = path.clone();
        missing[i] = template[i - 1].equals("Services") ? "IS" + "f".repeat(32)
            : template[i].equals("{Index}") ? "99" : "missing";
        probes.add(new Probe("missing " + template[i], String.join("/", missing), "", base, null));
      }
    }
    for (String query : BAD_QUERIES) {
      probes.add(new Probe("query " + query, base.path(), query, base, null));
    }
    probes.add(new Probe("If-Match: ff0", base.path(), "", base, "ff0"));
    if (op.method().equals("POST")) {
      probes.add(new Probe("empty body", base.path(), "", new SampleRequests.Request("POST", base.path(), Map.of()), null));
      for (String name : base.form().keySet()) {
        Map<String, String> without = new LinkedHashMap<>(base.form());
        without.remove(name);
        probes.add(new Probe("without " + name, base.path(), "", new SampleRequests.Request("POST", base.path(), without), null));
        for (String bad : BAD.getOrDefault(name, List.of())) {
          Map<String, String> broken = new LinkedHashMap<>(base.form());
          broken.put(name, bad);
          probes.add(new Probe(name + "=" + abbreviate(bad), base.path(), "",
              new SampleRequests.Request("POST", base.path(), broken), null));
        }
      }
    }
    return probes;
  }

  static SyncRoutes.Request request(String method, String path, String query, String form, String ifMatch) {
    return new SyncRoutes.Request(method, path, FormParams.parse(query), FormParams.parse(form), ifMatch, RequestOrigin.TWILIO);
  }

  static ErrorCase kindOf(String method, String path) {
    try {
      routes.handle(request(method, path, "", "", null));
      return null;
    } catch (SyncError e) {
      return e.kind;
    }
  }

  static HttpResponse<String> send(HttpClient http, SyncApiFake fake, String method, String path, String form,
      String credentials) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    b = method.equals("POST")
        ? b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        : b.method(method, HttpRequest.BodyPublishers.noBody());
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertError(HttpResponse<String> answer, ErrorCase expected) throws Exception {
    JsonNode body = new ObjectMapper().readTree(answer.body());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected.status());
    assertThat(body.get("code").asInt()).as(answer.body()).isEqualTo(expected.code());
  }

  static String abbreviate(String value) {
    return value.length() <= 20 ? "'" + value + "'" : "'" + value.substring(0, 12) + "...' (" + value.length() + " chars)";
  }
}
