package dev.syncwire.harness.fake;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Limit;
import com.github.tomakehurst.wiremock.common.Timing;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwire.fixtures.FormParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * One request {@link SyncFastPath} answered and its answer, as the request journal keeps it: the
 * raw parts only. WireMock's {@link ServeEvent} (with its {@link LoggedRequest}) is built the first
 * time someone reads the journal, so a fake under load does not pay for it on every request.
 */
final class FastPathExchange {
  final UUID id;
  private final String method;
  private final String url;
  private final String scheme;
  private final String host;
  private final int port;
  private final String clientIp;
  private final String protocol;
  private final HttpFields headers;
  private final byte[] body;
  private final SyncHttpApi.Answer answer;
  private final StubMapping catchAll;
  /** When the request was answered: the journal entry's {@code loggedDate}, however late it is built. */
  private final long loggedAtMillis = System.currentTimeMillis();
  private volatile ServeEvent serveEvent;

  FastPathExchange(UUID id, String method, String url, String scheme, String host, int port, String clientIp,
      String protocol, HttpFields headers, byte[] body, SyncHttpApi.Answer answer,
      StubMapping catchAll) {
    this.id = id;
    this.method = method;
    this.url = url;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.clientIp = clientIp;
    this.protocol = protocol;
    this.headers = headers;
    this.body = body;
    this.answer = answer;
    this.catchAll = catchAll;
  }

  /** What WireMock would have journaled for this request: matched by the catch-all, answered alike. */
  ServeEvent serveEvent() {
    ServeEvent event = serveEvent;
    if (event == null) {
      synchronized (this) {
        event = serveEvent;
        if (event == null) {
          event = build();
          serveEvent = event;
        }
      }
    }
    return event;
  }

  private ServeEvent build() {
    HttpHeaders requestHeaders = wireMockHeaders();
    LoggedRequest request = loggedAt(LoggedRequest.createFrom(new Recorded(requestHeaders)), loggedAtMillis);
    ResponseDefinitionBuilder definition = new ResponseDefinitionBuilder().withStatus(answer.status());
    HttpHeaders responseHeaders = new HttpHeaders();
    if (answer.body() != null) {
      definition.withHeader("Content-Type", SyncHttpApi.CONTENT_TYPE).withBody(answer.body());
      responseHeaders = new HttpHeaders(new HttpHeader("Content-Type", SyncHttpApi.CONTENT_TYPE));
    }
    if (answer.delayMillis() > 0) {
      definition.withFixedDelay((int) Math.min(Integer.MAX_VALUE, answer.delayMillis()));
    }
    Response response = Response.response().status(answer.status()).headers(responseHeaders)
        .body(answer.body() == null ? new byte[0] : answer.body()).build();
    return new ServeEvent(id, request, catchAll, definition.build(), LoggedResponse.from(response, Limit.UNLIMITED),
        false, Timing.UNTIMED, new ConcurrentLinkedQueue<>());
  }

  /**
   * {@code request} with its {@code loggedDate} set to when it arrived: {@code createFrom} stamps
   * "now", and WireMock's constructor that takes a date is not public, but its JSON form is.
   */
  static LoggedRequest loggedAt(LoggedRequest request, long millis) {
    ObjectNode json = Json.getObjectMapper().valueToTree(request);
    json.put("loggedDate", millis);
    json.remove("loggedDateString"); // derived from loggedDate
    try {
      return Json.getObjectMapper().treeToValue(json, LoggedRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("WireMock could not read back its own journal entry: " + e.getMessage(), e);
    }
  }

  private HttpHeaders wireMockHeaders() {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (HttpField field : headers) {
      byName.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
    }
    List<HttpHeader> list = new ArrayList<>(byName.size());
    byName.forEach((name, values) -> list.add(new HttpHeader(name, values)));
    return new HttpHeaders(list);
  }

  /** The request, through WireMock's interface, for {@link LoggedRequest#createFrom}. */
  private final class Recorded implements com.github.tomakehurst.wiremock.http.Request {
    private final HttpHeaders wireMockHeaders;

    Recorded(HttpHeaders wireMockHeaders) {
      this.wireMockHeaders = wireMockHeaders;
    }

    @Override
    public UUID getId() {
      return id;
    }

    @Override
    public String getUrl() {
      return url;
    }

    @Override
    public String getAbsoluteUrl() {
      return scheme + "://" + host + ":" + port + url;
    }

    @Override
    public RequestMethod getMethod() {
      return RequestMethod.fromString(method);
    }

    @Override
    public String getScheme() {
      return scheme;
    }

    @Override
    public String getHost() {
      return host;
    }

    @Override
    public int getPort() {
      return port;
    }

    @Override
    public String getClientIp() {
      return clientIp;
    }

    @Override
    public String getHeader(String key) {
      HttpHeader header = header(key);
      return header.isPresent() ? header.firstValue() : null;
    }

    @Override
    public HttpHeader header(String key) {
      return wireMockHeaders.getHeader(key);
    }

    @Override
    public ContentTypeHeader contentTypeHeader() {
      return wireMockHeaders.getContentTypeHeader();
    }

    @Override
    public HttpHeaders getHeaders() {
      return wireMockHeaders;
    }

    @Override
    public boolean containsHeader(String key) {
      return header(key).isPresent();
    }

    @Override
    public Set<String> getAllHeaderKeys() {
      return wireMockHeaders.keys();
    }

    @Override
    public QueryParameter queryParameter(String key) {
      int q = url.indexOf('?');
      List<String> values = FormParams.parse(q < 0 ? null : url.substring(q + 1)).asList().stream()
          .filter(p -> p.name().equals(key)).map(FormParams.Param::value).toList();
      return values.isEmpty() ? QueryParameter.absent(key) : new QueryParameter(key, values);
    }

    @Override
    public FormParameter formParameter(String key) {
      FormParameter p = formParameters().get(key);
      return p == null ? FormParameter.absent(key) : p;
    }

    @Override
    public Map<String, FormParameter> formParameters() {
      Map<String, List<String>> values = new LinkedHashMap<>();
      ContentTypeHeader type = contentTypeHeader();
      if (type.isPresent() && type.mimeTypePart() != null
          && type.mimeTypePart().equalsIgnoreCase("application/x-www-form-urlencoded")) {
        for (FormParams.Param p : FormParams.parse(body).asList()) {
          values.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value());
        }
      }
      Map<String, FormParameter> out = new LinkedHashMap<>();
      values.forEach((name, list) -> out.put(name, new FormParameter(name, list)));
      return out;
    }

    @Override
    public Map<String, Cookie> getCookies() {
      Map<String, List<String>> values = new LinkedHashMap<>();
      HttpHeader cookies = header("Cookie");
      if (cookies.isPresent()) {
        for (String header : cookies.values()) {
          for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              values.computeIfAbsent(pair.substring(0, eq).trim(), k -> new ArrayList<>())
                  .add(pair.substring(eq + 1).trim());
            }
          }
        }
      }
      Map<String, Cookie> out = new LinkedHashMap<>();
      values.forEach((name, list) -> out.put(name, new Cookie(list)));
      return out;
    }

    @Override
    public byte[] getBody() {
      return body;
    }

    @Override
    public String getBodyAsString() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String getBodyAsBase64() {
      return Base64.getEncoder().encodeToString(body);
    }

    @Override
    public boolean isMultipart() {
      return false;
    }

    @Override
    public Collection<Part> getParts() {
      return null;
    }

    @Override
    public Part getPart(String name) {
      return null;
    }

    @Override
    public boolean isBrowserProxyRequest() {
      return false;
    }

    @Override
    public Optional<com.github.tomakehurst.wiremock.http.Request> getOriginalRequest() {
      return Optional.empty();
    }

    @Override
    public String getProtocol() {
      return protocol;
    }
  }

}
