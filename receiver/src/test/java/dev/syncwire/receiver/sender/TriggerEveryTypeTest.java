package dev.syncwire.receiver.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FixturePatterns;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** WebhookSender against a real receiver enforcing signatures: every fixture arrives accepted. */
class TriggerEveryTypeTest {
  static final String TOKEN = "trigger-token-0123456789abcdef";
  static SyncReceiver receiver;
  static WebhookSender sender;

  @BeforeAll
  static void start() {
    receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build());
    sender = WebhookSender.to(receiver.webhookUrl()).authToken(TOKEN);
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyTypeIsAcceptedInBothDialectsWithAValidSignature(EventType type) {
    for (Dialect dialect : Dialect.values()) {
      WebhookSender.Result result = sender.send(Webhooks.of(type).dialect(dialect).object("trigger-" + dialect));

      assertThat(result.status()).as(type + " " + dialect + ": " + result.body()).isEqualTo(200);
      assertThat(result.isSuccess()).isTrue();
      assertThat(result.body()).contains("\"result\":\"accepted\"", "\"canonicalType\":\"" + type.wireName() + "\"");
      assertThat(result.header("content-type")).startsWith("application/json");
      assertThat(result.latency()).isPositive();
      assertThat(result.signature()).isNotBlank();
      SyncEvent event = receiver.events().latest().orElseThrow();
      assertThat(event.signature()).isEqualTo(SignatureVerdict.VALID);
      assertThat(event.canonicalType()).isEqualTo(type);
      // The seed has no endpoint events, so a seed-built one (no ResourceSid) reads as real.
      boolean readsAsReal = dialect == Dialect.SEED && type.objectType() == ObjectType.ENDPOINT;
      assertThat(event.dialect()).isEqualTo(readsAsReal ? Dialect.REAL : dialect);
      assertThat(event.request().header("User-Agent")).isEqualTo(WebhookSender.USER_AGENT);
      assertThat(event.request().header("I-Twilio-Idempotency-Token")).isNotBlank();
    }
  }

  @Test
  void everyPatternWebhookIsAcceptedInOrder() {
    for (List<FormParams> pattern : FixturePatterns.all().values()) {
      for (FormParams webhook : pattern) {
        assertThat(sender.send(webhook).body()).as(webhook.toString()).contains("\"result\":\"accepted\"");
      }
    }
  }

  @Test
  void aWrongTokenGetsTheReceiversRefusalNotAnException() {
    WebhookSender.Result result = sender.authToken("not-the-token").send(Webhooks.documentUpdated().document("wrong-token"));

    assertThat(result.status()).isEqualTo(403);
    assertThat(result.isSuccess()).isFalse();
    assertThat(result.body()).contains("invalid_signature");
  }
}
