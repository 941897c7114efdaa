package dev.syncwire.receiver;

import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.receiver.SignatureMode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link SyncReceiver} listens, checks and records. Immutable; build with {@link #builder()}.
 * Defaults: 127.0.0.1, a free port, {@code /webhooks}, no journal, 100,000 events in memory, and
 * signatures {@code enforce}d when an auth token is given, {@code unchecked} otherwise, no forwarding.
 *
 * <pre>{@code
 * ReceiverConfig config = ReceiverConfig.builder().authToken("my-token").journal(Path.of("events.jsonl"))
 *     .forwardTo(URI.create("http://127.0.0.1:3000/sync")).build();
 * }</pre>
 */
public final class ReceiverConfig {
  private final String host;
  private final int port;
  private final String webhookPath;
  private final List<String> authTokens;
  private final List<SigningKey> signingKeys;
  private final SignatureMode signatureMode;
  private final URI publicUrl;
  private final boolean trustForwardedHeaders;
  private final Path journal;
  private final boolean fsync;
  private final int maxEvents;
  private final int maxBodyBytes;
  private final PrintStream console;
  private final boolean consoleColor;
  private final Clock clock;
  private final int maxQueuedFramesPerViewer;
  private final URI forwardTo;
  private final Duration forwardTimeout;
  private final int maxQueuedForwards;
  private final Supplier<String> stateSource;

  private ReceiverConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.webhookPath = b.webhookPath;
    this.authTokens = List.copyOf(b.authTokens);
    this.signingKeys = List.copyOf(b.signingKeys);
    this.signatureMode = b.signatureMode != null ? b.signatureMode
        : authTokens.isEmpty() && signingKeys.isEmpty() ? SignatureMode.OFF : SignatureMode.ENFORCE;
    this.publicUrl = b.publicUrl;
    this.trustForwardedHeaders = b.trustForwardedHeaders;
    this.journal = b.journal;
    this.fsync = b.fsync;
    this.maxEvents = b.maxEvents;
    this.maxBodyBytes = b.maxBodyBytes;
    this.console = b.console;
    this.consoleColor = b.consoleColor;
    this.clock = b.clock;
    this.maxQueuedFramesPerViewer = b.maxQueuedFramesPerViewer;
    this.forwardTo = b.forwardTo;
    this.forwardTimeout = b.forwardTimeout;
    this.maxQueuedForwards = b.maxQueuedForwards;
    this.stateSource = b.stateSource;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Everything at its default: loopback, a free port, no signature check, no journal. */
  public static ReceiverConfig defaults() {
    return builder().build();
  }

  public String host() { return host; }
  public int port() { return port; }
  public String webhookPath() { return webhookPath; }
  public List<String> authTokens() { return authTokens; }
  /** Webhook Rule keys ({@link Builder#signingKey}); a webhook naming one in its settings header is checked with it. */
  public List<SigningKey> signingKeys() { return signingKeys; }
  public SignatureMode signatureMode() { return signatureMode; }
  public URI publicUrl() { return publicUrl; }
  public boolean trustForwardedHeaders() { return trustForwardedHeaders; }
  public Path journal() { return journal; }
  public boolean fsync() { return fsync; }
  public int maxEvents() { return maxEvents; }

  int maxQueuedFramesPerViewer() { return maxQueuedFramesPerViewer; }
  public int maxBodyBytes() { return maxBodyBytes; }
  /** Where one line per event is printed; null for none. */
  public PrintStream console() { return console; }
  /** Whether the {@link #console()} lines carry ANSI colours. */
  public boolean consoleColor() { return consoleColor; }
  public Clock clock() { return clock; }
  /** Where each accepted event is sent on, re-signed for this URL; null for nowhere. */
  public URI forwardTo() { return forwardTo; }
  /** What {@code GET /api/state} answers (JSON text); null when there is no state to show. */
  public Supplier<String> stateSource() { return stateSource; }
  Duration forwardTimeout() { return forwardTimeout; }
  int maxQueuedForwards() { return maxQueuedForwards; }

  /** Builds a {@link ReceiverConfig}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private String webhookPath = "/webhooks";
    private final List<String> authTokens = new ArrayList<>();
    private final List<SigningKey> signingKeys = new ArrayList<>();
    private SignatureMode signatureMode;
    private URI publicUrl;
    private boolean trustForwardedHeaders = true;
    private Path journal;
    private boolean fsync;
    private int maxEvents = 100_000;
    private int maxBodyBytes = 1 << 20;
    private PrintStream console;
    private boolean consoleColor;
    private Clock clock = Clock.systemUTC();
    private int maxQueuedFramesPerViewer = 10_000;
    private URI forwardTo;
    private Duration forwardTimeout = Duration.ofSeconds(10);
    private int maxQueuedForwards = 10_000;
    private Supplier<String> stateSource;

    private Builder() {}

    /** The interface to bind; 127.0.0.1 by default. Use 0.0.0.0 only when something else must reach you. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535; received " + port);
      }
      this.port = port;
      return this;
    }

    public Builder webhookPath(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("the webhook path must start with '/'; received " + path);
      }
      this.webhookPath = path;
      return this;
    }

    /** An auth token signatures are checked against; call again to accept several (token rotation). */
    public Builder authToken(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("an auth token must not be blank");
      }
      authTokens.add(token);
      return this;
    }

    public Builder authTokens(List<String> tokens) {
      tokens.forEach(this::authToken);
      return this;
    }

    /**
     * A Webhook Rule key: a webhook carrying {@code X-Twilio-Webhooks-Signature-Settings:
     * key=<keyId>,algorithm=HMAC_SHA256} must be signed with HMAC-SHA256 keyed by {@code secret}
     * over the usual string; call again for several keys. Webhooks without that header are checked
     * with the auth tokens, as before.
     *
     * @throws IllegalArgumentException if the id or secret is blank, the id holds {@code , = :} or
     *     spaces, or the id was given before
     */
    public Builder signingKey(String keyId, String secret) {
      SigningKey key = new SigningKey(keyId, secret);
      if (signingKeys.stream().anyMatch(k -> k.id().equals(keyId))) {
        throw new IllegalArgumentException("signing key id '" + keyId + "' is given twice; give each key once");
      }
      signingKeys.add(key);
      return this;
    }

    public Builder signatureMode(SignatureMode mode) {
      this.signatureMode = mode;
      return this;
    }

    /** The URL Twilio calls when you sit behind a tunnel or proxy, e.g. {@code https://abc.ngrok.app}. */
    public Builder publicUrl(URI url) {
      this.publicUrl = url;
      return this;
    }

    /** Whether {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} name the URL Twilio signed (default true). */
    public Builder trustForwardedHeaders(boolean trust) {
      this.trustForwardedHeaders = trust;
      return this;
    }

    /** An append-only JSON Lines file; events are acknowledged only once written to it, and read back on start. */
    public Builder journal(Path journal) {
      this.journal = journal;
      return this;
    }

    /** Force each journal batch to disk before acknowledging (power-loss durability, slower). */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /** How many events to keep in memory (default 100,000); the oldest are dropped and counted. */
    public Builder maxEvents(int maxEvents) {
      if (maxEvents < 1) {
        throw new IllegalArgumentException("max events must be 1 or more; received " + maxEvents);
      }
      this.maxEvents = maxEvents;
      return this;
    }

    /** The largest webhook body accepted (default 1 MiB); larger ones get 413. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Where to print one line per event (and a summary by type and status on close); none by default. */
    public Builder console(PrintStream console) {
      this.console = console;
      return this;
    }

    /** Colour the console lines with ANSI codes (for a terminal; off by default, and under NO_COLOR). */
    public Builder consoleColor(boolean color) {
      this.consoleColor = color;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Frames an event-stream viewer may fall behind by before it is dropped (it reconnects with Last-Event-ID); tests lower it. */
    Builder maxQueuedFramesPerViewer(int frames) {
      this.maxQueuedFramesPerViewer = frames;
      return this;
    }

    /**
     * Sends each accepted event on to {@code url} (like {@code stripe listen --forward-to}): POST,
     * its params form-encoded, {@code X-Twilio-Signature} computed for {@code url} with the first
     * auth token. Never delays the answer to the sender; events of one object keep their order.
     * Each attempt is listed under the event's {@code forwards}. Null forwards nothing.
     */
    public Builder forwardTo(URI url) {
      if (url != null) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !scheme.equals("http") && !scheme.equals("https") || url.getHost() == null
            || url.getRawFragment() != null) {
          throw new IllegalArgumentException("forwardTo must be an absolute http or https URL with a host and no"
              + " #fragment, such as http://127.0.0.1:3000/sync; received " + url);
        }
      }
      this.forwardTo = url;
      return this;
    }

    /** How long a forward waits to connect and for the whole answer (default 10 s); tests shorten it. */
    Builder forwardTimeout(Duration timeout) {
      this.forwardTimeout = timeout;
      return this;
    }

    /** Forwards that may wait (default 10,000); one more is recorded as an error; tests lower it. */
    Builder maxQueuedForwards(int forwards) {
      this.maxQueuedForwards = forwards;
      return this;
    }

    /**
     * What {@code GET /api/state} answers, as JSON text, called on each request; {@code syncwire up}
     * gives the fake's state in the shape of its snapshot. Null (the default) answers 404.
     */
    public Builder stateSource(Supplier<String> state) {
      this.stateSource = state;
      return this;
    }

    public ReceiverConfig build() {
      if (signatureMode == SignatureMode.ENFORCE && authTokens.isEmpty() && signingKeys.isEmpty()) {
        throw new IllegalArgumentException(
            "signature mode enforce needs at least one auth token or signing key: give one (authToken(...) or"
                + " signingKey(...); --auth-token or --signing-key on the command line), or choose signature mode"
                + " off (SignatureMode.OFF; --signature off)");
      }
      return new ReceiverConfig(this);
    }
  }
}
