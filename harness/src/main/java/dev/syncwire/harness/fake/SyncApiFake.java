package dev.syncwire.harness.fake;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.twilio.http.TwilioRestClient;
import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.harness.proxy.LocalCa;
import dev.syncwire.harness.proxy.internal.InterceptingProxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful fake of the Twilio Sync v1 REST API on a local WireMock server, for the official
 * SDKs to talk to. Documents, lists, maps, streams and permissions behave as on Twilio (unique
 * names, revisions, If-Match, TTLs, paging, Twilio's error codes), SIDs come from a seed, time is
 * a {@link FakeClock}, and each change hands Twilio-dialect webhook parameters to delivery when
 * the service has a {@code webhook_url} and {@code webhooks_from_rest_enabled=true}.
 *
 * <pre>{@code
 * try (SyncApiFake fake = SyncApiFake.builder().seed(42).start()) {
 *   TwilioRestClient client = fake.twilioClient();
 *   Document doc = Document.creator(fake.defaultServiceSid())
 *       .setUniqueName("app-config").setData(Map.of("theme", "dark")).create(client);
 *   fake.faults().when("GET", "/v1/Services/.*").status(500).times(3);
 *   fake.clock().advance(Duration.ofHours(1));
 * }
 * }</pre>
 *
 * <p>Users can add their own stubs on the same server ({@link #stubFor}); they take precedence over
 * the Sync behaviour. The control API under {@code /__syncwire/} ({@link #controlUrl()}) gives
 * reset, clock, faults, webhook faults, deliveries, snapshot/restore and idle over HTTP, as JSON
 * (docs/control-api.md); it is open unless {@link Builder#controlToken} is set.
 *
 * <p>The request journal is bounded: {@link #wireMock()}{@code .verify(...)}, {@code findAll(...)}
 * and {@code getAllServeEvents()} see the last {@value Builder#DEFAULT_REQUEST_JOURNAL_ENTRIES}
 * requests ({@link Builder#requestJournalEntries(int)} changes that; 0 turns the journal off).
 * Responses are never gzipped and WireMock does not log each request (see
 * {@link #wireMockConfiguration}); what a client reads is the same.
 *
 * <p>While no stub of your own exists and no global delay is set, Sync requests ({@code /v1/...}
 * and the control API) are answered by a Jetty handler in front of WireMock's servlet, on the same
 * server and port, from the same code that answers through WireMock: same status, same
 * {@code Content-Type: application/json}, same body bytes, and {@link #faults()} apply alike. Such
 * answers carry no {@code Matched-Stub-Id} header (WireMock adds it) and send a
 * {@code Content-Length} instead of chunks. They are in the request journal as usual (WireMock's
 * {@code ServeEvent} for each is built when the journal is first read, with the request's own
 * {@code loggedDate}). Add any stub and every request goes
 * through WireMock again until the stub is removed or {@code resetAll()}.
 *
 * <p>Over 500 lines because it is the fake's one public entry point: its builder, lifecycle and
 * snapshot, and their javadoc (about half the file); the work is in package-private classes.
 */
public final class SyncApiFake implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncApiFake.class);
  /**
   * Jetty's threads (acceptor, selector and workers): WireMock's default. Measured with bench/run-fake
   * on a loaded 2-core machine, 8 served a third fewer requests than 25 (Jetty refuses fewer than 5).
   */
  static final int CONTAINER_THREADS = 25;

  private final WireMockServer server;
  private final SyncStore store;
  private final Faults faults;
  private final FakeClock clock;
  private final Builder config;
  private final TwilioRestClient client;
  private final WebhookDelivery delivery;
  private final ExpiryTimer expiryTimer; // null on a manual clock: moving it expires what is due
  private final InterceptingProxy proxy; // null without proxy mode
  private volatile String defaultServiceSid;

  private SyncApiFake(Builder b) {
    this.config = b;
    this.clock = b.clock != null ? b.clock : FakeClock.ofNow();
    this.delivery = b.sink == null ? new WebhookDelivery(DeliveryOptions.defaults()) : null;
    if (delivery != null) {
      delivery.signWith(b.webhookSigningKey);
      if (b.onDeliveryFinished != null) {
        delivery.onFinished(b.onDeliveryFinished);
      }
    }
    this.store = new SyncStore(b.accountSid, b.authToken, clock, b.seed, b.sink == null ? delivery : b.sink);
    store.streamWebhooks(b.streamWebhooks);
    this.faults = new Faults();
    clock.onAdvance(store::expireDue);
    this.expiryTimer = clock.mode() == FakeClock.Mode.SYSTEM ? new ExpiryTimer(store, clock) : null;
    if (expiryTimer != null) {
      store.onEarliestExpiry(expiryTimer::wakeAt);
    }
    Map<String, String> credentials = new LinkedHashMap<>(b.apiKeys);
    credentials.put(b.accountSid, b.authToken);
    ControlApi control = new ControlApi(store, clock, faults, () -> delivery, this::reset, b.controlToken);
    SyncHttpApi api = new SyncHttpApi(new SyncRoutes(store), faults, credentials, control);
    SyncApiTransformer transformer = new SyncApiTransformer(api, this::reset);
    createDefaultService();
    BoundedRequestJournal journal =
        b.requestJournalEntries == 0 ? null : new BoundedRequestJournal(b.requestJournalEntries);
    WireMockConfiguration options = wireMockConfiguration(b.host, b.port, journal).extensions(transformer);
    SyncFastPath fastPath = b.fastPath ? new SyncFastPath(api, transformer, journal) : null;
    this.proxy = b.proxyCa == null ? null : new InterceptingProxy(b.proxyCa, b.host, b.proxyPort);
    if (fastPath != null || proxy != null) {
      options.httpServerFactory(FakeServerFactory.of(fastPath, proxy));
    }
    this.server = new WireMockServer(options);
    try {
      server.start();
      if (fastPath != null) {
        fastPath.attach(server);
      }
    } catch (RuntimeException e) {
      server.stop();
      if (expiryTimer != null) {
        expiryTimer.close();
      }
      if (delivery != null) {
        delivery.close();
      }
      String where = b.proxyCa != null && b.proxyPort > 0 ? b.host + ":" + b.port + " or proxy port " + b.proxyPort
          : b.host + ":" + b.port;
      throw new IllegalStateException("SyncApiFake could not listen on " + where
          + " (" + e.getMessage() + "); is another process on that port? Port 0 picks a free one (port(0); --fake-port 0 on the command line)", e);
    }
    this.client = new TwilioRestClient.Builder(b.accountSid, b.authToken)
        .httpClient(new FakeHttpClient(baseUrl()))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The WireMock settings the fake runs with (extensions aside), on {@code host}. Each one trims WireMock's
   * per-request path without changing what a client reads: no request/response text built for a
   * log line nobody prints ({@code stubRequestLoggingDisabled}), no gzip (the SDK asks for it, and
   * compressing a 24 KB page cost more CPU than the loopback saves), one acceptor, a journal of at
   * most {@code journal}'s size (null: none).
   */
  static WireMockConfiguration wireMockConfiguration(String host, int port, BoundedRequestJournal journal) {
    WireMockConfiguration options = wireMockConfig()
        .bindAddress(host)
        .port(port)
        .notifier(new Slf4jNotifier(false))
        .stubRequestLoggingDisabled(true)
        .gzipDisabled(true)
        .jettyAcceptors(1)
        .containerThreads(CONTAINER_THREADS);
    if (journal == null) {
      options.disableRequestJournal();
    } else {
      // Not maxRequestJournalEntries: WireMock 3.13 then counts the whole journal on every request.
      options.withStores(journal.stores(options.filesRoot()));
    }
    return options;
  }

  /**
   * {@code http://127.0.0.1:<port>}: where FakeHttpClient (or a Node client's {@code sync.baseUrl})
   * points. The host is the one bound, or 127.0.0.1 when bound to every interface.
   */
  public String baseUrl() {
    return "http://" + urlHost(config.host) + ":" + server.port();
  }

  /**
   * {@code http://127.0.0.1:<port>}: the proxy for unmodified clients ({@code HTTPS_PROXY}), on the
   * fake's port or {@link Builder#proxyPort}; null unless {@link Builder#proxy} turned proxy mode on.
   */
  public String proxyUrl() {
    return proxy == null ? null : "http://" + urlHost(config.host) + ":" + proxy.port(server.port());
  }

  /** The CA whose certificates the proxy presents, or null without proxy mode. */
  public LocalCa proxyCa() {
    return config.proxyCa;
  }

  /** Where the control API answers: {@code baseUrl() + "/__syncwire"}. */
  public String controlUrl() {
    return baseUrl() + ControlApi.PREFIX;
  }

  private static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  public int port() {
    return server.port();
  }

  public String accountSid() {
    return config.accountSid;
  }

  /** The Webhook Rule key webhooks are signed with ({@link Builder#webhookSigningKey}), or null for the auth token. */
  public SigningKey webhookSigningKey() {
    return config.webhookSigningKey;
  }

  public String authToken() {
    return config.authToken;
  }

  /** The service ready at start (and after every reset), configured by the builder. */
  public String defaultServiceSid() {
    return defaultServiceSid;
  }

  public FakeClock clock() {
    return clock;
  }

  /** A twilio-java client authenticated as this fake's account and wired to it through {@link FakeHttpClient}. */
  public TwilioRestClient twilioClient() {
    return client;
  }

  /** The WireMock server underneath: verify requests, add stubs, read the request journal. */
  public WireMockServer wireMock() {
    return server;
  }

  /** Adds a WireMock stub that answers before the Sync behaviour (for one-off overrides). */
  public StubMapping stubFor(MappingBuilder mapping) {
    return server.stubFor(mapping);
  }

  public Faults faults() {
    return faults;
  }

  /**
   * Every webhook the fake sent (or tried to), in the order the changes happened: request,
   * each attempt's status, body, latency and error. A failing webhook is never silent.
   */
  public List<WebhookDeliveryRecord> webhookDeliveries() {
    return delivery == null ? List.of() : delivery.deliveries();
  }

  /** Makes the next webhook deliveries drop, wait, arrive twice or out of order. */
  public WebhookFaults webhookFaults() {
    if (delivery == null) {
      throw new IllegalStateException("this fake hands webhooks to a test sink, which has no delivery faults");
    }
    return delivery.faults();
  }

  /** Waits until no webhook is queued or in flight; false if some still were after {@code timeout}. */
  public boolean awaitWebhooksQuiet(Duration timeout) {
    return delivery == null || delivery.awaitQuiet(timeout);
  }

  /** A copy of all Sync state (services, objects, items, pending TTLs, SID sequence, clock time). */
  public Snapshot snapshot() {
    return new Snapshot(store.snapshot());
  }

  /**
   * Puts back the state of {@code snapshot}. A manual clock goes back (or forward) to the
   * snapshot's time; a system clock keeps the system's time, so a TTL that ran out since the
   * snapshot expires at once, with its {@code *_removed} webhook. Other webhooks are not replayed.
   */
  public void restore(Snapshot snapshot) {
    store.restore(Objects.requireNonNull(snapshot, "snapshot").state);
  }

  /**
   * Restores state carried over from another run ({@code --import}): as {@link #restore}, but the
   * default service keeps the webhook settings this fake has now ({@link #updateDefaultService}),
   * since the receiver the snapshot named listened elsewhere. Both happen under one lock, so a TTL
   * that expires at once sends its webhook to this run's receiver.
   *
   * <pre>{@code
   * fake.updateDefaultService(receiver.webhookUrl().toString(), true);
   * fake.importState(SyncApiFake.Snapshot.fromJson(Files.readString(Path.of("state.json"))));
   * }</pre>
   */
  public void importState(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    synchronized (store) {
      store.restore(snapshot.state);
      updateDefaultService(config.webhookUrl, config.webhooksFromRestEnabled);
    }
  }

  /**
   * Forgets every Sync object and fault and recreates the default service with its SID and
   * settings. SIDs start over from the seed. The clock keeps its time.
   */
  public void reset() {
    synchronized (store) {
      store.clear();
      faults.clear();
      createDefaultService();
    }
    if (delivery != null) {
      delivery.faults().clear();
      // Nothing about the old state may reach a receiver after reset returns.
      if (!delivery.dropQueued("dropped by reset()", Duration.ofSeconds(2))) {
        LOG.warn("reset(): webhooks still in flight after 2 s; they may still arrive");
      }
      delivery.forgetFinished();
    }
  }

  /** Stops the server; no restart after close. */
  @Override
  public void close() {
    try {
      if (expiryTimer != null) {
        expiryTimer.close();
      }
      server.stop();
    } finally {
      if (delivery != null) {
        delivery.close();
      }
    }
  }

  /**
   * Points the default service's webhooks somewhere else, now and after every {@link #reset()}:
   * what {@code syncwire up} and the JUnit extension do once the receiver's port is known.
   */
  public void updateDefaultService(String webhookUrl, boolean webhooksFromRestEnabled) {
    synchronized (store) {
      config.webhookUrl = webhookUrl;
      config.webhooksFromRestEnabled = webhooksFromRestEnabled;
      try {
        SyncService service = store.service(defaultServiceSid, "/v1/Services/" + defaultServiceSid);
        service.webhookUrl = webhookUrl;
        service.webhooksFromRestEnabled = webhooksFromRestEnabled;
      } catch (SyncError deleted) {
        // A test deleted the default service: the next reset() recreates it with these settings.
      }
    }
  }

  /**
   * Creates another service with the default service's webhook settings and returns its SID: a
   * fresh, isolated service for one test while the fake is shared.
   */
  public String createService(String friendlyName) {
    synchronized (store) {
      SyncService service = store.createService(null);
      service.friendlyName = friendlyName;
      service.webhookUrl = config.webhookUrl;
      service.webhooksFromRestEnabled = config.webhooksFromRestEnabled;
      return service.sid;
    }
  }

  /** The state itself, for in-process prefill (bench's growth measurement). */
  SyncStore store() {
    return store;
  }

  /** Swaps where webhooks go (tests record them; WebhookDelivery sends them). */
  void webhookSink(WebhookSink sink) {
    store.sink(sink);
  }

  private void createDefaultService() {
    SyncService service = store.createService(config.serviceSid);
    service.friendlyName = "syncwire default";
    service.webhookUrl = config.webhookUrl;
    service.webhooksFromRestEnabled = config.webhooksFromRestEnabled;
    defaultServiceSid = service.sid;
    store.defaultServiceSid(service.sid);
  }

  /**
   * Everything the fake held at one moment: pass it to {@link #restore}, or keep it as JSON
   * ({@link #toJson()}, {@link #fromJson(String)}): the same format as the control API's
   * {@code GET /__syncwire/snapshot} and the CLI's {@code --import} and {@code --export-on-exit}.
   *
   * <pre>{@code
   * Files.writeString(file, fake.snapshot().toJson());
   * fake.restore(SyncApiFake.Snapshot.fromJson(Files.readString(file)));
   * }</pre>
   */
  public static final class Snapshot {
    private final SyncStore.State state;

    private Snapshot(SyncStore.State state) {
      this.state = state;
    }

    /** The snapshot as JSON, {@code {"format":"syncwire-snapshot/1","now":...,"services":[...]}}. */
    public String toJson() {
      return new String(SnapshotJson.write(state), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads a snapshot's JSON.
     *
     * @throws IllegalArgumentException naming each field that is missing, of the wrong type or
     *     breaks a rule, as {@code services[0].sid: services[0].sid must be IS followed by ...}
     */
    public static Snapshot fromJson(String json) {
      try {
        return new Snapshot(SnapshotJson.read(Objects.requireNonNull(json, "json").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (ControlError e) {
        throw new IllegalArgumentException("not a syncwire snapshot: " + String.join("; ",
            e.violations().stream().map(Object::toString).toList()), e);
      }
    }

    @Override
    public String toString() {
      return "SyncApiFake.Snapshot[" + state.services().size() + " services at " + state.now() + "]";
    }
  }

  /** Options for {@link SyncApiFake}; every one has a working default. */
  public static final class Builder {
    /** The seed used when none is given: SIDs are the same from run to run. */
    public static final long DEFAULT_SEED = 20150730L;
    /** How many requests the WireMock request journal keeps by default (the oldest are dropped first). */
    public static final int DEFAULT_REQUEST_JOURNAL_ENTRIES = 10_000;

    /** Where the fake listens unless {@link #host} says otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private String host = DEFAULT_HOST;
    private String controlToken;
    private int port;
    private int requestJournalEntries = DEFAULT_REQUEST_JOURNAL_ENTRIES;
    private boolean fastPath = true;
    private long seed = DEFAULT_SEED;
    private String accountSid;
    private String authToken;
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private FakeClock clock;
    private String serviceSid;
    private String webhookUrl;
    private boolean webhooksFromRestEnabled;
    private boolean streamWebhooks;
    private SigningKey webhookSigningKey;
    // Null: a WebhookDelivery that POSTs signed webhooks. Tests may record instead.
    private WebhookSink sink;
    private Consumer<WebhookDeliveryRecord> onDeliveryFinished;
    private LocalCa proxyCa; // null: no proxy mode
    private int proxyPort = -1; // -1: the fake's own port

    private Builder() {}

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How many requests WireMock's request journal keeps for {@code verify(...)},
     * {@code findAll(...)} and {@code getAllServeEvents()}: the newest {@code entries}, the oldest
     * dropped first; 0 turns the journal off (verify then fails). Default
     * {@value #DEFAULT_REQUEST_JOURNAL_ENTRIES}: enough for any test, and a fake under load for
     * hours holds 10,000 requests instead of all of them.
     */
    public Builder requestJournalEntries(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("requestJournalEntries must be 0 (no journal) or more, got " + entries);
      }
      this.requestJournalEntries = entries;
      return this;
    }

    /**
     * The address to listen on (default {@value #DEFAULT_HOST}). Anything but a loopback address
     * needs a {@link #controlToken}: the control API can read and replace all state.
     */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must be an address of this machine such as 127.0.0.1 or 0.0.0.0, got '" + host + "'");
      }
      this.host = host.trim();
      return this;
    }

    /**
     * Every call to the control API ({@code /__syncwire/...}) must then carry
     * {@code Authorization: Bearer <token>}; null (the default) leaves it open on loopback.
     */
    public Builder controlToken(String token) {
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("controlToken must not be blank; pass null for no token");
      }
      this.controlToken = token;
      return this;
    }

    /** Seeds SIDs (and the default account SID and token). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder accountSid(String accountSid) {
      this.accountSid = requireSid(accountSid, "AC", "accountSid");
      return this;
    }

    public Builder authToken(String authToken) {
      this.authToken = Objects.requireNonNull(authToken, "authToken");
      return this;
    }

    /** Also accept basic auth with this API key ({@code SK...}) and secret. */
    public Builder apiKey(String keySid, String secret) {
      apiKeys.put(requireSid(keySid, "SK", "keySid"), Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /**
     * The fake's time. Default: a manual clock at the current second ({@link FakeClock#ofNow()}),
     * which tests move with {@code advance}; {@link FakeClock#system()} gives real time, with TTLs
     * that run out on their own.
     */
    public Builder clock(FakeClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The default service's SID ({@code IS...}); by default the first seeded SID. */
    public Builder serviceSid(String serviceSid) {
      this.serviceSid = requireSid(serviceSid, "IS", "serviceSid");
      return this;
    }

    /** The default service's {@code webhook_url}. */
    public Builder webhookUrl(String webhookUrl) {
      this.webhookUrl = webhookUrl;
      return this;
    }

    /** The default service's {@code webhooks_from_rest_enabled} (Twilio's default: false). */
    public Builder webhooksFromRestEnabled(boolean enabled) {
      this.webhooksFromRestEnabled = enabled;
      return this;
    }

    /**
     * Called once for each webhook delivery when it ends (delivered, failed or dropped), in that
     * order, on a thread of the fake's: what {@code syncwire fake} prints a line for.
     * <pre>{@code
     * SyncApiFake.builder().onDeliveryFinished(d -> System.out.println(d)).start();
     * }</pre>
     */
    public Builder onDeliveryFinished(Consumer<WebhookDeliveryRecord> listener) {
      this.onDeliveryFinished = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Whether a published stream message fires a {@code stream_message_published} webhook (with
     * {@code StreamSid}, {@code MessageSid}, {@code MessageData}). Off by default, since nothing
     * shows Twilio sending it (its client SDKs get stream messages over their own connection):
     * turn it on only to test a handler written for the seed document's description.
     */
    public Builder streamWebhooks(boolean enabled) {
      this.streamWebhooks = enabled;
      return this;
    }

    /**
     * Sign webhooks as a Webhook Rule does: {@code X-Twilio-Signature} is HMAC-SHA256 keyed by
     * {@code secret}, and {@code X-Twilio-Webhooks-Signature-Settings: key=<keyId>,algorithm=HMAC_SHA256}
     * says so. Default: HMAC-SHA1 with the auth token, as without a rule.
     *
     * @throws IllegalArgumentException if the id or secret is blank, or the id holds {@code , = :} or spaces
     */
    public Builder webhookSigningKey(String keyId, String secret) {
      this.webhookSigningKey = new SigningKey(keyId, secret);
      return this;
    }

    /**
     * Proxy mode: the fake's port also accepts HTTP {@code CONNECT} and proxy requests, so that
     * unmodified code with {@code HTTPS_PROXY} set and {@code ca}'s certificate trusted reaches
     * the fake when it calls {@code https://sync.twilio.com} (and its region and edge forms).
     * Twilio's other hosts get a 502 and any other host a 403, with a JSON error; nothing leaves
     * the machine. See {@link #proxyPort} for a port of its own and {@link SyncApiFake#proxyUrl()}.
     *
     * <pre>{@code
     * SyncApiFake fake = SyncApiFake.builder().proxy(LocalCa.loadOrCreate(LocalCa.defaultDir())).start();
     * // HTTPS_PROXY=fake.proxyUrl() NODE_EXTRA_CA_CERTS=~/.syncwire/ca/ca.pem node app.js
     * }</pre>
     */
    public Builder proxy(LocalCa ca) {
      this.proxyCa = Objects.requireNonNull(ca, "ca");
      return this;
    }

    /** With {@link #proxy}: the proxy listens on this port of its own (0: a free one) instead of the fake's. */
    public Builder proxyPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("proxyPort must be 0..65535, got " + port);
      }
      this.proxyPort = port;
      return this;
    }

    /** False: every request goes through WireMock's servlet path (tests compare both ways). */
    Builder fastPath(boolean enabled) {
      this.fastPath = enabled;
      return this;
    }

    Builder webhookSink(WebhookSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    public SyncApiFake start() {
      if (proxyPort >= 0 && proxyCa == null) {
        throw new IllegalArgumentException("proxyPort(" + proxyPort + ") needs proxy(LocalCa) too: it is where the proxy listens");
      }
      if (controlToken == null && !isLoopback(host)) {
        throw new IllegalArgumentException("host " + host + " is reachable from other machines, and the control API"
            + " (/__syncwire/...) can read and replace all state: set controlToken(...) (--control-token on the command line)");
      }
      SidGenerator credentials = new SidGenerator(~seed);
      if (accountSid == null) {
        accountSid = credentials.next("AC");
      }
      if (authToken == null) {
        authToken = credentials.next("").substring(0, 32);
      }
      return new SyncApiFake(this);
    }

    private static boolean isLoopback(String host) {
      try {
        return java.net.InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("host '" + host + "' does not resolve to an address; give 127.0.0.1 or 0.0.0.0", e);
      }
    }

    private static String requireSid(String sid, String prefix, String what) {
      if (!SidGenerator.looksLikeSid(sid, prefix)) {
        throw new IllegalArgumentException(what + " must be " + prefix + " followed by 32 hex digits, got '" + sid + "'");
      }
      return sid;
    }
  }
}
