package dev.syncwire.harness.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.MappingsLoaderExtension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.StubLifecycleListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.syncwire.fixtures.FormParams;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WireMock side of the fake. A catch-all stub at the lowest priority sends every request here,
 * so a user's own {@code stubFor(...)} (default priority) still wins. The catch-all is loaded as a
 * default mapping, so it survives WireMock resets; a stub reset also resets the Sync state.
 */
final class SyncApiTransformer implements ResponseDefinitionTransformerV2, MappingsLoaderExtension, StubLifecycleListener {
  static final String NAME = "syncwire-sync-api";
  static final String RESET_PATH = "/__syncwire/reset";
  /** Below WireMock's default stub priority (5): a user's stubs are matched first. */
  static final int CATCH_ALL_PRIORITY = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(SyncApiTransformer.class);

  private final SyncRoutes routes;
  private final Faults faults;
  private final Map<String, String> credentials;
  private final Runnable reset;

  SyncApiTransformer(SyncRoutes routes, Faults faults, Map<String, String> credentials, Runnable reset) {
    this.routes = routes;
    this.faults = faults;
    this.credentials = Map.copyOf(credentials);
    this.reset = reset;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public void loadMappingsInto(StubMappings stubMappings) {
    StubMapping catchAll = WireMock.any(WireMock.anyUrl())
        .atPriority(CATCH_ALL_PRIORITY)
        .willReturn(WireMock.aResponse().withTransformers(NAME))
        .build();
    stubMappings.addMapping(catchAll);
  }

  @Override
  public void afterStubsReset() {
    reset.run();
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    LoggedRequest request = serveEvent.getRequest();
    URI uri = URI.create(request.getUrl());
    String path = uri.getRawPath();
    String method = request.getMethod().value();
    if (path.equals(RESET_PATH) && method.equals("POST")) {
      reset.run();
      return new ResponseDefinitionBuilder().withStatus(204).build();
    }
    Faults.Fault fault = faults.take(method, path);
    ResponseDefinitionBuilder answer;
    if (fault != null && fault.status() != 0) {
      answer = error(new SyncError(fault.status(), 20000 + fault.status(), "Injected fault: "
          + method + " " + path + " answered " + fault.status() + " by SyncApiFake.faults()"));
    } else {
      answer = answer(request, method, path, uri.getRawQuery());
    }
    if (fault != null && fault.delayMillis() > 0) {
      answer.withFixedDelay((int) Math.min(Integer.MAX_VALUE, fault.delayMillis()));
    }
    return answer.build();
  }

  private ResponseDefinitionBuilder answer(LoggedRequest request, String method, String path, String rawQuery) {
    try {
      authenticate(request.getHeader("Authorization"));
      FormParams form = FormParams.parse(request.getBody());
      FormParams query = FormParams.parse(rawQuery);
      HttpHeader ifMatch = request.getHeaders().getHeader("If-Match");
      SyncRoutes.Reply reply = routes.handle(new SyncRoutes.Request(
          method, path, query, form, ifMatch.isPresent() ? ifMatch.firstValue() : null));
      return json(reply.status(), reply.body());
    } catch (SyncError e) {
      return error(e);
    } catch (RuntimeException e) {
      LOG.warn("SyncApiFake failed on " + method + " " + path, e);
      return error(new SyncError(500, 20500, "Internal Server Error in SyncApiFake: " + e));
    }
  }

  private void authenticate(String header) {
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          String secret = credentials.get(decoded.substring(0, colon));
          if (secret != null && secret.equals(decoded.substring(colon + 1))) {
            return;
          }
        }
      } catch (IllegalArgumentException e) {
        // not Base64: same answer as a wrong password
      }
    }
    throw new SyncError(401, 20003, "Authenticate: send HTTP basic auth with the fake's account SID and auth token"
        + " (SyncApiFake.accountSid()/authToken()) or a registered API key SID and secret");
  }

  private static ResponseDefinitionBuilder json(int status, JsonNode body) {
    ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(status);
    if (body != null) {
      b.withHeader("Content-Type", "application/json").withBody(Json.text(body));
    }
    return b;
  }

  private static ResponseDefinitionBuilder error(SyncError e) {
    return json(e.status, Representation.error(e));
  }
}
