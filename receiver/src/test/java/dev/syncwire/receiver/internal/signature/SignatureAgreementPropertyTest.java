package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.receiver.SignatureMode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SignatureAgreementPropertyTest {
  enum Signer { TWILIO_AT_URL, TWILIO_AT_PORT_VARIANT, OTHER_TOKEN, OTHER_URL }

  @Property(tries = 400)
  void ourValidatorAndTwilioJavaAgree(
      @ForAll("tokens") String token,
      @ForAll("urls") String url,
      @ForAll("params") Map<String, String> params,
      @ForAll Signer signer) {
    String signature =
        switch (signer) {
          case TWILIO_AT_URL -> TwilioJava.sign(token, url, params);
          case TWILIO_AT_PORT_VARIANT -> TwilioJava.sign(token, PortVariant.of(url), params);
          case OTHER_TOKEN -> TwilioJava.sign(token + "0", url, params);
          case OTHER_URL -> TwilioJava.sign(token, url + "x", params);
        };
    boolean twilioAccepts = TwilioJava.validate(token, url, params, signature);

    SignatureCheck check =
        SignatureValidator.of(SignatureMode.ENFORCE, List.of(token))
            .check(SignedRequest.form(url, FormParams.of(params), signature));

    assertThat(check.verdict() == SignatureVerdict.VALID).as(check.reason()).isEqualTo(twilioAccepts);
    boolean genuine = signer == Signer.TWILIO_AT_URL || signer == Signer.TWILIO_AT_PORT_VARIANT;
    assertThat(twilioAccepts).as("twilio-java on %s", url).isEqualTo(genuine);
  }

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(32);
  }

  @Provide
  Arbitrary<String> urls() {
    Arbitrary<String> scheme = Arbitraries.of("http", "https");
    Arbitrary<String> host = Arbitraries.of("mycompany.com", "127.0.0.1", "abc.ngrok.app", "[::1]");
    Arbitrary<String> port = Arbitraries.of("", ":80", ":443", ":8080");
    // Unreserved characters only: twilio-java rebuilds the port variant through java.net.URI,
    // which decodes escapes; the URL Twilio signs is kept byte for byte by us.
    Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').withChars("-_.~0").ofMaxLength(8);
    Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(s -> "/" + String.join("/", s));
    Arbitrary<String> query =
        Combinators.combine(segment, segment)
            .as((k, v) -> k + "=" + v)
            .list()
            .ofMaxSize(3)
            .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    return Combinators.combine(scheme, host, port, path, query).as((s, h, p, pa, q) -> s + "://" + h + p + pa + q);
  }

  @Provide
  Arbitrary<Map<String, String>> params() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("EventType", "ItemData", "ItemKey", "Identity", "AccountSid", "DocumentData"),
            Arbitraries.strings().alpha().numeric().withChars("_é").ofMinLength(1).ofMaxLength(10));
    Arbitrary<String> fragment =
        Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMaxLength(6),
            Arbitraries.of("é", "😀", "🇯🇵", "日本語", "+", "&", "=", " ", "%20", "\n", "\"{}\""));
    Arbitrary<String> values = fragment.list().ofMaxSize(6).map(parts -> String.join("", parts));
    return Arbitraries.maps(names, values).ofMaxSize(8);
  }
}
