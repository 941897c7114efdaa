package dev.syncwire.receiver;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.ArmedRules;
import dev.syncwire.receiver.internal.http.ScriptedReply;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the receiver answers webhooks it accepted: 200 once the event is recorded (the default), or,
 * for the next N webhooks or those matching a filter, another status (with an optional body), the
 * answer after a delay, or a dropped connection. The event is recorded either way, with what was
 * answered in its {@code errors} ({@code "field":"reply","rule":"reply_policy"}). Rules are checked
 * in the order added, a used-up rule is dropped; rejected webhooks (400, 403, ...) keep their own
 * answer. Thread-safe; {@code POST /api/reply-policy} sets the same rules over HTTP.
 *
 * <pre>{@code
 * try (SyncReceiver receiver = SyncReceiver.start()) {
 *   receiver.replyPolicy().whenAny().status(500).times(1);          // the next webhook is answered 500
 *   receiver.replyPolicy().when(EventQuery.all().type("map_item_added").object("user-presence"))
 *       .delay(Duration.ofSeconds(10)).always();                     // these answer 10 s late
 *   receiver.replyPolicy().whenAny().drop().times(2);               // closed without an answer
 *   receiver.replyPolicy().rules();     // [r1 any -> 500 1 of 1 left, r2 type=map_item_added ... ]
 *   receiver.replyPolicy().clear();     // back to 200 for every webhook
 * }
 * }</pre>
 */
public final class ReplyPolicy {
  /** The {@code rule} of the note a scripted reply leaves in the recorded event's {@code errors}. */
  public static final String NOTE_RULE = "reply_policy";

  private final ArmedRules<Rule> rules = new ArmedRules<>("r");

  ReplyPolicy() {}

  /** Starts a rule for every accepted webhook (and redelivery). */
  public Rule whenAny() {
    return new Rule(EventQuery.all());
  }

  /**
   * Starts a rule for webhooks that {@code filter} matches: type (either dialect), object (SID or
   * unique name), key, index, status ({@code accepted} or {@code duplicate}); its limit is ignored.
   */
  public Rule when(EventQuery filter) {
    return new Rule(Objects.requireNonNull(filter, "filter"));
  }

  /** The armed rules, in the order they are checked. */
  public List<Rule> rules() {
    return rules.rules();
  }

  /** Removes the rule with this {@link Rule#id()}; false if no armed rule has it (used up, or never). */
  public boolean remove(String id) {
    return rules.remove(id);
  }

  /** Removes every rule, so every webhook is answered 200 again; returns how many there were. */
  public int clear() {
    return rules.clear();
  }

  /** The scripted reply for this event, if a rule matches; uses up one of the rule's times. Null: answer 200. */
  ScriptedReply take(SyncEvent event) {
    if (event.status() == EventStatus.REJECTED) {
      return null; // a rejection keeps its own answer
    }
    ArmedRules.Use<Rule> use = rules.take(rule -> rule.filter.matches(event));
    if (use == null) {
      return null;
    }
    Rule rule = use.rule();
    return new ScriptedReply(rule.id(), rule.status, rule.body, rule.delay, rule.drop, use.left(),
        rule.times().orElse(-1));
  }

  /**
   * One scripted reply; configure with {@link #status}, {@link #delay} and/or {@link #drop}, arm
   * with {@link #times} or {@link #always}. Once armed it has an {@link #id()} and reads back what
   * it does; {@link ReplyPolicy#rules()} lists the armed ones.
   */
  public final class Rule {
    private final EventQuery filter;
    private int status;
    private String body;
    private Duration delay = Duration.ZERO;
    private boolean drop;
    private volatile ArmedRules.Armed<Rule> armed;

    private Rule(EventQuery filter) {
      this.filter = filter;
    }

    /** Answer this status (200 to 599) instead of 200; the body is the receiver's JSON for it. */
    public Rule status(int status) {
      return status(status, null);
    }

    /**
     * Answer this status (200 to 599) with this body, sent as {@code application/json} when it is
     * JSON, else as {@code text/plain}; null for the receiver's own JSON.
     */
    public Rule status(int status, String body) {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("a reply status must be from 200 to 599, got " + status);
      }
      if (drop) {
        throw new IllegalStateException("this rule drops the connection, so it answers no status; use one or the other");
      }
      this.status = status;
      this.body = body;
      return this;
    }

    /** Answer this much later (200, unless a status is set too); a delay past the sender's timeout fails the delivery. */
    public Rule delay(Duration delay) {
      if (delay == null || delay.isNegative()) {
        throw new IllegalArgumentException("a reply delay must be zero or more, got " + delay);
      }
      this.delay = delay;
      return this;
    }

    /** Close the connection without an answer (after the delay, if one is set); the sender sees a failed attempt. */
    public Rule drop() {
      if (status != 0) {
        throw new IllegalStateException("this rule answers " + status + ", so it cannot drop the connection too;"
            + " use one or the other");
      }
      this.drop = true;
      return this;
    }

    /** Applies to the next {@code n} matching webhooks, then the rule is gone. */
    public Rule times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("times(n) needs n >= 1, got " + n + "; use remove(id) or clear() to drop rules");
      }
      return arm(n);
    }

    /** Applies to every matching webhook until {@link ReplyPolicy#remove} or {@link ReplyPolicy#clear()}. */
    public Rule always() {
      return arm(-1);
    }

    private Rule arm(int times) {
      if (armed != null) {
        throw new IllegalStateException("rule " + armed.id() + " is already armed; start a new one with whenAny() or when(...)");
      }
      if (status == 0 && delay.isZero() && !drop) {
        throw new IllegalStateException("this rule does nothing: set status(...), delay(...) or drop() before arming it");
      }
      armed = rules.arm(this, times);
      return this;
    }

    /** {@code r1}, {@code r2}, ... once armed (for {@link ReplyPolicy#remove}); null before. */
    public String id() {
      return armed == null ? null : armed.id();
    }

    /** Which webhooks it applies to. */
    public EventQuery filter() {
      return filter;
    }

    /** The status answered; 200 unless set (0 when the rule drops the connection). */
    public int status() {
      return drop ? 0 : status == 0 ? 200 : status;
    }

    /** The body answered, or null for the receiver's own JSON. */
    public String body() {
      return body;
    }

    public Duration delay() {
      return delay;
    }

    /** True when the connection is closed without an answer. */
    public boolean drops() {
      return drop;
    }

    /** How many webhooks it was armed for; empty when it applies always (or is not armed yet). */
    public OptionalInt times() {
      return armed == null ? OptionalInt.empty() : armed.times();
    }

    /** How many matching webhooks it still applies to; empty when it applies always (or is not armed yet). */
    public OptionalInt remaining() {
      return armed == null ? OptionalInt.empty() : armed.remaining();
    }

    /** {@code r1 type=map_item_added object=user-presence -> 500 after PT2S 1 of 2 left}. */
    @Override
    public String toString() {
      return id() + " " + describe(filter) + " -> " + (drop ? "drop" : String.valueOf(status()))
          + (delay.isZero() ? "" : " after " + delay) + " " + (armed == null ? "not armed" : armed.countText());
    }
  }

  /** The filters set, {@code type=map_item_added key=user-123}, or {@code any}. */
  static String describe(EventQuery q) {
    StringBuilder sb = new StringBuilder();
    append(sb, "type", q.type());
    append(sb, "object", q.object());
    append(sb, "key", q.key());
    append(sb, "index", q.index());
    append(sb, "status", q.status() == null ? null : q.status().wireName());
    append(sb, "since", q.since());
    append(sb, "afterId", q.afterId());
    return sb.length() == 0 ? "any" : sb.toString();
  }

  private static void append(StringBuilder sb, String name, Object value) {
    if (value != null) {
      sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(value);
    }
  }
}
