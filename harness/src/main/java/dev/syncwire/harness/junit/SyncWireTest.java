package dev.syncwire.harness.junit;

import dev.syncwire.harness.fake.SyncApiFake;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a webhook receiver and a Sync API fake wired together for a test class, and injects them
 * by parameter: {@code SyncReceiver}, {@code SyncApiFake}, {@code SyncEvents}, a ready
 * {@code TwilioRestClient}, and the service SID as {@code @SyncServiceSid String}.
 *
 * <pre>{@code
 * @SyncWireTest
 * class PresenceTest {
 *   @Test
 *   void goingOfflineRemovesPresence(TwilioRestClient client, @SyncServiceSid String service, SyncEvents events) {
 *     new PresenceService(client, service).goOffline("user-123");
 *     events.awaitMapItemRemoved("user-presence", "user-123", Duration.ofSeconds(2));
 *   }
 * }
 * }</pre>
 *
 * For options in code, register {@link SyncWireExtension#builder()} with {@code @RegisterExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SyncWireExtension.class)
public @interface SyncWireTest {
  /** One environment per test (the default) or one per class with a fresh service per test. */
  Lifecycle lifecycle() default Lifecycle.PER_METHOD;

  /** Seed for the fake's SIDs and credentials. */
  long seed() default SyncApiFake.Builder.DEFAULT_SEED;

  /** The time-out of every await not given one, in milliseconds. */
  long awaitTimeoutMillis() default 5_000;

  /**
   * Whether REST changes fire webhooks (the service's {@code webhooks_from_rest_enabled}). On by
   * default: the code under test calls the REST API, and its webhooks are what tests await. Twilio's
   * own default is off; turn it off to test that your app copes.
   */
  boolean webhooksFromRest() default true;

  /**
   * Whether a test fails when a webhook the fake sent during it was not delivered: the receiver
   * refused it or answered non-2xx, or the delivery failed. Webhooks the test asked to fail (a
   * {@code webhookFaults()} drop, a scripted {@code receiver.replyPolicy()} answer) do not count;
   * deliveries still in flight when the test ends are not checked. {@link AllowUndeliveredWebhooks}
   * turns it off for one method.
   */
  boolean failOnUndeliveredWebhooks() default true;

  /**
   * Whether the fake posts {@code stream_message_published} for each stream message. Off by default:
   * nothing shows Twilio sending it (shared/contracts, update of 2026-12-05), so a handler that
   * waits for it would pass here and never run in production.
   */
  boolean streamWebhooks() default false;

  /** How long the receiver and the fake live. */
  enum Lifecycle {
    /** A fresh receiver and fake for every test: nothing is shared. */
    PER_METHOD,
    /**
     * One receiver and fake for the class; each test gets a fresh Sync service (its own SID,
     * wired to the receiver) and sees only that service's webhooks, so tests of one class may
     * run in parallel. What stays shared is the fake's clock and its fault rules: advancing the
     * clock expires every test's items, and a fault rule hits every service unless its path names
     * the test's service. Tests that drive the clock or faults belong in PER_METHOD.
     */
    PER_CLASS
  }
}
