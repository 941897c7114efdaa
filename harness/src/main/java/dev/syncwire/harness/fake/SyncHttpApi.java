package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.harness.fake.internal.ErrorCase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns an HTTP request into the fake's answer: the control API, injected faults, auth,
 * parsing, {@link SyncRoutes} and error mapping. Both ways in call it, so they cannot disagree:
 * {@link SyncApiTransformer} (through WireMock) and {@link SyncFastPath} (straight from Jetty).
 */
final class SyncHttpApi {
  static final String RESET_PATH = ControlApi.PREFIX + "/reset";
  static final String CONTENT_TYPE = "application/json";
  private static final Logger LOG = LoggerFactory.getLogger(SyncHttpApi.class);

  /** What to send: a status, a JSON body (null: none, as for 204), how long to wait first, and extra headers. */
  record Answer(int status, byte[] body, long delayMillis, Map<String, String> headers) {
    Answer(int status, byte[] body, long delayMillis) {
      this(status, body, delayMillis, Map.of());
    }
  }

  private final SyncRoutes routes;
  private final Faults faults;
  private final Map<String, String> credentials;
  private final ControlApi control;

  SyncHttpApi(SyncRoutes routes, Faults faults, Map<String, String> credentials, ControlApi control) {
    this.routes = routes;
    this.faults = faults;
    this.credentials = Map.copyOf(credentials);
    this.control = control;
  }

  /**
   * The answer to one request. {@code uri} is the raw path and query as they arrived (see
   * {@link URI#create}); {@code origin} the scheme and host it was sent to ({@link RequestOrigin}),
   * which the answer's URLs name; {@code authorization} and {@code ifMatch} are the first values
   * of those headers, or null. Uses up one time of a matching {@link Faults} rule.
   */
  Answer answer(String method, URI uri, String origin, String authorization, String ifMatch, byte[] body) {
    String path = uri.getRawPath();
    // "//__syncwire/clock" parses as authority "__syncwire": put the path back together to see it is ours.
    String rawPath = uri.getRawAuthority() == null ? path : "//" + uri.getRawAuthority() + path;
    if (ControlApi.handles(rawPath)) { // before faults and Sync auth: the control API has its own
      return control.answer(method, rawPath, uri.getRawQuery(), authorization, body);
    }
    Faults.Fault fault = faults.take(method, path);
    long delay = fault == null ? 0 : fault.delayMillis();
    if (fault != null && fault.status() != 0) {
      return error(SyncError.injected(fault.status(), fault.code(), "Injected fault: "
          + method + " " + path + " answered " + fault.status() + " by SyncApiFake.faults()"), delay);
    }
    try {
      authenticate(authorization);
      SyncRoutes.Reply reply = routes.handle(new SyncRoutes.Request(
          method, path, FormParams.parse(uri.getRawQuery()), FormParams.parse(body), ifMatch, origin));
      return new Answer(reply.status(), reply.json(), delay);
    } catch (SyncError e) {
      return error(e, delay);
    } catch (RuntimeException e) {
      LOG.warn("SyncApiFake failed on " + method + " " + path, e);
      return error(new SyncError(ErrorCase.FAKE_FAILURE, "Internal Server Error in SyncApiFake: " + e), delay);
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
    throw new SyncError(ErrorCase.UNAUTHENTICATED, "Authenticate: send HTTP basic auth with the fake's account SID and auth token"
        + " (SyncApiFake.accountSid()/authToken()) or a registered API key SID and secret");
  }

  private static Answer error(SyncError e, long delay) {
    return new Answer(e.status, Representation.error(e), delay);
  }
}
