package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** trigger --via-fake against a running fake wired to a receiver, as {@code syncwire up} wires them. */
class TriggerViaFakeTest {
  SyncApiFake fake;
  SyncReceiver receiver;
  Map<String, String> env;

  @BeforeEach
  void start() {
    fake = SyncApiFake.builder().webhooksFromRestEnabled(true).start(); // a manual clock: trigger moves it for TTLs
    receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).build());
    fake.updateDefaultService(receiver.webhookUrl().toString(), true);
    env = Map.of("TWILIO_ACCOUNT_SID", fake.accountSid(), "TWILIO_AUTH_TOKEN", fake.authToken(),
        "TWILIO_SYNC_SERVICE_SID", fake.defaultServiceSid());
  }

  @AfterEach
  void stop() {
    fake.close();
    receiver.close();
  }

  @Test
  void aPatternThroughTheFakeDeliversWhatTheFakeEmitsTtlExpiryIncluded() {
    Cli cli = Cli.run(env, "trigger", "--pattern", "presence", "--via-fake", fake.baseUrl());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("it posts the webhooks to " + receiver.webhookUrl(),
        "syncMaps('user-presence').syncMapItems.create({key: 'user-123'", "the fake's clock advances PT5M",
        "Done; the fake has delivered its webhooks.");
    List<SyncEvent> events = receiver.events().all();
    assertThat(events).extracting(SyncEvent::eventType)
        .containsExactly("map_created", "map_item_added", "map_item_updated", "map_item_removed");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.signature()).isEqualTo(SignatureVerdict.VALID);
      assertThat(e.accountSid()).isEqualTo(fake.accountSid());
      assertThat(e.serviceSid()).isEqualTo(fake.defaultServiceSid());
      assertThat(e.identity()).isEqualTo("system");
    });
    assertThat(fake.webhookDeliveries()).hasSize(4); // the receiver saw exactly what the fake sent, nothing of trigger's own
  }

  @Test
  void aSingleTypeCreatesWhatItNeedsFirstAndSaysSo() {
    Cli cli = Cli.run(env, "trigger", "map_item_updated", "--object", "carts", "--key", "cart-1",
        "--data", "{\"items\":2}", "--via-fake", fake.baseUrl());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).contains("syncMaps.create({uniqueName: 'carts'})   (it did not exist)");
    SyncEvent updated = receiver.events().latest().orElseThrow();
    assertThat(updated.eventType()).isEqualTo("map_item_updated");
    assertThat(updated.objectName()).isEqualTo("carts");
    assertThat(updated.itemKey()).isEqualTo("cart-1");
    assertThat(updated.data().get("items").asInt()).isEqualTo(2);
  }

  @Test
  void whatTheFakeCannotMakeOrDoesNotNeedIsAUsageError() {
    Cli endpoint = Cli.run(env, "trigger", "endpoint_connected", "--via-fake", fake.baseUrl());
    assertThat(endpoint.exitCode()).isEqualTo(2);
    assertThat(endpoint.err()).contains("endpoint_connected comes from a client SDK connection");

    Cli withTo = Cli.run(env, "trigger", "map_created", "--via-fake", fake.baseUrl(), "--to", "http://127.0.0.1:1/x");
    assertThat(withTo.exitCode()).isEqualTo(2);
    assertThat(withTo.err()).contains("--to does not go with --via-fake");

    Cli noToken = Cli.run(Map.of("TWILIO_ACCOUNT_SID", fake.accountSid()), "trigger", "map_created",
        "--via-fake", fake.baseUrl());
    assertThat(noToken.exitCode()).isEqualTo(2);
    assertThat(noToken.err()).contains("it needs its auth token, a Sync service SID");

    Cli badData = Cli.run(env, "trigger", "document_created", "--data", "{nope", "--via-fake", fake.baseUrl());
    assertThat(badData.exitCode()).isEqualTo(2);
    assertThat(badData.err()).contains("--data must be JSON text with --via-fake", "'{nope'");

    Cli badUrl = Cli.run(env, "trigger", "map_created", "--via-fake", "localhost:4010");
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--via-fake: 'localhost:4010' is not an http(s) URL");
    assertThat(receiver.events().all()).isEmpty();
  }

  @Test
  void wrongCredentialsAreTheFakesOwn401() {
    Cli cli = Cli.run(Map.of("TWILIO_ACCOUNT_SID", fake.accountSid(), "TWILIO_AUTH_TOKEN", "wrong",
        "TWILIO_SYNC_SERVICE_SID", fake.defaultServiceSid()), "trigger", "map_created", "--via-fake", fake.baseUrl());

    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).contains("The fake answered 401 (code 20003)", "are the account SID and auth token the fake's");
  }
}
