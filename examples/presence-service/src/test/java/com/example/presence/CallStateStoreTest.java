package com.example.presence;

import static dev.syncwire.harness.EventMatcher.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.http.TwilioRestClient;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.harness.SyncEvents;
import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.junit.SyncServiceSid;
import dev.syncwire.harness.junit.SyncWireTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IVR call-state pattern: a document per call, advanced stage by stage, gone after an hour. */
@SyncWireTest
class CallStateStoreTest {
  static final Duration WITHIN = Duration.ofSeconds(2);

  CallStateStore calls;

  @BeforeEach
  void wire(TwilioRestClient client, @SyncServiceSid String serviceSid, SyncApiFake fake) {
    calls = new CallStateStore(client, serviceSid, fake.clock());
  }

  @Test
  void callStateMovesFromGreetingToMenu(SyncEvents events) {
    calls.start("CA123");
    CallState menu = calls.advance("CA123", "menu", "1");

    assertThat(menu.selections()).containsExactly("1");
    List<SyncEvent> steps = events.inOrder(
        event(EventType.DOCUMENT_CREATED).object("call-CA123").data("stage", "greeting"),
        event(EventType.DOCUMENT_UPDATED).object("call-CA123").data("stage", "menu").data("/selections/0", "1"))
        .within(WITHIN);
    assertThat(steps.get(1).revision()).isNotEqualTo(steps.get(0).revision());
  }

  @Test
  void selectionsAccumulate(SyncEvents events) {
    calls.start("CA123");
    calls.advance("CA123", "menu", "1");
    calls.advance("CA123", "billing", "3");

    assertThat(calls.read("CA123")).get().extracting(CallState::stage, CallState::selections)
        .containsExactly("billing", List.of("1", "3"));
    events.await().type(EventType.DOCUMENT_UPDATED).object("call-CA123").count(2).within(WITHIN);
  }

  @Test
  void aRetriedStartWebhookKeepsTheCallWhereItIs(SyncEvents events) {
    calls.start("CA123");
    calls.advance("CA123", "menu", "1");

    CallState again = calls.start("CA123"); // Twilio retried the voice webhook that started the call

    assertThat(again.stage()).isEqualTo("menu");
    SyncEvent created = events.await().type(EventType.DOCUMENT_CREATED).object("call-CA123").within(WITHIN);
    events.await().type(EventType.DOCUMENT_CREATED).after(created).absentFor(Duration.ofMillis(300));
  }

  @Test
  void callStateIsGoneAfterAnHour(SyncApiFake fake, SyncEvents events) {
    calls.start("CA123");

    fake.clock().advance(Duration.ofHours(1));

    events.await().type(EventType.DOCUMENT_REMOVED).object("call-CA123").within(WITHIN);
    assertThat(calls.read("CA123")).isEmpty();
    assertThatThrownBy(() -> calls.advance("CA123", "menu", "1"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CA123");
  }
}
