package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RepeatedParameterTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final String URL = "https://abc.ngrok.app/webhooks";

  final SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));

  /** HMAC over a payload written out by hand, independent of the code under test. */
  static String hmac(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signsEachValueOfARepeatedNameWithValuesSorted() throws Exception {
    FormParams params = FormParams.parse("Tag=zeta&EventType=x&Tag=alpha&Tag=mu");
    String signature = hmac(URL + "EventTypex" + "Tagalpha" + "Tagmu" + "Tagzeta");

    SignatureCheck check = validator.check(SignedRequest.form(URL, params, signature));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
  }

  @Test
  void rejectsRepeatedValuesSignedInArrivalOrder() throws Exception {
    FormParams params = FormParams.parse("Tag=zeta&EventType=x&Tag=alpha&Tag=mu");
    String signature = hmac(URL + "EventTypex" + "Tagzeta" + "Tagalpha" + "Tagmu");

    SignatureCheck check = validator.check(SignedRequest.form(URL, params, signature));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
  }
}
