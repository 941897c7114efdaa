package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.TwilioSignature;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final String LOCAL = "http://127.0.0.1:54321/webhooks";
  static final String PUBLIC = "https://abc.ngrok.app/webhooks";
  static final FormParams PARAMS = FormParams.parse("EventType=map_item_added&ItemKey=user-123");

  final SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));

  static SignedRequest signedFor(String signedUrl) {
    return SignedRequest.form(LOCAL, PARAMS, TwilioSignature.compute(TOKEN, signedUrl, PARAMS));
  }

  @Test
  void acceptsATunnelledRequestFromXForwardedProtoAndHost() {
    SignatureCheck check =
        validator.check(
            signedFor(PUBLIC)
                .withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Host", "abc.ngrok.app"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(PUBLIC);
  }

  @Test
  void rejectsATunnelledRequestWithoutForwardingHeadersAndListsTheUrlsItTried() {
    SignatureCheck check = validator.check(signedFor(PUBLIC));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.urlsTried()).containsExactly(LOCAL, "http://127.0.0.1/webhooks");
    assertThat(check.reason())
        .isEqualTo(
            "X-Twilio-Signature does not match the auth token for " + LOCAL
                + " or http://127.0.0.1/webhooks; if Twilio calls a public URL (a tunnel), start"
                + " with --public-url https://<your-host>");
  }

  @Test
  void triesTheForwardedUrlBeforeTheLocalOne() {
    SignatureCheck check =
        validator.check(
            signedFor("https://elsewhere.example/webhooks")
                .withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Host", "abc.ngrok.app"));

    assertThat(check.urlsTried())
        .containsExactly(PUBLIC, "https://abc.ngrok.app:443/webhooks", LOCAL, "http://127.0.0.1/webhooks");
  }

  @Test
  void ignoresForwardingHeadersWhenNotTrustedAndSaysSo() {
    SignatureCheck check =
        validator
            .trustingForwardedHeaders(false)
            .check(
                signedFor(PUBLIC)
                    .withHeader("X-Forwarded-Proto", "https")
                    .withHeader("X-Forwarded-Host", "abc.ngrok.app"));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.urlsTried()).doesNotContain(PUBLIC);
    assertThat(check.reason()).contains("forwarding headers, which are not trusted");
  }

  @Test
  void acceptsTheFirstEntryOfAnRfc7239ForwardedHeader() {
    SignatureCheck check =
        validator.check(
            signedFor(PUBLIC)
                .withHeader("Forwarded", "for=203.0.113.7;proto=https;host=\"abc.ngrok.app\", for=10.0.0.2;proto=http"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(PUBLIC);
  }

  @Test
  void acceptsTheFirstHostOfACommaSeparatedXForwardedHost() {
    SignatureCheck check =
        validator.check(
            signedFor(PUBLIC)
                .withHeader("X-Forwarded-Proto", "https, http")
                .withHeader("X-Forwarded-Host", "abc.ngrok.app, internal-proxy:8080"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
  }

  @Test
  void addsANonDefaultXForwardedPortToTheForwardedHost() {
    String signedUrl = "https://abc.ngrok.app:8443/webhooks";

    SignatureCheck check =
        validator.check(
            signedFor(signedUrl)
                .withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Host", "abc.ngrok.app")
                .withHeader("X-Forwarded-Port", "8443"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(signedUrl);
  }

  @Test
  void keepsTheHostHeaderWhenOnlyTheProtoIsForwarded() {
    String signedUrl = "https://127.0.0.1:54321/webhooks";

    SignatureCheck check = validator.check(signedFor(signedUrl).withHeader("X-Forwarded-Proto", "https"));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(signedUrl);
  }

  @Test
  void refusesAHeaderThatCannotChangeTheSignedUrl() {
    assertThatThrownBy(() -> signedFor(PUBLIC).withHeader("Content-Type", "text/plain"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("header Content-Type does not affect the signature;");
  }
}
