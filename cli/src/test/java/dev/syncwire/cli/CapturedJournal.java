package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import dev.syncwire.fixtures.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A journal written by a real {@code syncwire up} run: the official twilio-java SDK makes changes
 * on the fake, which posts signed webhooks to the receiver, which journals them; plus one
 * client-style webhook carrying an identity, an endpoint id, an e-mail address and a phone number.
 * Recorded once per test JVM (an {@code up} run takes seconds), copied for each test to break.
 */
final class CapturedJournal {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int EVENTS = 9;
  private static Path journal;
  private static String authToken;

  private CapturedJournal() {}

  static synchronized Path journal() {
    if (journal == null) {
      record();
    }
    return journal;
  }

  static synchronized String authToken() {
    journal();
    return authToken;
  }

  private static void record() {
    try {
      Path dir = Files.createTempDirectory("syncwire-captured");
      Path file = dir.resolve("events.jsonl");
      try (UpInProcess up = UpInProcess.start(dir, "--journal", file.toString())) {
        String service = up.service();
        // each webhook awaited before the next change: lanes are per object, so ids follow the calls only so
        List<Runnable> changes = List.of(
            () -> SyncMap.creator(service).setUniqueName("user-presence").create(up.client),
            () -> SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).create(up.client),
            () -> SyncMapItem.updater(service, "user-presence", "user-123").setData(Map.of("status", "away")).update(up.client),
            () -> SyncMapItem.updater(service, "user-presence", "user-123").setData(Map.of("status", "busy")).update(up.client),
            () -> SyncMapItem.deleter(service, "user-presence", "user-123").delete(up.client),
            () -> SyncList.creator(service).setUniqueName("activity-feed").create(up.client),
            () -> SyncListItem.creator(service, "activity-feed", Map.of("action", "login")).create(up.client),
            () -> SyncListItem.creator(service, "activity-feed", Map.of("action", "logout")).create(up.client),
            () -> assertThat(up.post(Webhooks.mapItemAdded().map("chat-presence").key("alice").itemRevision("0").eventId(1)
                .identity("alice@example.com").endpointId("a1b2c3-endpoint")
                .data("{\"email\":\"alice@example.com\",\"phone\":\"+14155550123\",\"who\":\"alice@example.com\"}"))
                .isSuccess()).isTrue());
        assertThat(changes).hasSize(EVENTS);
        for (int i = 0; i < changes.size(); i++) {
          changes.get(i).run();
          int recorded = i + 1;
          await().atMost(Duration.ofSeconds(10)).until(
              () -> JSON.readTree(up.http("GET", up.receiverUrl() + "/api/events")).path("count").asInt() == recorded);
        }
        authToken = up.authToken();
      }
      journal = file;
    } catch (Exception e) {
      throw new IllegalStateException("could not record a journal with syncwire up: " + e, e);
    }
  }

  /** The journal's event lines, as JSON objects to change. */
  static List<ObjectNode> lines() {
    try {
      List<ObjectNode> lines = new ArrayList<>();
      for (String line : Files.readAllLines(journal())) {
        JsonNode node = JSON.readTree(line);
        if (!line.isBlank() && !node.has("forwardOf")) {
          lines.add((ObjectNode) node);
        }
      }
      assertThat(lines).hasSize(EVENTS);
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line of the n-th event of {@code type} (from 0). */
  static ObjectNode line(List<ObjectNode> lines, String type, int nth) {
    return lines.stream().filter(l -> l.path("eventType").asText().equals(type)).skip(nth).findFirst().orElseThrow();
  }

  /** Writes {@code lines}, changed by {@code change}, as a journal in {@code dir}. */
  static Path write(Path dir, String name, Consumer<List<ObjectNode>> change) {
    List<ObjectNode> lines = lines();
    change.accept(lines);
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
