package dev.syncwire.harness.fake;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Scripted failures on the fake: a method and path pattern answer an error status, or answer late,
 * for the next N matching requests or always. Rules are checked in the order added; a rule used up
 * is dropped. Mind the client's own retries: one SDK call makes several requests before it
 * throws (measured with twilio-java 11.1.0 against this fake; its HTTP client, Apache HttpClient 5,
 * repeats a 429 or 503 once on its own, and twilio-java repeats any 5xx up to 3 attempts):
 * <table>
 *   <caption>Requests one twilio-java call makes before it throws</caption>
 *   <tr><th>status</th><th>requests</th></tr>
 *   <tr><td>429</td><td>2 (about 1.8 s)</td></tr>
 *   <tr><td>500</td><td>3</td></tr>
 *   <tr><td>503</td><td>6 (about 3.4 s)</td></tr>
 * </table>
 * So {@code times(3)} of a 500 makes one call fail, {@code times(1)} of a 429 is hidden by the retry.
 * Rules apply to every service of the fake: under a shared fake, name the service in the path.
 *
 * <pre>{@code
 * fake.faults().when("POST", "/v1/Services/[^/]+/Documents").status(500).times(3);
 * fake.faults().when("GET", ".*").status(429).always();
 * fake.faults().when("GET", "/v1/Services/.*").delay(Duration.ofSeconds(2)).times(1);
 * fake.faults().clear();
 * }</pre>
 */
public final class Faults {
  /** What a rule does to one request: a status (0: answer normally) after a delay. */
  record Fault(int status, long delayMillis) {}

  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  Faults() {}

  /**
   * Starts a rule for requests with this method ({@code *} for any) whose path (no query) fully
   * matches {@code pathRegex}, e.g. {@code /v1/Services/[^/]+/Documents/.*}.
   */
  public Rule when(String method, String pathRegex) {
    return new Rule(method, Pattern.compile(Objects.requireNonNull(pathRegex, "pathRegex")));
  }

  /** Removes every rule. */
  public void clear() {
    rules.clear();
  }

  /** The fault for this request, if a rule matches; uses up one of the rule's times. */
  Fault take(String method, String path) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (rule.matches(method, path)) {
        synchronized (rule) {
          if (rule.remaining == 0) {
            continue;
          }
          if (rule.remaining > 0 && --rule.remaining == 0) {
            rules.remove(rule);
          }
        }
        return new Fault(rule.status, rule.delay.toMillis());
      }
    }
    return null;
  }

  /** One scripted fault; configure with {@link #status} and/or {@link #delay}, arm with {@link #times} or {@link #always}. */
  public final class Rule {
    private final String method;
    private final Pattern path;
    private int status;
    private Duration delay = Duration.ZERO;
    private int remaining = -1;

    private Rule(String method, Pattern path) {
      this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
      this.path = path;
    }

    /** Answer with this HTTP status (e.g. 429, 500, 503) and Twilio's error body, code 20000+status. */
    public Rule status(int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("A fault status must be 4xx or 5xx, got " + status);
      }
      this.status = status;
      return this;
    }

    /** Answer this much later (the normal answer, unless a status is set too). */
    public Rule delay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("A fault delay cannot be negative, got " + delay);
      }
      this.delay = delay;
      return this;
    }

    /** Applies to the next {@code n} matching requests, then the rule is gone. */
    public void times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("times(n) needs n >= 1, got " + n + "; use clear() to drop rules");
      }
      remaining = n;
      arm();
    }

    /** Applies to every matching request until {@link Faults#clear()}. */
    public void always() {
      remaining = -1;
      arm();
    }

    private void arm() {
      if (status == 0 && delay.isZero()) {
        throw new IllegalStateException("This fault does nothing: set status(...) or delay(...) before arming it");
      }
      rules.add(this);
    }

    private boolean matches(String requestMethod, String requestPath) {
      return (method.equals("*") || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).matches();
    }
  }
}
