package com.example.presence;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What happened, newest first: the Sync list {@code activity-feed}, each entry kept for 7 days. */
public final class ActivityFeed {
  /** The list's unique name. */
  public static final String LIST = "activity-feed";
  /** Each entry lives this long (7 days). */
  public static final int TTL_SECONDS = 604_800;

  private final TwilioRestClient client;
  private final String serviceSid;
  private final Clock clock;
  private final SyncCollection list;

  public ActivityFeed(TwilioRestClient client, String serviceSid) {
    this(client, serviceSid, Clock.systemUTC());
  }

  public ActivityFeed(TwilioRestClient client, String serviceSid, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.serviceSid = Objects.requireNonNull(serviceSid, "serviceSid");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.list = new SyncCollection(client, serviceSid, SyncCollection.Kind.LIST, LIST);
  }

  /** Appends an entry; {@code details} may be null or empty. */
  public Activity add(String userId, String action, Map<String, Object> details) {
    list.ensureExists();
    Activity activity = new Activity(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(action, "action"),
        details == null ? Map.of() : Map.copyOf(details), clock.instant().toString());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("userId", activity.userId());
    data.put("action", activity.action());
    data.put("details", activity.details());
    data.put("timestamp", activity.timestamp());
    SyncListItem.creator(serviceSid, LIST, data).setItemTtl(TTL_SECONDS).create(client);
    return activity;
  }

  /** The latest {@code limit} entries, newest first; empty when nothing was ever added. */
  public List<Activity> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more; received " + limit);
    }
    List<Activity> out = new ArrayList<>(limit);
    try {
      SyncListItem.reader(serviceSid, LIST).setOrder(SyncListItem.QueryResultOrder.DESC)
          .setPageSize((long) Math.min(limit, 100)).limit(limit).read(client)
          .forEach(item -> out.add(fromData(item.getData())));
    } catch (ApiException e) {
      if (!SyncErrors.isNotFound(e)) {
        throw e;
      }
      // no list yet: no activity
    }
    return out;
  }

  /** twilio-java hands item data over as an Object: a Map parsed from JSON. */
  @SuppressWarnings("unchecked")
  private static Activity fromData(Object itemData) {
    Map<String, Object> data = itemData instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Object details = data.get("details");
    return new Activity((String) data.get("userId"), (String) data.get("action"),
        details instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of(), (String) data.get("timestamp"));
  }
}
