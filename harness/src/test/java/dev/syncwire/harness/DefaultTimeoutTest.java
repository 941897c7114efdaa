package dev.syncwire.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** No await can hang: those given no limit use the default time-out, 5 seconds unless configured. */
class DefaultTimeoutTest extends ReceiverPerClass {
  @Test
  void theDefaultIsFiveSeconds() {
    assertThat(events.defaultTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void arrivesGivesUpAfterTheConfiguredDefault() {
    try (SyncEvents quick = SyncEvents.of(receiver, Duration.ofMillis(250))) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> quick.await().type(EventType.DOCUMENT_REMOVED).arrives())
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("Expected a document_removed within 250 milliseconds, but none arrived.");
      assertThatThrownBy(() -> quick.await().count(2).arrives()).hasMessageContaining("within 250 milliseconds");
      assertThatThrownBy(() -> quick.inOrder(EventMatcher.event()).arrives())
          .hasMessageContaining("within 250 milliseconds");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(750));
      assertThat(quick.waiting()).isZero();
    }
  }

  @Test
  void refusesANonPositiveDefault() {
    assertThatThrownBy(() -> SyncEvents.of(receiver, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("defaultTimeout must be more than zero; received PT0S");
  }

  @Test
  void refusesANegativeLimit() {
    assertThatThrownBy(() -> events.await().within(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must not be negative; received PT-1S");
  }
}
