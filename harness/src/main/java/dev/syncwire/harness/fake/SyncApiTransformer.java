package dev.syncwire.harness.fake;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.MappingsLoaderExtension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.StubLifecycleListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;

/**
 * The WireMock side of the fake. A catch-all stub at the lowest priority sends every request here,
 * so a user's own {@code stubFor(...)} (default priority) still wins. The catch-all is loaded as a
 * default mapping, so it survives WireMock resets; a stub reset also resets the Sync state.
 * It also tells {@link SyncFastPath} whether any stub besides the catch-all exists.
 */
final class SyncApiTransformer implements ResponseDefinitionTransformerV2, MappingsLoaderExtension, StubLifecycleListener {
  static final String NAME = "syncwire-sync-api";
  /** Below WireMock's default stub priority (5): a user's stubs are matched first. */
  static final int CATCH_ALL_PRIORITY = 1000;

  private final SyncHttpApi api;
  private final Runnable reset;
  private volatile StubMappings stubMappings;
  private volatile StubMapping catchAll;
  /** Set after every stub change; the next {@link #hasUserStubs()} looks at the stubs again. */
  private volatile boolean stubsChanged = true;
  /** Written only under this lock, so a late recount cannot overwrite a newer one. */
  private volatile boolean userStubs = true;

  SyncApiTransformer(SyncHttpApi api, Runnable reset) {
    this.api = api;
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
    StubMapping stub = WireMock.any(WireMock.anyUrl())
        .atPriority(CATCH_ALL_PRIORITY)
        .willReturn(WireMock.aResponse().withTransformers(NAME))
        .build();
    stubMappings.addMapping(stub);
    this.catchAll = stub;
    this.stubMappings = stubMappings;
    stubsChanged = true;
  }

  /** The catch-all stub, for journal entries of requests the fast path answered. */
  StubMapping catchAll() {
    return catchAll;
  }

  /**
   * Whether WireMock holds any stub besides the catch-all (a user's {@code stubFor}, a mapping
   * file): then a request might not reach the catch-all, so only WireMock may answer it.
   */
  boolean hasUserStubs() {
    if (stubsChanged) {
      synchronized (this) {
        if (stubsChanged) {
          stubsChanged = false;
          StubMappings all = stubMappings;
          StubMapping ours = catchAll;
          userStubs = all == null || all.getAll().stream().anyMatch(stub -> !stub.getId().equals(ours.getId()));
        }
      }
    }
    return userStubs;
  }

  @Override
  public void afterStubCreated(StubMapping stub) {
    stubsChanged = true;
  }

  @Override
  public void afterStubEdited(StubMapping oldStub, StubMapping newStub) {
    stubsChanged = true;
  }

  @Override
  public void afterStubRemoved(StubMapping stub) {
    stubsChanged = true;
  }

  @Override
  public void afterStubsReset() {
    stubsChanged = true;
    reset.run();
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    LoggedRequest request = serveEvent.getRequest();
    String origin = RequestOrigin.of(request.getScheme(), request.getHeader("Host"),
        request.getHost() + ":" + request.getPort(), request.getHeader("X-Forwarded-Proto"),
        request.getHeader("X-Forwarded-Host"));
    SyncHttpApi.Answer answer = api.answer(request.getMethod().value(), URI.create(request.getUrl()), origin,
        request.getHeader("Authorization"), request.getHeader("If-Match"), request.getBody());
    ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(answer.status());
    answer.headers().forEach(response::withHeader);
    if (answer.body() != null) {
      response.withHeader("Content-Type", SyncHttpApi.CONTENT_TYPE).withBody(answer.body());
    }
    if (answer.delayMillis() > 0) {
      response.withFixedDelay((int) Math.min(Integer.MAX_VALUE, answer.delayMillis()));
    }
    return response.build();
  }
}
