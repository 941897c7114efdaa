package dev.syncwire.receiver;

import dev.syncwire.fixtures.SyncEvent;
import dev.syncwire.receiver.internal.forward.Forwarder;
import dev.syncwire.receiver.internal.http.ConfigApi;
import dev.syncwire.receiver.internal.http.EventStream;
import dev.syncwire.receiver.internal.http.Health;
import dev.syncwire.receiver.internal.http.JsonErrorHandler;
import dev.syncwire.receiver.internal.http.ReplyPolicyApi;
import dev.syncwire.receiver.internal.http.Routes;
import dev.syncwire.receiver.internal.http.WebhookEndpoint;
import dev.syncwire.receiver.internal.journal.EventJournal;
import dev.syncwire.receiver.internal.recording.ConsoleLog;
import dev.syncwire.receiver.internal.recording.ConsoleStyle;
import dev.syncwire.receiver.internal.recording.EventRecorder;
import dev.syncwire.receiver.internal.recording.EventStore;
import dev.syncwire.receiver.internal.recording.JournalTail;
import dev.syncwire.receiver.internal.recording.RedeliveryIndex;
import dev.syncwire.receiver.internal.signature.SignatureValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty 12 server that takes Twilio Sync webhooks, checks {@code X-Twilio-Signature} and every
 * parameter, and records each event (memory, and a journal when configured) before answering.
 * Loopback and a free port by default; no restart after {@link #close()}.
 *
 * <pre>{@code
 * try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken("token").build())) {
 *   // point a Sync service's webhook_url at receiver.webhookUrl()
 *   receiver.events().query(EventQuery.all().type("map_item_removed"));
 * }
 * }</pre>
 */
public final class SyncReceiver implements AutoCloseable {
  private final ReceiverConfig config;
  private final Server server;
  private final ServerConnector connector;
  private final EventStore store;
  private final RecordedEvents events;
  private final EventRecorder recorder;
  private final EventStream stream;
  private final RedeliveryIndex redeliveries;
  private final ReplyPolicy replyPolicy = new ReplyPolicy();
  private final Forwarder forwarder;
  private final ConsoleLog console; // null without a console

  private SyncReceiver(ReceiverConfig config) throws IOException {
    this.config = config;
    this.redeliveries = new RedeliveryIndex(config.maxEvents());
    this.store = new EventStore(config.maxEvents(), redeliveries::clear);
    this.events = new RecordedEvents(store);
    JournalTail tail = new JournalTail(config.maxEvents());
    EventJournal journal = config.journal() == null ? null
        : EventJournal.open(config.journal(), config.fsync(), tail);
    this.recorder = new EventRecorder(store, journal);
    (journal == null ? List.<SyncEvent>of() : recorder.restore(tail)).stream()
        .filter(e -> e.status() == dev.syncwire.fixtures.EventStatus.ACCEPTED)
        .forEach(e -> redeliveries.claim(RedeliveryIndex.keys(e.request()),
            RedeliveryIndex.FirstDelivery.recorded(e.id())));
    this.console = config.console() == null ? null
        : new ConsoleLog(config.console(), ConsoleStyle.of(config.consoleColor()));
    if (console != null) {
      store.subscribe(console);
      store.subscribeForwards(console::forwarded);
    }
    String signingToken = config.authTokens().isEmpty() ? null : config.authTokens().get(0);
    this.forwarder = new Forwarder(config.forwardTo(), signingToken, config.forwardTimeout(),
        config.maxQueuedForwards(), config.clock(), recorder::recordForward);
    recorder.afterPublishing(forwarder::forward); // on the recording thread, in journal order: each lane keeps it
    SignatureValidator signatures = SignatureValidator.of(config.signatureMode(), config.authTokens())
        .withSigningKeys(config.signingKeys())
        .trustingForwardedHeaders(config.trustForwardedHeaders());
    if (config.publicUrl() != null) {
      signatures = signatures.withPublicUrl(config.publicUrl().toString());
    }
    this.stream = new EventStream(store, config.maxQueuedFramesPerViewer());
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    WebhookEndpoint webhooks = new WebhookEndpoint(signatures, recorder, redeliveries, config.clock(),
        config.maxBodyBytes(), threads, replyPolicy::take);
    threads.setName("syncwire-receiver");
    threads.setDaemon(true);
    this.server = new Server(threads);
    this.connector = new ServerConnector(server);
    connector.setHost(config.host());
    connector.setPort(config.port());
    server.addConnector(connector);
    server.setHandler(new Routes(config.webhookPath(), webhooks, store, stream,
        new Health(config, store, recorder, stream), new ReplyPolicyApi(replyPolicy),
        new Routes.ReplayAndImport(forwarder, recorder, signatures, config.clock(), config.maxBodyBytes()),
        new ConfigApi(config.forwardTo() == null ? null : config.forwardTo().toString(), signingToken != null,
            () -> webhookUrl().toString(), config.stateSource())));
    server.setErrorHandler(new JsonErrorHandler(config.webhookPath()));
    server.setStopTimeout(0);
  }

  /** Starts a receiver; port 0 picks a free one. */
  public static SyncReceiver start(ReceiverConfig config) {
    SyncReceiver receiver;
    try {
      receiver = new SyncReceiver(config);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the journal " + config.journal() + ": " + e.getMessage(), e);
    }
    try {
      receiver.server.start();
    } catch (Exception e) {
      receiver.close();
      throw new IllegalStateException("could not listen on " + config.host() + ":" + config.port() + " ("
          + e.getMessage() + "); is another process on that port? Port 0 picks a free one (port(0); --port 0 on the command line)", e);
    }
    return receiver;
  }

  /** Starts a receiver with every default: loopback, a free port, signatures unchecked. */
  public static SyncReceiver start() {
    return start(ReceiverConfig.defaults());
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /** Where Sync should POST: {@code http://127.0.0.1:PORT/webhooks}. */
  public URI webhookUrl() {
    return baseUrl().resolve(config.webhookPath());
  }

  /** The events held in memory, to query or subscribe to. */
  public RecordedEvents events() {
    return events;
  }

  /** How accepted webhooks are answered: 200 by default; 5xx, late or dropped by rule. */
  public ReplyPolicy replyPolicy() {
    return replyPolicy;
  }

  public ReceiverConfig config() {
    return config;
  }

  /**
   * Stops listening, then flushes and closes the journal; every socket and thread is freed even if
   * one step fails. With a console, prints the summary of what arrived by type and status.
   */
  @Override
  public void close() {
    boolean served = server.isStarted(); // no summary after a failed start, nor twice
    try {
      server.stop();
    } catch (Exception ignored) {
      // carry on freeing the rest
    } finally {
      forwarder.close();
      stream.close();
      recorder.close();
      if (console != null && served) {
        console.printSummary();
      }
    }
  }

  @Override
  public String toString() {
    return "SyncReceiver " + webhookUrl();
  }

  /** The journal, or null without one; tests pause or fail its writes. */
  EventJournal journal() {
    return recorder.journal();
  }

  RedeliveryIndex redeliveries() {
    return redeliveries;
  }

  /** Where the receiver listens; tests shorten its idle timeout. */
  ServerConnector connector() {
    return connector;
  }
}
