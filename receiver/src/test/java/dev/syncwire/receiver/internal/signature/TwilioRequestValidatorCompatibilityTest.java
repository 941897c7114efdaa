package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TwilioRequestValidatorCompatibilityTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final String URL = "https://abc.ngrok.app/webhooks/sync?tenant=acme";

  final SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));

  static Stream<Map<String, String>> syncLikeParams() {
    return Stream.of(
        sync("document_updated", "{\"name\":\"Zoé\",\"city\":\"Montréal\"}"),
        sync("map_item_added", "{\"mood\":\"🎉\",\"flags\":\"🇯🇵\"}"),
        sync("list_item_added", "{\"greeting\":\"こんにちは世界\"}"),
        sync("document_updated", "{\"q\":\"a+b&c=d e%20f\"}"),
        sync("map_item_updated", "plus+amp&eq=space sign; tab\tnewline\n"),
        sync("document_removed", ""));
  }

  static Map<String, String> sync(String eventType, String data) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("EventType", eventType);
    p.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    p.put("ServiceSid", "IS0123456789abcdef0123456789abcdef");
    p.put("Identity", "ユーザー+1 & co=ok");
    p.put("ItemKey", "user 123/é");
    p.put("ItemData", data);
    p.put("EventId", "42");
    return p;
  }

  @ParameterizedTest
  @MethodSource("syncLikeParams")
  void acceptsWhatTwilioJavaSigned(Map<String, String> params) {
    String signature = TwilioJava.sign(TOKEN, URL, params);
    byte[] body = FormParams.of(params).encode().getBytes(StandardCharsets.US_ASCII);

    SignatureCheck check =
        validator.check(SignedRequest.body(URL, "application/x-www-form-urlencoded", body, signature));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
  }

  @ParameterizedTest
  @MethodSource("syncLikeParams")
  void twilioJavaAcceptsWhatTheFixturesSign(Map<String, String> params) {
    String signature = TwilioSignature.compute(TOKEN, URL, FormParams.of(params));

    assertThat(signature).isEqualTo(TwilioJava.sign(TOKEN, URL, params));
    assertThat(TwilioJava.validate(TOKEN, URL, params, signature)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("syncLikeParams")
  void acceptsRawUtf8InAFormBody(Map<String, String> params) {
    // A sender that does not percent-escape non-ASCII characters still signs the decoded values.
    StringBuilder raw = new StringBuilder();
    params.forEach((k, v) -> raw.append(raw.length() == 0 ? "" : "&").append(k).append('=')
        .append(v.replace("%", "%25").replace("+", "%2B").replace("&", "%26").replace("=", "%3D")));
    String signature = TwilioJava.sign(TOKEN, URL, params);

    SignatureCheck check =
        validator.check(
            SignedRequest.body(
                URL, "application/x-www-form-urlencoded", raw.toString().getBytes(StandardCharsets.UTF_8), signature));

    assertThat(check.verdict()).as(check.reason()).isEqualTo(SignatureVerdict.VALID);
  }

  @ParameterizedTest
  @MethodSource("syncLikeParams")
  void bothRejectASignatureMadeWithAnotherToken(Map<String, String> params) {
    String signature = TwilioJava.sign("ffffffffffffffffffffffffffffffff", URL, params);

    SignatureCheck check = validator.check(SignedRequest.form(URL, FormParams.of(params), signature));

    assertThat(check.verdict()).isEqualTo(SignatureVerdict.INVALID);
    assertThat(TwilioJava.validate(TOKEN, URL, params, signature)).isFalse();
  }
}
