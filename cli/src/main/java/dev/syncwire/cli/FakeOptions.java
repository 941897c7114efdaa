package dev.syncwire.cli;

import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.harness.fake.SyncApiFake;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The fake's account, token, service, seed and clock, where it listens, who may use its control
 * API, and its state on start and exit: shared by {@code fake}, {@code up} and {@code exec}.
 */
final class FakeOptions {
  static final String CONTROL_TOKEN_VARIABLE = "SYNCWIRE_CONTROL_TOKEN";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", converter = OptionValues.Host.class,
      description = "Interface to bind. Default: ${DEFAULT-VALUE} (loopback only); any other address needs --control-token.")
  InetAddress host;

  @Option(names = "--control-token", paramLabel = "TOKEN", converter = OptionValues.ControlToken.class,
      description = "Every call to the control API (/__syncwire/...) must send Authorization: Bearer TOKEN."
          + " Defaults to $" + CONTROL_TOKEN_VARIABLE + " if set; without one the control API is open (loopback only).")
  String controlToken;

  @Option(names = "--import", paramLabel = "FILE", converter = OptionValues.ExistingFile.class,
      description = "Start with the state in this snapshot file (from --export-on-exit or GET /__syncwire/snapshot).")
  Path importFile;

  @Option(names = "--export-on-exit", paramLabel = "FILE", converter = OptionValues.JournalFile.class,
      description = "Write the whole state to this file when syncwire stops (Ctrl-C too), atomically.")
  Path exportFile;
  @Option(names = "--account-sid", paramLabel = "AC...", converter = OptionValues.AccountSid.class,
      description = "Account SID the fake accepts. Default: derived from --seed.")
  String accountSid;

  @Option(names = "--auth-token", paramLabel = "TOKEN", converter = OptionValues.AuthToken.class,
      description = "Auth token the fake accepts and signs webhooks with. Default: derived from --seed.")
  String authToken;

  @Option(names = "--service-sid", paramLabel = "IS...", converter = OptionValues.ServiceSid.class,
      description = "SID of the ready default Sync service. Default: derived from --seed.")
  String serviceSid;

  @Option(names = "--seed", defaultValue = "" + SyncApiFake.Builder.DEFAULT_SEED, paramLabel = "N",
      description = "Seed for every SID, so two runs give the same SIDs. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--clock", defaultValue = "system", paramLabel = "system|manual[=INSTANT]",
      converter = OptionValues.Clock.class,
      description = {"system: real time, TTLs expire on their own (the default).",
          "manual: time stands still until moved; manual=2026-01-01T00:00:00Z starts it there."})
  ClockSetting clock = ClockSetting.SYSTEM;

  @Option(names = "--stream-webhooks",
      description = "Post stream_message_published for each stream message. Off by default: nothing shows Twilio sending it.")
  boolean streamWebhooks;

  @Option(names = "--webhook-signing-key", paramLabel = "KEY_ID:SECRET", converter = OptionValues.SigningKeyValue.class,
      description = "Sign webhooks as a Twilio Webhook Rule does: HMAC-SHA256 with SECRET, announced by"
          + " X-Twilio-Webhooks-Signature-Settings: key=KEY_ID,algorithm=HMAC_SHA256. Default: HMAC-SHA1 with the auth token.")
  SigningKey webhookSigningKey;

  @Mixin
  ProxyOptions proxy = new ProxyOptions();

  private SyncApiFake.Snapshot imported; // read and checked at start, restored by importInto

  SyncApiFake.Builder apply(SyncApiFake.Builder builder) {
    builder.seed(seed).clock(clock.newClock()).host(host.getHostAddress()).controlToken(controlToken())
        .streamWebhooks(streamWebhooks);
    if (accountSid != null) {
      builder.accountSid(accountSid);
    }
    if (authToken != null) {
      builder.authToken(authToken);
    }
    if (serviceSid != null) {
      builder.serviceSid(serviceSid);
    }
    if (webhookSigningKey != null) {
      builder.webhookSigningKey(webhookSigningKey.id(), webhookSigningKey.secret());
    }
    return builder;
  }

  /**
   * Starts the fake on {@code port}, reporting a busy port in terms of {@code portOption}, with
   * the {@code --import} state restored. Checks the host, token, import and export files first.
   */
  SyncApiFake start(SyncApiFake.Builder builder, String portOption, int port) {
    if (!host.isLoopbackAddress() && controlToken() == null) {
      throw new StartupError("--host " + host.getHostAddress() + " is reachable from other machines, and the control API"
          + " (/__syncwire/...) can read and replace all state: give --control-token TOKEN (or set "
          + CONTROL_TOKEN_VARIABLE + "), or keep --host 127.0.0.1.", null);
    }
    SyncApiFake.Snapshot imported = importFile == null ? null : readImport(importFile);
    proxy.apply(builder, portOption, port);
    if (exportFile != null) {
      SnapshotExport.checkWritable(exportFile);
    }
    SyncApiFake fake;
    try {
      fake = apply(builder.port(port)).start();
    } catch (IllegalStateException e) {
      throw StartupError.cannotListen(portOption, host.getHostAddress(), port, e);
    }
    this.imported = imported;
    return fake;
  }

  /**
   * Restores {@code --import}, if given: call it once the default service's webhooks point where
   * this run sends them (the snapshot names the last run's receiver), so that nothing expiring at
   * once goes to the old port and flags such as {@code --webhook-url} win over the file.
   * {@code keepDefaultWebhook} false: the file's webhook settings stand (no flag set them).
   */
  void importInto(SyncApiFake fake, boolean keepDefaultWebhook) {
    if (imported != null && keepDefaultWebhook) {
      fake.importState(imported);
    } else if (imported != null) {
      fake.restore(imported);
    }
  }

  /** What the commands close before the fake: the {@code --export-on-exit} writer, or nothing. */
  AutoCloseable exportOnExit(SyncApiFake fake) {
    return exportFile == null ? () -> { } : new SnapshotExport(fake, exportFile);
  }

  /** --control-token, else $SYNCWIRE_CONTROL_TOKEN, else null. */
  String controlToken() {
    if (controlToken != null) {
      return controlToken;
    }
    // The root command holds the environment, however deeply this mixin is nested (up and exec nest it in UpOptions).
    Object command = mixee == null || mixee.commandLine() == null ? null
        : mixee.commandLine().getCommandSpec().root().userObject();
    String value = command instanceof SyncwireCommand syncwire ? syncwire.environmentValue(CONTROL_TOKEN_VARIABLE)
        : System.getenv(CONTROL_TOKEN_VARIABLE);
    return value == null || value.isBlank() ? null : value;
  }

  private static SyncApiFake.Snapshot readImport(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new StartupError("--import " + file + ": there is no such file; give a snapshot written by --export-on-exit"
          + " or GET /__syncwire/snapshot.", e);
    } catch (IOException e) {
      throw new StartupError("--import " + file + ": cannot read it (" + e.getMessage() + ").", e);
    }
    try {
      return SyncApiFake.Snapshot.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new StartupError("--import " + file + ": " + e.getMessage()
          + ". Give a snapshot written by --export-on-exit or GET /__syncwire/snapshot.", e);
    }
  }

  /**
   * The fake's credentials and URL; callers add SYNCWIRE_CONTROL_URL (and {@code up}, the receiver's URL)
   * and, with {@code --proxy}, {@link ProxyOptions#environment}.
   */
  static Map<String, String> environment(SyncApiFake fake) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("TWILIO_ACCOUNT_SID", fake.accountSid());
    variables.put("TWILIO_AUTH_TOKEN", fake.authToken());
    variables.put("TWILIO_SYNC_SERVICE_SID", fake.defaultServiceSid());
    variables.put("SYNCWIRE_SYNC_BASE_URL", fake.baseUrl());
    return variables;
  }


  static void printEnvironment(PrintWriter out, Map<String, String> variables) {
    variables.forEach((name, value) -> out.println("  export " + name + "=" + shellWord(value)));
    out.println("Node:  client.sync.baseUrl = process.env.SYNCWIRE_SYNC_BASE_URL;");
    out.println("Java:  new TwilioRestClient.Builder(sid, token).httpClient(new FakeHttpClient(baseUrl)).build();");
  }

  /** {@code value} as one POSIX shell word: as is when plain, else in single quotes (JAVA_TOOL_OPTIONS has spaces and |). */
  static String shellWord(String value) {
    return value.matches("[A-Za-z0-9_@%+=:,./-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
