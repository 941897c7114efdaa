package dev.syncwire.bench;

import dev.syncwire.fixtures.EventStatus;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.SignatureVerdict;
import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
  private static final int SIZE = 1024;

  private WebhookPool pool;
  private SyncEvent[] events;
  private int next;

  @Setup
  public void setUp() {
    pool = WebhookPool.build(SIZE);
    events = new SyncEvent[SIZE];
    for (int i = 0; i < SIZE; i++) {
      events[i] = record(i, FormParams.parse(pool.body(i)), checkSignature(FormParams.parse(pool.body(i)), pool.signature(i)));
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
  public SignatureVerdict parseAndCheckSignature() {
    int i = nextIndex();
    return checkSignature(FormParams.parse(pool.body(i)), pool.signature(i));
  }

  /**
   * The HMAC-SHA1 check the receiver makes, at the URL the pool signed for (public URL plus path),
   * through the fixtures' {@link TwilioSignature}: the receiver's own validator is internal to it.
   */
  private static SignatureVerdict checkSignature(FormParams params, String signature) {
    return TwilioSignature.constantTimeEquals(TwilioSignature.compute(WebhookPool.AUTH_TOKEN, WebhookPool.SIGNED_URL,
        params), signature) ? SignatureVerdict.VALID : SignatureVerdict.INVALID;
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
    return SyncEventJson.writeUtf8(record(i, params, checkSignature(params, pool.signature(i))));
  }

  private SyncEvent record(int i, FormParams params, SignatureVerdict verdict) {
    String[] headers = {"Content-Type", WebhookPool.CONTENT_TYPE, TwilioSignature.HEADER, pool.signature(i),
        WebhookRequest.IDEMPOTENCY_TOKEN_HEADER, pool.idempotencyToken(i)};
    SyncWebhook webhook = SyncWebhook.read(params);
    return new SyncEvent(i + 1, Instant.now(), webhook.isValid() ? EventStatus.ACCEPTED : EventStatus.REJECTED,
        webhook, RawRequest.ofHeaderPairs("POST", "/webhooks", WebhookPool.CONTENT_TYPE, headers, pool.body(i)),
        verdict, verdict == SignatureVerdict.VALID ? WebhookPool.SIGNED_URL : null, null, webhook.violations());
  }
}
