package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FormParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP control API under {@code /__syncwire/}: what {@link SyncApiFake}'s Java methods do,
 * for any language. JSON in and out; every refusal in {@link ControlError}'s one shape. Open
 * without a token; with one, every call needs {@code Authorization: Bearer <token>}.
 * docs/control-api.md lists every endpoint with an example.
 *
 * <p>Over 500 lines because it is the whole control route table with each route's reading of its
 * JSON, in the order docs/control-api.md lists them.
 */
final class ControlApi {
  static final String PREFIX = "/__syncwire";
  static final Duration CLOCK_QUIET = Duration.ofSeconds(5);
  static final Duration IDLE_DEFAULT = Duration.ofSeconds(5);
  static final Duration IDLE_MAX = Duration.ofSeconds(60);
  /** The latest the clock goes (9998-01-01): the longest TTL set then still runs out within year 9999. */
  static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z").minusSeconds(SyncStore.MAX_TTL);
  /** How many control calls may wait at once (GET /idle, POST /clock): the rest of Jetty's threads stay for the Sync API. */
  static final int MAX_WAITING = 4;
  private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
  private static final Pattern METHOD = Pattern.compile("\\*|[A-Za-z]+");
  private static final Pattern FAULT_ID = Pattern.compile("/faults/([^/]+)");

  /** The methods each known path takes; anything else is a 405 with these in {@code Allow}. */
  private static final Map<String, Set<String>> ROUTES = routes();
  /** The query parameters each path takes; any other is refused. */
  private static final Map<String, Set<String>> PARAMETERS =
      Map.of("/deliveries", Set.of("type", "outcome", "since", "limit"), "/idle", Set.of("timeout"));
  private static final String BEARER_CHALLENGE = "Bearer realm=\"syncwire control\"";

  private final SyncStore store;
  private final FakeClock clock;
  private final Faults faults;
  private final Supplier<WebhookDelivery> delivery; // gives null when webhooks go to a test sink
  private final Runnable reset;
  private final byte[] token; // null: open
  private final java.util.concurrent.Semaphore waiting = new java.util.concurrent.Semaphore(MAX_WAITING);

  ControlApi(SyncStore store, FakeClock clock, Faults faults, Supplier<WebhookDelivery> delivery, Runnable reset,
      String token) {
    this.store = store;
    this.clock = clock;
    this.faults = faults;
    this.delivery = delivery;
    this.reset = reset;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Set<String>> routes() {
    Map<String, Set<String>> r = new LinkedHashMap<>();
    r.put("/reset", Set.of("POST"));
    r.put("/clock", Set.of("GET", "POST"));
    r.put("/faults", Set.of("GET", "POST", "DELETE"));
    r.put("/faults/{id}", Set.of("DELETE"));
    r.put("/webhook-faults", Set.of("GET", "POST", "DELETE"));
    r.put("/deliveries", Set.of("GET"));
    r.put("/snapshot", Set.of("GET"));
    r.put("/restore", Set.of("POST"));
    r.put("/idle", Set.of("GET"));
    return r;
  }

  /**
   * True for {@code /__syncwire} and everything under it, however written ({@code %5F_syncwire},
   * {@code //__syncwire}, {@code /x/../__syncwire}): those paths are ours, never the Sync API's.
   */
  static boolean handles(String rawPath) {
    if (rawPath.indexOf('%') < 0 && !rawPath.contains("//") && !rawPath.contains("/.")) { // already canonical: every Sync call
      return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
    }
    String path = canonical(rawPath);
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /** The path percent-decoded, with empty and {@code .} segments dropped and {@code ..} applied. */
  static String canonical(String rawPath) {
    if (rawPath == null) {
      return "";
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      int hi = c == '%' && i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
      if (lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
    for (String segment : bytes.toString(StandardCharsets.UTF_8).split("/")) {
      if (segment.equals("..")) {
        segments.pollLast();
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments);
  }

  /**
   * The answer to a request whose path {@link #handles} says is ours. {@code rawPath} and
   * {@code rawQuery} are as they arrived, still percent-encoded.
   */
  SyncHttpApi.Answer answer(String method, String rawPath, String rawQuery, String authorization, byte[] body) {
    try {
      authorize(authorization);
      String canonical = canonical(rawPath);
      if (!canonical.equals(rawPath)) {
        // One spelling only: a path read two ways (by Jetty, by WireMock, by a proxy) must not reach two places.
        throw ControlError.invalid("path", "canonical_path", rawPath, "Write the control path as " + canonical
            + ": percent-encoding, '.' and '..' segments, doubled and trailing slashes are refused under " + PREFIX);
      }
      String path = rawPath.substring(PREFIX.length());
      String route = FAULT_ID.matcher(path).matches() ? "/faults/{id}" : path;
      Set<String> allowed = ROUTES.get(route);
      if (allowed == null) {
        throw ControlError.of(404, "not_found", "path", "control_path", rawPath, "There is no "
            + rawPath + " in the control API; known paths under " + PREFIX + ": "
            + String.join(", ", ROUTES.keySet()) + " (see docs/control-api.md)");
      }
      java.util.TreeSet<String> allowedWithHead = new java.util.TreeSet<>(allowed);
      if (allowed.contains("GET")) {
        allowedWithHead.add("HEAD"); // answered as GET; the server sends no body
      }
      if (!allowedWithHead.contains(method)) {
        String allow = String.join(", ", allowedWithHead);
        ControlError e = ControlError.of(405, "method_not_allowed", "method", "allowed_method", method,
            method + " " + PREFIX + route + " is not supported; use " + allow);
        return new SyncHttpApi.Answer(405, ControlJson.error(e), 0, Map.of("Allow", allow));
      }
      FormParams query = FormParams.parse(rawQuery);
      onlyParameters(query, PARAMETERS.getOrDefault(route, Set.of()));
      return switch ((method.equals("HEAD") ? "GET" : method) + " " + route) {
        case "POST /reset" -> {
          reset.run();
          yield new SyncHttpApi.Answer(204, null, 0);
        }
        case "GET /clock" -> ok(200, clockView(null));
        case "POST /clock" -> ok(200, moveClock(body));
        case "GET /faults" -> ok(200, ControlJson.object("faults", faultViews()));
        case "POST /faults" -> ok(201, addFault(body));
        case "DELETE /faults" -> ok(200, ControlJson.object("cleared", faults.removeAll()));
        case "DELETE /faults/{id}" -> removeFault(path.substring("/faults/".length()));
        case "GET /webhook-faults" -> ok(200, ControlJson.object("webhookFaults", webhookFaultViews()));
        case "POST /webhook-faults" -> ok(201, armWebhookFault(body));
        case "DELETE /webhook-faults" -> ok(200, ControlJson.object("cleared", webhookDelivery().faults().disarm()));
        case "GET /deliveries" -> ok(200, deliveries(query));
        case "GET /snapshot" -> new SyncHttpApi.Answer(200, SnapshotJson.write(store.snapshot()), 0);
        case "POST /restore" -> ok(200, restore(body));
        case "GET /idle" -> ok(200, idle(query));
        default -> throw new IllegalStateException("route " + route + " lists " + method + " but has no handler");
      };
    } catch (ControlError e) {
      return new SyncHttpApi.Answer(e.status(), ControlJson.error(e), 0,
          e.status() == 401 ? Map.of("WWW-Authenticate", BEARER_CHALLENGE) : Map.of());
    } catch (RuntimeException e) {
      LOG.warn("SyncApiFake control API failed on " + method + " " + rawPath, e);
      ControlError error = ControlError.of(500, "internal_error", "path", "internal", rawPath,
          "The control API failed on " + method + " " + rawPath + ": " + e + " (a bug in syncwire; please report it)");
      return new SyncHttpApi.Answer(500, ControlJson.error(error), 0);
    }
  }

  private void authorize(String authorization) {
    if (token == null) {
      return;
    }
    String[] parts = authorization == null ? new String[0] : authorization.trim().split("\\s+", 2);
    boolean bearer = parts.length == 2 && parts[0].equalsIgnoreCase("Bearer"); // schemes are case-insensitive (RFC 7235)
    byte[] given = bearer ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!bearer || !MessageDigest.isEqual(given, token)) { // constant time for equal lengths
      throw ControlError.of(401, "unauthorized", "Authorization", "bearer_token",
          authorization == null ? null : bearer ? "Bearer (wrong token)" : "(not a Bearer token)",
          "The control API needs Authorization: Bearer <token>, the token given with --control-token"
              + " (or SYNCWIRE_CONTROL_TOKEN); " + (authorization == null ? "none was sent" : "the one sent does not match"));
    }
  }

  private static SyncHttpApi.Answer ok(int status, Object value) {
    return new SyncHttpApi.Answer(status, ControlJson.write(value), 0);
  }

  // ---- clock ----

  record ClockMove(String advance, String set) {}

  private Map<String, Object> clockView(List<SyncStore.Expired> expired) {
    Map<String, Object> view = ControlJson.object("now", clock.instant().toString(), "mode", DeliveryJson.lower(clock.mode()));
    if (expired != null) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (SyncStore.Expired e : expired) {
        list.add(ControlJson.object("objectType", e.objectType(), "serviceSid", e.serviceSid(), "objectSid", e.objectSid(),
            "uniqueName", e.uniqueName(), "key", e.key(), "index", e.index()));
      }
      view.put("expired", list);
    }
    return view;
  }

  private Map<String, Object> moveClock(byte[] body) {
    if (clock.mode() != FakeClock.Mode.MANUAL) {
      throw ControlError.of(409, "clock_not_manual", "mode", "manual_clock", DeliveryJson.lower(clock.mode()),
          "The fake's clock follows the system clock, so POST " + PREFIX + "/clock cannot move it;"
              + " start it with --clock manual (or --clock manual=2026-01-01T00:00:00Z) to control time");
    }
    ClockMove move = ControlJson.read(body, ClockMove.class, "{\"advance\":\"PT5M\"} or {\"set\":\"2026-06-01T12:00:00Z\"}");
    if ((move.advance() == null) == (move.set() == null)) {
      String field = move.advance() == null ? "advance" : "set";
      throw ControlError.invalid(field, "exactly_one_of", move.set(),
          "give exactly one of advance (an ISO-8601 duration such as PT5M) or set (an instant such as 2026-06-01T12:00:00Z); got "
              + (move.advance() == null ? "neither" : "both"));
    }
    Duration advance = move.advance() == null ? null : ControlJson.duration("advance", move.advance());
    if (advance != null && advance.isNegative()) {
      throw ControlError.invalid("advance", "forward_only", move.advance(),
          "advance must not be negative (the clock only moves forward; restore a snapshot to go back); got \"" + move.advance() + "\"");
    }
    Instant set = move.set() == null ? null : ControlJson.instant("set", move.set());
    WebhookDelivery webhooks = delivery.get();
    if (webhooks != null) {
      waitSlot(null);
    }
    try {
      long[] sequences = new long[2]; // the deliveries this move makes are numbered sequences[0] + 1 to sequences[1]
      List<SyncStore.Expired> expired = store.collectExpired(() -> { // the store's lock: no other webhook comes in between
        Instant target = target(advance, move, set);
        sequences[0] = webhooks == null ? 0 : webhooks.lastSequence();
        clock.set(target);
        sequences[1] = webhooks == null ? 0 : webhooks.lastSequence();
      });
      List<WebhookDeliveryRecord> late = webhooks == null || sequences[1] == sequences[0] ? List.of()
          : webhooks.awaitFinished(sequences[0], sequences[1], CLOCK_QUIET);
      Map<String, Object> view = clockView(expired);
      view.put("pendingWebhooks", DeliveryJson.all(late));
      return view;
    } finally {
      if (webhooks != null) {
        waiting.release();
      }
    }
  }

  /** Where the clock goes; at most {@link #LATEST}, never back. Runs under the store's lock, so now cannot move meanwhile. */
  private Instant target(Duration advance, ClockMove move, Instant set) {
    Instant now = clock.instant();
    String field = advance != null ? "advance" : "set";
    String text = advance != null ? move.advance() : move.set();
    Instant target;
    try {
      target = advance != null ? now.plus(advance) : set;
    } catch (java.time.DateTimeException | ArithmeticException e) {
      target = null;
    }
    if (target == null || target.isAfter(LATEST)) {
      throw ControlError.invalid(field, "out_of_range", text, field + " would move the clock "
          + (target == null ? "past the end of time" : "to " + target) + "; the latest it goes is " + LATEST
          + " (the longest TTL, 365 days, must still end within year 9999); now is " + now);
    }
    if (target.isBefore(now)) {
      throw ControlError.invalid("set", "forward_only", text, "set must not be earlier than now (" + now
          + "): the clock only moves forward; restore a snapshot to go back");
    }
    return target;
  }

  /** Takes one of the {@link #MAX_WAITING} slots for a call that waits, or refuses with 429; release it after. */
  private void waitSlot(String timeout) {
    if (!waiting.tryAcquire()) {
      throw ControlError.of(429, "too_many_waiting", "timeout", "at_most_" + MAX_WAITING + "_waiting", timeout,
          MAX_WAITING + " control calls are already waiting (GET " + PREFIX + "/idle, POST " + PREFIX + "/clock), the most"
              + " that may wait at once so the Sync API keeps its threads; retry when one has answered");
    }
  }

  // ---- faults ----

  record FaultRequest(String method, String path, Integer status, Integer code, String delay, Integer times) {}

  private List<Map<String, Object>> faultViews() {
    List<Map<String, Object>> out = new ArrayList<>();
    faults.rules().forEach(rule -> out.add(faultView(rule)));
    return out;
  }

  private static Map<String, Object> faultView(Faults.Rule rule) {
    return ControlJson.object("id", rule.id(), "method", rule.method(), "path", rule.pathPattern(),
        "status", rule.status() == 0 ? null : rule.status(), "code", rule.status() == 0 ? null : rule.code(),
        "delay", rule.delay().toString(),
        "times", rule.times().isPresent() ? rule.times().getAsInt() : null,
        "remaining", rule.remaining().isPresent() ? rule.remaining().getAsInt() : null);
  }

  private Map<String, Object> addFault(byte[] body) {
    FaultRequest r = ControlJson.read(body, FaultRequest.class, "a fault rule {method, path, status, code, delay, times}");
    String method = r.method() == null ? "*" : r.method();
    if (!METHOD.matcher(method).matches()) {
      throw ControlError.invalid("method", "http_method", method, "method must be an HTTP method such as GET or POST, or * for any; got \"" + method + "\"");
    }
    if (r.path() == null) {
      throw ControlError.invalid("path", "required", null,
          "path is missing; give a regular expression the request path must fully match, such as /v1/Services/.*");
    }
    try {
      Pattern.compile(r.path());
    } catch (PatternSyntaxException e) {
      throw ControlError.invalid("path", "regex", r.path(), "path must be a Java regular expression (" + e.getDescription()
          + " at index " + e.getIndex() + "); got \"" + r.path() + "\"");
    }
    if (r.status() != null && (r.status() < 400 || r.status() > 599)) {
      throw ControlError.invalid("status", "http_error_status", String.valueOf(r.status()),
          "status must be a 4xx or 5xx HTTP status such as 429 or 503; got " + r.status());
    }
    if (r.code() != null && r.status() == null) {
      throw ControlError.invalid("code", "needs_status", String.valueOf(r.code()), "code goes with status: give status too, such as 429");
    }
    if (r.code() != null && r.code() < 1) {
      throw ControlError.invalid("code", "twilio_code", String.valueOf(r.code()), "code must be a positive Twilio error code such as 20429; got " + r.code());
    }
    Duration delay = boundedDelay(r.delay());
    if (r.status() == null && (delay == null || delay.isZero())) {
      throw ControlError.invalid("status", "status_or_delay", null,
          "a fault needs a status (such as 429) or a delay (such as PT2S), or both; got neither");
    }
    if (r.times() != null && r.times() < 1) {
      throw ControlError.invalid("times", "at_least_1", String.valueOf(r.times()),
          "times must be 1 or more (leave it out for always; DELETE the rule to stop it); got " + r.times());
    }
    Faults.Rule rule = faults.when(method, r.path());
    if (r.status() != null) {
      rule.status(r.status());
    }
    if (r.code() != null) {
      rule.code(r.code());
    }
    if (delay != null) {
      rule.delay(delay);
    }
    if (r.times() != null) {
      rule.times(r.times());
    } else {
      rule.always();
    }
    return faultView(rule);
  }

  private static Duration boundedDelay(String text) {
    Duration delay = ControlJson.nonNegativeDuration("delay", text);
    if (delay != null && delay.compareTo(Faults.MAX_DELAY) > 0) {
      throw ControlError.invalid("delay", "at_most_" + Faults.MAX_DELAY, text, "delay must be at most " + Faults.MAX_DELAY
          + " (a longer one only hangs the test); got " + ControlJson.quote(text));
    }
    return delay;
  }

  private SyncHttpApi.Answer removeFault(String id) {
    if (!faults.remove(id)) {
      throw ControlError.of(404, "not_found", "id", "armed_fault", id, "No armed fault has id " + id
          + " (used up, removed, or never added); GET " + PREFIX + "/faults lists the armed ones");
    }
    return new SyncHttpApi.Answer(204, null, 0);
  }

  // ---- webhook faults ----

  record WebhookFaultRequest(String fault, Integer next, String delay) {}

  private WebhookDelivery webhookDelivery() {
    WebhookDelivery webhooks = delivery.get();
    if (webhooks == null) {
      throw ControlError.of(409, "no_webhook_delivery", "path", "webhook_delivery", null,
          "This fake hands webhooks to a test sink, which has no delivery faults or log");
    }
    return webhooks;
  }

  private List<Map<String, Object>> webhookFaultViews() {
    List<Map<String, Object>> out = new ArrayList<>();
    webhookDelivery().faults().armed().forEach(a -> out.add(webhookFaultView(a.fault(), a.remaining(), a.delay())));
    return out;
  }

  private static Map<String, Object> webhookFaultView(WebhookDeliveryRecord.Fault fault, int remaining, Duration delay) {
    return ControlJson.object("fault", DeliveryJson.lower(fault), "remaining", remaining,
        "delay", fault == WebhookDeliveryRecord.Fault.DELAY ? delay.toString() : null);
  }

  private Map<String, Object> armWebhookFault(byte[] body) {
    WebhookFaultRequest r = ControlJson.read(body, WebhookFaultRequest.class, "a webhook fault {fault, next, delay}");
    WebhookFaults armed = webhookDelivery().faults();
    if (r.fault() == null) {
      throw ControlError.invalid("fault", "required", null, "fault is missing; give drop, delay, duplicate or reorder");
    }
    WebhookDeliveryRecord.Fault fault = switch (r.fault()) {
      case "drop" -> WebhookDeliveryRecord.Fault.DROP;
      case "delay" -> WebhookDeliveryRecord.Fault.DELAY;
      case "duplicate" -> WebhookDeliveryRecord.Fault.DUPLICATE;
      case "reorder" -> WebhookDeliveryRecord.Fault.REORDER;
      default -> throw ControlError.invalid("fault", "webhook_fault", r.fault(),
          "fault must be drop, delay, duplicate or reorder; got \"" + r.fault() + "\"");
    };
    int min = fault == WebhookDeliveryRecord.Fault.REORDER ? 2 : 1;
    if (r.next() == null && min > 1) {
      throw ControlError.invalid("next", "required", null, "next is missing; reorder needs how many webhooks to reorder, 2 or more");
    }
    int next = r.next() == null ? 1 : r.next();
    if (next < min) {
      throw ControlError.invalid("next", "at_least_" + min, String.valueOf(next), "next must be " + min + " or more for "
          + r.fault() + (min > 1 ? " (fewer cannot change the order)" : "") + "; got " + next);
    }
    Duration delay = boundedDelay(r.delay());
    if (fault == WebhookDeliveryRecord.Fault.DELAY && delay == null) {
      throw ControlError.invalid("delay", "required", null, "delay is missing; a delay fault needs one, such as PT2S");
    }
    if (fault != WebhookDeliveryRecord.Fault.DELAY && delay != null) {
      throw ControlError.invalid("delay", "only_with_delay", r.delay(), "delay applies only to fault \"delay\"; leave it out for "
          + r.fault());
    }
    switch (fault) {
      case DROP -> armed.dropNext(next);
      case DELAY -> armed.delayNext(next, delay);
      case DUPLICATE -> armed.duplicateNext(next);
      default -> armed.reorderNext(next);
    }
    return webhookFaultView(fault, next, delay == null ? Duration.ZERO : delay);
  }

  // ---- deliveries and idle ----

  private Map<String, Object> deliveries(FormParams query) {
    String type = query.get("type");
    EventType eventType = null;
    if (type != null) {
      eventType = EventType.fromWireName(type).orElseThrow(() -> ControlError.invalid("type", "event_type", type,
          "type must be a Sync event type in either dialect, such as map_item_added or map_item_created; got \"" + type + "\""));
    }
    String outcomeText = query.get("outcome");
    WebhookDeliveryRecord.Outcome outcome = null;
    if (outcomeText != null) {
      try {
        outcome = WebhookDeliveryRecord.Outcome.valueOf(outcomeText.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ControlError.invalid("outcome", "outcome", outcomeText,
            "outcome must be pending, delivered, failed or dropped; got \"" + outcomeText + "\"");
      }
    }
    long since = wholeNumber(query, "since", 0, 0);
    long limit = wholeNumber(query, "limit", 1, Long.MAX_VALUE);
    WebhookDelivery webhooks = delivery.get();
    List<WebhookDeliveryRecord> matched = new ArrayList<>();
    for (WebhookDeliveryRecord d : webhooks == null ? List.<WebhookDeliveryRecord>of() : webhooks.deliveries()) {
      if (matched.size() >= limit) {
        break;
      }
      if (d.sequence() > since && (outcome == null || d.outcome() == outcome)
          && (eventType == null || eventType == EventType.fromWireName(d.eventType()).orElse(null))) {
        matched.add(d);
      }
    }
    return ControlJson.object("count", matched.size(), "deliveries", DeliveryJson.all(matched));
  }

  private Map<String, Object> idle(FormParams query) {
    String text = query.get("timeout");
    Duration timeout = text == null ? IDLE_DEFAULT : ControlJson.nonNegativeDuration("timeout", text);
    if (timeout.compareTo(IDLE_MAX) > 0) {
      throw ControlError.invalid("timeout", "at_most_PT60S", text, "timeout must be at most PT60S; got \"" + text + "\"");
    }
    WebhookDelivery webhooks = delivery.get();
    if (webhooks == null) {
      return ControlJson.object("idle", true);
    }
    waitSlot(text);
    boolean quiet;
    try {
      quiet = webhooks.awaitQuiet(timeout);
    } finally {
      waiting.release();
    }
    if (!quiet) {
      List<WebhookDeliveryRecord> pending = webhooks.deliveries().stream()
          .filter(d -> d.outcome() == WebhookDeliveryRecord.Outcome.PENDING).toList();
      throw new ControlError(408, "not_idle", List.of(new dev.syncwire.fixtures.Violation("timeout", "idle_within",
          timeout.toString(), pending.size() + " webhook(s) still queued or in flight after " + timeout
              + "; see pending (a reorder fault holds webhooks until its group fills)")), pending);
    }
    return ControlJson.object("idle", true);
  }

  private static void onlyParameters(FormParams query, Set<String> known) {
    Set<String> seen = new java.util.HashSet<>();
    for (FormParams.Param p : query.asList()) {
      if (!known.contains(p.name())) {
        throw ControlError.invalid(p.name(), "unknown_parameter", p.value(), p.name() + " is not a query parameter here; "
            + (known.isEmpty() ? "this endpoint takes none" : "known: " + String.join(", ", new java.util.TreeSet<>(known))));
      }
      if (!seen.add(p.name())) {
        throw ControlError.invalid(p.name(), "single_value", p.value(), p.name() + " appears twice in the query; give it once");
      }
    }
  }

  private static long wholeNumber(FormParams query, String name, long min, long absent) {
    String text = query.get(name);
    if (text == null) {
      return absent;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw ControlError.invalid(name, "whole_number", text, name + " must be a whole number from " + min + " to "
          + Long.MAX_VALUE + "; got \"" + text + "\"");
    }
    if (value < min) {
      throw ControlError.invalid(name, "at_least_" + min, text, name + " must be " + min + " or more; got \"" + text + "\"");
    }
    return value;
  }

  // ---- snapshot ----

  private Map<String, Object> restore(byte[] body) {
    SyncStore.State state = SnapshotJson.read(body);
    store.restore(state);
    List<String> warnings = new ArrayList<>();
    if (state.services().isEmpty()) { // allowed: a test may delete the default service, and its snapshot must restore
      warnings.add("The snapshot has no services: every Sync call answers 404 until a service is created,"
          + " or POST " + PREFIX + "/reset brings the default service back");
    }
    return ControlJson.object("restored", true, "services", state.services().size(), "now", clock.instant().toString(),
        "warnings", warnings);
  }
}
