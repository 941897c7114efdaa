package dev.syncwire.harness.fake;

import java.util.Locale;

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

  /** Host, optional port, IPv6 in brackets: only the characters those use, so no header can bend a URL. */
  private static boolean isAuthority(String value) {
    if (value == null || value.isEmpty() || value.length() > 255) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
