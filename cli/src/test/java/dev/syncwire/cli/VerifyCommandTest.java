package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncwire verify} on a journal a real {@code up} run wrote, and on copies broken one way each. */
class VerifyCommandTest {
  @TempDir
  Path dir;

  @Test
  void aCleanJournalFromARealUpRunPassesWithItsSignaturesChecked() {
    Cli cli = Cli.run("verify", CapturedJournal.journal().toString(), "--auth-token", CapturedJournal.authToken(),
        "--dialect", "real");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).isEqualTo(CapturedJournal.EVENTS + " webhooks checked: no findings\n");
  }

  @Test
  void aMissingParameterIsOneLineNamingTheEventAndTheParameter() {
    Path broken = CapturedJournal.write(dir, "missing.jsonl",
        lines -> params(CapturedJournal.line(lines, "map_item_updated", 0)).remove("ItemKey"));

    Cli cli = Cli.run("verify", broken.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out()).isEqualTo(
        "#3 map_item_updated user-presence: ItemKey is required on every map_item_updated event but is missing\n"
            + CapturedJournal.EVENTS + " webhooks checked: 1 finding (1 error)\n");
  }

  @Test
  void aBadSidIsNamedWithWhatWasReceived() {
    Path broken = CapturedJournal.write(dir, "sid.jsonl",
        lines -> params(CapturedJournal.line(lines, "map_item_added", 0)).put("MapSid", "MP123"));

    Cli cli = Cli.run("verify", broken.toString());

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).contains("#2 map_item_added user-presence/user-123: MapSid must be a Map SID: 'MP' followed"
        + " by 32 hex digits (34 characters); received 'MP123' (5 characters)\n");
  }

  @Test
  void dataThatIsNotJsonIsFound() {
    Path broken = CapturedJournal.write(dir, "data.jsonl",
        lines -> params(CapturedJournal.line(lines, "list_item_added", 1)).put("ItemData", "{action: logout"));

    Cli cli = Cli.run("verify", broken.toString());

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).contains("#8 list_item_added activity-feed/1: ItemData must be JSON text (Twilio sends data as"
        + " a JSON string); it does not parse (");
  }

  @Test
  void aChangedWebhookOrAWrongTokenFailsTheSignatureCheckAsASecurityFinding() {
    Path tampered = CapturedJournal.write(dir, "tampered.jsonl",
        lines -> params(CapturedJournal.line(lines, "map_item_updated", 1)).put("ItemData", "{\"status\":\"hacked\"}"));

    Cli cli = Cli.run("verify", tampered.toString(), "--auth-token", CapturedJournal.authToken());
    Cli wrongToken = Cli.run("verify", CapturedJournal.journal().toString(), "--auth-token", "not-the-token");
    Cli unsigned = Cli.run("verify", CapturedJournal.write(dir, "unsigned.jsonl",
        lines -> ((ObjectNode) lines.get(0).get("headers")).remove("X-Twilio-Signature")).toString(),
        "--auth-token", CapturedJournal.authToken());

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).startsWith("#4 map_item_updated user-presence/user-123: X-Twilio-Signature does not match"
        + " HMAC-SHA1 with the auth token over http://127.0.0.1:")
        .endsWith(CapturedJournal.EVENTS + " webhooks checked: 1 finding (1 security)\n");
    assertThat(wrongToken.out()).contains(CapturedJournal.EVENTS + " findings (" + CapturedJournal.EVENTS + " security)");
    assertThat(unsigned.out()).startsWith("#1 map_created user-presence: no X-Twilio-Signature header was recorded;");
  }

  @Test
  void eventIdGapsRepeatsAndOrderArePerObject() {
    Path gap = CapturedJournal.write(dir, "gap.jsonl", lines -> lines.remove(CapturedJournal.line(lines, "map_item_updated", 0)));
    Path repeat = CapturedJournal.write(dir, "repeat.jsonl", lines -> {
      ObjectNode again = CapturedJournal.line(lines, "map_item_updated", 0).deepCopy();
      again.put("id", 30);
      lines.add(3, again);
    });
    Path order = CapturedJournal.write(dir, "order.jsonl", lines -> {
      ObjectNode first = CapturedJournal.line(lines, "list_item_added", 0);
      lines.remove(first);
      lines.add(first);
    });

    Cli gapped = Cli.run("verify", gap.toString());
    Cli repeated = Cli.run("verify", repeat.toString());
    Cli reordered = Cli.run("verify", order.toString());

    assertThat(gapped.exitCode()).isEqualTo(1);
    assertThat(gapped.out()).isEqualTo("#4 map_item_updated user-presence/user-123: EventId 3 follows EventId 1 (#2) for"
        + " map user-presence: 1 event (EventId 2) is missing\n8 webhooks checked: 1 finding (1 error)\n");
    assertThat(repeated.out()).startsWith("#30 map_item_updated user-presence/user-123: EventId 2 again: #3 already"
        + " carried it for map user-presence; each item event of an object has its own EventId\n");
    assertThat(reordered.out()).startsWith("#7 list_item_added activity-feed/0: EventId 1 arrives after EventId 2 (#8)"
        + " for list activity-feed: out of order\n");
  }

  @Test
  void revisionsAreComparedAsHexNumbersSoTenFollowsF() {
    Path grows = CapturedJournal.write(dir, "grows.jsonl", lines -> {
      params(CapturedJournal.line(lines, "map_item_updated", 0)).put("ItemRevision", "f");
      params(CapturedJournal.line(lines, "map_item_updated", 1)).put("ItemRevision", "10");
      params(CapturedJournal.line(lines, "map_item_removed", 0)).put("ItemRevision", "10");
    });
    Path back = CapturedJournal.write(dir, "back.jsonl", lines -> {
      params(CapturedJournal.line(lines, "map_item_updated", 0)).put("ItemRevision", "1a");
      params(CapturedJournal.line(lines, "map_item_updated", 1)).put("ItemRevision", "f");
    });

    Cli grew = Cli.run("verify", grows.toString());
    Cli wentBack = Cli.run("verify", back.toString());

    assertThat(grew.exitCode()).as(grew.toString()).isZero(); // "10" < "f" as text, 16 > 15 as hex
    assertThat(wentBack.exitCode()).isEqualTo(1);
    assertThat(wentBack.out()).startsWith("#4 map_item_updated user-presence/user-123: ItemRevision 'f' goes back from"
        + " '1a' (#3) for map user-presence/user-123; revisions only grow (compared as hex numbers)\n");
  }

  @Test
  void theSeedsEventNamesAreFindingsOnlyWithDialectReal() {
    // the first map_item_added as a handler written from the seed document would expect it
    Path seed = CapturedJournal.write(dir, "seed.jsonl", lines -> {
      ObjectNode added = CapturedJournal.line(lines, "map_item_added", 0);
      ObjectNode real = params(added);
      ObjectNode seedParams = added.putObject("params");
      seedParams.put("AccountSid", real.get("AccountSid").asText());
      seedParams.put("ServiceSid", real.get("ServiceSid").asText());
      seedParams.put("EventType", "map_item_created");
      seedParams.put("ResourceSid", real.get("MapSid").asText());
      seedParams.put("UniqueName", "user-presence");
      seedParams.put("DateCreated", "2026-12-05T09:00:00Z");
      seedParams.put("Data", real.get("ItemData").asText());
      seedParams.put("ItemKey", "user-123");
      added.remove("body");
    });

    Cli any = Cli.run("verify", seed.toString());
    Cli real = Cli.run("verify", seed.toString(), "--dialect", "real");

    assertThat(any.exitCode()).as(any.toString()).isZero();
    assertThat(real.exitCode()).isEqualTo(1);
    assertThat(real.out()).isEqualTo("#2 map_item_created user-presence/user-123: Twilio sends map_item_added, not"
        + " map_item_created (the seed document's name)\n"
        + "#2 map_item_created user-presence/user-123: carries the seed document's ResourceSid (Twilio sends MapSid),"
        + " UniqueName (Twilio sends MapUniqueName), DateCreated (Twilio sends no such parameter), Data (Twilio sends"
        + " ItemData); no Twilio source shows these\n"
        + CapturedJournal.EVENTS + " webhooks checked: 2 findings (2 error)\n");
  }

  @Test
  void formatJsonIsOneDocumentCiCanGateOn() throws Exception {
    Path broken = CapturedJournal.write(dir, "missing.jsonl",
        lines -> params(CapturedJournal.line(lines, "map_item_removed", 0)).remove("ItemKey"));

    Cli bad = Cli.run("verify", broken.toString(), "--format", "json");
    Cli clean = Cli.run("verify", CapturedJournal.journal().toString(), "--format", "json");

    assertThat(bad.exitCode()).isEqualTo(1);
    JsonNode doc = CapturedJournal.JSON.readTree(bad.out());
    assertThat(doc.path("tool").asText()).isEqualTo("verify");
    assertThat(doc.path("findings")).hasSize(1);
    JsonNode finding = doc.path("findings").get(0);
    assertThat(finding.path("severity").asText()).isEqualTo("error");
    assertThat(finding.path("code").asText()).isEqualTo("required");
    assertThat(finding.path("message").asText()).isEqualTo("ItemKey is required on every map_item_removed event but is missing");
    assertThat(finding.path("location").path("eventId").asLong()).isEqualTo(5);
    assertThat(finding.path("location").path("file").asText()).isEqualTo(broken.toString());
    assertThat(doc.path("summary").path("checked").asInt()).isEqualTo(CapturedJournal.EVENTS);
    assertThat(doc.path("summary").path("clean").asBoolean()).isFalse();
    assertThat(clean.exitCode()).isZero();
    assertThat(CapturedJournal.JSON.readTree(clean.out()).path("summary").path("clean").asBoolean()).isTrue();
  }

  @Test
  void anArrayOfEventsAsTheQueryApiAnswersNewestFirstIsReadInIdOrder() throws Exception {
    List<ObjectNode> lines = CapturedJournal.lines();
    ObjectNode page = CapturedJournal.JSON.createObjectNode();
    page.put("count", lines.size());
    java.util.Collections.reverse(lines);
    page.putArray("events").addAll(lines);
    Path file = Files.writeString(dir.resolve("events.json"), CapturedJournal.JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(page));

    Cli cli = Cli.run("verify", file.toString(), "--auth-token", CapturedJournal.authToken());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
  }

  @Test
  void badInputExitsTwoNamingTheFileAndLine() throws Exception {
    Path torn = Files.writeString(dir.resolve("torn.jsonl"),
        Files.readString(CapturedJournal.journal()) + "{\"id\":99,\"status\":\"accep\n");
    Path notACapture = Files.writeString(dir.resolve("notes.json"), "{\"hello\":1}");

    Cli tornLine = Cli.run("verify", torn.toString());
    Cli missing = Cli.run("verify", dir.resolve("nope.jsonl").toString());
    Cli unknown = Cli.run("verify", notACapture.toString());
    Cli format = Cli.run("verify", CapturedJournal.journal().toString(), "--format", "xml");
    Cli none = Cli.run("verify");

    assertThat(tornLine.exitCode()).isEqualTo(2);
    assertThat(tornLine.err()).contains("syncwire verify: " + torn + ":" + (CapturedJournal.EVENTS + 1) + ": ");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains(dir.resolve("nope.jsonl") + ": no such file or folder");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains(notACapture + ": not a capture syncwire knows; expected a journal");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).startsWith("Invalid value for option '--format': 'xml' is not a format;"
        + " give text (for people) or json (one document, for CI)");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("Missing required parameter: 'FILE'");
  }

  private static ObjectNode params(ObjectNode line) {
    return (ObjectNode) line.get("params");
  }
}
