package dev.syncwire.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** One receiver and fake for the class, a fresh service per test, tests in parallel, each seeing only its own webhooks. */
@Execution(ExecutionMode.CONCURRENT)
class PerClassLifecycleTest {
  @RegisterExtension
  static SyncWireExtension sync = SyncWireExtension.builder().perClass().seed(42).awaitTimeout(Duration.ofSeconds(5))
      .build();

  private static final Set<SyncReceiver> RECEIVERS = ConcurrentHashMap.newKeySet();
  private static final Set<String> SERVICES = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void sharedAcrossTheClass(SyncApiFake fake, SyncReceiver receiver) {
    assertThat(fake.baseUrl()).startsWith("http://127.0.0.1:");
    RECEIVERS.add(receiver);
  }

  @RepeatedTest(6)
  void eachTestGetsItsOwnServiceAndOnlyItsOwnWebhooks(SyncReceiver receiver, TwilioRestClient client,
      @SyncServiceSid String service, SyncEvents events) {
    RECEIVERS.add(receiver);
    assertThat(SERVICES.add(service)).as("a fresh service per test").isTrue();

    SyncList.creator(service).setUniqueName("activity-feed").create(client);
    for (int i = 0; i < 3; i++) {
      SyncListItem.creator(service, "activity-feed", Map.of("n", i)).create(client);
    }

    var added = events.await().type("list_item_added").object("activity-feed").count(3).within(Duration.ofSeconds(5));
    assertThat(added).allSatisfy(e -> assertThat(e.serviceSid()).isEqualTo(service));
    assertThat(events.recorded()).hasSize(4).allSatisfy(e -> assertThat(e.serviceSid()).isEqualTo(service));
  }

  @AfterAll
  static void oneReceiverServedEveryTest() {
    assertThat(RECEIVERS).hasSize(1);
    assertThat(SERVICES).hasSize(6);
  }
}
