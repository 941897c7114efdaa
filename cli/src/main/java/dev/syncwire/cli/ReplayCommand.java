package dev.syncwire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.JournalReader;
import dev.syncwire.receiver.internal.http.EventFilters;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
      "Oldest first, each with the exact body bytes and content type that arrived;",
      "an event that cannot go out byte for byte says why. Choose them by --id and",
      "by the query API's filters (--type --object --key --index --status --since).",
      "With --auth-token or --signing-key each is re-signed for --to; without",
      "either the recorded X-Twilio-Signature is sent, which verifies only at the",
      "URL Twilio signed.",
      "One line per event, then a summary.",
      "Exit code 1 if any was not answered 2xx, 2 on a usage error.",
      ""
    },
    footer = {"",
      "Examples:",
      "  syncwire replay --journal events.jsonl --to http://localhost:3000/sync \\",
      "      --auth-token $TWILIO_AUTH_TOKEN",
      "  syncwire replay --from http://127.0.0.1:8080 --type map_item_removed \\",
      "      --to http://localhost:3000/sync",
      "  syncwire replay --journal events.jsonl --id 3,5-9 --to http://localhost:3000/sync",
      "  syncwire replay --journal events.jsonl --object user-presence --since 2026-12-05T09:00:00Z \\",
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
    @Option(names = "--journal", paramLabel = "FILE", required = true, converter = OptionValues.JournalFile.class,
        description = "A receiver's JSON Lines journal (syncwire receive --journal).")
    Path journal;

    @Option(names = "--from", paramLabel = "URL", required = true,
        description = "A running receiver, e.g. http://127.0.0.1:8080: reads its GET /api/events (the newest 1,000).")
    URI from;
  }

  @Option(names = "--to", paramLabel = "URL", required = true, description = "Where to POST each event.")
  String to;

  @CommandLine.Mixin
  SigningOptions signing = new SigningOptions();

  @Option(names = "--id", paramLabel = "IDS", split = ",", converter = IdRanges.Converter.class,
      description = "Only these event ids: 3,5-9 (repeatable).")
  List<IdRanges> ids = new ArrayList<>();

  @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type (either dialect's name).")
  String type;

  @Option(names = "--object", paramLabel = "NAME", description = "Only events on this object (unique name or SID).")
  String object;

  @Option(names = "--key", paramLabel = "KEY", description = "Only events on this map item key.")
  String key;

  @Option(names = "--index", paramLabel = "N", description = "Only events on this list item index.")
  String index;

  @Option(names = "--since", paramLabel = "ID|INSTANT",
      description = "Only events after this event id, or received at or after this ISO-8601 instant.")
  String since;

  @Option(names = "--status", paramLabel = "STATUS", defaultValue = "accepted",
      description = "accepted (default), rejected, duplicate or all.")
  String status;

  @CommandLine.Mixin
  TimeoutOption timeout = new TimeoutOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!List.of("accepted", "rejected", "duplicate", "all").contains(status.toLowerCase(Locale.ROOT))) {
      err.println("--status must be accepted, rejected, duplicate or all; received '" + status + "'");
      return 2;
    }
    Map<String, List<String>> filters = filters();
    EventQuery query;
    try {
      query = EventFilters.parse(filters, Integer.MAX_VALUE);
    } catch (EventFilters.InvalidFilter e) {
      err.println("--" + e.field() + ": " + e.getMessage());
      return 2;
    }
    WebhookSender sender;
    try {
      sender = WebhookSender.to(to).authToken(signing.token(syncwire)).signingKey(signing.signingKey).timeout(timeout.timeout);
    } catch (IllegalArgumentException e) {
      err.println("--to: " + e.getMessage());
      return 2;
    }
    Predicate<SyncEvent> wanted = e -> query.matches(e) && (ids.isEmpty() || IdRanges.anyContains(ids, e.id()));
    Replay replay = new Replay(sender, out, err);
    long read;
    try {
      if (source.journal != null) {
        // streamed, in journal (= id) order: one event in memory at a time, however long the journal
        read = readJournal(source.journal, e -> {
          if (wanted.test(e)) {
            replay.send(e);
          }
        }, err);
      } else {
        List<SyncEvent> events = readReceiver(source.from, filters);
        read = events.size();
        events.stream().filter(wanted).sorted(Comparator.comparingLong(SyncEvent::id)).forEach(replay::send);
      }
    } catch (UncheckedIOException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    String from = source.journal != null ? source.journal.toString() : source.from.toString();
    if (replay.chosen == 0) {
      out.println("No recorded events match (" + read + " read from " + from + ", " + describe(filters) + "). Nothing sent.");
      return 0;
    }
    out.println("Replayed " + (replay.ok + replay.failed) + " of " + replay.chosen + " event(s) to " + to + ": " + replay.ok
        + " answered 2xx, " + replay.failed + " did not"
        + (replay.unsendable == 0 ? "" : ", " + replay.unsendable + " could not be sent (no recorded body)")
        + (replay.notSent == 0 ? "" : ", " + replay.notSent + " not sent (stopped at the first connection failure)") + ".");
    return replay.failed == 0 && replay.notSent == 0 && replay.unsendable == 0 ? 0 : 1;
  }

  /** The flags as the query API's filters (status {@code all} is no filter). */
  private Map<String, List<String>> filters() {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    BiConsumer<String, String> put = (name, value) -> {
      if (value != null) {
        filters.put(name, List.of(value));
      }
    };
    put.accept("type", type);
    put.accept("object", object);
    put.accept("key", key);
    put.accept("index", index);
    put.accept("since", since);
    put.accept("status", status.equalsIgnoreCase("all") ? null : status.toLowerCase(Locale.ROOT));
    return filters;
  }

  private String describe(Map<String, List<String>> filters) {
    StringBuilder sb = new StringBuilder(status.equalsIgnoreCase("all") ? "any status" : "");
    filters.forEach((name, values) -> sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(values.get(0)));
    if (!ids.isEmpty()) {
      sb.append(", ids ").append(ids.stream().map(IdRanges::toString).collect(Collectors.joining(",")));
    }
    return sb.toString();
  }

  /** Sends chosen events one at a time and counts how each went; says per event what is not byte-exact. */
  private final class Replay {
    final WebhookSender sender;
    final PrintWriter out;
    final PrintWriter err;
    final Set<String> warnedSignedFor = new TreeSet<>();
    long chosen;
    long ok;
    long failed;
    long notSent;
    long unsendable;

    Replay(WebhookSender sender, PrintWriter out, PrintWriter err) {
      this.sender = sender;
      this.out = out;
      this.err = err;
    }

    void send(SyncEvent event) {
      chosen++;
      String label = "#" + event.id() + " " + event.webhook();
      if (notSent > 0) {
        notSent++;
        return;
      }
      RawRequest request = event.request();
      if (request.body().length == 0) {
        unsendable++;
        out.println(label + " -> not sent: its body was not recorded"
            + (event.errors().isEmpty() ? "" : " (" + event.errors().get(0).message() + ")"));
        out.flush();
        return;
      }
      String note = notExact(event);
      warnAboutSignature(event);
      try {
        WebhookSender.Result result = sender.sendRaw(request);
        if (result.isSuccess()) {
          ok++;
          out.println(label + " -> " + result + note);
        } else {
          failed++;
          out.println(label + " -> " + result + note + "  " + oneLine(result.body()));
        }
      } catch (UncheckedIOException e) {
        notSent++;
        out.println(label + " -> not sent: " + e.getMessage());
      }
      out.flush();
    }

    /** What differs from the request that arrived, beyond the URL and the hop's own headers; empty when nothing. */
    private String notExact(SyncEvent event) {
      if (event.request().isJson() && signing.signs(syncwire)) {
        return "  (not byte-exact: a JSON body, " + event.request().body().length + " bytes as recorded, but Twilio signs a JSON"
            + " body through ?bodySHA256= on the URL, so the URL gains one)";
      }
      if (event.request().isJson()) {
        return "  (a JSON body, sent byte for byte; Twilio itself sends Sync webhooks form-encoded)";
      }
      return "";
    }

    private void warnAboutSignature(SyncEvent e) {
      if (!signing.signs(syncwire) && e.signatureUrl() != null && !e.signatureUrl().equals(to) && warnedSignedFor.add(e.signatureUrl())) {
        err.println("note: sending the recorded signatures, made for " + e.signatureUrl()
            + "; they will not verify at " + to + ". Give --auth-token to re-sign for it.");
        err.flush();
      }
    }
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

  /** The receiver's {@code GET /api/events} with the same filters: it applies them by the same rules. */
  private List<SyncEvent> readReceiver(URI base, Map<String, List<String>> filters) {
    String query = filters.entrySet().stream()
        .map(f -> f.getKey() + "=" + URLEncoder.encode(f.getValue().get(0), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&", filters.isEmpty() ? "" : "?", ""));
    URI url = URI.create(base.toString().replaceAll("/+$", "") + "/api/events" + query);
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout.timeout).build();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(timeout.timeout).GET().build(),
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
