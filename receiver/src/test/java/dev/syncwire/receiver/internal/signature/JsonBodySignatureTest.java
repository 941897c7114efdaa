package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodySignatureTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final String BODY = "{\"EventType\":\"document_updated\",\"DocumentData\":{\"name\":\"Zoé 🎉 日本\"}}";
  static final String HASH = TwilioSignature.bodySha256(BODY.getBytes(StandardCharsets.UTF_8));
  static final String URL = "https://abc.ngrok.app/webhooks?bodySHA256=" + HASH;

  final SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));

  static SignedRequest json(String url, String body, String signature) {
    return SignedRequest.body(url, "application/json", body.getBytes(StandardCharsets.UTF_8), signature);
  }

  @Test
  void acceptsAJsonBodyWhoseHashIsInTheSignedUrl() throws Exception {
    String signature = TwilioJava.sign(TOKEN, URL, Map.of());

    SignatureCheck check = validator.check(json(URL, BODY, signature));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(URL);
    assertThat(new RequestValidator(TOKEN).validate(URL, BODY, signature)).isTrue();
  }

  @Test
  void acceptsAJsonBodyRequestedWithTheDefaultPort() {
    String signature = TwilioJava.sign(TOKEN, URL, Map.of());
    String withPort = URL.replace("abc.ngrok.app/", "abc.ngrok.app:443/");

    SignatureCheck check = validator.check(json(withPort, BODY, signature));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
    assertThat(check.matchedUrl()).isEqualTo(URL);
  }

  @Test
  void rejectsATamperedBodyAndNamesBothHashes() throws Exception {
    String signature = TwilioJava.sign(TOKEN, URL, Map.of());
    String tampered = BODY.replace("Zoé", "Zoe");
    String tamperedHash = TwilioSignature.bodySha256(tampered.getBytes(StandardCharsets.UTF_8));

    SignatureCheck check = validator.check(json(URL, tampered, signature));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.reason())
        .startsWith("bodySHA256 in the URL is " + HASH + " but the body hashes to " + tamperedHash)
        .contains("the body was changed after Twilio signed it");
    assertThat(new RequestValidator(TOKEN).validate(URL, tampered, signature)).isFalse();
  }

  @Test
  void rejectsAJsonBodyWhenTheUrlHasNoBodyHash() throws Exception {
    String url = "https://abc.ngrok.app/webhooks";
    String signature = TwilioJava.sign(TOKEN, url, Map.of());

    SignatureCheck check = validator.check(json(url, BODY, signature));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.reason())
        .startsWith("the body is application/json but the URL has no bodySHA256 parameter");
    assertThat(new RequestValidator(TOKEN).validate(url, BODY, signature)).isFalse();
  }

  @Test
  void rejectsAJsonBodySignedOverTheUrlAndBodyAsIfItWereAForm() {
    String signature = TwilioJava.sign(TOKEN, URL, Map.of("body", BODY));

    SignatureCheck check = validator.check(json(URL, BODY, signature));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(check.reason()).startsWith("X-Twilio-Signature does not match the auth token for " + URL);
  }

  @Test
  void acceptsAnEmptyBodySignedOverTheUrlAlone() {
    String url = "https://abc.ngrok.app/webhooks?EventType=ping";
    String signature = TwilioSignature.computeForUrl(TOKEN, url);

    SignatureCheck check = validator.check(SignedRequest.body(url, null, new byte[0], signature));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
  }
}
