package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** trigger's SIDs (flags, then the environment), --pattern and the did-you-mean, against a real receiver. */
class TriggerSidsAndPatternsTest {
  static final String TOKEN = "trigger-sids-token-0123456789";
  static final String ACCOUNT = "AC" + "1".repeat(32);
  static final String SERVICE = "IS" + "2".repeat(32);
  static final String FLAG_ACCOUNT = "AC" + "a".repeat(32);

  SyncReceiver receiver;
  String url;

  @BeforeEach
  void start() {
    receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build());
    url = receiver.webhookUrl().toString();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void sidsComeFromTheEnvironmentAndAFlagWins() {
    Cli cli = Cli.run(Map.of("TWILIO_ACCOUNT_SID", ACCOUNT, "TWILIO_SYNC_SERVICE_SID", SERVICE, "TWILIO_AUTH_TOKEN", TOKEN),
        "trigger", "map_item_added", "--to", url, "--account-sid", FLAG_ACCOUNT);

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.err()).doesNotContain("placeholder");
    SyncEvent event = receiver.events().latest().orElseThrow();
    assertThat(event.accountSid()).isEqualTo(FLAG_ACCOUNT);
    assertThat(event.serviceSid()).isEqualTo(SERVICE);
    assertThat(event.signature()).isEqualTo(SignatureVerdict.VALID);
  }

  @Test
  void withoutSidsItSaysTheyArePlaceholders() {
    Cli cli = Cli.run("trigger", "map_item_added", "--to", url, "--auth-token", TOKEN);

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.err()).contains("AccountSid and ServiceSid are syncwire's placeholder",
        "--account-sid", "$TWILIO_SYNC_SERVICE_SID");
  }

  @Test
  void aBadSidFlagOrVariableExitsWithTwoNamingItTheRuleAndTheValue() {
    Cli flag = Cli.run("trigger", "map_item_added", "--to", url, "--service-sid", "IS123");
    assertThat(flag.exitCode()).isEqualTo(2);
    assertThat(flag.err()).contains("--service-sid", "'IS123' is not a Sync service SID; give IS and 32 hex digits");

    Cli variable = Cli.run(Map.of("TWILIO_ACCOUNT_SID", "ACnope"), "trigger", "map_item_added", "--to", url);
    assertThat(variable.exitCode()).isEqualTo(2);
    assertThat(variable.err()).contains("$TWILIO_ACCOUNT_SID: 'ACnope' is not an account SID; give AC and 32 hex digits");
    assertThat(receiver.events().all()).isEmpty();
  }

  @Test
  void aMisspelledTypeGetsADidYouMean() {
    Cli cli = Cli.run("trigger", "map_item_aded", "--to", url);

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("'map_item_aded' is not a Sync event type; did you mean map_item_added?");
  }

  @Test
  void aPatternSendsTheSeedsSequenceInRealNamesWithTheGivenSids() {
    Cli cli = Cli.run(Map.of("TWILIO_ACCOUNT_SID", ACCOUNT, "TWILIO_SYNC_SERVICE_SID", SERVICE),
        "trigger", "--pattern", "presence", "--to", url, "--auth-token", TOKEN);

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("Sent 3 webhooks of the presence pattern to " + url + ": 3 answered 2xx, 0 did not.");
    List<SyncEvent> events = receiver.events().all();
    assertThat(events).extracting(SyncEvent::eventType)
        .containsExactly("map_item_added", "map_item_updated", "map_item_removed");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.accountSid()).isEqualTo(ACCOUNT);
      assertThat(e.serviceSid()).isEqualTo(SERVICE);
      assertThat(e.objectName()).isEqualTo("user-presence");
      assertThat(e.itemKey()).isEqualTo("user-123");
      assertThat(e.signature()).isEqualTo(SignatureVerdict.VALID);
    });
    assertThat(events.get(1).data().get("status").asText()).isEqualTo("away");
  }

  @Test
  void aPatternInTheSeedsDialectUsesTheSeedsNames() {
    Cli cli = Cli.run("trigger", "--pattern", "activity-feed", "--seed-dialect", "--to", url, "--auth-token", TOKEN);

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    List<SyncEvent> events = receiver.events().all();
    assertThat(events).extracting(SyncEvent::eventType)
        .containsExactly("list_item_created", "list_item_created", "list_item_created", "list_item_removed");
    assertThat(events).allSatisfy(e -> assertThat(e.dialect()).isEqualTo(Dialect.SEED));
    assertThat(events).extracting(SyncEvent::itemIndex).containsExactly(0L, 1L, 2L, 0L);
  }

  @Test
  void aBadPatternOrAPatternWithAnObjectFlagExitsWithTwo() {
    Cli misspelled = Cli.run("trigger", "--pattern", "presense", "--to", url);
    assertThat(misspelled.exitCode()).isEqualTo(2);
    assertThat(misspelled.err()).contains(
        "--pattern must be presence, call-state, activity-feed or typing; received 'presense'; did you mean presence?");

    Cli withKey = Cli.run("trigger", "--pattern", "presence", "--key", "user-9", "--to", url);
    assertThat(withKey.exitCode()).isEqualTo(2);
    assertThat(withKey.err()).contains("--key does not go with --pattern");

    Cli both = Cli.run("trigger", "map_item_added", "--pattern", "presence", "--to", url);
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("Give an event type or --pattern, not both");
    assertThat(receiver.events().all()).isEmpty();
  }
}
