package dev.syncwire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.receiver.JournalReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncwire replay}: re-sends recorded webhooks, byte for byte, to a URL. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-send recorded Sync webhooks to your handler, byte for byte.",
      "Oldest first, each with the exact body bytes and content type that arrived.",
      "With --auth-token each is re-signed for --to; without one the recorded",
      "X-Twilio-Signature is sent, which verifies only at the URL Twilio signed.",
      "One line per event, then a summary.",
      "Exit code 1 if any was not answered 2xx, 2 on a usage error.",
      ""
    },
    footer = {"",
      "Examples:",
      "  syncwire replay --journal events.jsonl --to http://localhost:3000/sync \\",
      "      --auth-token $TWILIO_AUTH_TOKEN",
      "  syncwire replay --from http://127.0.0.1:8080 --type map_item_removed \\",
      "      --to http://localhost:3000/sync"})
final class ReplayCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  SyncwireCommand syncwire;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--journal", paramLabel = "FILE", required = true,
        description = "A receiver's JSON Lines journal (syncwire receive --journal).")
    Path journal;

    @Option(names = "--from", paramLabel = "URL", required = true,
        description = "A running receiver, e.g. http://127.0.0.1:8080: reads its GET /api/events (the newest 1,000).")
    URI from;
  }

  @Option(names = "--to", paramLabel = "URL", required = true, description = "Where to POST each event.")
  String to;

  @Option(names = "--auth-token", paramLabel = "TOKEN",
      description = "Re-sign each event for --to with this token. Defaults to $TWILIO_AUTH_TOKEN; else the recorded signature is sent.")
  String authToken;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type (either dialect's name).")
  String type;

  @Option(names = "--object", paramLabel = "NAME", description = "Only events on this object (unique name or SID).")
  String object;

  @Option(names = "--id", paramLabel = "N", split = ",", description = "Only these event ids (repeatable, or comma-separated).")
  List<Long> ids = new ArrayList<>();

  @Option(names = "--status", paramLabel = "STATUS", defaultValue = "accepted",
      description = "accepted (default), rejected, duplicate or all.")
  String status;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10S", converter = TriggerCommand.DurationConverter.class,
      description = "Connect and answer time-out per event. Default: 10 s.")
  Duration timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EventStatus wanted;
    if (status.equalsIgnoreCase("all")) {
      wanted = null;
    } else {
      try {
        wanted = EventStatus.fromWireName(status.toLowerCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        err.println("--status must be accepted, rejected, duplicate or all; received '" + status + "'");
        return 2;
      }
    }
    if (type != null && EventType.fromWireName(type).isEmpty()) {
      err.println("--type '" + type + "' is not a Sync event type; use one of " + new TreeSet<>(EventType.knownNames()));
      return 2;
    }
    WebhookSender sender;
    try {
      sender = WebhookSender.to(to).authToken(token()).timeout(timeout);
    } catch (IllegalArgumentException e) {
      err.println("--to: " + e.getMessage());
      return 2;
    }

    Set<Long> idSet = new LinkedHashSet<>(ids);
    Predicate<SyncEvent> wantedEvent = e -> (wanted == null || e.status() == wanted)
        && (type == null || e.isType(type))
        && (object == null || e.isObject(object))
        && (idSet.isEmpty() || idSet.contains(e.id()));
    List<SyncEvent> chosen = new ArrayList<>();
    long read;
    try {
      if (source.journal != null) {
        // streamed: only the chosen events are held, however long the journal
        read = readJournal(source.journal, e -> {
          if (wantedEvent.test(e)) {
            chosen.add(e);
          }
        }, err);
      } else {
        List<SyncEvent> events = readReceiver(source.from);
        read = events.size();
        events.stream().filter(wantedEvent).forEach(chosen::add);
      }
    } catch (UncheckedIOException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    chosen.sort(Comparator.comparingLong(SyncEvent::id));
    String from = source.journal != null ? source.journal.toString() : source.from.toString();
    if (chosen.isEmpty()) {
      out.println("No recorded events match (" + read + " read from " + from + ", status "
          + status + (type == null ? "" : ", type " + type) + (object == null ? "" : ", object " + object)
          + (idSet.isEmpty() ? "" : ", ids " + idSet) + "). Nothing sent.");
      return 0;
    }
    warnAboutSignatures(err, chosen);

    int ok = 0;
    int failed = 0;
    int notSent = 0;
    for (SyncEvent event : chosen) {
      String label = "#" + event.id() + " " + event.webhook();
      if (notSent > 0) {
        notSent++;
        continue;
      }
      try {
        WebhookSender.Result result = sender.sendRaw(event.request());
        if (result.isSuccess()) {
          ok++;
          out.println(label + " -> " + result);
        } else {
          failed++;
          out.println(label + " -> " + result + "  " + oneLine(result.body()));
        }
      } catch (UncheckedIOException e) {
        notSent++;
        out.println(label + " -> not sent: " + e.getMessage());
      }
      out.flush();
    }
    out.println("Replayed " + (ok + failed) + " of " + chosen.size() + " event(s) to " + to + ": " + ok + " answered 2xx, "
        + failed + " did not" + (notSent == 0 ? "" : ", " + notSent + " not sent (stopped at the first connection failure)")
        + ".");
    return failed == 0 && notSent == 0 ? 0 : 1;
  }

  private void warnAboutSignatures(PrintWriter err, List<SyncEvent> events) {
    if (token() != null) {
      return;
    }
    Set<String> signedFor = new TreeSet<>();
    for (SyncEvent e : events) {
      if (e.signatureUrl() != null && !e.signatureUrl().equals(to)) {
        signedFor.add(e.signatureUrl());
      }
    }
    if (!signedFor.isEmpty()) {
      err.println("note: sending the recorded signatures, made for " + String.join(", ", signedFor)
          + "; they will not verify at " + to + ". Give --auth-token to re-sign for it.");
      err.flush();
    }
  }

  private String token() {
    if (authToken != null) {
      return authToken.isEmpty() ? null : authToken;
    }
    return syncwire.environmentValue(ReceiveCommand.TOKEN_VARIABLE);
  }

  /** Streams the journal's events to {@code each} through the receiver's journal reader; returns how many. */
  static long readJournal(Path journal, Consumer<SyncEvent> each, PrintWriter err) {
    try {
      // A torn last line after a crash, say, is skipped and named; the rest is still worth replaying.
      return JournalReader.forEach(journal, each,
          (lineNumber, problem) -> err.println("skipped " + journal + ":" + lineNumber + ": " + problem));
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("no journal at " + journal.toAbsolutePath()
          + "; record one with: syncwire receive --journal " + journal, e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the journal " + journal + ": " + e.getMessage(), e);
    }
  }

  private List<SyncEvent> readReceiver(URI base) {
    String query = "";
    if (type != null) {
      query = "?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8);
    }
    URI url = URI.create(base.toString().replaceAll("/+$", "") + "/api/events" + query);
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException("GET " + url + " answered " + response.statusCode() + ": " + oneLine(response.body())
            + "; is --from a syncwire receiver?");
      }
      JsonNode page = JSON.readTree(response.body());
      List<SyncEvent> events = new ArrayList<>();
      for (JsonNode node : page.path("events")) {
        events.add(SyncEventJson.read(node));
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read events from " + url + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is syncwire receive running there?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while reading " + url);
    }
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
