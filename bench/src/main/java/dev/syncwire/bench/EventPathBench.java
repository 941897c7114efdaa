package dev.syncwire.bench;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.SyncEventJson;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.receiver.internal.signature.SignatureCheck;
import dev.syncwire.receiver.SignatureMode;
import dev.syncwire.receiver.internal.signature.SignatureValidator;
import dev.syncwire.receiver.internal.signature.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU per event on the receiver's path, without HTTP: parse the form body ({@link #parse}, the
 * baseline), then read and check the contract, check the signature, and write the journal line,
 * each alone and all together ({@link #eventPath}). 1,024 distinct webhooks in rotation.
 *
 * <pre>{@code
 * java -cp ... org.openjdk.jmh.Main EventPathBench -f 1 -wi 3 -i 5
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventPathBench {
  /** The URL as the receiver sees it; the signature matches through the public URL, as in the load test. */
  private static final String LOCAL_URL = "http://127.0.0.1:8080/webhooks";
  private static final int SIZE = 1024;

  private WebhookPool pool;
  private SignatureValidator validator;
  private SyncEvent[] events;
  private int next;

  @Setup
  public void setUp() {
    pool = WebhookPool.build(SIZE);
    validator = SignatureValidator.of(SignatureMode.ENFORCE, List.of(WebhookPool.AUTH_TOKEN))
        .withPublicUrl(WebhookPool.PUBLIC_URL);
    events = new SyncEvent[SIZE];
    for (int i = 0; i < SIZE; i++) {
      events[i] = record(i, FormParams.parse(pool.body(i)), validator.check(
          SignedRequest.form(LOCAL_URL, FormParams.parse(pool.body(i)), pool.signature(i))));
      if (!events[i].accepted() || events[i].signature() != SignatureVerdict.VALID) {
        throw new IllegalStateException("webhook " + i + " does not pass: " + events[i].errors());
      }
    }
  }

  private int nextIndex() {
    next = (next + 1) & (SIZE - 1);
    return next;
  }

  @Benchmark
  public FormParams parse() {
    return FormParams.parse(pool.body(nextIndex()));
  }

  @Benchmark
  public SyncWebhook parseAndRead() {
    return SyncWebhook.read(FormParams.parse(pool.body(nextIndex())));
  }

  @Benchmark
  public SignatureCheck parseAndCheckSignature() {
    int i = nextIndex();
    return validator.check(SignedRequest.form(LOCAL_URL, FormParams.parse(pool.body(i)), pool.signature(i)));
  }

  /** The journal line as the receiver writes it: UTF-8 bytes straight from Utf8Line, no generator. */
  @Benchmark
  public byte[] writeJournalLine() {
    return SyncEventJson.writeUtf8(events[nextIndex()]);
  }

  /** The same line through Jackson and a String, as the event stream still writes it. */
  @Benchmark
  public byte[] writeJournalLineViaString() {
    return SyncEventJson.write(events[nextIndex()]).getBytes(StandardCharsets.UTF_8);
  }

  /** Everything the receiver does per webhook between the body bytes and the journal line. */
  @Benchmark
  public byte[] eventPath() {
    int i = nextIndex();
    FormParams params = FormParams.parse(pool.body(i));
    SignatureCheck check = validator.check(SignedRequest.form(LOCAL_URL, params, pool.signature(i)));
    return SyncEventJson.writeUtf8(record(i, params, check));
  }

  private SyncEvent record(int i, FormParams params, SignatureCheck check) {
    String[] headers = {"Content-Type", WebhookPool.CONTENT_TYPE, TwilioSignature.HEADER, pool.signature(i),
        "I-Twilio-Idempotency-Token", pool.idempotencyToken(i)};
    SyncWebhook webhook = SyncWebhook.read(params);
    return new SyncEvent(i + 1, Instant.now(), webhook.isValid() ? EventStatus.ACCEPTED : EventStatus.REJECTED,
        webhook, RawRequest.ofHeaderPairs("POST", "/webhooks", WebhookPool.CONTENT_TYPE, headers, pool.body(i)),
        check.verdict(), check.matchedUrl(), null, webhook.violations());
  }
}
