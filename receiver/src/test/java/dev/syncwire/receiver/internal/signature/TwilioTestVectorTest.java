package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioTestVectorTest {
  static final String TOKEN = "12345";
  static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  static final String URL_WITH_PORT = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
  static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  static Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("CallSid", "CA1234567890ABCDE");
    p.put("Caller", "+14158675309");
    p.put("Digits", "1234");
    p.put("From", "+14158675309");
    p.put("To", "+18005551212");
    return p;
  }

  final SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));

  @Test
  void acceptsTheVectorFromTwilioJavasOwnTests() {
    SignatureCheck check = validator.check(SignedRequest.form(URL, FormParams.of(params()), SIGNATURE));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(URL);
    assertThat(check.urlsTried()).containsExactly(URL);
    assertThat(check.tokenIndex()).isZero();
    assertThat(check.reason()).isEqualTo("X-Twilio-Signature matches the auth token for " + URL);
  }

  @Test
  void acceptsTheVectorWhenTheRequestUrlCarriesTheDefaultPort() {
    SignatureCheck check =
        validator.check(SignedRequest.form(URL_WITH_PORT, FormParams.of(params()), SIGNATURE));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.urlsTried()).containsExactly(URL_WITH_PORT, URL);
    assertThat(check.matchedUrl()).isEqualTo(URL);
  }

  @Test
  void acceptsASignatureMadeWithThePortWhenTheRequestUrlHasNone() {
    String signedWithPort = TwilioJava.sign(TOKEN, URL_WITH_PORT, params());
    assertThat(signedWithPort).isNotEqualTo(SIGNATURE);

    SignatureCheck check = validator.check(SignedRequest.form(URL, FormParams.of(params()), signedWithPort));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(URL_WITH_PORT);
  }

  @Test
  void acceptsTheVectorSentAsAnEncodedFormBody() {
    byte[] body = FormParams.of(params()).encode().getBytes();

    SignatureCheck check =
        validator.check(
            SignedRequest.body(URL, "application/x-www-form-urlencoded; charset=UTF-8", body, SIGNATURE));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.VALID);
  }

  @Test
  void rejectsTheVectorWhenOneParameterChanged() {
    FormParams changed = FormParams.of(params()).with("Digits", "1235");

    SignatureCheck check = validator.check(SignedRequest.form(URL, changed, SIGNATURE));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.matchedUrl()).isNull();
    assertThat(check.tokenIndex()).isEqualTo(-1);
    assertThat(check.reason())
        .startsWith("X-Twilio-Signature does not match the auth token for " + URL + " or " + URL_WITH_PORT);
  }
}
