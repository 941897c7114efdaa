package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.TwilioSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HMAC-SHA256 signatures under Webhook Rules, on a real port. The signatures below were computed
 * once with openssl, not with syncwire's code:
 *
 * <pre>
 * Z=00000000000000000000000000000001
 * P="https://hooks.example.com/webhooksAccountSidAC${Z}DocumentData{\"a\":1}DocumentSidET${Z}EventTypedocument_updatedIdentitysystemServiceSidIS${Z}"
 * printf '%s' "$P" | openssl dgst -sha256 -hmac 'rule-secret-1' -binary | base64   # 9JNwpRY30uJKJH571/4Te2DNmpOMJg36CYzF9gy3USs=
 * printf '%s' "$P" | openssl dgst -sha1 -hmac 'primary-token' -binary | base64     # JdRpQ/WaVaLPf6Cd/gAdlR97y60=
 * </pre>
 */
class SigningKeyOverHttpTest {
  private static final String TOKEN = "primary-token";
  private static final String SHA256_SIGNATURE = "9JNwpRY30uJKJH571/4Te2DNmpOMJg36CYzF9gy3USs=";
  private static final String SHA1_SIGNATURE = "JdRpQ/WaVaLPf6Cd/gAdlR97y60=";
  private static final String SETTINGS = TwilioSignature.SETTINGS_HEADER;
  private static final String Z = "00000000000000000000000000000001";

  private static FormParams params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccountSid", "AC" + Z);
    p.put("ServiceSid", "IS" + Z);
    p.put("EventType", "document_updated");
    p.put("Identity", "system");
    p.put("DocumentSid", "ET" + Z);
    p.put("DocumentData", "{\"a\":1}");
    return FormParams.of(p);
  }

  private static SyncReceiver start(ReceiverConfig.Builder config) {
    return SyncReceiver.start(config.publicUrl(URI.create("https://hooks.example.com")).build());
  }

  private static WebhookClient.Reply post(SyncReceiver receiver, Map<String, String> headers) {
    return WebhookClient.post(receiver.webhookUrl(), "application/x-www-form-urlencoded",
        params().encode().getBytes(StandardCharsets.UTF_8), headers);
  }

  @Test
  void aRuleSignedWebhookIsValidWithItsKeyAndHmacSha256() {
    try (SyncReceiver receiver = start(ReceiverConfig.builder().signingKey("KEY1", "rule-secret-1"))) {
      WebhookClient.Reply reply = post(receiver, Map.of(TwilioSignature.HEADER, SHA256_SIGNATURE,
          SETTINGS, "key=KEY1,algorithm=HMAC_SHA256"));

      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      SyncEvent event = receiver.events().get(reply.json().get("id").asLong()).orElseThrow();
      assertThat(event.status()).isEqualTo(EventStatus.ACCEPTED);
      assertThat(event.signature()).isEqualTo(SignatureVerdict.VALID);
    }
  }

  @Test
  void withoutTheSettingsHeaderItIsHmacSha1WithTheAuthTokenAsBefore() {
    try (SyncReceiver receiver = start(ReceiverConfig.builder().authToken(TOKEN).signingKey("KEY1", "rule-secret-1"))) {
      assertThat(post(receiver, Map.of(TwilioSignature.HEADER, SHA1_SIGNATURE)).status()).isEqualTo(200);
      // the SHA-256 signature without the header is not accepted: it is checked as HMAC-SHA1
      WebhookClient.Reply unannounced = post(receiver, Map.of(TwilioSignature.HEADER, SHA256_SIGNATURE));
      assertThat(unannounced.status()).isEqualTo(403);
      assertThat(unannounced.json().get("message").asText()).startsWith("X-Twilio-Signature does not match the auth token");
    }
  }

  @Test
  void anUnknownKeyIdIs403NamingItAndTheFlag() {
    try (SyncReceiver receiver = start(ReceiverConfig.builder().authToken(TOKEN).signingKey("KEY1", "rule-secret-1"))) {
      WebhookClient.Reply reply = post(receiver, Map.of(TwilioSignature.HEADER, SHA256_SIGNATURE,
          SETTINGS, "key=KEY9,algorithm=HMAC_SHA256"));

      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json().get("error").asText()).isEqualTo("invalid_signature");
      assertThat(reply.json().get("message").asText()).isEqualTo("X-Twilio-Webhooks-Signature-Settings"
          + " 'key=KEY9,algorithm=HMAC_SHA256' names key 'KEY9', which this receiver does not have; give it with"
          + " --signing-key KEY9:SECRET (ReceiverConfig.builder().signingKey(...)); it has KEY1");
      assertThat(receiver.events().get(reply.json().get("id").asLong()).orElseThrow().signature())
          .isEqualTo(SignatureVerdict.INVALID);
    }
  }

  @Test
  void anUnknownAlgorithmIs403NamingIt() {
    try (SyncReceiver receiver = start(ReceiverConfig.builder().signingKey("KEY1", "rule-secret-1"))) {
      WebhookClient.Reply reply = post(receiver, Map.of(TwilioSignature.HEADER, SHA256_SIGNATURE,
          SETTINGS, "key=KEY1,algorithm=HMAC_SHA512"));

      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json().get("message").asText()).contains("names algorithm 'HMAC_SHA512', which this receiver"
          + " cannot check; Webhook Rules sign with HMAC_SHA256");
    }
  }

  @Test
  void aSignatureMadeWithAnotherSecretOrTheAuthTokenDoesNotMatchTheKey() {
    try (SyncReceiver receiver = start(ReceiverConfig.builder().authToken(TOKEN).signingKey("KEY1", "other-secret"))) {
      WebhookClient.Reply wrongSecret = post(receiver, Map.of(TwilioSignature.HEADER, SHA256_SIGNATURE,
          SETTINGS, "key=KEY1,algorithm=HMAC_SHA256"));
      assertThat(wrongSecret.status()).isEqualTo(403);
      assertThat(wrongSecret.json().get("message").asText())
          .startsWith("X-Twilio-Signature does not match signing key KEY1 (HMAC-SHA256) for https://hooks.example.com/webhooks");

      WebhookClient.Reply sha1UnderARule = post(receiver, Map.of(TwilioSignature.HEADER, SHA1_SIGNATURE,
          SETTINGS, "key=KEY1,algorithm=HMAC_SHA256"));
      assertThat(sha1UnderARule.status()).isEqualTo(403);
    }
  }

  @Test
  void withOnlyKeysAWebhookWithoutTheSettingsHeaderIsRefusedNotUnchecked() {
    try (SyncReceiver receiver = start(ReceiverConfig.builder().signingKey("KEY1", "rule-secret-1"))) {
      WebhookClient.Reply reply = post(receiver, Map.of(TwilioSignature.HEADER, SHA1_SIGNATURE));
      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json().get("message").asText()).startsWith("X-Twilio-Webhooks-Signature-Settings header is"
          + " missing").contains("--auth-token");
    }
  }

  @Test
  void aKeyNeedsAnIdAndASecretAndEachIdOnce() {
    assertThatThrownBy(() -> ReceiverConfig.builder().signingKey("", "s")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KEY_ID:SECRET");
    assertThatThrownBy(() -> ReceiverConfig.builder().signingKey("K,1", "s")).hasMessageContaining("holds ','");
    assertThatThrownBy(() -> ReceiverConfig.builder().signingKey("K1", "a").signingKey("K1", "b"))
        .hasMessage("signing key id 'K1' is given twice; give each key once");
  }
}
