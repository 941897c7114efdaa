package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.SyncStream;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's real error codes, as the SDK surfaces them, and the seed's error pattern corrected. */
class ErrorResponsesTest extends SharedFakeTest {
  /** The seed's handler, in Java, with Twilio's codes: 20404 to create, 54301 to re-fetch. */
  Object fetchOrCreate(String name) {
    try {
      return Document.fetcher(service, name).fetch(client).getData();
    } catch (ApiException e) {
      if (e.getCode() == 20404) {
        try {
          return Document.creator(service).setUniqueName(name).setData(Map.of("initialized", true)).create(client).getData();
        } catch (ApiException race) {
          if (race.getCode() == 54301) {
            return Document.fetcher(service, name).fetch(client).getData();
          }
          throw race;
        }
      }
      throw e;
    }
  }

  @Test
  void fetchingAMissingDocumentIs404With20404SoTheCorrectedPatternCreatesIt() {
    assertThat(fetchOrCreate("doc-a")).isEqualTo(Map.of("initialized", true));
    assertThat(Document.fetcher(service, "doc-a").fetch(client).getUniqueName()).isEqualTo("doc-a");
  }

  @Test
  void theSeeds54007BranchIsNeverTakenBecauseTwilioSays20404() {
    ApiException e = catchThrowableOfType(ApiException.class, () -> Document.fetcher(service, "missing").fetch(client));
    assertThat(e.getCode()).isEqualTo(20404).isNotEqualTo(54007);
    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20404");
    assertThat(e.getMessage()).isEqualTo("The requested resource /Services/" + service + "/Documents/missing was not found");
  }

  @Test
  void creatingADuplicateUniqueNameIs409With54301SoTheRaceBranchFetches() {
    Document.creator(service).setUniqueName("doc-b").setData(Map.of("winner", true)).create(client);
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> Document.creator(service).setUniqueName("doc-b").create(client));
    assertThat(e.getCode()).isEqualTo(54301);
    assertThat(e.getStatusCode()).isEqualTo(409);
    assertThat(e.getCode()).as("the seed's 54302 branch is never taken").isNotEqualTo(54302);
  }

  @Test
  void deletingAMissingMapItemIs404With20404AsTwilioAuthoredCodeExpects() {
    SyncMap.creator(service).setUniqueName("user-presence").create(client);
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> SyncMapItem.deleter(service, "user-presence", "user-404").delete(client));
    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(e.getCode()).as("live-video's sync-webhook checks e.code === 20404").isEqualTo(20404)
        .isNotEqualTo(54201).isNotEqualTo(54012);
  }

  @Test
  void aDuplicateMapKeyIs409With54208() {
    SyncMap.creator(service).setUniqueName("m").create(client);
    SyncMapItem.creator(service, "m", "k", Map.of()).create(client);
    ApiException e = catchThrowableOfType(ApiException.class, () -> SyncMapItem.creator(service, "m", "k", Map.of()).create(client));
    assertThat(e.getCode()).isEqualTo(54208);
    assertThat(e.getStatusCode()).isEqualTo(409);
  }

  @Test
  void aMapItemKeyOver320CharactersIs400With54209CountingCharactersNotUtf16Units() {
    SyncMap.creator(service).setUniqueName("keys").create(client);
    String rocket = "\uD83D\uDE80";
    assertThat(SyncMapItem.creator(service, "keys", rocket.repeat(320), Map.of()).create(client).getKey())
        .isEqualTo(rocket.repeat(320));
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> SyncMapItem.creator(service, "keys", rocket.repeat(321), Map.of()).create(client));
    assertThat(e.getCode()).isEqualTo(54209);
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Invalid map item key: expected a string with length 1-320; Key was 321 characters long");
  }

  @Test
  void aUniqueNameOver320CharactersIs400With54302ForEveryObjectType() {
    String name = "n".repeat(320);
    assertThat(Document.creator(service).setUniqueName(name).create(client).getUniqueName()).isEqualTo(name);
    String tooLong = "n".repeat(321);
    List<Runnable> creates = List.of(
        () -> Document.creator(service).setUniqueName(tooLong).create(client),
        () -> SyncList.creator(service).setUniqueName(tooLong).create(client),
        () -> SyncMap.creator(service).setUniqueName(tooLong).create(client),
        () -> SyncStream.creator(service).setUniqueName(tooLong).create(client));
    for (Runnable create : creates) {
      ApiException e = catchThrowableOfType(ApiException.class, create::run);
      assertThat(e.getStatusCode()).isEqualTo(400);
      assertThat(e.getCode()).isEqualTo(54302);
      assertThat(e.getMessage()).isEqualTo("Invalid unique name. Expected a string with length 1-320 not matching the"
          + " SID pattern; UniqueName was 321 characters long");
    }
  }

  @Test
  void aUniqueNameShapedLikeAnySidIs400With54302() {
    String mapSid = "MP" + "0123456789abcdef".repeat(2);
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> Document.creator(service).setUniqueName(mapSid).create(client)); // another type's prefix still counts
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getCode()).isEqualTo(54302);
    assertThat(e.getMessage()).startsWith("Invalid unique name. Expected a string with length 1-320 not matching the SID pattern")
        .endsWith("UniqueName was '" + mapSid + "', which looks like a SID (two letters and 32 hex digits)");
    // 33 hex digits, or a digit in the prefix, is not a SID's shape
    assertThat(Document.creator(service).setUniqueName("MP" + "0".repeat(33)).create(client).getUniqueName()).hasSize(35);
    assertThat(Document.creator(service).setUniqueName("M1" + "0".repeat(32)).create(client).getUniqueName()).hasSize(34);
  }

  @Test
  void aStaleIfMatchIs412With20412OnDocumentsAndItems() {
    Document.creator(service).setUniqueName("d").setData(Map.of("v", 1)).create(client);
    Document.updater(service, "d").setData(Map.of("v", 2)).setIfMatch("0").update(client);
    ApiException doc = catchThrowableOfType(ApiException.class,
        () -> Document.updater(service, "d").setData(Map.of("v", 3)).setIfMatch("0").update(client));
    assertThat(doc.getCode()).isEqualTo(20412);
    assertThat(doc.getStatusCode()).isEqualTo(412);

    SyncList.creator(service).setUniqueName("l").create(client);
    SyncListItem.creator(service, "l", Map.of()).create(client);
    assertThatThrownBy(() -> SyncListItem.updater(service, "l", 0).setData(Map.of("x", 1)).setIfMatch("7").update(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20412));
    assertThatThrownBy(() -> SyncListItem.deleter(service, "l", 0).setIfMatch("7").delete(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));
    assertThat(SyncListItem.deleter(service, "l", 0).setIfMatch("0").delete(client)).isTrue();
  }

  @Test
  void dataOver16KibIs413With54006() {
    Map<String, Object> justFits = Map.of("s", "x".repeat(16 * 1024 - 8));
    Document.creator(service).setUniqueName("fits").setData(justFits).create(client);
    Map<String, Object> tooBig = Map.of("s", "x".repeat(16 * 1024));
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> Document.creator(service).setUniqueName("big").setData(tooBig).create(client));
    assertThat(e.getCode()).isEqualTo(54006);
    assertThat(e.getStatusCode()).isEqualTo(413);
  }

  @Test
  void aTtlOutsideZeroToOneYearIs400With54011() {
    for (int bad : new int[] {-1, 31_536_001}) {
      ApiException e = catchThrowableOfType(ApiException.class,
          () -> Document.creator(service).setUniqueName("ttl").setTtl(bad).create(client));
      assertThat(e.getCode()).isEqualTo(54011);
      assertThat(e.getStatusCode()).isEqualTo(400);
    }
    assertThat(Document.creator(service).setUniqueName("ttl").setTtl(31_536_000).create(client).getDateExpires()).isNotNull();
  }

  @Test
  void aWrongAuthTokenIs401With20003() {
    TwilioRestClient wrong = new TwilioRestClient.Builder(fake.accountSid(), "not-the-token")
        .httpClient(new FakeHttpClient(fake.baseUrl())).build();
    ApiException e = catchThrowableOfType(ApiException.class, () -> Document.reader(service).firstPage(wrong));
    assertThat(e.getCode()).isEqualTo(20003);
    assertThat(e.getStatusCode()).isEqualTo(401);
  }

  @Test
  void aRegisteredApiKeyAuthenticates() {
    String key = "SK" + "0123456789abcdef".repeat(2);
    try (SyncApiFake withKey = SyncApiFake.builder().apiKey(key, "s3cret").start()) {
      TwilioRestClient keyed = new TwilioRestClient.Builder(key, "s3cret").accountSid(withKey.accountSid())
          .httpClient(new FakeHttpClient(withKey.baseUrl())).build();
      assertThat(Document.creator(withKey.defaultServiceSid()).create(keyed).getSid()).startsWith("ET");
    }
  }
}
