package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A list of 100,000 items: adding, fetching and token paging stay cheap at any depth. Drives the
 * store and routes in-process (no HTTP) so the figures measure the fake, not the network.
 */
class LargeCollectionTest {
  static final int ITEMS = 100_000;

  @Test
  void pagingDeepIntoOneHundredThousandItemsCostsNoMoreThanTheFirstPage() {
    SyncStore store = new SyncStore("AC" + "0".repeat(32), "token", FakeClock.at(Instant.parse("2025-01-01T00:00:00Z")), 1, (u, p, t, k) -> { });
    SyncRoutes routes = new SyncRoutes(store);
    SyncService service = store.createService(null);
    SyncObject list = store.createObject(service, ObjectType.LIST, "big", null, null);

    long t0 = System.nanoTime();
    for (int i = 0; i < ITEMS; i++) {
      store.addListItem(service, list, Json.object().put("n", i), i % 10 == 0 ? 3600 : null, null);
    }
    long insertNanos = System.nanoTime() - t0;

    String path = "/v1/Services/" + service.sid + "/Lists/big/Items";
    long firstNanos = timePage(routes, path, FormParams.parse("PageSize=100"));
    JsonNode deep = routes.handle(new SyncRoutes.Request("GET", path, FormParams.parse("PageSize=100&From=99000"), FormParams.empty(), null, RequestOrigin.TWILIO)).body();
    String next = deep.get("meta").get("next_page_url").asText();
    String query = next.substring(next.indexOf('?') + 1);
    long deepNanos = timePage(routes, path, FormParams.parse(query));
    JsonNode deepNext = routes.handle(new SyncRoutes.Request("GET", path, FormParams.parse(query), FormParams.empty(), null, RequestOrigin.TWILIO)).body();
    assertThat(deepNext.get("items").get(0).get("index").asInt()).isEqualTo(99_100);

    System.out.printf("100k list items: insert %.1f us/item; first page(100) %.2f ms; page at 99,100 via PageToken %.2f ms%n",
        insertNanos / 1e3 / ITEMS, firstNanos / 1e6, deepNanos / 1e6);
    // Generous bound: a linear walk would be ~1000x the first page; shared CI cores add noise.
    assertThat(deepNanos).isLessThan(Math.max(firstNanos * 20, 50_000_000L));
  }

  private static long timePage(SyncRoutes routes, String path, FormParams query) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      long t = System.nanoTime();
      routes.handle(new SyncRoutes.Request("GET", path, query, FormParams.empty(), null, RequestOrigin.TWILIO));
      best = Math.min(best, System.nanoTime() - t);
    }
    return best;
  }
}
