package dev.syncwire.harness;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Per test, by hand (no extension in between): a fake that fires webhooks for REST changes, a
 * receiver enforcing the fake's token, and the default service pointed at it. Override
 * {@link #configure} for another clock or seed.
 */
abstract class FakeWiredToReceiver {
  SyncApiFake fake;
  SyncReceiver receiver;
  TwilioRestClient client;
  String service;

  /** The fake's settings besides webhooks from REST; seed 7 unless a test says otherwise. */
  SyncApiFake.Builder configure(SyncApiFake.Builder builder) {
    return builder.seed(7);
  }

  @BeforeEach
  void startFakeAndReceiver() {
    fake = configure(SyncApiFake.builder()).webhooksFromRestEnabled(true).start();
    receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(fake.authToken()).build());
    fake.updateDefaultService(receiver.webhookUrl().toString(), true);
    client = fake.twilioClient();
    service = fake.defaultServiceSid();
  }

  @AfterEach
  void stopFakeAndReceiver() {
    fake.close();
    receiver.close();
  }
}
