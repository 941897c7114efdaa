package dev.syncwire.harness.fake;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheme and host a request was sent to, which every URL in the fake's answer names: the
 * {@code Host} header (what a client dialled), unless a proxy or {@link FakeHttpClient} says
 * otherwise with {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} (first value of each).
 */
final class RequestOrigin {
  /** Twilio's own origin: what FakeHttpClient's requests arrive "for". */
  static final String TWILIO = "https://sync.twilio.com";

  private RequestOrigin() {}

  /**
   * @param scheme the connection's scheme ({@code http} or {@code https})
   * @param host the {@code Host} header, or null when the client sent none
   * @param localAuthority {@code host:port} the server listens on, used when {@code host} is missing or malformed
   * @param forwardedProto the {@code X-Forwarded-Proto} header, or null
   * @param forwardedHost the {@code X-Forwarded-Host} header, or null
   * @return e.g. {@code http://127.0.0.1:4010}, no trailing slash
   */
  static String of(String scheme, String host, String localAuthority, String forwardedProto, String forwardedHost) {
    String proto = first(forwardedProto);
    proto = proto == null ? null : proto.toLowerCase(Locale.ROOT);
    if (!"http".equals(proto) && !"https".equals(proto)) {
      proto = scheme;
    }
    String authority = first(forwardedHost);
    if (!isAuthority(authority)) {
      authority = isAuthority(host) ? host : localAuthority;
    }
    return proto + "://" + authority;
  }

  /** The first of a comma-separated header's values, trimmed; null if there is none. */
  private static String first(String header) {
    if (header == null) {
      return null;
    }
    int comma = header.indexOf(',');
    String value = (comma < 0 ? header : header.substring(0, comma)).trim();
    return value.isEmpty() ? null : value;
  }

  /** {@code host[:port]}: a name or IPv4 address, or IPv6 in balanced brackets, and a port of 1 to 65535. */
  private static final Pattern AUTHORITY = Pattern.compile(
      "(?:[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}])(?::(\\d{1,5}))?");

  /** A whole authority, checked, so that no header can bend a URL ({@code [::1}, {@code a:b:c}, {@code x:99999}). */
  private static boolean isAuthority(String value) {
    if (value == null) {
      return false;
    }
    Matcher m = AUTHORITY.matcher(value);
    if (!m.matches()) {
      return false;
    }
    String port = m.group(1);
    return port == null || Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
  }
}
