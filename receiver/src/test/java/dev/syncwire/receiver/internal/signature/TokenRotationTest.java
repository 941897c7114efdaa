package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.TwilioSignature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRotationTest {
  static final String OLD = "11111111111111111111111111111111";
  static final String NEW = "22222222222222222222222222222222";
  static final String URL = "http://127.0.0.1:8080/webhooks";
  static final FormParams PARAMS = FormParams.parse("EventType=document_updated&DocumentUniqueName=settings");

  final SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(OLD, NEW));

  @Test
  void acceptsTheSecondTokenAndReportsItsIndex() {
    SignatureCheck check =
        validator.check(SignedRequest.form(URL, PARAMS, TwilioSignature.compute(NEW, URL, PARAMS)));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.tokenIndex()).isEqualTo(1);
    assertThat(check.reason()).isEqualTo("X-Twilio-Signature matches auth token 2 of 2 for " + URL);
  }

  @Test
  void acceptsTheFirstTokenAndReportsItsIndex() {
    SignatureCheck check =
        validator.check(SignedRequest.form(URL, PARAMS, TwilioSignature.compute(OLD, URL, PARAMS)));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.tokenIndex()).isZero();
  }

  @Test
  void rejectsAThirdTokenAndCountsTheTokensWithoutPrintingThem() {
    String other = "33333333333333333333333333333333";

    SignatureCheck check =
        validator.check(SignedRequest.form(URL, PARAMS, TwilioSignature.compute(other, URL, PARAMS)));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.reason())
        .isEqualTo(
            "X-Twilio-Signature does not match any of 2 auth tokens for http://127.0.0.1:8080/webhooks"
                + " or http://127.0.0.1/webhooks; if Twilio calls a public URL (a tunnel), start with"
                + " --public-url https://<your-host>");
    assertThat(check.toString() + validator).doesNotContain(OLD).doesNotContain(NEW);
  }

  @Test
  void refusesABlankTokenNamingItsPosition() {
    assertThatThrownBy(() -> SignatureValidator.of(SignatureMode.ENFORCE, Arrays.asList(OLD, " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("auth token 2 of 2 is empty;");
  }
}
