package dev.syncwire.receiver.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.receiver.SignatureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentCheckTest {
  static final String OLD = "11111111111111111111111111111111";
  static final String NEW = "22222222222222222222222222222222";

  @Test
  void oneValidatorGivesEachThreadItsOwnCorrectVerdicts() throws Exception {
    SignatureValidator validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(OLD, NEW));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < 2_000; i++) {
            String url = "http://127.0.0.1:8080/webhooks?n=" + thread + "-" + i;
            FormParams params = FormParams.parse("EventType=document_updated&DocumentRevision=" + i);
            String token = i % 3 == 0 ? "33333333333333333333333333333333" : i % 2 == 0 ? NEW : OLD;
            SignatureCheck check = validator.check(SignedRequest.form(url, params, TwilioSignature.compute(token, url, params)));
            SignatureVerdict expected = token.startsWith("3") ? SignatureVerdict.INVALID : SignatureVerdict.VALID;
            int expectedIndex = token.equals(NEW) ? 1 : token.equals(OLD) ? 0 : -1;
            if (check.verdict() != expected || check.tokenIndex() != expectedIndex) {
              wrong++;
            }
          }
          return wrong;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
