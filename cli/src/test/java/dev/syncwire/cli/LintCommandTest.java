package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncwire lint} on the seed's own patterns (copied verbatim), and on corrected versions of them. */
class LintCommandTest {
  private static final Path LINT = Path.of("src/test/resources/lint");

  @Test
  void theSeedsErrorHandlingPatternNamesBothWrongCodesOnTheirLines() {
    Cli cli = Cli.run("lint", LINT.resolve("seed/error-handling.js").toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out()).contains("error-handling.js:9:24: seed_error_code: 54007 is compared as the seed's \"Document not found\"")
        .contains("check HTTP 404 with code 20404")
        .contains("error-handling.js:17:24: seed_error_code: 54302 is compared as the seed's \"Unique name already exists\"")
        .contains("54302 is an invalid unique name")
        .contains("check HTTP 409 with code 54301")
        .endsWith("lint: 2 findings in 1 of 1 file\n");
  }

  @Test
  void theSeedsEventNamesAreNamedWithTheRealOnes() {
    Cli cli = Cli.run("lint", LINT.resolve("seed/webhook-switch.js").toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(lines(cli)).containsExactly(
        "webhook-switch.js:6:10: seed_event_name: list_item_created",
        "webhook-switch.js:8:10: seed_event_name: map_item_created",
        "webhook-switch.js:13:27: seed_event_name: map_item_created");
    assertThat(cli.out()).contains("compare with list_item_added (confirmed").contains("compare with map_item_added (corroborated");
  }

  @Test
  void javaAndTypeScriptAreReadToo() {
    Cli cli = Cli.run("lint", LINT.resolve("seed/SyncErrors.java").toString(), LINT.resolve("seed/events.ts").toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(lines(cli)).containsExactly(
        "SyncErrors.java:6:27: seed_error_code: 54007",
        "SyncErrors.java:6:44: seed_error_code: 54008",
        "SyncErrors.java:6:51: seed_error_code: 54012",
        "SyncErrors.java:11:12: seed_error_code: 54302",
        "SyncErrors.java:14:16: seed_event_name: map_item_created",
        "events.ts:3:3: seed_event_name: list_item_created",
        "events.ts:6:11: seed_error_code: 54007",
        "events.ts:6:18: seed_error_code: 54009",
        "events.ts:6:52: seed_error_code: 54011");
  }

  @Test
  void theCorrectedCodeAndTheSeedsNumbersInCommentsAndStringsAreQuiet() {
    Cli cli = Cli.run("lint", LINT.resolve("corrected").toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(0);
    assertThat(cli.out()).isEqualTo("lint: no findings in 4 files\n");
  }

  @Test
  void aFolderIsReadRecursivelySkippingDependenciesAndBuildOutput(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("src/deep"));
    Files.createDirectories(dir.resolve("node_modules/twilio"));
    Files.createDirectories(dir.resolve("target"));
    String wrong = "if (e.code === 54302) {}\n";
    Files.writeString(dir.resolve("src/deep/a.mjs"), wrong);
    Files.writeString(dir.resolve("node_modules/twilio/b.js"), wrong);
    Files.writeString(dir.resolve("target/c.js"), wrong);
    Files.writeString(dir.resolve("src/notes.py"), wrong);

    Cli cli = Cli.run("lint", "--format", "json", dir.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.get("tool").asText()).isEqualTo("lint");
    assertThat(json.get("findings")).hasSize(1);
    JsonNode finding = json.get("findings").get(0);
    assertThat(finding.get("severity").asText()).isEqualTo("error");
    assertThat(finding.get("code").asText()).isEqualTo("seed_error_code");
    assertThat(finding.get("location").get("file").asText()).endsWith("a.mjs");
    assertThat(finding.get("location").get("line").asInt()).isEqualTo(1);
    assertThat(finding.get("location").get("column").asInt()).isEqualTo(16);
    assertThat(json.get("summary").get("files").asInt()).isEqualTo(1);
  }

  @Test
  void badUsageExitsTwoNamingThePathAndTheRule(@TempDir Path dir) throws Exception {
    Cli missing = Cli.run("lint", dir.resolve("nope.js").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("lint: PATH " + dir.resolve("nope.js") + " does not exist");

    Path python = Files.writeString(dir.resolve("x.py"), "x = 54302\n");
    Cli unsupported = Cli.run("lint", python.toString());
    assertThat(unsupported.exitCode()).isEqualTo(2);
    assertThat(unsupported.err()).contains(python + " is not a .js, .mjs, .cjs, .ts, .tsx or .java file");

    Cli none = Cli.run("lint");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("PATH");

    Cli format = Cli.run("lint", "--format", "xml", LINT.toString());
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("--format").contains("xml");
  }

  /** Each finding line cut after its code and literal: "file:line:col: code: literal". */
  private static List<String> lines(Cli cli) {
    List<String> cut = new ArrayList<>();
    for (String line : cli.out().split("\n")) {
      if (line.startsWith("lint: ")) {
        continue;
      }
      String file = Path.of(line.substring(0, line.indexOf(':'))).getFileName().toString();
      String rest = line.substring(line.indexOf(':'));
      String[] parts = rest.split(": ", 4);
      cut.add(file + parts[0] + ": " + parts[1] + ": " + parts[2].split(" ")[0]);
    }
    return cut;
  }
}
