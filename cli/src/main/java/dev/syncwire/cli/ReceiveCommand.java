package dev.syncwire.cli;

import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import dev.syncwire.receiver.SignatureMode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code syncwire receive}: a standalone webhook receiver that prints one line per event. */
@Command(
    name = "receive",
    mixinStandardHelpOptions = true,
    description = {
      "Receive Twilio Sync webhooks and print one line per event.",
      "It checks X-Twilio-Signature and every parameter and records each event.",
      "Without --auth-token it checks with $TWILIO_AUTH_TOKEN, if set.",
      "Recorded events: GET /api/events, live: GET /api/events/stream.",
      ""
    },
    footer = {"", "Example: syncwire receive --port 8080 --auth-token $TWILIO_AUTH_TOKEN --journal events.jsonl"})
final class ReceiveCommand implements Callable<Integer> {
  static final String TOKEN_VARIABLE = "TWILIO_AUTH_TOKEN";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ParentCommand
  SyncwireCommand syncwire;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", converter = OptionValues.Host.class,
      description = "Interface to bind. Default: ${DEFAULT-VALUE} (loopback only); 0.0.0.0 opens it to your network.")
  InetAddress host;

  @CommandLine.Mixin
  CheckingOptions signatures = new CheckingOptions();

  @Option(names = "--signature", paramLabel = "MODE", converter = OptionValues.Signature.class,
      description = "enforce (403 on a bad signature), warn (record, flag invalid) or off. Default: enforce with a token, else unchecked.")
  SignatureMode signature;

  @Option(names = "--public-url", paramLabel = "URL", converter = OptionValues.PublicUrl.class,
      description = "The URL Twilio calls when you sit behind a tunnel or proxy, e.g. https://abc.ngrok.app")
  URI publicUrl;

  @CommandLine.Mixin
  JournalOption journal = new JournalOption();

  @Option(names = "--fsync", description = "Force each journal batch to disk before answering (power-loss durability).")
  boolean fsync;

  @Option(names = "--max-events", defaultValue = "100000", paramLabel = "N", converter = OptionValues.EventCount.class,
      description = "Events held in memory; the oldest are dropped and counted. Default: ${DEFAULT-VALUE}.")
  int maxEvents;

  @Option(names = "--forward-to", paramLabel = "URL", converter = OptionValues.ForwardTo.class,
      description = "Send each accepted event on to your handler at URL, re-signed for it with the auth token.")
  URI forwardTo;

  @CommandLine.Mixin
  ColorOption color = new ColorOption();

  @Override
  public Integer call() throws InterruptedException {
    syncwire.stopSignal.arm();
    ReceiverConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    SyncReceiver receiver = start(config);
    out.println("syncwire receiver listening on " + boundAddress(host, receiver.port())
        + (host.isLoopbackAddress() ? " (loopback only)" : host.isAnyLocalAddress() ? " (every interface)" : ""));
    if (!host.isLoopbackAddress()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("warning: " + host.getHostAddress() + " is not a loopback address: anyone who can reach this machine"
          + " on port " + receiver.port() + " can post webhooks and read every recorded event.");
      err.flush();
    }
    out.println("  webhooks:   POST " + receiver.webhookUrl());
    out.println("  events:     GET  " + receiver.baseUrl() + "/api/events   (live: /api/events/stream)");
    out.println("  inspector:  open " + receiver.baseUrl() + "/ in a browser: live events, detail, replay");
    out.println("  signatures: " + signatures(config) + (config.publicUrl() == null ? "" : ", public URL " + config.publicUrl()));
    if (config.forwardTo() != null) {
      out.println("  forwarding: " + config.forwardTo() + (config.authTokens().isEmpty() ? " (unsigned: no auth token)"
          : " (re-signed for it)"));
    }
    if (config.journal() != null) {
      out.println("  journal:    " + config.journal().toAbsolutePath() + " (" + receiver.events().size()
          + " events read back)");
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    syncwire.serveUntilStopped(out, receiver);
    return 0;
  }

  ReceiverConfig config() {
    List<String> tokens = new ArrayList<>(signatures.authTokens);
    List<SigningKey> signingKeys = signatures.signingKeys();
    if (tokens.isEmpty() && syncwire.environmentValue(TOKEN_VARIABLE) != null) {
      tokens.add(syncwire.environmentValue(TOKEN_VARIABLE));
    }
    if ((signature == SignatureMode.ENFORCE || signature == SignatureMode.WARN) && tokens.isEmpty()
        && signingKeys.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--signature " + signature.wireName()
          + " needs a token to check signatures against; give --auth-token TOKEN (or set $" + TOKEN_VARIABLE
          + "), or choose --signature off.");
    }
    ReceiverConfig.Builder builder = ReceiverConfig.builder()
        .host(host.getHostAddress()).port(port).authTokens(tokens).publicUrl(publicUrl)
        .journal(journal.journal).fsync(fsync).maxEvents(maxEvents).forwardTo(forwardTo).console(System.out)
        .consoleColor(color.colored(syncwire.environment));
    if (signature != null) {
      builder.signatureMode(signature);
    }
    signingKeys.forEach(k -> builder.signingKey(k.id(), k.secret()));
    return builder.build();
  }

  /** Starts a receiver, reporting a busy port or an unusable journal in terms of --port and --journal. */
  static SyncReceiver start(ReceiverConfig config) {
    try {
      return SyncReceiver.start(config);
    } catch (UncheckedIOException e) {
      throw StartupError.cannotOpenJournal(config.journal(), e);
    } catch (IllegalStateException e) {
      throw StartupError.cannotListen("--port", config.host(), config.port(), e);
    }
  }

  /** The signature check and where its tokens came from; never the tokens themselves. */
  private String signatures(ReceiverConfig config) {
    int tokens = config.authTokens().size();
    if (config.signatureMode() == SignatureMode.OFF) {
      return tokens == 0 ? "unchecked (no --auth-token given and $" + TOKEN_VARIABLE + " is not set)"
          : "unchecked (--signature off)";
    }
    String mode = config.signatureMode().wireName();
    String keys = config.signingKeys().isEmpty() ? ""
        : ", signing keys " + String.join(", ", config.signingKeys().stream().map(SigningKey::id).toList());
    if (tokens == 0) {
      return mode + " with --signing-key only" + keys + " (webhooks without a Webhook Rule header are refused)";
    }
    if (signatures.authTokens.isEmpty()) {
      return mode + " with the token from $" + TOKEN_VARIABLE + keys + " (no --auth-token given; --signature off to accept any)";
    }
    return mode + " with " + tokens + (tokens == 1 ? " token" : " tokens") + " from --auth-token" + keys;
  }

  private static String boundAddress(InetAddress host, int port) {
    String address = host.getHostAddress();
    return (host instanceof Inet6Address ? "[" + address + "]" : address) + ":" + port;
  }
}
