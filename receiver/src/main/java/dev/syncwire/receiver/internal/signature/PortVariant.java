package dev.syncwire.receiver.internal.signature;

/**
 * The other spelling of a URL's port that Twilio's validators also accept: with no port, the
 * scheme's default port added; with any port, the port removed (twilio-java's {@code addPort} and
 * {@code removePort}). Works on the raw string so the path and query stay byte for byte.
 */
final class PortVariant {
  private PortVariant() {}

  /** The URL with its port toggled, or null when it has no scheme://authority. */
  static String of(String url) {
    int sep = url.indexOf("://");
    if (sep <= 0) {
      return null;
    }
    int start = sep + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int hostStart = url.lastIndexOf('@', end - 1) + 1;
    if (hostStart < start) {
      hostStart = start;
    }
    int colon = portColon(url, hostStart, end);
    if (colon >= 0) {
      return url.substring(0, colon) + url.substring(end);
    }
    String port = url.regionMatches(true, 0, "https", 0, 5) && sep == 5 ? ":443" : ":80";
    return url.substring(0, end) + port + url.substring(end);
  }

  /** The port of a Host value such as {@code host:8080} or {@code [::1]:8080}, or null. */
  static String portOf(String host) {
    int colon = portColon(host, 0, host.length());
    return colon < 0 ? null : host.substring(colon + 1);
  }

  private static int portColon(String s, int hostStart, int end) {
    if (hostStart < end && s.charAt(hostStart) == '[') {
      int close = s.indexOf(']', hostStart);
      return close >= 0 && close + 1 < end && s.charAt(close + 1) == ':' ? close + 1 : -1;
    }
    int colon = s.lastIndexOf(':', end - 1);
    return colon >= hostStart ? colon : -1;
  }
}
