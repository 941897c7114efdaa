package dev.syncwire.cli;

import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import dev.syncwire.receiver.signature.SignatureMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncwire receive}: a standalone webhook receiver that prints one line per event. */
@Command(
    name = "receive",
    mixinStandardHelpOptions = true,
    description = {
      "Receive Twilio Sync webhooks: check X-Twilio-Signature and every parameter, record each event,",
      "and print one line per event. Recorded events: GET /api/events, live: GET /api/events/stream.",
      ""
    },
    footer = {"", "Example: syncwire receive --port 8080 --auth-token $TWILIO_AUTH_TOKEN --journal events.jsonl"})
final class ReceiveCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Interface to bind. Default: ${DEFAULT-VALUE} (loopback only); 0.0.0.0 opens it to your network.")
  String host;

  @Option(names = "--auth-token", paramLabel = "TOKEN",
      description = "Auth token to check signatures with; repeat for token rotation. Defaults to $TWILIO_AUTH_TOKEN if set.")
  List<String> authTokens = new ArrayList<>();

  @Option(names = "--signature", paramLabel = "MODE",
      description = "enforce (403 on a bad signature), warn (record, flag invalid) or off. Default: enforce with a token, else unchecked.")
  String signature;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The URL Twilio calls when you sit behind a tunnel or proxy, e.g. https://abc.ngrok.app")
  URI publicUrl;

  @Option(names = "--journal", paramLabel = "FILE", description = "Append every event to this JSON Lines file; read back on start.")
  Path journal;

  @Option(names = "--fsync", description = "Force each journal batch to disk before answering (power-loss durability).")
  boolean fsync;

  @Option(names = "--max-events", defaultValue = "100000", paramLabel = "N",
      description = "Events held in memory; the oldest are dropped and counted. Default: ${DEFAULT-VALUE}.")
  int maxEvents;

  @Override
  public Integer call() throws InterruptedException {
    ReceiverConfig config = config();
    try (SyncReceiver receiver = SyncReceiver.start(config)) {
      System.out.println("syncwire receiver listening on " + receiver.baseUrl());
      System.out.println("  webhooks:   POST " + receiver.webhookUrl());
      System.out.println("  events:     GET  " + receiver.baseUrl() + "/api/events   (live: /api/events/stream)");
      System.out.println("  signatures: " + (config.authTokens().isEmpty() || config.signatureMode() == SignatureMode.OFF
              ? "unchecked (no --auth-token given, or --signature off)"
              : config.signatureMode().wireName() + " with " + config.authTokens().size() + " token(s)")
          + (config.publicUrl() == null ? "" : ", public URL " + config.publicUrl()));
      if (config.journal() != null) {
        System.out.println("  journal:    " + config.journal().toAbsolutePath() + " (" + receiver.events().size()
            + " events read back)");
      }
      System.out.println("Press Ctrl-C to stop.");
      awaitShutdown(receiver);
    }
    return 0;
  }

  ReceiverConfig config() {
    List<String> tokens = new ArrayList<>(authTokens);
    if (tokens.isEmpty() && System.getenv("TWILIO_AUTH_TOKEN") != null && !System.getenv("TWILIO_AUTH_TOKEN").isBlank()) {
      tokens.add(System.getenv("TWILIO_AUTH_TOKEN"));
    }
    ReceiverConfig.Builder builder = ReceiverConfig.builder()
        .host(host).port(port).authTokens(tokens).publicUrl(publicUrl)
        .journal(journal).fsync(fsync).maxEvents(maxEvents).console(System.out);
    if (signature != null) {
      builder.signatureMode(SignatureMode.parse(signature));
    }
    return builder.build();
  }

  /** Blocks until Ctrl-C; the hook closes the receiver so the journal is flushed. */
  static void awaitShutdown(AutoCloseable... resources) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      try {
        closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "syncwire-shutdown"));
    stopped.await();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e.getMessage());
      }
    }
    System.out.println("syncwire stopped.");
    closed.countDown();
  }
}
