package dev.syncwire.harness;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The words of every await failure: what was awaited, the limit, and what did arrive, closest
 * match first. A failure message is what a user reads first when a test breaks, so it says enough
 * to fix the test without a debugger.
 */
final class AwaitFailure {
  /** Lines listed before "... and N more". */
  static final int MAX_LISTED = 20;

  private AwaitFailure() {}

  /** {@code 2 seconds}, {@code 1 second}, {@code 250 milliseconds}. */
  static String limit(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      long s = ms / 1000;
      return s + (s == 1 ? " second" : " seconds");
    }
    return ms + (ms == 1 ? " millisecond" : " milliseconds");
  }

  /** {@code +12 ms} or {@code -40 ms}: when the receiver stamped {@code event}, from the start of the wait. */
  static String offset(SyncEvent event, Instant start) {
    long micros = Duration.between(start, event.receivedAt()).toNanos() / 1000;
    String ms = micros % 1000 == 0 || Math.abs(micros) >= 10_000 ? Long.toString(micros / 1000)
        : String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    return (micros >= 0 ? "+" : "") + ms + " ms";
  }

  /** {@code a matching webhook arrived but was rejected: X-Twilio-Signature: ...}, with every error. */
  static String rejected(String expected, SyncEvent event, Instant start) {
    StringBuilder sb = new StringBuilder(expected).append(": a matching webhook arrived but was rejected");
    List<Violation> errors = event.errors();
    sb.append(errors.isEmpty() ? "" : ": " + error(errors.get(0))).append('\n');
    sb.append("  ").append(offset(event, start)).append("  ").append(event).append('\n');
    for (Violation v : errors.subList(Math.min(1, errors.size()), errors.size())) {
      sb.append("  also: ").append(error(v)).append('\n');
    }
    sb.append("Rejected webhooks never satisfy an await, so this one ends now. Fix the cause above, or count"
        + " rejected webhooks as matches with status(ACCEPTED, REJECTED).");
    return sb.toString();
  }

  /** A broken rule in words, without repeating the field when the message already names it. */
  static String error(Violation v) {
    return v.message().startsWith(v.field()) ? v.message() : v.field() + ": " + v.message();
  }

  /** A criterion (a user predicate) threw while an event was tested. */
  static AssertionError threw(String expected, RuntimeException error) {
    return new AssertionError(expected + ": a criterion threw " + error + "; a predicate given to where() or"
        + " dataMatching() must return false rather than throw", error);
  }

  /**
   * {@code Received 3 events since ..., closest match first:} and one line per event, scored
   * against {@code matcher}; events in {@code matched} are marked as matches.
   *
   * @param scope words for where the list starts, e.g. {@code since this SyncEvents was created or reset}
   * @param webhookUrl where webhooks should go, for the hint when nothing arrived at all
   */
  static String arrivals(List<SyncEvent> inScope, EventMatcher matcher, Set<Long> matched, Instant start,
      String scope, String webhookUrl) {
    if (inScope.isEmpty()) {
      return "No events arrived " + scope + ". Is the webhook URL of the Sync service (or of SyncApiFake) "
          + webhookUrl + ", or a tunnel to it?";
    }
    record Line(SyncEvent event, int score, List<String> mismatches) {}
    List<Line> lines = new ArrayList<>(inScope.size());
    for (SyncEvent e : inScope) {
      EventMatcher.Candidate c = new EventMatcher.Candidate(e);
      int score;
      List<String> mismatches;
      try {
        score = matched.contains(e.id()) ? Integer.MAX_VALUE : matcher.score(c);
        mismatches = matched.contains(e.id()) ? List.of() : matcher.mismatches(c);
      } catch (RuntimeException ex) {
        score = -1;
        mismatches = List.of("a criterion threw " + ex);
      }
      lines.add(new Line(e, score, mismatches));
    }
    lines.sort(Comparator.comparingInt(Line::score).reversed().thenComparingLong(l -> l.event().id()));
    StringBuilder sb = new StringBuilder("Received ").append(inScope.size())
        .append(inScope.size() == 1 ? " event " : " events ").append(scope)
        .append("; closest match first, times from the start of the wait:");
    int shown = 0;
    for (Line line : lines) {
      if (shown == MAX_LISTED) {
        sb.append("\n  ... and ").append(lines.size() - shown).append(" more");
        break;
      }
      sb.append("\n  ").append(String.format(java.util.Locale.ROOT, "%9s", offset(line.event(), start)))
          .append("  ").append(line.event());
      if (matched.contains(line.event().id()) || line.mismatches().isEmpty()) {
        sb.append(": matches");
      } else if (!line.mismatches().isEmpty()) {
        sb.append(": ").append(String.join(", ", line.mismatches()));
      }
      shown++;
    }
    return sb.toString();
  }
}
