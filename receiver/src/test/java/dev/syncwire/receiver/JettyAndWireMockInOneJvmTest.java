package dev.syncwire.receiver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.Document;
import dev.syncwire.fixtures.Webhooks;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The classpath question settled: our Jetty 12 receiver, a WireMockServer (Jetty 12 underneath) and
 * the official Twilio SDK (Jackson 2.15 built, 2.18 here) run side by side in one JVM.
 */
class JettyAndWireMockInOneJvmTest {
  @Test
  void receiverWireMockAndTheTwilioSdkShareOneJvm() {
    WireMockServer wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    wireMock.start();
    try (SyncReceiver receiver = SyncReceiver.start()) {
      wireMock.stubFor(get(urlPathMatching("/v1/Services/IS[0-9a-f]{32}/Documents/app-config")).willReturn(aResponse()
          .withHeader("Content-Type", "application/json")
          .withBody("{\"sid\":\"ET" + "0".repeat(32) + "\",\"unique_name\":\"app-config\",\"revision\":\"1\","
              + "\"data\":{\"theme\":\"dark\"}}")));
      TwilioRestClient client = new TwilioRestClient.Builder("AC" + "0".repeat(32), "token")
          .httpClient(new Redirecting(wireMock.baseUrl())).build();

      Document document = Document.fetcher("IS" + "0".repeat(32), "app-config").fetch(client);
      WebhookClient.Reply webhook = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().build());

      assertThat(document.getData()).asString().contains("theme").contains("dark");
      assertThat(webhook.status()).isEqualTo(200);
      assertThat(receiver.events().size()).isEqualTo(1);
    } finally {
      wireMock.stop();
    }
  }

  /** twilio-java has no base URL setting: copy each request onto WireMock's address. */
  private static final class Redirecting extends NetworkHttpClient {
    private final String base;

    Redirecting(String base) {
      this.base = base;
    }

    @Override
    public Response makeRequest(Request r) {
      Request copy = new Request(r.getMethod(), base + URI.create(r.getUrl()).getRawPath());
      r.getQueryParams().forEach((k, vs) -> vs.forEach(v -> copy.addQueryParam(k, v)));
      r.getPostParams().forEach((k, vs) -> vs.forEach(v -> copy.addPostParam(k, v)));
      if (r.getUsername() != null) {
        copy.setAuth(r.getUsername(), r.getPassword());
      }
      return super.makeRequest(copy);
    }
  }
}
