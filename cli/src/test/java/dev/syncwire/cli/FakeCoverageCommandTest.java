package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwire.harness.fake.internal.SyncSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code syncwire fake --coverage}: the report in text and JSON, the flags it refuses, and README's block, run as pasted. */
class FakeCoverageCommandTest {
  static final int OPERATIONS = SyncSpec.bundled().operations().size();

  @Test
  void printsEveryOperationWithItsFieldsAndErrorsAndExitsZero() {
    Cli cli = Cli.run("fake", "--coverage");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains(
        "syncwire fake coverage of Twilio - Sync 1.0.0",
        "operations: " + OPERATIONS + " of " + OPERATIONS + " served (100 %)",
        "GET /v1/Services/{ServiceSid}/Maps/{MapSid}/Items/{Key}  FetchSyncMapItem  200 served",
        "    errors: 404/20404 RESOURCE_NOT_FOUND\n",
        "POST /v1/Services/{ServiceSid}/Documents  CreateDocument  201 served",
        "409/54301 UNIQUE_NAME_EXISTS",
        "  any INJECTED_FAULT: the status and code a faults() rule sets (any request)",
        "Not covered: nothing: every operation served, every field returned");
    assertThat(cli.out().lines().filter(line -> line.matches("(GET|POST|DELETE) /v1/.*"))).hasSize(OPERATIONS);
  }

  @Test
  void jsonIsOneDocumentCiCanGateOn() throws Exception {
    Cli cli = Cli.run("fake", "--coverage", "--format", "json");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(cli.out());
    assertThat(report.get("tool").asText()).isEqualTo("fake-coverage");
    assertThat(report.at("/summary/operations").asInt()).isEqualTo(OPERATIONS);
    assertThat(report.at("/summary/operationsServed").asInt()).isEqualTo(OPERATIONS);
    assertThat(report.at("/summary/complete").asBoolean()).isTrue();
    assertThat(report.at("/notCovered/operations")).isEmpty();
    JsonNode fetchMapItem = null;
    for (JsonNode op : report.get("operations")) {
      if (op.get("operationId").asText().equals("FetchSyncMapItem")) {
        fetchMapItem = op;
      }
    }
    assertThat(fetchMapItem).isNotNull();
    assertThat(fetchMapItem.get("method").asText()).isEqualTo("GET");
    assertThat(fetchMapItem.get("path").asText()).isEqualTo("/v1/Services/{ServiceSid}/Maps/{MapSid}/Items/{Key}");
    assertThat(fetchMapItem.get("fields").findValuesAsText("name")).contains("key", "map_sid", "revision", "data");
    assertThat(fetchMapItem.get("errors").toString()).isEqualTo("[\"RESOURCE_NOT_FOUND\"]");
  }

  @Test
  void coverageWithAFlagForARunningFakeIsExitTwoNamingBoth() {
    Cli port = Cli.run("fake", "--coverage", "--port", "4011");
    assertThat(port.exitCode()).as(port.toString()).isEqualTo(2);
    assertThat(port.err()).contains("--coverage does not go with --port 4011", "drop --port");
    assertThat(port.out()).isEmpty();

    Cli rest = Cli.run("fake", "--webhooks-from-rest", "--coverage");
    assertThat(rest.exitCode()).as(rest.toString()).isEqualTo(2);
    assertThat(rest.err()).contains("--coverage does not go with --webhooks-from-rest");
  }

  @Test
  void formatWithoutCoverageIsExitTwoNamingBoth() {
    Cli cli = Cli.run("fake", "--format", "json");

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).contains("--format json applies only to --coverage");
  }

  @Test
  void anUnknownFormatIsExitTwoNamingTheFlagAndTheValue() {
    Cli cli = Cli.run("fake", "--coverage", "--format", "yaml");

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).contains("--format", "yaml");
  }

  /** Each line of README's {@code fake-coverage} block is a syncwire command; each runs and exits 0. */
  @Test
  void theReadmeBlockRunsAsPasted() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    Matcher block = Pattern.compile("<!-- readme-snippet: fake-coverage -->\n```sh\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE)
        .matcher(readme);
    assertThat(block.find()).as("README.md has a ```sh block tagged <!-- readme-snippet: fake-coverage -->").isTrue();
    List<String> lines = block.group(1).lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      String command = line.replaceFirst("\\s+#.*$", "");
      assertThat(command).as("a README line the test can run").startsWith("./syncwire ").doesNotContain("|", ">", "$");
      List<String> args = new ArrayList<>(List.of(command.substring("./syncwire ".length()).trim().split("\\s+")));
      Cli cli = Cli.run(args.toArray(String[]::new));
      assertThat(cli.exitCode()).as(line + "\n" + cli).isZero();
      assertThat(cli.out()).as(line).contains(args.contains("json") ? "\"tool\":\"fake-coverage\"" : "Not covered:");
    }
  }
}
