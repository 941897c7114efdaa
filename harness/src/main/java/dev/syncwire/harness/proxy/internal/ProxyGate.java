package dev.syncwire.harness.proxy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what each request to the proxy gets, by the host it names: Sync's hosts go to the fake
 * (over TLS from a CONNECT tunnel, or as plain absolute-form requests), marked
 * {@code X-Forwarded-Proto: https} and {@code X-Forwarded-Host: <that host>} so that every URL in
 * the answer is Twilio's own; Twilio's other hosts get a 502 and non-Twilio hosts a 403, each with
 * a Twilio-shaped JSON error, and nothing is sent anywhere. Requests for the fake's own address
 * (an IP literal or {@code localhost}) on the fake's port pass as before.
 */
final class ProxyGate extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger("dev.syncwire.harness.proxy");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");
  static final String MORE_INFO = "https://www.twilio.com/docs/sync/api";

  private final Supplier<Connector> tls;
  private final Supplier<Connector> proxyPort;

  ProxyGate(Handler tunnels, Supplier<Connector> tls, Supplier<Connector> proxyPort) {
    super(tunnels);
    this.tls = tls;
    this.proxyPort = proxyPort;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Connector connector = request.getConnectionMetaData().getConnector();
    String host = Request.getServerName(request);
    if (HttpMethod.CONNECT.is(request.getMethod())) {
      if (connector != tls.get() && TwilioHosts.isTwilio(host)) {
        return super.handle(request, response, callback); // Jetty's ConnectHandler: a tunnel to our TLS connector
      }
      return refuse(request, response, callback, host + ":" + request.getHttpURI().getPort());
    }
    if (TwilioHosts.isSync(host)) {
      return super.handle(new ForTwilio(request, host), response, callback);
    }
    if (TwilioHosts.isTwilio(host)) {
      LOG.info("proxy: answered 502 to {} {} (syncwire fakes only Sync; sent nowhere)", request.getMethod(), host);
      return send(response, callback, 502, "syncwire fakes only Twilio Sync (sync.twilio.com and its region and edge"
          + " forms): this request for " + host + " was answered by syncwire's proxy and sent nowhere.");
    }
    boolean ownAddress = connector != tls.get() && connector != proxyPort.get()
        && (host.equalsIgnoreCase("localhost") || IP_LITERAL.matcher(host).matches());
    if (ownAddress) {
      return super.handle(request, response, callback); // the fake, used directly
    }
    return refuse(request, response, callback, host);
  }

  private static boolean refuse(Request request, Response response, Callback callback, String target) {
    LOG.info("proxy: refused {} {} (not a Twilio host; sent nowhere)", request.getMethod(), target);
    String name = target.replaceFirst(":-?\\d+$", "");
    return send(response, callback, 403, "syncwire's proxy answers only for Twilio's hosts and is not an open proxy:"
        + " the request for " + target + " was refused and sent nowhere. Add " + name
        + " to NO_PROXY so that your client reaches it without the proxy.");
  }

  /** A Twilio-shaped error: {@code code} (null: Twilio has none for this), {@code message}, {@code more_info}, {@code status}. */
  private static boolean send(Response response, Callback callback, int status, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", null);
    error.put("message", message);
    error.put("more_info", MORE_INFO);
    error.put("status", status);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(error);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return true;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** The request as the fake sees it: sent to {@code https://<host>}, whatever the hop from client to proxy was. */
  private static final class ForTwilio extends Request.Wrapper {
    private final HttpFields headers;

    ForTwilio(Request request, String host) {
      super(request);
      this.headers = HttpFields.build(request.getHeaders())
          .put(HttpHeader.X_FORWARDED_PROTO, "https")
          .put(HttpHeader.X_FORWARDED_HOST, host)
          .asImmutable();
    }

    @Override
    public HttpFields getHeaders() {
      return headers;
    }
  }
}
