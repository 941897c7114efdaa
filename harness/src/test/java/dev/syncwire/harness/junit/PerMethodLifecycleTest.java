package dev.syncwire.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.fake.FakeClock;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.receiver.SyncReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** One annotation, everything injected, a fresh receiver and fake per test; runs concurrently. */
@SyncWireTest
@Execution(ExecutionMode.CONCURRENT)
class PerMethodLifecycleTest {
  @Test
  void injectsAWiredReceiverFakeClientServiceAndEvents(SyncReceiver receiver, SyncApiFake fake,
      TwilioRestClient client, @SyncServiceSid String service, SyncEvents events) {
    assertThat(service).isEqualTo(fake.defaultServiceSid());
    assertThat(events.receiver()).isSameAs(receiver);
    assertThat(fake.clock().mode()).as("tests move time themselves").isEqualTo(FakeClock.Mode.MANUAL);

    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    SyncMapItem.creator(service, "user-presence", "user-123", Map.of("status", "online")).create(client);

    SyncEvent added = events.awaitMapItemAdded("user-presence", "user-123", Duration.ofSeconds(5));
    assertThat(added.signature()).isEqualTo(SignatureVerdict.VALID);
    assertThat(added.data().get("status").asText()).isEqualTo("online");
  }

  @RepeatedTest(3)
  void eachTestStartsFromNothing(TwilioRestClient client, @SyncServiceSid String service, SyncEvents events) {
    assertThat(events.recorded()).isEmpty();
    // The same unique name in every repetition: no 409, because nothing is shared.
    SyncMap.creator(service).setUniqueName("shared-name").create(client);
    events.await().type("map_created").object("shared-name").within(Duration.ofSeconds(5));
    assertThat(events.recorded()).hasSize(1);
  }
}
