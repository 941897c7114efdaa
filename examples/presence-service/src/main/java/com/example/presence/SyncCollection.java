package com.example.presence;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.SyncStream;

/**
 * One named Sync map, list or stream that this app creates on first use.
 *
 * <p>This is the "Error Handling Pattern" of Twilio's Sync notes (fetch; create when missing;
 * fetch again when someone else won the race to create it), corrected against what the Sync REST
 * API really answers:
 *
 * <ul>
 *   <li>A missing object is HTTP 404 with code <b>20404</b>, for documents, lists, maps and streams
 *       alike. The notes' 54007/54008/54009 are not what REST sends (54009 is even seen in the wild
 *       as a rate-limit error), so a handler keyed on them never creates anything.
 *   <li>A unique name that is already taken is code <b>54301</b>, not 54302. Keyed on 54302, the
 *       race "two requests both see 404, both create" ends in an error for the loser instead of a
 *       harmless re-fetch.
 * </ul>
 *
 * <p>Once the object is known to exist this instance stops checking, so a busy service pays the
 * extra fetch once, not per request. Thread-safe: a race only costs a redundant fetch.
 */
final class SyncCollection {
  enum Kind { MAP, LIST, STREAM }

  private final TwilioRestClient client;
  private final String serviceSid;
  private final Kind kind;
  private final String uniqueName;
  private volatile boolean known;

  SyncCollection(TwilioRestClient client, String serviceSid, Kind kind, String uniqueName) {
    this.client = client;
    this.serviceSid = serviceSid;
    this.kind = kind;
    this.uniqueName = uniqueName;
  }

  /** Makes sure the object exists: fetch; on 20404 create; on 54301 (lost the race) fetch again. */
  void ensureExists() {
    if (known) {
      return;
    }
    try {
      fetch();
    } catch (ApiException e) {
      if (!SyncErrors.isNotFound(e)) {
        throw e;
      }
      try {
        create();
      } catch (ApiException raced) {
        if (!SyncErrors.is(raced, SyncErrors.UNIQUE_NAME_EXISTS)) {
          throw raced;
        }
        // Another instance created it between our fetch and our create: theirs will do.
        fetch();
      }
    }
    known = true;
  }

  /** Forget what we know, e.g. after someone deleted the object; the next call checks again. */
  void forget() {
    known = false;
  }

  String uniqueName() {
    return uniqueName;
  }

  private void fetch() {
    switch (kind) {
      case MAP -> SyncMap.fetcher(serviceSid, uniqueName).fetch(client);
      case LIST -> SyncList.fetcher(serviceSid, uniqueName).fetch(client);
      case STREAM -> SyncStream.fetcher(serviceSid, uniqueName).fetch(client);
    }
  }

  private void create() {
    switch (kind) {
      case MAP -> SyncMap.creator(serviceSid).setUniqueName(uniqueName).create(client);
      case LIST -> SyncList.creator(serviceSid).setUniqueName(uniqueName).create(client);
      case STREAM -> SyncStream.creator(serviceSid).setUniqueName(uniqueName).create(client);
    }
  }
}
