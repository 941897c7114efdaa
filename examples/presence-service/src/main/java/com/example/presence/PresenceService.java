package com.example.presence;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who is online: one item per user in the Sync map {@code user-presence}, which expires 5 minutes
 * after the user's last heartbeat, so a client that vanishes goes offline by itself.
 *
 * <p>Takes the {@link TwilioRestClient} and the Sync service SID instead of building them from
 * environment variables: production passes {@code new TwilioRestClient.Builder(sid, token).build()}
 * and {@code TWILIO_SYNC_SERVICE_SID}, a test passes what syncwire injects.
 */
public final class PresenceService {
  /** The map's unique name. */
  public static final String MAP = "user-presence";
  /** A heartbeat keeps a user present for this long. */
  public static final int TTL_SECONDS = 300;

  private final TwilioRestClient client;
  private final String serviceSid;
  private final Clock clock;
  private final SyncCollection map;

  public PresenceService(TwilioRestClient client, String serviceSid) {
    this(client, serviceSid, Clock.systemUTC());
  }

  /** @param clock stamps {@code lastSeen} (a test may pass syncwire's fake clock) */
  public PresenceService(TwilioRestClient client, String serviceSid, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.serviceSid = Objects.requireNonNull(serviceSid, "serviceSid");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.map = new SyncCollection(client, serviceSid, SyncCollection.Kind.MAP, MAP);
  }

  /**
   * Marks {@code userId} present with {@code status} ({@code online}, {@code away}, ...) for the
   * next {@value #TTL_SECONDS} seconds.
   *
   * <p>The Sync notes' version creates the item on every heartbeat, which works once: the second
   * heartbeat of the same user fails with 409 / 54208 (the key exists). Here a create that meets
   * an existing key becomes an update, and the update sends {@code ItemTtl} again, so the five
   * minutes count from the latest heartbeat rather than the first.
   *
   * <p><b>Rate limits.</b> A 429 is not retried here: twilio-java's HTTP client (Apache
   * HttpClient 5 with its default retry strategy) already repeats a request answered 429 once,
   * after a second or the {@code Retry-After} it was given. Retrying again on top would only pile
   * onto a service that is shedding load, and the next heartbeat is at most a tick away. So a 429
   * that survives the client's retry becomes a {@link PresenceUnavailableException} that says what
   * was lost.
   *
   * @throws PresenceUnavailableException when Sync still answers 429 after the HTTP client's retry
   */
  public void heartbeat(String userId, String status, String device) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(status, "status");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", status);
    data.put("lastSeen", clock.instant().toString());
    data.put("device", device == null ? "unknown" : device);
    try {
      map.ensureExists();
      upsert(userId, data);
    } catch (ApiException e) {
      if (SyncErrors.isRateLimited(e)) {
        throw new PresenceUnavailableException("Twilio Sync rate-limited the heartbeat of " + userId
            + " (HTTP 429, twice: the HTTP client retried once); its presence was not refreshed and expires "
            + TTL_SECONDS + " s after its last successful heartbeat unless a later one gets through", e);
      }
      throw e;
    }
  }

  /**
   * Removes {@code userId}'s presence now (rather than waiting for the TTL).
   *
   * @return false when the user had no presence (never seen, already offline, or expired): going
   *     offline twice is not an error
   */
  public boolean goOffline(String userId) {
    Objects.requireNonNull(userId, "userId");
    try {
      return SyncMapItem.deleter(serviceSid, MAP, userId).delete(client);
    } catch (ApiException e) {
      if (SyncErrors.isNotFound(e)) {
        return false; // 20404: no such item (or no map yet). Either way the user is offline.
      }
      throw e;
    }
  }

  private void upsert(String userId, Map<String, Object> data) {
    try {
      SyncMapItem.creator(serviceSid, MAP, userId, data).setItemTtl(TTL_SECONDS).create(client);
      return;
    } catch (ApiException e) {
      if (!SyncErrors.is(e, SyncErrors.MAP_ITEM_EXISTS)) {
        throw e;
      }
    }
    try {
      SyncMapItem.updater(serviceSid, MAP, userId).setData(data).setItemTtl(TTL_SECONDS).update(client);
    } catch (ApiException e) {
      if (!SyncErrors.isNotFound(e)) {
        throw e;
      }
      // It expired (or went offline) between our create and our update: create it afresh.
      SyncMapItem.creator(serviceSid, MAP, userId, data).setItemTtl(TTL_SECONDS).create(client);
    }
  }
}
