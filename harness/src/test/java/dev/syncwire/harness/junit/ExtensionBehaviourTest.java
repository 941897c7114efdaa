package dev.syncwire.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.syncwire.harness.SyncEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** How the extension fails: readable messages, and a failed test keeps its evidence. */
class ExtensionBehaviourTest {
  @Test
  void aFailedTestKeepsItsJournalAndPrintsWhereItIs() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Events events;
    try {
      events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingExample.class)).execute()
          .testEvents();
    } finally {
      System.setErr(err);
    }

    events.assertThatEvents().haveExactly(1, finishedWithFailure(message(m -> m.contains("user-123"))));
    Matcher kept = Pattern.compile("are kept in (\\S+\\.jsonl)").matcher(captured.toString(StandardCharsets.UTF_8));
    assertThat(kept.find()).as(captured.toString(StandardCharsets.UTF_8)).isTrue();
    Path journal = Path.of(kept.group(1));
    assertThat(journal).exists();
    Files.delete(journal);
  }

  @Test
  void perTestParametersCannotGoIntoBeforeAll() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(EventsInBeforeAll.class)).execute()
        .containerEvents();

    events.assertThatEvents().haveAtLeast(1,
        finishedWithFailure(message(m -> m.contains("belongs to one test") && m.contains("SyncReceiver"))));
  }

  @Test
  void perMethodEnvironmentsCannotGoIntoBeforeAll() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FakeInBeforeAllPerMethod.class))
        .execute().containerEvents();

    events.assertThatEvents().haveAtLeast(1, finishedWithFailure(message(m -> m.contains("PER_CLASS"))));
  }

  @SyncWireTest(awaitTimeoutMillis = 300)
  static class FailingExample {
    @Test
    void awaitsSomethingThatNeverComes(SyncEvents events) {
      events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofMillis(200));
    }
  }

  @SyncWireTest(lifecycle = SyncWireTest.Lifecycle.PER_CLASS)
  static class EventsInBeforeAll {
    @BeforeAll
    static void tooEarly(SyncEvents events) {
    }

    @Test
    void never() {
    }
  }

  @SyncWireTest
  static class FakeInBeforeAllPerMethod {
    @BeforeAll
    static void tooEarly(dev.syncwire.harness.fake.SyncApiFake fake) {
    }

    @Test
    void never() {
    }
  }
}
