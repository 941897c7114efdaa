package dev.syncwire.harness.proxy.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which host names the proxy answers for: Sync's (served by the fake), Twilio's others (a 502
 * that says so) and everything else (refused). Names as twilio-java and twilio-node build them:
 * {@code sync.twilio.com}, with a region {@code sync.us1.twilio.com}, with an edge and region
 * {@code sync.dublin.ie1.twilio.com}.
 */
public final class TwilioHosts {
  private static final Pattern SYNC = Pattern.compile("sync(\\.[a-z0-9-]+){0,2}\\.twilio\\.com");

  private TwilioHosts() {}

  /** {@code twilio.com} or a name under it, in lower case, with no trailing dot. */
  public static boolean isTwilio(String host) {
    String name = normalize(host);
    return name.equals("twilio.com") || name.endsWith(".twilio.com");
  }

  /** Sync's API host, in any region or edge form. */
  public static boolean isSync(String host) {
    return SYNC.matcher(normalize(host)).matches();
  }

  private static String normalize(String host) {
    String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
