package dev.syncwire.receiver.internal.signature;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL Twilio calls when the receiver sits behind a tunnel: an origin plus an optional path
 * prefix. A request path that already starts with the prefix is kept (a tunnel forwards paths
 * unchanged, so {@code https://abc.ngrok.app/webhooks} names the webhook itself); any other path
 * is appended to the prefix (a proxy that strips it). The URL exactly as given is tried too (a
 * proxy that maps that one path onto the receiver's).
 */
final class PublicUrl {
  private final String text;
  private final String origin;
  private final String prefix;

  private PublicUrl(String text, String origin, String prefix) {
    this.text = text;
    this.origin = origin;
    this.prefix = prefix;
  }

  static PublicUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "public URL \"" + text + "\" is not a URL (" + e.getReason() + "); give it as https://<your-host>", e);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException(
          "public URL \"" + text + "\" must start with https:// or http://, as the webhook URL"
              + " configured in Twilio does; give it as https://<your-host>");
    }
    if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      throw new IllegalArgumentException(
          "public URL \"" + text + "\" has no host; give it as https://<your-host>");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "public URL \"" + text + "\" has a query or fragment; give only the origin and path,"
              + " the request's own query is appended");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new PublicUrl(text.trim(), scheme + "://" + uri.getRawAuthority(), path);
  }

  /** The URL Twilio called for a request that arrived with {@code pathAndQuery}. */
  String resolve(String pathAndQuery) {
    if (prefix.isEmpty()) {
      return origin + pathAndQuery;
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    if (path.equals(prefix) || path.startsWith(prefix + "/")) {
      return origin + pathAndQuery;
    }
    if (path.isEmpty() || path.equals("/")) {
      return origin + prefix + pathAndQuery.substring(path.length());
    }
    return origin + prefix + (path.startsWith("/") ? "" : "/") + pathAndQuery;
  }

  /**
   * The public URL itself, with the request's query: what Twilio called when a proxy maps that
   * exact path onto the receiver's (say {@code /twilio/sync} onto {@code /webhooks}); null
   * without a path.
   */
  String exact(String pathAndQuery) {
    if (prefix.isEmpty()) {
      return null;
    }
    int q = pathAndQuery.indexOf('?');
    return origin + prefix + (q < 0 ? "" : pathAndQuery.substring(q));
  }

  @Override
  public String toString() {
    return text;
  }
}
