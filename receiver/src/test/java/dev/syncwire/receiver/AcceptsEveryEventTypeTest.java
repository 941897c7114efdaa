package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.Webhooks;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type of both dialects, signed, over a real port: 200, and recorded with the right fields. */
class AcceptsEveryEventTypeTest {
  private static final String TOKEN = "every-type-token";
  private static SyncReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build());
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  static Stream<Arguments> seedTypes() {
    return Arrays.stream(EventType.values()).filter(t -> t.seedName().isPresent())
        .map(t -> Arguments.of(t.seedName().get(), t));
  }

  @ParameterizedTest(name = "seed {0} is recorded as {1}")
  @MethodSource("seedTypes")
  void acceptsEachSeedEventType(String seedName, EventType canonical) {
    WebhookBuilder builder = Webhooks.of(canonical).seedDialect().object("seed-" + seedName);
    FormParams params = builder.build();
    assertThat(params.get("EventType")).isEqualTo(seedName);

    SyncEvent event = postAndFetch(params);

    assertThat(event.eventType()).isEqualTo(seedName);
    assertThat(event.canonicalType()).isEqualTo(canonical);
    assertThat(event.dialect()).isEqualTo(Dialect.SEED);
    assertThat(event.objectSid()).isEqualTo(params.get("ResourceSid")).startsWith(canonical.objectType().sidPrefix());
    assertThat(event.objectName()).isEqualTo("seed-" + seedName);
    if (!canonical.removal()) {
      assertThat(event.data()).isNotNull();
      assertThat(event.data().toString()).isEqualTo(WebhookClient.JSON.valueToTree(readJson(params.get("Data"))).toString());
    }
    assertCommon(event, params);
  }

  @ParameterizedTest(name = "real {0}")
  @EnumSource(EventType.class)
  void acceptsEachRealEventType(EventType type) {
    FormParams params = Webhooks.of(type).index(7).eventId(3).build();

    SyncEvent event = postAndFetch(params);

    assertThat(event.eventType()).isEqualTo(type.wireName());
    assertThat(event.canonicalType()).isEqualTo(type);
    assertThat(event.dialect()).isEqualTo(Dialect.REAL);
    assertThat(event.objectType()).isEqualTo(type.objectType());
    assertThat(event.webhook().identity()).isNotBlank();
    switch (type.objectType()) {
      case ENDPOINT -> assertThat(event.webhook().endpointId()).isEqualTo(params.get("EndpointId"));
      default -> {
        assertThat(event.objectSid()).isEqualTo(params.get(type.objectType().sidParam()));
        assertThat(event.objectName()).isEqualTo(params.get(type.objectType().uniqueNameParam()));
      }
    }
    if (type.itemEvent() && type.objectType() == ObjectType.MAP) {
      assertThat(event.itemKey()).isEqualTo("user-123");
      assertThat(event.webhook().eventId()).isEqualTo(3L);
    }
    if (type.itemEvent() && type.objectType() == ObjectType.LIST) {
      assertThat(event.itemIndex()).isEqualTo(7L);
      assertThat(event.webhook().eventId()).isEqualTo(3L);
    }
    if (!type.removal() && type.objectType() != ObjectType.ENDPOINT
        && type != EventType.LIST_CREATED && type != EventType.MAP_CREATED) {
      assertThat(event.data()).isNotNull();
    }
    assertCommon(event, params);
  }

  private static void assertCommon(SyncEvent event, FormParams params) {
    assertThat(event.status()).isEqualTo(EventStatus.ACCEPTED);
    assertThat(event.signature()).isEqualTo(SignatureVerdict.VALID);
    assertThat(event.signatureUrl()).isEqualTo(receiver.webhookUrl().toString());
    assertThat(event.accountSid()).isEqualTo(WebhookBuilder.DEFAULT_ACCOUNT_SID);
    assertThat(event.serviceSid()).isEqualTo(WebhookBuilder.DEFAULT_SERVICE_SID);
    assertThat(event.params()).isEqualTo(params);
    assertThat(event.request().body()).isEqualTo(params.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(event.errors()).isEmpty();
  }

  private static SyncEvent postAndFetch(FormParams params) {
    WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), params, TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    long id = reply.json().get("id").asLong();
    // Recorded before the answer: it is there the moment the 200 arrives, in memory and over the API.
    SyncEvent event = receiver.events().get(id).orElseThrow();
    JsonNode api = WebhookClient.get(receiver.baseUrl().resolve("/api/events/" + id)).json();
    assertThat(api.get("canonicalType").asText()).isEqualTo(event.canonicalType().wireName());
    assertThat(api.get("status").asText()).isEqualTo("accepted");
    return event;
  }

  private static JsonNode readJson(String text) {
    try {
      return WebhookClient.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
