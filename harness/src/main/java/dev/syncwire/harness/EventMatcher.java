package dev.syncwire.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What an await looks for: an immutable description of one Sync event, where every option returns
 * a new matcher. Type names match in either dialect: {@code type("map_item_created")} (the seed's
 * name) matches a real {@code map_item_added}, and {@code type(MAP_ITEM_ADDED)} matches a seed one.
 *
 * <p>Only {@link EventStatus#ACCEPTED} events match unless {@link #status} says otherwise: a
 * redelivery the receiver flagged {@code DUPLICATE} or a webhook it {@code REJECTED} does not
 * satisfy a plain matcher. An await that sees a rejected webhook matching every other criterion
 * fails at once with the reason (see {@link SyncEvents}).
 *
 * <pre>{@code
 * EventMatcher presenceCleared = EventMatcher.event(EventType.MAP_ITEM_REMOVED)
 *     .object("user-presence").key("user-123").alias("presence cleared");
 * events.inOrder(EventMatcher.event("map_item_created").key("user-123"), presenceCleared).within(Duration.ofSeconds(2));
 * }</pre>
 */
public final class EventMatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<EventStatus> ACCEPTED_ONLY = EnumSet.of(EventStatus.ACCEPTED);

  private final List<Criterion> criteria;
  private final Set<EventStatus> statuses;
  private final String alias;
  private final Long afterId;
  private final Instant since;

  private EventMatcher(List<Criterion> criteria, Set<EventStatus> statuses, String alias, Long afterId, Instant since) {
    this.criteria = List.copyOf(criteria);
    this.statuses = statuses;
    this.alias = alias;
    this.afterId = afterId;
    this.since = since;
  }

  /** Any accepted event; narrow it with the options. */
  public static EventMatcher event() {
    return new EventMatcher(List.of(), ACCEPTED_ONLY, null, null, null);
  }

  /** An accepted event of {@code type}, whichever dialect's name arrived. */
  public static EventMatcher event(EventType type) {
    return event().type(type);
  }

  /** An accepted event of the type named in either dialect ({@code map_item_created} or {@code map_item_added}). */
  public static EventMatcher event(String typeName) {
    return event().type(typeName);
  }

  /** Events of {@code type}, whichever dialect's name arrived. */
  public EventMatcher type(EventType type) {
    Objects.requireNonNull(type, "type");
    String names = type.seedName().filter(seed -> !seed.equals(type.wireName()))
        .map(seed -> " (either dialect: " + type.wireName() + " or " + seed + ")").orElse("");
    return with(new Criterion(Criterion.Kind.TYPE, "a " + type.wireName() + names,
        c -> c.event().canonicalType() == type,
        c -> "type was " + c.event().eventType()));
  }

  /**
   * Events of the type named in either dialect.
   *
   * @throws IllegalArgumentException when {@code typeName} is no Sync event type, listing the names there are
   */
  public EventMatcher type(String typeName) {
    return type(typeNamed(typeName));
  }

  /** The type named in either dialect, or an error listing the names there are. */
  static EventType typeNamed(String typeName) {
    return EventType.fromWireName(typeName).orElseThrow(() -> new IllegalArgumentException(
        (typeName == null ? "(null)" : '"' + typeName + '"') + " is not a Sync event type; use one of "
            + new TreeSet<>(EventType.knownNames()) + " (either dialect) or an EventType constant"));
  }

  /** Events about the object with this SID or unique name. */
  public EventMatcher object(String sidOrName) {
    Objects.requireNonNull(sidOrName, "sidOrName");
    return with(new Criterion(Criterion.Kind.OBJECT, "for object " + quote(sidOrName),
        c -> c.event().isObject(sidOrName),
        c -> "object was " + (c.event().objectName() != null ? quote(c.event().objectName())
            : quote(c.event().objectSid()))));
  }

  /** Map item events for this item key. */
  public EventMatcher key(String itemKey) {
    Objects.requireNonNull(itemKey, "itemKey");
    return with(new Criterion(Criterion.Kind.KEY, "key " + quote(itemKey),
        c -> itemKey.equals(c.event().itemKey()),
        c -> c.event().itemKey() == null ? "had no key" : "key was " + quote(c.event().itemKey())));
  }

  /** List item events for this item index. */
  public EventMatcher index(long itemIndex) {
    return with(new Criterion(Criterion.Kind.INDEX, "index " + itemIndex,
        c -> Long.valueOf(itemIndex).equals(c.event().itemIndex()),
        c -> c.event().itemIndex() == null ? "had no index" : "index was " + c.event().itemIndex()));
  }

  /**
   * Events whose data has {@code field} equal to {@code value} (numbers compare by value, so 1 equals 1.0).
   * {@code field} is a top-level name ({@code "status"}) or a JSON pointer ({@code "/user/status"}).
   *
   * @param value a String, number, boolean, null, or anything Jackson writes (a Map, a record, a JsonNode)
   */
  public EventMatcher data(String field, Object value) {
    Objects.requireNonNull(field, "field");
    JsonNode wanted = value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
        : JSON.valueToTree(value);
    String pointer = field.startsWith("/") ? field : "/" + field.replace("~", "~0").replace("/", "~1");
    String label = "data" + (field.startsWith("/") ? field.replace('/', '.') : "." + field);
    return with(new Criterion(Criterion.Kind.DATA, label + " = " + wanted,
        c -> c.data() != null && sameJson(c.data().at(pointer), wanted),
        c -> {
          if (c.data() == null) {
            return "had no data";
          }
          JsonNode actual = c.data().at(pointer);
          return actual.isMissingNode() ? "data had no " + label.substring(5) : label + " was " + actual;
        }));
  }

  /** Events whose data satisfies {@code predicate}; {@code description} names it in failure messages. */
  public EventMatcher dataMatching(String description, Predicate<JsonNode> predicate) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(predicate, "predicate");
    return with(new Criterion(Criterion.Kind.DATA, "data " + description,
        c -> c.data() != null && predicate.test(c.data()),
        c -> c.data() == null ? "had no data" : "data was " + abbreviate(c.data().toString())));
  }

  /** Events whose data satisfies {@code predicate}. */
  public EventMatcher dataMatching(Predicate<JsonNode> predicate) {
    return dataMatching("matching a predicate", predicate);
  }

  /**
   * Events with one of these statuses, instead of the default (accepted only). {@code
   * status(ACCEPTED, DUPLICATE)} also counts redeliveries; including {@code REJECTED} turns off the
   * fail-fast on rejected webhooks, since they then match.
   */
  public EventMatcher status(EventStatus first, EventStatus... more) {
    Set<EventStatus> wanted = EnumSet.of(Objects.requireNonNull(first, "status"), more);
    return new EventMatcher(criteria, wanted, alias, afterId, since);
  }

  /** Events whose {@code X-Twilio-Signature} got this verdict (in {@code warn} mode invalid ones are accepted). */
  public EventMatcher signature(SignatureVerdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    return with(new Criterion(Criterion.Kind.OTHER, "signature " + verdict.wireName(),
        c -> c.event().signature() == verdict,
        c -> "signature was " + c.event().signature().wireName()));
  }

  /**
   * Events satisfying {@code predicate}; {@code description} says what it checks, in failure
   * messages. Predicates run on the receiver's thread as events arrive: keep them quick, and return
   * false rather than throw (a throw ends the await with the exception as its cause).
   */
  public EventMatcher where(String description, Predicate<SyncEvent> predicate) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(predicate, "predicate");
    return with(new Criterion(Criterion.Kind.OTHER, description, c -> predicate.test(c.event()),
        c -> "not " + description));
  }

  /** A name that leads every failure message, as Awaitility's {@code await("alias")} does. */
  public EventMatcher alias(String alias) {
    return new EventMatcher(criteria, statuses, Objects.requireNonNull(alias, "alias"), afterId, since);
  }

  /**
   * Only events recorded after {@code event} (by id), instead of the default start (when the
   * {@link SyncEvents} was created or last reset). Use it to wait for "the next one".
   */
  public EventMatcher after(SyncEvent event) {
    return afterId(Objects.requireNonNull(event, "event").id());
  }

  /** Only events with an id greater than {@code id}, instead of the default start. */
  public EventMatcher afterId(long id) {
    return new EventMatcher(criteria, statuses, alias, id, since);
  }

  /** Only events the receiver stamped at or after {@code instant} (its clock), within the default start. */
  public EventMatcher since(Instant instant) {
    return new EventMatcher(criteria, statuses, alias, afterId, Objects.requireNonNull(instant, "instant"));
  }

  /** The alias, or null. */
  public String alias() {
    return alias;
  }

  /** True when {@code event} passes every criterion and the status filter (the scope aside). */
  public boolean matches(SyncEvent event) {
    return score(new Candidate(event)) == criteria.size() + 1;
  }

  /** {@code presence cleared (a map_item_removed for object "user-presence", key "user-123")}. */
  public String description() {
    String what = criteriaDescription();
    return alias == null ? what : alias + " (" + what + ")";
  }

  @Override
  public String toString() {
    return description();
  }

  /** The description after "no": {@code no map_item_removed for object "user-presence"}. */
  String noneDescription() {
    String what = criteriaDescription();
    String none = what.startsWith("an event") ? "event" + what.substring("an event".length())
        : what.startsWith("a ") ? what.substring(2) : what;
    return alias == null ? none : alias + " (" + none + ")";
  }

  // ---- package-private: used by the waiters and the failure messages ----

  /** The id after which events count, or null for the SyncEvents' default start. */
  Long afterId() {
    return afterId;
  }

  /** True when {@code event} is inside this matcher's own scope (after / since). */
  boolean inScope(SyncEvent event) {
    return (afterId == null || event.id() > afterId) && (since == null || !event.receivedAt().isBefore(since));
  }

  /** How many criteria {@code c} meets, the status filter counting as one. */
  int score(Candidate c) {
    int score = statuses.contains(c.event().status()) ? 1 : 0;
    for (Criterion criterion : criteria) {
      if (criterion.test().test(c)) {
        score++;
      }
    }
    return score;
  }

  int maxScore() {
    return criteria.size() + 1;
  }

  /** True when {@code c} was rejected but meets every criterion, and rejected events were not asked for. */
  boolean rejectedMatch(Candidate c) {
    return c.event().status() == EventStatus.REJECTED && !statuses.contains(EventStatus.REJECTED)
        && criteria.stream().allMatch(criterion -> criterion.test().test(c));
  }

  /** Every criterion {@code c} fails, as {@code key was "user-456", status was duplicate of #3}. */
  List<String> mismatches(Candidate c) {
    List<String> out = new ArrayList<>();
    for (Criterion criterion : criteria) {
      if (!criterion.test().test(c)) {
        out.add(criterion.mismatch().apply(c));
      }
    }
    SyncEvent e = c.event();
    if (!statuses.contains(e.status())) {
      out.add(switch (e.status()) {
        case DUPLICATE -> "was a redelivery of #" + e.duplicateOf() + " (duplicate)";
        case REJECTED -> "was rejected" + (e.errors().isEmpty() ? "" : ": " + AwaitFailure.error(e.errors().get(0)));
        case ACCEPTED -> "was accepted, not " + statuses.stream().map(EventStatus::wireName)
            .collect(Collectors.joining(" or "));
      });
    }
    return out;
  }

  private String criteriaDescription() {
    StringBuilder sb = new StringBuilder();
    criteria.stream().filter(c -> c.kind() == Criterion.Kind.TYPE).forEach(c -> append(sb, c.description(), " and "));
    if (sb.length() == 0) {
      sb.append("an event");
    }
    boolean first = true;
    for (Criterion c : criteria) {
      if (c.kind() == Criterion.Kind.TYPE) {
        continue;
      }
      sb.append(first && c.kind() == Criterion.Kind.OBJECT ? " " : first ? " with " : ", ").append(c.description());
      first = false;
    }
    if (!statuses.equals(ACCEPTED_ONLY)) {
      sb.append(first ? " with " : ", ").append("status ")
          .append(statuses.stream().map(EventStatus::wireName).collect(Collectors.joining(" or ")));
      first = false;
    }
    if (afterId != null) {
      sb.append(first ? " " : ", ").append("after #").append(afterId);
      first = false;
    }
    if (since != null) {
      sb.append(first ? " " : ", ").append("received at or after ").append(since);
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String text, String separator) {
    if (sb.length() > 0) {
      sb.append(separator);
    }
    sb.append(text);
  }

  private EventMatcher with(Criterion criterion) {
    List<Criterion> more = new ArrayList<>(criteria);
    more.add(criterion);
    return new EventMatcher(more, statuses, alias, afterId, since);
  }

  private static boolean sameJson(JsonNode actual, JsonNode wanted) {
    if (actual == null || actual.isMissingNode()) {
      return false;
    }
    if (actual.isNumber() && wanted.isNumber()) {
      return actual.decimalValue().compareTo(wanted.decimalValue()) == 0;
    }
    return actual.equals(wanted);
  }

  static String quote(String s) {
    return s == null ? "null" : '"' + s + '"';
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** One test with the words for it and for its failure. */
  record Criterion(Kind kind, String description, Predicate<Candidate> test,
      java.util.function.Function<Candidate, String> mismatch) {
    enum Kind { TYPE, OBJECT, KEY, INDEX, DATA, OTHER }
  }

  /** An event under test, its data parsed at most once (SyncEvent.data() parses on every call). */
  static final class Candidate {
    private final SyncEvent event;
    private JsonNode data;
    private boolean parsed;

    Candidate(SyncEvent event) {
      this.event = event;
    }

    SyncEvent event() {
      return event;
    }

    JsonNode data() {
      if (!parsed) {
        data = event.data();
        parsed = true;
      }
      return data;
    }
  }
}
