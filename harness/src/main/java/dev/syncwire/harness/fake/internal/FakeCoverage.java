package dev.syncwire.harness.fake.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwire.harness.fake.FakeClock;
import dev.syncwire.harness.fake.SyncApiFake;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the bundled Sync spec the fake serves, measured: every operation is sent once,
 * with {@link SampleRequests}, to a fake on 127.0.0.1 (a free port, closed at the end), and each
 * answer's fields are compared with the spec's; beside each operation, the errors
 * {@link DeclaredErrors} says the fake can return for it. {@code syncwire fake --coverage} prints it.
 *
 * <pre>{@code
 * FakeCoverage coverage = FakeCoverage.measure();
 * coverage.operationsServed() == coverage.operations().size();   // 48 of 48
 * System.out.println(coverage.json());                             // {"tool":"fake-coverage",...}
 * }</pre>
 */
public final class FakeCoverage {
  /** A field of the spec's answer: whether the fake's answer had it, and whether only as null. */
  public record Field(String name, boolean returned, boolean nullOnly) {}

  /**
   * One operation as the fake answered it: the status, the fields, fields the spec does not have,
   * and why it is not served (null when it is: the spec's status came back).
   */
  public record Operation(SyncSpec.Operation spec, int answered, String problem, List<Field> fields,
      List<String> extraFields, Set<ErrorCase> errors) {
    public boolean served() {
      return problem == null;
    }
  }

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final String title;
  private final List<Operation> operations;

  private FakeCoverage(String title, List<Operation> operations) {
    this.title = title;
    this.operations = List.copyOf(operations);
  }

  /** Starts a fake on 127.0.0.1 (a free port, a manual clock), sends every spec operation once, and stops it. */
  public static FakeCoverage measure() {
    try (SyncApiFake fake = SyncApiFake.builder().port(0).requestJournalEntries(0)
        .clock(FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"))).start()) {
      return measure(fake);
    }
  }

  /** Measures {@code fake} as it answers, its own stubs included; its Sync state is replaced (restore a snapshot after). */
  public static FakeCoverage measure(SyncApiFake fake) {
    SyncSpec spec = SyncSpec.bundled();
    CoverageWalk walk = new CoverageWalk(fake);
    for (SampleRequests.Request r : SampleRequests.fixture(fake.defaultServiceSid())) {
      HttpResponse<String> answer = walk.send(r);
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException("The coverage fixture failed: " + r.method() + " " + r.path()
            + " answered " + answer.statusCode() + " " + answer.body());
      }
    }
    SyncApiFake.Snapshot fixture = fake.snapshot();
    List<Operation> operations = new ArrayList<>();
    for (SyncSpec.Operation op : spec.operations()) {
      fake.restore(fixture);
      operations.add(walk.cover(op, SampleRequests.of(spec, op, fake.defaultServiceSid())));
    }
    return new FakeCoverage(spec.title(), operations);
  }

  public List<Operation> operations() {
    return operations;
  }

  public long operationsServed() {
    return operations.stream().filter(Operation::served).count();
  }

  public long fields() {
    return operations.stream().mapToLong(o -> o.fields().size()).sum();
  }

  public long fieldsReturned() {
    return operations.stream().flatMap(o -> o.fields().stream()).filter(Field::returned).count();
  }

  /** Each error case and how many operations declare it (0 for the fake-wide ones). */
  private Map<ErrorCase, Integer> errorUse() {
    Map<ErrorCase, Integer> use = new EnumMap<>(ErrorCase.class);
    for (ErrorCase e : ErrorCase.values()) {
      use.put(e, 0);
    }
    operations.forEach(o -> o.errors().forEach(e -> use.merge(e, 1, Integer::sum)));
    return use;
  }

  /** The report for people: a summary, one block per operation, the error cases, what is not covered. */
  public String text() {
    StringBuilder b = new StringBuilder();
    long nullOnly = operations.stream().flatMap(o -> o.fields().stream()).filter(Field::nullOnly).count();
    b.append("syncwire fake coverage of ").append(title).append(" (the bundled twilio_sync_v1.json)\n");
    b.append("  operations: ").append(operationsServed()).append(" of ").append(operations.size()).append(" served (")
        .append(percent(operationsServed(), operations.size())).append(")\n");
    b.append("  response fields: ").append(fieldsReturned()).append(" of ").append(fields()).append(" returned (")
        .append(percent(fieldsReturned(), fields())).append("); ").append(nullOnly).append(" only as null in this walk\n");
    b.append("  errors: ").append(ErrorCase.values().length).append(" cases; the spec declares none, so each")
        .append(" operation lists the fake's (what Twilio returns: docs/sync-contract.md)\n\n");
    for (Operation o : operations) {
      SyncSpec.Operation s = o.spec();
      b.append(s.method()).append(' ').append(s.path()).append("  ").append(s.operationId()).append("  ")
          .append(o.served() ? s.status() + " served" : "NOT SERVED: " + o.problem()).append('\n');
      if (!o.fields().isEmpty()) {
        long returned = o.fields().stream().filter(Field::returned).count();
        b.append("    fields ").append(returned).append('/').append(o.fields().size()).append(':');
        o.fields().forEach(f -> b.append(' ').append(f.returned() ? "" : "!").append(f.name()).append(f.nullOnly() ? "(null)" : ""));
        b.append('\n');
      }
      if (!o.extraFields().isEmpty()) {
        b.append("    fields the spec does not have: ").append(String.join(" ", o.extraFields())).append('\n');
      }
      b.append("    errors:");
      o.errors().forEach(e -> b.append(' ').append(statusAndCode(e)).append(' ').append(e));
      b.append('\n');
    }
    b.append("\n(null): the fake returned the field, null in this walk; !name: the fake does not return it\n");
    b.append("\nError cases (status/code, name, meaning, operations that declare it):\n");
    errorUse().forEach((e, n) -> b.append("  ").append(statusAndCode(e)).append(' ').append(e).append(": ")
        .append(e.meaning()).append(DeclaredErrors.FAKE_WIDE.contains(e) ? " (any request)" : " (" + n + ")").append('\n'));
    b.append("\nNot covered: ");
    List<String> gaps = gaps();
    b.append(gaps.isEmpty() ? "nothing: every operation served, every field returned" : gaps.size() + "");
    b.append('\n');
    gaps.forEach(g -> b.append("  ").append(g).append('\n'));
    return b.toString();
  }

  /** The same as one JSON document, for CI: {@code {"tool":"fake-coverage","operations":[...],"summary":{...}}}. */
  public String json() {
    ObjectNode root = MAPPER.createObjectNode().put("tool", "fake-coverage");
    root.putObject("spec").put("title", title).put("resource", SyncSpec.RESOURCE.substring(1))
        .put("license", "Apache-2.0");
    ArrayNode ops = root.putArray("operations");
    for (Operation o : operations) {
      SyncSpec.Operation s = o.spec();
      ObjectNode n = ops.addObject().put("method", s.method()).put("path", s.path()).put("operationId", s.operationId())
          .put("status", s.status()).put("served", o.served()).put("answered", o.answered());
      if (!o.served()) {
        n.put("problem", o.problem());
      }
      ArrayNode fields = n.putArray("fields");
      o.fields().forEach(f -> fields.addObject().put("name", f.name()).put("returned", f.returned()).put("nullOnly", f.nullOnly()));
      ArrayNode extra = n.putArray("extraFields");
      o.extraFields().forEach(extra::add);
      ArrayNode errors = n.putArray("errors");
      o.errors().forEach(e -> errors.add(e.name()));
    }
    ArrayNode errors = root.putArray("errors");
    errorUse().forEach((e, count) -> {
      ObjectNode n = errors.addObject().put("name", e.name());
      if (e.status() == 0) {
        n.putNull("status").putNull("code");
      } else {
        n.put("status", e.status()).put("code", e.code());
      }
      n.put("meaning", e.meaning()).put("fakeWide", DeclaredErrors.FAKE_WIDE.contains(e)).put("operations", count);
    });
    ObjectNode notCovered = root.putObject("notCovered");
    ArrayNode missingOps = notCovered.putArray("operations");
    ArrayNode missingFields = notCovered.putArray("fields");
    for (Operation o : operations) {
      if (!o.served()) {
        missingOps.add(o.spec().name());
      }
      o.fields().stream().filter(f -> !f.returned())
          .forEach(f -> missingFields.addObject().put("operation", o.spec().name()).put("field", f.name()));
    }
    root.putObject("summary").put("operations", operations.size()).put("operationsServed", operationsServed())
        .put("fields", fields()).put("fieldsReturned", fieldsReturned()).put("errorCases", ErrorCase.values().length)
        .put("complete", gaps().isEmpty());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> gaps() {
    List<String> gaps = new ArrayList<>();
    for (Operation o : operations) {
      if (!o.served()) {
        gaps.add(o.spec().name() + ": not served (" + o.problem() + ")");
      }
      o.fields().stream().filter(f -> !f.returned()).forEach(f -> gaps.add(o.spec().name() + ": field " + f.name() + " not returned"));
    }
    return gaps;
  }

  private static String statusAndCode(ErrorCase e) {
    return e.status() == 0 ? "any" : e.status() + "/" + e.code();
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "100 %" : Math.floorDiv(part * 100, whole) + " %";
  }
}
