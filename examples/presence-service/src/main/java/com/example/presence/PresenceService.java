package com.example.presence;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import java.time.Clock;
import java.time.Duration;
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
  private final Duration retryAfter;
  private final SyncCollection map;

  public PresenceService(TwilioRestClient client, String serviceSid) {
    this(client, serviceSid, Clock.systemUTC(), Duration.ofMillis(500));
  }

  /**
   * @param clock stamps {@code lastSeen}
   * @param retryAfter how long to wait before the one retry of a write Sync rate-limited (HTTP 429)
   */
  public PresenceService(TwilioRestClient client, String serviceSid, Clock clock, Duration retryAfter) {
    this.client = Objects.requireNonNull(client, "client");
    this.serviceSid = Objects.requireNonNull(serviceSid, "serviceSid");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
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
   * @throws PresenceUnavailableException when Sync answers 429 to the write and again to its one retry
   */
  public void heartbeat(String userId, String status, String device) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(status, "status");
    map.ensureExists();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", status);
    data.put("lastSeen", clock.instant().toString());
    data.put("device", device == null ? "unknown" : device);
    try {
      upsert(userId, data);
    } catch (ApiException first) {
      if (!SyncErrors.isRateLimited(first)) {
        throw first;
      }
      // One retry after a pause: a 429 is about the rate, and a heartbeat is cheap to repeat.
      // More than one would only pile onto a service that is already shedding load.
      pause();
      try {
        upsert(userId, data);
      } catch (ApiException second) {
        if (!SyncErrors.isRateLimited(second)) {
          throw second;
        }
        throw new PresenceUnavailableException("Twilio Sync rate-limited the heartbeat of " + userId
            + " twice (HTTP 429, retried once after " + retryAfter.toMillis() + " ms); its presence was not"
            + " refreshed and will expire unless a later heartbeat gets through", second);
      }
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

  private void pause() {
    if (retryAfter.isZero() || retryAfter.isNegative()) {
      return;
    }
    try {
      Thread.sleep(retryAfter.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
