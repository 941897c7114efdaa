package dev.syncwire.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncWebhook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncwire fixtures --from}: turns captured webhooks into fixture files, scrubbed. */
@Command(
    name = "fixtures",
    mixinStandardHelpOptions = true,
    description = {
      "Turn captured Sync webhooks into fixture files, with personal values scrubbed.",
      "Reads what verify reads (a journal, a JSON array of events, fixture files) and",
      "writes one file per accepted event, in the fixtures jar's format, numbered in",
      "the order they arrived. SIDs are replaced by the same made-up SID wherever they",
      "appear; identities, endpoint ids, e-mail addresses and phone numbers are",
      "replaced; headers (signatures, idempotency tokens) are dropped.",
      "Refuses to overwrite a file unless --force. Exit code 2 on a usage error.",
      ""
    },
    footer = {"",
      "Example:",
      "  syncwire fixtures --from events.jsonl --out src/test/resources/sync-fixtures"})
final class FixturesCommand implements Callable<Integer> {
  private static final ObjectWriter WRITER = new ObjectMapper().writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", paramLabel = "FILE", required = true,
      description = "The capture: a journal (receive --journal), a JSON array of events, or fixture files.")
  Path from;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write the fixture files to.")
  Path out;

  @Option(names = "--force", description = "Overwrite fixture files that already exist in --out.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      err.println("--out: " + out + " is a file; give a folder (it is made when missing)");
      return 2;
    }
    List<SyncEvent> accepted = new ArrayList<>();
    int[] skipped = new int[2]; // rejected, duplicate
    List<String> problems = new ArrayList<>();
    try {
      CapturedEvents.read(from, (event, file, line) -> {
        if (event.status() == EventStatus.ACCEPTED) {
          accepted.add(event);
        } else {
          skipped[event.status() == EventStatus.REJECTED ? 0 : 1]++;
        }
      }, problems);
    } catch (CapturedEvents.Unreadable e) {
      err.println("--from: " + e.getMessage());
      return 2;
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("--from: " + p));
      err.println("--from: " + problems.size() + " line(s) are not recorded events; fix or remove them. Nothing written.");
      return 2;
    }
    Scrubber scrubber = new Scrubber();
    Map<Path, String> files = new LinkedHashMap<>();
    int width = Math.max(4, String.valueOf(accepted.size()).length());
    int n = 0;
    for (SyncEvent event : accepted) {
      n++;
      FormParams scrubbed = scrubber.scrub(event.params());
      SyncWebhook w = SyncWebhook.read(scrubbed);
      String type = w.eventType() == null ? "no_event_type" : w.eventType().replaceAll("[^A-Za-z0-9_-]", "_");
      files.put(out.resolve(String.format("%0" + width + "d-%s.json", n, type)), render(w, scrubbed));
    }
    if (!force) {
      for (Path file : files.keySet()) {
        if (Files.exists(file)) {
          err.println("--out: " + file + " exists; give --force to overwrite it, or another --out. Nothing written.");
          return 2;
        }
      }
    }
    try {
      Files.createDirectories(out);
      for (Map.Entry<Path, String> file : files.entrySet()) {
        Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println("--out: could not write to " + out + ": " + e.getMessage());
      return 2;
    }
    stdout.println("Wrote " + files.size() + " fixture file(s) to " + out + " from " + accepted.size() + " accepted event(s)"
        + (skipped[0] + skipped[1] == 0 ? "" : " (skipped " + skipped[0] + " rejected, " + skipped[1] + " duplicate)") + ".");
    stdout.println("Scrubbed: " + scrubber.sids.size() + " SID(s), " + scrubber.identities + " identit"
        + (scrubber.identities == 1 ? "y" : "ies") + ", " + scrubber.endpoints + " endpoint id(s), " + scrubber.emails
        + " e-mail address(es), " + scrubber.phones + " phone number(s); headers dropped.");
    return 0;
  }

  /** The fixtures jar's event file: eventType, canonicalType, dialect, confidence, params, body. */
  private static String render(SyncWebhook w, FormParams params) {
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.put("eventType", w.eventType());
    file.put("canonicalType", w.canonicalType() == null ? null : w.canonicalType().wireName());
    file.put("dialect", w.dialect() == null ? null : w.dialect().wireName());
    file.put("confidence", w.canonicalType() == null ? null : w.canonicalType().confidence().name());
    ObjectNode paramsNode = file.putObject("params");
    for (FormParams.Param p : params.asList()) {
      paramsNode.put(p.name(), p.value()); // a repeated name keeps its last value, as the jar's files hold one each
    }
    file.put("body", params.encode());
    try {
      return WRITER.writeValueAsString(file) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
