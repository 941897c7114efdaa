package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.SignatureMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** X-Twilio-Signature end to end, on a real port: enforce, warn, off, port variants, proxies, rotation, JSON. */
class SignatureOverHttpTest {
  private static final String TOKEN = "primary-token";
  private static final String NEXT_TOKEN = "rotated-token";

  @Test
  void enforceAcceptsAValidSignatureAndRefusesABadOneWith403NamingTheUrl() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      FormParams params = Webhooks.mapItemRemoved().build();

      assertThat(WebhookClient.postForm(receiver.webhookUrl(), params, TOKEN).status()).isEqualTo(200);
      WebhookClient.Reply bad = WebhookClient.postForm(receiver.webhookUrl(), params, "wrong-token");

      assertThat(bad.status()).isEqualTo(403);
      assertThat(bad.json().get("error").asText()).isEqualTo("invalid_signature");
      assertThat(bad.json().get("field").asText()).isEqualTo("X-Twilio-Signature");
      assertThat(bad.json().get("message").asText()).contains(receiver.webhookUrl().toString());
      SyncEvent kept = receiver.events().get(bad.json().get("id").asLong()).orElseThrow();
      assertThat(kept.status()).isEqualTo(EventStatus.REJECTED);
      assertThat(kept.signature()).isEqualTo(SignatureVerdict.INVALID);
    }
  }

  @Test
  void enforceRefusesAMissingSignature() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().build());

      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json().get("message").asText()).contains("missing");
    }
  }

  @Test
  void warnRecordsABadSignatureFlaggedInvalidAndAnswers200() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN)
        .signatureMode(SignatureMode.WARN).build())) {
      WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().build(),
          "wrong-token");

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().get("signature").asText()).isEqualTo("invalid");
      SyncEvent event = receiver.events().get(reply.json().get("id").asLong()).orElseThrow();
      assertThat(event.status()).isEqualTo(EventStatus.ACCEPTED);
      assertThat(event.signature()).isEqualTo(SignatureVerdict.INVALID);
      assertThat(event.errors()).extracting(v -> v.field()).containsExactly("X-Twilio-Signature");
    }
  }

  @Test
  void offLeavesSignaturesUnchecked() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN)
        .signatureMode(SignatureMode.OFF).build())) {
      WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().build(),
          "wrong-token");

      assertThat(reply.status()).isEqualTo(200);
      assertThat(receiver.events().latest().orElseThrow().signature()).isEqualTo(SignatureVerdict.UNCHECKED);
    }
  }

  @Test
  void withoutATokenSignaturesAreUnchecked() {
    try (SyncReceiver receiver = SyncReceiver.start()) {
      WebhookClient.Reply reply = WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().build());

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().get("signature").asText()).isEqualTo("unchecked");
    }
  }

  @Test
  void acceptsEitherOfTwoTokensDuringRotation() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).authToken(NEXT_TOKEN)
        .build())) {
      assertThat(WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentUpdated().build(), TOKEN).status())
          .isEqualTo(200);
      assertThat(WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentRemoved().build(), NEXT_TOKEN)
          .status()).isEqualTo(200);
      assertThat(WebhookClient.postForm(receiver.webhookUrl(), Webhooks.documentCreated().build(), "old-token")
          .status()).isEqualTo(403);
    }
  }

  @Test
  void acceptsASignatureOverTheUrlWithoutItsPortAsTwilioDoes() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      FormParams params = Webhooks.listItemAdded().build();
      String withoutPort = "http://127.0.0.1/webhooks";

      WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
          params.encode().getBytes(StandardCharsets.UTF_8),
          Map.of(TwilioSignature.HEADER, TwilioSignature.compute(TOKEN, withoutPort, params)));

      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(receiver.events().latest().orElseThrow().signatureUrl()).isEqualTo(withoutPort);
    }
  }

  @Test
  void behindATunnelTheForwardedHeadersNameTheSignedUrl() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      FormParams params = Webhooks.mapItemUpdated().build();
      String publicUrl = "https://abc.ngrok.app/webhooks";
      String signature = TwilioSignature.compute(TOKEN, publicUrl, params);
      byte[] body = params.encode().getBytes(StandardCharsets.UTF_8);

      WebhookClient.Reply forwarded = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
          body, Map.of(TwilioSignature.HEADER, signature, "X-Forwarded-Proto", "https",
              "X-Forwarded-Host", "abc.ngrok.app"));
      WebhookClient.Reply direct = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
          body, Map.of(TwilioSignature.HEADER, signature));

      assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
      assertThat(direct.status()).isEqualTo(403);
      assertThat(direct.json().get("message").asText()).contains(receiver.webhookUrl().toString()).contains("--public-url");
    }
  }

  @Test
  void aConfiguredPublicUrlIsWhatSignaturesAreCheckedAgainst() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN)
        .publicUrl(URI.create("https://hooks.example.com")).build())) {
      FormParams params = Webhooks.mapItemUpdated().build();

      WebhookClient.Reply reply = WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
          params.encode().getBytes(StandardCharsets.UTF_8),
          Map.of(TwilioSignature.HEADER, TwilioSignature.compute(TOKEN, "https://hooks.example.com:443/webhooks", params)));

      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(receiver.events().latest().orElseThrow().signatureUrl())
          .isEqualTo("https://hooks.example.com:443/webhooks");
    }
  }

  @Test
  void aJsonBodyIsCheckedByItsBodySha256() {
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).build())) {
      byte[] body = "{\"EventType\":\"document_updated\",\"AccountSid\":\"AC00000000000000000000000000000001\",\"ServiceSid\":\"IS00000000000000000000000000000001\",\"Identity\":\"system\",\"DocumentSid\":\"ET00000000000000000000000000000001\",\"DocumentData\":{\"stage\":\"menu\"}}"
          .getBytes(StandardCharsets.UTF_8);
      URI url = URI.create(receiver.webhookUrl() + "?bodySHA256=" + TwilioSignature.bodySha256(body));

      WebhookClient.Reply good = WebhookClient.post(url, "application/json", body,
          Map.of(TwilioSignature.HEADER, TwilioSignature.computeForUrl(TOKEN, url.toString())));
      byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("menu", "exit").getBytes(StandardCharsets.UTF_8);
      WebhookClient.Reply bad = WebhookClient.post(url, "application/json", tampered,
          Map.of(TwilioSignature.HEADER, TwilioSignature.computeForUrl(TOKEN, url.toString())));

      assertThat(good.status()).as(good.body()).isEqualTo(200);
      assertThat(receiver.events().get(good.json().get("id").asLong()).orElseThrow().data().get("stage").asText())
          .isEqualTo("menu");
      assertThat(bad.status()).isEqualTo(403);
      assertThat(bad.json().get("message").asText()).contains("bodySHA256");
    }
  }
}
