package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.receiver.SignatureMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicUrlTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final FormParams PARAMS = FormParams.parse("EventType=document_updated&DocumentSid=ET1");

  final SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));

  static SignedRequest arrivingAt(String localUrl, String signedUrl) {
    return SignedRequest.form(localUrl, PARAMS, TwilioSignature.compute(TOKEN, signedUrl, PARAMS));
  }

  @Test
  void acceptsARequestSignedForThePublicBaseUrlPlusTheRequestPath() {
    SignatureCheck check =
        validator
            .withPublicUrl("https://abc.ngrok.app")
            .check(arrivingAt("http://127.0.0.1:54321/webhooks?x=1", "https://abc.ngrok.app/webhooks?x=1"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo("https://abc.ngrok.app/webhooks?x=1");
  }

  @Test
  void rejectsTheSameRequestWithoutThePublicUrl() {
    SignatureCheck check =
        validator.check(arrivingAt("http://127.0.0.1:54321/webhooks?x=1", "https://abc.ngrok.app/webhooks?x=1"));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.reason()).contains("http://127.0.0.1:54321/webhooks?x=1").contains("--public-url");
  }

  @Test
  void takesAPublicUrlWithTheWebhookPathAsTheWebhookUrlItself() {
    SignatureCheck check =
        validator
            .withPublicUrl("https://abc.ngrok.app/webhooks/")
            .check(arrivingAt("http://127.0.0.1:54321/webhooks", "https://abc.ngrok.app/webhooks"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.urlsTried()).first().isEqualTo("https://abc.ngrok.app/webhooks");
  }

  @Test
  void prependsAPublicPathThatAProxyStrips() {
    SignatureCheck check =
        validator
            .withPublicUrl("https://gateway.example.com/team-a")
            .check(arrivingAt("http://127.0.0.1:54321/webhooks", "https://gateway.example.com/team-a/webhooks"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
  }

  @Test
  void takesThePublicUrlExactlyAsGivenWhenAProxyMapsThatPathOntoTheReceivers() {
    SignatureCheck check =
        validator
            .withPublicUrl("https://example.com/twilio/sync")
            .check(arrivingAt("http://127.0.0.1:54321/webhooks?x=1", "https://example.com/twilio/sync?x=1"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo("https://example.com/twilio/sync?x=1");
    assertThat(check.urlsTried()).first().isEqualTo("https://example.com/twilio/sync/webhooks?x=1");
  }

  @Test
  void namesThePublicUrlInTheReasonWhenNothingMatches() {
    SignatureCheck check =
        validator
            .withPublicUrl("https://abc.ngrok.app")
            .check(arrivingAt("http://127.0.0.1:54321/webhooks", "https://other.ngrok.app/webhooks"));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.urlsTried())
        .containsExactly(
            "https://abc.ngrok.app/webhooks",
            "https://abc.ngrok.app:443/webhooks",
            "http://127.0.0.1:54321/webhooks",
            "http://127.0.0.1/webhooks");
    assertThat(check.reason())
        .contains("https://abc.ngrok.app/webhooks, https://abc.ngrok.app:443/webhooks,")
        .contains("check that the webhook URL set in Twilio is one of these (from --public-url https://abc.ngrok.app)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc.ngrok.app", "ftp://abc.ngrok.app", "https://abc.ngrok.app/webhooks?x=1", "https:///x"})
  void refusesAPublicUrlThatTwilioCouldNotCall(String publicUrl) {
    assertThatThrownBy(() -> validator.withPublicUrl(publicUrl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public URL \"" + publicUrl + "\"");
  }
}
