package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast path answers exactly as WireMock's servlet path does: the same requests against a fake
 * with it and one without give the same status, Content-Type and body bytes, errors included.
 */
class FastPathEquivalenceTest {
  private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One exchange as the client saw it. */
  record Seen(String request, int status, String contentType, String body) {}

  @Test
  void rawRequestsGetTheSameStatusContentTypeAndBodyBothWays() throws Exception {
    List<Seen> fast;
    List<Seen> wireMock;
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START)).start()) {
      fast = script(fake);
    }
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START)).fastPath(false).start()) {
      wireMock = script(fake);
    }
    assertThat(fast).hasSize(wireMock.size());
    for (int i = 0; i < fast.size(); i++) {
      assertThat(fast.get(i)).as("exchange %d", i).isEqualTo(wireMock.get(i));
    }
    // The script does reach the error answers it claims to.
    assertThat(fast).extracting(Seen::status)
        .contains(200, 201, 204, 400, 401, 404, 405, 409, 412, 413);
  }

  @Test
  void sdkCallsLeaveTheSameJournaledAnswersBothWays() {
    List<String> fast;
    List<String> wireMock;
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START)).start()) {
      fast = sdkScript(fake);
    }
    try (SyncApiFake fake = SyncApiFake.builder().clock(FakeClock.at(START)).fastPath(false).start()) {
      wireMock = sdkScript(fake);
    }
    assertThat(fast).isEqualTo(wireMock).hasSize(8);
  }

  @Test
  void onlyTheServletPathAddsWireMocksMatchedStubIdHeader() throws Exception {
    // one fixed clock for both: started a second apart, their default services' dates would differ
    try (SyncApiFake fast = SyncApiFake.builder().clock(FakeClock.at(START)).start();
        SyncApiFake slow = SyncApiFake.builder().clock(FakeClock.at(START)).fastPath(false).start()) {
      HttpResponse<String> viaFastPath = send(fast, "GET", "/v1/Services", null, auth(fast), null);
      HttpResponse<String> viaWireMock = send(slow, "GET", "/v1/Services", null, auth(slow), null);
      assertThat(viaFastPath.headers().firstValue("Matched-Stub-Id")).isEmpty();
      assertThat(viaWireMock.headers().firstValue("Matched-Stub-Id")).isPresent();
      assertThat(viaFastPath.body().replace(fast.baseUrl(), "http://fake"))
          .isEqualTo(viaWireMock.body().replace(slow.baseUrl(), "http://fake"));
    }
  }

  private static List<String> sdkScript(SyncApiFake fake) {
    var client = fake.twilioClient();
    String service = fake.defaultServiceSid();
    Document.creator(service).setUniqueName("doc").setData(Map.of("a", 1)).create(client);
    Document.updater(service, "doc").setData(Map.of("a", 2)).update(client);
    Document.fetcher(service, "doc").fetch(client);
    SyncList.creator(service).setUniqueName("feed").create(client);
    for (int i = 0; i < 3; i++) {
      SyncListItem.creator(service, "feed", Map.of("n", i)).create(client);
    }
    SyncListItem.reader(service, "feed").setPageSize(2L).firstPage(client);
    List<String> answers = new ArrayList<>();
    fake.wireMock().getAllServeEvents().forEach(e -> answers.add(e.getRequest().getMethod() + " "
        + e.getRequest().getUrl() + " -> " + e.getResponse().getStatus() + " " + e.getResponse().getBodyAsString()));
    return answers;
  }

  /** Success, every error the fake maps, paging through next_page_url, delete, reset. */
  private static List<Seen> script(SyncApiFake fake) throws Exception {
    String auth = auth(fake);
    String base = "/v1/Services/" + fake.defaultServiceSid();
    List<Seen> seen = new ArrayList<>();
    Exchange x = (method, path, form, authorization, ifMatch) -> {
      HttpResponse<String> r = send(fake, method, path, form, authorization, ifMatch);
      // The two fakes listen on different ports, which every link names.
      seen.add(new Seen(method + " " + path + " " + form, r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null), r.body().replace(fake.baseUrl(), "http://fake")));
      return r;
    };
    x.go("POST", base + "/Documents", "UniqueName=doc&Data=%7B%22a%22%3A1%7D", auth, null);
    x.go("POST", base + "/Documents", "UniqueName=doc", auth, null); // 409, 54301
    x.go("GET", base + "/Documents/missing", null, auth, null); // 404, 20404
    x.go("GET", base + "/Documents/doc", null, "Basic " + b64("AC00000000000000000000000000000000:wrong"), null); // 401
    x.go("GET", base + "/Documents/doc", null, null, null); // 401 without auth
    x.go("POST", base + "/Documents/doc", "Data=%7B%22a%22%3A2%7D", auth, "99"); // 412
    x.go("POST", base + "/Documents/doc", "Data=%7B%22a%22%3A2%7D", auth, "0");
    x.go("POST", base + "/Documents/doc", "Data=" + "%7B%22big%22%3A%22" + "x".repeat(17_000) + "%22%7D", auth, null); // 413
    x.go("POST", base + "/Documents/doc", "Data=not-json", auth, null); // 400
    x.go("DELETE", base + "/Documents", null, auth, null); // 405
    x.go("POST", base + "/Maps", "UniqueName=presence", auth, null);
    x.go("POST", base + "/Maps/presence/Items", "Key=user%2F1&Data=%7B%7D", auth, null);
    x.go("GET", base + "/Maps/presence/Items/user%2F1", null, auth, null);
    x.go("POST", base + "/Lists", "UniqueName=feed", auth, null);
    for (int i = 0; i < 5; i++) {
      x.go("POST", base + "/Lists/feed/Items", "Data=%7B%22n%22%3A" + i + "%7D", auth, null);
    }
    String next = base + "/Lists/feed/Items?PageSize=2&Order=desc";
    while (next != null) {
      JsonNode page = new ObjectMapper().readTree(x.go("GET", next, null, auth, null).body());
      String url = page.path("meta").path("next_page_url").asText(null);
      next = url == null ? null : url.replace(fake.baseUrl(), "");
    }
    // A request that arrived through a proxy names the proxy's origin, both ways.
    HttpResponse<String> proxied = send(fake, "GET", base + "/Lists/feed/Items?PageSize=2", null, auth, null,
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "sync.example.test, inner");
    seen.add(new Seen("GET proxied", proxied.statusCode(), proxied.headers().firstValue("Content-Type").orElse(null),
        proxied.body()));
    assertThat(proxied.body()).contains("\"next_page_url\":\"https://sync.example.test/v1/Services/");
    x.go("DELETE", base + "/Lists/feed/Items/0", null, auth, null); // 204
    x.go("GET", "/v1/Services", null, auth, null);
    x.go("GET", base, null, auth, null);
    x.go("GET", base + "/Maps", null, auth, null);
    x.go("GET", base + "/Maps/presence/Items", null, auth, null);
    x.go("POST", base + "/Streams", "UniqueName=typing", auth, null);
    x.go("POST", base + "/Streams/typing/Messages", "Data=%7B%22typing%22%3Atrue%7D", auth, null);
    x.go("POST", base + "/Documents/doc/Permissions/alice", "Read=true&Write=false&Manage=false", auth, null);
    x.go("GET", base + "/Documents/doc/Permissions", null, auth, null);
    x.go("GET", "/v1/Nothing", null, auth, null); // 404
    x.go("POST", SyncHttpApi.RESET_PATH, null, null, null); // 204
    x.go("GET", base + "/Documents/doc", null, auth, null); // 404 after reset
    return seen;
  }

  @FunctionalInterface
  interface Exchange {
    HttpResponse<String> go(String method, String path, String form, String authorization, String ifMatch)
        throws IOException, InterruptedException;
  }

  private static HttpResponse<String> send(SyncApiFake fake, String method, String path, String form,
      String authorization, String ifMatch, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
        .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String auth(SyncApiFake fake) {
    return "Basic " + b64(fake.accountSid() + ":" + fake.authToken());
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
