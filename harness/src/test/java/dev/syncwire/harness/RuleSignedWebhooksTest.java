package dev.syncwire.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.fake.WebhookDeliveryRecord;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fake signs as a Webhook Rule does (HMAC-SHA256 with a key, announced by
 * X-Twilio-Webhooks-Signature-Settings) and the receiver checks it with the same key; changes are
 * made through the official twilio-java SDK.
 */
class RuleSignedWebhooksTest {
  @Test
  void aReceiverWithTheKeyAcceptsWhatTheFakeSignsWithIt() {
    try (SyncApiFake fake = SyncApiFake.builder().webhooksFromRestEnabled(true).webhookSigningKey("KEY1", "rule-secret").start();
        SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().signingKey("KEY1", "rule-secret").build());
        SyncEvents events = SyncEvents.of(receiver)) {
      fake.updateDefaultService(receiver.webhookUrl().toString(), true);
      String service = fake.defaultServiceSid();
      SyncMap.creator(service).setUniqueName("user-presence").create(fake.twilioClient());
      SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).create(fake.twilioClient());

      SyncEvent added = events.awaitMapItemAdded("user-presence", "user-123", Duration.ofSeconds(5));
      assertThat(added.signature()).isEqualTo(SignatureVerdict.VALID);
      assertThat(added.request().headers().get("X-Twilio-Webhooks-Signature-Settings"))
          .containsExactly("key=KEY1,algorithm=HMAC_SHA256");
      assertThat(fake.webhookSigningKey()).hasToString("SigningKey[KEY1, secret hidden]");
    }
  }

  @Test
  void aReceiverWithOnlyTheAuthTokenRefusesThemNamingTheKey() {
    try (SyncApiFake fake = SyncApiFake.builder().webhooksFromRestEnabled(true).webhookSigningKey("KEY1", "rule-secret").start();
        SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).build());
        SyncEvents events = SyncEvents.of(receiver)) {
      fake.updateDefaultService(receiver.webhookUrl().toString(), true);
      Document.creator(fake.defaultServiceSid()).setUniqueName("call-CA1").create(fake.twilioClient());

      SyncEvent refused = events.await().type("document_created").status(dev.syncwire.fixtures.EventStatus.REJECTED).within(Duration.ofSeconds(5));
      assertThat(refused.signature()).isEqualTo(SignatureVerdict.INVALID);
      assertThat(fake.awaitWebhooksQuiet(Duration.ofSeconds(10))).isTrue();
      WebhookDeliveryRecord delivery = fake.webhookDeliveries().get(0);
      assertThat(delivery.lastAttempt().orElseThrow().status()).isEqualTo(403);
      assertThat(delivery.lastAttempt().orElseThrow().body()).contains("names key 'KEY1', which this receiver does not have");
    }
  }
}
