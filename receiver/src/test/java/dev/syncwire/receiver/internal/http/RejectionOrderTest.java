package dev.syncwire.receiver.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.Violation;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.receiver.internal.signature.SignatureCheck;
import dev.syncwire.receiver.internal.signature.SignatureValidator;
import dev.syncwire.receiver.internal.signature.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which rejection wins when a delivery breaks several rules: body, then 403 (enforced), then 400. */
class RejectionOrderTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private static final String URL = "http://127.0.0.1:8080/webhooks";
  private static final SignatureValidator VALIDATOR = SignatureValidator.of(SignatureMode.ENFORCE, List.of(TOKEN));

  @ParameterizedTest(name = "{0} body, {1} signature, {2}, {3} webhook -> {4} {5}")
  @CsvSource(delimiter = '|', textBlock = """
      # body      | signature | mode    | webhook | status | error
        form        | good      | enforce | whole   | 200    | -
        form        | good      | enforce | broken  | 400    | invalid_webhook
        form        | bad       | enforce | whole   | 403    | invalid_signature
        form        | bad       | enforce | broken  | 403    | invalid_signature
        form        | good      | warn    | whole   | 200    | -
        form        | good      | warn    | broken  | 400    | invalid_webhook
        form        | bad       | warn    | whole   | 200    | -
        form        | bad       | warn    | broken  | 400    | invalid_webhook
        text/plain  | good      | enforce | whole   | 415    | unsupported_media_type
        text/plain  | bad       | enforce | whole   | 415    | unsupported_media_type
        text/plain  | bad       | warn    | broken  | 415    | unsupported_media_type
        latin-1     | bad       | enforce | whole   | 415    | unsupported_media_type
        broken-json | good      | enforce | whole   | 400    | invalid_webhook
        broken-json | bad       | enforce | whole   | 400    | invalid_webhook
        broken-json | bad       | warn    | broken  | 400    | invalid_webhook
      """)
  void theFirstBrokenRuleInOrderWins(String body, String signature, String mode, String webhook, int status,
      String error) {
    FormParams sent = webhook.equals("whole") ? Webhooks.mapItemAdded().build()
        : Webhooks.mapItemAdded().build().without("EventType");
    String contentType = switch (body) {
      case "form" -> "application/x-www-form-urlencoded";
      case "latin-1" -> "application/x-www-form-urlencoded; charset=ISO-8859-1";
      case "broken-json" -> "application/json";
      default -> body;
    };
    byte[] bytes = (body.equals("broken-json") ? "{\"EventType\":" : sent.encode()).getBytes(StandardCharsets.UTF_8);

    ApiError bodyProblem = null;
    FormParams params;
    try {
      params = WebhookBody.parse(contentType, bytes);
    } catch (ApiError e) {
      bodyProblem = e;
      params = FormParams.empty();
    }
    String header = signature.equals("good") ? TwilioSignature.compute(TOKEN, URL, params) : "bm90IHRoZSBzaWduYXR1cmU=";
    SignatureCheck check = VALIDATOR.check(SignedRequest.form(URL, params, header));

    RejectionOrder.Outcome outcome = RejectionOrder.decide(bodyProblem, check, header,
        SignatureMode.parse(mode) == SignatureMode.ENFORCE, SyncWebhook.read(params));

    if (status == 200) {
      assertThat(outcome.rejection()).as("admitted").isNull();
    } else {
      assertThat(outcome.rejection()).as("rejected").isNotNull();
      assertThat(outcome.rejection().status()).isEqualTo(status);
      assertThat(outcome.rejection().error()).isEqualTo(error);
    }
    // every broken rule is recorded, the signature's first, whichever answer won
    List<String> fields = outcome.errors().stream().map(Violation::field).toList();
    if (signature.equals("bad")) {
      assertThat(fields).first().isEqualTo(TwilioSignature.HEADER);
    } else {
      assertThat(fields).doesNotContain(TwilioSignature.HEADER);
    }
    if (bodyProblem != null) {
      assertThat(outcome.errors()).containsAll(bodyProblem.violations());
    } else if (webhook.equals("broken")) {
      assertThat(fields).contains("EventType");
    }
  }
}
