package dev.syncwire.receiver.internal.signature;

import java.util.Locale;

/** The forwarding headers a tunnel or proxy adds, raw; null where absent. */
record Forwarding(String forwarded, String xProto, String xHost, String xPort) {
  static final Forwarding NONE = new Forwarding(null, null, null, null);

  static Forwarding of(String forwarded, String xProto, String xHost, String xPort) {
    if (forwarded == null && xProto == null && xHost == null && xPort == null) {
      return NONE;
    }
    return new Forwarding(forwarded, xProto, xHost, xPort);
  }

  boolean isPresent() {
    return this != NONE;
  }

  /**
   * The URL the client called, from these headers, falling back to the request's own scheme and
   * Host. RFC 7239 {@code Forwarded} wins over {@code X-Forwarded-*}; of a list, the first
   * (client-most) entry counts, as a tunnel in front of the receiver is the first hop.
   */
  String url(String scheme, String host, String pathAndQuery) {
    String proto = firstNonNull(forwardedParam("proto"), first(xProto));
    String fwdHost = firstNonNull(forwardedParam("host"), first(xHost));
    String useProto = proto == null ? scheme : proto.toLowerCase(Locale.ROOT);
    String useHost = fwdHost == null ? host : fwdHost;
    String port = first(xPort);
    if (port != null && PortVariant.portOf(useHost) == null && !port.equals(defaultPort(useProto))) {
      useHost = useHost + ':' + port;
    }
    return useProto + "://" + useHost + pathAndQuery;
  }

  private String forwardedParam(String key) {
    if (forwarded == null) {
      return null;
    }
    String element = first(forwarded);
    if (element == null) {
      return null;
    }
    for (String pair : element.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(key)) {
        String value = pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static String defaultPort(String proto) {
    return "https".equals(proto) ? "443" : "http".equals(proto) ? "80" : null;
  }

  private static String first(String list) {
    if (list == null) {
      return null;
    }
    int comma = list.indexOf(',');
    String value = (comma < 0 ? list : list.substring(0, comma)).trim();
    return value.isEmpty() ? null : value;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
