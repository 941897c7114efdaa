package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncwire fixtures --from}: a real {@code up} journal in, scrubbed fixture files out, which pass verify. */
class FixturesCommandTest {
  private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");

  @TempDir
  Path dir;

  @Test
  void fixturesFromARealJournalPassVerifyAndHoldNoOriginalSidOrPersonalValue() throws IOException {
    Path out = dir.resolve("fixtures");

    Cli cli = Cli.run("fixtures", "--from", CapturedJournal.journal().toString(), "--out", out.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).startsWith("Wrote " + CapturedJournal.EVENTS + " fixture file(s) to " + out + " from "
        + CapturedJournal.EVENTS + " accepted event(s).\nScrubbed: ")
        .contains("1 identity, 1 endpoint id(s), 0 e-mail address(es), 1 phone number(s); headers dropped.");
    List<Path> files = files(out);
    assertThat(files).hasSize(CapturedJournal.EVENTS);
    assertThat(files.get(0).getFileName()).hasToString("0001-map_created.json");
    assertThat(files.get(8).getFileName()).hasToString("0009-map_item_added.json");

    Cli verify = Cli.run("verify", out.toString(), "--dialect", "real");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).isEqualTo(CapturedJournal.EVENTS + " webhooks checked: no findings\n");

    Set<String> originalSids = sids(Files.readString(CapturedJournal.journal()));
    assertThat(originalSids).hasSizeGreaterThanOrEqualTo(5); // account, service, two maps, a list
    StringBuilder all = new StringBuilder();
    for (Path file : files) {
      all.append(Files.readString(file));
    }
    for (String sid : originalSids) {
      assertThat(all).as("original SID %s", sid).doesNotContain(sid);
    }
    assertThat(all).doesNotContain("alice@example.com", "+14155550123", "a1b2c3-endpoint", "X-Twilio-Signature",
        "I-Twilio-Idempotency-Token", CapturedJournal.authToken());

    // one SID, one replacement, in every file
    JsonNode created = CapturedJournal.JSON.readTree(files.get(0).toFile());
    JsonNode removed = CapturedJournal.JSON.readTree(files.get(4).toFile());
    assertThat(created.path("params").path("MapSid").asText())
        .isEqualTo(removed.path("params").path("MapSid").asText()).startsWith("MP").hasSize(34);
    JsonNode client = CapturedJournal.JSON.readTree(files.get(8).toFile());
    assertThat(client.path("params").path("Identity").asText()).isEqualTo("identity-1");
    assertThat(client.path("params").path("EndpointId").asText()).isEqualTo("endpoint-1");
    assertThat(client.path("params").path("ItemData").asText())
        .isEqualTo("{\"email\":\"identity-1\",\"phone\":\"+15550100001\",\"who\":\"identity-1\"}");
    // the jar's event file format
    assertThat(client.fieldNames()).toIterable()
        .containsExactly("eventType", "canonicalType", "dialect", "confidence", "params", "body");
  }

  @Test
  void refusesToOverwriteUnlessForced() throws IOException {
    Path out = dir.resolve("fixtures");
    assertThat(Cli.run("fixtures", "--from", CapturedJournal.journal().toString(), "--out", out.toString()).exitCode())
        .isZero();
    Files.writeString(out.resolve("0003-map_item_updated.json"), "mine");

    Cli again = Cli.run("fixtures", "--from", CapturedJournal.journal().toString(), "--out", out.toString());
    Cli forced = Cli.run("fixtures", "--from", CapturedJournal.journal().toString(), "--out", out.toString(), "--force");

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).isEqualTo("--out: " + out.resolve("0001-map_created.json")
        + " exists; give --force to overwrite it, or another --out. Nothing written.\n");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(Files.readString(out.resolve("0003-map_item_updated.json"))).contains("\"eventType\" : \"map_item_updated\"");
  }

  @Test
  void aMissingCaptureOrAFileAsOutIsUsageErrorTwo() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    Cli missing = Cli.run("fixtures", "--from", dir.resolve("none.jsonl").toString(), "--out", dir.resolve("o").toString());
    Cli outIsFile = Cli.run("fixtures", "--from", CapturedJournal.journal().toString(), "--out", file.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--from: " + dir.resolve("none.jsonl") + ": no such file or folder");
    assertThat(outIsFile.exitCode()).isEqualTo(2);
    assertThat(outIsFile.err()).contains("--out: " + file + " is a file; give a folder");
  }

  private static List<Path> files(Path out) throws IOException {
    try (Stream<Path> list = Files.list(out)) {
      return list.sorted().toList();
    }
  }

  private static Set<String> sids(String text) {
    Set<String> sids = new TreeSet<>();
    Matcher m = SID.matcher(text);
    while (m.find()) {
      sids.add(m.group());
    }
    return sids;
  }
}
