package dev.syncwire.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.JournalReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads captured webhooks from what users have, telling the kinds apart by their content: a
 * receiver's journal (JSON Lines; forward lines passed over), a JSON array of recorded events or
 * {@code /api/events}' answer, one fixture file, or a folder of fixture files (the fixtures jar's
 * {@code events/.../*.json} and {@code patterns/*.json} shapes). Events go to the sink in the order
 * they were sent (ids ascending; file names sorted in a folder).
 */
final class CapturedEvents {
  private static final ObjectMapper JSON =
      new ObjectMapper(JsonFactory.builder().streamReadConstraints(SyncEventJson.READ_LIMITS).build());

  /** Where an event was read: the file as the user named it, and its line in a journal (else null). */
  interface Sink {
    void accept(SyncEvent event, String file, Long line);
  }

  /** A file or line that is not a capture: the message names it, the rule and what was there. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  private CapturedEvents() {}

  /**
   * Reads {@code path} into {@code sink}; journal lines that are not events are added to
   * {@code problems} (as {@code file:line: why}) and the read goes on.
   *
   * @throws Unreadable when the file is missing, unreadable or none of the known kinds
   */
  static void read(Path path, Sink sink, List<String> problems) throws Unreadable {
    String name = path.toString();
    if (Files.isDirectory(path)) {
      readFolder(path, sink);
      return;
    }
    if (!Files.exists(path)) {
      throw new Unreadable(name + ": no such file or folder");
    }
    String firstLine;
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      firstLine = reader.readLine();
      while (firstLine != null && firstLine.isBlank()) {
        firstLine = reader.readLine();
      }
    } catch (IOException e) {
      throw new Unreadable(name + ": cannot be read (" + e.getMessage() + ")");
    }
    if (firstLine == null) {
      throw new Unreadable(name + ": the file is empty; expected a journal (JSON Lines), a JSON array of events"
          + " or a fixture file");
    }
    JsonNode first = parseOrNull(firstLine);
    if (first != null && first.isObject() && first.has("id") && first.has("status") && !first.has("events")) {
      readJournal(path, sink, problems);
      return;
    }
    JsonNode whole;
    try {
      whole = JSON.readTree(path.toFile());
    } catch (JsonParseException e) {
      throw new Unreadable(name + ":" + e.getLocation().getLineNr() + ": not JSON ("
          + e.getOriginalMessage() + "); expected a journal (JSON Lines), a JSON array of events or a fixture file");
    } catch (IOException e) {
      throw new Unreadable(name + ": cannot be read (" + e.getMessage() + ")");
    }
    readDocument(whole, name, sink);
  }

  private static void readJournal(Path path, Sink sink, List<String> problems) throws Unreadable {
    String name = path.toString();
    try {
      // an event is located by the id the receiver gave it; a line that is no event, by its number
      JournalReader.forEach(path, event -> sink.accept(event, name, null),
          (lineNumber, problem) -> problems.add(name + ":" + lineNumber + ": " + problem));
    } catch (NoSuchFileException e) {
      throw new Unreadable(name + ": no such file");
    } catch (IOException e) {
      throw new Unreadable(name + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** An array of recorded events, {@code /api/events}' page, or one fixture file. */
  private static void readDocument(JsonNode doc, String name, Sink sink) throws Unreadable {
    if (doc.isObject() && doc.path("events").isArray()) {
      readEventArray(doc.get("events"), name, sink);
    } else if (doc.isArray()) {
      readEventArray(doc, name, sink);
    } else if (doc.isObject() && (doc.path("params").isObject() || doc.path("webhooks").isArray())) {
      readFixture(doc, name, sink);
    } else {
      throw new Unreadable(name + ": not a capture syncwire knows; expected a journal (JSON Lines, as receive --journal"
          + " writes), a JSON array of events (as GET /api/events answers) or a fixture file ({\"params\":{...}})");
    }
  }

  private static void readEventArray(JsonNode array, String name, Sink sink) throws Unreadable {
    List<SyncEvent> events = new ArrayList<>();
    int index = 0;
    for (JsonNode node : array) {
      index++;
      try {
        events.add(SyncEventJson.read(node));
      } catch (RuntimeException e) {
        throw new Unreadable(name + ": event " + index + " of the array: " + e.getMessage());
      }
    }
    // /api/events answers newest first; order is checked in the order they were sent
    events.sort(Comparator.comparingLong(SyncEvent::id));
    events.forEach(e -> sink.accept(e, name, null));
  }

  private static void readFolder(Path folder, Sink sink) throws Unreadable {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new Unreadable(folder + ": cannot be listed (" + e.getMessage() + ")");
    }
    if (files.isEmpty()) {
      throw new Unreadable(folder + ": holds no .json fixture files");
    }
    for (Path file : files) {
      JsonNode doc;
      try {
        doc = JSON.readTree(file.toFile());
      } catch (JsonParseException e) {
        throw new Unreadable(file + ":" + e.getLocation().getLineNr() + ": not JSON (" + e.getOriginalMessage() + ")");
      } catch (IOException e) {
        throw new Unreadable(file + ": cannot be read (" + e.getMessage() + ")");
      }
      if (doc.isArray() && !doc.isEmpty() && doc.get(0).has("type") && !doc.get(0).has("params")) {
        continue; // the jar's events/index.json: a table of contents, not webhooks
      }
      readDocument(doc, file.toString(), sink);
    }
  }

  /** A fixture's {@code params} (a pattern's {@code webhooks[].params}) as a recorded event with no headers. */
  private static void readFixture(JsonNode doc, String name, Sink sink) throws Unreadable {
    if (doc.path("params").isObject()) {
      sink.accept(fixtureEvent(doc.get("params"), name), name, null);
      return;
    }
    int index = 0;
    for (JsonNode webhook : doc.get("webhooks")) {
      index++;
      if (!webhook.path("params").isObject()) {
        throw new Unreadable(name + ": webhooks[" + (index - 1) + "] has no \"params\" object");
      }
      sink.accept(fixtureEvent(webhook.get("params"), name + "[" + index + "]"), name + "[" + index + "]", null);
    }
  }

  private static SyncEvent fixtureEvent(JsonNode paramsNode, String name) throws Unreadable {
    List<FormParams.Param> params = new ArrayList<>();
    for (java.util.Iterator<Map.Entry<String, JsonNode>> fields = paramsNode.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isArray()) {
        for (JsonNode v : value) {
          params.add(new FormParams.Param(field.getKey(), v.asText()));
        }
      } else if (value.isValueNode() && !value.isNull()) {
        params.add(new FormParams.Param(field.getKey(), value.asText()));
      } else {
        throw new Unreadable(name + ": params." + field.getKey() + " must be a string (Twilio sends every parameter"
            + " as text); received " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    FormParams form = FormParams.of(params);
    RawRequest request = new RawRequest("POST", "/webhooks", "application/x-www-form-urlencoded", Map.of(),
        form.encode().getBytes(StandardCharsets.UTF_8));
    return new SyncEvent(0, Instant.EPOCH, EventStatus.ACCEPTED, SyncWebhook.read(form), request,
        SignatureVerdict.UNCHECKED, null, null, List.of());
  }

  private static JsonNode parseOrNull(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }
}
