package dev.syncwire.receiver.internal.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jetty answers itself, before any route runs (headers or URI over the size limit, a bad
 * {@code Content-Length}, an ambiguous URI, no {@code Host}) or after a handler failed: the one
 * JSON error shape with Jetty's status, a field and rule saying what was wrong, and a log line.
 * Jetty's own error page is HTML and logs nothing.
 *
 * <pre>{@code
 * server.setErrorHandler(new JsonErrorHandler("/webhooks"));
 * // GET / with 9 KB of headers -> 431 {"status":431,"error":"request_header_fields_too_large","field":"header",...}
 * }</pre>
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

  private final String webhookPath;

  public JsonErrorHandler(String webhookPath) {
    this.webhookPath = webhookPath;
  }

  /** Every method gets the JSON shape (Jetty's default is GET, POST and HEAD only); a HEAD answer still has no body. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  /** Always JSON, whatever {@code Accept} asks: the receiver has one error shape. */
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    ApiError rejection = describe(request, code, message == null ? "" : message, cause);
    LOG.warn("Answered {} {} to {} from {}: {}", code, rejection.error(), requestLine(request),
        remote(request.getConnectionMetaData().getRemoteSocketAddress()), message);
    JsonReplies.reject(response, rejection, null, callback);
  }

  /** Jetty's status and reason as a field, rule and sentence; {@code message} is Jetty's reason. */
  private ApiError describe(Request request, int code, String message, Throwable cause) {
    int limit = request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
    String jetty = " (Jetty: " + message + ")";
    if (code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
      return rejection(code, "header", "max_header_bytes", "more than " + limit + " bytes",
          "the request line and headers are larger than " + limit + " bytes, the most the receiver reads; "
              + "send fewer or shorter headers (a large cookie or token?)");
    }
    if (code == HttpStatus.URI_TOO_LONG_414) {
      return rejection(code, "uri", "max_uri_bytes", "more than " + limit + " bytes",
          "the request URI is longer than " + limit + " bytes, the most the receiver reads; the filters of "
              + "GET /api/events are short (see GET /)");
    }
    if (code >= 500) {
      return rejection(code, "request", "handled", null, "the receiver failed on this request ("
          + (cause == null ? message : cause.getClass().getSimpleName()) + "); see its log");
    }
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("content-length")) {
      return lower.contains("multiple")
          ? rejection(code, "Content-Length", "single_value", null,
              "Content-Length may be given once; the request has it more than once" + jetty)
          : rejection(code, "Content-Length", "non_negative_integer", null,
              "Content-Length must be a whole number of bytes; the request's is not" + jetty);
    }
    if (lower.startsWith("ambiguous uri")) {
      return rejection(code, "uri", "unambiguous_uri", null, "the URI has " + ambiguity(lower)
          + ", which the receiver refuses as ambiguous" + jetty + "; Sync webhooks go to POST " + webhookPath
          + ", recorded events are at GET /api/events");
    }
    if (lower.contains("uri") || lower.contains("path")) {
      return rejection(code, "uri", "valid_uri", null, "the URI is not one the receiver accepts" + jetty);
    }
    if (lower.contains("host")) {
      return rejection(code, "Host", "required", null,
          "HTTP/1.1 requires one Host header naming the receiver; the request's is missing or wrong" + jetty);
    }
    return rejection(code, "request", rule(code), null, "the request is not one the receiver can read" + jetty);
  }

  private static String ambiguity(String lowerMessage) {
    if (lowerMessage.contains("empty segment")) {
      return "an empty segment (//)";
    } else if (lowerMessage.contains("separator")) {
      return "an encoded / (%2F)";
    } else if (lowerMessage.contains("segment")) {
      return "an encoded . or .. segment (%2E)";
    } else if (lowerMessage.contains("parameter")) {
      return "a ; parameter on a segment";
    } else if (lowerMessage.contains("encoding")) {
      return "an encoded % (%25)";
    }
    return "an ambiguous part";
  }

  private static ApiError rejection(int code, String field, String rule, String received, String message) {
    String error = code == 400 ? "invalid_request" : code >= 500 ? "internal_error" : rule(code);
    return ApiError.of(code, error, field, rule, received, message);
  }

  /** {@code 417 Expectation Failed} -> {@code expectation_failed}. */
  private static String rule(int code) {
    return HttpStatus.getMessage(code).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  private static String remote(SocketAddress address) {
    return address instanceof InetSocketAddress inet
        ? inet.getHostString() + ":" + inet.getPort()
        : String.valueOf(address);
  }

  /** The request as Jetty read it; one it could not read at all has a placeholder path, said as such. */
  private static String requestLine(Request request) {
    String path = request.getHttpURI().getPath();
    return "/badMessage".equals(path) || "/badURI".equals(path) || "/badRequest".equals(path)
        ? "a request Jetty could not read"
        : request.getMethod() + " " + request.getHttpURI().getPathQuery();
  }
}
