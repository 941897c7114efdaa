package dev.syncwire.harness.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link HandlerCheck} found: one {@link CaseResult} per request sent, in order, and the
 * {@link Finding}s among them. Immutable.
 *
 * <pre>{@code
 * HandlerReport report = HandlerCheck.against(URI.create("http://127.0.0.1:3000/sync")).authToken(token).run();
 * System.out.println(report.table());   // case, request, status, latency, verdict; the findings; a summary
 * report.assertNoFindings();            // fails the test, listing each finding
 * }</pre>
 */
public final class HandlerReport {
  /** How bad a finding is; {@link #wireName()} is what {@code --format json} writes. */
  public enum Severity {
    /** The check could not run (the handler was not reachable). */
    ERROR,
    /** A valid event was not answered 2xx: Twilio counts the delivery as failed. */
    WARNING,
    /** A forged or unsigned webhook was answered 2xx. */
    SECURITY,
    /** A 5xx, a time-out or a connection closed without an answer. */
    CRASH;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One request and its answer.
   *
   * @param caseName the case, such as {@code event}, {@code bad-signature} or {@code removed-after-gone}
   * @param request what was sent, such as {@code map_item_removed EventId=2, after map_removed}
   * @param eventType the {@code EventType} sent, null when the request carried none
   * @param status the HTTP status, null when no answer came
   * @param latency from sending to the whole answer read (or to the failure)
   * @param verdict {@code ok}, or the severity of the finding it gave ({@code warning}, {@code security}, {@code crash}, {@code error})
   * @param note why, in a few words ({@code refused}, {@code no answer within 10 s}, ...); empty when there is nothing to say
   */
  public record CaseResult(String caseName, String request, String eventType, Integer status, Duration latency,
      String verdict, String note) {
    public boolean ok() {
      return verdict.equals("ok");
    }
  }

  /**
   * A problem with the handler.
   *
   * @param code stable, for CI: {@code forged_accepted}, {@code unsigned_accepted}, {@code server_error}, {@code timeout},
   *     {@code no_answer}, {@code handler_gone}, {@code valid_event_refused}, {@code unreachable}
   * @param message a sentence saying what happened and what to do
   */
  public record Finding(Severity severity, String code, String caseName, String request, String eventType,
      Integer status, String message) {
    /** {@code crash  removed-after-gone (map_item_removed EventId=2, after map_removed): answered 500 ...}. */
    @Override
    public String toString() {
      return String.format("%-8s  %s (%s): %s", severity.wireName(), caseName, request, message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final String signing;
  private final List<CaseResult> cases;
  private final List<Finding> findings;

  HandlerReport(URI url, String signing, List<CaseResult> cases, List<Finding> findings) {
    this.url = Objects.requireNonNull(url, "url");
    this.signing = signing;
    this.cases = List.copyOf(cases);
    this.findings = List.copyOf(findings);
  }

  /** The handler's URL, which every request went to and was signed for. */
  public URI url() {
    return url;
  }

  /** Every request sent, in order. */
  public List<CaseResult> cases() {
    return cases;
  }

  /** The findings, in the order of the requests that gave them. */
  public List<Finding> findings() {
    return findings;
  }

  public boolean hasFindings() {
    return !findings.isEmpty();
  }

  /** The findings of one severity. */
  public List<Finding> findings(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  /** @throws AssertionError listing every finding, then the whole table, when there is any */
  public void assertNoFindings() {
    if (hasFindings()) {
      throw new AssertionError("The handler at " + url + " has " + findings.size() + " finding(s):\n"
          + String.join("\n", findings.stream().map(Finding::toString).toList()) + "\n\n" + table());
    }
  }

  /** One line: {@code 31 requests, 4 findings (2 security, 2 crash, 0 warning, 0 error)}. */
  public String summary() {
    return cases.size() + " requests, " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s")
        + (findings.isEmpty() ? "" : " (" + findings(Severity.SECURITY).size() + " security, "
            + findings(Severity.CRASH).size() + " crash, " + findings(Severity.WARNING).size() + " warning, "
            + findings(Severity.ERROR).size() + " error)");
  }

  /** The table (case, request, status, latency, verdict), then one line per finding, then the summary. */
  public String table() {
    int caseWidth = Math.max(4, cases.stream().mapToInt(c -> c.caseName().length()).max().orElse(0));
    int requestWidth = Math.max(7, cases.stream().mapToInt(c -> c.request().length()).max().orElse(0));
    String row = "%-" + caseWidth + "s  %-" + requestWidth + "s  %6s  %8s  %s%n";
    StringBuilder out = new StringBuilder();
    out.append("check-handler: POST ").append(url).append(", ").append(signing).append('\n');
    out.append(String.format(row, "CASE", "REQUEST", "STATUS", "LATENCY", "VERDICT"));
    for (CaseResult c : cases) {
      String verdict = c.ok() ? "ok" : c.verdict().toUpperCase(Locale.ROOT);
      out.append(String.format(row, c.caseName(), c.request(), c.status() == null ? "-" : c.status(),
          c.latency().toMillis() + " ms", verdict + (c.note().isEmpty() ? "" : "  " + c.note())));
    }
    if (!findings.isEmpty()) {
      out.append('\n');
      findings.forEach(f -> out.append(f).append('\n'));
    }
    out.append("summary: ").append(summary()).append('\n');
    return out.toString();
  }

  /**
   * {@code {"tool":"check-handler","url","signing","findings":[{"severity","code","message","location":{...}}],"cases":[...],"summary":{...}}},
   * the document every syncwire check writes with {@code --format json}.
   */
  public String toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tool", "check-handler");
    doc.put("url", url.toString());
    doc.put("signing", signing);
    List<Object> found = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> location = new LinkedHashMap<>();
      location.put("url", url.toString());
      location.put("case", f.caseName());
      location.put("request", f.request());
      location.put("eventType", f.eventType());
      location.put("status", f.status());
      Map<String, Object> finding = new LinkedHashMap<>();
      finding.put("severity", f.severity().wireName());
      finding.put("code", f.code());
      finding.put("message", f.message());
      finding.put("location", location);
      found.add(finding);
    }
    doc.put("findings", found);
    List<Object> rows = new ArrayList<>();
    for (CaseResult c : cases) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("case", c.caseName());
      r.put("request", c.request());
      r.put("eventType", c.eventType());
      r.put("status", c.status());
      r.put("latencyMillis", c.latency().toMillis());
      r.put("verdict", c.verdict());
      r.put("note", c.note());
      rows.add(r);
    }
    doc.put("cases", rows);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("requests", cases.size());
    summary.put("findings", findings.size());
    for (Severity s : Severity.values()) {
      summary.put(s.wireName(), findings(s).size());
    }
    doc.put("summary", summary);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "HandlerReport[" + url + ": " + summary() + "]";
  }
}
