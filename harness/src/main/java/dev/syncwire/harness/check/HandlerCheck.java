package dev.syncwire.harness.check;

import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.fixtures.WebhookRequest;
import dev.syncwire.fixtures.WireParam;
import dev.syncwire.harness.check.CheckPlan.Expectation;
import dev.syncwire.harness.check.CheckPlan.Signing;
import dev.syncwire.harness.check.CheckPlan.Step;
import dev.syncwire.harness.check.HandlerReport.CaseResult;
import dev.syncwire.harness.check.HandlerReport.Finding;
import dev.syncwire.harness.check.HandlerReport.Severity;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks a Sync webhook handler the way Twilio would exercise it: every event type (one realistic
 * webhook each, in real Twilio's names, signed for the handler's URL), then what a careful handler
 * must refuse or survive: a forged signature, no signature, a missing required parameter, a
 * redelivery with the same {@code I-Twilio-Idempotency-Token}, one object's events out of {@code
 * EventId} order, and a {@code map_item_removed} after its map is gone. A 2xx to a forged or
 * unsigned webhook is a {@link Severity#SECURITY} finding; a 5xx, a time-out or a dropped connection
 * a {@link Severity#CRASH}; any other answer but 2xx to a valid event a {@link Severity#WARNING}
 * (Twilio counts it as a failed delivery). {@code ./syncwire check-handler} runs this.
 *
 * <p>It sends only to the given URL, and only to this machine unless {@link #allowRemote()}: it is
 * for a handler under test, not one in production. Not thread-safe; one per test.
 *
 * <pre>{@code
 * @Test
 * void myHandlerSurvivesWhatTwilioSends() {
 *   HandlerCheck.against(URI.create("http://127.0.0.1:" + port + "/sync"))
 *       .authToken("the-token-my-handler-checks")
 *       .run()
 *       .assertNoFindings();
 * }
 * }</pre>
 */
public final class HandlerCheck {
  /** Per-request time-out unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private String authToken;
  private SigningKey signingKey;
  private boolean seedDialect;
  private boolean allowRemote;
  private Duration timeout = DEFAULT_TIMEOUT;

  private HandlerCheck(URI url) {
    this.url = url;
  }

  /**
   * A check of the handler at {@code url} (http or https, with a host, no fragment).
   *
   * @throws IllegalArgumentException naming what is wrong with the URL
   */
  public static HandlerCheck against(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("'" + url + "' is not an http(s) URL with a host; give your handler's URL,"
          + " such as http://127.0.0.1:3000/sync");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("'" + url + "' has a #fragment, which never goes on the wire; leave it out");
    }
    return new HandlerCheck(url);
  }

  /** {@link #against(URI)} from text. */
  public static HandlerCheck against(String url) {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(url, "url").trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL (" + e.getReason() + "); give your handler's URL,"
          + " such as http://127.0.0.1:3000/sync", e);
    }
    return against(uri);
  }

  /** Signs with HMAC-SHA1 and this auth token, as Twilio does by default. */
  public HandlerCheck authToken(String token) {
    this.authToken = token == null || token.isEmpty() ? null : token;
    return this;
  }

  /** Signs with HMAC-SHA256 and this Webhook Rule key instead, announced by {@code X-Twilio-Webhooks-Signature-Settings}. */
  public HandlerCheck signingKey(SigningKey key) {
    this.signingKey = key;
    return this;
  }

  /** Also sends every type in the seed document's names and parameters (a handler may refuse them, not crash). */
  public HandlerCheck seedDialect(boolean seedDialect) {
    this.seedDialect = seedDialect;
    return this;
  }

  /** How long to wait for each answer; {@link #DEFAULT_TIMEOUT} unless told. */
  public HandlerCheck timeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the time-out must be more than 0; received " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** Lets the check send to a host that is not this machine: only to a handler you own, never one in production. */
  public HandlerCheck allowRemote() {
    this.allowRemote = true;
    return this;
  }

  /**
   * Sends every case, one after the other, and reports what the handler answered. A connection
   * refused ends the run with an {@link Severity#ERROR} (or, after the first request, a
   * {@link Severity#CRASH}: the handler went away).
   *
   * @throws IllegalStateException without an auth token or a signing key, or for a URL that is not
   *     on this machine without {@link #allowRemote()}
   */
  public HandlerReport run() {
    if (authToken == null && signingKey == null) {
      throw new IllegalStateException("a handler check signs its webhooks: give authToken(...) (the token your handler"
          + " checks signatures with) or signingKey(...)");
    }
    checkLocal();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    List<CaseResult> cases = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Step step : CheckPlan.steps(seedDialect)) {
      boolean stop = send(client, step, cases, findings);
      if (stop) {
        break;
      }
    }
    return new HandlerReport(url, signingDescription(), cases, findings);
  }

  private void checkLocal() {
    if (allowRemote) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(url.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("'" + url.getHost() + "' (from " + url + ") does not resolve to an address;"
          + " give your handler's URL on this machine, such as http://127.0.0.1:3000/sync");
    }
    if (!loopback) {
      throw new IllegalStateException(url + " is not on this machine (" + url.getHost() + " is not a loopback address)."
          + " The handler check sends forged, unsigned and broken webhooks and is meant for a handler running"
          + " locally under test; allow another host explicitly (--allow-remote, or allowRemote()) only for a"
          + " handler you own that is not in production.");
    }
  }

  private String signingDescription() {
    return signingKey != null ? "signed with Webhook Rule key " + signingKey.id() + " (HMAC-SHA256)"
        : "signed with the auth token (HMAC-SHA1)";
  }

  /** Sends one step and records its row and finding; true when the run cannot go on. */
  private boolean send(HttpClient client, Step step, List<CaseResult> cases, List<Finding> findings) {
    WebhookRequest webhook = request(step);
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(request::header);
    String type = step.params().get(WireParam.EVENT_TYPE);
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      judge(step, type, response.statusCode(), latency, cases, findings);
      return false;
    } catch (HttpTimeoutException e) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      String seconds = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
      record(step, type, null, latency, Severity.CRASH, "timeout", "no answer within " + seconds,
          "gave no answer within " + seconds + " (Twilio gives up on a webhook that takes long and counts it as failed);"
              + " answer first, then do slow work", cases, findings);
      return false;
    } catch (ConnectException e) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      if (cases.isEmpty()) {
        record(step, type, null, latency, Severity.ERROR, "unreachable", "connection refused",
            "could not connect to " + url + ": connection refused; is your handler running? Nothing was checked",
            cases, findings);
      } else {
        record(step, type, null, latency, Severity.CRASH, "handler_gone", "connection refused",
            "stopped accepting connections (connection refused) after the previous request; did it die? The remaining"
                + " cases were not sent", cases, findings);
      }
      return true;
    } catch (IOException e) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      record(step, type, null, latency, Severity.CRASH, "no_answer", "connection closed",
          "closed the connection without an answer (" + why + ")", cases, findings);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + url, e);
    }
  }

  private WebhookRequest request(Step step) {
    String target = url.toString();
    return switch (step.signing()) {
      case VALID -> signingKey != null ? WebhookRequest.of(target, step.params(), signingKey, step.idempotencyToken())
          : WebhookRequest.of(target, step.params(), authToken, step.idempotencyToken());
      // The right key id or algorithm with the wrong secret: only the signature itself is wrong.
      case FORGED -> signingKey != null
          ? WebhookRequest.of(target, step.params(), new SigningKey(signingKey.id(), "forged-" + signingKey.secret()),
              step.idempotencyToken())
          : WebhookRequest.of(target, step.params(), "forged-" + authToken, step.idempotencyToken());
      case NONE -> WebhookRequest.of(target, step.params(), (String) null, step.idempotencyToken());
    };
  }

  private void judge(Step step, String type, int status, Duration latency, List<CaseResult> cases,
      List<Finding> findings) {
    boolean success = status >= 200 && status < 300;
    if (status >= 500) {
      String what = step.expectation() == Expectation.REFUSE
          ? "; refuse a webhook whose signature does not hold with 403 instead"
          : "; a handler must not fail on what Twilio can send: Twilio counts a 5xx as a failed delivery"
              + " (Debugger error 11200) and sends no retry, so the event is lost";
      record(step, type, status, latency, Severity.CRASH, "server_error", "server error",
          "answered " + status + what, cases, findings);
    } else if (step.expectation() == Expectation.REFUSE && success) {
      boolean forged = step.signing() == Signing.FORGED;
      record(step, type, status, latency, Severity.SECURITY, forged ? "forged_accepted" : "unsigned_accepted",
          forged ? "accepted a forged signature" : "accepted an unsigned webhook",
          "answered " + status + " to a webhook " + (forged ? "with a forged X-Twilio-Signature" : "with no X-Twilio-Signature")
              + ": anyone who can reach the handler can fake Sync events. Validate the signature over the URL Twilio"
              + " calls (twilio-java RequestValidator, twilio-node validateRequest) and answer 403 when it fails",
          cases, findings);
    } else if (step.expectation() == Expectation.HANDLE && !success) {
      record(step, type, status, latency, Severity.WARNING, "valid_event_refused", "not 2xx",
          "answered " + status + " to a valid, signed webhook: Twilio counts any answer but 2xx as a failed delivery"
              + " (Debugger error 11200) and sends no retry, so the event is lost to the handler; answer 2xx to every"
              + " event you received, including ones you ignore", cases, findings);
    } else {
      String note = success ? "" : step.expectation() == Expectation.REFUSE ? "refused" : "refused, not crashed";
      cases.add(new CaseResult(step.caseName(), step.request(), type, status, latency, "ok", note));
    }
  }

  private static void record(Step step, String type, Integer status, Duration latency, Severity severity, String code,
      String note, String message, List<CaseResult> cases, List<Finding> findings) {
    cases.add(new CaseResult(step.caseName(), step.request(), type, status, latency, severity.wireName(), note));
    findings.add(new Finding(severity, code, step.caseName(), step.request(), type, status, message));
  }
}
