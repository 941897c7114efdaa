package dev.syncwire.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncMap;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension fails a test whose fake webhooks were not delivered, unless the test asked for it or opted out. */
class UndeliveredWebhooksFailTheTestTest {
  private static Events run(Class<?> example) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(example)).execute().testEvents();
  }

  @Test
  void aWebhookTheReceiverRefusedFailsTheTestListingTheDelivery() {
    Events events = run(RefusedExample.class);

    events.assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(AssertionError.class),
        message(m -> m.contains("1 webhook(s) the fake sent during this test were not delivered")
            && m.contains(RefusedExample.delivery) && m.contains("@AllowUndeliveredWebhooks"))));
    assertThat(RefusedExample.delivery).contains("map_created").contains("/nowhere FAILED").contains("HTTP 404");
  }

  @Test
  void aMethodAnnotatedAllowUndeliveredWebhooksPasses() {
    run(AllowedExample.class).assertThatEvents().haveExactly(1, finishedSuccessfully());
  }

  @Test
  void failOnUndeliveredWebhooksFalsePasses() {
    run(OptedOutExample.class).assertThatEvents().haveExactly(1, finishedSuccessfully());
  }

  @Test
  void aReplyPolicyTheTestSetDoesNotFailIt() {
    run(ReplyPolicyExample.class).assertThatEvents().haveExactly(1, finishedSuccessfully());
  }

  @Test
  void anInjectedDropDoesNotFailIt() {
    run(DroppedExample.class).assertThatEvents().haveExactly(1, finishedSuccessfully());
  }

  /** Points the service at a path the receiver does not serve (404, not retried) and waits for the outcome. */
  static void createAMapWebhookingNowhere(SyncApiFake fake, SyncReceiver receiver, TwilioRestClient client) {
    fake.updateDefaultService(receiver.baseUrl().resolve("/nowhere").toString(), true);
    SyncMap.creator(fake.defaultServiceSid()).setUniqueName("user-presence").create(client);
    assertThat(fake.awaitWebhooksQuiet(Duration.ofSeconds(10))).isTrue();
  }

  @SyncWireTest
  static class RefusedExample {
    static volatile String delivery = "(not run)";

    @Test
    void webhooksANonexistentPath(SyncApiFake fake, SyncReceiver receiver, TwilioRestClient client) {
      createAMapWebhookingNowhere(fake, receiver, client);
      delivery = fake.webhookDeliveries().get(0).toString();
    }
  }

  @SyncWireTest
  static class AllowedExample {
    @Test
    @AllowUndeliveredWebhooks
    void webhooksANonexistentPath(SyncApiFake fake, SyncReceiver receiver, TwilioRestClient client) {
      createAMapWebhookingNowhere(fake, receiver, client);
    }
  }

  @SyncWireTest(failOnUndeliveredWebhooks = false)
  static class OptedOutExample {
    @Test
    void webhooksANonexistentPath(SyncApiFake fake, SyncReceiver receiver, TwilioRestClient client) {
      createAMapWebhookingNowhere(fake, receiver, client);
    }
  }

  @SyncWireTest
  static class ReplyPolicyExample {
    @Test
    void answersEveryWebhook500(SyncApiFake fake, SyncReceiver receiver, TwilioRestClient client) {
      receiver.replyPolicy().whenAny().status(500).always();
      SyncMap.creator(fake.defaultServiceSid()).setUniqueName("user-presence").create(client);
      assertThat(fake.awaitWebhooksQuiet(Duration.ofSeconds(10))).isTrue();
      assertThat(fake.webhookDeliveries().get(0).outcome()).hasToString("FAILED");
    }
  }

  @SyncWireTest
  static class DroppedExample {
    @Test
    void dropsTheNextWebhook(SyncApiFake fake, TwilioRestClient client) {
      fake.webhookFaults().dropNext(1);
      SyncMap.creator(fake.defaultServiceSid()).setUniqueName("user-presence").create(client);
      assertThat(fake.awaitWebhooksQuiet(Duration.ofSeconds(10))).isTrue();
      assertThat(fake.webhookDeliveries().get(0).outcome()).hasToString("DROPPED");
    }
  }
}
