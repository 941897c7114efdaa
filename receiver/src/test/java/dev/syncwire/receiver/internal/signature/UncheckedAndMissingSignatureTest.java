package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.TwilioSignature;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UncheckedAndMissingSignatureTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final String URL = "http://127.0.0.1:8080/webhooks";
  static final FormParams PARAMS = FormParams.parse("EventType=document_updated");

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void rejectsARequestWithoutASignatureAsMissing(String header) {
    SignatureCheck check =
        SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN)).check(SignedRequest.form(URL, PARAMS, header));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.reason()).startsWith("X-Twilio-Signature header is missing; ");
    assertThat(check.urlsTried()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = SignatureMode.class, names = {"ENFORCE", "WARN"})
  void givesTheSameVerdictInEnforceAndWarn(SignatureMode mode) {
    SignatureValidator validator = SignatureValidator.of(mode, List.of(TOKEN));

    assertThat(validator.check(SignedRequest.form(URL, PARAMS, "bogus=")).verdict())
        .isEqualTo(SignatureVerdict.INVALID);
    assertThat(validator.check(SignedRequest.form(URL, PARAMS, TwilioSignature.compute(TOKEN, URL, PARAMS))).verdict())
        .isEqualTo(SignatureVerdict.VALID);
    assertThat(validator.mode()).isEqualTo(mode);
  }

  @Test
  void leavesEveryRequestUncheckedWhenModeIsOff() {
    SignatureCheck check =
        SignatureValidator.of(SignatureMode.OFF, List.of(TOKEN)).check(SignedRequest.form(URL, PARAMS, null));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.UNCHECKED);
    assertThat(check.urlsTried()).isEmpty();
    assertThat(check.reason()).contains("signature mode is off");
  }

  @Test
  void leavesEveryRequestUncheckedWithoutTokens() {
    SignatureCheck check =
        SignatureValidator.of(SignatureMode.ENFORCE, List.of()).check(SignedRequest.form(URL, PARAMS, "bogus="));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.UNCHECKED);
    assertThat(check.tokenIndex()).isEqualTo(-1);
    assertThat(check.reason()).contains("no auth token is configured");
  }
}
