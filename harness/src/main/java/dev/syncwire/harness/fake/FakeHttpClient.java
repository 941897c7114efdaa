package dev.syncwire.harness.fake;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.Objects;

/**
 * A twilio-java HTTP client that sends every request, paging URLs included, to one base URL
 * instead of {@code https://sync.twilio.com}. twilio-java has no base-URL setting; this is the hook.
 * Each request says, in {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, which scheme and
 * host the SDK meant, so the fake's answers keep naming Twilio's host as Twilio's would.
 *
 * <pre>{@code
 * TwilioRestClient client = new TwilioRestClient.Builder(accountSid, authToken)
 *     .httpClient(new FakeHttpClient(fake.baseUrl()))
 *     .build();
 * Document.creator(fake.defaultServiceSid()).setUniqueName("app-config").create(client);
 * }</pre>
 */
public class FakeHttpClient extends NetworkHttpClient {
  private final String baseUrl;

  /** @param baseUrl scheme, host and port, e.g. {@code http://127.0.0.1:8080}; a trailing slash is ignored */
  public FakeHttpClient(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public Response makeRequest(Request original) {
    URI uri = URI.create(original.getUrl());
    // next_page_url carries its query in the URL itself, so keep it.
    String target = baseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    // Region and edge are deliberately not copied: buildURL() would splice them into the host.
    Request copy = new Request(original.getMethod(), target);
    original.getQueryParams().forEach((k, vs) -> vs.forEach(v -> copy.addQueryParam(k, v)));
    original.getPostParams().forEach((k, vs) -> vs.forEach(v -> copy.addPostParam(k, v)));
    original.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> copy.addHeaderParam(k, v)));
    // The fake builds its links from these: the SDK's own host, not the one dialled.
    if (uri.getScheme() != null && uri.getRawAuthority() != null) {
      copy.addHeaderParam("X-Forwarded-Proto", uri.getScheme());
      copy.addHeaderParam("X-Forwarded-Host", uri.getRawAuthority());
    }
    if (original.getContentType() != null) {
      copy.setContentType(original.getContentType());
    }
    if (original.getBody() != null) {
      copy.setBody(original.getBody());
    }
    if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    } else if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    }
    copy.setUserAgentExtensions(original.getUserAgentExtensions());
    return super.makeRequest(copy);
  }
}
