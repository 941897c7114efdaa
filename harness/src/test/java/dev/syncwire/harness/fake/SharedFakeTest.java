package dev.syncwire.harness.fake;

import com.twilio.http.TwilioRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One fake per test class, reset before each test, driven through the official SDK's client. */
abstract class SharedFakeTest {
  static SyncApiFake fake;
  static TwilioRestClient client;
  static String service;

  @BeforeAll
  static void startFake() {
    fake = SyncApiFake.builder().start();
    client = fake.twilioClient();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @BeforeEach
  void resetFake() {
    fake.reset();
    service = fake.defaultServiceSid();
  }
}
