package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.internal.ArmedRules;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
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
 * fake.faults().when("GET", ".*").status(429).code(20429).times(2);
 * fake.faults().rules();                    // [f1 POST ... -> 500 (20500) 3 of 3 left, ...]
 * fake.faults().remove("f1");
 * fake.faults().clear();
 * }</pre>
 */
public final class Faults {
  /** What a rule does to one request: a status (0: answer normally) with Twilio's error code, after a delay. */
  record Fault(int status, int code, long delayMillis) {}

  /** The longest delay a fault (here or in {@link WebhookFaults}) may add: long enough for any time-out test, and never overflows. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(5);

  private final ArmedRules<Rule> rules = new ArmedRules<>("f");

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
    removeAll();
  }

  /** The armed rules, in the order they are checked. */
  public List<Rule> rules() {
    return rules.rules();
  }

  /** Removes the rule with this {@link Rule#id()}; false if no armed rule has it (used up, or never). */
  public boolean remove(String id) {
    return rules.remove(id);
  }

  /** Removes every rule and says how many there were. */
  int removeAll() {
    return rules.clear();
  }

  /** The fault for this request, if a rule matches; uses up one of the rule's times. */
  Fault take(String method, String path) {
    ArmedRules.Use<Rule> use = rules.take(rule -> rule.matches(method, path));
    if (use == null) {
      return null;
    }
    Rule rule = use.rule();
    return new Fault(rule.status, rule.code(), rule.delay.toMillis());
  }

  /**
   * One scripted fault; configure with {@link #status}, {@link #code} and/or {@link #delay}, arm
   * with {@link #times} or {@link #always}. Once armed it has an {@link #id()} and reads back what
   * it does; {@link Faults#rules()} lists the armed ones.
   */
  public final class Rule {
    private final String method;
    private final Pattern path;
    private int status;
    private int code;
    private Duration delay = Duration.ZERO;
    private volatile ArmedRules.Armed<Rule> armed;

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

    /** The Twilio error {@code code} in the answer's body; default 20000+status (20429 for a 429). */
    public Rule code(int code) {
      if (code < 1) {
        throw new IllegalArgumentException("A fault code must be a positive Twilio error code such as 20429, got " + code);
      }
      this.code = code;
      return this;
    }

    /** Answer this much later (the normal answer, unless a status is set too). */
    public Rule delay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("A fault delay cannot be negative, got " + delay);
      }
      if (delay.compareTo(MAX_DELAY) > 0) {
        throw new IllegalArgumentException("A fault delay must be at most " + MAX_DELAY + ", got " + delay);
      }
      this.delay = delay;
      return this;
    }

    /** Applies to the next {@code n} matching requests, then the rule is gone. */
    public void times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("times(n) needs n >= 1, got " + n + "; use clear() to drop rules");
      }
      arm(n);
    }

    /** Applies to every matching request until {@link Faults#clear()}. */
    public void always() {
      arm(-1);
    }

    private void arm(int times) {
      if (armed != null) {
        throw new IllegalStateException("Fault " + armed.id() + " is already armed; start a new one with when(...)");
      }
      if (status == 0 && delay.isZero()) {
        throw new IllegalStateException("This fault does nothing: set status(...) or delay(...) before arming it");
      }
      armed = rules.arm(this, times);
    }

    /** {@code f1}, {@code f2}, ... once armed (for {@link Faults#remove}); null before. */
    public String id() {
      return armed == null ? null : armed.id();
    }

    /** The method it applies to, upper case, or {@code *}. */
    public String method() {
      return method;
    }

    /** The regular expression a request's path must fully match. */
    public String pathPattern() {
      return path.pattern();
    }

    /** The status answered, or 0 when the rule only delays. */
    public int status() {
      return status;
    }

    /** The Twilio error code answered with {@link #status()}; 0 when the rule only delays. */
    public int code() {
      return status == 0 ? 0 : code != 0 ? code : 20000 + status;
    }

    public Duration delay() {
      return delay;
    }

    /** How many requests it was armed for; empty when it applies always (or is not armed yet). */
    public OptionalInt times() {
      return armed == null ? OptionalInt.empty() : armed.times();
    }

    /** How many matching requests it still applies to; empty when it applies always (or is not armed yet). */
    public OptionalInt remaining() {
      return armed == null ? OptionalInt.empty() : armed.remaining();
    }

    @Override
    public String toString() {
      return id() + " " + method + " " + path.pattern() + (status == 0 ? "" : " -> " + status + " (" + code() + ")")
          + (delay.isZero() ? "" : " after " + delay) + " " + (armed == null ? "not armed" : armed.countText());
    }

    private boolean matches(String requestMethod, String requestPath) {
      return (method.equals("*") || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).matches();
    }
  }
}
