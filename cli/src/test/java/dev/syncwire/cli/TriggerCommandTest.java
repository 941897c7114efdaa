package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TriggerCommandTest {
  static final String TOKEN = "cli-token-0123456789abcdef";
  static SyncReceiver receiver;
  static String url;

  @BeforeAll
  static void start() {
    receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build());
    url = receiver.webhookUrl().toString();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void sendsASignedFixturePrintsItAndTheAnswerAndExitsZero() {
    Cli cli = Cli.run("trigger", "map_item_removed", "--to", url, "--auth-token", TOKEN,
        "--object", "user-presence", "--key", "user-9", "--set", "Identity=alice", "--set", "EventId=7");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("POST " + url, "X-Twilio-Signature: ", "EventType=map_item_removed",
        "ItemKey=user-9", "Identity=alice", "200 in ", "\"result\":\"accepted\"");
    SyncEvent event = receiver.events().latest().orElseThrow();
    assertThat(event.canonicalType()).isEqualTo(EventType.MAP_ITEM_REMOVED);
    assertThat(event.signature()).isEqualTo(SignatureVerdict.VALID);
    assertThat(event.objectName()).isEqualTo("user-presence");
    assertThat(event.itemKey()).isEqualTo("user-9");
    assertThat(event.webhook().identity()).isEqualTo("alice");
    assertThat(event.params().get("EventId")).isEqualTo("7");
  }

  @Test
  void theSeedDialectSendsTheSeedsNames() {
    Cli cli = Cli.run("trigger", "map_item_created", "--seed-dialect", "--to", url, "--auth-token", TOKEN,
        "--key", "user-seed", "--data", "{\"status\":\"online\"}");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("EventType=map_item_created", "ResourceSid=MP", "Data={\"status\":\"online\"}");
    assertThat(receiver.events().latest().orElseThrow().eventType()).isEqualTo("map_item_created");
  }

  @Test
  void aSeedNameWithoutSeedDialectSendsTheRealNameAndSaysSo() {
    Cli cli = Cli.run("trigger", "list_item_created", "--to", url, "--auth-token", TOKEN, "--index", "4");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.err()).contains("list_item_created is the seed's name; sending real Twilio's list_item_added");
    assertThat(cli.out()).contains("EventType=list_item_added", "ItemIndex=4");
  }

  @Test
  void aNon2xxAnswerExitsWithOne() {
    Cli cli = Cli.run("trigger", "document_updated", "--to", url, "--auth-token", "wrong-token", "--object", "doc-403");

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out()).contains("403 in ", "not 2xx", "invalid_signature");
  }

  @Test
  void anUnknownTypeExitsWithTwoAndListsEveryType() {
    Cli cli = Cli.run("trigger", "map_item_deleted", "--to", url);

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("'map_item_deleted' is not a Sync event type; did you mean map_item_removed?"
        + " Use one of these (either column):");
    for (EventType type : EventType.values()) {
      assertThat(cli.err()).contains(type.wireName());
    }
    assertThat(cli.err()).contains("map_item_created", "CORROBORATED");
  }

  @Test
  void aKeyOnANonMapEventIsAUsageError() {
    Cli cli = Cli.run("trigger", "document_updated", "--key", "k", "--to", url);

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("--key names a map item, but document_updated is not a map item event");
  }

  @Test
  void aRefusedConnectionExitsWithOneNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + port + "/sync";

    Cli cli = Cli.run("trigger", "map_item_removed", "--to", dead, "--auth-token", TOKEN);

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).contains("could not connect to " + dead + ": connection refused — is your handler running?");
  }

  @Test
  void dryRunSendsNothingAndPrintsACurlCommandWhoseSignatureVerifies() throws Exception {
    int before = receiver.events().size();
    Cli cli = Cli.run("trigger", "document_updated", "--dry-run", "--to", url, "--auth-token", TOKEN,
        "--object", "dry-run-doc", "--data", "{\"note\":\"it's 50% done & more\"}");

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(receiver.events().size()).as("nothing sent").isEqualTo(before);
    assertThat(cli.out()).contains("Not sent (--dry-run)", "Form body:", "curl -sS -X POST '" + url + "'");

    // Run what curl would send: the URL, the signature header and the body, unquoted as a shell would.
    String curl = cli.out().substring(cli.out().indexOf("curl "));
    String signature = unquote(find(curl, "-H ('X-Twilio-Signature: [^\\n]*') \\\\")).substring("X-Twilio-Signature: ".length());
    String body = unquote(find(curl, "--data-raw ('.*')\\s*$"));
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    SyncEvent event = receiver.events().latest().orElseThrow();
    assertThat(event.signature()).isEqualTo(SignatureVerdict.VALID);
    assertThat(event.objectName()).isEqualTo("dry-run-doc");
    assertThat(event.webhook().dataText()).isEqualTo("{\"note\":\"it's 50% done & more\"}");
  }

  @Test
  void listShowsEveryTypeWithItsSeedNameAndConfidence() {
    Cli cli = Cli.run("trigger", "--list");

    assertThat(cli.exitCode()).isZero();
    for (EventType type : EventType.values()) {
      assertThat(cli.out()).containsPattern(type.wireName() + "\\s+" + type.seedName().orElse("-") + "\\s+"
          + type.objectType().wireName() + "\\s+" + type.confidence());
    }
  }

  static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as(regex + " in\n" + text).isTrue();
    return m.group(1);
  }

  /** Undoes TriggerCommand.shell: '...' with '\'' for each single quote. */
  static String unquote(String word) {
    assertThat(word).startsWith("'").endsWith("'");
    return word.substring(1, word.length() - 1).replace("'\\''", "'");
  }
}
